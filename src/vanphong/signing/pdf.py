"""PAdES signatures of PDF documents and their verification (pyHanko). No Django.

The outgoing flow signs one file twice, with a form filled in between (DESIGN.md §4, DOMAIN.md
§4 and §6):

1. ``sign_personal``: the signer certifies the final PDF (DocMDP permission 2, "form filling
   and signing") with a visible stamp at the signature place: the handwritten signature image,
   the name and the signing time (ISO 8601, Vietnam time). The same revision prepares what the
   clerk will need, so that nothing added later changes the signed document: two read-only text
   fields, ``so_ky_hieu`` (number and symbol) and ``ngay_ban_hanh`` (place and date of issue),
   placed over the blanks the draft left for them, and an empty signature field for the agency
   over the left third of the signer's image, locked so that its signature forbids any later
   change (FieldMDP "All" and DocMDP 1 in its /Lock, PDF 2.0).
2. ``fill_issue_fields``: the clerk's number and date go into those fields, in an incremental
   update that validators classify as form filling, which the certification allows.
3. ``sign_agency``: the seal image goes into the prepared field (a separate attachment, which
   has no such field, gets it at the top right of page 1).

``verify`` reports, for every signature, integrity, cryptographic validity, trust in one of the
given roots and what was changed after it, and sums that up as valid / invalid / untrusted /
modified. Problems are ``Refused`` (from ``errors``) with a stable code; the wrong passphrase is
``WrongPassphrase``.
"""

# pyHanko's PDF object layer (generic, writers, layout) has no type hints.
# mypy: disable-error-code="no-untyped-call"
from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import datetime as dt
import io
import logging
import re
import unicodedata
import zlib
from collections.abc import Coroutine, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from PIL import Image, UnidentifiedImageError
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.content import PdfResources
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBox, TextBoxStyle
from pyhanko.pdf_utils.writer import init_xobject_dictionary
from pyhanko.sign import fields as sig_fields
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner
from pyhanko.stamp import BaseStamp, BaseStampStyle

from vanphong.signing.ca import (
    Credential,
    certificate_info,
    check_signing_certificate,
    from_pkcs12,
    load_certificate,
)
from vanphong.signing.errors import Refused
from vanphong.signing.fonts import FontFactory, Style

if TYPE_CHECKING:
    from pyhanko.pdf_utils.writer import BasePdfFileWriter
    from pyhanko.sign.signers.pdf_signer import PdfSigningSession
    from pyhanko.sign.validation.status import PdfSignatureStatus

T = TypeVar("T")

log = logging.getLogger(__name__)

PERSONAL_FIELD = "chu_ky_nguoi_ky"
AGENCY_FIELD = "chu_ky_co_quan"
SYMBOL_FIELD = "so_ky_hieu"
DATE_FIELD = "ngay_ban_hanh"
ISSUE_FIELDS = (SYMBOL_FIELD, DATE_FIELD)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MM = 72 / 25.4
SEAL_DIAMETER = 36 * MM  # a Party committee's seal is 35–40 mm across: shown at real size
STAMP_WIDTH = 170.0
STAMP_HEIGHT = 86.0
STAMP_MIN_HEIGHT = 48.0
PAGE_MARGIN = 20 * MM
NAME_SIZE = 8
TIME_SIZE = 6
AGENCY_SIZES = (6, 6)  # the agency's name and time, under the seal
LINE_GAP = 1.25  # line height as a multiple of the font size
MAX_IMAGE_PIXELS = 1200  # longest side kept of a signature or seal image
ISSUE_FONT_SIZE = 13  # Nghị định 30/2020 and Hướng dẫn 36: 13–14 pt Times for these lines

Status = Literal["valid", "invalid", "untrusted", "modified"]


def iso_time(when: dt.datetime) -> str:
    """``when`` in ISO 8601, Vietnam time, to the second: 2026-03-12T09:15:00+07:00."""
    if when.tzinfo is None:
        raise ValueError("the signing time must be timezone-aware")
    return when.astimezone(VIETNAM).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Box:
    """A rectangle on a page in PDF points, origin at the bottom left."""

    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def width(self) -> float:
        return self.x2 - self.x1

    @property
    def height(self) -> float:
        return self.y2 - self.y1

    def rounded(self) -> tuple[int, int, int, int]:
        return (round(self.x1), round(self.y1), round(self.x2), round(self.y2))


@dataclass(frozen=True)
class SignatureReport:
    """What verifying one signature found."""

    field: str
    signer: str  # the certificate's common name
    subject: str  # RFC 4514, as ca.certificate_info writes it
    issuer: str
    issuer_name: str  # the issuing CA's common name
    signing_time: dt.datetime | None  # as claimed by the signer (no time-stamp authority)
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the signature value is right for the certificate
    trusted: bool  # the certificate chains to a trusted root and was valid
    modification_level: str | None  # none, lta_updates, form_filling, annotations, other
    coverage: str  # entire_file, entire_revision, contiguous_block_from_start, unclear
    docmdp_ok: bool | None  # later changes are within what the signatures allow
    certification: int | None  # DocMDP permission of a certification signature (1, 2, 3)
    status: Status
    problem: str  # a stable code, empty when the signature is valid
    reason: str  # in English, for logs; the interface translates ``problem``
    timestamp: bool = False  # a document time-stamp rather than a person's signature
    details: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def bottom_line(self) -> bool:
        return self.status == "valid"


# ---------------------------------------------------------------------------------------------
# Opening files


