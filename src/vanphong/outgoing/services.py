"""Outgoing documents: draft, review, sign, number and issue, distribute; recall, update,
replace (DESIGN.md §4 Outgoing, DOMAIN.md §1, §2, §4).

Each function is one transaction: it checks who acts and whether the step is allowed now,
changes the document, writes the step into its processing history (``DocumentEvent``, labels
in ``vanphong.work.history``) and appends to the audit journal last. A refused step raises
before anything is kept, so nothing is ever half done; issuing in particular takes the number,
stamps it, seals the file, records the register entry and writes the deliveries in one
transaction, and a failure anywhere gives the number back.

Statuses: draft → in review → approved (with the signer) → signed → issued; a reviewer or the
signer may return the draft to its author (returned), who revises it and submits it again (a
new round of review). A draft not issued yet can be cancelled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from vanphong.audit.services import audit_append
from vanphong.core.errors import Conflict, Forbidden, InvalidInput
from vanphong.core.events import publish
from vanphong.core.text import clean
from vanphong.documents.events import DocumentChanged
from vanphong.documents.inspect import FileKind
from vanphong.documents.models import Direction, DocumentEvent, DocumentFile, StoredFile
from vanphong.documents.models import TextStatus as FileTextStatus
from vanphong.documents.services import (
    METADATA_FIELDS,
    check_metadata,
    document_create,
    document_update_metadata,
)
from vanphong.documents.storage import Spooled, file_store
from vanphong.exchange.models import Business, Channel, Delivery, Transport
from vanphong.exchange.services import Recipient, deliveries_create
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.incoming.processing import incoming_complete
from vanphong.incoming.selectors import incoming_visible_to
from vanphong.org.models import SecrecyChoices, Unit, User
from vanphong.org.roles import COMMITTEE_KINDS, Capability, cleared_for, is_party
from vanphong.org.selectors import actings_for, term_on, today, unit_route
from vanphong.outgoing.access import acting_with, can_sign, check_may_manage_groups
from vanphong.outgoing.models import (
    EDITABLE,
    OPEN_STEP,
    DraftVersion,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingStatus,
    RecipientGroup,
    ReviewMode,
    ReviewStep,
    StepStatus,
    VersionComment,
)
from vanphong.outgoing.recipients import RecipientInput, check_email, check_organ_id
from vanphong.outgoing.rules import Step, StepState, authority_code, round_outcome
from vanphong.outgoing.selectors import issue_place, outgoing_visible_to
from vanphong.registers.models import RegisterKind
from vanphong.registers.services import counter_take, register_for
from vanphong.registers.symbols import (
    Symbol,
    SymbolError,
    System,
    date_text,
    numbering_period,
    party_symbol,
    state_symbol,
    type_abbreviation,
)
from vanphong.signing.services import (
    document_fill_issue_fields,
    document_sign_agency,
    document_sign_personal,
)
from vanphong.work.models import OPEN_ASSIGNMENT, Assignment, AssignmentKind

DRAFT_KINDS = (FileKind.PDF, FileKind.DOCX)
# What a sender may correct on an issued document by an update (cập nhật); a change to its
# number, date or content needs a replacement (DOMAIN.md §4).
UPDATABLE = ("subject", "urgency", "due_date")
_BLANK: dict[str, Any] = {"issued_date": None, "due_date": None, "secrecy": 0, "urgency": "thuong"}


# --- shared checks --------------------------------------------------------------------------


def system_of(unit: Unit) -> System:
    """Party units number by Quy định 399-QĐ/TW, others by Nghị định 30/2020."""
    return System.PARTY if is_party(unit.kind) else System.STATE


def _event(outgoing: OutgoingDocument, kind: str, *, by: User | None, **data: Any) -> None:
    publish(DocumentChanged(document_id=outgoing.document_id))  # the search index follows
    DocumentEvent.objects.create(
        document_id=outgoing.document_id, kind=kind, actor=by, unit=outgoing.unit, data=data
    )


def _state(outgoing: OutgoingDocument) -> dict[str, Any]:
    document = outgoing.document
    return {
        "status": outgoing.status,
        "unit": outgoing.unit_id,
        "document_type": document.document_type,
        "subject": document.subject[:300],
        "secrecy": document.secrecy,
        "signer": outgoing.signer_id,
        "symbol": document.symbol,
    }


def _in_subtree(unit: Unit, root: Unit) -> bool:
    return unit.path.startswith(root.path)


def _check_cleared(user: User, secrecy: int, *, code: str = "not_cleared") -> None:
    if not cleared_for(user.clearance, secrecy):
        raise Forbidden(
            _("%(person)s is not cleared for documents marked %(level)s.")
            % {"person": user, "level": SecrecyChoices(secrecy).label},
            code=code,
        )


def _locked(outgoing: OutgoingDocument) -> OutgoingDocument:
    """``outgoing`` read again and locked until commit: steps that depend on its status queue
    here instead of both succeeding (two approvals, two issues)."""
    return (
        OutgoingDocument.objects.select_for_update(of=("self",))
        .select_related("document", "unit", "drafting_unit", "author", "signer")
        .get(pk=outgoing.pk)
    )


def _check_signer(signer: User, unit: Unit, secrecy: int) -> str:
    """``signer`` may sign for ``unit`` (a leader there, own or delegated); their position."""
    acting = acting_with(signer, unit, Capability.SIGN)
    if acting is None:
        raise InvalidInput(
            _("%(person)s does not sign documents of %(unit)s.") % {"person": signer, "unit": unit},
            code="not_a_signer",
        )
    if not cleared_for(signer.clearance, secrecy):
        raise InvalidInput(
            _("The signer %(person)s is not cleared for documents marked %(level)s.")
            % {"person": signer, "level": SecrecyChoices(secrecy).label},
            code="signer_not_cleared",
        )
    return acting.position


def _check_reviewers(
    reviewers: Sequence[User], *, outgoing_unit: Unit, author: User, signer: User, secrecy: int
) -> list[User]:
    """Reviewers hold the review capability in the issuing unit or a unit under it, are
    cleared for the document, and are neither its author nor its signer (who approves last).
    Repeats are dropped, the order kept."""
    chosen: list[User] = []
    for reviewer in reviewers:
        if reviewer.pk in {r.pk for r in chosen}:
            continue
        if reviewer.pk == author.pk:
            raise InvalidInput(
                _("The author does not review their own draft."), code="reviewer_is_author"
            )
        if reviewer.pk == signer.pk:
            raise InvalidInput(
                _("%(person)s signs the document and approves it last, after the reviewers.")
                % {"person": reviewer},
                code="reviewer_is_signer",
            )
        if not any(
            _in_subtree(a.unit, outgoing_unit) and a.can(Capability.REVIEW)
            for a in actings_for(reviewer)
        ):
            raise InvalidInput(
                _("%(person)s does not review documents of %(unit)s.")
                % {"person": reviewer, "unit": outgoing_unit},
                code="not_a_reviewer",
            )
        if not cleared_for(reviewer.clearance, secrecy):
            raise InvalidInput(
                _("The reviewer %(person)s is not cleared for documents marked %(level)s.")
                % {"person": reviewer, "level": SecrecyChoices(secrecy).label},
                code="reviewer_not_cleared",
            )
        chosen.append(reviewer)
    return chosen


def _check_draft_file(spooled: Spooled) -> None:
    if spooled.inspection.kind not in DRAFT_KINDS:
        raise InvalidInput(
            _("A draft is a DOCX or PDF file; %(name)s is not.") % {"name": spooled.name},
            code="draft_not_docx_or_pdf",
            file=spooled.name,
        )


def _check_numberable(unit: Unit, document_type: str) -> None:
    """The type exists in the unit's system and has what its symbol needs (a Party type
    without an abbreviation cannot be numbered, QĐ 399)."""
    system = system_of(unit)
    try:
        abbreviation = type_abbreviation(document_type, system)
        if system is System.PARTY and not abbreviation:
            raise SymbolError(document_type)
    except SymbolError:
        message = (
            _("This type of document is not issued by Party bodies with a number of its own.")
            if system is System.PARTY
            else _("This type of document is not one of the types of state documents.")
        )
        raise InvalidInput(
            _("Some fields are not valid: %(fields)s.") % {"fields": "document_type"},
            code="invalid_metadata",
            errors={"document_type": message},
        ) from None


def _store_version_file(spooled: Spooled) -> StoredFile:
    from vanphong.documents.tasks import extract_file_text

    stored = file_store(spooled)
    if stored.text_status == FileTextStatus.PENDING:
        extract_file_text.enqueue(file_id=stored.pk)
    return stored


def _set_main_file(outgoing: OutgoingDocument, stored: StoredFile, name: str, by: User) -> None:
    """The document's main file is its current content: the last version, then the signed
    file, then the issued one. Earlier ones stay in the versions and the signed chain; only
    the current one is the document's (and goes to the recipients)."""
    main = DocumentFile.objects.filter(document_id=outgoing.document_id, is_main=True).first()
    if main is None:
        DocumentFile.objects.create(
            document_id=outgoing.document_id, file=stored, name=name, is_main=True, added_by=by
        )
        return
    main.file = stored
    main.name = name[:255]
    main.save(update_fields=["file", "name"])
    outgoing.document.pages = stored.pages
    outgoing.document.save(update_fields=["pages", "updated_at"])


