"""The edXML codec: what is encoded decodes to the same package or status message."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.exchange import strategies as s
from vanphong.exchange import edxml
from vanphong.exchange.edxml import (
    Attachment,
    BussinessDocType,
    Code,
    DocumentType,
    EdxmlError,
    MessageHeader,
    Organization,
    Package,
    Priority,
    Promulgation,
    ResponseFor,
    StatusCode,
    StatusMessage,
)

HANOI = Organization(organ_id="000.00.00.H26", organ_name="Thành ủy Hà Nội")
BADINH = Organization(organ_id="000.01.00.H26", organ_name="Quận ủy Ba Đình")


def header(**changes: object) -> MessageHeader:
    fields: dict[str, object] = {
        "from_": HANOI,
        "to": (BADINH,),
        "code": Code("15", "CT/TU"),
        "promulgation_info": Promulgation("Hà Nội", dt.date(2026, 1, 12)),
        "document_type": DocumentType(type=1, type_name="Chỉ thị"),
        "subject": "Về tăng cường công tác bảo vệ chính trị nội bộ",
    }
    fields.update(changes)
    return MessageHeader(**fields)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(s.packages())
def test_packages_round_trip_with_every_field_in_vietnamese(pkg: Package) -> None:
    data = edxml.encode_package(pkg)
    assert edxml.decode_package(data) == pkg
    assert edxml.decode(data) == pkg
    # Encoding is deterministic: what was read writes back byte for byte.
    assert edxml.encode_package(edxml.decode_package(data)) == data


@pytest.mark.parametrize("kind", list(BussinessDocType))
@settings(max_examples=25, deadline=None)
@given(pkg=s.packages())
def test_recall_update_and_replace_packages_round_trip(
    kind: BussinessDocType, pkg: Package
) -> None:
    pkg = Package(
        header=pkg.header,
        traces=pkg.traces,
        business=edxml.Bussiness(
            bussiness_doc_type=kind,
            bussiness_doc_reason=pkg.business.bussiness_doc_reason or "Ban hành nhầm",
            bussiness_document_info=pkg.business.bussiness_document_info,
            document_id=pkg.business.document_id,
            staff_info=pkg.business.staff_info,
            replacement_info_list=pkg.business.replacement_info_list,
            paper=pkg.business.paper,
        ),
        attachments=pkg.attachments,
    )
    back = edxml.decode_package(edxml.encode_package(pkg))
    assert back == pkg
    assert back.business.bussiness_doc_type is kind


@pytest.mark.parametrize("code", list(StatusCode))
@settings(max_examples=20, deadline=None)
@given(msg=s.status_messages())
def test_status_messages_of_every_code_round_trip(code: StatusCode, msg: StatusMessage) -> None:
    msg = StatusMessage(
        response_for=msg.response_for,
        from_=msg.from_,
        staff_info=msg.staff_info,
        status_code=code,
        description=msg.description,
        timestamp=msg.timestamp,
    )
    data = edxml.encode_status(msg)
    assert edxml.decode_status(data) == msg
    assert edxml.decode(data) == msg
    assert edxml.encode_status(edxml.decode_status(data)) == data


@given(s.organ_ids, s.dates, s.vietnamese(max_words=1), s.vietnamese(max_words=2))
def test_document_id_parses_back_into_its_parts(
    organ_id: str, day: dt.date, number: str, notation: str
) -> None:
    number = edxml.Code(number.replace("/", "-"), notation).code_number  # canonical, no "/"
    notation = edxml.Code(number, notation).code_notation
    text = edxml.document_id(organ_id, day, number, notation)
    assert edxml.parse_document_id(text) == (organ_id, day, number, notation)


def test_document_id_is_sender_date_and_symbol() -> None:
    assert header().document_id == "000.00.00.H26,2026/01/12,15/CT/TU"
    # The number ends at the first slash: Party notations have one of their own.
    assert edxml.parse_document_id("000.00.00.H26,2026/01/12,15/CT/TU") == (
        "000.00.00.H26",
        dt.date(2026, 1, 12),
        "15",
        "CT/TU",
    )
    assert edxml.document_id("000.00.00.G22", dt.date(5, 3, 1), "01", "2016/TT-BTC") == (
        "000.00.00.G22,0005/03/01,01/2016/TT-BTC"
    )
    for bad in ("", "000.00.00.H26,12/01/2026,15/CT", "000.00.00.H26,2026/02/30,15/CT", "a,b"):
        with pytest.raises(ValueError, match="not a DocumentId"):
            edxml.parse_document_id(bad)


def test_response_for_refers_to_a_package_by_its_document_id() -> None:
    ref = ResponseFor.of(header())
    assert ref == ResponseFor(
        organ_id="000.00.00.H26", code="15/CT/TU", promulgation_date=dt.date(2026, 1, 12)
    )
    assert ref.document_id == header().document_id
    assert ResponseFor.from_document_id(header().document_id) == ref


def test_priorities_map_to_vanphong_urgency_codes() -> None:
    assert [p.urgency for p in Priority] == [
        "thuong",
        "khan",
        "thuong_khan",
        "hoa_toc",
        "hoa_toc",
    ]
    assert [p.label for p in Priority] == [
        "Thường",
        "Khẩn",
        "Thượng khẩn",
        "Hỏa tốc",
        "Hỏa tốc hẹn giờ",
    ]
    assert Priority.from_urgency("thuong_khan") is Priority.THUONG_KHAN
    assert Priority.from_urgency("hoa_toc") is Priority.HOA_TOC
    with pytest.raises(ValueError, match="unknown urgency"):
        Priority.from_urgency("gap")


def test_status_codes_and_business_types_have_vietnamese_labels() -> None:
    assert {c.value: c.label for c in StatusCode} == {
        "01": "Đã đến",
        "02": "Từ chối tiếp nhận",
        "03": "Đã tiếp nhận",
        "04": "Phân công",
        "05": "Đang xử lý",
        "06": "Hoàn thành",
        "13": "Yêu cầu lấy lại",
        "15": "Đồng ý lấy lại/cập nhật",
        "16": "Từ chối lấy lại/cập nhật",
    }
    assert [(t.value, t.label) for t in BussinessDocType] == [
        (0, "Văn bản mới"),
        (1, "Thu hồi"),
        (2, "Cập nhật"),
        (3, "Thay thế"),
    ]


def test_timestamps_travel_in_vietnam_time_to_the_second() -> None:
    utc = dt.datetime(2026, 3, 1, 23, 30, 15, 999_999, tzinfo=dt.UTC)
    trace = edxml.TraceHeader("000.00.00.H26", utc)
    assert trace.timestamp == utc.replace(microsecond=0)
    assert trace.timestamp.tzinfo == edxml.VIETNAM
    assert edxml.format_timestamp(utc) == "2026/03/02 06:30:15"
    with pytest.raises(ValueError, match="timezone-aware"):
        edxml.TraceHeader("000.00.00.H26", dt.datetime(2026, 3, 1, 8, 0))  # noqa: DTZ001


def test_text_is_stored_as_nfc_without_surrounding_space() -> None:
    decomposed = "  Thành ủy Hà Nội\n".encode().decode()
    org = Organization(organ_id=" 000.00.00.H26 ", organ_name="Tha\u0300nh u\u0309y  ")
    assert (org.organ_id, org.organ_name) == ("000.00.00.H26", "Thành ủy")
    assert Organization(organ_id="000.00.00.H26", organ_name=decomposed).organ_name == (
        "Thành ủy Hà Nội"
    )
    with pytest.raises(ValueError, match="organ_name: contains characters XML cannot carry"):
        Organization(organ_id="000.00.00.H26", organ_name="Thành ủy\x00")


def test_lists_are_accepted_and_kept_as_tuples() -> None:
    h = header(to=[BADINH, HANOI], to_places=["Như trên", "Lưu VP"])
    assert h.to == (BADINH, HANOI)
    assert h.to_places == ("Như trên", "Lưu VP")


def test_attachments_keep_content_ids_without_cid_and_their_bytes_out_of_repr() -> None:
    att = Attachment(content_id="<cid:abc@hanoi>", attachment_name="a.pdf", data=b"x" * 10**6)
    assert att.content_id == "abc@hanoi"
    assert len(repr(att)) < 200
    fresh = Attachment.new("Tờ trình.pdf", b"%PDF", content_type="application/pdf")
    assert len(fresh.content_id) == 36
    assert fresh != Attachment.new("Tờ trình.pdf", b"%PDF", content_type="application/pdf")


def test_document_type_finds_the_vanphong_type_by_name() -> None:
    doc_type = DocumentType(type=1, type_name="CÔNG VĂN")
    found = doc_type.doctype()
    assert found is not None
    assert found.code == "CV"
    assert DocumentType(type=1).doctype() is None


@pytest.mark.parametrize(
    ("pkg", "path", "reason"),
    [
        (
            Package(header=header(to=())),
            "edXML/edXMLEnvelope/edXMLHeader/MessageHeader/To",
            "missing",
        ),
        (
            Package(header=header(from_=Organization(organ_id="H26"))),
            "edXML/edXMLEnvelope/edXMLHeader/MessageHeader/From/OrganId",
            "invalid OrganId 'H26'",
        ),
        (
            Package(header=header(subject="   ")),
            "edXML/edXMLEnvelope/edXMLHeader/MessageHeader/Subject",
            "empty",
        ),
        (
            Package(
                header=header(),
                attachments=(
                    Attachment(content_id="a", attachment_name="a.pdf"),
                    Attachment(content_id="cid:a", attachment_name="b.pdf"),
                ),
            ),
            "edXML/AttachmentEncoded/Attachment[2]/ContentId",
            "duplicate content id 'a'",
        ),
        (
            Package(header=header(), traces=(edxml.TraceHeader("VPCP", dt.datetime.now(dt.UTC)),)),
            "edXML/edXMLEnvelope/edXMLHeader/TraceHeaderList/TraceHeader[1]/OrganId",
            "invalid OrganId 'VPCP'",
        ),
    ],
)
def test_packages_a_recipient_could_not_accept_are_not_encoded(
    pkg: Package, path: str, reason: str
) -> None:
    with pytest.raises(EdxmlError) as caught:
        edxml.encode_package(pkg)
    assert caught.value.path == path
    assert caught.value.reason.startswith(reason)
    assert str(caught.value) == f"{path}: {caught.value.reason}"


def test_a_status_for_a_malformed_organ_id_is_not_encoded() -> None:
    msg = StatusMessage(
        response_for=ResponseFor.of(header()),
        from_=Organization(organ_id="QU-BADINH"),
        status_code="03",  # type: ignore[arg-type]  # coerced, as from a form
        timestamp=dt.datetime.now(dt.UTC),
    )
    assert msg.status_code is StatusCode.ACCEPTED
    with pytest.raises(EdxmlError, match="MessageHeader/From/OrganId: invalid OrganId"):
        edxml.encode_status(msg)


@given(st.binary(max_size=300))
def test_arbitrary_bytes_are_refused_with_an_edxml_error_never_a_crash(data: bytes) -> None:
    with pytest.raises(EdxmlError):
        edxml.decode(data)
