"""Issued documents for the outgoing register book, built through the services (the
``office`` fixture of tests/outgoing), and a signed-in client."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def issue(office) -> Callable[..., Any]:
    """Issue one Party document of the city (draft, submit, sign, issue), its draft rendered
    once per test: the book needs many documents, not many different files."""
    drafts: dict[str, bytes] = {}

    def issued(signer: str = "lanhdao.thanhuy", **kwargs: Any) -> Any:
        if signer not in drafts:
            drafts[signer] = office.party_draft(signer=signer)
        return office.issued(content=drafts[signer], signer=signer, **kwargs)

    return issued


@pytest.fixture
def login(db: None) -> Callable[[object], object]:
    """A client signed in as the given person (each call its own session)."""
    from django.test import Client

    def sign_in(user: object) -> Client:
        client = Client()
        client.force_login(user)  # type: ignore[arg-type]
        return client

    return sign_in