def _latest_version(outgoing: OutgoingDocument) -> DraftVersion:
    version = outgoing.versions.select_related("file").order_by("-number").first()
    if version is None:  # pragma: no cover - every draft starts with version 1
        raise Conflict(_("The draft has no file."), code="no_version")
    return version


def _expand_recipients(
    *, unit: Unit, recipients: Sequence[RecipientInput], secrecy: int
) -> list[OutgoingRecipient]:
    """The concrete nơi nhận: groups expanded to their units, repeats and the issuing unit
    itself dropped, closed units checked (a unit closed by a reorganisation is served by its
    successor when the document is issued; one closed without successor is refused now)."""
    rows: list[OutgoingRecipient] = []
    seen: set[tuple[str, str]] = set()

    def add(row: OutgoingRecipient, key: tuple[str, str]) -> None:
        if key not in seen:
            seen.add(key)
            row.position = len(rows)
            rows.append(row)

    for recipient in recipients:
        units: list[Unit] = []
        if recipient.group is not None:
            if recipient.group.owner_id != unit.pk:
                raise InvalidInput(
                    _("The group %(group)s is not one of %(unit)s.")
                    % {"group": recipient.group, "unit": unit},
                    code="unknown_recipient",
                )
            # In the order of the network (sort order), not whatever the database returns.
            units = list(recipient.group.units.order_by("sort_order", "pk"))
        elif recipient.unit is not None:
            units = [recipient.unit]
        elif recipient.organ_id:
            if secrecy:
                raise Conflict(
                    _("A secret document is not sent electronically outside the system."),
                    code="secret_outside",
                )
            code = check_organ_id(recipient.organ_id)
            add(
                OutgoingRecipient(organ_id=code, name=clean(recipient.name)[:255] or code),
                ("organ", code),
            )
            continue
        elif recipient.email:
            if secrecy:
                raise Conflict(
                    _("A secret document is not sent electronically outside the system."),
                    code="secret_outside",
                )
            address = check_email(recipient.email)
            add(
                OutgoingRecipient(email=address, name=clean(recipient.name)[:255]),
                ("email", address),
            )
            continue
        else:
            raise InvalidInput(
                _("A recipient needs a unit, a group, an organisation identifier or an e-mail."),
                code="bad_recipient",
            )
        for target in units:
            if target.pk == unit.pk:
                continue  # a group of one's own units may include oneself: nothing to send
            routed = unit_route(target, on=today())
            if not routed.is_active_on(today()):
                raise Conflict(
                    _("%(unit)s was dissolved without a successor: choose another recipient.")
                    % {"unit": target},
                    code="recipient_closed",
                )
            add(OutgoingRecipient(unit=target), ("unit", str(target.pk)))
    if not rows:
        raise InvalidInput(_("Name at least one recipient."), code="no_recipients")
    return rows


# --- drafting -------------------------------------------------------------------------------


