"""Events the documents layer publishes for the layers above it."""

from __future__ import annotations

from dataclasses import dataclass

from vanphong.core.events import Event


@dataclass(frozen=True)
class FileTextReady(Event):
    """A stored file's text (layer or OCR) is known: index it, propose metadata from it."""

    file_id: int


@dataclass(frozen=True)
class DocumentChanged(Event):
    """Something the index shows of a document changed: its metadata, its files, or its place
    in the work of the app that holds it (registered, issued, returned…). Every step written
    into a document's history publishes it."""

    document_id: int
