"""Saved groups of recipients (nhóm nơi nhận) of the acting unit: the list, and the form that
creates or changes one (a name and the units, chosen in the tree)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vanphong.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from vanphong.org.acting import current_acting, request_actings
from vanphong.org.models import Unit, User
from vanphong.org.selectors import Acting, TreeNode, unit_tree, units_visible_to
from vanphong.outgoing.access import check_may_manage_groups
from vanphong.outgoing.models import RecipientGroup
from vanphong.outgoing.services import recipient_group_save
from vanphong.web.errors import domain_errors


def _groups(owner: Unit) -> list[RecipientGroup]:
    """The groups of ``owner`` with their units, in two queries."""
    return list(
        RecipientGroup.objects.filter(owner=owner)
        .prefetch_related(Prefetch("units", queryset=Unit.objects.order_by("sort_order", "pk")))
        .order_by("name", "pk")
    )


def _group(owner: Unit, value: object) -> RecipientGroup | None:
    """The group of ``owner`` named by the id ``value`` (None for a new one); NotFound when
    ``owner`` has no such group."""
    if value in (None, ""):
        return None
    try:
        pk = int(str(value))
    except ValueError:
        pk = 0
    group = RecipientGroup.objects.filter(owner=owner, pk=pk).first() if pk > 0 else None
    if group is None:
        raise NotFound(_("%(unit)s has no such group.") % {"unit": owner}, code="unknown_group")
    return group


def _choices(
    user: User, actings: list[Acting], owner: Unit, group: RecipientGroup | None
) -> QuerySet[Unit]:
    """The units a group may hold: the part of the tree ``user`` (acting in ``actings``) may
    see, and the units the group already has (kept even when they are outside it, or closed
    since). One query."""
    scope = Q(pk__in=units_visible_to(user, actings=actings).values("pk"))
    if group is not None:
        scope |= Q(pk__in=group.units.values("pk"))
    return Unit.objects.filter(scope).exclude(pk=owner.pk)


def _flatten(nodes: Iterable[TreeNode], chosen: set[int], depth: int = 0) -> list[dict[str, Any]]:
    """The tree as indented lines of checkboxes, in the order of the organisation chart."""
    lines: list[dict[str, Any]] = []
    for node in nodes:
        lines.append({"unit": node.unit, "depth": depth, "checked": node.unit.pk in chosen})
        lines += _flatten(node.children, chosen, depth + 1)
    return lines


def _ids(values: Iterable[str]) -> set[int]:
    return {int(v) for v in values if v.isdecimal()}


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors
def outgoing_groups(request: HttpRequest) -> HttpResponse:
    """The acting unit's groups of recipients, for those who may manage them (its clerks,
    office leaders and administrators; others get 403). ``?edit=ID`` opens one group in the
    form; a POST saves it through ``recipient_group_save`` and says what went wrong, if
    anything, in a message above the form."""
    user = cast(User, request.user)
    acting = current_acting(request)
    if acting is None:
        raise Forbidden(_("Choose the unit you act for first."), code="groups_forbidden")
    owner, actings = acting.unit, request_actings(request)
    check_may_manage_groups(user, owner, actings=actings)
    if request.method == "POST":
        group = _group(owner, request.POST.get("group"))
        name = request.POST.get("name", "")
        units = _choices(user, actings, owner, group)
        values = request.POST.getlist("units")
        chosen = _ids(values)
        try:
            by_pk = {u.pk: u for u in units}
            if len(chosen) != len(values) or not chosen <= by_pk.keys():
                raise InvalidInput(_("Choose the units in the list."), code="unknown_unit")
            saved = recipient_group_save(
                by=user,
                owner=owner,
                name=name,
                units=[by_pk[pk] for pk in sorted(chosen)],
                group=group,
            )
        except Forbidden:
            raise
        except DomainError as exc:
            # Shown above the form, which keeps what was typed and ticked.
            messages.error(request, exc.detail)
        else:
            messages.success(
                request,
                _("The group %(name)s is saved with %(count)s units.")
                % {"name": saved.name, "count": saved.units.count()},
            )
            return redirect("outgoing:groups")
    else:
        group = _group(owner, request.GET.get("edit"))
        name = group.name if group is not None else ""
        units = _choices(user, actings, owner, group)
        chosen = {u.pk for u in group.units.all()} if group is not None else set()
    return render(
        request,
        "outgoing/groups.html",
        {
            "unit": owner,
            "groups": _groups(owner),
            "editing": group,
            "name": name,
            "lines": _flatten(unit_tree(units), chosen),
        },
    )