@transaction.atomic
def outgoing_create(
    *,
    by: User,
    unit: Unit,
    files: Sequence[Spooled],
    document_type: str,
    subject: str,
    signer: User,
    recipients: Sequence[RecipientInput],
    drafting_unit: Unit | None = None,
    signer_position: str | None = None,
    authority: str = "",
    secrecy: str | None = None,
    urgency: str | None = None,
    due_date: dt.date | str | None = None,
    reviewers: Sequence[User] = (),
    review_mode: ReviewMode | str = ReviewMode.SEQUENTIAL,
    reply_to: IncomingDocument | None = None,
    note: str = "",
    replaces: OutgoingDocument | None = None,
) -> OutgoingDocument:
    """A new draft of ``unit`` (dự thảo): the content file (DOCX or PDF; ``files[0]``, the
    others attachments), type, subject, secrecy and urgency, the signer, the recipients, and
    the reviewers proposed for its first submission.

    The author holds the drafting capability in ``drafting_unit`` (``unit`` itself by default,
    or a unit under it: a state công văn then carries that unit's code). The signer is a
    leader of ``unit`` (own role or delegation). A secret document goes to no outside body
    (DOMAIN.md §5). A reply names the incoming document it answers, which the author may see.
    """
    drafting_unit = drafting_unit or unit
    if acting_with(by, drafting_unit, Capability.DRAFT) is None:
        raise Forbidden(
            _("Only a specialist or an office leader of %(unit)s may draft its documents.")
            % {"unit": drafting_unit},
            code="not_drafter",
        )
    if not _in_subtree(drafting_unit, unit):
        raise Forbidden(
            _("%(drafting)s does not draft documents for %(unit)s.")
            % {"drafting": drafting_unit, "unit": unit},
            code="not_drafter",
        )
    if not unit.is_active_on(today()):
        raise Conflict(_("%(unit)s is closed.") % {"unit": unit}, code="unit_closed")
    values: dict[str, Any] = {
        "document_type": (document_type or "").strip().upper(),
        "subject": subject,
        "secrecy": secrecy,
        "urgency": urgency,
    }
    if due_date not in (None, ""):
        values["due_date"] = due_date
    cleaned = check_metadata(values, today=timezone.localdate())
    missing = {
        name: _("Required.") for name in ("document_type", "subject") if not cleaned.get(name)
    }
    if missing:
        raise InvalidInput(
            _("Some fields are not valid: %(fields)s.") % {"fields": ", ".join(sorted(missing))},
            code="invalid_metadata",
            errors=missing,
        )
    _check_numberable(unit, cleaned["document_type"])
    level = int(cleaned.get("secrecy", 0))
    _check_cleared(by, level)
    position = _check_signer(signer, unit, level)
    signer_position = clean(signer_position if signer_position is not None else position)
    authority = clean(authority)
    if len(authority) > 150 or len(signer_position) > 150:
        raise InvalidInput(
            _("The signer's position and authority are at most 150 characters each."),
            code="invalid_metadata",
        )
    chosen = _check_reviewers(
        reviewers, outgoing_unit=unit, author=by, signer=signer, secrecy=level
    )
    mode = ReviewMode(review_mode)
    if not files:
        raise InvalidInput(_("Attach the draft's file."), code="file_required")
    for spooled in files:
        _check_draft_file(spooled)
    if reply_to is not None and not incoming_visible_to(by).filter(pk=reply_to.pk).exists():
        raise InvalidInput(_("No such incoming document to reply to."), code="unknown_reply_to")
    rows = _expand_recipients(unit=unit, recipients=recipients, secrecy=level)
    given = {
        **cleaned,
        "issuer": unit.full_name,
        "signer": signer.get_full_name(),
        "signer_position": signer_position,
        "authority": authority_code(authority, system_of(unit)),
    }
    document = document_create(
        by=by, unit=unit, direction=Direction.OUTGOING, files=files, metadata=given
    )
    # The author's metadata is the document's: nothing read from the draft's text may fill
    # a field (a number or a date of issue before it is issued, a secrecy mark), though the
    # same bytes may have been seen before and their proposal applied by document_create. The
    # marker in ``proposal`` keeps the text extraction job from proposing anything later.
    for name in METADATA_FIELDS:
        setattr(document, name, given.get(name, _BLANK.get(name, "")))
    document.issuer_unit = unit
    document.proposal = {"source": "outgoing_draft"}
    document.save()
    outgoing = OutgoingDocument.objects.create(
        document=document,
        unit=unit,
        drafting_unit=drafting_unit,
        author=by,
        signer=signer,
        signer_position=signer_position,
        authority=authority,
        review_mode=mode,
        planned_reviewers=[r.pk for r in chosen],
        reply_to=reply_to,
        replaces=replaces,
    )
    main = document.files.select_related("file").get(is_main=True)
    DraftVersion.objects.create(
        outgoing=outgoing,
        number=1,
        file=main.file,
        name=main.name,
        note=clean(note),
        created_by=by,
    )
    for row in rows:
        row.outgoing = outgoing
    OutgoingRecipient.objects.bulk_create(rows)
    _event(
        outgoing,
        "draft_created",
        by=by,
        signer=signer.get_full_name(),
        recipients=[str(r) for r in rows],
        reviewers=[r.get_full_name() for r in chosen],
        reply_to=reply_to.pk if reply_to else None,
        replaces=replaces.pk if replaces else None,
    )
    audit_append(
        action="outgoing.create",
        actor=by,
        unit=unit,
        obj=outgoing,
        after={
            **_state(outgoing),
            "recipients": [str(r) for r in rows],
            "reviewers": [r.pk for r in chosen],
            "reply_to": reply_to.pk if reply_to else None,
            "replaces": replaces.pk if replaces else None,
        },
    )
    return outgoing


