"""The processing history (lịch sử xử lý) of a document as people read it.

The labels of the steps come from the one table in ``vanphong.work.history`` (the steps of
arrival as well as those of direction and assignments); this module adds what a line of the
history says beyond its label (the number given, the reason, the fields corrected). A step
whose kind is in no table yet is shown by its code rather than failing: adding a kind to a
service must never break a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from vanphong.documents.doctypes import by_code
from vanphong.documents.models import Document, DocumentEvent, UrgencyChoices
from vanphong.incoming.models import ReceivedVia
from vanphong.org.models import SecrecyChoices
from vanphong.work.history import EVENT_LABELS, event_label


@dataclass(frozen=True)
class Step:
    """One line of the history: when, what, who, and the details worth reading."""

    kind: str
    label: str
    known: bool
    at: dt.datetime
    actor: str
    unit: str
    details: Sequence[str]


def field_label(name: str) -> str:
    """A metadata field's name as the forms show it (the model's verbose name)."""
    try:
        field = Document._meta.get_field(name)
    except FieldDoesNotExist:  # a field a later version removed: show its code
        return name
    return str(capfirst(getattr(field, "verbose_name", name)))


def field_value(name: str, value: Any) -> str:
    """A metadata value as a person reads it: labels for codes, dates day first."""
    if value in (None, ""):
        return "—"
    if name == "secrecy":
        try:
            return str(SecrecyChoices(int(value)).label)
        except (TypeError, ValueError):
            return str(value)
    if name == "urgency":
        try:
            return str(UrgencyChoices(value).label)
        except ValueError:
            return str(value)
    if name == "document_type":
        doc_type = by_code(str(value))
        return doc_type.name if doc_type else str(value)
    if isinstance(value, str) and name.endswith("_date"):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return str(value)
    if isinstance(value, dt.date):
        return str(formats.date_format(value, "SHORT_DATE_FORMAT"))
    return str(value)


def _via(code: Any) -> str:
    try:
        return str(ReceivedVia(code).label)
    except ValueError:
        return str(code)


def _names(data: dict[str, Any]) -> str:
    files = data.get("files") or []
    return ", ".join(str(f) for f in files) if isinstance(files, list) else str(files)


def step_details(kind: str, data: dict[str, Any]) -> list[str]:
    """What the history line says beyond its label, for the steps known here."""
    details: list[str] = []
    if kind in ("created", "received") and data.get("files"):
        details.append(_("Files: %(names)s") % {"names": _names(data)})
    if kind == "received" and data.get("via"):
        details.append(_("Received via: %(via)s") % {"via": _via(data["via"])})
    if kind == "registered" and data.get("number") is not None:
        details.append(
            _("Arrival number %(number)s/%(year)s in %(register)s")
            % {
                "number": data["number"],
                "year": data.get("year", ""),
                "register": data.get("register", ""),
            }
        )
        if data.get("duplicate_of"):
            details.append(_("Possibly the same as an earlier document."))
    if kind == "cancelled" and data.get("number") is not None:
        details.append(_("Arrival number %(number)s stays used.") % {"number": data["number"]})
    if kind == "metadata_changed":
        before, after = data.get("before") or {}, data.get("after") or {}
        details.extend(
            _("%(field)s: %(before)s → %(after)s")
            % {
                "field": field_label(name),
                "before": field_value(name, before.get(name)),
                "after": field_value(name, after.get(name)),
            }
            for name in data.get("fields") or sorted(after)
        )
    if data.get("reason"):
        details.append(_("Reason: %(reason)s") % {"reason": data["reason"]})
    return details


def history_steps(events: Iterable[DocumentEvent]) -> list[Step]:
    """The history lines of ``events`` (give them oldest first, with actor and unit loaded)."""
    steps = []
    for event in events:
        data = event.data if isinstance(event.data, dict) else {}
        steps.append(
            Step(
                kind=event.kind,
                label=event_label(event.kind),
                known=event.kind in EVENT_LABELS,
                at=event.at,
                actor=event.actor.get_full_name() if event.actor else "",
                unit=event.unit.short_name if event.unit else "",
                details=step_details(event.kind, data),
            )
        )
    return steps


def document_history(document: Document) -> list[Step]:
    """A document's history, oldest first, in one query whatever its length."""
    events: QuerySet[DocumentEvent] = document.events.select_related("actor", "unit").order_by(
        "at", "pk"
    )
    return history_steps(events)
