"""Directions and assignments: giving work, and every step the assignees take on it.

Each function is one transaction: it checks who acts and whether the step is allowed now
(``TRANSITIONS``), changes the assignment, writes the step into the document's processing
history (``DocumentEvent``, labels in ``vanphong.work.history``), publishes a domain event for
notifications and appends to the audit journal last. A refused step raises before anything is
written, so nothing is ever half done.

Status rules (an assignment is open while new, accepted or in progress):
- lead (chủ trì) and co-operating (phối hợp) work: new → accepted → in progress → done; it can
  also be handed over to a colleague of the same unit (a new assignment carries on), given back
  with a reason (the work returns to whoever gave it), or withdrawn by the leader;
- work for information (để biết) is only marked read (or handed over, or withdrawn);
- a document has at most one open lead (also a database constraint).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vanphong.audit.services import audit_append
from vanphong.core.errors import Conflict, Forbidden, InvalidInput
from vanphong.core.events import publish
from vanphong.core.text import clean
from vanphong.documents.models import Document, DocumentEvent, DocumentFile, TextStatus
from vanphong.documents.storage import Spooled, file_store
from vanphong.org.access import can_administer
from vanphong.org.models import Membership, Unit, User
from vanphong.org.roles import Capability, Role, can, cleared_for
from vanphong.org.selectors import actings_for, today, unit_route
from vanphong.work.access import can_follow_up, check_can_act, check_can_direct
from vanphong.work.events import (
    AssignmentAccepted,
    AssignmentCompleted,
    AssignmentCreated,
    AssignmentHandedOver,
    AssignmentProgressed,
    AssignmentReminded,
    AssignmentReturned,
    AssignmentWithdrawn,
)
from vanphong.work.models import (
    OPEN_ASSIGNMENT,
    Assignment,
    AssignmentKind,
    AssignmentStatus,
    Direction,
    Holiday,
    WorkRules,
)

NEW, ACCEPTED, IN_PROGRESS = (
    AssignmentStatus.NEW,
    AssignmentStatus.ACCEPTED,
    AssignmentStatus.IN_PROGRESS,
)
WORKING_KINDS = (AssignmentKind.LEAD, AssignmentKind.COOPERATE)

# Step → (statuses it may start from, kinds of work it applies to, message when refused).
TRANSITIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], Any]] = {
    "accept": (
        (NEW,),
        WORKING_KINDS,
        gettext_lazy("Only new work can be accepted; this assignment is %(status)s."),
    ),
    "progress": (
        OPEN_ASSIGNMENT,
        WORKING_KINDS,
        gettext_lazy("Progress is reported on open work only; this assignment is %(status)s."),
    ),
    "comment": (
        OPEN_ASSIGNMENT,
        tuple(AssignmentKind),
        gettext_lazy("Comments go on open work only; this assignment is %(status)s."),
    ),
    "attach": (
        OPEN_ASSIGNMENT,
        tuple(AssignmentKind),
        gettext_lazy("Files are attached to open work only; this assignment is %(status)s."),
    ),
    "remind": (
        OPEN_ASSIGNMENT,
        tuple(AssignmentKind),
        gettext_lazy("Only open work can be urged on; this assignment is %(status)s."),
    ),
    "hand_over": (
        OPEN_ASSIGNMENT,
        tuple(AssignmentKind),
        gettext_lazy("Only open work can be handed over; this assignment is %(status)s."),
    ),
    "return": (
        OPEN_ASSIGNMENT,
        WORKING_KINDS,
        gettext_lazy("Only open work can be given back; this assignment is %(status)s."),
    ),
    "complete": (
        OPEN_ASSIGNMENT,
        WORKING_KINDS,
        gettext_lazy("Only open work can be completed; this assignment is %(status)s."),
    ),
    "read": (
        (NEW, ACCEPTED),
        (AssignmentKind.INFORM,),
        gettext_lazy("This assignment is %(status)s; it cannot be marked as read."),
    ),
    "withdraw": (
        OPEN_ASSIGNMENT,
        tuple(AssignmentKind),
        gettext_lazy("Only open work can be withdrawn; this assignment is %(status)s."),
    ),
}


def allowed_steps(assignment: Assignment) -> frozenset[str]:
    """The steps ``TRANSITIONS`` allows on ``assignment`` in its present status and kind (who
    may take them is ``work.access``'s question)."""
    return frozenset(
        step
        for step, (statuses, kinds, _message) in TRANSITIONS.items()
        if assignment.status in statuses and assignment.kind in kinds
    )


@dataclass(frozen=True)
class Target:
    """Someone to assign (a person or a unit), with a deadline of their own if any."""

    who: User | Unit
    deadline: dt.date | None = None


TargetLike = User | Unit | Target


def as_target(value: TargetLike) -> Target:
    return value if isinstance(value, Target) else Target(value)


def assignee_label(assignment: Assignment) -> str:
    if assignment.assignee_user is not None:
        return assignment.assignee_user.get_full_name()
    unit = assignment.assignee_unit
    return unit.short_name or unit.full_name if unit is not None else ""


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _record(assignment: Assignment, step: str, *, by: User | None, **data: Any) -> DocumentEvent:
    return DocumentEvent.objects.create(
        document_id=assignment.document_id,
        kind=step,
        actor=by,
        unit=assignment.unit,
        data={"assignment": assignment.pk, **data},
    )


def _state(assignment: Assignment) -> dict[str, Any]:
    return {
        "status": assignment.status,
        "kind": assignment.kind,
        "assignee_user": assignment.assignee_user_id,
        "assignee_unit": assignment.assignee_unit_id,
        "deadline": _iso(assignment.deadline),
        "progress": assignment.progress,
    }


def _audit(action: str, *, by: User | None, assignment: Assignment, before: str) -> None:
    audit_append(
        action=f"assignment.{action}",
        actor=by,
        unit=assignment.unit,
        obj=assignment,
        before={"status": before},
        after=_state(assignment),
    )


def _locked(assignment: Assignment) -> Assignment:
    """``assignment`` read again under a row lock: its status decides what may happen, and two
    people acting at once on a unit's work must not both succeed."""
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    # Related rows are read after the lock (not joined: PostgreSQL refuses FOR UPDATE on the
    # nullable side of an outer join).
    return Assignment.objects.select_related(
        "document", "unit", "assignee_user", "assignee_unit", "created_by"
    ).get(pk=locked.pk)


def check_step(assignment: Assignment, step: str) -> None:
    """Conflict unless ``TRANSITIONS`` allows ``step`` on ``assignment`` now."""
    statuses, kinds, message = TRANSITIONS[step]
    if assignment.kind not in kinds:
        if assignment.kind == AssignmentKind.INFORM:
            raise Conflict(
                _("Work for information is only read; it is not accepted, reported or completed."),
                code="inform_only_read",
            )
        raise Conflict(
            _("Only work for information is marked as read; this work must be completed."),
            code="not_inform",
        )
    if assignment.status not in statuses:
        raise Conflict(
            str(message) % {"status": assignment.get_status_display()},
            code=f"cannot_{step}",
        )


def _acting_assignee(by: User, assignment: Assignment, step: str) -> Assignment:
    locked = _locked(assignment)
    check_can_act(by, locked)
    check_step(locked, step)
    return locked


# --- giving work -------------------------------------------------------------------------


def _work_units(people: Iterable[User], root: Unit) -> dict[int, Unit]:
    """For each person, the unit in ``root``'s subtree where they work now (``root`` itself
    first, else the deepest unit they belong to): one query."""
    ids = [p.pk for p in people]
    found: dict[int, Unit] = {}
    memberships = (
        Membership.objects.active_on(today())
        .filter(user_id__in=ids, unit__path__startswith=root.path)
        .filter(Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=today()))
        .select_related("unit")
        .order_by("-unit__depth")
    )
    for membership in memberships:
        current = found.get(membership.user_id)
        if current is None or membership.unit_id == root.pk:
            found[membership.user_id] = membership.unit
    return found


