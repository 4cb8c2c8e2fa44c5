"""Building incoming documents and the people who work on them, through the services."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

from tests.factories import docx_bytes, upload
from vanphong.documents.models import Document, DocumentEvent
from vanphong.documents.services import document_create
from vanphong.documents.storage import Spooled, spool_upload
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.services import incoming_receive, incoming_register
from vanphong.org.models import Unit, User
from vanphong.org.services import membership_grant, unit_create, user_create
from vanphong.work.deadlines import Calendar
from vanphong.work.selectors import calendar_from

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
META = {
    "issuer": "Thành ủy Hà Nội",
    "subject": "Về tăng cường công tác tham mưu",
    "symbol": "15-CT/TU",
    "issued_date": "2016-03-12",
    "document_type": "CT",
}
_serial = itertools.count(1)


@contextmanager
def docx_file(name: str = "tep.docx", text: str | None = None) -> Iterator[Spooled]:
    """A small DOCX as an upload spooled for the services (distinct content each call)."""
    text = text or f"Nội dung số {next(_serial)}"
    with spool_upload(upload(name, docx_bytes([text]), DOCX)) as spooled:
        yield spooled


def receive(network, *, unit=None, clerk="vanthu.badinh", metadata=None) -> IncomingDocument:
    with docx_file("van-ban.docx") as spooled:
        return incoming_receive(
            by=network.user(clerk),
            unit=unit or network.badinh,
            files=[spooled],
            metadata={**META, **(metadata or {})},
        )


def register(network, *, unit=None, clerk="vanthu.badinh", **metadata) -> IncomingDocument:
    """A document received and registered by the unit's clerk (cleared for it: registering a
    secret document needs the clearance)."""
    incoming = receive(network, unit=unit, clerk=clerk, metadata=metadata)
    registrar = network.user(clerk)
    if registrar.clearance < incoming.document.secrecy:
        registrar.clearance = incoming.document.secrecy
        registrar.save(update_fields=["clearance"])
    return incoming_register(by=registrar, incoming=incoming)


def reply_document(network, *, user="chuyenvien.badinh", unit=None) -> Document:
    with docx_file("tra-loi.docx", "Công văn trả lời") as spooled:
        return document_create(
            by=network.user(user),
            unit=unit or network.badinh,
            direction="out",
            files=[spooled],
            metadata={"subject": "Trả lời", "document_type": "CV"},
        )


def person(network, username: str, unit: Unit, role: str = "chuyenvien", **extra) -> User:
    user = user_create(by=None, username=username, full_name=f"Người {username}", **extra)
    membership_grant(
        by=None, user=user, unit=unit, role=role, valid_from=dt.date(2015, 1, 1), is_primary=True
    )
    network.users[username] = user
    return user


def sub_unit(network, slug: str, parent: Unit, name: str) -> Unit:
    return unit_create(
        by=None,
        slug=slug,
        kind="ban",
        full_name=name,
        short_name=name,
        parent=parent,
        valid_from=dt.date(2015, 1, 1),
    )


def kinds(document) -> list[str]:
    return list(
        DocumentEvent.objects.filter(document=document)
        .order_by("at", "pk")
        .values_list("kind", flat=True)
    )


def calendar() -> Calendar:
    return calendar_from(timezone.localdate(), days=400)
