"""The files of an incoming document, streamed to those who may open the document.

Nothing is served from a public media URL: every file, its searchable copy and the picture of
its first page go through ``access_incoming`` (scope and secrecy clearance) on each request.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from vanphong.core.errors import NotFound
from vanphong.documents.inspect import IMAGE_KINDS, FileKind
from vanphong.documents.models import DocumentFile
from vanphong.incoming.access import access_incoming
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.selectors import incoming_reply_file

logger = logging.getLogger(__name__)

# Shown in the browser (its own PDF viewer, an image); anything else is downloaded.
INLINE_KINDS = {FileKind.PDF, *IMAGE_KINDS}


def _stream(name: str, *, content_type: str, filename: str, inline: bool) -> FileResponse:
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        # The record is there and its bytes are not: a storage fault to look into, not a page.
        logger.error("stored file %s is missing from storage", name)
        raise Http404(_("The file is missing from storage.")) from None
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=filename
    )
    # Documents may be secret: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


def _incoming(request: HttpRequest, pk: int) -> IncomingDocument:
    try:
        return access_incoming(request.user, pk)  # type: ignore[arg-type]
    except NotFound as exc:
        raise Http404(exc.detail) from exc


def _document_file(request: HttpRequest, pk: int, file_id: int) -> DocumentFile:
    incoming = _incoming(request, pk)
    return get_object_or_404(
        DocumentFile.objects.select_related("file", "file__searchable"),
        pk=file_id,
        document_id=incoming.document_id,
    )


@login_required
@require_safe
def incoming_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """A file of the document as it was received, byte for byte."""
    item = _document_file(request, pk, file_id)
    return _stream(
        item.file.storage_name,
        content_type=item.file.content_type,
        filename=item.name,
        inline=FileKind(item.file.kind) in INLINE_KINDS,
    )


@login_required
@require_safe
def incoming_searchable(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """The searchable PDF made from a scanned file by OCR."""
    item = _document_file(request, pk, file_id)
    searchable = item.file.searchable
    if searchable is None:
        raise Http404(_("This file has no searchable copy."))
    return _stream(
        searchable.storage_name,
        content_type="application/pdf",
        filename=f"{Path(item.name).stem}-ocr.pdf",
        inline=True,
    )


@login_required
@require_safe
def incoming_preview(request: HttpRequest, pk: int) -> FileResponse:
    """The picture of the main file's first page, shown beside the proposed metadata."""
    incoming = _incoming(request, pk)
    main = (
        DocumentFile.objects.select_related("file")
        .filter(document_id=incoming.document_id)
        .order_by("-is_main", "position", "pk")
        .first()
    )
    if main is None or not main.file.preview_name:
        raise Http404(_("There is no picture of this document yet."))
    return _stream(
        main.file.preview_name,
        content_type="image/png",
        filename=f"{Path(main.name).stem}.png",
        inline=True,
    )


@login_required
@require_safe
def incoming_reply(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    """The reply document (văn bản trả lời) the work on the document was completed with."""
    incoming = _incoming(request, pk)
    item = incoming_reply_file(
        incoming,
        document_id,
        clearance=request.user.clearance,  # type: ignore[union-attr]
    )
    if item is None:
        raise Http404(_("No such reply document."))
    return _stream(
        item.file.storage_name,
        content_type=item.file.content_type,
        filename=item.name,
        inline=FileKind(item.file.kind) in INLINE_KINDS,
    )