def _check_targets(
    document: Document, targets: Sequence[tuple[str, Target]], earliest: dt.date | None
) -> dict[int, Unit]:
    """Validate every target at once; return the work unit of each person."""
    root = document.unit
    seen: set[tuple[str, int]] = set()
    people = [t.who for _, t in targets if isinstance(t.who, User)]
    units = _work_units(people, root)
    day = today()
    for _kind, target in targets:
        who = target.who
        key = ("user" if isinstance(who, User) else "unit", who.pk)
        if key in seen:
            raise InvalidInput(
                _("%(who)s is named twice in this assignment.") % {"who": who},
                code="duplicate_assignee",
            )
        seen.add(key)
        if isinstance(who, User):
            if who.pk not in units:
                raise InvalidInput(
                    _("%(who)s does not work in %(unit)s or a unit under it.")
                    % {"who": who, "unit": root},
                    code="assignee_outside_unit",
                )
            if not cleared_for(who.clearance, document.secrecy):
                raise InvalidInput(
                    _("%(who)s is not cleared for this document's secrecy.") % {"who": who},
                    code="assignee_not_cleared",
                )
        elif who.pk == root.pk or not who.path.startswith(root.path) or not who.is_active_on(day):
            raise InvalidInput(
                _("%(who)s is not a current unit under %(unit)s.") % {"who": who, "unit": root},
                code="assignee_outside_unit",
            )
        if target.deadline is not None and earliest is not None and target.deadline < earliest:
            raise InvalidInput(
                _("The deadline %(deadline)s is before the document was registered (%(day)s).")
                % {
                    "deadline": target.deadline.strftime("%d/%m/%Y"),
                    "day": earliest.strftime("%d/%m/%Y"),
                },
                code="deadline_too_early",
            )
    return units


