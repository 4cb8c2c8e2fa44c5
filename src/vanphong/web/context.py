"""What every page's layout needs: the person, the unit and role they act in, the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from vanphong.org.acting import current_acting, request_actings
from vanphong.web.nav import navigation


def layout(request: HttpRequest) -> dict[str, Any]:
    """The acting context, the roles to switch to, and the navigation for the current role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    acting = current_acting(request)
    return {
        "acting": acting,
        "acting_options": request_actings(request),
        "nav": navigation(request, acting),
    }
