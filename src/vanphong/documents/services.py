"""Creating documents from uploaded files, and keeping their metadata and history."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanphong.core.errors import Conflict, InvalidInput
from vanphong.core.events import publish
from vanphong.core.text import clean
from vanphong.documents.doctypes import by_code
from vanphong.documents.events import DocumentChanged
from vanphong.documents.extract import Proposal, extract, symbol_parts
from vanphong.documents.models import (
    URGENCY_ORDER,
    Document,
    DocumentEvent,
    DocumentFile,
    StoredFile,
    TextStatus,
)
from vanphong.documents.storage import Spooled, file_store, tmp_dir
from vanphong.documents.text import FORM_FEED, first_page_text
from vanphong.org.roles import Secrecy

if TYPE_CHECKING:
    from vanphong.org.models import Unit, User

METADATA_FIELDS = (
    "document_type",
    "number",
    "notation",
    "symbol",
    "issuer",
    "place",
    "issued_date",
    "subject",
    "signer",
    "signer_position",
    "authority",
    "secrecy",
    "urgency",
    "due_date",
)
TEXT_FIELDS = {
    "document_type": 10,
    "number": 20,
    "notation": 60,
    "symbol": 80,
    "issuer": 255,
    "place": 100,
    "subject": 2000,
    "signer": 150,
    "signer_position": 150,
    "authority": 10,
}
EARLIEST_DATE = dt.date(1930, 2, 3)  # the Party's founding: no document predates it


def proposal_as_dict(proposal: Proposal) -> dict[str, Any]:
    """A proposal with dates as ISO strings, the shape of the API's extract answer."""
    out: dict[str, Any] = {}
    for item in dataclasses.fields(proposal):
        value = getattr(proposal, item.name)
        out[item.name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def propose(text: str) -> Proposal:
    """Metadata read from the first page of ``text`` (pages separated by form feeds)."""
    return extract(text.split(FORM_FEED, 1)[0])


def check_metadata(values: dict[str, Any], *, today: dt.date) -> dict[str, Any]:
    """Validate metadata typed by a clerk or sent to the API; return it cleaned.

    Dates must be real and plausible (not in the future for the date of issue, not before
    1930), codes must be known; every problem is reported at once, by field.
    """
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, limit in TEXT_FIELDS.items():
        if name in values and values[name] is not None:
            text = clean(str(values[name]))
            if len(text) > limit:
                errors[name] = _("At most %(limit)d characters.") % {"limit": limit}
            cleaned[name] = text
    if cleaned.get("symbol") and not (values.get("number") or values.get("notation")):
        # The symbol is what people type and read; number and notation follow from it, so a
        # corrected symbol never leaves a stale number behind.
        try:
            cleaned["number"], cleaned["notation"] = symbol_parts(cleaned["symbol"])
        except ValueError:
            cleaned["number"], cleaned["notation"] = "", ""
    if cleaned.get("document_type") and by_code(cleaned["document_type"]) is None:
        errors["document_type"] = _("Unknown document type %(code)s.") % {
            "code": cleaned["document_type"]
        }
    for name in ("issued_date", "due_date"):
        if name not in values:
            continue
        value = values[name]
        if value in (None, ""):
            # Given empty on purpose: a misread date the clerk erased must go, not linger.
            cleaned[name] = None
            continue
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                errors[name] = _("Not a date: %(value)s (use YYYY-MM-DD).") % {"value": value}
                continue
        if not isinstance(value, dt.date):
            errors[name] = _("Not a date.")
            continue
        if value < EARLIEST_DATE:
            errors[name] = _("A date before 1930 is not plausible.")
        elif name == "issued_date" and value > today:
            errors[name] = _("The date of issue cannot be in the future.")
        cleaned[name] = value
    if (
        isinstance(cleaned.get("issued_date"), dt.date)
        and isinstance(cleaned.get("due_date"), dt.date)
        and cleaned["due_date"] < cleaned["issued_date"]
    ):
        errors["due_date"] = _("The deadline is before the date of issue.")
    if values.get("secrecy") not in (None, ""):
        try:
            cleaned["secrecy"] = int(Secrecy.from_code(str(values["secrecy"])))
        except ValueError:
            errors["secrecy"] = _("Secrecy must be thuong, mat, toi_mat or tuyet_mat.")
    if values.get("urgency") not in (None, ""):
        if values["urgency"] in URGENCY_ORDER:
            cleaned["urgency"] = values["urgency"]
        else:
            errors["urgency"] = _("Urgency must be thuong, khan, thuong_khan or hoa_toc.")
    if errors:
        raise InvalidInput(
            _("Some fields are not valid: %(fields)s.") % {"fields": ", ".join(sorted(errors))},
            code="invalid_metadata",
            errors=errors,
        )
    return cleaned


def _record(
    document: Document, kind: str, *, by: User | None, unit: Unit | None, **data: Any
) -> DocumentEvent:
    publish(DocumentChanged(document_id=document.pk))
    return DocumentEvent.objects.create(
        document=document, kind=kind, actor=by, unit=unit, data=data
    )


def document_create(
    *,
    by: User,
    unit: Unit,
    direction: str,
    files: Sequence[Spooled],
    main: int = 0,
    metadata: dict[str, Any] | None = None,
) -> Document:
    """A document owned by ``unit`` with ``files`` (``files[main]`` the document itself).

    Must run inside the caller's transaction (intake, draft): the files' text extraction is
    queued in it, so it starts exactly when the document exists.
    """
    from vanphong.documents.tasks import extract_file_text

    if not files:
        raise InvalidInput(_("Attach the document's file."), code="file_required")
    if not 0 <= main < len(files):
        raise InvalidInput(_("The main file is not among the files."), code="invalid_main")
    names = [f.name for f in files]
    duplicates = {f.sha256 for f in files if sum(g.sha256 == f.sha256 for g in files) > 1}
    if duplicates:
        raise InvalidInput(_("The same file was attached twice."), code="duplicate_file")
    values = metadata or {}
    document = Document.objects.create(
        unit=unit,
        direction=direction,
        created_by=by,
        pages=files[main].inspection.pages,
        **{k: v for k, v in values.items() if k in METADATA_FIELDS},
    )
    if not any(values.get(name) for name in ("symbol", "issuer", "subject")):
        # A text layer gives the proposal at once (milliseconds); scans wait for OCR.
        with tempfile.TemporaryDirectory(dir=tmp_dir()) as work:
            text, source = first_page_text(
                files[main].path, files[main].inspection.kind, workdir=Path(work), ocr=False
            )
        if source == "layer":
            document_apply_proposal(document=document, text=text)
    for position, spooled in enumerate(files):
        stored = file_store(spooled)
        DocumentFile.objects.create(
            document=document,
            file=stored,
            name=spooled.name,
            is_main=position == main,
            position=position,
            added_by=by,
        )
        if stored.text_status == TextStatus.PENDING:
            extract_file_text.enqueue(file_id=stored.pk)
        elif position == main and stored.text_status in (TextStatus.DONE, TextStatus.NO_OCR):
            # The same bytes were uploaded before: their text is known already.
            document_apply_proposal(document=document, text=stored.text)
    _record(document, "created", by=by, unit=unit, files=names)
    return document


def main_file(document: Document) -> DocumentFile | None:
    return document.files.select_related("file").filter(is_main=True).first()


def document_apply_proposal(*, document: Document, text: str) -> Proposal:
    """Store what the text proposes, and fill the fields nobody has filled yet.

    Never overwrites a value a clerk typed: the proposal is a suggestion, kept beside the
    record (``proposal``) so the form can show what was read.
    """
    proposal = propose(text)
    document.proposal = proposal_as_dict(proposal)
    changed = ["proposal"]
    for name in METADATA_FIELDS:
        value = getattr(proposal, name)
        if value in (None, ""):
            continue
        if name == "secrecy":
            value = int(Secrecy.from_code(value))
            if document.secrecy:
                continue
        elif name == "urgency":
            if document.urgency != "thuong":
                continue
        elif getattr(document, name) not in (None, ""):
            continue
        if name in TEXT_FIELDS and isinstance(value, str):
            value = value[: TEXT_FIELDS[name]]
        setattr(document, name, value)
        changed.append(name)
    document.save(update_fields=[*changed, "updated_at"])
    return proposal


@transaction.atomic
def document_update_metadata(
    *, by: User, document: Document, values: dict[str, Any], unit: Unit | None = None
) -> Document:
    """Correct a document's metadata; the change is kept in its history (before and after)."""
    from vanphong.audit.services import audit_append

    cleaned = check_metadata(values, today=timezone.localdate())
    document = Document.objects.select_for_update().get(pk=document.pk)
    before = {k: getattr(document, k) for k in cleaned}
    changes = {k: v for k, v in cleaned.items() if before[k] != v}
    if not changes:
        return document
    for name, value in changes.items():
        setattr(document, name, value)
    document.save()
    _record(
        document,
        "metadata_changed",
        by=by,
        unit=unit,
        fields=sorted(changes),
        before={k: before[k] for k in changes},
        after=changes,
    )
    audit_append(
        action="document.update",
        actor=by,
        unit=unit or document.unit,
        obj=document,
        before={k: before[k] for k in changes},
        after=changes,
    )
    return document


@transaction.atomic
def file_text_retry(*, by: User, stored: StoredFile) -> StoredFile:
    """Queue text extraction (and OCR) of ``stored`` again after a failure."""
    from vanphong.documents.tasks import extract_file_text

    stored = StoredFile.objects.select_for_update().get(pk=stored.pk)
    if stored.text_status in (TextStatus.PENDING, TextStatus.RUNNING):
        raise Conflict(_("Text extraction is already under way."), code="already_running")
    stored.text_status = TextStatus.PENDING
    stored.text_error = ""
    stored.save(update_fields=["text_status", "text_error"])
    extract_file_text.enqueue(file_id=stored.pk)
    return stored


def document_copy(
    *,
    by: User | None,
    source: Document,
    unit: Unit,
    direction: str,
    metadata: dict[str, Any],
) -> Document:
    """A new document of ``unit`` carrying ``source``'s files (the same stored bytes, not a
    copy of them) and ``metadata``: what a recipient receives through the exchange.

    Runs in the caller's transaction; the text of the files is known already, so nothing is
    extracted again.
    """
    values = {k: v for k, v in metadata.items() if k in (*METADATA_FIELDS, "issuer_unit")}
    document = Document.objects.create(
        unit=unit,
        direction=direction,
        created_by=by or source.created_by,
        pages=source.pages,
        **values,
    )
    DocumentFile.objects.bulk_create(
        DocumentFile(
            document=document,
            file_id=f.file_id,
            name=f.name,
            is_main=f.is_main,
            position=f.position,
            added_by=by or source.created_by,
        )
        for f in source.files.all()
    )
    _record(
        document,
        "created",
        by=by,
        unit=unit,
        files=[f.name for f in source.files.all()],
        copied_from=source.pk,
    )
    return document