# What reading a damaged PDF raises, from pyHanko, zlib (streams) and PDFium (text lines).
_BROKEN_PDF = (
    PdfError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    RecursionError,
    zlib.error,
    pdfium.PdfiumError,
)


def _writer(pdf: bytes) -> IncrementalPdfFileWriter:
    """An incremental writer over ``pdf``; Refused when it cannot take a signature."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        if reader.encrypted:
            raise Refused("encrypted_pdf", "the PDF is encrypted")
        writer = IncrementalPdfFileWriter.from_reader(reader)
        _pages(writer)
    except Refused:
        raise
    except _BROKEN_PDF as exc:
        raise Refused("corrupt_pdf", f"the PDF cannot be read: {exc}") from None
    return writer


def _reader(pdf: bytes) -> PdfFileReader:
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        if reader.encrypted:
            # An owner password only restricts printing or copying: try the empty user one.
            result = reader.decrypt(b"")
            if not result.status or result.status.name == "FAILED":
                raise Refused("encrypted_pdf", "the PDF is encrypted")
        reader.root  # noqa: B018 - fails early on a broken trailer
    except Refused:
        raise
    except _BROKEN_PDF as exc:
        raise Refused("corrupt_pdf", f"the PDF cannot be read: {exc}") from None
    return reader


def _pages(writer: BasePdfFileWriter) -> int:
    count = int(writer.root["/Pages"]["/Count"])
    if count < 1:
        raise Refused("empty_pdf", "the PDF has no pages")
    return count


def _page_size(writer: BasePdfFileWriter, page: int) -> Box:
    page_ref = writer.find_page_for_modification(page)[0]
    page_obj = page_ref.get_object()
    box = page_obj.get("/CropBox") or _inherited(page_obj, "/MediaBox")
    x1, y1, x2, y2 = (float(v) for v in box)
    return Box(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


def _inherited(node: generic.DictionaryObject, key: str) -> Any:
    current: generic.DictionaryObject | None = node
    while current is not None:
        if key in current:
            return current[key]
        parent = current.get("/Parent")
        current = parent.get_object() if parent is not None else None
    return [0, 0, 595, 842]  # A4, when a broken page tree says nothing


def _credential(p12: bytes, passphrase: str, when: dt.datetime) -> Credential:
    credential = from_pkcs12(p12, passphrase)
    check_signing_certificate(credential.certificate, at=when)
    return credential


def _signer(credential: Credential) -> SimpleSigner:
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    def asn1(cert: Any) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    key = asn1_keys.PrivateKeyInfo.load(
        credential.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    chain = [asn1(c) for c in credential.chain]
    return SimpleSigner(
        signing_cert=asn1(credential.certificate),
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )


def _picture(image: bytes) -> Image.Image:
    """The signature or seal image, cropped to its ink and kept to a sensible resolution."""
    try:
        with Image.open(io.BytesIO(image)) as source:
            picture = source.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise Refused("bad_image", "the signature or seal image cannot be read") from None
    ink = picture.getchannel("A").getbbox()
    if ink is None:
        raise Refused("bad_image", "the signature or seal image is empty")
    picture = picture.crop(ink)
    picture.thumbnail((MAX_IMAGE_PIXELS, MAX_IMAGE_PIXELS), Image.Resampling.LANCZOS)
    return picture


def _fields(writer: BasePdfFileWriter) -> generic.ArrayObject | None:
    try:
        form = writer.root["/AcroForm"]
        return form["/Fields"]  # type: ignore[no-any-return]
    except KeyError:
        return None


def _field(
    writer: BasePdfFileWriter, name: str, kind: str
) -> tuple[generic.PdfObject | None, generic.IndirectObject] | None:
    """(value, reference) of the top-level field ``name`` of type ``kind`` (/Sig, /Tx)."""
    from pyhanko.pdf_utils.form_tools import enumerate_fields_in

    fields = _fields(writer)
    if fields is None:
        return None
    for _name, value, ref in enumerate_fields_in(
        fields, with_name=name, refs_seen=set(), target_field_type=kind
    ):
        return value, ref
    return None


def _filled_signature_fields(reader: PdfFileReader) -> list[tuple[Any, Any]]:
    """(field, signature dictionary) of each signed field, without parsing the signatures."""
    return [
        (field_ref.get_object(), value.get_object())
        for _name, value, field_ref in sig_fields.enumerate_sig_fields(reader, filled_status=True)
    ]


def _signed(reader: PdfFileReader) -> bool:
    return bool(_filled_signature_fields(reader))


def _certification(reader: PdfFileReader) -> sig_fields.MDPPerm | None:
    from pyhanko.sign.validation import read_certification_data

    data = read_certification_data(reader)
    return data.permission if data is not None else None


def _refuse_if_final(writer: IncrementalPdfFileWriter) -> None:
    """Refuse to add to a document one of whose signatures forbids any change: a certification
    with DocMDP permission 1, or a signature whose field lock says so (PDF 2.0)."""
    for field, signature in _filled_signature_fields(writer.prev):
        lock = field.get("/Lock")
        permissions = [lock.get_object().get("/P")] if lock is not None else []
        for reference in signature.get("/Reference", ()):
            params = reference.get_object().get("/TransformParams")
            if params is not None:
                permissions.append(params.get_object().get("/P", 2))
        if any(p is not None and int(p) == 1 for p in permissions):
            name = str(field.get("/T", ""))
            raise Refused(
                "changes_forbidden", f"the signature in {name} forbids any change", field=name
            )


@contextmanager
def _pdf_errors() -> Iterator[None]:
    """pyHanko's errors on odd or hostile PDFs (missing keys, wrong types, broken fields) as
    refusals: the caller gets a code it can explain, never a stack trace."""
    try:
        yield
    except Refused:
        raise
    except SigningError as exc:
        raise Refused("signing_failed", f"the PDF could not be signed: {exc}") from None
    except (*_BROKEN_PDF, AttributeError) as exc:
        log.info("PDF refused", exc_info=True)
        raise Refused("corrupt_pdf", f"the PDF cannot be processed: {exc}") from None


def _page_index(count: int, page: int | None) -> int:
    """``page`` (from 0, negative from the end, None for the last) checked against ``count``."""
    index = count - 1 if page is None else (page if page >= 0 else count + page)
    if not 0 <= index < count:
        raise Refused("no_such_page", f"the PDF has no page {index + 1}", page=index + 1)
    return index


def _write(writer: IncrementalPdfFileWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Where things go on the page


@dataclass(frozen=True)
class _Line:
    text: str
    box: Box


def _text_lines(pdf: bytes, page: int) -> tuple[list[_Line], Box]:
    """The text lines of ``page`` (glyphs grouped by baseline) and the page's box."""
    document = pdfium.PdfDocument(pdf)
    try:
        pdf_page = document[page]
        left, bottom, right, top = pdf_page.get_cropbox()
        textpage = pdf_page.get_textpage()
        glyphs: list[tuple[str, tuple[float, float, float, float]]] = []
        for index in range(textpage.count_chars()):
            char = textpage.get_text_range(index, 1)
            if not char or char in "\r\n":
                continue
            glyphs.append((char, textpage.get_charbox(index)))
    finally:
        document.close()
    lines: list[tuple[list[str], list[float]]] = []
    for char, (x1, y1, x2, y2) in glyphs:
        if lines:
            chars, bounds = lines[-1]
            middle = (y1 + y2) / 2
            if char == " " or (bounds[1] - 2 <= middle <= bounds[3] + 2 and x1 >= bounds[0] - 1):
                chars.append(char)
                if char != " ":
                    bounds[:] = [
                        min(bounds[0], x1),
                        min(bounds[1], y1),
                        max(bounds[2], x2),
                        max(bounds[3], y2),
                    ]
                continue
        if char != " ":
            lines.append(([char], [x1, y1, x2, y2]))
    result = [
        _Line(unicodedata.normalize("NFC", "".join(chars)).strip(), Box(*bounds))
        for chars, bounds in lines
    ]
    return result, Box(left, bottom, right, top)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"\s+", " ", "".join(c for c in decomposed if not unicodedata.combining(c)))


