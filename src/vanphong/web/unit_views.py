"""The organisation pages: the tree a person may see, and one unit with its history."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vanphong.org.access import access_unit
from vanphong.org.acting import current_acting, request_actings
from vanphong.org.models import User
from vanphong.org.selectors import members_of, today, unit_tree, units_visible_to
from vanphong.web.access import can_see_members
from vanphong.web.errors import domain_errors
from vanphong.web.selectors import (
    unit_changes,
    unit_predecessors,
    unit_versions,
    visible_unit_ids,
)


@login_required
@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    """The units the person may see as a collapsible tree; ``?closed=1`` adds dissolved ones."""
    include_closed = request.GET.get("closed") == "1"
    units = units_visible_to(
        request.user,  # type: ignore[arg-type]
        include_closed=include_closed,
        actings=request_actings(request),
    ).select_related("successor")
    acting = current_acting(request)
    # The tree opens at the top and along the way down to the unit the person works in.
    open_ids = {*acting.unit.ancestor_ids(), acting.unit.pk} if acting else set()
    tree = unit_tree(units)
    return render(
        request,
        "web/units/list.html",
        {
            "tree": tree,
            "visible_ids": {u.pk for u in units},
            "include_closed": include_closed,
            "open_ids": open_ids,
            "today": today(),
        },
    )


@login_required
@require_GET
@domain_errors
def unit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One unit: what it is now, every earlier state, the reorganisations it went through, and
    (for those who work in it or above it) its members."""
    user: User = request.user  # type: ignore[assignment]  # the view requires a login
    actings = request_actings(request)
    unit = access_unit(user, slug, actings=actings)
    acting = current_acting(request)
    versions = list(unit_versions(unit))
    changes = unit_changes(unit)
    predecessors = list(unit_predecessors(unit))
    successor = unit.successor
    related: list[int | None] = [u.pk for row in changes for u in (*row.sources, *row.targets)]
    related += [u.pk for u in predecessors] + [v.parent_id for v in versions]
    related += [unit.parent_id, unit.successor_id]
    show_members = can_see_members(user, acting, unit)
    return render(
        request,
        "web/units/detail.html",
        {
            "unit": unit,
            "active": unit.is_active_on(today()),
            "versions": versions,
            "changes": changes,
            "predecessors": predecessors,
            "successor": successor,
            "linkable": visible_unit_ids(user, related, actings=actings),
            "show_members": show_members,
            "members": members_of(unit) if show_members else [],
        },
    )
