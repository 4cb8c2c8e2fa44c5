"""Reads the organisation pages need beyond ``vanphong.org.selectors``.

Each one applies the person's scope itself or is handed a unit the caller already obtained
through ``vanphong.org.access``; none is more than a few queries, whatever the size of the tree.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vanphong.org.models import Delegation, Membership, Unit, UnitChange, UnitVersion, User
from vanphong.org.selectors import Acting, today, units_visible_to

LIST_LIMIT = 100


def visible_unit_ids(
    user: User, ids: Iterable[int | None], *, actings: list[Acting] | None = None
) -> set[int]:
    """Which of ``ids`` ``user`` may open (closed units included), in one query (``actings``:
    ``actings_for(user)`` when the caller has read it)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return set()
    return set(
        units_visible_to(user, include_closed=True, actings=actings)
        .filter(pk__in=wanted)
        .values_list("pk", flat=True)
    )


def unit_versions(unit: Unit) -> QuerySet[UnitVersion]:
    """Every state ``unit`` has been in, newest first, with the parent it had then."""
    return unit.versions.select_related("parent").order_by("-valid_from")


def unit_predecessors(unit: Unit) -> QuerySet[Unit]:
    """The units closed into ``unit``: their work now comes to it."""
    return unit.predecessors.order_by("short_name")


@dataclass(frozen=True)
class ChangeRow:
    """A reorganisation step seen from one unit: the units it came from and went to."""

    change: UnitChange
    sources: list[Unit]
    targets: list[Unit]
    incoming: bool  # the unit is among the step's results (created, received a merger …)


def unit_changes(unit: Unit) -> list[ChangeRow]:
    """The reorganisation steps ``unit`` took part in, newest first (two queries).

    The unit itself is left out of each side, so a split reads "→ the new units" and a merger
    received reads "← the merged units".
    """
    changes = (
        UnitChange.objects.filter(Q(sources=unit) | Q(targets=unit))
        .distinct()
        .prefetch_related("sources", "targets")
        .order_by("-effective", "-id")
    )
    rows = []
    for change in changes:
        sources = list(change.sources.all())
        targets = list(change.targets.all())
        rows.append(
            ChangeRow(
                change=change,
                sources=[u for u in sources if u.pk != unit.pk],
                targets=[u for u in targets if u.pk != unit.pk],
                incoming=any(u.pk == unit.pk for u in targets),
            )
        )
    return rows


def memberships_held_by(user: User, *, on: dt.date | None = None) -> QuerySet[Membership]:
    """``user``'s own current roles in units that exist today: what they may delegate."""
    day = on or today()
    return (
        Membership.objects.active_on(day)
        .filter(user=user, unit__in=Unit.objects.active_on(day))
        .select_related("unit")
        .order_by("-is_primary", "unit__path", "role")
    )


@dataclass
class Colleagues:
    """The people of one unit a person could delegate to."""

    unit: Unit
    people: list[User] = field(default_factory=list)


def delegation_candidates(user: User, units: Iterable[Unit]) -> list[Colleagues]:
    """Current members of ``units`` other than ``user``, grouped by unit, in one query."""
    units = list(units)
    by_unit = {u.pk: Colleagues(u) for u in units}
    seen: set[tuple[int, int]] = set()
    rows = (
        Membership.objects.active_on(today())
        .filter(unit__in=units)
        .exclude(user=user)
        .select_related("user")
        .order_by("user__full_name", "user__username")
    )
    for m in rows:
        # A person holding several roles in one unit is one candidate.
        if (m.unit_id, m.user_id) not in seen:
            seen.add((m.unit_id, m.user_id))
            by_unit[m.unit_id].people.append(m.user)
    return [c for c in by_unit.values() if c.people]


class DelegationState(enum.StrEnum):
    SCHEDULED = "scheduled"
    ACTIVE = "active"
    LAPSED = "lapsed"  # the delegator no longer holds the role, so it cannot be exercised
    ENDED = "ended"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return str(_STATE_LABELS[self])

    @property
    def in_force(self) -> bool:
        return self in {DelegationState.SCHEDULED, DelegationState.ACTIVE}


_STATE_LABELS = {
    DelegationState.SCHEDULED: _("Not started yet"),
    DelegationState.ACTIVE: _("In force"),
    DelegationState.LAPSED: _("Lapsed (the role has ended)"),
    DelegationState.ENDED: _("Ended"),
    DelegationState.REVOKED: _("Revoked"),
}


@dataclass(frozen=True)
class DelegationRow:
    delegation: Delegation
    state: DelegationState


def _state(d: Delegation, now: dt.datetime) -> DelegationState:
    if d.revoked_at is not None:
        return DelegationState.REVOKED
    if d.valid_to < now:
        return DelegationState.ENDED
    if not d.grantor_holds:  # type: ignore[attr-defined]
        return DelegationState.LAPSED
    if d.valid_from > now:
        return DelegationState.SCHEDULED
    return DelegationState.ACTIVE


def _delegations(qs: QuerySet[Delegation]) -> list[DelegationRow]:
    now = timezone.now()
    grantor_holds = Membership.objects.active_on(today()).filter(
        user=OuterRef("grantor"), unit=OuterRef("unit"), role=OuterRef("role")
    )
    rows = (
        qs.select_related("unit", "grantor", "grantee", "revoked_by")
        .annotate(grantor_holds=Exists(grantor_holds))
        .order_by("-valid_from", "-id")[:LIST_LIMIT]
    )
    return [DelegationRow(d, _state(d, now)) for d in rows]


def delegations_given(user: User) -> list[DelegationRow]:
    """Delegations ``user`` made, newest first, with the state each is in now."""
    return _delegations(Delegation.objects.filter(grantor=user))


def delegations_received(user: User) -> list[DelegationRow]:
    """Delegations made to ``user``, newest first, with the state each is in now."""
    return _delegations(Delegation.objects.filter(grantee=user))