def signature_place(pdf: bytes, *, name: str, page: int | None = None) -> tuple[int, Box]:
    """Where the signer's stamp goes on ``page`` (default the last): in the room left between
    the signer's printed name and the line above it (the position: "BÍ THƯ"), at least
    ``STAMP_MIN_HEIGHT`` tall; at the bottom right when the name is not printed there."""
    index = _page_index(_pages(_writer(pdf)), page)
    lines, page_box = _text_lines(pdf, index)
    wanted = _fold(name).lower().strip()
    named = [line for line in lines if wanted and wanted in _fold(line.text).lower()]
    if not named:
        box = Box(
            page_box.x2 - PAGE_MARGIN - STAMP_WIDTH,
            page_box.y1 + PAGE_MARGIN + 40,
            page_box.x2 - PAGE_MARGIN,
            page_box.y1 + PAGE_MARGIN + 40 + STAMP_HEIGHT,
        )
        return index, box
    printed = min(named, key=lambda line: line.box.y1)  # the signature block ends the page
    centre = (printed.box.x1 + printed.box.x2) / 2
    floor = printed.box.y2 + 2
    ceiling = floor + STAMP_HEIGHT
    above = [
        line
        for line in lines
        if line.box.y1 > floor
        and line.box.x1 < centre < line.box.x2
        and line.box.y1 - floor < STAMP_HEIGHT * 1.6
    ]
    if above:
        nearest = min(above, key=lambda line: line.box.y1)
        ceiling = min(ceiling, max(floor + STAMP_MIN_HEIGHT, nearest.box.y1 - 1))
    x1 = min(max(centre - STAMP_WIDTH / 2, page_box.x1 + 4), page_box.x2 - 4 - STAMP_WIDTH)
    return index, Box(x1, floor, x1 + STAMP_WIDTH, ceiling)


def _issue_places(pdf: bytes) -> dict[str, tuple[Box, bool]]:
    """Where the number and the date go on page 1: over the draft's "Số …" and "…, ngày …
    tháng … năm …" lines when they are there (with a white background hiding the blanks),
    else at their usual places under the two headers (transparent)."""
    lines, page = _text_lines(pdf, 0)
    top_part = [line for line in lines if line.box.y1 > page.y1 + page.height * 0.55]
    places: dict[str, tuple[Box, bool]] = {}
    # "Số      -CT/TU", "Số: ..../QĐ-UBND", "Số 15-CT/TU"; not "SỞ TƯ PHÁP".
    number = re.compile(r"^so\s*:?[\s\d._…]*[-/]", re.IGNORECASE)
    date = re.compile(r"ngay\b.*thang\b.*nam\b", re.IGNORECASE)
    for line in top_part:
        folded = _fold(line.text)
        if SYMBOL_FIELD not in places and number.match(folded):
            places[SYMBOL_FIELD] = (_widen(line.box, 170, page), True)
        elif DATE_FIELD not in places and date.search(folded):
            places[DATE_FIELD] = (_widen(line.box, 270, page), True)
    width, height = page.width, page.height
    places.setdefault(
        SYMBOL_FIELD,
        (
            Box(
                page.x1 + width * 0.08,
                page.y2 - height * 0.2,
                page.x1 + width * 0.42,
                page.y2 - height * 0.17,
            ),
            False,
        ),
    )
    places.setdefault(
        DATE_FIELD,
        (
            Box(
                page.x1 + width * 0.48,
                page.y2 - height * 0.2,
                page.x1 + width * 0.94,
                page.y2 - height * 0.17,
            ),
            False,
        ),
    )
    return places


