"""Registered documents on chosen days, built through the services, for the register books."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

VN = ZoneInfo("Asia/Ho_Chi_Minh")

META = {
    "issuer": "Thành ủy Hà Nội",
    "subject": "Về tăng cường công tác tham mưu của Văn phòng cấp ủy",
    "document_type": "CT",
    "issued_date": "2026-02-20",
}


def tiny_pdf(label: str) -> bytes:
    """A one-page PDF that differs by ``label`` (no rendering: fast enough for 60 of them)."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Title"] = label
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


class Moment:
    """Django's clock set to a chosen moment in Vietnam time (services read timezone.now)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from django.utils import timezone

        self.now: dt.datetime | None = None
        real = timezone.now
        monkeypatch.setattr(timezone, "now", lambda: self.now or real())

    def set(self, day: dt.date, hour: int = 9, minute: int = 0) -> None:
        self.now = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=VN).astimezone(dt.UTC)


@pytest.fixture
def moment(monkeypatch: pytest.MonkeyPatch) -> Moment:
    return Moment(monkeypatch)


@pytest.fixture
def arrive(network, moment) -> Callable[..., object]:
    """Receive and register one document in a unit on ``day`` (at ``hour``), like a clerk."""
    from tests.factories import upload
    from vanphong.documents.storage import spool_upload
    from vanphong.incoming.services import incoming_receive, incoming_register

    counter = {"n": 0}

    def register(
        day: dt.date,
        *,
        hour: int = 9,
        minute: int = 0,
        clerk: str = "vanthu.badinh",
        unit: object = None,
        register: bool = True,
        **metadata: object,
    ) -> object:
        counter["n"] += 1
        n = counter["n"]
        moment.set(day, hour, minute)
        meta = {**META, "symbol": f"{n}-CT/TU", **metadata}
        with spool_upload(upload(f"van-ban-{n}.pdf", tiny_pdf(f"Văn bản {n}"))) as spooled:
            incoming = incoming_receive(
                by=network.user(clerk),
                unit=unit or network.badinh,
                files=[spooled],
                metadata=meta,
            )
        if register:
            incoming = incoming_register(by=network.user(clerk), incoming=incoming)
        return incoming

    return register


@pytest.fixture
def login(db: None) -> Callable[[object], object]:
    """A client signed in as the given person (each call its own session)."""
    from django.test import Client

    def sign_in(user: object) -> Client:
        client = Client()
        client.force_login(user)  # type: ignore[arg-type]
        return client

    return sign_in
