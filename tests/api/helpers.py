"""Calling the API the way an integrator does."""

from __future__ import annotations

from typing import Any

from vanphong.api.tokens import token_create

API = "/api/v1"


def bearer(user: Any, **options: Any) -> dict[str, str]:
    """Headers that sign ``user`` in with a new API token."""
    _token, secret = token_create(by=None, user=user, **options)
    return {"Authorization": f"Bearer {secret}"}


def assert_json_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The API's error shape: JSON ``{"detail": …, "code": …}`` with a 4xx status."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert body["code"] == code, body
    assert isinstance(body["detail"], str)
    assert body["detail"]
    return body