@transaction.atomic
def outgoing_add_version(
    *, by: User, outgoing: OutgoingDocument, file: Spooled, note: str = ""
) -> DraftVersion:
    """A revised version of the draft's content (the earlier ones are kept with their
    comments). The author revises a draft or a returned one; once approved, the author or the
    signer may add the final PDF made from an approved DOCX, which is then what gets signed."""
    outgoing = _locked(outgoing)
    _check_draft_file(file)
    author = by.pk == outgoing.author_id
    if outgoing.status in EDITABLE:
        if not author:
            raise Forbidden(_("Only the author revises the draft."), code="not_author")
    elif outgoing.status == OutgoingStatus.APPROVED:
        if not (author or can_sign(by, outgoing)):
            raise Forbidden(_("Only the author revises the draft."), code="not_author")
        if file.inspection.kind != FileKind.PDF:
            raise Conflict(
                _("The draft is approved: only its final PDF can be added now."),
                code="final_must_be_pdf",
            )
    else:
        raise Conflict(
            _("A draft that is %(status)s cannot be revised.")
            % {"status": outgoing.get_status_display()},
            code="not_editable",
        )
    stored = _store_version_file(file)
    number = (outgoing.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DraftVersion.objects.create(
        outgoing=outgoing,
        number=number,
        file=stored,
        name=file.name,
        note=clean(note),
        created_by=by,
    )
    _set_main_file(outgoing, stored, file.name, by)
    _event(
        outgoing,
        "version_added",
        by=by,
        version=number,
        name=file.name,
        format=stored.kind,
        note=version.note,
    )
    audit_append(
        action="outgoing.add_version",
        actor=by,
        unit=outgoing.unit,
        obj=outgoing,
        after={"version": number, "file": stored.sha256, "name": file.name},
    )
    return version


def _comment(by: User, version: DraftVersion, text: str) -> VersionComment:
    return VersionComment.objects.create(version=version, author=by, text=text)


@transaction.atomic
def outgoing_comment(
    *, by: User, outgoing: OutgoingDocument, text: str, version: DraftVersion | None = None
) -> VersionComment:
    """A comment (góp ý) on one version of the draft (the latest by default), by anyone who
    may open the document, until it is issued or cancelled."""
    text = clean(text)
    if not text:
        raise InvalidInput(_("Write the comment."), code="comment_required")
    if not outgoing_visible_to(by).filter(pk=outgoing.pk).exists():
        raise Forbidden(_("You may not comment on this draft."), code="not_visible")
    outgoing = _locked(outgoing)
    if outgoing.status in (OutgoingStatus.ISSUED, OutgoingStatus.CANCELLED):
        raise Conflict(
            _("A document that is %(status)s is no longer commented on.")
            % {"status": outgoing.get_status_display()},
            code="not_editable",
        )
    if version is None:
        version = _latest_version(outgoing)
    elif version.outgoing_id != outgoing.pk:
        raise InvalidInput(_("No such version of this draft."), code="unknown_version")
    comment = _comment(by, version, text)
    _event(outgoing, "version_commented", by=by, version=version.number, text=text)
    audit_append(
        action="outgoing.comment",
        actor=by,
        unit=outgoing.unit,
        obj=outgoing,
        after={"version": version.number, "text": text},
    )
    return comment


# --- review and approval --------------------------------------------------------------------


@transaction.atomic
def outgoing_submit(
    *,
    by: User,
    outgoing: OutgoingDocument,
    reviewers: Sequence[User] | None = None,
    mode: ReviewMode | str | None = None,
    note: str = "",
) -> OutgoingDocument:
    """Submit the draft for review (trình duyệt): a new round with ``reviewers`` (those
    proposed with the draft when None) one after another or all at once; without reviewers it
    goes straight to the signer. Only the author, from a draft or a returned one."""
    outgoing = _locked(outgoing)
    if by.pk != outgoing.author_id:
        raise Forbidden(_("Only the author submits the draft."), code="not_author")
    if outgoing.status not in EDITABLE:
        raise Conflict(
            _("A draft that is %(status)s cannot be submitted.")
            % {"status": outgoing.get_status_display()},
            code="not_editable",
        )
    secrecy = outgoing.document.secrecy
    if reviewers is None:
        by_id = {u.pk: u for u in User.objects.filter(pk__in=outgoing.planned_reviewers)}
        reviewers = [by_id[pk] for pk in outgoing.planned_reviewers if pk in by_id]
    chosen = _check_reviewers(
        reviewers, outgoing_unit=outgoing.unit, author=by, signer=outgoing.signer, secrecy=secrecy
    )
    mode = ReviewMode(mode or outgoing.review_mode)
    version = _latest_version(outgoing)
    before = outgoing.status
    outgoing.review_round += 1
    outgoing.review_mode = mode
    outgoing.planned_reviewers = [r.pk for r in chosen]
    ReviewStep.objects.bulk_create(
        ReviewStep(
            outgoing=outgoing,
            round=outgoing.review_round,
            order=index,
            reviewer=reviewer,
            version=version,
            status=StepStatus.PENDING
            if mode == ReviewMode.PARALLEL or index == 1
            else StepStatus.WAITING,
        )
        for index, reviewer in enumerate(chosen, start=1)
    )
    outgoing.status = OutgoingStatus.IN_REVIEW if chosen else OutgoingStatus.APPROVED
    outgoing.save(
        update_fields=["review_round", "review_mode", "planned_reviewers", "status", "updated_at"]
    )
    _event(
        outgoing,
        "submitted",
        by=by,
        round=outgoing.review_round,
        mode=mode.value,
        reviewers=[r.get_full_name() for r in chosen],
        signer=outgoing.signer.get_full_name(),
        version=version.number,
        note=clean(note),
    )
    audit_append(
        action="outgoing.submit",
        actor=by,
        unit=outgoing.unit,
        obj=outgoing,
        before={"status": before},
        after={
            "status": outgoing.status,
            "round": outgoing.review_round,
            "mode": mode.value,
            "reviewers": [r.pk for r in chosen],
        },
    )
    return outgoing


def _open_step(by: User, outgoing: OutgoingDocument) -> ReviewStep:
    """``by``'s step to act on now, locked; Forbidden with the reason otherwise."""
    mine = list(
        ReviewStep.objects.select_for_update()
        .filter(outgoing=outgoing, reviewer=by)
        .order_by("-round", "-pk")
    )
    current = [s for s in mine if s.round == outgoing.review_round]
    pending = [s for s in current if s.status == StepStatus.PENDING]
    if pending and outgoing.status == OutgoingStatus.IN_REVIEW:
        return pending[0]
    if not mine:
        raise Forbidden(_("You are not a reviewer of this draft."), code="not_reviewer")
    if any(s.status == StepStatus.WAITING for s in current):
        raise Forbidden(_("The reviewers before you have not finished yet."), code="not_your_turn")
    raise Forbidden(
        _("You have already given your opinion on this draft."), code="already_reviewed"
    )


def _cancel_open_steps(outgoing: OutgoingDocument) -> None:
    ReviewStep.objects.filter(
        outgoing=outgoing, round=outgoing.review_round, status__in=OPEN_STEP
    ).update(status=StepStatus.CANCELLED, acted_at=timezone.now())


@transaction.atomic
def outgoing_review(
    *,
    by: User,
    outgoing: OutgoingDocument,
    action: str,
    comment: str = "",
    to: User | None = None,
) -> ReviewStep:
    """A reviewer's answer: ``approve`` (đồng ý), ``return`` with comments (trả lại: the
    draft goes back to its author, the round ends) or ``forward`` to another reviewer
    (chuyển xin ý kiến: they answer in this reviewer's place). In a sequential round the next
    reviewer's turn comes with an approval; when every reviewer has approved, the draft goes
    to the signer, who approves last by signing."""
    if action not in ("approve", "return", "forward"):
        raise InvalidInput(
            _("Unknown answer %(action)s: approve, return or forward.") % {"action": action},
            code="bad_action",
        )
    outgoing = _locked(outgoing)
    step = _open_step(by, outgoing)
    comment = clean(comment)
    if action == "return" and not comment:
        raise InvalidInput(_("Say what the author should change."), code="comment_required")
    now = timezone.now()
    version = step.version or _latest_version(outgoing)
    if comment:
        _comment(by, version, comment)
    before = outgoing.status
    if action == "return":
        step.status, step.comment, step.acted_at = StepStatus.RETURNED, comment, now
        step.save(update_fields=["status", "comment", "acted_at"])
        _cancel_open_steps(outgoing)
        outgoing.status = OutgoingStatus.RETURNED
        outgoing.save(update_fields=["status", "updated_at"])
        _event(
            outgoing,
            "review_returned",
            by=by,
            round=step.round,
            version=version.number,
            comment=comment,
        )
    else:
        new_step = None
        if action == "forward":
            if to is None:
                raise InvalidInput(_("Name the person to forward to."), code="forward_to_required")
            [target] = _check_reviewers(
                [to],
                outgoing_unit=outgoing.unit,
                author=outgoing.author,
                signer=outgoing.signer,
                secrecy=outgoing.document.secrecy,
            )
            if ReviewStep.objects.filter(
                outgoing=outgoing,
                round=outgoing.review_round,
                reviewer=target,
                status__in=OPEN_STEP,
            ).exists():
                raise Conflict(
                    _("%(person)s already has this draft to review.") % {"person": target},
                    code="already_reviewer",
                )
            new_step = ReviewStep.objects.create(
                outgoing=outgoing,
                round=step.round,
                order=step.order,
                reviewer=target,
                version=version,
                status=StepStatus.PENDING,
            )
            step.status, step.forwarded_to = StepStatus.FORWARDED, new_step
        else:
            step.status = StepStatus.APPROVED
        step.comment, step.acted_at = comment, now
        step.save(update_fields=["status", "forwarded_to", "comment", "acted_at"])
        steps = list(
            ReviewStep.objects.filter(outgoing=outgoing, round=outgoing.review_round).values_list(
                "pk", "order", "status"
            )
        )
        outcome = round_outcome([Step(pk, order, StepState(status)) for pk, order, status in steps])
        if outcome.promote is not None:
            ReviewStep.objects.filter(pk=outcome.promote).update(status=StepStatus.PENDING)
        if outcome.approved:
            outgoing.status = OutgoingStatus.APPROVED
            outgoing.save(update_fields=["status", "updated_at"])
        if new_step is not None:
            _event(
                outgoing,
                "review_forwarded",
                by=by,
                round=step.round,
                to=new_step.reviewer.get_full_name(),
                comment=comment,
            )
        else:
            _event(
                outgoing,
                "review_approved",
                by=by,
                round=step.round,
                version=version.number,
                comment=comment,
                last=outcome.approved,
            )
    audit_append(
        action=f"outgoing.review_{action}",
        actor=by,
        unit=outgoing.unit,
        obj=outgoing,
        before={"status": before},
        after={"status": outgoing.status, "step": step.pk, "comment": comment},
    )
    return step


@transaction.atomic
def outgoing_signer_return(
    *, by: User, outgoing: OutgoingDocument, comment: str
) -> OutgoingDocument:
    """The signer (or their delegate) sends the draft back to its author with comments instead
    of signing it; open review steps end with it."""
    outgoing = _locked(outgoing)
    if not can_sign(by, outgoing):
        raise Forbidden(_("Only the signer may do this."), code="not_signer")
    if outgoing.status not in (OutgoingStatus.IN_REVIEW, OutgoingStatus.APPROVED):
        raise Conflict(
            _("A draft that is %(status)s cannot be returned.")
            % {"status": outgoing.get_status_display()},
            code="not_in_review",
        )
    comment = clean(comment)
    if not comment:
        raise InvalidInput(_("Say what the author should change."), code="comment_required")
    version = _latest_version(outgoing)
    _comment(by, version, comment)
    _cancel_open_steps(outgoing)
    before = outgoing.status
    outgoing.status = OutgoingStatus.RETURNED
    outgoing.save(update_fields=["status", "updated_at"])
    _event(outgoing, "signer_returned", by=by, version=version.number, comment=comment)
    audit_append(
        action="outgoing.signer_return",
        actor=by,
        unit=outgoing.unit,
        obj=outgoing,
        before={"status": before},
        after={"status": outgoing.status, "comment": comment},
    )
    return outgoing


@transaction.atomic
def outgoing_cancel(*, by: User, outgoing: OutgoingDocument, reason: str) -> OutgoingDocument:
    """Abandon a document before it is issued (the author, or the signer); nothing was
    numbered, so nothing is left in the register."""
    outgoing = _locked(outgoing)
    if not (by.pk == outgoing.author_id or can_sign(by, outgoing)):
        raise Forbidden(_("Only the author or the signer may cancel the draft."), code="not_author")
    if outgoing.status in (OutgoingStatus.ISSUED, OutgoingStatus.CANCELLED):
        raise Conflict(
            _("A document that is %(status)s cannot be cancelled; recall it instead.")
            % {"status": outgoing.get_status_display()},
            code="not_cancellable",
        )
    reason = clean(reason)
    if not reason:
        raise InvalidInput(_("Give the reason."), code="reason_required")
    _cancel_open_steps(outgoing)
    before = outgoing.status
    outgoing.status = OutgoingStatus.CANCELLED
    outgoing.save(update_fields=["status", "updated_at"])
    _event(outgoing, "draft_cancelled", by=by, reason=reason)
    audit_append(
        action="outgoing.cancel",
        actor=by,
        unit=outgoing.unit,
        obj=outgoing,
        before={"status": before},
        after={"status": outgoing.status, "reason": reason},
    )
    return outgoing


# --- signing and issuing --------------------------------------------------------------------


@transaction.atomic
def outgoing_sign(
    *, by: User, outgoing: OutgoingDocument, passphrase: str, when: dt.datetime | None = None
) -> OutgoingDocument:
    """The signer (or their delegate) signs the approved final PDF with their own key
    (PAdES, visible signature at the signature place). A DOCX final must first get its PDF
    version. A wrong passphrase changes nothing."""
    outgoing = _locked(outgoing)
    if not can_sign(by, outgoing):
        raise Forbidden(
            _("Only %(person)s, or whoever they delegated, may sign this document.")
            % {"person": outgoing.signer},
            code="not_signer",
        )
    if outgoing.status in (OutgoingStatus.SIGNED, OutgoingStatus.ISSUED):
        raise Conflict(_("This document is already signed."), code="already_signed")
    if outgoing.status != OutgoingStatus.APPROVED:
        raise Conflict(
            _("Only an approved draft is signed; this one is %(status)s.")
            % {"status": outgoing.get_status_display()},
            code="not_approved",
        )
    _check_cleared(by, outgoing.document.secrecy)
    version = _latest_version(outgoing)
    if version.file.kind != FileKind.PDF:
        raise Conflict(
            _(
                "The final version is a DOCX file, and only a PDF can be signed: save it as "
                "PDF and add that as the final version, then sign."
            ),
            code="final_not_pdf",
        )
    signed = document_sign_personal(
        by=by,
        stored_file=version.file,
        passphrase=passphrase,
        position=outgoing.signer_position,
        when=when,
    )
    outgoing.signed_file = signed
    outgoing.signed_at = when or timezone.now()
    outgoing.signed_by = by
    outgoing.status = OutgoingStatus.SIGNED
    outgoing.save(update_fields=["signed_file", "signed_at", "signed_by", "status", "updated_at"])
    document = outgoing.document
    document.signer = by.get_full_name()
    document.save(update_fields=["signer", "updated_at"])
    _set_main_file(outgoing, signed, version.name, by)
    _event(
        outgoing,
        "signed",
        by=by,
        version=version.number,
        file=signed.sha256,
        on_behalf_of=outgoing.signer.get_full_name() if by.pk != outgoing.signer_id else "",
    )
    audit_append(
        action="outgoing.sign",
        actor=by,
        unit=outgoing.unit,
        obj=outgoing,
        before={"status": OutgoingStatus.APPROVED, "file": version.file.sha256},
        after={"status": outgoing.status, "file": signed.sha256},
    )
    return outgoing


def _drafting_code(outgoing: OutgoingDocument) -> str:
    """The drafting unit's code after the issuer's in a state công văn (45/UBND-VP)."""
    drafting = outgoing.drafting_unit
    if drafting.pk == outgoing.unit_id or not drafting.issuer_code:
        return ""
    prefix = f"{outgoing.unit.issuer_code}-"
    code = drafting.issuer_code
    return code[len(prefix) :] if code.startswith(prefix) else code


def _committee_of(unit: Unit) -> Unit:
    """The committee whose term ``unit`` numbers in: itself when it is one (a district
    committee, a ward's Party committee), else the nearest one above it (a board, an office)."""
    chain = [*unit.ancestor_ids(), unit.pk]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=chain)}
    for pk in reversed(chain):
        if pk in units and units[pk].kind in COMMITTEE_KINDS:
            return units[pk]
    return unit


