"""API of the documents layer: metadata proposed from a file, without registering anything."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.http import HttpRequest
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from vanphong.documents.services import propose
from vanphong.documents.storage import spool_upload, tmp_dir
from vanphong.documents.text import first_page_text

router = Router(tags=["documents"])


class ProposalOut(Schema):
    document_type: str | None
    number: str | None
    notation: str | None
    symbol: str | None
    issuer: str | None
    place: str | None
    issued_date: dt.date | None
    subject: str | None
    signer: str | None
    signer_position: str | None
    authority: str | None
    secrecy: str | None
    urgency: str | None
    due_date: dt.date | None
    text_source: str
    pages: int | None


@router.post("/extract", response=ProposalOut, summary="Propose metadata from a document file")
def extract_metadata(request: HttpRequest, file: File[UploadedFile]) -> dict[str, object]:
    """Read the first page of ``file`` (PDF, DOCX or a scanned image) and propose its
    metadata: type, number and symbol, issuer, place and date, subject, signer, authority,
    secrecy, urgency and deadline. Nothing is stored. A page without text is OCR'd
    (``text_source`` "ocr"); without OCR on the server a scan gives "none" and empty fields.
    """
    with spool_upload(file) as spooled, tempfile.TemporaryDirectory(dir=tmp_dir()) as work:
        text, source = first_page_text(spooled.path, spooled.inspection.kind, workdir=Path(work))
        proposal = propose(text)
        pages = spooled.inspection.pages
    body = {
        name: getattr(proposal, name)
        for name in ProposalOut.model_fields
        if hasattr(proposal, name)
    }
    body.update(text_source=source, pages=pages)
    return body
