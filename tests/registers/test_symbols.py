"""Symbols of outgoing documents: formats of both systems, parsing, and the round trip with
the metadata extraction of incoming documents (what one office issues, another reads)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanphong.documents.doctypes import DOCUMENT_TYPES
from vanphong.documents.extract import extract
from vanphong.registers.symbols import (
    Symbol,
    SymbolError,
    System,
    doctype_of,
    format_number,
    numbering_period,
    parse_symbol,
    party_symbol,
    state_symbol,
)

PARTY_TYPES = [t for t in DOCUMENT_TYPES if t.party and t.party_abbr]
STATE_TYPES = [t for t in DOCUMENT_TYPES if t.state and t.state_abbr]
ISSUERS = st.sampled_from(["TU", "HU", "QU", "ĐU", "UBKTTU", "BTCTU", "VPTU"])
STATE_ISSUERS = st.sampled_from(["UBND", "BTC", "SNV", "VPCP", "BNV", "SGDĐT"])


def test_the_two_systems_as_printed():
    assert party_symbol(15, "CT", "TU").display == "Số 15-CT/TU"
    assert party_symbol(3, "CV", "TU").display == "Số 03-CV/TU"
    assert state_symbol(123, "QD", "UBND").display == "Số: 123/QĐ-UBND"
    assert state_symbol(45, "CV", "UBND", drafting_unit="VP").display == "Số: 45/UBND-VP"
    assert state_symbol(7, "TTR", "UBND").text == "07/TTr-UBND"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: party_symbol(0, "CT", "TU"), "start at 1"),
        (lambda: party_symbol(1, "HOPDONG", "TU"), "not a Party document type"),
        (lambda: party_symbol(1, "GM", "TU"), "no Party abbreviation"),
        (lambda: state_symbol(1, "KL", "UBND"), "not a state document type"),
        (lambda: state_symbol(1, "XYZ", "UBND"), "unknown document type"),
        (lambda: party_symbol(1, "CT", "tu uy"), "issuer code"),
    ],
)
def test_impossible_symbols_are_refused(call, message):
    with pytest.raises(SymbolError, match=message):
        call()


def test_numbering_periods():
    assert numbering_period(System.PARTY, doctype="CT", year=2026, term="2025-2030") == (
        "2025-2030/CT"
    )
    assert numbering_period(System.STATE, doctype="QD", year=2026) == "2026"
    with pytest.raises(SymbolError):
        numbering_period(System.PARTY, doctype="CT", year=2026)


@given(st.integers(1, 9999), st.sampled_from(PARTY_TYPES), ISSUERS)
def test_party_symbols_round_trip(number, doctype, issuer):
    symbol = party_symbol(number, doctype, issuer)
    assert parse_symbol(symbol.display) == symbol
    assert parse_symbol(symbol.text) == symbol
    assert doctype_of(symbol) == doctype


@given(st.integers(1, 9999), st.sampled_from(STATE_TYPES), STATE_ISSUERS)
def test_state_symbols_round_trip(number, doctype, issuer):
    symbol = state_symbol(number, doctype, issuer)
    assert parse_symbol(symbol.display) == symbol
    assert doctype_of(symbol).state_abbr == doctype.state_abbr


@given(st.integers(1, 9999), STATE_ISSUERS, st.sampled_from(["VP", "TH", "KT", "NC"]))
def test_state_cong_van_round_trips_as_a_cong_van(number, issuer, drafting):
    symbol = state_symbol(number, "CV", issuer, drafting_unit=drafting)
    assert parse_symbol(symbol.display) == symbol
    assert doctype_of(symbol).code == "CV"


def test_parsing_forgives_spaces_and_refuses_what_is_no_symbol():
    assert parse_symbol("Số:  45 / UBND - VP") == Symbol(45, "UBND-VP", System.STATE)
    for text in ("", "Số", "CT/TU", "Số 0-CT/TU", "abc-CT/TU"):
        with pytest.raises(SymbolError):
            parse_symbol(text)


def test_numbers_under_ten_have_a_leading_zero():
    assert [format_number(n) for n in (1, 9, 10, 123)] == ["01", "09", "10", "123"]


def _party_header(symbol: Symbol, day: dt.date) -> str:
    return "\n".join(
        [
            "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
            "THÀNH ỦY HÀ NỘI",
            symbol.display,
            "*",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            f"Hà Nội, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}",
            doctype_of(symbol).name.upper(),
            "về công tác tham mưu",
        ]
    )


def _state_header(symbol: Symbol, day: dt.date) -> str:
    return "\n".join(
        [
            "ỦY BAN NHÂN DÂN",
            "THÀNH PHỐ HÀ NỘI",
            symbol.display,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            f"Hà Nội, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}",
            doctype_of(symbol).name.upper(),
            "Về việc triển khai nhiệm vụ",
        ]
    )


DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))


@given(
    st.integers(1, 999),
    st.sampled_from([t for t in PARTY_TYPES if t.code != "CV"]),
    st.sampled_from(["TU", "HU", "QU"]),
    DAYS,
)
def test_what_one_office_numbers_another_reads_back_party(number, doctype, issuer, day):
    symbol = party_symbol(number, doctype, issuer)
    proposal = extract(_party_header(symbol, day))
    assert (proposal.symbol, proposal.number, proposal.notation) == (
        symbol.text,
        symbol.number_text,
        symbol.notation,
    )
    assert proposal.issued_date == day


@given(
    st.integers(1, 999),
    st.sampled_from(
        [t for t in STATE_TYPES if t.code in {"QD", "CT", "TB", "KH", "BC", "TTR", "HD", "QC"}]
    ),
    st.sampled_from(["UBND", "SNV"]),
    DAYS,
)
def test_what_one_office_numbers_another_reads_back_state(number, doctype, issuer, day):
    symbol = state_symbol(number, doctype, issuer)
    proposal = extract(_state_header(symbol, day))
    assert (proposal.symbol, proposal.number, proposal.notation) == (
        symbol.text,
        symbol.number_text,
        symbol.notation,
    )
    assert proposal.issued_date == day
