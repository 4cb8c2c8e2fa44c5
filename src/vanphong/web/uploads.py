"""What the web pages that take or give files share: the messages about refused uploads (the
same words server-side and in the page's script) and the answer that streams a stored file."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from vanphong.documents.inspect import IMAGE_KINDS, FileKind
from vanphong.documents.storage import rejection_message

logger = logging.getLogger(__name__)

# Shown in the browser (its own PDF viewer, an image); anything else is downloaded.
INLINE_KINDS = {FileKind.PDF, *IMAGE_KINDS}


def not_accepted(name: str, reason: str) -> str:
    return _("“%(name)s” was not accepted: %(reason)s") % {"name": name, "reason": reason}


def too_many() -> str:
    return _("At most %(count)d files can be sent at once.") % {"count": settings.MAX_UPLOAD_FILES}


def client_messages() -> dict[str, str]:
    """What the page's script says before sending files the server would refuse anyway;
    ``{file}`` stands for the file's name."""
    return {
        "empty": not_accepted("{file}", rejection_message("empty_file")),
        "too_large": not_accepted("{file}", rejection_message("too_large")),
        "too_many": too_many(),
    }


def stream(name: str, *, content_type: str, filename: str, inline: bool) -> FileResponse:
    """The stored file ``name``, never kept by a shared cache; 404 when its bytes are gone."""
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