def _widen(box: Box, width: float, page: Box) -> Box:
    centre = (box.x1 + box.x2) / 2
    half = max(box.width + 8, width) / 2
    x1 = max(page.x1 + 2, centre - half)
    x2 = min(page.x2 - 2, centre + half)
    pad = max(2.0, box.height * 0.3)
    return Box(x1, box.y1 - pad, x2, box.y2 + pad)


def _stamp_picture_box(
    width: float, height: float, picture: tuple[int, int], text_height: float
) -> Box:
    """Where the picture sits inside a stamp of ``width`` × ``height``: the space above the
    text lines, aspect ratio kept, centred. Shared by the stamp and the seal placement."""
    area_w, area_h = width - 4, max(1.0, height - text_height - 2)
    scale = min(area_w / picture[0], area_h / picture[1])
    w, h = picture[0] * scale, picture[1] * scale
    x = (width - w) / 2
    y = text_height + (area_h - h) / 2
    return Box(x, y, x + w, y + h)


def _text_height(lines: Sequence[tuple[str, int, Style]]) -> float:
    return sum(size * LINE_GAP for _text, size, _style in lines) + 1


def _seal_box(image: Box) -> Box:
    """The agency field: the seal at real size over the left third of the signer's image,
    centred on it vertically, with the agency's two text lines under the seal."""
    right = image.x1 + image.width / 3
    middle = (image.y1 + image.y2) / 2
    text = _text_height([("", size, "sans") for size in AGENCY_SIZES])
    return Box(
        right - SEAL_DIAMETER, middle - SEAL_DIAMETER / 2 - text, right, middle + SEAL_DIAMETER / 2
    )


# ---------------------------------------------------------------------------------------------
# Appearances


@dataclass(frozen=True)
class _StampStyle(BaseStampStyle):
    """A picture above a few centred text lines; or, in a wide box, the picture on the left
    and the lines on its right (an attachment's agency signature)."""

    picture: Image.Image | None = dataclasses.field(default=None, compare=False)
    lines: tuple[tuple[str, int, Style], ...] = ()
    side: bool = False  # the picture on the left, the lines on its right
    # Under the picture, the signer's lines keep to the right: the agency's seal will cover
    # the left third of the picture and what is under it.
    align_right: bool = False
    border_width: int = 0

    def create_stamp(
        self, writer: BasePdfFileWriter, box: layout.BoxConstraints, text_params: dict[str, Any]
    ) -> _Stamp:
        return _Stamp(writer, self, box)


class _Stamp(BaseStamp):
    style: _StampStyle

    def _text_line(
        self, index: int, text: str, size: int, style: Style, width: float
    ) -> tuple[bytes, float]:
        box_style = TextBoxStyle(
            font=FontFactory(style, size),
            font_size=size,
            leading=size,
            box_layout_rule=layout.SimpleBoxLayoutRule(
                x_align=(
                    layout.AxisAlignment.ALIGN_MAX
                    if self.style.align_right
                    else layout.AxisAlignment.ALIGN_MID
                ),
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins(1, 2, 0, 0),
            ),
        )
        height = size * LINE_GAP
        text_box = TextBox(
            box_style,
            writer=self.writer,
            resources=self.resources,
            box=layout.BoxConstraints(width=width, height=height),
            font_name=f"VP{index}",
        )
        text_box.content = text
        return text_box.render(), height

    def _render_inner_content(self) -> list[bytes]:
        width, height = self.box.width, self.box.height
        lines = self.style.lines
        commands: list[bytes] = []
        picture = self.style.picture
        wide = self.style.side
        text_width = width - height if wide else width
        text_x = height if wide else 0
        text_height = 0.0 if wide else _text_height(lines)
        if picture is not None:
            if wide:
                spot = _stamp_picture_box(height, height, picture.size, 0)
            else:
                spot = _stamp_picture_box(width, height, picture.size, text_height)
            image = PdfImage(picture, writer=self.writer)
            image.box = layout.BoxConstraints(width=spot.width, height=spot.height)
            drawn = image.render()
            self.import_resources(image.resources)
            commands.append(b"q 1 0 0 1 %g %g cm %s Q" % (spot.x1, spot.y1, drawn))
        total = _text_height(lines)
        y = (height - total) / 2 + total if wide else text_height
        for index, (text, size, style) in enumerate(lines):
            rendered, line_height = self._text_line(index, text, size, style, text_width)
            y -= line_height
            commands.append(b"q 1 0 0 1 %g %g cm %s Q" % (text_x, y, rendered))
        return commands


