"""The pure rules of outgoing documents: the date line, the place, the authority, review
rounds, recipients typed in a line."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanphong.outgoing.rules import (
    RecipientKind,
    RecipientSpec,
    RecipientSyntaxError,
    Step,
    StepState,
    authority_code,
    parse_recipients,
    place_from_address,
    round_outcome,
)
from vanphong.registers.symbols import date_text

W, P, A = StepState.WAITING, StepState.PENDING, StepState.APPROVED


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 3, 12), "Hà Nội, ngày 12 tháng 3 năm 2026"),
        (dt.date(2026, 2, 5), "Hà Nội, ngày 05 tháng 02 năm 2026"),
        (dt.date(2026, 1, 31), "Hà Nội, ngày 31 tháng 01 năm 2026"),
        (dt.date(2026, 12, 9), "Hà Nội, ngày 09 tháng 12 năm 2026"),
    ],
)
def test_the_date_line_follows_the_regulations(day, text):
    assert date_text("Hà Nội", day) == text


def test_without_a_place_the_date_line_starts_with_a_capital():
    assert date_text("", dt.date(2026, 3, 12)) == "Ngày 12 tháng 3 năm 2026"


@given(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_every_date_line_names_its_day_month_and_year(day):
    text = date_text("Hà Nội", day)
    assert text.endswith(f"năm {day.year}")
    assert f"ngày {day.day:02d} " in text or f"ngày {day.day} " in text


@pytest.mark.parametrize(
    ("address", "place"),
    [
        ("Số 2 Lê Lai, Hoàn Kiếm, Hà Nội", "Hà Nội"),
        ("12 Lý Thường Kiệt, TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("Phường Sơn Lộc, thị xã Sơn Tây, Thành phố Hà Nội", "Hà Nội"),
        ("Tỉnh Bắc Ninh", "Bắc Ninh"),
        ("", ""),
        (" , ", ""),
    ],
)
def test_the_place_is_the_last_part_of_the_address(address, place):
    assert place_from_address(address) == place


@pytest.mark.parametrize(
    ("printed", "system", "code"),
    [
        ("T/M BAN THƯỜNG VỤ", "party", "T/M"),
        ("TM. BAN THƯỜNG VỤ", "party", "T/M"),
        ("K/T BÍ THƯ", "party", "K/T"),
        ("KT. CHỦ TỊCH", "state", "KT."),
        ("TM. ỦY BAN NHÂN DÂN", "state", "TM."),
        ("TL. CHỦ TỊCH", "state", "TL."),
        ("Q. CHỦ TỊCH", "state", "Q."),
        ("TUQ. CHỦ TỊCH", "state", "TUQ."),
        ("CHỦ TỊCH", "state", ""),
        ("", "party", ""),
    ],
)
def test_the_authority_code_is_read_from_the_printed_line(printed, system, code):
    assert authority_code(printed, system) == code


def test_a_sequential_round_passes_the_draft_on_in_order():
    assert round_outcome([Step(1, 1, A), Step(2, 2, W), Step(3, 3, W)]).promote == 2
    assert round_outcome([Step(1, 1, A), Step(4, 1, P), Step(2, 2, W)]).promote is None
    finished = round_outcome([Step(1, 1, A), Step(2, 2, A)])
    assert (finished.approved, finished.promote) == (True, None)


def test_a_parallel_round_ends_when_nobody_has_the_draft_in_hand():
    assert not round_outcome([Step(1, 1, A), Step(2, 2, P)]).approved
    assert round_outcome([Step(1, 1, A), Step(2, 2, StepState.FORWARDED), Step(3, 2, A)]).approved


def test_recipients_typed_in_one_line():
    assert parse_recipients(
        "badinh, hoankiem,badinh ,, group:12, organ:000.00.00.G01=VPCP, email:Van.Thu@Example.vn"
    ) == [
        RecipientSpec(RecipientKind.UNIT, "badinh"),
        RecipientSpec(RecipientKind.UNIT, "hoankiem"),
        RecipientSpec(RecipientKind.GROUP, "12"),
        RecipientSpec(RecipientKind.ORGAN, "000.00.00.G01", "VPCP"),
        RecipientSpec(RecipientKind.EMAIL, "van.thu@example.vn"),
    ]
    assert parse_recipients(["badinh", "unit:hoankiem"]) == [
        RecipientSpec(RecipientKind.UNIT, "badinh"),
        RecipientSpec(RecipientKind.UNIT, "hoankiem"),
    ]
    for wrong in ("fax:024", "group:abc", "email:"):
        with pytest.raises(RecipientSyntaxError):
            parse_recipients(wrong)
