"""Signing PDFs (signer, clerk's number, agency seal) and verifying them, tampered or not."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from tests.conftest import require_binary
from tests.factories import encrypted_pdf_bytes, zero_page_pdf_bytes
from tests.signing.conftest import (
    AGENCY,
    DATE_TEXT,
    ISSUED_AT,
    NOT_AFTER,
    NOT_BEFORE,
    PASSPHRASE,
    POSITION,
    SIGNED_AT,
    SIGNER,
    SYMBOL,
    Flow,
    Pki,
    draft_pdf,
    page_text,
    pdfsig,
)
from vanphong.signing import ca, pdf
from vanphong.signing.errors import Refused, WrongPassphrase

SIGNED_ISO = "2026-03-12T09:15:00+07:00"
ISSUED_ISO = "2026-03-12T10:40:00+07:00"


def _fields(data: bytes) -> dict[str, tuple[int, tuple[float, float, float, float], object]]:
    """Each form field: (page index, rectangle, value)."""
    import pypdfium2 as pdfium
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data))
    pages = [ref.reference for ref in _page_refs(reader)]
    out = {}
    for ref in reader.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        rect = tuple(float(v) for v in field["/Rect"])
        out[str(field["/T"])] = (pages.index(field.raw_get("/P").reference), rect, field.get("/V"))
    assert len(pdfium.PdfDocument(data)) == len(pages)
    return out  # type: ignore[return-value]


def _page_refs(reader: object) -> list:
    root = reader.root["/Pages"]  # type: ignore[attr-defined]
    out = []

    def walk(node: object) -> None:
        for kid in node["/Kids"]:  # type: ignore[index]
            if kid.get_object()["/Type"] == "/Pages":
                walk(kid.get_object())
            else:
                out.append(kid)

    walk(root)
    return out


def _line_box(data: bytes, text: str, page: int = -1) -> pdf.Box:
    lines, _page = pdf._text_lines(data, page % len(_page_list(data)))
    return next(line.box for line in lines if text in line.text)


def _page_list(data: bytes) -> list[int]:
    import pypdfium2 as pdfium

    return list(range(len(pdfium.PdfDocument(data))))


def _report(reports: list[pdf.SignatureReport], field: str) -> pdf.SignatureReport:
    return next(r for r in reports if r.field == field)


# ---------------------------------------------------------------------------------------------
# The outgoing flow


def test_personal_signature_is_valid_trusted_intact_and_certifies_form_filling(
    flow: Flow, pki: Pki
):
    (report,) = pdf.verify(flow.signed, pki.roots)
    assert report.field == pdf.PERSONAL_FIELD
    assert report.signer == SIGNER
    assert (report.intact, report.valid, report.trusted) == (True, True, True)
    assert report.status == "valid"
    assert report.problem == ""
    assert report.coverage == "entire_file"
    assert report.modification_level == "none"
    assert report.certification == 2  # DocMDP: form filling and signing allowed
    assert report.signing_time == SIGNED_AT
    assert "CA thử nghiệm" in report.issuer


def test_stamp_is_placed_between_the_position_and_the_printed_name(flow: Flow):
    fields = _fields(flow.signed)
    page, (x1, y1, x2, y2), _value = fields[pdf.PERSONAL_FIELD]
    assert page == 0  # the last (only) page
    name = _line_box(flow.draft, SIGNER)
    title = _line_box(flow.draft, POSITION)
    assert y1 >= name.y2 - 1, "the stamp must not cover the printed name"
    assert y2 <= title.y1 + 1, "the stamp must not cover the position"
    assert x1 < (name.x1 + name.x2) / 2 < x2


def test_stamp_shows_the_signature_image_name_and_iso_time_in_vietnamese(flow: Flow):
    text = page_text(flow.signed)
    assert text.count(SIGNER) == 2  # printed by the drafter, and in the stamp
    assert SIGNED_ISO in text
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(flow.signed)
    document.init_forms()
    _page, (x1, y1, x2, y2), _value = _fields(flow.signed)[pdf.PERSONAL_FIELD]
    image = document[0].render(scale=2, may_draw_forms=True).to_pil().convert("RGB")
    height = image.height
    crop = image.crop((int(x1 * 2), int(height - y2 * 2), int(x2 * 2), int(height - y1 * 2)))
    blue = [p for p in crop.get_flattened_data() if p[2] > 120 and p[2] > p[0] + 60]
    assert len(blue) > 200, "the blue handwritten signature is drawn in the stamp"


def test_number_and_date_filled_in_keep_the_signature_valid_as_form_filling(flow: Flow, pki: Pki):
    (report,) = pdf.verify(flow.numbered, pki.roots)
    assert report.status == "valid"
    assert report.modification_level == "form_filling"
    assert report.coverage == "entire_revision"
    assert report.docmdp_ok is True
    fields = _fields(flow.numbered)
    assert str(fields[pdf.SYMBOL_FIELD][2]) == SYMBOL
    assert str(fields[pdf.DATE_FIELD][2]) == DATE_TEXT
    first_page = page_text(flow.numbered, 0)
    assert SYMBOL in first_page
    assert DATE_TEXT in first_page


def test_number_and_date_fields_cover_the_blanks_the_draft_left(flow: Flow):
    fields = _fields(flow.signed)
    for name, printed in ((pdf.SYMBOL_FIELD, "-CT/TU"), (pdf.DATE_FIELD, "năm 2026")):
        page, (x1, y1, x2, y2), value = fields[name]
        line = _line_box(flow.draft, printed, 0)
        assert page == 0
        assert value is None  # empty until the clerk numbers the document
        assert x1 <= line.x1, name
        assert line.x2 <= x2, name
        assert y1 <= line.y1, name
        assert line.y2 <= y2, name


def test_agency_signature_on_top_leaves_both_signatures_valid(flow: Flow, pki: Pki):
    reports = pdf.verify(flow.issued, pki.roots)
    assert [r.field for r in reports] == [pdf.PERSONAL_FIELD, pdf.AGENCY_FIELD]
    personal, agency = reports
    assert personal.status == agency.status == "valid"
    assert personal.modification_level == "form_filling"
    assert agency.signer == AGENCY
    assert agency.coverage == "entire_file"
    assert agency.signing_time == ISSUED_AT
    text = page_text(flow.issued)
    assert AGENCY in text
    assert ISSUED_ISO in text


def test_seal_is_real_size_and_covers_the_left_third_of_the_signature_image(flow: Flow):
    import pypdfium2 as pdfium

    fields = _fields(flow.issued)
    _p, (px1, py1, px2, py2), _v = fields[pdf.PERSONAL_FIELD]
    _p, (ax1, ay1, ax2, ay2), _v = fields[pdf.AGENCY_FIELD]
    assert ax2 - ax1 == pytest.approx(36 * 72 / 25.4, abs=1.5)  # a 36 mm seal
    # Where the blue ink of the signature is, on the page signed but not yet sealed.
    document = pdfium.PdfDocument(flow.numbered)
    document.init_forms()
    scale = 2
    image = document[0].render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
    columns = [
        x
        for x in range(int(px1 * scale), int(px2 * scale))
        for y in range(int(image.height - py2 * scale), int(image.height - py1 * scale), 2)
        if (p := image.getpixel((x, y)))[2] > 120 and p[2] > p[0] + 60  # type: ignore[index]
    ]
    ink_left, ink_right = min(columns) / scale, max(columns) / scale
    covered = (ax2 - ink_left) / (ink_right - ink_left)
    assert 0.2 < covered < 0.45, covered
    assert ax1 < ink_left
    assert ay1 < (py1 + py2) / 2 < ay2


# ---------------------------------------------------------------------------------------------
# Tampering


def _flip_inside_a_stream(data: bytes) -> bytes:
    start = data.index(b"stream", 200) + 40
    changed = bytearray(data)
    changed[start] ^= 0x01
    return bytes(changed)


def test_one_byte_changed_after_signing_invalidates_the_signatures(flow: Flow, pki: Pki):
    reports = pdf.verify(_flip_inside_a_stream(flow.issued), pki.roots)
    assert [r.status for r in reports] == ["invalid", "invalid"]
    assert {r.problem for r in reports} == {"digest_mismatch"}
    assert not any(r.intact for r in reports)


def test_text_added_to_the_page_after_signing_is_reported_as_modified(flow: Flow, pki: Pki):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(flow.numbered))
    text = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 72 Td (DA SUA) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(text))
    out = io.BytesIO()
    writer.write(out)
    (report,) = pdf.verify(out.getvalue(), pki.roots)
    assert report.intact  # the signed revision itself is untouched…
    assert report.status == "modified"  # …but what came after is not form filling
    assert report.problem == "illegal_modification"
    assert report.modification_level == "other"


def test_a_page_appended_after_signing_is_reported_as_modified(flow: Flow, pki: Pki):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(flow.numbered))
    page = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Page"),
            generic.pdf_name("/MediaBox"): generic.ArrayObject(
                [generic.NumberObject(v) for v in (0, 0, 595, 842)]
            ),
            generic.pdf_name("/Contents"): writer.add_object(
                generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 720 Td (Trang them) Tj ET")
            ),
            generic.pdf_name("/Resources"): generic.DictionaryObject(),
        }
    )
    writer.insert_page(page)
    out = io.BytesIO()
    writer.write(out)
    (report,) = pdf.verify(out.getvalue(), pki.roots)
    assert report.status == "modified"


def test_nothing_may_be_added_after_the_agency_signed(flow: Flow, pki: Pki):
    with pytest.raises(Refused) as refill:
        pdf.fill_issue_fields(flow.issued, symbol="Số 16-CT/TU", date_text=DATE_TEXT)
    assert refill.value.code == "changes_forbidden"
    with pytest.raises(Refused) as again:
        pdf.sign_agency(
            flow.issued,
            pki.agency_p12,
            PASSPHRASE,
            agency_name=AGENCY,
            image=pki.seal,
            when=ISSUED_AT,
        )
    assert again.value.code == "changes_forbidden"


def test_damaged_signature_data_is_reported_not_raised(flow: Flow, pki: Pki):
    start = flow.signed.index(b"/Contents <") + len(b"/Contents <") + 2
    damaged = bytearray(flow.signed)
    damaged[start] = ord("0") if damaged[start] != ord("0") else ord("1")
    (report,) = pdf.verify(bytes(damaged), pki.roots)
    assert report.status == "invalid"
    assert report.problem in {"malformed", "bad_signature", "digest_mismatch"}


# ---------------------------------------------------------------------------------------------
# Trust


def test_a_certificate_from_an_unknown_ca_is_untrusted(flow: Flow, pki: Pki):
    stranger = pdf.sign_personal(
        draft_pdf(),
        pki.stranger_p12,
        PASSPHRASE,
        name=SIGNER,
        position=POSITION,
        image=pki.signature,
        when=SIGNED_AT,
    )
    (report,) = pdf.verify(stranger, pki.roots)
    assert (report.intact, report.valid, report.trusted) == (True, True, False)
    assert report.status == "untrusted"
    assert report.problem == "untrusted_ca"
    # The flow's own signatures, checked by someone who trusts nobody, are untrusted too.
    assert {r.status for r in pdf.verify(flow.issued, [])} == {"untrusted"}


def test_an_expired_certificate_is_untrusted_at_verification_time(flow: Flow, pki: Pki):
    later = dt.datetime(2041, 6, 1, tzinfo=dt.UTC)
    reports = pdf.verify(flow.issued, pki.roots, at=later)
    assert {(r.status, r.problem) for r in reports} == {("untrusted", "certificate_expired")}


def test_rsa_keys_sign_as_well(pki: Pki):
    rsa = ca.issue_person(
        pki.root,
        full_name=SIGNER,
        organization=AGENCY,
        not_before=NOT_BEFORE,
        not_after=NOT_AFTER,
        algorithm="rsa",
    )
    signed = pdf.sign_personal(
        draft_pdf(),
        ca.to_pkcs12(rsa, "pw"),
        "pw",
        name=SIGNER,
        position=POSITION,
        image=pki.signature,
        when=SIGNED_AT,
    )
    assert [r.status for r in pdf.verify(signed, pki.roots)] == ["valid"]


# ---------------------------------------------------------------------------------------------
# Refusals


def test_wrong_passphrase_is_a_clear_error(flow: Flow, pki: Pki):
    with pytest.raises(WrongPassphrase) as wrong:
        pdf.sign_personal(
            flow.draft,
            pki.person_p12,
            "sai",
            name=SIGNER,
            position=POSITION,
            image=pki.signature,
            when=SIGNED_AT,
        )
    assert wrong.value.code == "wrong_passphrase"
    with pytest.raises(WrongPassphrase):
        pdf.sign_agency(
            flow.numbered,
            pki.agency_p12,
            "sai",
            agency_name=AGENCY,
            image=pki.seal,
            when=ISSUED_AT,
        )


@pytest.mark.parametrize(
    ("document", "code"),
    [
        (encrypted_pdf_bytes, "encrypted_pdf"),
        (lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "corrupt_pdf"),
        (lambda: draft_pdf()[:2000], "corrupt_pdf"),
        (zero_page_pdf_bytes, "empty_pdf"),
    ],
    ids=["encrypted", "garbage", "truncated", "no-pages"],
)
def test_encrypted_or_damaged_pdfs_are_refused_clearly(pki: Pki, document, code):
    with pytest.raises(Refused) as refused:
        pdf.sign_personal(
            document(),
            pki.person_p12,
            PASSPHRASE,
            name=SIGNER,
            position=POSITION,
            image=pki.signature,
            when=SIGNED_AT,
        )
    assert refused.value.code == code


def test_the_signer_signs_first_and_once(flow: Flow, pki: Pki):
    with pytest.raises(Refused) as refused:
        pdf.sign_personal(
            flow.signed,
            pki.person_p12,
            PASSPHRASE,
            name=SIGNER,
            position=POSITION,
            image=pki.signature,
            when=SIGNED_AT,
        )
    assert refused.value.code == "already_signed"


def test_the_agency_signs_only_after_the_number_and_date_are_filled_in(flow: Flow, pki: Pki):
    with pytest.raises(Refused) as refused:
        pdf.sign_agency(
            flow.signed,
            pki.agency_p12,
            PASSPHRASE,
            agency_name=AGENCY,
            image=pki.seal,
            when=ISSUED_AT,
        )
    assert refused.value.code == "not_numbered"


def test_a_pdf_certified_with_no_changes_allowed_cannot_be_signed_again(pki: Pki):
    from pyhanko.sign import fields, signers

    from vanphong.signing.pdf import _signer, _writer

    writer = _writer(draft_pdf())
    locked = signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(
            field_name="Khoa",
            certify=True,
            docmdp_permissions=fields.MDPPerm.NO_CHANGES,
            subfilter=fields.SigSeedSubFilter.PADES,
        ),
        signer=_signer(pki.person),
    ).getvalue()
    with pytest.raises(Refused) as refused:
        pdf.sign_agency(
            locked, pki.agency_p12, PASSPHRASE, agency_name=AGENCY, image=pki.seal, when=ISSUED_AT
        )
    assert refused.value.code == "changes_forbidden"
    with pytest.raises(Refused) as refill:
        pdf.fill_issue_fields(locked, symbol=SYMBOL, date_text=DATE_TEXT)
    assert refill.value.code == "changes_forbidden"


def test_a_separate_attachment_gets_the_seal_at_the_top_right_of_page_one(pki: Pki):
    attachment = draft_pdf(signer="Phụ lục", pages=2)
    sealed = pdf.sign_agency(
        attachment,
        pki.agency_p12,
        PASSPHRASE,
        agency_name=AGENCY,
        image=pki.seal,
        when=ISSUED_AT,
    )
    (report,) = pdf.verify(sealed, pki.roots)
    assert report.status == "valid"
    page, (_x1, _y1, x2, y2), _value = _fields(sealed)[pdf.AGENCY_FIELD]
    assert page == 0
    assert x2 > 595 - 80  # A4, top right
    assert y2 > 842 - 60
    assert ISSUED_ISO in page_text(sealed, 0)


def test_without_a_printed_name_the_stamp_goes_to_the_bottom_right_of_the_last_page(pki: Pki):
    document = draft_pdf(signer="", pages=2)
    signed = pdf.sign_personal(
        document,
        pki.person_p12,
        PASSPHRASE,
        name=SIGNER,
        position=POSITION,
        image=pki.signature,
        when=SIGNED_AT,
    )
    page, (_x1, _y1, x2, y2), _value = _fields(signed)[pdf.PERSONAL_FIELD]
    assert page == 1
    assert x2 > 595 / 2
    assert y2 < 842 / 2
    assert [r.status for r in pdf.verify(signed, pki.roots)] == ["valid"]


def test_an_unsigned_pdf_has_no_signatures(flow: Flow, pki: Pki):
    assert pdf.verify(flow.draft, pki.roots) == []


def test_signing_time_is_written_in_vietnam_time():
    assert pdf.iso_time(dt.datetime(2026, 3, 12, 2, 15, tzinfo=dt.UTC)) == SIGNED_ISO
    with pytest.raises(ValueError, match="timezone"):
        pdf.iso_time(dt.datetime(2026, 3, 12, 9, 15))  # noqa: DTZ001


# ---------------------------------------------------------------------------------------------
# A second validator: poppler's pdfsig (NSS)


def test_pdfsig_finds_both_signatures_valid_and_a_changed_byte_invalid(tmp_path, flow: Flow):
    require_binary("pdfsig", "poppler-utils")
    issued = tmp_path / "issued.pdf"
    issued.write_bytes(flow.issued)
    report = pdfsig(issued)
    assert report.count("Signature Validation: Signature is Valid.") == 2
    assert report.count("Certificate Validation:") == 2
    assert f"Signer Certificate Common Name: {SIGNER}" in report
    assert "Signature Type: ETSI.CAdES.detached" in report
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(_flip_inside_a_stream(flow.issued))
    assert "Signature is Valid." not in pdfsig(tampered)


def test_pdfsig_trusts_the_signatures_when_it_trusts_the_ca(tmp_path, flow: Flow, pki: Pki):
    require_binary("pdfsig", "poppler-utils")
    require_binary("certutil", "libnss3-tools")
    issued = tmp_path / "issued.pdf"
    issued.write_bytes(flow.issued)
    report = pdfsig(issued, trusted_root=pki.root_pem)
    assert report.count("Signature Validation: Signature is Valid.") == 2
    assert report.count("Certificate Validation: Certificate is Trusted.") == 2, report


def test_pdftotext_reads_the_stamps_and_the_issue_fields(tmp_path, flow: Flow):
    import subprocess

    binary = require_binary("pdftotext", "poppler-utils")
    issued = tmp_path / "issued.pdf"
    issued.write_bytes(flow.issued)
    text = subprocess.run(
        [binary, str(issued), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    for expected in (SYMBOL, DATE_TEXT, SIGNED_ISO, AGENCY, ISSUED_ISO):
        assert expected in text
    assert len(re.findall(SIGNER, text)) == 2


def test_numbering_an_unsigned_document_adds_the_fields_first(flow: Flow, pki: Pki):
    numbered = pdf.fill_issue_fields(flow.draft, symbol=SYMBOL, date_text=DATE_TEXT)
    fields = _fields(numbered)
    assert str(fields[pdf.SYMBOL_FIELD][2]) == SYMBOL
    assert SYMBOL in page_text(numbered, 0)
    assert pdf.verify(numbered, pki.roots) == []
    with pytest.raises(Refused) as empty:
        pdf.fill_issue_fields(flow.signed, symbol=" ", date_text=DATE_TEXT)
    assert empty.value.code == "issue_value_required"


def test_verifying_reads_pdfs_locked_by_an_owner_password_only(pki: Pki):
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(draft_pdf())) as source:
        source.save(out, encryption=pikepdf.Encryption(user="", owner="chu-so-huu"))
    assert pdf.verify(out.getvalue(), pki.roots) == []
    with pytest.raises(Refused) as locked:
        pdf.verify(encrypted_pdf_bytes(), pki.roots)
    assert locked.value.code == "encrypted_pdf"


def test_signing_and_verifying_work_in_a_thread_that_runs_an_event_loop(flow: Flow, pki: Pki):
    # An ASGI server's thread, or a browser driver's in the tests: pyHanko's own synchronous
    # wrappers would refuse to start there, and a verdict would wrongly read "cannot be
    # validated".
    import asyncio

    async def inside_a_loop() -> tuple[list[pdf.SignatureReport], list[pdf.SignatureReport]]:
        again = pdf.sign_agency(
            flow.numbered,
            pki.agency_p12,
            PASSPHRASE,
            agency_name=AGENCY,
            image=pki.seal,
            when=ISSUED_AT,
        )
        return pdf.verify(flow.signed, pki.roots), pdf.verify(again, pki.roots)

    signed, sealed = asyncio.run(inside_a_loop())
    assert [r.status for r in signed] == ["valid"]
    assert [r.status for r in sealed] == ["valid", "valid"]