def _create(
    *,
    by: User,
    document: Document,
    kind: str,
    target: Target,
    unit: Unit,
    direction: Direction | None,
) -> Assignment:
    if kind == AssignmentKind.LEAD:
        open_lead = Assignment.objects.filter(
            document=document, kind=AssignmentKind.LEAD, status__in=OPEN_ASSIGNMENT
        ).exists()
        if open_lead:
            raise Conflict(
                _(
                    "This document already has a lead; hand that work over or change the "
                    "direction instead."
                ),
                code="lead_exists",
            )
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                document=document,
                document_unit_id=document.unit_id,
                unit=unit,
                direction=direction,
                kind=kind,
                assignee_user=target.who if isinstance(target.who, User) else None,
                assignee_unit=target.who if isinstance(target.who, Unit) else None,
                deadline=target.deadline,
                created_by=by,
            )
    except IntegrityError:
        # Another leader gave the lead at the same moment: the constraint kept one.
        raise Conflict(_("This document already has a lead."), code="lead_exists") from None
    _record(
        assignment,
        "assigned",
        by=by,
        kind=kind,
        assignee=assignee_label(assignment),
        assignee_type="user" if assignment.assignee_user_id else "unit",
        deadline=_iso(assignment.deadline),
        direction=direction.pk if direction else None,
    )
    publish(AssignmentCreated(assignment_id=assignment.pk, document_id=document.pk))
    return assignment


def _give(
    *,
    by: User,
    document: Document,
    targets: Sequence[tuple[str, Target]],
    direction: Direction | None,
    earliest: dt.date | None,
) -> list[Assignment]:
    units = _check_targets(document, targets, earliest)
    created = []
    for kind, target in targets:
        who = target.who
        unit = units[who.pk] if isinstance(who, User) else who
        created.append(
            _create(
                by=by, document=document, kind=kind, target=target, unit=unit, direction=direction
            )
        )
    return created


@transaction.atomic
def assignment_create(
    *,
    by: User,
    document: Document,
    kind: AssignmentKind | str,
    assignee: User | Unit,
    deadline: dt.date | None = None,
    direction: Direction | None = None,
    earliest: dt.date | None = None,
) -> Assignment:
    """Give work on ``document`` to a person or a unit as lead (chủ trì), co-operating
    (phối hợp) or for information (để biết).

    Only a leader who directs work in the document's unit may; the assignee must be a person
    working in that unit (or one under it) cleared for the document, or a current unit under
    it; the deadline may not precede ``earliest`` (the registration date); a document has one
    open lead at a time.
    """
    check_can_direct(by, document.unit_id)
    document = Document.objects.select_related("unit").get(pk=document.pk)
    kind = AssignmentKind(kind)
    (assignment,) = _give(
        by=by,
        document=document,
        targets=[(kind, Target(assignee, deadline))],
        direction=direction,
        earliest=earliest,
    )
    audit_append(
        action="assignment.create",
        actor=by,
        unit=assignment.unit,
        obj=assignment,
        after=_state(assignment),
    )
    return assignment


