"""Storing uploaded files once, by content, after checking what they are; giving them back."""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import FileResponse
from django.utils.translation import gettext as _

from vanphong.core.errors import InvalidInput, NotFound
from vanphong.documents.inspect import EXTENSIONS, FileKind, Inspection, Rejected, inspect_file
from vanphong.documents.models import StoredFile

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

CHUNK = 1024 * 1024
logger = logging.getLogger(__name__)


def max_upload_bytes() -> int:
    return int(settings.MAX_UPLOAD_MB) * 1024 * 1024


def rejection_message(code: str, **params: object) -> str:
    """What to tell the clerk when a file is refused, by the refusal's code."""
    messages = {
        "empty_file": _("The file is empty."),
        "too_large": _("The file is larger than the limit of %(limit)s MB.")
        % {"limit": settings.MAX_UPLOAD_MB},
        "unsupported_type": _(
            "This kind of file is not accepted: upload a PDF, a DOCX or a scanned image "
            "(PNG, JPEG, TIFF)."
        ),
        "archive": _(
            "This is a compressed archive (ZIP, RAR…), not a document, whatever its name says. "
            "Extract it and upload the documents inside."
        ),
        "legacy_office": _(
            "Old Word files (.doc) and password-protected Office files are not accepted: "
            "save it as DOCX or PDF."
        ),
        "encrypted_pdf": _(
            "The PDF is protected by a password. Ask the sender for a copy without one."
        ),
        "corrupt_pdf": _("The PDF is damaged and cannot be read."),
        "empty_pdf": _("The PDF has no pages."),
        "corrupt_docx": _("The DOCX file is damaged and cannot be read."),
        "corrupt_image": _("The image is damaged or in a format that cannot be read."),
        "image_too_large": _("The image is too large (more than 120 megapixels)."),
    }
    return str(messages.get(code, _("The file cannot be accepted.")))


@dataclass(frozen=True)
class Spooled:
    """An upload copied to a local temporary file, with its hash and what it is."""

    path: Path
    name: str
    size: int
    sha256: str
    inspection: Inspection


def tmp_dir() -> Path:
    """Where uploads and work files go: the data directory, so a move is a rename."""
    path = Path(settings.DATA_DIR) / "tmp"
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def spool(chunks: Iterable[bytes], *, name: str) -> Iterator[Spooled]:
    """Copy ``chunks`` to a temporary file while hashing, then inspect it.

    Raises InvalidInput (with a message for the clerk) when the file is too large, empty or not
    an accepted document. The temporary file is removed on leaving the block.
    """
    limit = max_upload_bytes()
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=tmp_dir(), prefix="upload-", delete=False) as handle:
        path = Path(handle.name)
        try:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise InvalidInput(rejection_message("too_large"), code="too_large", file=name)
                digest.update(chunk)
                handle.write(chunk)
        except BaseException:
            handle.close()
            path.unlink(missing_ok=True)
            raise
    try:
        try:
            inspection = inspect_file(path)
        except Rejected as refusal:
            raise InvalidInput(
                rejection_message(refusal.code, **refusal.params), code=refusal.code, file=name
            ) from None
        yield Spooled(
            path=path, name=name, size=size, sha256=digest.hexdigest(), inspection=inspection
        )
    finally:
        path.unlink(missing_ok=True)


@contextmanager
def spool_upload(upload: UploadedFile[Any]) -> Iterator[Spooled]:
    """``spool`` for a file received by Django (web form or API)."""
    name = Path(upload.name or "tep").name[:255]
    with spool(upload.chunks(CHUNK), name=name) as spooled:
        yield spooled


def storage_name(sha256: str, suffix: str) -> str:
    return f"blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}{suffix}"


def file_store(spooled: Spooled) -> StoredFile:
    """The StoredFile for ``spooled``'s content: the existing one, or a new one.

    The bytes are written before the row: a rollback then leaves at worst an unreferenced blob,
    never a row without its file. Concurrent uploads of the same content meet on the unique
    hash and share one row.
    """
    existing = StoredFile.objects.filter(sha256=spooled.sha256).first()
    if existing is not None:
        return existing
    kind = spooled.inspection.kind
    name = storage_name(spooled.sha256, EXTENSIONS[kind])
    if not default_storage.exists(name):
        with spooled.path.open("rb") as handle:
            saved = default_storage.save(name, File(handle))
        if saved != name:
            # Another upload of the same bytes won the race to the name: keep one copy.
            default_storage.delete(saved)
    try:
        with transaction.atomic():
            return StoredFile.objects.create(
                sha256=spooled.sha256,
                size=spooled.size,
                kind=kind.value,
                content_type=spooled.inspection.content_type,
                pages=spooled.inspection.pages,
                storage_name=name,
            )
    except IntegrityError:
        return StoredFile.objects.get(sha256=spooled.sha256)


@contextmanager
def local_copy(stored: StoredFile) -> Iterator[Path]:
    """A local path to ``stored``'s bytes (storage may be remote), removed afterwards."""
    with tempfile.TemporaryDirectory(dir=tmp_dir(), prefix="work-") as workdir:
        target = Path(workdir) / f"source{EXTENSIONS[FileKind(stored.kind)]}"
        with default_storage.open(stored.storage_name, "rb") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out, CHUNK)
        yield target


def file_response(name: str, *, content_type: str, filename: str, inline: bool) -> FileResponse:
    """The stored file ``name`` as an answer no shared cache keeps (documents may be secret);
    NotFound (``file_missing``) when its bytes are gone from storage."""
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        # The record is there and its bytes are not: a storage fault to look into.
        logger.error("stored file %s is missing from storage", name)
        raise NotFound(_("The file is missing from storage."), code="file_missing") from None
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=filename
    )
    response["Cache-Control"] = "private, no-store"
    return response
