"""Documents to search for, built through the services and indexed by the background jobs."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from tests.factories import docx_bytes, upload
from tests.outgoing.conftest import demo_issuer, office  # noqa: F401 (fixtures for outgoing)
from vanphong.documents.storage import spool_upload
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.processing import incoming_direct
from vanphong.incoming.services import incoming_receive, incoming_register

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
META = {
    "issuer": "Thành ủy Hà Nội",
    "subject": "Về công tác văn phòng",
    "symbol": "",
    "issued_date": "2016-03-12",
    "document_type": "CV",
}
_serial = itertools.count(1)


class Archive:
    """Receives (and registers) documents for the test network's units."""

    def __init__(self, network: Any, run_jobs: Any) -> None:
        self.network = network
        self.run_jobs = run_jobs

    def receive(
        self,
        text: str = "",
        *,
        unit: Any = None,
        clerk: str = "vanthu.badinh",
        register: bool = True,
        **metadata: Any,
    ) -> IncomingDocument:
        """A document whose file says ``text`` (a distinct file each time), received by
        ``clerk`` into ``unit`` with ``metadata``, registered unless ``register`` is False."""
        paragraphs = [*(text or "Nội dung văn bản.").split("\n"), f"Bản số {next(_serial)}"]
        content = docx_bytes(paragraphs)
        with spool_upload(upload("van-ban.docx", content, DOCX)) as spooled:
            incoming = incoming_receive(
                by=self.network.user(clerk),
                unit=unit or self.network.badinh,
                files=[spooled],
                metadata={**META, **metadata},
            )
        if register:
            registrar = self.network.user(clerk)
            if registrar.clearance < incoming.document.secrecy:
                registrar.clearance = incoming.document.secrecy
                registrar.save(update_fields=["clearance"])
            incoming = incoming_register(by=registrar, incoming=incoming)
        return incoming

    def assign(self, incoming: IncomingDocument, lead: str = "chuyenvien.badinh") -> None:
        """The office leader of Ba Đình gives ``incoming`` to ``lead`` to lead, alone."""
        incoming_direct(
            by=self.network.user("lanhdaovp.badinh"),
            incoming=incoming,
            text="Chuyên viên chủ trì.",
            lead=self.network.user(lead),
            cooperate=[],
            inform=[],
        )

    def index(self) -> int:
        """Run the queued jobs: text extraction, then indexing."""
        return self.run_jobs()


@pytest.fixture
def archive(network: Any, run_jobs: Any) -> Archive:
    return Archive(network, run_jobs)