@transaction.atomic
def direction_give(
    *,
    by: User,
    document: Document,
    text: str,
    lead: TargetLike | None,
    cooperate: Sequence[TargetLike] = (),
    inform: Sequence[TargetLike] = (),
    deadline: dt.date | None = None,
    earliest: dt.date | None = None,
    kind: str = "directed",
) -> Direction:
    """Write a leader's direction (bút phê) on ``document`` and give the work it orders: one
    lead (chủ trì), any co-operating people or units (phối hợp), any for information (để biết).

    ``deadline`` applies to the lead and the co-operators unless a ``Target`` carries its own;
    work for information has no deadline unless given one. All assignees are checked before
    anything is written.
    """
    acting = check_can_direct(by, document.unit_id)
    document = Document.objects.select_related("unit").get(pk=document.pk)
    if deadline is not None and earliest is not None and deadline < earliest:
        raise InvalidInput(
            _("The deadline %(deadline)s is before the document was registered (%(day)s).")
            % {"deadline": deadline.strftime("%d/%m/%Y"), "day": earliest.strftime("%d/%m/%Y")},
            code="deadline_too_early",
        )
    targets: list[tuple[str, Target]] = []
    if lead is not None:
        target = as_target(lead)
        targets.append((AssignmentKind.LEAD, Target(target.who, target.deadline or deadline)))
    for item in cooperate:
        target = as_target(item)
        targets.append((AssignmentKind.COOPERATE, Target(target.who, target.deadline or deadline)))
    targets.extend((AssignmentKind.INFORM, as_target(item)) for item in inform)
    if not targets:
        raise InvalidInput(_("Name at least one person or unit to do the work."), code="no_one")
    text = clean(text)
    direction = Direction.objects.create(
        document=document, unit=document.unit, by=by, text=text, deadline=deadline
    )
    # The direction's step comes first in the history, the assignments it orders after it.
    DocumentEvent.objects.create(
        document=document,
        kind=kind,
        actor=by,
        unit=document.unit,
        data={
            "direction": direction.pk,
            "text": text,
            "deadline": _iso(deadline),
            "role": acting.role.value,
            "delegated_by": acting.delegated_by.pk if acting.delegated_by else None,
        },
    )
    assignments = _give(
        by=by, document=document, targets=targets, direction=direction, earliest=earliest
    )
    audit_append(
        action="direction.give",
        actor=by,
        unit=document.unit,
        obj=direction,
        after={
            "document": document.pk,
            "text": text,
            "deadline": _iso(deadline),
            "assignments": [_state(a) | {"id": a.pk} for a in assignments],
        },
    )
    return direction


# --- the assignee's steps ------------------------------------------------------------------


@transaction.atomic
def assignment_accept(*, by: User, assignment: Assignment) -> Assignment:
    """The assignee takes the work on (tiếp nhận)."""
    assignment = _acting_assignee(by, assignment, "accept")
    before = assignment.status
    assignment.status = ACCEPTED
    assignment.accepted_at = timezone.now()
    assignment.save(update_fields=["status", "accepted_at"])
    _record(assignment, "accepted", by=by)
    publish(AssignmentAccepted(assignment_id=assignment.pk, document_id=assignment.document_id))
    _audit("accept", by=by, assignment=assignment, before=before)
    return assignment


@transaction.atomic
def assignment_comment(*, by: User, assignment: Assignment, text: str) -> DocumentEvent:
    """A comment (ý kiến) on open work, by the assignee or by whoever follows the work up."""
    locked = _locked(assignment)
    if not can_follow_up(by, locked):
        check_can_act(by, locked)
    check_step(locked, "comment")
    text = clean(text)
    if not text:
        raise InvalidInput(_("Write the comment."), code="text_required")
    if len(text) > 4000:
        raise InvalidInput(_("A comment has at most 4000 characters."), code="text_too_long")
    event = _record(locked, "commented", by=by, text=text)
    audit_append(
        action="assignment.comment",
        actor=by,
        unit=locked.unit,
        obj=locked,
        after={"text": text},
    )
    return event


