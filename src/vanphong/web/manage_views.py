"""The administration area: overview, the 2025 reorganisation, background jobs, audit journal."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vanphong.audit.selectors import audit_verify_chain
from vanphong.core.errors import Conflict, DomainError, Forbidden
from vanphong.org.demo import reorg_2025_apply
from vanphong.org.models import User
from vanphong.org.selectors import units_administered_by
from vanphong.web.access import (
    access_instance_admin,
    access_manage,
    can_apply_reorg,
    is_instance_admin,
)
from vanphong.web.errors import domain_errors
from vanphong.web.jobs import job_counts, job_retry, jobs_failed, jobs_retrying
from vanphong.web.journal import audit_events_visible_to
from vanphong.web.reorg import check_reorg_2025_ready, reorg_2025_preview

JOBS_SHOWN = 100
EVENTS_SHOWN = 50


@login_required
@require_GET
@domain_errors
def manage_home(request: HttpRequest) -> HttpResponse:
    """What the administrator looks after, with the figures that need attention."""
    acting = access_manage(request)
    user: User = request.user  # type: ignore[assignment]
    instance_admin = is_instance_admin(user, acting)
    return render(
        request,
        "web/manage/index.html",
        {
            "administered_count": units_administered_by(user).count(),
            "instance_admin": instance_admin,
            "jobs": job_counts() if instance_admin else None,
            "reorg": reorg_2025_preview(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors
def manage_reorg(request: HttpRequest) -> HttpResponse:
    """The 2025 reorganisation: the plan for every administrator, Apply for those allowed."""
    acting = access_manage(request)
    user: User = request.user  # type: ignore[assignment]
    allowed = can_apply_reorg(user, acting)
    if request.method == "POST":
        if not allowed:
            raise Forbidden(_("Only the administrator of Thành ủy may apply the reorganisation."))
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the confirmation box to apply the reorganisation."))
            return redirect("web:manage_reorg")
        try:
            check_reorg_2025_ready(reorg_2025_preview())
            summary = reorg_2025_apply(by=user)
        except DomainError as exc:
            messages.error(request, exc.detail)
        else:
            messages.success(
                request,
                _(
                    "The 2025 reorganisation has been applied: %(units)d units opened and "
                    "%(memberships)d roles carried over to the successor units."
                )
                % {"units": summary.units_created, "memberships": summary.memberships_created},
            )
        return redirect("web:manage_reorg")
    return render(
        request,
        "web/manage/reorg.html",
        {
            "preview": reorg_2025_preview(),
            "can_apply": allowed,
            "instance_admin": is_instance_admin(user, acting),
        },
    )


@login_required
@require_GET
@domain_errors
def manage_jobs(request: HttpRequest) -> HttpResponse:
    """Jobs that failed for good and jobs waiting for another attempt, with their errors."""
    access_instance_admin(request)
    return render(
        request,
        "web/manage/jobs.html",
        {
            "counts": job_counts(),
            "failed": jobs_failed()[:JOBS_SHOWN],
            "retrying": jobs_retrying()[:JOBS_SHOWN],
            "shown": JOBS_SHOWN,
        },
    )


@login_required
@require_POST
@domain_errors
def manage_job_retry(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    """Send a failed job back to the queue."""
    access_instance_admin(request)
    try:
        job = job_retry(by=request.user, job_id=job_id)  # type: ignore[arg-type]
    except Conflict as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("Job %(task)s is back in the queue.") % {"task": job.task_name})
    return redirect("web:manage_jobs")


@login_required
@require_GET
@domain_errors
def manage_audit(request: HttpRequest) -> HttpResponse:
    """Verify the audit journal's hash chain and show the latest events the person may read."""
    acting = access_manage(request)
    user: User = request.user  # type: ignore[assignment]
    verdict = audit_verify_chain()
    events = audit_events_visible_to(user)
    broken = None
    if not verdict.ok and verdict.broken_seq is not None:
        broken = events.filter(seq=verdict.broken_seq).first()
    return render(
        request,
        "web/manage/audit.html",
        {
            "verdict": verdict,
            "broken": broken,
            "events": events[:EVENTS_SHOWN],
            "shown": EVENTS_SHOWN,
            "instance_admin": is_instance_admin(user, acting),
        },
    )