class _TimedSigner(PdfSigner):
    """pyHanko's signer with the signing time given, not read from the clock: the time shown
    in the stamp, written in the signature (/M) and recorded by the service are the same."""

    def __init__(self, *args: Any, when: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._when = when

    def init_signing_session(
        self, pdf_out: BasePdfFileWriter, existing_fields_only: bool = False
    ) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._when
        return session


def _form(writer: BasePdfFileWriter) -> generic.DictionaryObject:
    """The document's interactive form, made when it has none, with a default font."""
    if "/AcroForm" not in writer.root:
        made = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        writer.root["/AcroForm"] = writer.add_object(made)
        writer.update_root()
    form = writer.root["/AcroForm"]
    changed = False
    if "/Fields" not in form:
        form["/Fields"] = generic.ArrayObject()
        changed = True
    if "/DR" not in form:
        helvetica = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"),
                pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding"),
            }
        )
        form["/DR"] = generic.DictionaryObject(
            {
                pdf_name("/Font"): generic.DictionaryObject(
                    {pdf_name("/Helv"): writer.add_object(helvetica)}
                )
            }
        )
        changed = True
    if "/DA" not in form:
        form["/DA"] = pdf_string("/Helv 0 Tf 0 g")
        changed = True
    if changed:
        writer.update_container(form)
    return form  # type: ignore[no-any-return]


def _empty_appearance(writer: BasePdfFileWriter, box: Box) -> generic.DictionaryObject:
    stream = init_xobject_dictionary(
        command_stream=b"", box_width=box.width, box_height=box.height, resources=None
    )
    return generic.DictionaryObject({pdf_name("/N"): writer.add_object(stream)})


def _add_text_field(
    writer: BasePdfFileWriter, name: str, label: str, page: int, box: Box, *, background: bool
) -> None:
    """A read-only, printable, centred text field: filled by the program, not by hand."""
    form = _form(writer)
    page_ref = writer.find_page_for_modification(page)[0]
    size = min(ISSUE_FONT_SIZE, max(8, int(box.height * 0.72)))
    text_field = generic.DictionaryObject(
        {
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): pdf_string(name),
            pdf_name("/TU"): pdf_string(label),
            pdf_name("/Ff"): generic.NumberObject(1),  # read-only
            pdf_name("/DA"): pdf_string(f"/Helv {size} Tf 0 g"),
            pdf_name("/Q"): generic.NumberObject(1),  # centred
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/Rect"): generic.ArrayObject(
                generic.FloatObject(round(v, 2)) for v in (box.x1, box.y1, box.x2, box.y2)
            ),
            pdf_name("/F"): generic.NumberObject(4),  # print
            pdf_name("/P"): page_ref,
        }
    )
    if background:
        text_field["/MK"] = generic.DictionaryObject(
            {pdf_name("/BG"): generic.ArrayObject([generic.FloatObject(1)])}
        )
    text_field["/AP"] = _empty_appearance(writer, box)
    ref = writer.add_object(text_field)
    fields = form["/Fields"]
    fields.append(ref)
    writer.update_container(fields)
    writer.register_annotation(page_ref, ref)


def _fill_text_field(writer: BasePdfFileWriter, ref: generic.IndirectObject, value: str) -> None:
    text_field = ref.get_object()
    x1, y1, x2, y2 = (float(v) for v in text_field["/Rect"])
    width, height = abs(x2 - x1), abs(y2 - y1)
    match = re.search(r"(\d+(?:\.\d+)?)\s+Tf", str(text_field.get("/DA", "")))
    size = int(float(match.group(1))) if match and float(match.group(1)) > 0 else ISSUE_FONT_SIZE
    style = TextBoxStyle(
        font=FontFactory("serif", size),
        font_size=size,
        leading=size,
        box_layout_rule=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(2, 2, 1, 1),
        ),
    )
    resources = PdfResources()
    text_box = TextBox(
        style, writer=writer, resources=resources, box=layout.BoxConstraints(width, height)
    )
    text_box.content = value
    commands = [b"q"]
    mk = text_field.get("/MK")
    if mk is not None and "/BG" in mk:
        commands.append(b"q 1 g 0 0 %g %g re f Q" % (width, height))
    commands += [b"0 g", text_box.render(), b"Q"]
    stream = init_xobject_dictionary(
        command_stream=b" ".join(commands),
        box_width=width,
        box_height=height,
        resources=resources.as_pdf_object(),
    )
    text_field["/V"] = pdf_string(value)
    text_field["/AP"] = generic.DictionaryObject({pdf_name("/N"): writer.add_object(stream)})
    writer.update_container(text_field)


def _ensure_issue_fields(writer: BasePdfFileWriter, pdf: bytes) -> None:
    missing = [name for name in ISSUE_FIELDS if _field(writer, name, "/Tx") is None]
    if not missing:
        return
    labels = {SYMBOL_FIELD: "Số, ký hiệu văn bản", DATE_FIELD: "Địa danh, ngày ban hành"}
    places = _issue_places(pdf)
    for name in missing:
        box, background = places[name]
        _add_text_field(writer, name, labels[name], 0, box, background=background)


# ---------------------------------------------------------------------------------------------
# Signing


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run one of pyHanko's coroutines to its end from synchronous code.

    pyHanko's own synchronous wrappers call ``asyncio.run``, which refuses to start in a thread
    that already runs an event loop (an ASGI server's, a browser driver's in the tests) and, in
    verification, would turn into a false "cannot be validated". There the coroutine runs in a
    thread of its own; it touches no database."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _sign(
    writer: IncrementalPdfFileWriter,
    *,
    credential: Credential,
    meta: PdfSignatureMetadata,
    style: _StampStyle,
    when: dt.datetime,
    new_field: sig_fields.SigFieldSpec | None = None,
) -> bytes:
    signer = _TimedSigner(
        meta, _signer(credential), stamp_style=style, new_field_spec=new_field, when=when
    )
    out = _run(signer.async_sign_pdf(writer, existing_fields_only=new_field is None))
    return out.getvalue()  # type: ignore[no-any-return]


