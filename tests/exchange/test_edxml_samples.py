"""Hand-written edXML files in the shapes real products send, and broken ones.

Each file in samples/broken/ states what must be refused in its first comment:
``<!-- expect: PATH | REASON -->`` (the reason is a part of the message after the path).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from vanphong.exchange import edxml
from vanphong.exchange.edxml import (
    BussinessDocType,
    EdxmlError,
    Organization,
    Package,
    Priority,
    StatusCode,
    StatusMessage,
)

SAMPLES = Path(__file__).parent / "samples"
BROKEN = sorted((SAMPLES / "broken").glob("*.edxml"))
EXPECT = re.compile(rb"<!-- expect: (?P<path>\S+) \| (?P<reason>.+?) -->")
VN = edxml.VIETNAM


def package(name: str) -> Package:
    return edxml.decode_package((SAMPLES / name).read_bytes())


def status(name: str) -> StatusMessage:
    return edxml.decode_status((SAMPLES / name).read_bytes())


def test_the_vpcp_sdk_shape_with_every_element_prefixed_and_wrapped_base64() -> None:
    pkg = package("vpcp_prefixed.edxml")
    h = pkg.header
    assert pkg.document_id == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    assert h.from_ == Organization(
        organ_id="000.00.00.G22",
        organization_in_charge="Chính phủ",
        organ_name="Văn phòng Chính phủ",
        organ_add="Số 1 Hoàng Hoa Thám, Ba Đình, Hà Nội",
        email="vpcp@chinhphu.vn",
        telephone="080 43162",
        fax="080 44130",
        website="www.chinhphu.vn",
    )
    assert [(o.organ_id, o.organ_name) for o in h.to] == [
        ("000.00.00.H26", "UBND Thành phố Hà Nội"),
        ("000.00.00.H41", "UBND Tỉnh Nghệ An"),
    ]
    assert (h.code.code_number, h.code.code_notation) == ("7816", "VPCP-TTĐT")
    assert h.promulgation_info == edxml.Promulgation("Hà Nội", dt.date(2015, 9, 30))
    assert h.document_type == edxml.DocumentType(type=1, type_detail=0, type_name="Công văn")
    assert h.subject == "V/v triển khai hệ thống quản lý văn bản điện tử"
    assert h.signer_info == edxml.SignerInfo(
        competence="KT. BỘ TRƯỞNG, CHỦ NHIỆM", position="Phó Chủ nhiệm", full_name="Nguyễn Văn Bình"
    )
    assert h.due_date == dt.date(2015, 10, 15)
    assert h.to_places == ("Như trên", "Lưu: VT, TTĐT")
    assert h.other_info == edxml.OtherInfo(
        priority=Priority.THUONG_KHAN,
        sphere_of_promulgation="Toàn quốc",
        typer_notation="TVC",
        promulgation_amount=1,
        page_amount=2,
        appendixes=("Phụ lục: Danh sách cơ quan",),
    )
    assert h.steering_type == 1
    assert pkg.traces == (
        edxml.TraceHeader("000.00.00.G22", dt.datetime(2015, 9, 30, 15, 20, 11, tzinfo=VN)),
    )
    assert pkg.business.bussiness_doc_type is BussinessDocType.NEW
    assert pkg.business.paper == 0
    assert pkg.business.staff_info == edxml.StaffInfo(
        department="Phòng Hành chính - Văn thư",
        staff="Nguyễn Thị Ngọc Trâm",
        mobile="84912000001",
        email="vanthu@chinhphu.vn",
    )
    pdf, appendix = pkg.attachments
    assert (pdf.content_id, pdf.attachment_name, pdf.content_type, pdf.description) == (
        "6b1f2a0e-51c4-4c5e-9d0b-1f5d3f1e2a01",
        "7816-VPCP-TTĐT.pdf",
        "application/pdf",
        "Công văn 7816",
    )
    assert pdf.data.startswith(b"%PDF-1.4")
    assert appendix.data.decode() == "Danh sách cơ quan triển khai: Hà Nội, Nghệ An, Đà Nẵng.\n"
    assert pkg.signature is None


def test_the_gateway_shape_with_default_namespace_xlink_and_unprefixed_attachments() -> None:
    pkg = package("lgsp_default_ns.edxml")
    h = pkg.header
    assert pkg.document_id == "000.01.00.H26,2026/03/05,12/BC/QU"
    assert h.other_info.priority is Priority.HOA_TOC
    assert h.other_info.appendixes == ()  # an empty <Appendix/> is no appendix
    assert h.response_for == (
        edxml.ResponseFor(
            organ_id="000.00.00.H26", code="15/CT-TU", promulgation_date=dt.date(2026, 1, 12)
        ),
    )
    assert [t.organ_id for t in pkg.traces] == ["000.01.00.H26", "000.00.00.H26"]
    assert pkg.business.staff_info == edxml.StaffInfo(department="N/A", staff="Phạm Minh Đức")
    (att,) = pkg.attachments
    # The manifest says cid:…, the attachment the bare id: the same attachment.
    assert att.content_id == "0f6c1e52-2d8e-4b0a-9a55-3a0c8d3b9e11"
    assert (att.attachment_name, att.description, att.data) == (
        "12-BC-QU.pdf",
        "File dinh kem 1",
        b"Bao cao so 12/BC-QU",
    )


def test_an_unnamespaced_recall_without_declaration_or_document_id() -> None:
    pkg = package("unnamespaced.edxml")
    h = pkg.header
    assert h.from_ == Organization(organ_id="000.00.00.H26", organ_name="Thành ủy Hà Nội")
    assert [o.organ_name for o in h.to] == [
        "Quận ủy Hoàng Mai",
        "Quận ủy Thanh Xuân",
        "Quận ủy Hà Đông",
    ]
    assert h.subject == "V/v chuẩn bị hội nghị sơ kết"
    assert pkg.document_id == "000.00.00.H26,2026/02/27,204/CV/TU"  # derived
    assert h.other_info.priority is Priority.HOA_TOC_HEN_GIO
    assert h.other_info.priority.urgency == "hoa_toc"
    assert pkg.business.bussiness_doc_type is BussinessDocType.RECALL
    assert pkg.business.bussiness_doc_reason == "Thu hồi do ban hành nhầm đối tượng"
    assert pkg.attachments == ()


def test_vendor_extensions_are_ignored_and_a_replacement_is_read_in_full() -> None:
    pkg = package("vendor_extensions.edxml")
    h = pkg.header
    assert h.subject == 'Kế hoạch tổ chức "Ngày hội Đại đoàn kết" <năm 2026>'
    assert h.content == "Thay thế Kế hoạch số 28-KH/TU ngày 02/3/2026."
    assert h.code == edxml.Code("31", "KH/TU")
    assert h.from_ == Organization(organ_id="000.00.00.H26", organ_name="Thành ủy Hà Nội")
    b = pkg.business
    assert b.bussiness_doc_type is BussinessDocType.REPLACE
    assert b.document_id == "000.00.00.H26,2026/03/02,28/KH/TU"
    assert b.replacement_info_list == (
        edxml.ReplacementInfo(
            document_id="000.00.00.H26,2026/03/02,28/KH/TU",
            organ_id_list=("000.01.00.H26", "000.02.00.H26"),
        ),
    )
    assert b.bussiness_document_info == edxml.BussinessDocumentInfo(
        document_info="1",
        document_receiver="0",
        receiver_list=(edxml.Receiver("1", "000.01.00.H26"),),
    )
    assert b.paper == 1
    (att,) = pkg.attachments
    # Name, type and description come from the manifest when the attachment lacks them.
    assert (att.content_id, att.attachment_name, att.content_type, att.description) == (
        "ke-hoach-31@hanoi.dcs.vn",
        "31-KH-TU.zip",
        "application/zip",
        "Kế hoạch (bản scan, nén)",
    )
    assert att.data == b"PK\x03\x04 zipped scan"


def test_a_minimal_status_message() -> None:
    msg = status("status_minimal.edxml")
    assert msg == StatusMessage(
        response_for=edxml.ResponseFor(
            organ_id="000.00.00.H26", code="204/CV/TU", promulgation_date=dt.date(2026, 2, 27)
        ),
        from_=Organization(organ_id="000.12.00.H26"),
        status_code=StatusCode.ARRIVED,  # sent as "1"
        timestamp=dt.datetime(2026, 2, 27, 10, 2, 13, tzinfo=VN),
    )
    assert msg.response_for.document_id == "000.00.00.H26,2026/02/27,204/CV/TU"


def test_the_bkav_status_shape() -> None:
    msg = status("status_bkav.edxml")
    assert msg.status_code is StatusCode.ACCEPTED
    assert msg.from_.organ_add == "Số 03, đường Trường Thi, Thành phố Vinh, Tỉnh Nghệ An, Việt Nam"
    assert msg.staff_info == edxml.StaffInfo(
        department="Văn thư văn phòng",
        staff="Nguyễn Thị Ngọc Trâm",
        mobile="84912000001",
        email="vanthuvanphong@gov.vn",
    )
    assert msg.description.endswith("vào sổ đến số 1532")
    assert msg.response_for.document_id == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"


def test_a_dotnet_status_in_a_status_element_declared_utf16_but_sent_as_utf8() -> None:
    msg = status("status_in_status_element.edxml")
    assert msg.status_code is StatusCode.REFUSED
    assert msg.description == "Trả lại: văn bản thiếu chữ ký số của cơ quan"
    assert msg.from_ == Organization(organ_id="000.30.00.H26", organ_name="Thị ủy Sơn Tây")


def test_decode_tells_packages_from_status_messages_by_content() -> None:
    assert isinstance(edxml.decode((SAMPLES / "unnamespaced.edxml").read_bytes()), Package)
    assert isinstance(edxml.decode((SAMPLES / "status_bkav.edxml").read_bytes()), StatusMessage)
    with pytest.raises(EdxmlError, match="this is a status message, not a document package"):
        package("status_bkav.edxml")
    with pytest.raises(EdxmlError, match="MessageHeader/StatusCode: missing: this is a document"):
        status("unnamespaced.edxml")


def test_samples_survive_a_trip_through_vanphong() -> None:
    for name in ("vpcp_prefixed", "lgsp_default_ns", "unnamespaced", "vendor_extensions"):
        pkg = package(f"{name}.edxml")
        assert edxml.decode_package(edxml.encode_package(pkg)) == pkg
    for name in ("status_minimal", "status_bkav", "status_in_status_element"):
        msg = status(f"{name}.edxml")
        assert edxml.decode_status(edxml.encode_status(msg)) == msg


def test_every_broken_sample_states_its_expectation() -> None:
    assert len(BROKEN) >= 30
    for path in BROKEN:
        assert EXPECT.search(path.read_bytes()[:400]), path.name


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_samples_are_refused_with_path_and_reason(path: Path) -> None:
    data = path.read_bytes()
    match = EXPECT.search(data[:400])
    assert match is not None
    with pytest.raises(EdxmlError) as caught:
        edxml.decode(data)
    assert caught.value.path == match["path"].decode()
    assert match["reason"].decode() in caught.value.reason, caught.value.reason
