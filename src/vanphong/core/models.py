from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A running ``vanphong worker`` process, as last heard of.

    Jobs left RUNNING by a worker that stopped beating (killed, machine lost) are handed back to
    the queue by the surviving workers.
    """

    worker_id = models.CharField(_("worker id"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("PID"))
    started_at = models.DateTimeField(_("started at"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("background worker")
        verbose_name_plural = _("background worker")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"