def _numbering(outgoing: OutgoingDocument, day: dt.date) -> tuple[System, str]:
    """The system and the counter period of ``outgoing``'s number: per type per committee
    term for Party units (QĐ 399), per year for state units (NĐ 30/2020)."""
    unit = outgoing.unit
    system = system_of(unit)
    doctype = outgoing.document.document_type
    if system is System.PARTY:
        committee = _committee_of(unit)
        term = term_on(unit, day)
        # A committee numbers in its own term only: falling back on the term of the committee
        # above (what term_on does for a committee without one) would restart its numbers at 01
        # the day its own term is recorded, and repeat symbols already given.
        if term is None or term.unit_id != committee.pk:
            raise Conflict(
                _(
                    "No term of %(committee)s is recorded for %(day)s: Party documents are "
                    "numbered per committee term. Ask an administrator to open the term."
                )
                % {"committee": committee, "day": f"{day:%d/%m/%Y}"},
                code="no_term",
            )
        return system, numbering_period(
            system, doctype=doctype, year=day.year, term=term.period_key
        )
    return system, numbering_period(system, doctype=doctype, year=day.year)


def _symbol(outgoing: OutgoingDocument, system: System, number: int) -> Symbol:
    unit = outgoing.unit
    if not unit.issuer_code:
        raise Conflict(
            _("%(unit)s has no issuer code for its symbols: ask an administrator to set it.")
            % {"unit": unit},
            code="no_issuer_code",
        )
    doctype = outgoing.document.document_type
    try:
        if system is System.PARTY:
            return party_symbol(number, doctype, unit.issuer_code)
        return state_symbol(
            number, doctype, unit.issuer_code, drafting_unit=_drafting_code(outgoing)
        )
    except SymbolError:
        raise Conflict(
            _("A symbol cannot be made for this type of document in %(unit)s.") % {"unit": unit},
            code="symbol_impossible",
        ) from None


