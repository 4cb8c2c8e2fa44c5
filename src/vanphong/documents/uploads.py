"""Refusing oversized uploads before they fill the disk.

Django writes every uploaded file to a temporary file before the view runs. This handler, first
in ``FILE_UPLOAD_HANDLERS``, stops at the request's declared length or at the first file that
grows past the limit, and marks the request so the view can answer with a clear 413 message
instead of a parse error or a disk full of half-uploads.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, QueryDict
from django.utils.datastructures import MultiValueDict

FLAG = "vanphong_upload_too_large"


def _file_limit() -> int:
    return int(settings.MAX_UPLOAD_MB) * 1024 * 1024


def _request_limit() -> int:
    # A document comes with a few attachments: allow several files per request.
    return int(settings.MAX_REQUEST_BYTES)


class SizeLimitUploadHandler(FileUploadHandler):
    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],  # noqa: N803 - the name Django passes it by
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> tuple[QueryDict, MultiValueDict[str, Any]] | None:
        if content_length > _request_limit():
            # Answer without reading the body at all.
            setattr(self.request, FLAG, True)
            return QueryDict(), MultiValueDict()
        return None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > _file_limit():
            setattr(self.request, FLAG, True)
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def upload_too_large(request: HttpRequest) -> bool:
    """Whether an upload in ``request`` was cut off for exceeding the limits."""
    return bool(getattr(request, FLAG, False))