@transaction.atomic
def assignment_attach(
    *, by: User, assignment: Assignment, files: Sequence[Spooled]
) -> list[DocumentFile]:
    """Attach working files (drafts, notes, figures) to the document, as the assignee.

    They are the document's attachments (never its main file), stored once by content, with
    the person who added them; their text is extracted in the background like any file.
    """
    from vanphong.documents.tasks import extract_file_text

    assignment = _acting_assignee(by, assignment, "attach")
    if not files:
        raise InvalidInput(_("Choose the files to attach."), code="file_required")
    hashes = [f.sha256 for f in files]
    if len(set(hashes)) != len(hashes):
        raise InvalidInput(_("The same file was attached twice."), code="duplicate_file")
    present = set(
        DocumentFile.objects.filter(
            document_id=assignment.document_id, file__sha256__in=hashes
        ).values_list("file__sha256", flat=True)
    )
    if present:
        raise Conflict(_("This file is already attached to the document."), code="file_present")
    last = DocumentFile.objects.filter(document_id=assignment.document_id).aggregate(
        last=Max("position")
    )["last"]
    position = 0 if last is None else last + 1
    attached = []
    for spooled in files:
        stored = file_store(spooled)
        attached.append(
            DocumentFile.objects.create(
                document_id=assignment.document_id,
                file=stored,
                name=spooled.name,
                is_main=False,
                position=position,
                added_by=by,
            )
        )
        position += 1
        if stored.text_status == TextStatus.PENDING:
            extract_file_text.enqueue(file_id=stored.pk)
    _record(
        assignment,
        "file_attached",
        by=by,
        files=[f.name for f in attached],
        file_ids=[f.pk for f in attached],
    )
    audit_append(
        action="assignment.attach",
        actor=by,
        unit=assignment.unit,
        obj=assignment,
        after={"files": [{"name": f.name, "sha256": f.file.sha256} for f in attached]},
    )
    return attached


@transaction.atomic
def assignment_report_progress(
    *, by: User, assignment: Assignment, percent: int, note: str = ""
) -> Assignment:
    """Report how far the work is (0–100 %) with a note; new work counts as accepted."""
    assignment = _acting_assignee(by, assignment, "progress")
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise InvalidInput(_("Progress is a whole number from 0 to 100."), code="bad_percent")
    before = assignment.status
    assignment.status = IN_PROGRESS
    assignment.progress = percent
    assignment.accepted_at = assignment.accepted_at or timezone.now()
    assignment.save(update_fields=["status", "progress", "accepted_at"])
    _record(assignment, "progress_reported", by=by, percent=percent, note=clean(note))
    publish(
        AssignmentProgressed(
            assignment_id=assignment.pk, document_id=assignment.document_id, percent=percent
        )
    )
    _audit("progress", by=by, assignment=assignment, before=before)
    return assignment


@transaction.atomic
def assignment_remind(*, by: User, assignment: Assignment, note: str = "") -> Assignment:
    """Urge the assignee on (đôn đốc): whoever gave the work, or a leader of the unit."""
    assignment = _locked(assignment)
    if not can_follow_up(by, assignment):
        raise Forbidden(
            _("Only whoever gave this work or a leader of the unit may urge it on."),
            code="not_follow_up",
        )
    check_step(assignment, "remind")
    _record(assignment, "reminded", by=by, note=clean(note), deadline=_iso(assignment.deadline))
    publish(AssignmentReminded(assignment_id=assignment.pk, document_id=assignment.document_id))
    _audit("remind", by=by, assignment=assignment, before=assignment.status)
    return assignment


@transaction.atomic
def assignment_hand_over(
    *, by: User, assignment: Assignment, to: User, note: str = ""
) -> Assignment:
    """Hand the work over to another person of the same unit; return the new assignment.

    The old assignment is closed as handed over and points to the new one, which carries the
    same role, deadline, direction and progress. Work given to a unit is handed over this way
    to the person in the unit who will do it.
    """
    assignment = _acting_assignee(by, assignment, "hand_over")
    if to.pk == assignment.assignee_user_id:
        raise InvalidInput(_("The work is already theirs."), code="same_assignee")
    # Only someone who works on assignments there takes work over (not the clerk, not the
    # administrator), as the direction form offers.
    working_roles = [r.value for r in Role if can(r, Capability.WORK_ASSIGNMENTS)]
    works_there = (
        Membership.objects.active_on(today())
        .filter(user=to, unit=assignment.unit, role__in=working_roles)
        .exists()
    )
    if not works_there:
        raise InvalidInput(
            _("%(who)s does not work in %(unit)s.") % {"who": to, "unit": assignment.unit},
            code="assignee_outside_unit",
        )
    if not cleared_for(to.clearance, assignment.document.secrecy):
        raise InvalidInput(
            _("%(who)s is not cleared for this document's secrecy.") % {"who": to},
            code="assignee_not_cleared",
        )
    before = assignment.status
    successor = _pass_on(
        assignment,
        lambda: _carry_on(assignment, unit=assignment.unit, created_by=by, assignee_user=to),
    )
    _record(
        assignment,
        "handed_over",
        by=by,
        to=to.get_full_name(),
        to_user=to.pk,
        new_assignment=successor.pk,
        kind=assignment.kind,
        note=clean(note),
    )
    _audit("hand_over", by=by, assignment=assignment, before=before)
    return successor