def sign_personal(
    pdf: bytes,
    p12: bytes,
    passphrase: str,
    *,
    name: str,
    position: str,
    image: bytes,
    when: dt.datetime,
    page: int | None = None,
    box: Box | None = None,
) -> bytes:
    """The signer's certification signature (DocMDP 2) with the stamp at the signature place
    (``box`` on ``page`` when given), and, in the same revision, the empty agency field over
    the left third of the signer's image and the two issue fields. ``position`` goes into the
    signature's /Reason ("BÍ THƯ")."""
    credential = _credential(p12, passphrase, when)
    picture = _picture(image)
    name = unicodedata.normalize("NFC", name)
    with _pdf_errors():
        writer = _writer(pdf)
        if _signed(writer.prev):
            raise Refused(
                "already_signed",
                "the PDF is already signed: the signer's signature must be the first",
            )
        if box is None:
            page_index, box = signature_place(pdf, name=name, page=page)
        else:
            page_index = _page_index(_pages(writer), page)
        lines: tuple[tuple[str, int, Style], ...] = (
            (name, NAME_SIZE, "sans-bold"),
            (iso_time(when), TIME_SIZE, "sans"),
        )
        # The stamp goes on the page first, the agency's field after it (annotations are
        # drawn in order: the seal over the signature, as on paper).
        stamp = Box(*box.rounded())
        sig_fields.append_signature_field(
            writer,
            sig_fields.SigFieldSpec(
                PERSONAL_FIELD,
                on_page=page_index,
                box=stamp.rounded(),
                readable_field_name="Chữ ký số của người có thẩm quyền",
            ),
        )
        inside = _stamp_picture_box(stamp.width, stamp.height, picture.size, _text_height(lines))
        drawn = Box(
            stamp.x1 + inside.x1, stamp.y1 + inside.y1, stamp.x1 + inside.x2, stamp.y1 + inside.y2
        )
        sig_fields.append_signature_field(writer, _agency_field(page_index, _seal_box(drawn)))
        _ensure_issue_fields(writer, pdf)
        meta = PdfSignatureMetadata(
            field_name=PERSONAL_FIELD,
            certify=True,
            docmdp_permissions=sig_fields.MDPPerm.FILL_FORMS,
            subfilter=sig_fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            name=name,
            reason=position or None,
        )
        style = _StampStyle(picture=picture, lines=lines, align_right=True)
        return _sign(writer, credential=credential, meta=meta, style=style, when=when)


def fill_issue_fields(pdf: bytes, *, symbol: str, date_text: str) -> bytes:
    """Write the number and symbol ("Số 15-CT/TU") and the place and date of issue ("Hà Nội,
    ngày 12 tháng 3 năm 2026") into their fields, as an incremental update (form filling).

    May be done again to correct them, until the agency signs. An unsigned PDF gets the fields
    first; a signed one without them is refused (adding fields would break its signature).
    """
    values = {
        SYMBOL_FIELD: unicodedata.normalize("NFC", symbol.strip()),
        DATE_FIELD: unicodedata.normalize("NFC", date_text.strip()),
    }
    if not all(values.values()):
        raise Refused("issue_value_required", "the number and the date are both required")
    with _pdf_errors():
        writer = _writer(pdf)
        _refuse_if_final(writer)
        found = {name: _field(writer, name, "/Tx") for name in ISSUE_FIELDS}
        if any(field is None for field in found.values()):
            if _signed(writer.prev):
                raise Refused(
                    "no_issue_fields",
                    "the signed PDF has no number and date fields: it was not signed here",
                )
            _ensure_issue_fields(writer, pdf)
            found = {name: _field(writer, name, "/Tx") for name in ISSUE_FIELDS}
        for name, field in found.items():
            if field is None:  # pragma: no cover - created just above
                raise Refused("no_issue_fields", "the number and date fields could not be made")
            _fill_text_field(writer, field[1], values[name])
        return _write(writer)


def _agency_lines(agency_name: str, when: dt.datetime) -> tuple[tuple[str, int, Style], ...]:
    name_size, time_size = AGENCY_SIZES
    return (
        (unicodedata.normalize("NFC", agency_name), name_size, "sans-bold"),
        (iso_time(when), time_size, "sans"),
    )


def _agency_field(page: int, box: Box) -> sig_fields.SigFieldSpec:
    """The agency's signature field. Its lock makes the agency's signature final: every field
    locked (FieldMDP All) and no change at all allowed after it (DocMDP 1, PDF 2.0)."""
    return sig_fields.SigFieldSpec(
        AGENCY_FIELD,
        on_page=page,
        box=box.rounded(),
        field_mdp_spec=sig_fields.FieldMDPSpec(sig_fields.FieldMDPAction.ALL),
        doc_mdp_update_value=sig_fields.MDPPerm.NO_CHANGES,
        readable_field_name="Chữ ký số của cơ quan, tổ chức",
    )


