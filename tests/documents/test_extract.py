"""Metadata extraction from a first page: one field at a time, then round trips."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.documents.make_corpus import Doc, render_typed, unaccent
from vanphong.core.text import fold
from vanphong.documents import doctypes
from vanphong.documents.extract import (
    Proposal,
    extract,
    readable_name,
    readable_position,
    symbol_parts,
)

PARTY_HEADER = """ĐẢNG BỘ THÀNH PHỐ HÀ NỘI    ĐẢNG CỘNG SẢN VIỆT NAM
QUẬN ỦY BA ĐÌNH
*    Hà Nội, ngày 12 tháng 3 năm 2016
Số 15-CT/QU

CHỈ THỊ
về tăng cường công tác phòng cháy, chữa cháy
trên địa bàn quận
-----
Thời gian qua, công tác phòng cháy, chữa cháy trên địa bàn quận đã có chuyển biến tích cực.
"""

STATE_CV = """ỦY BAN NHÂN DÂN
QUẬN BA ĐÌNH
-------
Số: 45/UBND-VP
V/v tăng cường công tác quản lý
trật tự xây dựng trên địa bàn quận
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Ba Đình, ngày 08 tháng 02 năm 2017

Kính gửi: UBND các phường.
UBND quận yêu cầu các phường báo cáo kết quả về UBND quận trước ngày 28/02/2017.

Nơi nhận:                      KT. CHỦ TỊCH
- Như trên;                    PHÓ CHỦ TỊCH
- Lưu: VT, VP.
                               Nguyễn Quang Huy
