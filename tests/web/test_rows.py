"""A list's row values (``web.rows``) are what the template tags and filters they stand for
write."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.template import engines
from django.urls import reverse
from django.utils.translation import override

from vanphong.web.rows import clipped, link_for_each, short_date

SUBJECT = (
    "Về việc tăng cường công tác kiểm tra, giám sát việc thực hiện Chỉ thị số 15-CT/TU của "
    "Ban Thường vụ Thành ủy về đẩy mạnh cải cách hành chính trong các cơ quan Đảng, chính quyền"
)


def _template(source: str, **context: object) -> str:
    return (
        engines["django"]
        .from_string(f"{{% autoescape off %}}{source}{{% endautoescape %}}")
        .render(context)
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Ngắn",
        "x" * 140,
        "x" * 141,
        SUBJECT,
        SUBJECT[:139] + ' <b> & "',
        # Decomposed (NFD), as some PDF tools write: longer in code points than in letters.
        unicodedata.normalize("NFD", SUBJECT[:130]),
        unicodedata.normalize("NFD", SUBJECT),
    ],
)
@pytest.mark.parametrize("length", [1, 20, 140])
def test_clipped_is_truncatechars(text, length):
    assert clipped(text, length) == _template("{{ t|truncatechars:n }}", t=text, n=length)


def test_clipped_cuts_a_long_subject_with_an_ellipsis():
    assert clipped(SUBJECT, 140) == SUBJECT[:139] + "…"
    assert clipped(SUBJECT[:140], 140) == SUBJECT[:140]


@pytest.mark.parametrize(
    "value",
    [
        # 01:30 on 2 March in Hà Nội: the list shows the local day, not UTC's.
        dt.datetime(2025, 3, 1, 18, 30, tzinfo=dt.UTC),
        dt.datetime(2025, 12, 31, 16, 59, tzinfo=dt.UTC),
        dt.date(2026, 1, 9),
        None,
    ],
)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_short_date_is_the_date_filter(value, language):
    with override(language):
        assert short_date(value) == _template('{{ v|date:"SHORT_DATE_FORMAT" }}', v=value)


def test_short_date_shows_the_local_day():
    with override("vi"):
        assert short_date(dt.datetime(2025, 3, 1, 18, 30, tzinfo=dt.UTC)) == "02/03/2025"


@pytest.mark.parametrize("viewname", ["incoming:detail", "work:assignment", "outgoing:detail"])
def test_link_for_each_is_reverse(viewname):
    link = link_for_each(viewname)
    for pk in (1, 7, 40312, 10**12):
        assert link(pk) == reverse(viewname, args=[pk])
