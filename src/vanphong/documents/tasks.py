"""Background work on files: text extraction, OCR, first-page preview, metadata proposal."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from vanphong.core.events import publish
from vanphong.core.tasks import PermanentError, job
from vanphong.documents.events import FileTextReady
from vanphong.documents.inspect import FileKind, inspect_file
from vanphong.documents.models import DocumentFile, StoredFile, TextStatus
from vanphong.documents.storage import file_store, local_copy, spool, tmp_dir
from vanphong.documents.text import OcrUnavailable, extract_text, render_first_page

logger = logging.getLogger(__name__)


def _store_searchable(path: Path, text: str) -> StoredFile:
    def chunks() -> Iterator[bytes]:
        with path.open("rb") as handle:
            while chunk := handle.read(1024 * 1024):
                yield chunk

    with spool(chunks(), name="searchable.pdf") as spooled:
        derived = file_store(spooled)
    if derived.text_status != TextStatus.DONE:
        StoredFile.objects.filter(pk=derived.pk).update(
            text=text, text_status=TextStatus.DONE, text_updated_at=timezone.now()
        )
    return derived


def _save_preview(stored: StoredFile, source: Path, kind: FileKind) -> str:
    name = f"previews/{stored.sha256[:2]}/{stored.sha256}.png"
    with tempfile.TemporaryDirectory(dir=tmp_dir()) as workdir:
        target = Path(workdir) / "page1.png"
        if not render_first_page(source, kind, target):
            return ""
        if default_storage.exists(name):
            default_storage.delete(name)
        with target.open("rb") as handle:
            return default_storage.save(name, File(handle))


@job(max_attempts=4, base_delay=30.0, max_delay=1800.0)
def extract_file_text(*, file_id: int) -> str:
    """Extract the text of a stored file, OCR-ing pages without text, then propose metadata
    for the documents whose main file it is. Safe to run again: a file done is left alone."""
    stored = StoredFile.objects.filter(pk=file_id).first()
    if stored is None:
        raise PermanentError(f"stored file {file_id} does not exist")
    if stored.text_status in (TextStatus.DONE, TextStatus.NO_OCR):
        return stored.text_status
    StoredFile.objects.filter(pk=file_id).update(text_status=TextStatus.RUNNING, text_error="")
    kind = FileKind(stored.kind)
    try:
        with local_copy(stored) as path, tempfile.TemporaryDirectory(dir=tmp_dir()) as work:
            status = TextStatus.DONE
            try:
                result = extract_text(path, kind, workdir=Path(work), ocr=True)
            except OcrUnavailable:
                # Keep what the text layer gives; the page tells the clerk how to add OCR.
                result = extract_text(path, kind, workdir=Path(work), ocr=False)
                status = TextStatus.NO_OCR
            searchable = (
                _store_searchable(result.searchable_pdf, result.text)
                if result.searchable_pdf is not None
                else None
            )
            if searchable is not None:
                preview = _save_preview(stored, result.searchable_pdf, FileKind.PDF)  # type: ignore[arg-type]
            else:
                preview = _save_preview(stored, path, kind)
            if stored.pages is None and kind != FileKind.DOCX:
                stored.pages = inspect_file(path).pages
    except Exception as exc:
        StoredFile.objects.filter(pk=file_id).update(
            text_status=TextStatus.FAILED, text_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    with transaction.atomic():
        StoredFile.objects.filter(pk=file_id).update(
            text=result.text,
            ocr_pages=result.ocr_pages,
            text_status=status,
            searchable=searchable,
            preview_name=preview,
            pages=stored.pages,
            text_error=(
                "tesseract-ocr-vie is not installed" if status == TextStatus.NO_OCR else ""
            ),
            text_updated_at=timezone.now(),
        )
        _propose_for_documents(file_id, result.text)
        publish(FileTextReady(file_id=file_id))
    return status


def _propose_for_documents(file_id: int, text: str) -> None:
    from vanphong.documents.services import document_apply_proposal

    for use in DocumentFile.objects.filter(file_id=file_id, is_main=True).select_related(
        "document"
    ):
        if not use.document.proposal:
            document_apply_proposal(document=use.document, text=text)