def sign_agency(
    pdf: bytes,
    p12: bytes,
    passphrase: str,
    *,
    agency_name: str,
    image: bytes,
    when: dt.datetime,
    box: Box | None = None,
) -> bytes:
    """The agency's signature with its seal, which makes the document final.

    It goes into the field ``sign_personal`` prepared (over the left third of the signer's
    image; ``box`` is then ignored), once the number and date are filled in. A PDF without
    that field (a separate attachment, DOMAIN.md §6) gets a new one at ``box``, by default at
    the top right of page 1, with the seal on the left and the name and time beside it.
    """
    credential = _credential(p12, passphrase, when)
    picture = _picture(image)
    with _pdf_errors():
        writer = _writer(pdf)
        _refuse_if_final(writer)
        prepared = _field(writer, AGENCY_FIELD, "/Sig")
        if prepared is not None and prepared[0] is not None:
            raise Refused("agency_already_signed", "the agency has already signed this PDF")
        for name in ISSUE_FIELDS:
            found = _field(writer, name, "/Tx")
            if found is not None and not found[0]:
                raise Refused("not_numbered", "the number and date of issue are not filled in")
        new_field = None
        side = False
        if prepared is None:
            if _certification(writer.prev) is not None:
                # A new visible field after a certification counts as a change to it.
                raise Refused("no_agency_field", "the certified PDF has no field for the agency")
            if box is None:
                page = _page_size(writer, 0)
                height = 22 * MM
                box = Box(
                    page.x2 - PAGE_MARGIN - 3.2 * height,
                    page.y2 - 10 * MM - height,
                    page.x2 - PAGE_MARGIN,
                    page.y2 - 10 * MM,
                )
            new_field = _agency_field(0, box)
            side = box.width >= 2 * box.height
        meta = PdfSignatureMetadata(
            field_name=AGENCY_FIELD,
            subfilter=sig_fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            docmdp_permissions=sig_fields.MDPPerm.NO_CHANGES,
            name=unicodedata.normalize("NFC", agency_name),
        )
        style = _StampStyle(picture=picture, lines=_agency_lines(agency_name, when), side=side)
        return _sign(
            writer, credential=credential, meta=meta, style=style, when=when, new_field=new_field
        )


# ---------------------------------------------------------------------------------------------
# Verifying


_TRUST_PROBLEMS = {
    "NO_CERTIFICATE_CHAIN_FOUND": (
        "untrusted_ca",
        "the certificate does not chain to a trusted root",
    ),
    "CHAIN_CONSTRAINTS_FAILURE": ("untrusted_ca", "the certificate chain breaks a constraint"),
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": ("untrusted_ca", "the certificate chain is not valid"),
    "OUT_OF_BOUNDS_NO_POE": (
        "certificate_expired",
        "the certificate has expired or is not yet valid",
    ),
    "OUT_OF_BOUNDS_NOT_REVOKED": (
        "certificate_expired",
        "the certificate has expired or is not yet valid",
    ),
    "EXPIRED": ("certificate_expired", "the certificate has expired"),
    "NOT_YET_VALID": ("certificate_expired", "the certificate is not valid yet"),
    "REVOKED_NO_POE": ("certificate_revoked", "the certificate has been revoked"),
    "REVOKED_CA_NO_POE": ("certificate_revoked", "a CA certificate has been revoked"),
    "REVOKED": ("certificate_revoked", "the certificate has been revoked"),
    "SIG_CONSTRAINTS_FAILURE": ("certificate_usage", "the certificate is not meant for signatures"),
    "CRYPTO_CONSTRAINTS_FAILURE": ("weak_algorithm", "the signature uses a weak algorithm"),
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": ("weak_algorithm", "the signature uses a weak algorithm"),
}


def _validation_context(trust_roots: Sequence[bytes], at: dt.datetime | None) -> Any:
    from pyhanko_certvalidator import ValidationContext

    roots = [
        asn1_x509.Certificate.load(load_certificate(root).public_bytes(serialization.Encoding.DER))
        for root in trust_roots
    ]
    return ValidationContext(
        trust_roots=roots,
        allow_fetching=False,
        # Keys here come without CRL or OCSP addresses; revoked keystores are refused when
        # signing, and a revocation list, when there is one, is embedded by its CA's tools.
        revocation_mode="soft-fail",
        moment=at,
    )


def _names(cert: asn1_x509.Certificate | None) -> dict[str, str]:
    """The signer's and issuer's names as ``ca.certificate_info`` writes them."""
    if cert is None:
        return {"signer": "", "subject": "", "issuer": "", "issuer_name": ""}
    try:
        info = certificate_info(x509.load_der_x509_certificate(cert.dump()))
    except ValueError:
        return {
            "signer": cert.subject.human_friendly,
            "subject": cert.subject.human_friendly,
            "issuer": cert.issuer.human_friendly,
            "issuer_name": cert.issuer.human_friendly,
        }
    issuer_name = str(cert.issuer.native.get("common_name", "")) or info.issuer
    return {
        "signer": info.common_name or info.subject,
        "subject": info.subject,
        "issuer": info.issuer,
        "issuer_name": issuer_name,
    }


