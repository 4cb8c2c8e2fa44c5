"""Errors a service raises when a request cannot be carried out.

Each carries a machine-readable ``code`` and a human ``detail`` (translatable), and the HTTP
status it maps to. The API and the web views turn them into a 4xx answer; nothing here is a 500.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status: ClassVar[int] = 400
    default_code: ClassVar[str] = "invalid"
    default_detail: ClassVar[Any] = _("The request is not valid.")

    def __init__(self, detail: Any = None, *, code: str | None = None, **params: Any) -> None:
        self.detail = str(detail if detail is not None else self.default_detail)
        self.code = code or self.default_code
        self.params = params
        super().__init__(self.detail)

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"detail": self.detail, "code": self.code}
        if self.params:
            body["params"] = self.params
        return body


class InvalidInput(DomainError):
    status = 400
    default_code = "invalid"


class NotFound(DomainError):
    status = 404
    default_code = "not_found"
    default_detail = _("Not found.")


class Forbidden(DomainError):
    status = 403
    default_code = "forbidden"
    default_detail = _("You are not allowed to do this.")


class Unavailable(DomainError):
    """A part of the system this request needs is not installed or not running here."""

    status = 503
    default_code = "unavailable"
    default_detail = _("This function is not available on this server.")


class Conflict(DomainError):
    status = 409
    default_code = "conflict"
    default_detail = _("This conflicts with the current state.")
