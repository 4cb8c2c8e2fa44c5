"""Reading work: the rules and calendar deadlines follow, and the inboxes (hộp việc) of people
and units with their follow-up buckets, scoped to what the reader may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, Protocol, TypeVar

from django.db.models import Q, QuerySet

from vanphong.core.text import sort_key
from vanphong.documents.models import Direction as DocumentDirection
from vanphong.documents.models import Document, DocumentEvent
from vanphong.org.models import Membership, RoleChoices, Unit, User, person_name
from vanphong.org.roles import Capability, Role, can
from vanphong.org.selectors import today
from vanphong.work.deadlines import HORIZON_DAYS, Calendar, Rules
from vanphong.work.models import (
    Assignment,
    Holiday,
    WorkRules,
)

# --- rules and calendar --------------------------------------------------------------------


def rules_of(row: WorkRules | None) -> Rules:
    """The pure rules a ``WorkRules`` row holds (the defaults for None)."""
    if row is None:
        return Rules()
    return Rules(
        days={
            "hoa_toc": row.days_hoa_toc,
            "thuong_khan": row.days_thuong_khan,
            "khan": row.days_khan,
            "thuong": row.days_thuong,
        },
        near_due_days=row.near_due_days,
        same_day_until=row.same_day_until,
    )


def rules_for(unit: Unit) -> Rules:
    """The deadline rules of ``unit``: its own, else those of the nearest unit above it that
    has some, else the defaults. One query."""
    row = (
        WorkRules.objects.filter(unit_id__in=[*unit.ancestor_ids(), unit.pk])
        .order_by("-unit__depth")
        .first()
    )
    return rules_of(row)


def calendar_for(start: dt.date, end: dt.date) -> Calendar:
    """The working calendar between ``start`` and ``end`` (inclusive), from the holiday table.
    One query."""
    rows = Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", "working")
    return Calendar.of(
        holidays=[d for d, working in rows if not working],
        working_weekends=[d for d, working in rows if working],
    )


def calendar_from(day: dt.date, *, days: int = HORIZON_DAYS) -> Calendar:
    """The calendar for ``days`` days from ``day`` on: enough for any deadline computed now."""
    return calendar_for(day - dt.timedelta(days=7), day + dt.timedelta(days=days))


# --- who can be given work ------------------------------------------------------------------


class _Placed(Protocol):
    """A person's place in a unit: a ``Membership`` read as values."""

    user_id: int
    unit_id: int


class _Ranked(Protocol):
    """A unit as lists name and order it: a ``Unit``, or one read as values."""

    pk: int
    depth: int
    sort_order: int
    short_name: str
    full_name: str


_P = TypeVar("_P", bound=_Placed)


def name_key(user: User) -> tuple[object, ...]:
    """Vietnamese lists of people go by the given name (the last word), then the whole name."""
    return _name_key(user.get_full_name(), user.pk)


def _name_key(name: str, pk: int) -> tuple[object, ...]:
    return sort_key(name.rsplit(" ", 1)[-1]), sort_key(name), pk


def _unit_order(unit: _Ranked) -> tuple[object, ...]:
    """Units under a leader's: level by level, each in the network's order, then by name."""
    return unit.depth, unit.sort_order, sort_key(unit.short_name)


class Assignee(NamedTuple):
    """A unit or a person work can be given to, as the direction form and the filters name
    them."""

    pk: int
    name: str  # a unit's short name, a person's name
    detail: str  # a unit's full name, a person's role in the unit they are listed in


@dataclass(frozen=True)
class Assignees:
    """Who a leader of a unit can give work to: the current units under it, and the people of
    the unit and of those units, grouped by the unit where each works (the leader's first)."""

    units: list[Assignee]
    groups: list[tuple[str, list[Assignee]]]  # (a unit's short name, its people)


def _units_under(root: Unit, day: dt.date) -> QuerySet[Unit]:
    """The units under ``root`` that exist on ``day``, in the tree's order."""
    return (
        Unit.objects.active_on(day)
        .filter(path__startswith=root.path)
        .exclude(pk=root.pk)
        .order_by("path", "sort_order")
    )