def _report(embedded: Any, status: PdfSignatureStatus | None, error: str = "") -> SignatureReport:
    cert = None
    try:
        cert = embedded.signer_cert
    except Exception:
        cert = None
    try:
        claimed = embedded.self_reported_timestamp
    except Exception:
        claimed = None
    try:
        certification = (
            embedded.docmdp_level.value
            if embedded.docmdp_level and _is_certification(embedded)
            else None
        )
    except Exception:
        certification = None
    common = {
        "field": str(embedded.field_name or ""),
        **_names(cert),
        "signing_time": claimed,
        "certification": certification,
        "timestamp": embedded.sig_object_type == "/DocTimeStamp",
    }
    if status is None:
        return SignatureReport(
            intact=False,
            valid=False,
            trusted=False,
            modification_level=None,
            coverage="unclear",
            docmdp_ok=None,
            status="invalid",
            problem="malformed",
            reason=f"the signature cannot be read: {error}",
            **common,
        )
    level = status.modification_level
    coverage = status.coverage.name.lower() if status.coverage is not None else "unclear"
    problem_indication = status.trust_problem_indic
    indication = str(getattr(problem_indication, "name", problem_indication or ""))
    if not status.intact:
        state: Status = "invalid"
        problem, reason = "digest_mismatch", "the signed content was changed after signing"
    elif not status.valid:
        state, problem, reason = "invalid", "bad_signature", "the signature value does not match"
    elif status.coverage is None or status.coverage < _coverage("ENTIRE_REVISION"):
        state, problem, reason = (
            "modified",
            "unclear_coverage",
            "the signature does not cover its revision",
        )
    elif status.docmdp_ok is False or (level is not None and level.name == "OTHER"):
        state, problem, reason = "modified", "illegal_modification", _diff_reason(status)
    elif not status.trusted:
        state = "untrusted"
        problem, reason = _TRUST_PROBLEMS.get(
            indication,
            ("untrusted_ca", f"the certificate is not trusted ({indication or 'no path'})"),
        )
    elif not getattr(status, "bottom_line", True):
        state, problem, reason = "invalid", "not_valid", status.summary()
    else:
        state, problem, reason = "valid", "", "valid"
    if claimed is None:
        # A document time-stamp carries its time in the token, not in the signature dictionary.
        common["signing_time"] = getattr(status, "signer_reported_dt", None) or getattr(
            status, "timestamp", None
        )
    return SignatureReport(
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        modification_level=level.name.lower() if level is not None else None,
        coverage=coverage,
        docmdp_ok=status.docmdp_ok,
        status=state,
        problem=problem,
        reason=reason,
        details={"summary": status.summary(), "trust_problem": indication},
        **common,
    )


def _is_certification(embedded: Any) -> bool:
    try:
        refs = embedded.sig_object.get("/Reference", ())
        return any(ref.get_object().get("/TransformMethod") == "/DocMDP" for ref in refs)
    except (KeyError, AttributeError, TypeError):
        return False


def _coverage(name: str) -> Any:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    return SignatureCoverageLevel[name]


def _diff_reason(status: PdfSignatureStatus) -> str:
    from pyhanko.sign.diff_analysis import SuspiciousModification

    if isinstance(status.diff_result, SuspiciousModification):
        return f"the document was changed after signing: {status.diff_result}"
    return "the document was changed after signing beyond what the signature allows"


def _broken(field_name: str, problem: str, reason: str) -> SignatureReport:
    return SignatureReport(
        field=field_name,
        signer="",
        subject="",
        issuer="",
        issuer_name="",
        signing_time=None,
        intact=False,
        valid=False,
        trusted=False,
        modification_level=None,
        coverage="unclear",
        docmdp_ok=None,
        certification=None,
        status="invalid",
        problem=problem,
        reason=reason,
    )


def _embedded_signatures(reader: PdfFileReader) -> list[Any]:
    """pyHanko's view of each filled signature field in signing order; a report instead for a
    signature it cannot even parse (pyHanko would raise, or skip an unknown format quietly)."""
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    parsed: list[Any] = []
    broken: list[SignatureReport] = []
    known = {str(sub.value) for sub in sig_fields.SigSeedSubFilter}
    for name, value, ref in sig_fields.enumerate_sig_fields(reader, filled_status=True):
        try:
            subfilter = str(value.get_object().get("/SubFilter", ""))
            if subfilter not in known:
                broken.append(
                    _broken(name, "unsupported_format", f"unsupported signature format {subfilter}")
                )
                continue
            parsed.append(EmbeddedPdfSignature(reader, ref, name))
        except Exception as exc:
            broken.append(_broken(name, "malformed", f"the signature cannot be read: {exc}"[:300]))
    parsed.sort(key=lambda embedded: embedded.signed_revision)
    return [*parsed, *broken]


def verify(
    pdf: bytes, trust_roots: Sequence[bytes], *, at: dt.datetime | None = None
) -> list[SignatureReport]:
    """Every signature of ``pdf`` checked against ``trust_roots`` (PEM or DER certificates),
    in signing order, at ``at`` (default now). An unsigned PDF gives an empty list."""
    from pyhanko.sign.validation import (
        async_validate_pdf_signature,
        async_validate_pdf_timestamp,
    )
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    reader = _reader(pdf)
    context = _validation_context(trust_roots, at)
    # Vietnamese CAs set nonRepudiation, some only digitalSignature: either will do.
    usage = KeyUsageConstraints(
        key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
    )
    reports = []
    with _pdf_errors():
        embedded_signatures = _embedded_signatures(reader)
    for embedded in embedded_signatures:
        if isinstance(embedded, SignatureReport):
            reports.append(embedded)
            continue
        status: Any
        try:
            if embedded.sig_object_type == "/DocTimeStamp":
                status = _run(async_validate_pdf_timestamp(embedded, validation_context=context))
            else:
                status = _run(
                    async_validate_pdf_signature(
                        embedded, signer_validation_context=context, key_usage_settings=usage
                    )
                )
        except Exception as exc:
            log.info("signature %s cannot be validated: %s", embedded.field_name, exc)
            reports.append(_report(embedded, None, str(exc)[:300]))
            continue
        reports.append(_report(embedded, status))
    return reports
