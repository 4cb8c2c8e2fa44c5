"""Fixtures for the page tests: signed-in clients and parsed pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.web.dom import Node, parse


@pytest.fixture
def login(db: None) -> Callable[[object], Client]:
    """A client signed in as the given person (each call its own session)."""

    def sign_in(user: object) -> Client:
        client = Client()
        client.force_login(user)  # type: ignore[arg-type]
        return client

    return sign_in


@pytest.fixture
def superuser(db: None) -> object:
    from vanphong.org.services import user_create

    return user_create(
        by=None,
        username="admin",
        full_name="Quản trị hệ thống",
        password="vanphong-demo",
        is_superuser=True,
    )


def page(client: Client, url: str, status: int = 200) -> Node:
    """GET ``url`` and parse it, checking the status first."""
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return parse(response.content)


def follow(response: object) -> Node:
    """Parse the page a POST redirected to (the client must have been asked to follow)."""
    assert response.status_code == 200, response.status_code  # type: ignore[attr-defined]
    return parse(response.content)  # type: ignore[attr-defined]


def messages_of(node: Node) -> list[str]:
    """The flash messages shown on a page."""
    return [p.text for p in node.find_all("p") if "message" in p.attrs.get("class", "").split()]
