from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from vanphong.org.acting import choose_acting, current_acting, request_actings


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok"})


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The person, the unit and role they act in, and every role open to them."""
    acting = current_acting(request)
    return render(
        request,
        "web/home.html",
        {
            "acting": acting,
            "parent": acting.unit.parent if acting else None,
            "actings": request_actings(request),
        },
    )


@login_required
@require_POST
def switch_acting(request: HttpRequest) -> HttpResponse:
    """Act in another unit or role for the rest of the session."""
    acting = choose_acting(request, request.POST.get("key", ""))
    if acting is None:
        # A delegation revoked or a role ended since the page was drawn.
        messages.error(request, _("That role is no longer open to you."))
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return redirect(target)