def _carry_on(
    assignment: Assignment, *, unit: Unit, created_by: User, **assignee: Any
) -> Assignment:
    """A new assignment that carries ``assignment``'s work on in ``unit``, for the person or
    unit ``assignee`` names: the same document, role, deadline, direction and progress."""
    successor = Assignment.objects.create(
        document_id=assignment.document_id,
        document_unit_id=assignment.document_unit_id,
        unit=unit,
        direction_id=assignment.direction_id,
        kind=assignment.kind,
        deadline=assignment.deadline,
        progress=assignment.progress,
        created_by=created_by,
        **assignee,
    )
    publish(AssignmentCreated(assignment_id=successor.pk, document_id=successor.document_id))
    return successor


def _pass_on(assignment: Assignment, successor: Callable[[], Assignment]) -> Assignment:
    """Close ``assignment`` as handed over to the assignment ``successor`` gives, asked for once
    it is closed (a new lead must not meet the old one in the one-open-lead constraint)."""
    assignment.status = AssignmentStatus.HANDED_OVER
    assignment.done_at = timezone.now()
    assignment.save(update_fields=["status", "done_at"])
    there = successor()
    assignment.handed_over_to = there
    assignment.save(update_fields=["handed_over_to"])
    publish(
        AssignmentHandedOver(
            assignment_id=assignment.pk,
            document_id=assignment.document_id,
            new_assignment_id=there.pk,
        )
    )
    return there


@transaction.atomic
def assignment_return(*, by: User, assignment: Assignment, reason: str) -> Assignment:
    """Give the work back, with the reason, to whoever gave it (trả lại).

    When the work came by a hand-over, the assignment it came from opens again: the work is
    back with that person or unit. When it came from a direction, the leader must decide again
    (``vanphong.incoming.processing`` puts the document back among the registered ones).
    """
    assignment = _acting_assignee(by, assignment, "return")
    reason = clean(reason)
    if not reason:
        raise InvalidInput(_("Give the reason for giving the work back."), code="reason_required")
    before = assignment.status
    assignment.status = AssignmentStatus.RETURNED
    assignment.reason = reason
    assignment.done_at = timezone.now()
    assignment.save(update_fields=["status", "reason", "done_at"])
    previous = (
        Assignment.objects.select_for_update()
        .filter(handed_over_to=assignment, status=AssignmentStatus.HANDED_OVER)
        .first()
    )
    if (
        previous is not None
        and previous.assignee_unit is not None
        and not previous.assignee_unit.is_active_on(today())
    ):
        # Routed here from a unit since closed (``assignments_route_from_closed``): no one is
        # left there to take it back; it goes back to whoever gave it.
        previous = None
    if previous is not None:
        previous.status = ACCEPTED if previous.accepted_at else NEW
        previous.done_at = None
        previous.handed_over_to = None
        previous.save(update_fields=["status", "done_at", "handed_over_to"])
    _record(
        assignment,
        "assignment_returned",
        by=by,
        reason=reason,
        to=assignment.created_by.get_full_name(),
        reopened=previous.pk if previous else None,
    )
    publish(AssignmentReturned(assignment_id=assignment.pk, document_id=assignment.document_id))
    _audit("return", by=by, assignment=assignment, before=before)
    return assignment


@transaction.atomic
def assignment_complete(
    *,
    by: User,
    assignment: Assignment,
    result: str = "",
    reply: Document | None = None,
) -> Assignment:
    """Finish the work with a result, a reply document (văn bản trả lời) linked, or both."""
    assignment = _acting_assignee(by, assignment, "complete")
    result = clean(result)
    if not result and reply is None:
        raise InvalidInput(
            _("Write the result or link the reply document."), code="result_required"
        )
    if reply is not None and reply.pk == assignment.document_id:
        raise InvalidInput(_("A document cannot be its own reply."), code="reply_is_document")
    if (
        reply is not None
        and reply.created_by_id != by.pk
        and reply.unit_id not in {a.unit.pk for a in actings_for(by)}
    ):
        # A reply is a document of one's own unit, not any document one happens to know of.
        raise Forbidden(_("Link a reply document of your own unit."), code="reply_not_yours")
    before = assignment.status
    assignment.status = AssignmentStatus.DONE
    assignment.result = result
    assignment.reply_document = reply
    assignment.progress = 100
    now = timezone.now()
    assignment.accepted_at = assignment.accepted_at or now
    assignment.done_at = now
    assignment.save(
        update_fields=["status", "result", "reply_document", "progress", "accepted_at", "done_at"]
    )
    _record(
        assignment,
        "completed",
        by=by,
        kind=assignment.kind,
        result=result,
        reply_document=reply.pk if reply else None,
        reply_symbol=str(reply) if reply else "",
        late=bool(assignment.deadline and timezone.localdate(now) > assignment.deadline),
    )
    publish(AssignmentCompleted(assignment_id=assignment.pk, document_id=assignment.document_id))
    _audit("complete", by=by, assignment=assignment, before=before)
    return assignment