def _exchange_recipients(outgoing: OutgoingDocument) -> list[Recipient]:
    return [
        Recipient(unit=r.unit, organ_id=r.organ_id, name=r.name, email=r.email)
        for r in outgoing.recipients.select_related("unit")
    ]


def _distribute(by: User, outgoing: OutgoingDocument) -> list[Delivery]:
    """The outbox rows of the issued document, in the issuing transaction: a replacement goes
    as such (edXML business 3) to the units that had the document it replaces, as a new
    document to the others."""
    recipients = _exchange_recipients(outgoing)
    if not recipients:
        return []
    originals: dict[int, Delivery] = {}
    if outgoing.replaces is not None:
        for delivery in Delivery.objects.filter(
            document_id=outgoing.replaces.document_id,
            business__in=(Business.NEW, Business.REPLACE),
            recipient_unit__isnull=False,
        ):
            originals.setdefault(delivery.recipient_unit_id or 0, delivery)
    replacing = [
        r
        for r in recipients
        if r.unit is not None and unit_route(r.unit, on=today()).pk in originals
    ]
    others = [r for r in recipients if r not in replacing]
    created: list[Delivery] = []
    if replacing:
        created += deliveries_create(
            by=by,
            document=outgoing.document,
            sender=outgoing.unit,
            recipients=replacing,
            business=Business.REPLACE,
            originals=originals,
            note=_("Replaces %(symbol)s") % {"symbol": outgoing.replaces.document.symbol}
            if outgoing.replaces is not None
            else "",
        )
    if others:
        created += deliveries_create(
            by=by, document=outgoing.document, sender=outgoing.unit, recipients=others
        )
    return created


def _complete_reply(outgoing: OutgoingDocument) -> Assignment | None:
    """The author's open work on the incoming document this one answers, completed with it as
    the reply (the incoming document is done when that work was the lead's)."""
    incoming = outgoing.reply_to
    if incoming is None:
        return None
    incoming = IncomingDocument.objects.get(pk=incoming.pk)
    completed = None
    if incoming.status == IncomingStatus.IN_PROGRESS:
        author = outgoing.author
        units = {a.unit.pk for a in actings_for(author)}
        open_work = [
            a
            for a in Assignment.objects.filter(
                document_id=incoming.document_id, status__in=OPEN_ASSIGNMENT
            )
            .exclude(kind=AssignmentKind.INFORM)
            .order_by("pk")
            if a.assignee_user_id == author.pk or a.assignee_unit_id in units
        ]
        # The lead's work first: completing it is what closes the incoming document.
        open_work.sort(key=lambda a: (a.kind != AssignmentKind.LEAD, a.assignee_user_id is None))
        if open_work:
            completed = incoming_complete(
                by=author,
                assignment=open_work[0],
                result=_("Replied with %(symbol)s") % {"symbol": outgoing.document.symbol},
                reply=outgoing.document,
            )
    DocumentEvent.objects.create(
        document_id=incoming.document_id,
        kind="reply_issued",
        actor=outgoing.issued_by,
        unit=incoming.unit,
        data={
            "outgoing": outgoing.pk,
            "document": outgoing.document_id,
            "symbol": outgoing.document.symbol,
            "issuer": outgoing.unit.full_name,
            "assignment": completed.pk if completed else None,
        },
    )
    return completed


