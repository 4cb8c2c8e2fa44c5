"""What the web pages that take or give files share: the messages about refused uploads (the
same words server-side and in the page's script) and the answer that streams a stored file."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from vanphong.core.errors import NotFound
from vanphong.documents.inspect import IMAGE_KINDS, FileKind
from vanphong.documents.storage import file_response, rejection_message

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
    """The stored file ``name`` for a page (see ``documents.storage.file_response``); the 404
    page when its bytes are gone."""
    try:
        return file_response(name, content_type=content_type, filename=filename, inline=inline)
    except NotFound as exc:
        raise Http404(exc.detail) from exc
