"""Test documents built the way real ones are: PDFs with a text layer, scans, DOCX files."""

from __future__ import annotations

import html
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

HEADER_PARTY = [
    "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
    "THÀNH ỦY HÀ NỘI",
    "Số 15-CT/TU",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Hà Nội, ngày 12 tháng 3 năm 2016",
    "CHỈ THỊ",
    "về tăng cường công tác tham mưu của Văn phòng cấp ủy",
]


def pdf_bytes(lines: list[str] | None = None, *, pages: int = 1) -> bytes:
    """A PDF whose first page carries ``lines`` as its text layer (WeasyPrint, DejaVu Serif)."""
    import weasyprint

    lines = lines or HEADER_PARTY
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    more = "".join(
        f"<p style='page-break-before: always'>Trang {i + 2}: nội dung văn bản.</p>"
        for i in range(pages - 1)
    )
    markup = (
        f"<html><body style='font-family: DejaVu Serif; font-size: 13pt'>{body}{more}</body></html>"
    )
    return weasyprint.HTML(string=markup).write_pdf()


def scan_png(lines: list[str] | None = None, *, dpi: int = 200) -> bytes:
    """A page image as a scanner would give it: the PDF rendered to pixels, no text layer."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes(lines))
    image = pdf[0].render(scale=dpi / 72).to_pil().convert("L")
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A minimal valid DOCX with ``paragraphs``: the same bytes for the same paragraphs (its
    parts dated alike, where a zip dates each by the clock, to two seconds: tests of files
    refused as already attached built two copies a second apart, and they differed)."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{html.escape(p)}</w:t></w:r></w:p>'
        for p in paragraphs
    )

    def part(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            part("[Content_Types].xml"),
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            part("word/document.xml"),
            f'<?xml version="1.0"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>',
        )
    return out.getvalue()


def encrypted_pdf_bytes() -> bytes:
    import pikepdf

    source = pikepdf.open(io.BytesIO(pdf_bytes()))
    out = io.BytesIO()
    source.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    return out.getvalue()


def zero_page_pdf_bytes() -> bytes:
    """A well-formed PDF with no page at all (some broken scanners write these)."""
    import pikepdf

    out = io.BytesIO()
    pikepdf.new().save(out)
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("van-ban.txt", "không phải PDF")
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