@transaction.atomic
def outgoing_issue(
    *, by: User, outgoing: OutgoingDocument, passphrase: str, when: dt.datetime | None = None
) -> OutgoingDocument:
    """Issue a signed document (cấp số, ban hành, phát hành), as a clerk of the issuing unit.

    In one transaction: the next number from the unit's outgoing register (Party units per
    type per committee term — secret ones in the same series, QĐ 399; state units per register
    per year, a secret register when the unit keeps one, NĐ 30/2020), the symbol formatted, the
    number and the place and date stamped in the signed PDF, the agency's signature with the
    clerk's passphrase, the register entry, one delivery per recipient (units closed by a
    reorganisation are served by their successors) and, for a reply, the author's work on the
    incoming document completed. Whatever fails, nothing is kept: the number is not consumed.
    """
    outgoing = _locked(outgoing)
    if acting_with(by, outgoing.unit, Capability.ISSUE_OUTGOING) is None:
        raise Forbidden(
            _("Only a clerk of %(unit)s may issue its documents.") % {"unit": outgoing.unit},
            code="not_clerk",
        )
    if outgoing.status == OutgoingStatus.ISSUED:
        raise Conflict(
            _("This document was already issued as %(symbol)s.")
            % {"symbol": outgoing.document.symbol},
            code="already_issued",
        )
    if outgoing.status != OutgoingStatus.SIGNED or outgoing.signed_file is None:
        raise Conflict(
            _("Only a signed document is issued; this one is %(status)s.")
            % {"status": outgoing.get_status_display()},
            code="not_signed",
        )
    document = outgoing.document
    _check_cleared(by, document.secrecy)
    when = when or timezone.now()
    day = timezone.localdate(when)
    system, period = _numbering(outgoing, day)
    _symbol(outgoing, system, 1)  # refuse before taking a number when no symbol can be made
    place = issue_place(outgoing.unit)
    if not place:
        raise Conflict(
            _(
                "The place name of %(unit)s's documents comes from its address, and no address "
                "is recorded: ask an administrator to enter it."
            )
            % {"unit": outgoing.unit},
            code="no_place",
        )
    # Party documents: secret ones share the sequence of their type (QĐ 399), so they are
    # numbered in the ordinary register whatever secret register the unit keeps.
    register = register_for(
        unit=outgoing.unit,
        kind=RegisterKind.OUTGOING,
        secrecy=0 if system is System.PARTY else document.secrecy,
    )
    # The counter row stays locked until commit: concurrent issues queue here, and a failure
    # below (wrong passphrase, closed recipient) rolls the number back with everything else.
    number = counter_take(register=register, period=period)
    symbol = _symbol(outgoing, system, number)
    dated = date_text(place, day)
    numbered = document_fill_issue_fields(
        by=by, stored_file=outgoing.signed_file, symbol=symbol.display, date_text=dated
    )
    issued = document_sign_agency(
        by=by, stored_file=numbered, unit=outgoing.unit, passphrase=passphrase, when=when
    )
    document.number = symbol.number_text
    document.notation = symbol.notation
    document.symbol = symbol.text
    document.issued_date = day
    document.place = place
    document.issuer = outgoing.unit.full_name
    document.issuer_unit = outgoing.unit
    document.save()
    outgoing.register = register
    outgoing.period = period
    outgoing.number = number
    outgoing.issued_at = when
    outgoing.issued_by = by
    outgoing.issued_file = issued
    outgoing.status = OutgoingStatus.ISSUED
    outgoing.save()
    _set_main_file(outgoing, issued, f"{symbol.text.replace('/', '-')}.pdf", by)
    _event(
        outgoing,
        "numbered",
        by=by,
        number=number,
        symbol=symbol.text,
        register=register.name,
        date=day,
    )
    deliveries = _distribute(by, outgoing)
    _event(
        outgoing,
        "issued",
        by=by,
        symbol=symbol.text,
        date=day,
        file=issued.sha256,
        recipients=[d.recipient_name for d in deliveries],
    )
    replaced = outgoing.replaces
    if replaced is not None:
        _event(
            replaced,
            "replaced",
            by=by,
            replacement=outgoing.pk,
            symbol=symbol.text,
            date=day,
        )
    completed = _complete_reply(outgoing)
    audit_append(
        action="outgoing.issue",
        actor=by,
        unit=outgoing.unit,
        obj=outgoing,
        before={"status": OutgoingStatus.SIGNED},
        after={
            **_state(outgoing),
            "register": register.pk,
            "period": period,
            "number": number,
            "issued_date": day,
            "file": issued.sha256,
            "deliveries": [d.pk for d in deliveries],
            "reply_completed": completed.pk if completed else None,
        },
    )
    return outgoing


# --- after issue: recall, update, replace ---------------------------------------------------


def _check_after_issue(by: User, outgoing: OutgoingDocument) -> None:
    if not (
        acting_with(by, outgoing.unit, Capability.ISSUE_OUTGOING)
        or acting_with(by, outgoing.unit, Capability.SIGN)
    ):
        raise Forbidden(
            _("Only a clerk or a leader of %(unit)s may do this.") % {"unit": outgoing.unit},
            code="not_clerk",
        )
    if outgoing.status != OutgoingStatus.ISSUED:
        raise Conflict(
            _("Only an issued document can be recalled, updated or replaced."), code="not_issued"
        )


def _originals(outgoing: OutgoingDocument, business: Business) -> dict[int, Delivery]:
    """The deliveries of ``outgoing`` a recall or an update concerns, by recipient unit: those
    that reached the recipient's intake. One still on its way makes the request wait (it would
    overtake the document); a recipient asked once already is not asked again."""
    deliveries = list(
        Delivery.objects.filter(
            document_id=outgoing.document_id,
            business__in=(Business.NEW, Business.REPLACE),
            channel=Channel.LOCAL,
        ).select_related("incoming")
    )
    if any(d.transport == Transport.PENDING for d in deliveries):
        raise Conflict(
            _("The document is still on its way to some recipients: try again in a moment."),
            code="deliveries_pending",
        )
    asked = set(
        Delivery.objects.filter(document_id=outgoing.document_id, business=business).values_list(
            "recipient_unit_id", flat=True
        )
    )
    reached = {
        d.recipient_unit_id: d
        for d in deliveries
        if d.recipient_unit_id is not None
        and d.incoming is not None
        and d.incoming.status not in (IncomingStatus.RETURNED, IncomingStatus.CANCELLED)
        and d.recipient_unit_id not in asked
    }
    if not reached:
        raise Conflict(
            _("No recipient holds a copy this request could concern."), code="nothing_to_ask"
        )
    return reached


@transaction.atomic
def outgoing_recall(*, by: User, outgoing: OutgoingDocument, reason: str) -> list[Delivery]:
    """Ask every recipient holding the issued document to give it back (thu hồi, edXML
    business 1, status 13); each one's answer comes back as 15 (agreed: their copy is
    cancelled) or 16 (refused). The register entry and its number stay."""
    outgoing = _locked(outgoing)
    _check_after_issue(by, outgoing)
    reason = clean(reason)
    if not reason:
        raise InvalidInput(_("Give the reason for the recall."), code="reason_required")
    originals = _originals(outgoing, Business.RECALL)
    deliveries = deliveries_create(
        by=by,
        document=outgoing.document,
        sender=outgoing.unit,
        recipients=[Recipient(unit=d.recipient_unit) for d in originals.values()],
        business=Business.RECALL,
        originals=originals,
        note=reason,
    )
    _event(
        outgoing,
        "recall_requested",
        by=by,
        reason=reason,
        recipients=[d.recipient_name for d in deliveries],
    )
    audit_append(
        action="outgoing.recall",
        actor=by,
        unit=outgoing.unit,
        obj=outgoing,
        after={"reason": reason, "deliveries": [d.pk for d in deliveries]},
    )
    return deliveries


