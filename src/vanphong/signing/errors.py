"""Why a signing operation was refused. Pure Python, no Django.

Each refusal carries a stable ``code`` (and ``params``); the services turn it into a translated
message and the right kind of error (bad input, conflict). The pure modules never translate.
"""

from __future__ import annotations

from typing import Any


class Refused(Exception):
    """A key, certificate or PDF cannot be used as asked; ``code`` says why."""

    def __init__(self, code: str, detail: str = "", **params: Any) -> None:
        super().__init__(detail or code)
        self.code = code
        self.detail = detail or code
        self.params = params


class WrongPassphrase(Refused):
    """The passphrase does not open the key file (PKCS#12)."""

    def __init__(self) -> None:
        super().__init__("wrong_passphrase", "the passphrase does not open this key file")
