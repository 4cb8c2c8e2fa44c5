"""The search index's reactions to domain events (wired in ``vanphong.config.handlers``).

Each runs as a background job after the publishing transaction commits and retries with
backoff when it fails; the index being rebuilt from the documents as they are now, a retry, a
duplicate or a late run does no harm.
"""

from __future__ import annotations

from typing import Protocol

from vanphong.documents.events import FileTextReady
from vanphong.documents.models import DocumentFile
from vanphong.search.services import index_documents


class OfDocument(Protocol):
    """An event about one document (``DocumentChanged``, ``AssignmentCreated``)."""

    document_id: int


def on_document_changed(event: OfDocument) -> None:
    """A document changed, or who may read it did (work given on it): its entry follows."""
    index_documents([event.document_id])


def on_file_text_ready(event: FileTextReady) -> None:
    """The text of a file is known: every document that carries it is found by it."""
    index_documents(
        DocumentFile.objects.filter(file_id=event.file_id).values_list("document_id", flat=True)
    )
