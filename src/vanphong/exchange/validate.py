"""Validate an edXML file: a package or a status message, told apart by its content. No Django.

Behind ``vanphong edxml validate FILE``: a valid file gets a one-line summary (DocumentId,
sender, recipients, attachments, signer), an invalid one the element path and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vanphong.exchange.edxml import (
    EdxmlError,
    Package,
    StatusMessage,
    decode,
    format_timestamp,
)

__all__ = ["Verdict", "summarize", "validate_bytes", "validate_file"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a file is: a decoded message, or the error that refused it."""

    message: Package | StatusMessage | None
    error: EdxmlError | None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def summary(self) -> str:
        """One line: the summary when valid, ``path: reason`` when not."""
        if self.message is not None:
            return summarize(self.message)
        return str(self.error)


def validate_bytes(data: bytes) -> Verdict:
    """Decode ``data`` as a package or status message (signatures verified)."""
    try:
        return Verdict(decode(data), None)
    except EdxmlError as exc:
        return Verdict(None, exc)


def validate_file(path: str | Path) -> Verdict:
    """``validate_bytes`` of a file's content (``OSError`` when it cannot be read)."""
    return validate_bytes(Path(path).read_bytes())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _organ(organ_id: str, name: str) -> str:
    return f"{organ_id} ({_one_line(name)})" if name else organ_id


def summarize(message: Package | StatusMessage) -> str:
    """One line describing a decoded package or status message."""
    if isinstance(message, StatusMessage):
        code = message.status_code
        return (
            f"status {code.value} {code.label} for {message.response_for.document_id} "
            f"from {_organ(message.from_.organ_id, message.from_.organ_name)} "
            f"at {format_timestamp(message.timestamp)}"
        )
    h = message.header
    recipients = ", ".join(to.organ_id for to in h.to)
    attachments = message.attachments
    files = ", ".join(_one_line(a.attachment_name) for a in attachments)
    size = _size(sum(len(a.data) for a in attachments))
    kind = message.business.bussiness_doc_type
    parts = [
        f"package {h.document_id} ({kind.label})",
        f"from {_organ(h.from_.organ_id, h.from_.organ_name)}",
        f"to {len(h.to)} recipient{'s' if len(h.to) != 1 else ''}: {recipients};",
        f"{len(attachments)} attachment{'s' if len(attachments) != 1 else ''}"
        + (f" ({size}): {files};" if attachments else ";"),
        f"signed by {message.signature.subject}" if message.signature else "unsigned",
    ]
    return " ".join(parts)
