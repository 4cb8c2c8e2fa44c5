"""Getting the text out of a stored file, with OCR where a page has none. Pure Python.

PDF text layers are read with PDFium (pypdfium2), which copes with the odd encodings of
Vietnamese PDFs made by old Word-to-PDF printers. Pages without text (scans) are OCR'd by
OCRmyPDF with Tesseract's Vietnamese model, which also writes a searchable PDF: the original
file is kept untouched (its hash, and any signature in it, stay valid) and the searchable copy
is stored beside it. Images go through the same path; DOCX text is read from its XML.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from vanphong.core.text import nfc
from vanphong.documents.inspect import IMAGE_KINDS, FileKind

# A page with fewer letters than this has no usable text layer (page numbers, a stamp).
MIN_LETTERS_PER_PAGE = 40
OCR_LANGUAGE = "vie"
FORM_FEED = "\f"  # between pages, as pdftotext does


class OcrUnavailable(RuntimeError):
    """Tesseract or its Vietnamese model is not installed on this machine."""


@dataclass(frozen=True)
class Extracted:
    """The text of a file, pages separated by form feeds, and how it was obtained."""

    text: str
    pages: int
    ocr_pages: int  # pages whose text came from OCR
    searchable_pdf: Path | None = None  # written when OCR ran

    @property
    def first_page(self) -> str:
        return self.text.split(FORM_FEED, 1)[0]


def letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def pdf_pages_text(path: Path) -> list[str]:
    """The text layer of every page of a PDF (empty strings for scanned pages)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(nfc(textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n")))
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(path: Path) -> str:
    """Paragraphs (and table cells, row by row) of a DOCX body, one per line."""
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("word/document.xml"))  # noqa: S314
    lines: list[str] = []
    body = root.find(f"{_W}body")
    if body is None:
        return ""
    for block in body:
        if block.tag == f"{_W}p":
            lines.append(_paragraph(block))
        elif block.tag == f"{_W}tbl":
            for row in block.iter(f"{_W}tr"):
                cells = [
                    " ".join(_paragraph(p) for p in cell.iter(f"{_W}p")).strip()
                    for cell in row.iter(f"{_W}tc")
                ]
                # Header tables put issuer and national motto side by side: one line each.
                lines.extend(cell for cell in cells if cell)
    return nfc("\n".join(lines).strip())


def _paragraph(element: ET.Element) -> str:
    parts = []
    for node in element.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{_W}tab",):
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def ocr_available() -> bool:
    """Whether Tesseract with the Vietnamese model can be run here."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return False
    try:
        result = subprocess.run(  # noqa: S603 - fixed arguments
            [tesseract, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return OCR_LANGUAGE in result.stdout.split()


def ocr_to_pdf(source: Path, target: Path, *, image: bool) -> None:
    """OCR ``source`` (a PDF, or an image) into a searchable PDF at ``target``.

    Pages that already carry text are left as they are (``skip_text``). Runs Tesseract with one
    thread: on a 2-core machine OpenMP threads only fight each other (3× slower).
    """
    if not ocr_available():
        raise OcrUnavailable("tesseract with the 'vie' language is not installed")
    import ocrmypdf

    os.environ["OMP_THREAD_LIMIT"] = "1"
    options: dict[str, Any] = {
        "language": [OCR_LANGUAGE],
        "output_type": "pdf",
        "optimize": 0,
        "jobs": 1,
        "progress_bar": False,
    }
    if image:
        # Scans without a DPI tag are common (phone photos); 300 is what scanners write.
        options["image_dpi"] = 300
    else:
        options["skip_text"] = True
    code = ocrmypdf.ocr(source, target, **options)
    if code != ocrmypdf.ExitCode.ok:
        raise RuntimeError(f"OCRmyPDF finished with {code!r}")


def extract_text(path: Path, kind: FileKind, *, workdir: Path, ocr: bool = True) -> Extracted:
    """The text of the file at ``path``; OCR the pages that need it when ``ocr`` is set.

    Raises ``OcrUnavailable`` when a page needs OCR and Tesseract is missing, so the caller
    can tell the clerk how to install it, and keep what the text layer gave.
    """
    if kind == FileKind.DOCX:
        text = docx_text(path)
        return Extracted(text=text, pages=max(1, text.count(FORM_FEED) + 1), ocr_pages=0)
    if kind == FileKind.PDF:
        pages = pdf_pages_text(path)
        blank = [i for i, page in enumerate(pages) if letters(page) < MIN_LETTERS_PER_PAGE]
        if not blank or not ocr:
            return Extracted(text=FORM_FEED.join(pages), pages=len(pages), ocr_pages=0)
        target = workdir / "searchable.pdf"
        ocr_to_pdf(path, target, image=False)
        return _from_ocr(target, previous=pages, ocr_pages=len(blank))
    if kind in IMAGE_KINDS:
        if not ocr:
            return Extracted(text="", pages=1, ocr_pages=0)
        target = workdir / "searchable.pdf"
        ocr_to_pdf(path, target, image=True)
        return _from_ocr(target, previous=None, ocr_pages=None)
    raise ValueError(f"no text extraction for {kind}")


def _from_ocr(target: Path, *, previous: list[str] | None, ocr_pages: int | None) -> Extracted:
    pages = pdf_pages_text(target)
    if previous is not None:
        # Keep the original text layer where there was one; OCR only fills the blanks.
        pages = [
            old if letters(old) >= MIN_LETTERS_PER_PAGE else new
            for old, new in zip(previous, pages, strict=False)
        ]
    return Extracted(
        text=FORM_FEED.join(pages),
        pages=len(pages),
        ocr_pages=len(pages) if ocr_pages is None else ocr_pages,
        searchable_pdf=target,
    )


def render_first_page(path: Path, kind: FileKind, target: Path, *, width: int = 1000) -> bool:
    """A PNG of the first page, ``width`` pixels wide, for showing beside the proposal.

    Returns False for formats without a page image (DOCX: no layout engine here)."""
    if kind == FileKind.PDF:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            page = pdf[0]
            scale = width / page.get_width()
            page.render(scale=scale).to_pil().save(target, "PNG", optimize=True)
            page.close()
        finally:
            pdf.close()
        return True
    if kind in IMAGE_KINDS:
        from PIL import Image, ImageOps

        with Image.open(path) as image:
            first = ImageOps.exif_transpose(image.copy()) or image.copy()
            first.thumbnail((width, width * 2))
            first.convert("RGB").save(target, "PNG", optimize=True)
        return True
    return False


def ocr_image_text(image: Path, *, timeout: float = 120) -> str:
    """Tesseract's Vietnamese reading of one page image (no PDF written)."""
    tesseract = shutil.which("tesseract")
    if tesseract is None or not ocr_available():
        raise OcrUnavailable("tesseract with the 'vie' language is not installed")
    result = subprocess.run(  # noqa: S603 - our own temporary file, fixed options
        [tesseract, str(image), "stdout", "-l", OCR_LANGUAGE],
        capture_output=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    if result.returncode != 0:
        raise RuntimeError(f"tesseract failed: {result.stderr.decode(errors='replace')[:300]}")
    return nfc(result.stdout.decode("utf-8", errors="replace"))


def first_page_text(
    path: Path, kind: FileKind, *, workdir: Path, ocr: bool = True
) -> tuple[str, str]:
    """The first page's text and where it came from ("layer", "ocr" or "none").

    For a quick proposal: only page 1 is OCR'd, at 300 dpi, when it has no text layer (and
    ``ocr`` allows it). Without Tesseract a scan gives ("", "none").
    """
    if kind == FileKind.DOCX:
        return docx_text(path), "layer"
    if kind == FileKind.PDF:
        import pypdfium2 as pdfium

        layer = pdf_pages_text(path)[0]
        if letters(layer) >= MIN_LETTERS_PER_PAGE:
            return layer, "layer"
        if not ocr:
            return "", "none"
        pdf = pdfium.PdfDocument(str(path))
        try:
            image = workdir / "page1.png"
            pdf[0].render(scale=300 / 72).to_pil().convert("L").save(image)
        finally:
            pdf.close()
    elif not ocr:
        return "", "none"
    else:
        image = path
    try:
        return ocr_image_text(image), "ocr"
    except OcrUnavailable:
        return "", "none"
