"""An office that drafts, reviews, signs and issues: the test network with a committee term,
an address for the place name, a second leader to review, a state agency with its office, and
demo signing keys (passphrase "vanphong-demo") for the signers and the seals."""

from __future__ import annotations

import datetime as dt
import functools
import html
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from tests.conftest import Network
from tests.factories import docx_bytes
from vanphong.documents.storage import spool
from vanphong.org.roles import Role
from vanphong.org.services import (
    membership_grant,
    term_open,
    unit_create,
    unit_update_contacts,
    user_create,
)
from vanphong.outgoing.recipients import RecipientInput
from vanphong.outgoing.services import (
    outgoing_create,
    outgoing_issue,
    outgoing_review,
    outgoing_sign,
    outgoing_submit,
)
from vanphong.signing.ca import to_pem
from vanphong.signing.services import (
    DEMO_PASSPHRASE,
    demo_ca,
    keystore_create_demo,
    trust_anchor_add,
)

PASSPHRASE = DEMO_PASSPHRASE
SINCE = dt.date(2015, 1, 1)
TERM_STARTS = dt.date(2020, 10, 1)


# Rendering a draft takes half a second; the same arguments always give the same document.
@functools.lru_cache(maxsize=256)
def draft_bytes(
    *,
    signer: str,
    position: str = "BÍ THƯ",
    authority: str = "T/M BAN THƯỜNG VỤ",
    party: bool = True,
    notation: str = "CT/TU",
    title: str = "CHỈ THỊ",
    tag: str = "",
) -> bytes:
    """A document as drafted, shaped like the real ones: the header with blanks for the number
    ("Số    -CT/TU", "Số:    /QĐ-UBND") and the date ("Hà Nội, ngày   tháng   năm 2026"), the
    body, and the signature block with the signer's name printed under the room to sign."""
    import weasyprint

    if party:
        left = "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI<br><b>THÀNH ỦY HÀ NỘI</b><br>*<br>"
        left += f"Số &nbsp;&nbsp;&nbsp;-{notation}"
        right = "<b>ĐẢNG CỘNG SẢN VIỆT NAM</b>"
    else:
        left = (
            f"<b>ỦY BAN NHÂN DÂN<br>THÀNH PHỐ HÀ NỘI</b><br>Số: &nbsp;&nbsp;&nbsp;&nbsp;/{notation}"
        )
        right = "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b>"
    block = "<br>".join(html.escape(line) for line in (authority, position) if line)
    markup = f"""<html><head><style>
      @page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
      body {{ font-family: 'DejaVu Serif'; font-size: 13pt; }}
      table {{ width: 100%; }} td {{ text-align: center; vertical-align: top; }}
      .sig {{ margin-left: 50%; text-align: center; }}
    </style></head><body>
      <table><tr>
        <td>{left}</td>
        <td>{right}<br><br><i>Hà Nội, ngày &nbsp;&nbsp; tháng &nbsp;&nbsp; năm 2026</i></td>
      </tr></table>
      <h3 style="text-align:center">{html.escape(title)}<br>về tăng cường công tác tham mưu</h3>
      <p>Nội dung văn bản. {html.escape(tag)}</p>
      <div class="sig"><b>{block}</b>
        <br><br><br><br><br><b>{html.escape(signer)}</b></div>
    </body></html>"""
    return weasyprint.HTML(string=markup).write_pdf()


