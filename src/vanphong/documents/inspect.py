"""What an uploaded file really is, decided from its bytes. Pure Python, no Django.

The name and the type a browser or client claims are never trusted: a ZIP renamed to .pdf, a
password-protected PDF or an empty file must be refused before anything is stored, with a
reason the clerk can act on. Each refusal carries a stable ``code``; the service that calls
this module turns it into a translated message.
"""

from __future__ import annotations

import enum
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class FileKind(enum.StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"


CONTENT_TYPES: dict[FileKind, str] = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.PNG: "image/png",
    FileKind.JPEG: "image/jpeg",
    FileKind.TIFF: "image/tiff",
}
EXTENSIONS: dict[FileKind, str] = {
    FileKind.PDF: ".pdf",
    FileKind.DOCX: ".docx",
    FileKind.PNG: ".png",
    FileKind.JPEG: ".jpg",
    FileKind.TIFF: ".tif",
}
IMAGE_KINDS = frozenset({FileKind.PNG, FileKind.JPEG, FileKind.TIFF})

# A scan at 300 dpi of an A3 page is 35 Mpx; beyond this an image is a decompression bomb.
MAX_PIXELS = 120_000_000


class Rejected(Exception):
    """The file cannot be accepted; ``code`` says why, ``params`` give the details."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Inspection:
    kind: FileKind
    content_type: str
    pages: int | None
    notes: tuple[str, ...] = field(default=())


def sniff(head: bytes) -> str:
    """A name for the format of a file starting with ``head`` (its first 2 KiB)."""
    if not head:
        return "empty"
    # The PDF header may follow some junk, but must be within the first 1024 bytes.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # Compound File: Word 97-2003 .doc, or any Office file protected by a password.
        return "ole"
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "archive"
    return "unknown"


def inspect_file(path: Path) -> Inspection:
    """Identify ``path`` and check it can be read; raise ``Rejected`` otherwise."""
    size = path.stat().st_size
    if size == 0:
        raise Rejected("empty_file")
    with path.open("rb") as handle:
        head = handle.read(2048)
    kind = sniff(head)
    if kind == "pdf":
        return _inspect_pdf(path)
    if kind == "zip":
        return _inspect_zip(path)
    if kind in {"png", "jpeg", "tiff"}:
        return _inspect_image(path, FileKind(kind))
    if kind == "ole":
        raise Rejected("legacy_office")
    if kind == "archive":
        raise Rejected("archive")
    raise Rejected("unsupported_type")


def _inspect_pdf(path: Path) -> Inspection:
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
            restricted = pdf.is_encrypted
    except pikepdf.PasswordError:
        raise Rejected("encrypted_pdf") from None
    except (pikepdf.PdfError, ValueError, RecursionError) as exc:
        raise Rejected("corrupt_pdf", error=str(exc)[:200]) from None
    if pages == 0:
        raise Rejected("empty_pdf")
    # An owner password only restricts printing or copying; the text is still readable.
    notes = ("restricted",) if restricted else ()
    return Inspection(FileKind.PDF, CONTENT_TYPES[FileKind.PDF], pages, notes)


_PAGES = re.compile(rb"<Pages>(\d+)</Pages>")


def _inspect_zip(path: Path) -> Inspection:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise Rejected("archive")
            bad = archive.testzip()
            if bad is not None:
                raise Rejected("corrupt_docx", member=bad)
            # The page count Word saved, when it did; LibreOffice often leaves it out.
            pages = None
            if "docProps/app.xml" in names:
                match = _PAGES.search(archive.read("docProps/app.xml"))
                pages = int(match.group(1)) if match else None
    except zipfile.BadZipFile:
        raise Rejected("corrupt_docx") from None
    return Inspection(FileKind.DOCX, CONTENT_TYPES[FileKind.DOCX], pages)


def _inspect_image(path: Path, kind: FileKind) -> Inspection:
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1)
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Rejected("image_too_large") from None
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise Rejected("corrupt_image", error=str(exc)[:200]) from None
    return Inspection(kind, CONTENT_TYPES[kind], frames)
