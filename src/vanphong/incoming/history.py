"""The processing history (lịch sử xử lý) of a document as people read it.

The labels of the steps come from the one table in ``vanphong.work.history`` (the steps of
arrival as well as those of direction and assignments); this module adds what a line of the
history says beyond its label (the number given, the reason, the fields corrected; who was
given which part of the work by when, the progress, the result, the reply document). A step
whose kind is in no table yet is shown by its code rather than failing: adding a kind to a
service must never break a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
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
from vanphong.org.models import RoleChoices, SecrecyChoices
from vanphong.work.history import EVENT_LABELS, event_label
from vanphong.work.models import AssignmentKind


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
    links: Sequence[tuple[str, str]] = ()  # (text, URL): the reply document


# Where the reply document a step names can be opened, given its id (None: not linked).
ReplyURL = Callable[[int], str | None]


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


def _day(value: Any) -> str:
    return field_value("_date", value)


def _work_role(code: Any) -> str:
    try:
        return str(AssignmentKind(code).label)
    except ValueError:
        return str(code)


def _acting_role(code: Any) -> str:
    try:
        return str(RoleChoices(code).label)
    except ValueError:
        return str(code)


def _processing_details(kind: str, data: dict[str, Any]) -> list[str]:
    """The lines of the steps of direction and work (``work.services``, ``processing``)."""
    details: list[str] = []
    if kind in ("directed", "redirected"):
        if data.get("text"):
            details.append(_("Direction: %(text)s") % {"text": data["text"]})
        if data.get("deadline"):
            details.append(_("Deadline: %(date)s") % {"date": _day(data["deadline"])})
        if data.get("role"):
            role = _acting_role(data["role"])
            if data.get("delegated_by"):
                details.append(_("As %(role)s, by delegation") % {"role": role})
            else:
                details.append(_("As %(role)s") % {"role": role})
    elif kind in ("assigned", "withdrawn"):
        values = {"who": data.get("assignee") or "—", "role": _work_role(data.get("kind"))}
        if data.get("deadline"):
            values["date"] = _day(data["deadline"])
            details.append(_("%(who)s — %(role)s, deadline %(date)s") % values)
        else:
            details.append(_("%(who)s — %(role)s") % values)
    elif kind == "commented" and data.get("text"):
        details.append(str(data["text"]))
    elif kind == "file_attached" and data.get("files"):
        details.append(_("Files: %(names)s") % {"names": _names(data)})
    elif kind == "progress_reported" and data.get("percent") is not None:
        details.append(_("Progress: %(percent)s%%") % {"percent": data["percent"]})
    elif kind == "handed_over" and data.get("to"):
        details.append(
            _("To %(who)s (%(role)s)") % {"who": data["to"], "role": _work_role(data.get("kind"))}
        )
        if data.get("closed_unit"):
            details.append(
                _("%(unit)s closed from %(date)s; its work went to its successor.")
                % {"unit": data["closed_unit"], "date": _day(data.get("closed_on"))}
            )
    elif kind == "assignment_returned" and data.get("to"):
        details.append(_("Back to %(who)s") % {"who": data["to"]})
    elif kind == "completed" and data.get("result"):
        details.append(_("Result: %(result)s") % {"result": data["result"]})
    elif kind == "reminded" and data.get("deadline"):
        details.append(_("Deadline: %(date)s") % {"date": _day(data["deadline"])})
    if data.get("note"):
        details.append(_("Note: %(note)s") % {"note": data["note"]})
    if kind in ("completed", "done") and data.get("late"):
        details.append(_("Finished after the deadline."))
    return details


def _links(kind: str, data: dict[str, Any], reply_url: ReplyURL | None) -> list[tuple[str, str]]:
    reply = data.get("reply_document")
    if kind != "completed" or not isinstance(reply, int) or reply_url is None:
        return []
    url = reply_url(reply)
    if url is None:
        return []
    label = data.get("reply_symbol") or _("the reply document")
    return [(_("Reply document: %(document)s") % {"document": label}, url)]


def step_details(kind: str, data: dict[str, Any]) -> list[str]:
    """What the history line says beyond its label, for the steps known here."""
    details: list[str] = _processing_details(kind, data)
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


def history_steps(
    events: Iterable[DocumentEvent], *, reply_url: ReplyURL | None = None
) -> list[Step]:
    """The history lines of ``events`` (give them oldest first, with actor and unit loaded);
    ``reply_url`` links the reply documents the steps name."""
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
                links=_links(event.kind, data, reply_url),
            )
        )
    return steps


def document_history(document: Document, *, reply_url: ReplyURL | None = None) -> list[Step]:
    """A document's history, oldest first, in one query whatever its length."""
    events: QuerySet[DocumentEvent] = document.events.select_related("actor", "unit").order_by(
        "at", "pk"
    )
    return history_steps(events, reply_url=reply_url)
