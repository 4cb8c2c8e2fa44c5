from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from vanphong.core.models import WorkerHeartbeat

# The job queue's own admin (with its retry action) is registered by the web layer, which
# owns the one service that retries a job and records it in the audit journal.


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin[WorkerHeartbeat]):
    list_display = ("worker_id", "hostname", "pid", "started_at", "last_seen")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
