"""What happens next: domain event → the handlers that react to it, in the order listed.

This table is the only place where one part of the product is wired to act on another's events
(DESIGN.md §3). Handlers run as background jobs after the publishing transaction commits, take
the event, and must be safe to run twice. Write handlers as dotted paths so that this module
imports nothing heavy and every layer can publish.
"""

from __future__ import annotations

from vanphong.documents.events import DocumentChanged, FileTextReady
from vanphong.incoming.events import (
    IncomingDirected,
    IncomingDone,
    IncomingInProgress,
    IncomingRegistered,
    IncomingReturned,
    SenderRequestAnswered,
)
from vanphong.org.events import UnitClosed
from vanphong.work.events import AssignmentCreated

HANDLERS: dict[type, list[str]] = {
    # A delivered document's recipient acts: the status goes back to the sender (edXML).
    IncomingRegistered: ["vanphong.exchange.handlers.on_registered"],  # 03 + số đến
    IncomingReturned: ["vanphong.exchange.handlers.on_returned"],  # 02 + reason
    IncomingDirected: ["vanphong.exchange.handlers.on_directed"],  # 04
    IncomingInProgress: ["vanphong.exchange.handlers.on_in_progress"],  # 05
    IncomingDone: ["vanphong.exchange.handlers.on_done"],  # 06
    SenderRequestAnswered: ["vanphong.exchange.handlers.on_sender_request_answered"],  # 15/16
    # The search index follows every change to a document, and its text once it is read.
    DocumentChanged: ["vanphong.search.handlers.on_document_changed"],
    FileTextReady: ["vanphong.search.handlers.on_file_text_ready"],
    # Work given on a document: its assignee may now find it (the entry's readers).
    AssignmentCreated: ["vanphong.search.handlers.on_document_changed"],
    # A unit closed into a successor: the open work given to it goes there (DOMAIN.md §9).
    UnitClosed: ["vanphong.work.handlers.on_unit_closed"],
}