@transaction.atomic
def assignment_mark_read(*, by: User, assignment: Assignment) -> Assignment:
    """Work for information (để biết) has been read: nothing more is expected."""
    assignment = _acting_assignee(by, assignment, "read")
    before = assignment.status
    assignment.status = AssignmentStatus.READ
    assignment.done_at = timezone.now()
    assignment.save(update_fields=["status", "done_at"])
    _record(assignment, "read", by=by)
    _audit("read", by=by, assignment=assignment, before=before)
    return assignment


@transaction.atomic
def assignment_withdraw(*, by: User, assignment: Assignment, reason: str = "") -> Assignment:
    """Take open work back from its assignee (thu hồi), e.g. when the direction changes or the
    document's registration is cancelled: whoever gave it, or a leader of the unit."""
    assignment = _locked(assignment)
    if not can_follow_up(by, assignment):
        raise Forbidden(
            _("Only whoever gave this work or a leader of the unit may withdraw it."),
            code="not_follow_up",
        )
    check_step(assignment, "withdraw")
    return _withdraw(by=by, assignment=assignment, reason=clean(reason))


def _withdraw(*, by: User, assignment: Assignment, reason: str) -> Assignment:
    before = assignment.status
    assignment.status = AssignmentStatus.WITHDRAWN
    assignment.reason = reason
    assignment.done_at = timezone.now()
    assignment.save(update_fields=["status", "reason", "done_at"])
    _record(
        assignment,
        "withdrawn",
        by=by,
        reason=reason,
        kind=assignment.kind,
        assignee=assignee_label(assignment),
    )
    publish(AssignmentWithdrawn(assignment_id=assignment.pk, document_id=assignment.document_id))
    _audit("withdraw", by=by, assignment=assignment, before=before)
    return assignment


