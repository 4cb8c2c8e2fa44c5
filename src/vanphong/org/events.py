"""Events the org layer publishes for the layers above it (wired in ``config.handlers``)."""

from __future__ import annotations

from dataclasses import dataclass

from vanphong.core.events import Event


@dataclass(frozen=True)
class UnitClosed(Event):
    """A unit closes into a successor (closed, merged or split) from ``effective`` (an ISO
    date) on: what is addressed to it from then goes to the successor, its open work too."""

    unit_id: int
    successor_id: int
    effective: str
