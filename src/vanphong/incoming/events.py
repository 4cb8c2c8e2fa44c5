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