@transaction.atomic
def outgoing_update(
    *, by: User, outgoing: OutgoingDocument, values: dict[str, Any], reason: str
) -> list[Delivery]:
    """Correct the metadata of an issued document (its subject, urgency or deadline) and ask
    every recipient holding it to update their copy (edXML business 2); each answer comes back
    as 15 or 16. The number, date and content cannot change this way: replace the document."""
    outgoing = _locked(outgoing)
    _check_after_issue(by, outgoing)
    reason = clean(reason)
    if not reason:
        raise InvalidInput(_("Give the reason for the update."), code="reason_required")
    wrong = sorted(set(values) - set(UPDATABLE))
    if wrong:
        raise InvalidInput(
            _(
                "Only the subject, the urgency and the deadline can be updated; replace the "
                "document to change %(fields)s."
            )
            % {"fields": ", ".join(wrong)},
            code="not_updatable",
        )
    cleaned = check_metadata(values, today=timezone.localdate())
    document = outgoing.document
    changes = {k: v for k, v in cleaned.items() if getattr(document, k) != v}
    if not changes:
        raise InvalidInput(_("Nothing would change."), code="no_change")
    originals = _originals(outgoing, Business.UPDATE)
    document_update_metadata(by=by, document=document, values=changes, unit=outgoing.unit)
    sent = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in changes.items()}
    deliveries = deliveries_create(
        by=by,
        document=outgoing.document,
        sender=outgoing.unit,
        recipients=[Recipient(unit=d.recipient_unit) for d in originals.values()],
        business=Business.UPDATE,
        originals=originals,
        note=reason,
        values=sent,
    )
    _event(
        outgoing,
        "updated",
        by=by,
        reason=reason,
        values=sent,
        recipients=[d.recipient_name for d in deliveries],
    )
    audit_append(
        action="outgoing.update",
        actor=by,
        unit=outgoing.unit,
        obj=outgoing,
        after={"reason": reason, "values": sent, "deliveries": [d.pk for d in deliveries]},
    )
    return deliveries


@transaction.atomic
def outgoing_replace(
    *,
    by: User,
    outgoing: OutgoingDocument,
    files: Sequence[Spooled],
    reason: str,
    subject: str | None = None,
    signer: User | None = None,
    reviewers: Sequence[User] | None = None,
) -> OutgoingDocument:
    """Start the document that replaces an issued one (văn bản thay thế, for an error of
    content, DOMAIN.md §4): a new draft with the same type, recipients, secrecy and signer,
    which is reviewed, signed and issued with a number of its own like any other. Issuing it
    sends it as a replacement (edXML business 3) to the recipients of the original."""
    outgoing = _locked(outgoing)
    if outgoing.status != OutgoingStatus.ISSUED:
        raise Conflict(_("Only an issued document can be replaced."), code="not_issued")
    reason = clean(reason)
    if not reason:
        raise InvalidInput(_("Give the reason for the replacement."), code="reason_required")
    if (
        OutgoingDocument.objects.filter(replaces=outgoing)
        .exclude(status=OutgoingStatus.CANCELLED)
        .exists()
    ):
        raise Conflict(
            _("A replacement of this document is already being prepared."),
            code="already_replaced",
        )
    document = outgoing.document
    drafting_unit = outgoing.drafting_unit
    if acting_with(by, drafting_unit, Capability.DRAFT) is None:
        drafting_unit = outgoing.unit
    recipients = [
        RecipientInput(unit=r.unit, organ_id=r.organ_id, name=r.name, email=r.email)
        for r in outgoing.recipients.select_related("unit")
    ]
    planned = {u.pk: u for u in User.objects.filter(pk__in=outgoing.planned_reviewers)}
    replacement = outgoing_create(
        by=by,
        unit=outgoing.unit,
        drafting_unit=drafting_unit,
        files=files,
        document_type=document.document_type,
        subject=subject if subject is not None else document.subject,
        signer=signer or outgoing.signer,
        signer_position=outgoing.signer_position if signer is None else None,
        authority=outgoing.authority,
        secrecy=SecrecyChoices(document.secrecy).name.lower(),
        urgency=document.urgency,
        due_date=document.due_date,
        reviewers=reviewers
        if reviewers is not None
        else [planned[pk] for pk in outgoing.planned_reviewers if pk in planned],
        review_mode=outgoing.review_mode,
        recipients=recipients,
        note=reason,
        replaces=outgoing,
    )
    _event(outgoing, "replacement_started", by=by, replacement=replacement.pk, reason=reason)
    audit_append(
        action="outgoing.replace",
        actor=by,
        unit=outgoing.unit,
        obj=outgoing,
        after={"replacement": replacement.pk, "reason": reason},
    )
    return replacement


# --- recipient groups -----------------------------------------------------------------------


@transaction.atomic
def recipient_group_save(
    *,
    by: User | None,
    owner: Unit,
    name: str,
    units: Sequence[Unit],
    group: RecipientGroup | None = None,
) -> RecipientGroup:
    """Create (or, given ``group``, change) a saved group of recipient units of ``owner``."""
    check_may_manage_groups(by, owner)
    name = clean(name)
    if not name or len(name) > 150:
        raise InvalidInput(_("Name the group (at most 150 characters)."), code="name_required")
    members = list(dict.fromkeys(u for u in units if u.pk != owner.pk))
    if not members:
        raise InvalidInput(_("A group needs at least one unit."), code="no_recipients")
    clash = RecipientGroup.objects.filter(owner=owner, name=name)
    if group is not None:
        if group.owner_id != owner.pk:
            raise Forbidden(_("This group belongs to another unit."), code="groups_forbidden")
        clash = clash.exclude(pk=group.pk)
    if clash.exists():
        raise Conflict(
            _("%(unit)s already has a group of that name.") % {"unit": owner},
            code="duplicate_group",
        )
    before = None
    if group is None:
        group = RecipientGroup.objects.create(owner=owner, name=name)
    else:
        before = {"name": group.name, "units": sorted(group.units.values_list("pk", flat=True))}
        group.name = name
        group.save(update_fields=["name"])
    group.units.set(members)
    audit_append(
        action="recipient_group.save",
        actor=by,
        unit=owner,
        obj=group,
        before=before,
        after={"name": name, "units": sorted(u.pk for u in members)},
    )
    return group
