"""The work's reactions to domain events (wired in ``vanphong.config.handlers``).

Each runs as a background job after the publishing transaction commits and retries with
backoff when it fails; each is safe to run twice.
"""

from __future__ import annotations

from vanphong.org.events import UnitClosed
from vanphong.work.services import assignments_route_from_closed


def on_unit_closed(event: UnitClosed) -> None:
    """A unit has closed into a successor (a closure is recorded on the day it takes effect,
    never ahead): its open work goes there."""
    assignments_route_from_closed(unit_id=event.unit_id)
