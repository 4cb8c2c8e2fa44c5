"""The processing part of an incoming document's page: the direction, the work given and how far
it has got, and for the leader the form to direct the document or change its direction.

Built once per page from a few queries, whatever the number of assignments: the assignments
with their buckets (three), the directions (one), the people and units work can be given to
(two, only for a leader who may direct now).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from vanphong.incoming.access import direct_acting
from vanphong.incoming.inbox import document_assignments
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.incoming.processing import incoming_default_deadline
from vanphong.org.acting import current_acting, request_actings
from vanphong.org.models import User
from vanphong.org.roles import Capability, cleared_for
from vanphong.org.selectors import Acting
from vanphong.work.forms import DirectionForm, RedirectForm, person_key, unit_key
from vanphong.work.models import OPEN_ASSIGNMENT, Assignment, AssignmentKind, AssignmentStatus
from vanphong.work.selectors import assignees_for
from vanphong.work.services import allowed_steps, assignee_label

# Statuses in which a document has work to show or to give.
IN_WORK = (IncomingStatus.REGISTERED, IncomingStatus.IN_PROGRESS)
SHOWN = (*IN_WORK, IncomingStatus.DONE, IncomingStatus.CANCELLED)


@dataclass(frozen=True)
class AssignmentRow:
    """One line of the document's table of work, with what the reader may do with it."""

    assignment: Assignment
    who: str
    openable: bool  # the reader may open the assignment's page
    remindable: bool  # the reader may urge it on (đôn đốc)

    @property
    def open(self) -> bool:
        return self.assignment.status in OPEN_ASSIGNMENT


def _key(assignment: Assignment) -> str:
    if assignment.assignee_user_id is not None:
        return person_key(assignment.assignee_user_id)
    assert assignment.assignee_unit_id is not None  # noqa: S101 - one of the two, by constraint
    return unit_key(assignment.assignee_unit_id)


def direction_form(
    incoming: IncomingDocument, assignments: list[Assignment], data: Any = None
) -> DirectionForm:
    """The form to direct ``incoming`` (no work given yet) or to change its direction, with
    the open work as it stands and the readers already informed."""
    assignees = assignees_for(incoming.unit, secrecy=incoming.document.secrecy)
    if not assignments:
        first = {"deadline": incoming_default_deadline(incoming)}
        return DirectionForm(data, assignees=assignees, initial=first)
    open_work = [a for a in assignments if a.status in OPEN_ASSIGNMENT]
    lead = next((a for a in open_work if a.kind == AssignmentKind.LEAD), None)
    informed = [
        _key(a)
        for a in assignments
        if a.kind == AssignmentKind.INFORM and a.status in (*OPEN_ASSIGNMENT, AssignmentStatus.READ)
    ]
    initial: dict[str, Any] = {
        "lead": _key(lead) if lead else "",
        "cooperate": [_key(a) for a in open_work if a.kind == AssignmentKind.COOPERATE],
        "deadline": incoming.deadline or incoming_default_deadline(incoming),
    }
    return RedirectForm(data, assignees=assignees, informed=informed, initial=initial)


def _drafts(acting: Acting | None) -> bool:
    return acting is not None and acting.can(Capability.DRAFT)


def processing_context(
    request: HttpRequest, incoming: IncomingDocument, *, form: DirectionForm | None = None
) -> dict[str, Any]:
    """What the document page shows of the work on ``incoming`` (``form``: a direction form
    sent back with its errors)."""
    if incoming.status not in SHOWN:
        return {}
    user: User = request.user  # type: ignore[assignment]
    actings = request_actings(request)
    leader = any(
        a.unit.pk == incoming.unit_id and (a.can(Capability.DIRECT) or a.can(Capability.FOLLOW_UP))
        for a in actings
    )
    my_units = {a.unit.pk for a in actings if a.can(Capability.WORK_ASSIGNMENTS)}
    assignments = document_assignments(incoming.document)
    rows = []
    for a in assignments:
        mine = a.assignee_user_id == user.pk or a.assignee_unit_id in my_units
        gave = a.created_by_id == user.pk
        rows.append(
            AssignmentRow(
                assignment=a,
                who=assignee_label(a),
                openable=leader or mine or gave,
                remindable=(leader or gave)
                and a.kind != AssignmentKind.INFORM
                and "remind" in allowed_steps(a),
            )
        )
    directs = direct_acting(current_acting(request), incoming) and cleared_for(
        user.clearance, incoming.document.secrecy
    )
    if directs and incoming.status in IN_WORK:
        form = form or direction_form(incoming, assignments)
    else:
        form = None
    directions = list(incoming.document.directions.select_related("by").order_by("at", "pk"))
    return {
        "work_rows": rows,
        "directions": directions,
        "direction_form": form,
        "redirecting": isinstance(form, RedirectForm),
        # The lead gave the work back: the document waits for a new direction.
        "given_back": incoming.status == IncomingStatus.REGISTERED and bool(assignments),
        # Whoever drafts in the role acted in now may draft the reply (văn bản trả lời).
        "drafts_reply": incoming.status in IN_WORK and _drafts(current_acting(request)),
    }