@dataclass
class Office:
    """The test network ready for outgoing work."""

    network: Network
    ubnd: Any
    ubnd_vp: Any

    def user(self, name: str) -> Any:
        return self.network.user(name)

    @property
    def city(self) -> Any:
        return self.network.city

    def party_draft(self, tag: str = "", signer: str = "lanhdao.thanhuy") -> bytes:
        """A Party directive as drafted, its signer's name printed in the signature block."""
        return draft_bytes(signer=self.user(signer).full_name, tag=tag)

    def state_draft(self, tag: str = "", notation: str = "QĐ-UBND") -> bytes:
        return draft_bytes(
            signer=self.user("lanhdao.ubnd").full_name,
            position="CHỦ TỊCH",
            authority="",
            party=False,
            notation=notation,
            title="QUYẾT ĐỊNH",
            tag=tag,
        )

    def create(
        self,
        *,
        author: str = "chuyenvien.thanhuy",
        unit: Any = None,
        content: bytes | None = None,
        name: str = "du-thao.pdf",
        document_type: str = "CT",
        subject: str = "Về tăng cường công tác tham mưu",
        signer: str = "lanhdao.thanhuy",
        recipients: list[Any] | None = None,
        reviewers: tuple[str, ...] = (),
        **extra: Any,
    ) -> Any:
        """A draft made through the service, by default a directive of the city to the two
        districts, drafted by the city's specialist for its leader to sign."""
        content = content if content is not None else self.party_draft(subject)
        targets = (
            recipients
            if recipients is not None
            else [
                RecipientInput(unit=self.network.badinh),
                RecipientInput(unit=self.network.hoankiem),
            ]
        )
        with spool([content], name=name) as spooled, transaction.atomic():
            return outgoing_create(
                by=self.user(author),
                unit=unit or self.city,
                files=[spooled],
                document_type=document_type,
                subject=subject,
                signer=self.user(signer),
                recipients=targets,
                reviewers=[self.user(r) for r in reviewers],
                **extra,
            )

    def signed(self, **kwargs: Any) -> Any:
        """A draft submitted straight to its signer and signed."""
        outgoing = self.create(**kwargs)
        outgoing_submit(by=outgoing.author, outgoing=outgoing)
        return outgoing_sign(by=outgoing.signer, outgoing=outgoing, passphrase=PASSPHRASE)

    def issued(self, clerk: str = "vanthu.thanhuy", **kwargs: Any) -> Any:
        outgoing = self.signed(**kwargs)
        return outgoing_issue(by=self.user(clerk), outgoing=outgoing, passphrase=PASSPHRASE)

    def approve_all(self, outgoing: Any, *names: str) -> None:
        for name in names:
            outgoing_review(by=self.user(name), outgoing=outgoing, action="approve")


@pytest.fixture(scope="session")
def demo_issuer():
    return demo_ca()


def _person(network: Network, username: str, unit: Any, role: Role, position: str = "") -> Any:
    user = user_create(
        by=None,
        username=username,
        full_name=f"Người {username}",
        email=f"{username}@example.test",
    )
    membership_grant(
        by=None,
        user=user,
        unit=unit,
        role=role,
        position=position,
        valid_from=SINCE,
        is_primary=True,
    )
    network.users[username] = user
    return user


@pytest.fixture
def office(network: Network, demo_issuer) -> Office:
    city = network.city
    unit_update_contacts(by=None, unit=city, address="Số 2 Lê Lai, Hoàn Kiếm, Hà Nội")
    term_open(by=None, unit=city, name="XVII, 2020–2025", starts=TERM_STARTS)
    _person(network, "phobithu.thanhuy", city, Role.LANHDAO, "Phó Bí thư Thường trực")
    ubnd = unit_create(
        by=None,
        slug="ubnd",
        kind="co_quan",
        full_name="Ủy ban nhân dân thành phố Hà Nội",
        short_name="UBND Thành phố",
        issuer_code="UBND",
        organ_id="000.00.00.H26",
        valid_from=SINCE,
        address="Số 79 Đinh Tiên Hoàng, Hoàn Kiếm, Hà Nội",
    )
    ubnd_vp = unit_create(
        by=None,
        slug="ubnd-vp",
        kind="co_quan",
        full_name="Văn phòng Ủy ban nhân dân thành phố",
        short_name="Văn phòng UBND",
        issuer_code="VP",
        parent=ubnd,
        valid_from=SINCE,
    )
    _person(network, "vanthu.ubnd", ubnd, Role.VANTHU)
    _person(network, "chuyenvien.ubnd", ubnd, Role.CHUYENVIEN)
    _person(network, "chuyenvien.ubnd-vp", ubnd_vp, Role.CHUYENVIEN)
    _person(network, "lanhdao.ubnd", ubnd, Role.LANHDAO, "Chủ tịch")
    trust_anchor_add(by=None, pem=to_pem(demo_issuer.certificate), name="CA thử nghiệm")
    for username in ("lanhdao.thanhuy", "phobithu.thanhuy", "lanhdao.ubnd", "lanhdao.badinh"):
        keystore_create_demo(by=None, owner=network.user(username), issuer=demo_issuer)
    for unit in (city, ubnd, network.badinh):
        keystore_create_demo(by=None, owner=unit, issuer=demo_issuer)
    return Office(network, ubnd, ubnd_vp)


def docx(text: str = "Dự thảo chỉ thị") -> bytes:
    return docx_bytes([text, "Nội dung dự thảo."])
