"""Reading the organisation: the tree a person may see, the roles a person may act in."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from vanphong.org.models import Delegation, Membership, Term, Unit, UnitVersion
from vanphong.org.roles import Capability, Role, Secrecy, can

if TYPE_CHECKING:
    from vanphong.org.models import User


def today() -> dt.date:
    """Today's date in Vietnam time."""
    return timezone.localdate()


@dataclass(frozen=True)
class Acting:
    """A role a person can act in right now: their own membership, or one delegated to them."""

    key: str  # "m<id>" for a membership, "d<id>" for a delegation; stable across requests
    unit: Unit
    role: Role
    position: str = ""
    delegated_by: User | None = None
    delegated_until: dt.datetime | None = None

    def can(self, capability: Capability) -> bool:
        return can(self.role, capability)

    @property
    def role_label(self) -> str:
        from vanphong.org.models import RoleChoices

        return str(RoleChoices(self.role.value).label)


def cleared_q(clearance: int, field: str = "document__secrecy") -> Q:
    """The rows whose ``field`` (a secrecy level) a person cleared to ``clearance`` may read
    (``roles.cleared_for`` as a filter); nothing to check, and no join to make, for a person
    cleared to the highest level."""
    if clearance >= max(Secrecy):
        return Q()
    return Q(**{f"{field}__lte": clearance})


@functools.cache
def _delegated_sql() -> str:
    """Whether a role is delegated to the person now (rarely): a row if so. Its parameters:
    the person, the moment twice."""
    q = connection.ops.quote_name
    return (
        f"SELECT 1 FROM {q(Delegation._meta.db_table)} "  # noqa: S608
        "WHERE grantee_id = %s AND valid_from <= %s AND valid_to >= %s "
        "AND revoked_at IS NULL LIMIT 1"
    )


@functools.cache
def _own_sql() -> str:
    """``actings_for``'s reading of a person's memberships with their units, and whether a role
    is delegated to them now (``_delegated_sql``, on each row), written once: every request
    reads it, and the ORM took 2 ms to build its two queries, which the database answers in
    0.1. The units' columns are the model's. Its parameters: ``_delegated_sql``'s, then the
    person and the day four times."""
    q = connection.ops.quote_name
    units = ", ".join(f"u.{q(cast(str, f.column))}" for f in Unit._meta.concrete_fields)
    return (
        f"SELECT {units}, m.id AS acting_membership, m.role AS acting_role, "  # noqa: S608
        f"m.position AS acting_position, EXISTS ({_delegated_sql()}) AS acting_delegated "
        f"FROM {q(Membership._meta.db_table)} m JOIN {q(Unit._meta.db_table)} u "
        "ON u.id = m.unit_id "
        "WHERE m.user_id = %s AND m.valid_from <= %s AND (m.valid_to IS NULL OR m.valid_to >= %s) "
        "AND u.valid_from <= %s AND (u.valid_to IS NULL OR u.valid_to >= %s) "
        "ORDER BY m.is_primary DESC, u.path, m.role"
    )


def actings_for(user: User, *, at: dt.datetime | None = None) -> list[Acting]:
    """Every (unit, role) ``user`` may act in at ``at``: one query (two for a person with no
    role of their own then, three or four while someone delegates a role to them), whatever
    the number.

    A delegation counts only while its grantor still holds the delegated role: a role that ended
    cannot be exercised through an old delegation.
    """
    if not user.is_authenticated:
        return []
    at = at or timezone.now()
    day = timezone.localdate(at)
    # Every page asks: the query is written out (``_own_sql``), the units made by the model's
    # own conversions (``raw``); a delegation, rare, is then read by the ORM.
    on = connection.ops.adapt_datefield_value(day)
    moment = connection.ops.adapt_datetimefield_value(at)
    own = []
    delegated_now = None
    for unit in Unit.objects.raw(_own_sql(), [user.pk, moment, moment, user.pk, on, on, on, on]):
        membership: Any = unit  # the unit, with its membership's columns (``_own_sql``)
        own.append(
            Acting(
                key=f"m{membership.acting_membership}",
                unit=unit,
                role=Role(membership.acting_role),
                position=membership.acting_position,
            )
        )
        delegated_now = bool(membership.acting_delegated)
    if delegated_now is None:  # no role of their own: a delegation is asked on its own
        with connection.cursor() as cursor:
            cursor.execute(_delegated_sql(), [user.pk, moment, moment])
            delegated_now = cursor.fetchone() is not None
    if not delegated_now:
        return own
    delegations = list(
        Delegation.objects.active_at(at).filter(grantee=user).select_related("unit", "grantor")
    )
    if delegations:  # whether each grantor still holds the role, one query
        held = set(
            Membership.objects.active_on(day)
            .filter(
                user__in={d.grantor_id for d in delegations},
                unit__in={d.unit_id for d in delegations},
            )
            .values_list("user_id", "unit_id", "role")
        )
        delegations = [d for d in delegations if (d.grantor_id, d.unit_id, d.role) in held]
    delegated = [
        Acting(
            key=f"d{d.pk}",
            unit=d.unit,
            role=Role(d.role),
            position="",
            delegated_by=d.grantor,
            delegated_until=d.valid_to,
        )
        for d in delegations
    ]
    return own + delegated


def acting_by_key(
    user: User, key: str | None, *, actings: list[Acting] | None = None
) -> Acting | None:
    """The acting context named ``key``, else the person's first (primary) one; among
    ``actings`` when the caller has already looked them up (``actings_for(user)``)."""
    options = actings_for(user) if actings is None else actings
    for option in options:
        if option.key == key:
            return option
    return options[0] if options else None


