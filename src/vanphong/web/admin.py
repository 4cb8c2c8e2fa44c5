"""Django admin for the job queue: failed jobs can be run again, through ``job_retry``."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from vanphong.web.jobs import job_retry

admin.site.unregister(DBTaskResult)


class AttemptsFilter(admin.SimpleListFilter):
    title = _("waiting to retry")
    parameter_name = "retrying"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]
    ) -> list[tuple[str, str]]:
        return [("yes", str(_("Yes")))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[DBTaskResult[Any, Any]]
    ) -> QuerySet[DBTaskResult[Any, Any]]:
        if self.value() == "yes":
            return queryset.filter(status=TaskResultStatus.READY).exclude(exception_class_path="")
        return queryset


@admin.register(DBTaskResult)
class JobAdmin(DBTaskResultAdmin):
    """Background jobs; failed ones can be sent back to the queue."""

    list_display = (
        "task_name",
        "status",
        "attempts",
        "last_error",
        "enqueued_at",
        "run_after_display",
        "finished_at",
        "queue_name",
    )
    list_filter = ("status", AttemptsFilter, "queue_name")  # type: ignore[assignment]
    search_fields = ("task_path", "exception_class_path")
    actions = ["retry_jobs"]

    @admin.display(description=_("attempts"))
    def attempts(self, obj: DBTaskResult[Any, Any]) -> int:
        return len(obj.worker_ids)

    @admin.display(description=_("last error"))
    def last_error(self, obj: DBTaskResult[Any, Any]) -> str:
        return obj.exception_class_path.rsplit(".", 1)[-1] if obj.exception_class_path else ""

    @admin.display(description=_("run after"))
    def run_after_display(self, obj: DBTaskResult[Any, Any]) -> object:
        return "" if obj.run_after == get_date_max() else obj.run_after

    @admin.display(description="traceback")
    def formatted_traceback(self, obj: DBTaskResult[Any, Any]) -> str:
        return format_html("<pre>{}</pre>", obj.traceback) if obj.traceback else "-"

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Read-only form, but the change permission is what admin actions require.
        return bool(request.user.is_superuser)

    def get_readonly_fields(
        self, request: HttpRequest, obj: DBTaskResult[Any, Any] | None = None
    ) -> list[str]:
        return super().get_readonly_fields(request, obj)

    @admin.action(description=_("Run the selected jobs again"))
    def retry_jobs(self, request: HttpRequest, queryset: QuerySet[DBTaskResult[Any, Any]]) -> None:
        failed = queryset.filter(status=TaskResultStatus.FAILED).values_list("pk", flat=True)
        count = 0
        for job_id in failed:
            job_retry(by=request.user, job_id=job_id)  # type: ignore[arg-type]
            count += 1
        self.message_user(
            request,
            ngettext(
                "%d job was put back in the queue.", "%d jobs were put back in the queue.", count
            )
            % count,
            messages.SUCCESS,
        )
