"""A test CA with a signer and an agency, a draft shaped like a real Party document, and the
three files of the outgoing flow (signed, numbered, issued), made once per test session."""

from __future__ import annotations

import datetime as dt
import html
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from vanphong.signing import ca, images
from vanphong.signing.pdf import VIETNAM, fill_issue_fields, sign_agency, sign_personal

PASSPHRASE = "mật-khẩu đúng"  # non-ASCII on purpose: PKCS#12 passphrases are UTF-8 here
SIGNER = "Nguyễn Văn An"
POSITION = "BÍ THƯ"
AGENCY = "Thành ủy Hà Nội"
SYMBOL = "Số 15-CT/TU"
DATE_TEXT = "Hà Nội, ngày 12 tháng 3 năm 2026"
SIGNED_AT = dt.datetime(2026, 3, 12, 9, 15, tzinfo=VIETNAM)
ISSUED_AT = dt.datetime(2026, 3, 12, 10, 40, tzinfo=VIETNAM)
NOT_BEFORE = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
NOT_AFTER = dt.datetime(2040, 12, 31, tzinfo=dt.UTC)


def draft_pdf(*, signer: str = SIGNER, position: str = POSITION, pages: int = 1) -> bytes:
    """A directive as drafted: header with blanks for the number and the date, body, and the
    signature block (T/M BAN THƯỜNG VỤ, the position, room to sign, the name) on the last page."""
    import weasyprint

    more = "".join(
        f"<p style='page-break-before: always'>Trang {i + 2}: nội dung chỉ thị.</p>"
        for i in range(pages - 1)
    )
    markup = f"""<html><head><style>
      @page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
      body {{ font-family: 'DejaVu Serif'; font-size: 13pt; }}
      table {{ width: 100%; }} td {{ text-align: center; vertical-align: top; }}
      .sig {{ margin-left: 50%; text-align: center; }}
    </style></head><body>
      <table><tr>
        <td>ĐẢNG BỘ THÀNH PHỐ HÀ NỘI<br><b>THÀNH ỦY HÀ NỘI</b><br>*<br>
            Số &nbsp;&nbsp;&nbsp;-CT/TU</td>
        <td><b>ĐẢNG CỘNG SẢN VIỆT NAM</b><br><br>
            <i>Hà Nội, ngày &nbsp;&nbsp; tháng &nbsp;&nbsp; năm 2026</i></td>
      </tr></table>
      <h3 style="text-align:center">CHỈ THỊ<br>về tăng cường công tác tham mưu</h3>
      <p>Các cấp ủy, tổ chức đảng thực hiện nghiêm túc chỉ thị này.</p>
      {more}
      <div class="sig"><b>T/M BAN THƯỜNG VỤ<br>{html.escape(position)}</b>
        <br><br><br><br><br><b>{html.escape(signer)}</b></div>
    </body></html>"""
    return weasyprint.HTML(string=markup).write_pdf()


@dataclass(frozen=True)
class Pki:
    root: ca.Credential
    person: ca.Credential
    agency: ca.Credential
    person_p12: bytes
    agency_p12: bytes
    stranger_p12: bytes  # a signer certified by a CA nobody trusts
    signature: bytes
    seal: bytes

    @property
    def roots(self) -> list[bytes]:
        return [ca.to_pem(self.root.certificate).encode("ascii")]

    @property
    def root_pem(self) -> str:
        return ca.to_pem(self.root.certificate)


@pytest.fixture(scope="session")
def pki() -> Pki:
    root = ca.create_root_ca(
        name="CA thử nghiệm", organization="Ban Cơ yếu", not_before=NOT_BEFORE, not_after=NOT_AFTER
    )
    person = ca.issue_person(
        root,
        full_name=SIGNER,
        title="Bí thư Thành ủy",
        organization=AGENCY,
        locality="Hà Nội",
        email="an@example.test",
        not_before=NOT_BEFORE,
        not_after=NOT_AFTER,
    )
    agency = ca.issue_agency(
        root, name=AGENCY, locality="Hà Nội", not_before=NOT_BEFORE, not_after=NOT_AFTER
    )
    rogue = ca.create_root_ca(name="CA lạ", not_before=NOT_BEFORE, not_after=NOT_AFTER)
    stranger = ca.issue_person(
        rogue,
        full_name="Người Lạ",
        organization="Không rõ",
        not_before=NOT_BEFORE,
        not_after=NOT_AFTER,
    )
    return Pki(
        root=root,
        person=person,
        agency=agency,
        person_p12=ca.to_pkcs12(person, PASSPHRASE),
        agency_p12=ca.to_pkcs12(agency, PASSPHRASE),
        stranger_p12=ca.to_pkcs12(stranger, PASSPHRASE),
        signature=images.signature_png(SIGNER),
        seal=images.seal_png(AGENCY, place="Hà Nội"),
    )


@dataclass(frozen=True)
class Flow:
    draft: bytes
    signed: bytes  # by the signer
    numbered: bytes  # number and date filled in by the clerk
    issued: bytes  # and the agency's seal


@pytest.fixture(scope="session")
def flow(pki: Pki) -> Flow:
    draft = draft_pdf()
    signed = sign_personal(
        draft,
        pki.person_p12,
        PASSPHRASE,
        name=SIGNER,
        position=POSITION,
        image=pki.signature,
        when=SIGNED_AT,
    )
    numbered = fill_issue_fields(signed, symbol=SYMBOL, date_text=DATE_TEXT)
    issued = sign_agency(
        numbered, pki.agency_p12, PASSPHRASE, agency_name=AGENCY, image=pki.seal, when=ISSUED_AT
    )
    return Flow(draft, signed, numbered, issued)


def page_text(pdf: bytes, page: int = -1) -> str:
    """The text of a page as a reader sees it, signature stamps and form fields included
    (PDFium flattens the annotations into the page first)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    document.init_forms()
    index = page % len(document)
    document[index].flatten()
    out = io.BytesIO()
    document.save(out)
    flat = pdfium.PdfDocument(out.getvalue())
    return str(flat[index].get_textpage().get_text_range())


def pdfsig(path: Path, *, trusted_root: str | None = None) -> str:
    """``pdfsig``'s report on ``path``; with ``trusted_root``, checked against an NSS database
    that trusts it (made with certutil)."""
    args = [shutil.which("pdfsig") or "pdfsig"]
    if trusted_root is not None:
        nss = path.parent / "nss"
        nss.mkdir(exist_ok=True)
        certutil = shutil.which("certutil") or "certutil"
        subprocess.run(
            [certutil, "-N", "-d", f"sql:{nss}", "--empty-password"], check=True, timeout=30
        )
        (nss / "root.pem").write_text(trusted_root)
        subprocess.run(
            [
                certutil,
                "-A",
                "-d",
                f"sql:{nss}",
                "-n",
                "root",
                "-t",
                "C,C,C",
                "-i",
                str(nss / "root.pem"),
            ],
            check=True,
            timeout=30,
        )
        args += ["-nssdir", f"sql:{nss}"]
    result = subprocess.run([*args, str(path)], capture_output=True, text=True, timeout=60)
    return result.stdout
