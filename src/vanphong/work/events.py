"""Events of directions and assignments, for the layers above (notifications, exchange
statuses, reminders). Published by ``vanphong.work.services`` inside its transactions; wired,
if at all, in ``vanphong.config.handlers``."""

from __future__ import annotations

from dataclasses import dataclass

from vanphong.core.events import Event


@dataclass(frozen=True)
class AssignmentEvent(Event):
    assignment_id: int
    document_id: int


@dataclass(frozen=True)
class AssignmentCreated(AssignmentEvent):
    """Someone or some unit has new work: tell them (in-app, e-mail, SMS)."""


@dataclass(frozen=True)
class AssignmentAccepted(AssignmentEvent):
    pass


@dataclass(frozen=True)
class AssignmentProgressed(AssignmentEvent):
    percent: int


@dataclass(frozen=True)
class AssignmentReminded(AssignmentEvent):
    """A leader urges the assignee on (đôn đốc)."""


@dataclass(frozen=True)
class AssignmentHandedOver(AssignmentEvent):
    new_assignment_id: int


@dataclass(frozen=True)
class AssignmentReturned(AssignmentEvent):
    """The assignee gave the work back; the one who assigned it must decide again."""


@dataclass(frozen=True)
class AssignmentCompleted(AssignmentEvent):
    pass


@dataclass(frozen=True)
class AssignmentWithdrawn(AssignmentEvent):
    pass
