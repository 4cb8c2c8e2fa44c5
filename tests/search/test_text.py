"""The index's text rules and query language, without a database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanphong.core.text import fold
from vanphong.search.query import QueryError, parse, to_fts5, to_tsquery
from vanphong.search.text import fold_keep, highlight, nfc, symbol_key, words


@given(st.text())
def test_folding_keeps_every_character_in_its_place(text):
    text = nfc(text)
    assert len(fold_keep(text)) == len(text)


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠĐỨỪỬỮỰ áàảãạếềểễệộ-/.,"))
def test_folding_finds_the_same_words_as_the_product_wide_fold(text):
    assert (
        words(text)
        == fold(text.replace("-", " ").replace("/", " "))
        .replace(".", " ")
        .replace(",", " ")
        .split()
    )


def test_vietnamese_folds_to_plain_words_including_d():
    assert words("Đảng ủy THAM MƯU giỏi, đôn đốc!") == [
        "dang",
        "uy",
        "tham",
        "muu",
        "gioi",
        "don",
        "doc",
    ]
    # Stacked marks (ấ, ộ, ứ) fold too; punctuation separates words.
    assert fold_keep("Ấn-Độ/Ứng") == "an do ung"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("15-CT/TU", "/15/ct/tu/"),
        ("Số 15-CT/TU", "/15/ct/tu/"),
        ("Số: 123/QĐ-UBND", "/123/qd/ubnd/"),
        ("45/UBND-VP", "/45/ubnd/vp/"),
        ("", ""),
    ],
)
def test_symbol_keys(typed, key):
    assert symbol_key(typed) == key


def test_symbol_forms_are_runs_of_the_symbol_key():
    key = symbol_key("15-CT/TU")
    for typed in ("15-CT/TU", "15/CT", "CT/TU", "15-ct/tu"):
        assert symbol_key(typed) in key
    assert symbol_key("5/CT") not in key
    assert symbol_key("15/TU") not in key


def test_the_query_language():
    query = parse('tham mưu "Đảng ủy quận" muu* 15-CT/TU')
    assert [(p.words, p.prefix, p.symbol) for p in query.parts] == [
        (("tham",), False, ""),
        (("muu",), False, ""),
        (("dang", "uy", "quan"), False, ""),
        (("muu",), True, ""),
        (("15", "ct", "tu"), False, "/15/ct/tu/"),
    ]
    assert to_fts5(query) == '"tham" AND "muu" AND "dang uy quan" AND "muu" * AND "15 ct tu"'
    assert to_tsquery(query) == (
        "'tham' & 'muu' & ('dang' <-> 'uy' <-> 'quan') & 'muu':* & ('15' <-> 'ct' <-> 'tu')"
    )


def test_as_you_type_the_last_word_is_a_prefix():
    assert parse("tham mu", prefix_last=True).parts[-1].prefix
    assert not parse("tham mu").parts[-1].prefix
    # One letter would match half the archive: it stays a word.
    assert not parse("tham m", prefix_last=True).parts[-1].prefix
    # A symbol typed in full is not a prefix.
    assert not parse("15/CT", prefix_last=True).parts[-1].prefix


def test_a_hyphenated_word_is_a_phrase_and_a_number_range_is_no_symbol():
    assert parse("kinh-tế").parts[0].words == ("kinh", "te")
    assert parse("2020-2025").parts[0].symbol == ""
    assert parse("QĐ-UBND").parts[0].symbol == ""
    assert parse("123/QĐ-UBND").parts[0].symbol == "/123/qd/ubnd/"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "empty_query"),
        ("   ", "empty_query"),
        ('"" !!! ---', "empty_query"),
        ("x" * 201, "query_too_long"),
        (" ".join(["từ"] * 17), "query_too_long"),
        ("t*", "prefix_too_short"),
    ],
)
def test_queries_that_cannot_be_searched(typed, code):
    with pytest.raises(QueryError) as error:
        parse(typed)
    assert error.value.code == code


def test_quotes_and_odd_characters_cannot_break_out_of_the_match_expressions():
    query = parse('"abc OR def" NEAR( \' ; -- :* & | !')
    assert to_fts5(query) == '"abc or def" AND "near"'
    assert to_tsquery(query) == "('abc' <-> 'or' <-> 'def') & 'near'"


def test_highlight_marks_the_accented_original_and_escapes_html():
    original = "Về <b>tham mưu</b> của Đảng ủy & tham mưu giỏi"
    html = highlight(original, fold_keep(original), whole={"tham", "muu"}, prefixes={"da"})
    assert html == (
        "Về &lt;b&gt;<mark>tham</mark> <mark>mưu</mark>&lt;/b&gt; của <mark>Đảng</mark> ủy "
        "&amp; <mark>tham</mark> <mark>mưu</mark> giỏi"
    )


def test_highlight_drops_words_cut_by_the_window():
    original = "ông tác tham mưu của văn phò"
    html = highlight(
        original,
        fold_keep(original),
        whole={"muu"},
        prefixes=set(),
        clipped_start=True,
        clipped_end=True,
    )
    assert html == "…tác tham <mark>mưu</mark> của văn…"