def scope_key(user: User, actings: list[Acting]) -> tuple[Any, ...]:
    """Everything the selectors' rules for ``user`` are written from (the SQL, not what it
    finds): the database, the person, their clearance, and each role they act in now with its
    unit and, for a delegated one, whose it is. Two requests with the same key build the same
    queries (``core.remember``); a role given, ended or delegated, or a clearance changed,
    makes another."""
    return (
        connection.vendor,
        user.pk,
        user.clearance,
        tuple(
            sorted(
                (a.role.value, a.unit.pk, a.unit.slug, a.delegated_by.pk if a.delegated_by else 0)
                for a in actings
            )
        ),
    )


def _scope_q(units: list[Unit]) -> Q:
    """Units under any of ``units`` (themselves included) and their ancestors."""
    q = Q(pk__in=[])
    ancestors: set[int] = set()
    for unit in units:
        q |= Q(path__startswith=unit.path)
        ancestors.update(unit.ancestor_ids())
    return q | Q(pk__in=ancestors)


def units_visible_to(
    user: User, *, include_closed: bool = False, actings: list[Acting] | None = None
) -> QuerySet[Unit]:
    """The part of the tree ``user`` may see, as one query.

    An instance administrator (superuser) sees every unit. Anyone else sees, for each unit they
    act in, that unit's subtree and the chain of units above it. ``actings``: ``actings_for(user)``
    when the caller has read it (once per request).
    """
    qs = Unit.objects.all()
    if not include_closed:
        qs = qs.active_on(today())
    if user.is_superuser:
        return qs
    units = [acting.unit for acting in (actings_for(user) if actings is None else actings)]
    if not units:
        return qs.none()
    scope = _scope_q(units)
    if include_closed:
        # The history of one's own unit: the units it succeeded (a ward clerk sees the district
        # their ward took over from), through every reorganisation, with what was under them.
        known = set(qs.filter(scope).values_list("pk", flat=True))
        frontier = known
        while frontier:
            predecessors = list(Unit.objects.filter(successor__in=frontier).exclude(pk__in=known))
            frontier = {u.pk for u in predecessors}
            known |= frontier
            for unit in predecessors:
                scope |= Q(path__startswith=unit.path)
    return qs.filter(scope)


def units_administered_by(user: User) -> QuerySet[Unit]:
    """Units ``user`` may administer: the subtrees where they act as administrator."""
    qs = Unit.objects.all()
    if user.is_superuser:
        return qs
    roots = [a.unit for a in actings_for(user) if a.can(Capability.ADMINISTER)]
    if not roots:
        return qs.none()
    q = Q(pk__in=[])
    for unit in roots:
        q |= Q(path__startswith=unit.path)
    return qs.filter(q)


def unit_version_on(unit: Unit, day: dt.date) -> UnitVersion | None:
    """The name, code and parent ``unit`` had on ``day`` (None before it existed)."""
    return (
        unit.versions.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .first()
    )


def unit_predecessors_sql(unit: Unit) -> RawSQL:
    """The ids of the units that closed into ``unit``, through every reorganisation (a district
    closed into a ward that later merged again), as a subquery for ``__in``: the other way
    along the path ``unit_route`` follows. One recursive query inside the caller's."""
    return RawSQL(
        "WITH RECURSIVE earlier(id) AS (SELECT id FROM org_unit WHERE successor_id = %s "
        "UNION SELECT u.id FROM org_unit u JOIN earlier ON u.successor_id = earlier.id) "
        "SELECT id FROM earlier",
        [unit.pk],
    )


def unit_route(unit: Unit, *, on: dt.date | None = None) -> Unit:
    """Where work addressed to ``unit`` goes on ``on``: itself, or its successor once closed.

    Follows successors through several reorganisations (a district closed in 2025 into a ward
    that later merged again); a unit closed without successor stays the answer, and the caller
    decides what to do with a closed recipient.
    """
    on = on or today()
    seen = {unit.pk}
    # Read the unit afresh: the caller's instance may predate the reorganisation.
    current = Unit.objects.get(pk=unit.pk)
    while not current.is_active_on(on) and current.successor_id is not None:
        if current.successor_id in seen:
            break
        seen.add(current.successor_id)
        current = Unit.objects.get(pk=current.successor_id)
    return current


@dataclass
class TreeNode:
    unit: Unit
    children: list[TreeNode] = field(default_factory=list)


def unit_tree(units: QuerySet[Unit]) -> list[TreeNode]:
    """Nest ``units`` by parent; units whose parent is not in the set become roots."""
    from vanphong.core.text import sort_key

    nodes = {u.pk: TreeNode(u) for u in units}
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id) if node.unit.parent_id else None
        (parent.children if parent else roots).append(node)

    def order(siblings: list[TreeNode]) -> None:
        siblings.sort(key=lambda n: (n.unit.sort_order, sort_key(n.unit.short_name)))
        for n in siblings:
            order(n.children)

    order(roots)
    return roots


def members_of(unit: Unit, *, on: dt.date | None = None) -> QuerySet[Membership]:
    """Current memberships of ``unit`` with their people, one query."""
    return (
        Membership.objects.active_on(on or today())
        .filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def term_on(unit: Unit, day: dt.date) -> Term | None:
    """The term in force on ``day`` for ``unit``: its own, else that of the nearest committee
    above it (a board numbers within the city committee's term). One query."""
    chain = [*unit.ancestor_ids(), unit.pk]
    terms = (
        Term.objects.filter(unit_id__in=chain, starts__lte=day)
        .filter(Q(ends__isnull=True) | Q(ends__gte=day))
        .select_related("unit")
    )
    by_unit = {t.unit_id: t for t in terms}
    for unit_id in reversed(chain):
        if unit_id in by_unit:
            return by_unit[unit_id]
    return None
