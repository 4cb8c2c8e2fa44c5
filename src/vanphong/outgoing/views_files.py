"""The files of an outgoing document, streamed to those who may open it.

Nothing is served from a public URL: each request goes through ``access_outgoing`` (scope and
secrecy clearance), as the incoming document's files do.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from vanphong.core.errors import NotFound
from vanphong.documents.inspect import FileKind
from vanphong.documents.models import DocumentFile
from vanphong.org.acting import request_actings
from vanphong.outgoing.access import access_outgoing
from vanphong.outgoing.models import OutgoingDocument
from vanphong.web.uploads import INLINE_KINDS, stream


def _outgoing(request: HttpRequest, pk: int) -> OutgoingDocument:
    try:
        return access_outgoing(
            request.user,  # type: ignore[arg-type]
            pk,
            actings=request_actings(request),
        )
    except NotFound as exc:
        raise Http404(exc.detail) from exc


@login_required
@require_safe
def outgoing_signed_file(request: HttpRequest, pk: int) -> FileResponse:
    """The signed PDF: as issued (number, date, agency signature) once issued."""
    outgoing = _outgoing(request, pk)
    stored = outgoing.issued_file or outgoing.signed_file
    if stored is None:
        raise Http404(_("This document has not been signed yet."))
    symbol = outgoing.document.symbol
    name = symbol.replace("/", "-") if symbol else f"du-thao-{outgoing.pk}"
    return stream(
        stored.storage_name, content_type="application/pdf", filename=f"{name}.pdf", inline=True
    )


@login_required
@require_safe
def outgoing_version_file(request: HttpRequest, pk: int, number: int) -> FileResponse:
    """The file of one version of the draft."""
    outgoing = _outgoing(request, pk)
    version = outgoing.versions.select_related("file").filter(number=number).first()
    if version is None:
        raise Http404(_("No such version of this draft."))
    return stream(
        version.file.storage_name,
        content_type=version.file.content_type,
        filename=version.name,
        inline=FileKind(version.file.kind) in INLINE_KINDS,
    )


@login_required
@require_safe
def outgoing_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """A file of the document record (the current content, its attachments)."""
    outgoing = _outgoing(request, pk)
    item = get_object_or_404(
        DocumentFile.objects.select_related("file"), pk=file_id, document_id=outgoing.document_id
    )
    return stream(
        item.file.storage_name,
        content_type=item.file.content_type,
        filename=item.name,
        inline=FileKind(item.file.kind) in INLINE_KINDS,
    )