@transaction.atomic
def assignments_withdraw_open(
    *, by: User, document: Document, reason: str, kinds: Sequence[str] = WORKING_KINDS
) -> list[Assignment]:
    """Withdraw every open assignment of ``kinds`` on ``document`` (a direction replaced, a
    registration cancelled). The caller has checked that ``by`` may."""
    ids = list(
        Assignment.objects.select_for_update()
        .filter(document=document, status__in=OPEN_ASSIGNMENT, kind__in=kinds)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    reason = clean(reason)
    open_work = Assignment.objects.select_related("unit", "assignee_user", "assignee_unit")
    return [
        _withdraw(by=by, assignment=assignment, reason=reason)
        for assignment in open_work.filter(pk__in=ids).order_by("pk")
    ]


@transaction.atomic
def assignments_route_from_closed(*, unit_id: int) -> list[Assignment]:
    """Route the open work given to a unit that has closed to the unit that carries it on
    (``org.selectors.unit_route``), as a reorganisation would have it: each piece is closed
    as handed over, and the successor gets it with the same role, deadline, direction and
    progress (given by whoever gave it), or, when the successor already has open work of that
    role on the document, the piece joins it. Returns the successor's assignments.

    Nothing happens while the unit is open or when no successor is open. The system acts, not
    a person; the history says which unit closed. Safe to run twice: what was routed is no
    longer open.
    """
    unit = Unit.objects.filter(pk=unit_id).first()
    day = today()
    if unit is None or unit.valid_to is None or unit.valid_to >= day:
        return []
    successor = unit_route(unit, on=day)
    if not successor.is_active_on(day):
        return []
    ids = list(
        Assignment.objects.select_for_update()
        .filter(assignee_unit=unit, status__in=OPEN_ASSIGNMENT)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    routed = []
    for assignment in (
        Assignment.objects.filter(pk__in=ids).select_related("created_by").order_by("pk")
    ):
        before = assignment.status
        existing = Assignment.objects.filter(
            document_id=assignment.document_id,
            assignee_unit=successor,
            kind=assignment.kind,
            status__in=OPEN_ASSIGNMENT,
        ).first()

        def carried_on(
            work: Assignment = assignment, there: Assignment | None = existing
        ) -> Assignment:
            # By whoever gave the work: the system only routes it.
            return there or _carry_on(
                work, unit=successor, created_by=work.created_by, assignee_unit=successor
            )

        there = _pass_on(assignment, carried_on)
        _record(
            assignment,
            "handed_over",
            by=None,
            to=str(successor),
            to_unit=successor.pk,
            new_assignment=there.pk,
            kind=assignment.kind,
            closed_unit=str(unit),
            closed_on=_iso(unit.valid_to + dt.timedelta(days=1)),  # the day it took effect
        )
        _audit("route", by=None, assignment=assignment, before=before)
        routed.append(there)
    return routed


# --- rules and calendar (reference data) ---------------------------------------------------

RULE_FIELDS = (
    "days_hoa_toc",
    "days_thuong_khan",
    "days_khan",
    "days_thuong",
    "near_due_days",
    "same_day_until",
)


@transaction.atomic
def work_rules_set(*, by: User | None, unit: Unit, **values: Any) -> WorkRules:
    """Set ``unit``'s deadline rules (its quy chế làm việc); units under it without rules of
    their own follow them. Only an administrator of the unit (``by=None``: the system)."""
    if by is not None and not can_administer(by, unit):
        raise Forbidden(
            _("Only an administrator of %(unit)s may do this.") % {"unit": unit},
            code="not_admin",
        )
    unknown = sorted(set(values) - set(RULE_FIELDS))
    if unknown:
        raise InvalidInput(
            _("Unknown rules: %(names)s.") % {"names": ", ".join(unknown)}, code="unknown_rule"
        )
    for name, value in values.items():
        if name == "same_day_until":
            if not isinstance(value, dt.time):
                raise InvalidInput(_("Give a time of day."), code="bad_time")
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 60:
            raise InvalidInput(
                _("A number of working days is a whole number from 0 to 60."), code="bad_days"
            )
    if values.get("near_due_days", 0) > 20:
        raise InvalidInput(_("Near due is at most 20 working days."), code="bad_days")
    rules = WorkRules.objects.select_for_update().filter(unit=unit).first()
    before = None
    if rules is None:
        rules = WorkRules(unit=unit)
    else:
        before = {name: getattr(rules, name) for name in RULE_FIELDS}
    for name, value in values.items():
        setattr(rules, name, value)
    rules.save()
    audit_append(
        action="work_rules.set",
        actor=by,
        unit=unit,
        obj=rules,
        before=before,
        after={name: getattr(rules, name) for name in RULE_FIELDS},
    )
    return rules


@transaction.atomic
def holiday_set(*, by: User | None, day: dt.date, name: str, working: bool = False) -> Holiday:
    """Record a holiday (or, ``working``, a weekend day worked in exchange) as the government
    decided it. Instance administrators only (``by=None``: the system)."""
    if by is not None and not by.is_superuser:
        raise Forbidden(_("Only an instance administrator may edit the holidays."))
    name = clean(name)
    if not name:
        raise InvalidInput(_("Name the holiday."), code="name_required")
    holiday = Holiday.objects.select_for_update().filter(date=day).first()
    before = None if holiday is None else {"name": holiday.name, "working": holiday.working}
    holiday = holiday or Holiday(date=day)
    holiday.name = name[:150]
    holiday.working = working
    holiday.save()
    audit_append(
        action="holiday.set",
        actor=by,
        obj=holiday,
        before=before,
        after={"date": day, "name": holiday.name, "working": working},
    )
    return holiday


@transaction.atomic
def holiday_remove(*, by: User | None, holiday: Holiday) -> None:
    """Remove a day from the holiday table (instance administrators only)."""
    if by is not None and not by.is_superuser:
        raise Forbidden(_("Only an instance administrator may edit the holidays."))
    before = {"date": holiday.date, "name": holiday.name, "working": holiday.working}
    Holiday.objects.filter(pk=holiday.pk).delete()
    audit_append(action="holiday.remove", actor=by, obj=holiday, before=before)