def _memberships(unit_ids: list[int], secrecy: int, day: dt.date) -> QuerySet[Membership]:
    """The current memberships of active people cleared for ``secrecy`` in ``unit_ids``, each
    person's in the deepest unit first."""
    return (
        Membership.objects.active_on(day)
        .filter(unit_id__in=unit_ids, user__is_active=True, user__clearance__gte=secrecy)
        .order_by("-unit__depth", "user__full_name", "user__username", "role")
    )


def _listed_once(memberships: Iterable[_P], root: Unit) -> list[_P]:
    """Of ``memberships`` in ``_memberships``' order, one a person: in ``root`` if they belong
    to it, else the first (in the deepest unit they work in)."""
    home: dict[int, _P] = {}
    for membership in memberships:
        current = home.get(membership.user_id)
        if current is None or (membership.unit_id == root.pk and current.unit_id != root.pk):
            home[membership.user_id] = membership
    return list(home.values())


def assignees_for(root: Unit, *, secrecy: int = 0) -> Assignees:
    """The people and units work on a document of ``root`` can be given to, read as values (two
    queries: a city leader's 66 units and 170 people took 15 ms as models, 6.6 so).

    The same rule as ``work.services`` applies when the work is given: a person is listed once,
    under ``root`` if they belong to it, else under the deepest unit they work in; only active
    people cleared for ``secrecy``; only units under ``root`` that exist today.
    """
    day = today()
    units: list[_Ranked] = list(
        _units_under(root, day).values_list(
            "pk", "short_name", "full_name", "depth", "sort_order", named=True
        )
    )
    all_units: list[_Ranked] = [root, *units]  # the groups of people, in this order
    names = ("user__full_name", "user__first_name", "user__last_name", "user__username")
    memberships = _memberships([u.pk for u in all_units], secrecy, day).values_list(
        "user_id", "unit_id", "role", *names, named=True
    )
    named = [(person_name(*m[3:]), m) for m in _listed_once(memberships, root)]
    groups: dict[int, list[Assignee]] = {u.pk: [] for u in all_units}
    for name, m in sorted(named, key=lambda person: _name_key(person[0], person[1].user_id)):
        groups[m.unit_id].append(Assignee(m.user_id, name, str(RoleChoices(m.role).label)))
    short_names = {u.pk: u.short_name for u in all_units}
    units.sort(key=_unit_order)
    return Assignees(
        units=[Assignee(u.pk, u.short_name, u.full_name) for u in units],
        groups=[(short_names[pk], people) for pk, people in groups.items() if people],
    )


def colleagues_for(assignment: Assignment) -> list[User]:
    """The people work can be handed over to: current members of the unit where it is done in
    a role that works on assignments, cleared for the document, the present assignee left out
    (one query)."""
    working = [role.value for role in Role if can(role, Capability.WORK_ASSIGNMENTS)]
    rows = (
        Membership.objects.active_on(today())
        .filter(
            role__in=working,
            unit_id=assignment.unit_id,
            user__is_active=True,
            user__clearance__gte=assignment.document.secrecy,
        )
        .select_related("user")
    )
    if assignment.assignee_user_id is not None:
        rows = rows.exclude(user_id=assignment.assignee_user_id)
    people = {m.user_id: m.user for m in rows}
    return sorted(people.values(), key=name_key)


REPLY_CHOICES = 50


def reply_candidates(user: User, assignment: Assignment) -> list[Document]:
    """Documents ``user`` may link as the reply to ``assignment``'s document: outgoing
    documents they drafted themselves, newest first, the document itself left out (one
    query, at most ``REPLY_CHOICES``)."""
    return list(
        Document.objects.filter(
            direction=DocumentDirection.OUTGOING,
            created_by=user,
            secrecy__lte=user.clearance,
        )
        .exclude(pk=assignment.document_id)
        .order_by("-created_at", "-pk")[:REPLY_CHOICES]
    )


def assignment_events(assignment: Assignment) -> QuerySet[DocumentEvent]:
    """The steps of ``assignment`` in its document's history, oldest first: its own, and the
    hand-over that gave it (one query)."""
    return (
        DocumentEvent.objects.filter(document_id=assignment.document_id)
        .filter(Q(data__assignment=assignment.pk) | Q(data__new_assignment=assignment.pk))
        .select_related("actor", "unit")
        .order_by("at", "pk")
    )
