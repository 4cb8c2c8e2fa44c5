"""Events of incoming documents, for the layers above (exchange receipts, search, messaging)."""

from __future__ import annotations

from dataclasses import dataclass

from vanphong.core.events import Event


@dataclass(frozen=True)
class IncomingRegistered(Event):
    incoming_id: int


@dataclass(frozen=True)
class IncomingReturned(Event):
    incoming_id: int


@dataclass(frozen=True)
class IncomingCancelled(Event):
    incoming_id: int


@dataclass(frozen=True)
class IncomingDirected(Event):
    """A leader directed the document and assigned the work (edXML status 04, phân công)."""

    incoming_id: int


@dataclass(frozen=True)
class IncomingInProgress(Event):
    """The lead reported progress (edXML status 05, đang xử lý)."""

    incoming_id: int
    percent: int


@dataclass(frozen=True)
class IncomingDone(Event):
    """The lead completed the work: the document is dealt with (edXML status 06)."""

    incoming_id: int


@dataclass(frozen=True)
class SenderRequestAnswered(Event):
    """The clerk answered a sender's recall or update request (edXML 15 agreed, 16 refused)."""

    incoming_id: int
    request_id: int
    accepted: bool
