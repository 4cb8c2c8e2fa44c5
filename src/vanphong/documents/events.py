"""Events the documents layer publishes for the layers above it."""

from __future__ import annotations

from dataclasses import dataclass

from vanphong.core.events import Event


@dataclass(frozen=True)
class FileTextReady(Event):
    """A stored file's text (layer or OCR) is known: index it, propose metadata from it."""

    file_id: int
