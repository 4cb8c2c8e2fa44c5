"""The files of an incoming document, streamed to those who may open the document.

Nothing is served from a public media URL: every file, its searchable copy and the picture of
its first page go through ``access_incoming`` (scope and secrecy clearance) on each request.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from vanphong.core.errors import NotFound
from vanphong.documents.inspect import FileKind
from vanphong.documents.models import DocumentFile
from vanphong.incoming.access import access_incoming
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.selectors import incoming_reply_file
from vanphong.web.uploads import INLINE_KINDS, stream


def _incoming(request: HttpRequest, pk: int) -> IncomingDocument:
    try:
        return access_incoming(request, pk)
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
    return stream(
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
    return stream(
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
    return stream(
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
    return stream(
        item.file.storage_name,
        content_type=item.file.content_type,
        filename=item.name,
        inline=FileKind(item.file.kind) in INLINE_KINDS,
    )
