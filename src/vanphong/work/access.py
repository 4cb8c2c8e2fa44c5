"""Who may direct work in a unit, and who may act on an assignment."""

from __future__ import annotations

from django.utils.translation import gettext as _

from vanphong.core.errors import Forbidden
from vanphong.org.models import Unit, User
from vanphong.org.roles import Capability, cleared_for
from vanphong.org.selectors import Acting, actings_for
from vanphong.work.models import Assignment


def director_acting(user: User, unit: Unit | int) -> Acting | None:
    """The role in which ``user`` may direct work in ``unit`` (lãnh đạo văn phòng or lãnh đạo
    of that very unit, own or delegated), if any."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    for acting in actings_for(user):
        if acting.unit.pk == unit_id and acting.can(Capability.DIRECT):
            return acting
    return None


def check_can_direct(user: User, unit: Unit | int) -> Acting:
    """The acting context in which ``user`` directs work in ``unit``; Forbidden otherwise."""
    acting = director_acting(user, unit)
    if acting is None:
        raise Forbidden(
            _("Only the office leader or a leader of the receiving unit may direct this work."),
            code="not_director",
        )
    return acting


def can_act(user: User, assignment: Assignment, *, actings: list[Acting] | None = None) -> bool:
    """Whether ``user`` acts on ``assignment``: the person assigned, or, for work given to a
    unit, a member of that unit who works on assignments, cleared for the document.
    ``actings`` is ``actings_for(user)`` when the caller has read it already."""
    if not user.is_authenticated:
        return False
    if assignment.assignee_user_id is not None:
        return bool(assignment.assignee_user_id == user.pk)
    return any(
        a.unit.pk == assignment.assignee_unit_id and a.can(Capability.WORK_ASSIGNMENTS)
        for a in (actings_for(user) if actings is None else actings)
    )


def check_can_act(user: User, assignment: Assignment) -> None:
    """Forbidden unless ``user`` is the assignee (or a member of the assigned unit) and is
    cleared for the document's secrecy."""
    if not can_act(user, assignment):
        raise Forbidden(
            _("Only the person or unit this work was assigned to may act on it."),
            code="not_assignee",
        )
    if not cleared_for(user.clearance, assignment.document.secrecy):
        raise Forbidden(
            _("Your secrecy clearance does not cover this document."), code="not_cleared"
        )


def can_follow_up(
    user: User, assignment: Assignment, *, actings: list[Acting] | None = None
) -> bool:
    """Whether ``user`` may urge on or withdraw ``assignment``: whoever gave it, or a leader
    who directs or follows up work in the document's unit. ``actings`` as in ``can_act``."""
    if assignment.created_by_id == user.pk:
        return True
    unit_id = assignment.document.unit_id
    return any(
        a.unit.pk == unit_id and (a.can(Capability.DIRECT) or a.can(Capability.FOLLOW_UP))
        for a in (actings_for(user) if actings is None else actings)
    )