"""


def page(header: str, *, symbol: str = "Số: 12/QĐ-UBND", date: str = "") -> str:
    """A minimal state page around ``header`` lines."""
    date = date or "Hà Nội, ngày 05 tháng 01 năm 2017"
    return (
        f"{header}\n-------\n{symbol}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        f"Độc lập - Tự do - Hạnh phúc\n{date}\n\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n"
    )


# --- symbol, number, notation --------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "symbol", "number", "notation"),
    [
        ("Số 15-CT/TU", "15-CT/TU", "15", "CT/TU"),
        ("Số: 123/QĐ-UBND", "123/QĐ-UBND", "123", "QĐ-UBND"),
        ("Số: 45/UBND-VP", "45/UBND-VP", "45", "UBND-VP"),
        ("Số 123-CV/TU", "123-CV/TU", "123", "CV/TU"),
        ("Số: 01/2016/TT-BTC", "01/2016/TT-BTC", "01", "2016/TT-BTC"),
        ("Số: 05/QĐ-UBND", "05/QĐ-UBND", "05", "QĐ-UBND"),  # leading zero kept as printed
        ("So: 123/QD-UBND", "123/QĐ-UBND", "123", "QĐ-UBND"),  # unaccented: Đ printed back
        ("S6: 123/QĐ-UBND", "123/QĐ-UBND", "123", "QĐ-UBND"),  # OCR: S6 for Số
        ("Sô 15 - CT / TU", "15-CT/TU", "15", "CT/TU"),  # OCR: stray spaces
        ("Số: O5/QĐ-UBND", "05/QĐ-UBND", "05", "QĐ-UBND"),  # OCR: letter O for zero
        ("Số: 12/QÐ-UBND", "12/QĐ-UBND", "12", "QĐ-UBND"),  # OCR: eth for Đ
        ("Số 03-NQ/ĐÐU", "03-NQ/ĐU", "03", "NQ/ĐU"),  # OCR: Đ twice
        ("Số:   17 / BC - UBND", "17/BC-UBND", "17", "BC-UBND"),  # hand-filled number
        ("Số 05-QĐi/TW", "05-QĐi/TW", "05", "QĐi/TW"),
    ],
)
def test_symbol(line: str, symbol: str, number: str, notation: str) -> None:
    proposal = extract(f"THÀNH ỦY HÀ NỘI\n*\n{line}\n")
    assert (proposal.symbol, proposal.number, proposal.notation) == (symbol, number, notation)


def test_symbol_on_the_date_row_stops_before_the_place() -> None:
    text = "BỘ NỘI VỤ\nSố: 2553/BNV-TCBC    Hà Nội, ngày 07 tháng 6 năm 2016\n"
    assert extract(text).symbol == "2553/BNV-TCBC"


def test_lower_case_so_in_a_sentence_is_not_the_symbol() -> None:
    text = "Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, các cấp ủy cần quán triệt.\n"
    assert extract(text).symbol is None


def test_symbol_parts() -> None:
    assert symbol_parts("15-CT/TU") == ("15", "CT/TU")
    assert symbol_parts("123/QĐ-UBND") == ("123", "QĐ-UBND")
    assert symbol_parts("01/2016/TT-BTC") == ("01", "2016/TT-BTC")
    assert symbol_parts(" 17 / BC-UBND ") == ("17", "BC-UBND")
    with pytest.raises(ValueError, match="not a document symbol"):
        symbol_parts("CT/TU")


# --- date and place ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected", "place"),
    [
        ("Hà Nội, ngày 12 tháng 3 năm 2016", dt.date(2016, 3, 12), "Hà Nội"),
        ("Ba Đình, ngày 05 tháng 01 năm 2017", dt.date(2017, 1, 5), "Ba Đình"),
        ("Ha Noi, ngay 12 thang 3 nam 2016", dt.date(2016, 3, 12), "Ha Noi"),
        ("Hà Nội, ngảy 12 thảng 3 năm 2016", dt.date(2016, 3, 12), "Hà Nội"),
        ("Hà Nội, ngày12tháng3năm2016", dt.date(2016, 3, 12), "Hà Nội"),
        ("Hà Nội, ngày 1O tháng 5 năm 2016", dt.date(2016, 5, 10), "Hà Nội"),
        ("TP. Hồ Chí Minh, ngày 18 tháng 6 năm 2019", dt.date(2019, 6, 18), "TP. Hồ Chí Minh"),
        ("Ứng Hòa, ngày 9 tháng 1 năm 2017", dt.date(2017, 1, 9), "Ứng Hòa"),
    ],
)
def test_issued_date_and_place(line: str, expected: dt.date, place: str) -> None:
    proposal = extract(page("SỞ TÀI CHÍNH", date=line))
    assert proposal.issued_date == expected
    assert proposal.place == place


def test_date_broken_over_two_lines() -> None:
    text = "UBND XÃ TIÊN DƯƠNG\nSố: 17/BC-UBND\nTiên Dương, ngày 28 tháng 12\nnăm 2018\n"
    assert extract(text).issued_date == dt.date(2018, 12, 28)


def test_no_date_gives_none() -> None:
    proposal = extract(page("SỞ TÀI CHÍNH", date="Hà Nội, ngày    tháng    năm 2019"))
    assert proposal.issued_date is None
    assert proposal.place == "Hà Nội"  # the place is printed even when the date is blank


def test_an_impossible_date_is_not_proposed() -> None:
    assert (
        extract(page("SỞ TÀI CHÍNH", date="Hà Nội, ngày 31 tháng 02 năm 2016")).issued_date is None
    )


def test_a_cited_date_is_not_the_date_of_issue() -> None:
    text = (
        "BỘ TÀI CHÍNH\nSố: 01/2016/TT-BTC\n\nTHÔNG TƯ\nHướng dẫn quản lý kinh phí\n\n"
        "Căn cứ Luật Ngân sách nhà nước ngày 16 tháng 12 năm 2002;\n"
    )
    assert extract(text).issued_date is None


# --- issuer --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "issuer"),
    [
        ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nQUẬN ỦY BA ĐÌNH", "Quận ủy Ba Đình"),
        ("THÀNH ỦY HÀ NỘI\nBAN TỔ CHỨC", "Ban Tổ chức"),
        ("THÀNH ỦY HÀ NỘI", "Thành ủy Hà Nội"),
        ("ỦY BAN NHÂN DÂN\nQUẬN BA ĐÌNH", "Ủy ban nhân dân quận Ba Đình"),
        ("UBND THÀNH PHỐ HÀ NỘI\nSỞ TÀI CHÍNH", "Sở Tài chính"),
        ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
        ("ĐẢNG BỘ QUẬN BA ĐÌNH\nĐẢNG ỦY PHƯỜNG PHÚC XÁ", "Đảng ủy phường Phúc Xá"),
        ("DANG BO THANH PHO HA NOI\nHUYEN UY GIA LAM", "Huyen uy Gia Lam"),
        ("UBND THÀNH PHỐ HÀ NỘI\nSỞ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI", None),
    ],
)
def test_issuer(header: str, issuer: str | None) -> None:
    found = extract(page(header)).issuer
    if issuer is None:  # a name wrapped over two lines is joined
        assert found == "Sở Lao động - Thương binh và Xã hội"
    else:
        assert found == issuer


def test_issuer_when_the_columns_share_a_row() -> None:
    proposal = extract(PARTY_HEADER)
    assert proposal.issuer == "Quận ủy Ba Đình"


def test_issuer_when_the_right_column_comes_first() -> None:
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 03 tháng 4 năm 2017\nUBND THÀNH PHỐ HÀ NỘI\nSỞ TÀI CHÍNH\n-------\n"
        "Số: 87/KH-STC\n\nKẾ HOẠCH\nThanh tra việc quản lý ngân sách\n"
    )
    assert extract(text).issuer == "Sở Tài chính"


def test_ocr_noise_after_the_issuer_is_dropped() -> None:
    text = (
        "THÀNH ỦY HÀ NỘI ĐẢNG CỘNG SẢN VIỆT NAM\nBAN DÂN VẬN TK... nớợớẶĂc\n"
        "* Hà Nội, ngày 02 tháng 4 năm 2019\nSố 76-TB/BDVTU\n"
    )
    assert extract(text).issuer == "Ban Dân vận"


@pytest.mark.parametrize(
    ("printed", "readable"),
    [
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Ủy ban nhân dân thành phố Hà Nội"),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG", "Ban Chấp hành Trung ương"),
        ("ỦY BAN KIỂM TRA", "Ủy ban Kiểm tra"),
        ("CỤC THUẾ TP HÀ NỘI", "Cục Thuế TP Hà Nội"),
        ("ĐẢNG ỦY KHỐI DOANH NGHIỆP", "Đảng ủy Khối doanh nghiệp"),
        ("TỈNH ỦY BẮC NINH", "Tỉnh ủy Bắc Ninh"),
    ],
)
def test_readable_name(printed: str, readable: str) -> None:
    assert readable_name(printed) == readable


# --- type and subject ----------------------------------------------------------------------


def test_named_type_and_its_subject() -> None:
    proposal = extract(PARTY_HEADER)
    assert proposal.document_type == "CT"
    assert proposal.subject == "Về tăng cường công tác phòng cháy, chữa cháy trên địa bàn quận"


def test_cong_van_subject_is_the_vv_lines() -> None:
    proposal = extract(STATE_CV)
    assert proposal.document_type == "CV"
    assert proposal.subject == (
        "V/v tăng cường công tác quản lý trật tự xây dựng trên địa bàn quận"
    )


def test_type_from_the_symbol_when_no_title_is_printed() -> None:
    text = "SỞ TÀI CHÍNH\nSố: 87/KH-STC\nHà Nội, ngày 03 tháng 4 năm 2017\n"
    assert extract(text).document_type == "KH"


def test_vv_makes_a_cong_van_even_when_the_notation_starts_like_a_type() -> None:
    # Cục Thuế's công văn are numbered …/CT-TTHT: CT is the issuer, not Chỉ thị.
    text = "CỤC THUẾ TP HÀ NỘI\nSố: 45210/CT-TTHT\nV/v chính sách thuế\n\nKính gửi: Công ty A.\n"
    assert extract(text).document_type == "CV"


def test_a_subject_is_never_the_first_sentence_of_the_body() -> None:
    text = (
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nHUYỆN ỦY GIA LÂM\n*\n\nGIẤY MỜI\n"
        "Ban Thường vụ Huyện ủy trân trọng kính mời đồng chí dự Hội nghị sơ kết công tác\n"
        "xây dựng Đảng 6 tháng đầu năm 2016.\n"
    )
    proposal = extract(text)
    assert proposal.document_type == "GM"
    assert proposal.subject is None


def test_unaccented_title() -> None:
    text = "HUYEN UY QUOC OAI\nSo 58-KH/HU\n\nKE HOACH\nkiem tra cong tac chuan bi dai hoi\n-----\n"
    proposal = extract(text)
    assert proposal.document_type == "KH"
    assert proposal.subject == "Kiem tra cong tac chuan bi dai hoi"


# --- signature block -----------------------------------------------------------------------


def test_state_signature_row_merged() -> None:
    proposal = extract(STATE_CV)
    assert proposal.authority == "KT."
    assert proposal.signer_position == "Phó Chủ tịch"
    assert proposal.signer == "Nguyễn Quang Huy"


@pytest.mark.parametrize(
    ("block", "authority", "position", "signer"),
    [
        ("T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nĐỗ Thị Lan Anh", "T/M", "Bí thư", "Đỗ Thị Lan Anh"),
        ("TM BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nTrần Văn Khoa", "T/M", "Phó Bí thư", "Trần Văn Khoa"),
        (
            "T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n(Đã ký)\nMai Sơn",
            "T/L",
            "Chánh Văn phòng",
            "Mai Sơn",
        ),
        ("K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\nVu Minh Tuan", "K/T", "Phó Trưởng ban", "Vu Minh Tuan"),
    ],
)
def test_party_signature(block: str, authority: str, position: str, signer: str) -> None:
    text = PARTY_HEADER + "\nNơi nhận:\n- Như trên,\n- Lưu VP.\n\n" + block + "\n"
    proposal = extract(text)
    assert (proposal.authority, proposal.signer_position, proposal.signer) == (
        authority,
        position,
        signer,
    )


def test_acting_head_signs_with_q() -> None:
    text = page("ỦY BAN NHÂN DÂN\nHUYỆN MÊ LINH") + "\nQ. CHỦ TỊCH\n\nKiều Văn Thắng\n"
    proposal = extract(text)
    assert (proposal.authority, proposal.signer_position, proposal.signer) == (
        "Q.",
        "Chủ tịch",
        "Kiều Văn Thắng",
    )


def test_head_signing_without_authority() -> None:
    text = (
        page("UBND THÀNH PHỐ HÀ NỘI\nSỞ Y TẾ")
        + "\nNơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\n\nNguyễn Khắc Hiền\n"
    )
    proposal = extract(text)
    assert (proposal.authority, proposal.signer_position, proposal.signer) == (
        None,
        "Giám đốc",
        "Nguyễn Khắc Hiền",
    )


def test_no_signature_on_the_first_page() -> None:
    proposal = extract(PARTY_HEADER)
    assert (proposal.authority, proposal.signer_position, proposal.signer) == (None, None, None)


def test_readable_position() -> None:
    assert readable_position("PHÓ CHỦ TỊCH") == "Phó Chủ tịch"
    assert readable_position("PHÓ CHÁNH VĂN PHÒNG") == "Phó Chánh Văn phòng"
    assert readable_position("THỨ TRƯỞNG") == "Thứ trưởng"


# --- secrecy and urgency -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marks", "secrecy", "urgency"),
    [
        ("", "thuong", "thuong"),
        ("MẬT", "mat", "thuong"),
        ("TỐI MẬT", "toi_mat", "thuong"),
        ("TUYỆT MẬT\nHỎA TỐC", "tuyet_mat", "hoa_toc"),
        ("KHẨN", "thuong", "khan"),
        ("THƯỢNG KHẨN", "thuong", "thuong_khan"),
        ("HỎA TỐC HẸN GIỜ", "thuong", "hoa_toc"),
        ("MAT\nKHAN", "mat", "khan"),
    ],
)
def test_secrecy_and_urgency(marks: str, secrecy: str, urgency: str) -> None:
    text = f"BỘ NỘI VỤ\nSố: 2553/BNV-TCBC\n{marks}\nV/v báo cáo số lượng\n\nKính gửi: Các Bộ.\n"
    proposal = extract(text)
    assert (proposal.secrecy, proposal.urgency) == (secrecy, urgency)


def test_mat_tran_and_bi_mat_are_not_marks() -> None:
    text = (
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\nTHÀNH PHỐ HÀ NỘI\nSố: 12/KH-MTTQ\n\nKẾ HOẠCH\n"
        "bảo vệ bí mật nhà nước\n\nQUY CHẾ BẢO VỆ BÍ MẬT NHÀ NƯỚC\n"
    )
    assert extract(text).secrecy == "thuong"


def test_empty_page_proposes_nothing() -> None:
    assert extract("") == Proposal()
    assert extract("  \n \n") == Proposal()


def test_never_invents() -> None:
    proposal = extract("Trang này không có tiêu đề, số, ngày hay chữ ký nào cả.\n")
    assert proposal == Proposal(secrecy="thuong", urgency="thuong")


# --- deadline ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("báo cáo về UBND quận trước ngày 30/6/2016.", dt.date(2016, 6, 30)),
        ("hoàn thành trước ngày 15 tháng 7 năm 2016.", dt.date(2016, 7, 15)),
        ("báo cáo về Thường trực trước 17 giờ ngày 30/9/2016.", dt.date(2016, 9, 30)),
        ("gửi về Sở chậm nhất là ngày 25/5/2016.", dt.date(2016, 5, 25)),
        ("gửi về Văn phòng trước ngày 25/11.", dt.date(2016, 11, 25)),  # year of the document
        ("gửi về Văn phòng trước ngày 10/01.", dt.date(2017, 1, 10)),  # …or the next one
        ("bao cao ve So truoc ngay 30/6/2016.", dt.date(2016, 6, 30)),
        ("hồ sơ nộp trước ngày 01/01/2015 vẫn có giá trị.", None),  # before the document
        ("thực hiện trong thời hạn 10 ngày.", None),
    ],
)
def test_due_date(sentence: str, due: dt.date | None) -> None:
    text = page("SỞ TÀI CHÍNH", date="Hà Nội, ngày 05 tháng 5 năm 2016") + sentence + "\n"
    assert extract(text).due_date == due


# Nghị định 30/2020's abbreviations, as DOMAIN.md lists them.
STATE_ABBREVIATIONS = """
NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ BGN BTT GUQ GM GGT GNP PG PC PB
"""


# --- reference data ------------------------------------------------------------------------


def test_doctype_lookups() -> None:
    assert doctypes.by_abbr("QĐ").code == "QD"  # type: ignore[union-attr]
    assert doctypes.by_abbr("QD").code == "QD"  # type: ignore[union-attr]
    assert doctypes.by_abbr("QĐi").code == "QYD"  # type: ignore[union-attr]
    assert doctypes.by_abbr("QyĐ", system="state").code == "QYD"  # type: ignore[union-attr]
    assert doctypes.by_abbr("TT", system="party").code == "TTRI"  # type: ignore[union-attr]
    assert doctypes.by_abbr("TT", system="state").code == "TTU"  # type: ignore[union-attr]
    assert doctypes.by_abbr("ĐA").code == "DEAN"  # type: ignore[union-attr]
    assert doctypes.by_abbr("DA").code == "DUAN"  # type: ignore[union-attr]
    assert doctypes.by_abbr("XYZ") is None
    assert doctypes.by_name("CHỈ THỊ").code == "CT"  # type: ignore[union-attr]
    assert doctypes.by_name("chi thi").code == "CT"  # type: ignore[union-attr]
    assert doctypes.by_name("Công văn").code == "CV"  # type: ignore[union-attr]
    assert doctypes.by_code("ct").name == "Chỉ thị"  # type: ignore[union-attr]


def test_doctypes_are_well_formed() -> None:
    codes = [t.code for t in doctypes.DOCUMENT_TYPES]
    assert len(codes) == len(set(codes))
    assert all(set(c) <= set(string.ascii_uppercase) for c in codes)
    # Nghị định 30/2020: 29 types, 27 abbreviations; công văn and thư công have none.
    legal = {"LUAT", "ND", "TTU", "TTLT"}
    state = [t for t in doctypes.DOCUMENT_TYPES if t.state and t.code not in legal]
    assert len(state) == 29
    assert sorted(t.state_abbr for t in state if t.state_abbr) == sorted(
        STATE_ABBREVIATIONS.split()
    )
    unverified = {t.code for t in doctypes.DOCUMENT_TYPES if not t.verified}
    assert {"TTR", "TTRI"} <= unverified


# --- round trips ---------------------------------------------------------------------------

_PLACES = ["Hà Nội", "Ba Đình", "Gia Lâm", "Bắc Ninh", "Sơn Tây", "Hoàn Kiếm"]
_PARTY_ISSUERS = [
    (["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY BA ĐÌNH"], "Quận ủy Ba Đình"),
    (["THÀNH ỦY HÀ NỘI"], "Thành ủy Hà Nội"),
    (["THÀNH ỦY HÀ NỘI", "BAN TỔ CHỨC"], "Ban Tổ chức"),
    (["ĐẢNG BỘ HUYỆN GIA LÂM", "ĐẢNG ỦY XÃ KIM SƠN"], "Đảng ủy xã Kim Sơn"),
]
_STATE_ISSUERS = [
    (["ỦY BAN NHÂN DÂN", "QUẬN HOÀN KIẾM"], "Ủy ban nhân dân quận Hoàn Kiếm"),
    (["UBND THÀNH PHỐ HÀ NỘI", "SỞ NỘI VỤ"], "Sở Nội vụ"),
    (["BỘ TÀI CHÍNH"], "Bộ Tài chính"),
]
_CODES = st.text(alphabet=string.ascii_uppercase, min_size=2, max_size=6)


@st.composite
def documents(draw: st.DrawFn) -> tuple[Doc, str]:
    system = draw(st.sampled_from(["party", "state"]))
    attribute = f"{system}_abbr"
    named = [
        t
        for t in doctypes.DOCUMENT_TYPES
        if getattr(t, attribute) and t.code not in {"CV", "QYD"} and getattr(t, system)
    ]
    doc_type = draw(st.sampled_from([*named, doctypes.by_code("CV")]))
    assert doc_type is not None
    value = draw(st.integers(1, 9999))
    number = f"{value:02d}" if value < 10 else str(value)
    code = draw(_CODES)
    if system == "party":
        header, issuer = draw(st.sampled_from(_PARTY_ISSUERS))
        symbol = f"{number}-{doc_type.party_abbr}/{code}"
    else:
        header, issuer = draw(st.sampled_from(_STATE_ISSUERS))
        unit = draw(_CODES)
        if doc_type.code == "CV":
            symbol = f"{number}/{code}-{unit}"
        else:
            year = draw(st.sampled_from(["", "2016/", "2021/"]))
            symbol = f"{number}/{year}{doc_type.state_abbr}-{code}"
    date = draw(st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)))
    doc = Doc(
        slug="random",
        system=system,
        header=header,
        issuer=issuer,
        symbol=symbol,
        place=draw(st.sampled_from(_PLACES)),
        date=date,
        doc_type=doc_type.code,
        title=None if doc_type.code == "CV" else doc_type.name.upper(),
        subject=["V/v triển khai nhiệm vụ"] if doc_type.code == "CV" else ["về nhiệm vụ năm tới"],
        body=["Các đơn vị triển khai thực hiện nghiêm túc."],
        date_style=draw(st.sampled_from(["padded", "plain"])),
    )
    layout = draw(st.sampled_from(["left-first", "right-first", "rows", "padded"]))
    return doc, layout


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans())
def test_rendered_header_round_trip(generated: tuple[Doc, str], accented: bool) -> None:
    doc, layout = generated
    text = render_typed(doc, layout)
    if not accented:
        text = unaccent(text)
    proposal = extract(text)
    number, notation = symbol_parts(doc.symbol)
    assert fold(proposal.symbol or "") == fold(doc.symbol)
    assert proposal.number == number
    assert fold(proposal.notation or "") == fold(notation)
    assert proposal.issued_date == doc.date
    assert proposal.document_type == doc.doc_type
    assert fold(proposal.issuer or "") == fold(doc.issuer)
    assert fold(proposal.place or "") == fold(doc.place)
    if accented:
        assert proposal.symbol == doc.symbol
        assert proposal.issuer == doc.issuer


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_a_proposal(text: str) -> None:
    proposal = extract(text)
    assert isinstance(proposal, Proposal)
    if proposal.symbol is not None:
        assert symbol_parts(proposal.symbol)[0] == proposal.number


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Số",
                "ngày",
                "V/v",
                "T/M",
                "MẬT",
                "-",
                "/",
                "12",
                "QĐ",
                "UBND",
                "\n",
                " ",
                "CHỈ THỊ",
                "Hà Nội,",
                "năm 2016",
            ]
        ),
        max_size=60,
    )
)
def test_fragments_of_headers_never_break_extraction(parts: list[str]) -> None:
    assert isinstance(extract(" ".join(parts)), Proposal)
