"""What the search index covers: each kind of document, its fields and who may see it.

This table is the only place where the search layer (which sits beside ``documents``) is wired
to the apps above it, in the manner of ``config/handlers.py``. Scope comes from each app's own
selector (``incoming_visible_to``, ``outgoing_visible_to``): search never decides who sees what,
it puts the selector's query inside its own (DESIGN.md §2, principle 2). Imports are made on
use, so that reading this module imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from vanphong.org.models import User
from vanphong.search.sources import Source, SourceFields

if TYPE_CHECKING:
    from vanphong.org.selectors import Acting


def _incoming_fields(document_ids: Iterable[int]) -> dict[int, SourceFields]:
    from vanphong.incoming.models import IncomingDocument
    from vanphong.incoming.selectors import incoming_readers

    rows = IncomingDocument.objects.filter(document_id__in=list(document_ids)).values(
        "pk",
        "document_id",
        "unit_id",
        "status",
        "register_id",
        "arrival_number",
        "arrived_at",
        "received_at",
    )
    readers = incoming_readers({row["document_id"]: row["unit_id"] for row in rows})
    return {
        row["document_id"]: SourceFields(
            source_id=row["pk"],
            unit_id=row["unit_id"],
            status=row["status"],
            date=timezone.localdate(row["arrived_at"] or row["received_at"]),
            register_id=row["register_id"],
            number=row["arrival_number"],
            readers=readers.get(row["document_id"], frozenset()),
        )
        for row in rows
    }


def _incoming_visible(user: User, actings: list[Acting]) -> QuerySet[Any]:
    from vanphong.incoming.selectors import incoming_visible_to

    return incoming_visible_to(user, actings=actings).values("document_id")


def _incoming_reader_keys(user: User, actings: list[Acting]) -> list[str]:
    from vanphong.incoming.selectors import incoming_reader_keys

    return incoming_reader_keys(user, actings=actings)


def _incoming_ids() -> QuerySet[Any]:
    from vanphong.incoming.models import IncomingDocument

    return IncomingDocument.objects.values("document_id")


def _incoming_statuses() -> Mapping[str, str]:
    from vanphong.incoming.models import IncomingStatus

    return {value: str(label) for value, label in IncomingStatus.choices}


def _outgoing_fields(document_ids: Iterable[int]) -> dict[int, SourceFields]:
    from vanphong.outgoing.models import OutgoingDocument
    from vanphong.outgoing.selectors import READER_FIELDS, outgoing_readers

    rows = OutgoingDocument.objects.filter(document_id__in=list(document_ids)).values(
        *READER_FIELDS,
        "unit__full_name",
        "status",
        "register_id",
        "number",
        "issued_at",
        "created_at",
    )
    readers = outgoing_readers(rows)
    return {
        row["document_id"]: SourceFields(
            source_id=row["pk"],
            unit_id=row["unit_id"],
            status=row["status"],
            date=timezone.localdate(row["issued_at"] or row["created_at"]),
            register_id=row["register_id"],
            number=row["number"],
            issuer=row["unit__full_name"],
            readers=readers.get(row["document_id"], frozenset()),
        )
        for row in rows
    }


def _outgoing_visible(user: User, actings: list[Acting]) -> QuerySet[Any]:
    from vanphong.outgoing.selectors import outgoing_visible_to

    return outgoing_visible_to(user, actings=actings).values("document_id")


def _outgoing_reader_keys(user: User, actings: list[Acting]) -> list[str]:
    from vanphong.outgoing.selectors import outgoing_reader_keys

    return outgoing_reader_keys(user, actings=actings)


def _outgoing_ids() -> QuerySet[Any]:
    from vanphong.outgoing.models import OutgoingDocument

    return OutgoingDocument.objects.values("document_id")


def _outgoing_statuses() -> Mapping[str, str]:
    from vanphong.outgoing.models import OutgoingStatus

    return {value: str(label) for value, label in OutgoingStatus.choices}


SOURCES: tuple[Source, ...] = (
    Source(
        kind="incoming",
        label=lambda: gettext("Incoming"),
        status_labels=_incoming_statuses,
        fields=_incoming_fields,
        visible=_incoming_visible,
        all_ids=_incoming_ids,
        reader_keys=_incoming_reader_keys,
    ),
    Source(
        kind="outgoing",
        label=lambda: gettext("Outgoing"),
        status_labels=_outgoing_statuses,
        fields=_outgoing_fields,
        visible=_outgoing_visible,
        all_ids=_outgoing_ids,
        reader_keys=_outgoing_reader_keys,
    ),
)
