"""How API callers prove who they are: a bearer token, or the web session (with CSRF)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from vanphong.api.tokens import token_authenticate


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token.strip())
        if user is not None:
            # The rest of the product reads request.user, whichever way the caller signed in.
            request.user = user
        return user


class Session(SessionAuth):
    """The web session, for the interface's own calls; its CSRF check applies only to a
    signed-in session, so a caller with a bad token is told 401, not "CSRF failed"."""

    def __call__(self, request: HttpRequest) -> Any:
        if "Authorization" in request.headers:
            return None  # a token was offered: it alone decides
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated and user.is_active else None


AUTH = [BearerToken(), Session()]
