"""The lists' text filter (``q`` of the incoming and outgoing lists) reads the search index's
titles: words as the search box takes them, with or without diacritics (search.lists)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.api.helpers import API, assert_json_error, bearer
from tests.incoming.test_views import client_for, get, vi
from tests.incoming.test_views_list import _older
from tests.work.helpers import receive, register
from vanphong.core import paging
from vanphong.incoming import views
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.services import incoming_correct
from vanphong.search import lists
from vanphong.search.models import SearchEntry
from vanphong.search.query import parse
from vanphong.search.services import index_documents

SUBJECTS = (
    "Về công tác tham mưu giỏi của Văn phòng",
    "Đảng ủy khối các cơ quan: tham mưu, tổng hợp",
    "Ủy ban kiểm tra Đảng về công tác tham mưu",
    "Báo cáo tình hình tháng 5",
)


@pytest.fixture
def filed(network, index_all):
    """Ba Đình's registered documents, one for each subject, indexed; a Hoàn Kiếm one too."""
    docs = [
        register(network, subject=subject, symbol=f"{i + 1}-BC/QU")
        for i, subject in enumerate(SUBJECTS)
    ]
    register(network, unit=network.hoankiem, clerk="vanthu.hoankiem", subject=SUBJECTS[0])
    index_all()
    return [d.pk for d in docs]


def _ids(node) -> list[int]:
    return [int(row.attrs["data-id"]) for row in node.find_all("tr", data_id=True)]


def _page(client, text: str):
    return get(client, f"/incoming/?{urlencode({'q': text})}")


def _listed(client, text: str) -> list[int]:
    return _ids(_page(client, text))


def _api(network, url: str, text: str, username: str = "vanthu.badinh", **params):
    auth = bearer(network.user(username))["Authorization"]
    return Client().get(url, {"q": text, **params}, HTTP_AUTHORIZATION=auth)


# What each text finds among SUBJECTS (their indexes), both ways of reading the list.
FOUND = [
    ("tham muu gioi", [0]),  # no diacritics
    ("Tham Mưu giỏi", [0]),  # any case
    ("dang uy", [2, 1]),  # đ folds to d; each word anywhere: "Ủy ban kiểm tra Đảng" too
    ('"dang uy"', [1]),  # a phrase: its words together, in order
    ('"kiem tra dang"', [2]),
    ('"dang kiem tra"', []),
    ("tham mu", [2, 1, 0]),  # the last word as a prefix, as one types
    ("cong tac tham muu", [2, 0]),  # every word, anywhere in the title
    ("3-BC", [2]),  # a symbol's words, in order
    ("BC/QU", [3, 2, 1, 0]),
    ("thang 5", [3]),
    ("thang 50", []),
    ("van ban khong co", []),
]


@pytest.mark.parametrize(("text", "found"), FOUND)
def test_words_with_or_without_diacritics_find_the_same_rows_every_way(
    network, filed, way, text, found
):
    client = client_for(network.user("vanthu.badinh"))
    expected = [filed[i] for i in found]
    assert _listed(client, text) == expected
    api = _api(network, f"{API}/incoming", text).json()
    assert [row["id"] for row in api["results"]] == expected


def test_how_many_titles_hold_the_words_chooses_how_the_list_is_narrowed(
    network, filed, monkeypatch
):
    # Up to LIST_RARE titles the list reads its rows by id; up to LIST_AMONG it walks its rows
    # and looks each one up among the ids; more, it tests each row's title.
    tham = parse("tham", prefix_last=True)  # three titles of Ba Đình, one of Hoàn Kiếm
    client = client_for(network.user("vanthu.badinh"))
    documents = {IncomingDocument.objects.get(pk=filed[i]).document_id for i in (0, 1, 2)}

    def narrowed() -> type | None:
        (condition,) = lists.Words("tham", kind="incoming").q("badinh").children
        return type(condition) if isinstance(condition, lists._AmongIds) else None

    monkeypatch.setattr(lists, "LIST_RARE", 4)
    monkeypatch.setattr(lists, "LIST_AMONG", 4)
    listed = lists._listed_ids(tham, "incoming", "badinh")
    assert set(listed) == documents  # Ba Đình's incoming titles, not Hoàn Kiếm's
    assert narrowed() is lists._AmongIds
    assert lists.Words("tham", kind="incoming").found("badinh") is None  # found as listed
    assert _listed(client, "tham") == filed[2::-1]
    monkeypatch.setattr(lists, "LIST_RARE", 2)
    assert lists._listed_ids(tham, "incoming", "badinh") == listed
    assert narrowed() is lists._WalkedAmong
    # Counted by the ids, in no order.
    (found,) = lists.Words("tham", kind="incoming").found("badinh").children
    assert type(found) is lists._AmongIds
    assert _listed(client, "tham") == filed[2::-1]
    # A list of several units takes LIST_RARE ids at most (Ba Đình's three and Hoàn Kiếm's).
    assert lists._listed_ids(tham, "incoming", None) is None
    monkeypatch.setattr(lists, "LIST_AMONG", 2)
    assert lists._listed_ids(tham, "incoming", "badinh") is None
    assert narrowed() is None
    assert lists.Words("tham", kind="incoming").found("badinh") is None  # no ids to count
    assert _listed(client, "tham") == filed[2::-1]


def test_a_list_narrowed_by_words_is_paged_and_counted_alike_every_way(
    network, filed, way, index_all, monkeypatch
):
    # A cap of 2 and 1 to a page stand for 1,000 and 50. Walked among the titles' ids, a
    # page is read in the list's order and its count found by the ids, in no order: the
    # count must still keep only what the person may see (a secret document, listed among
    # the titles' ids, is not the leader's).
    monkeypatch.setattr(paging, "COUNT_CAP", 2)
    monkeypatch.setattr(views, "PER_PAGE", 1)
    secret = register(network, subject="Báo cáo mật", symbol="9-BC/QU", secrecy="mat").pk
    index_all()
    more, exact = "Page %(number)s of more than %(total)s", "Page %(number)s of %(total)s"
    seen = {"vanthu.badinh": [secret, *filed[::-1]], "lanhdao.badinh": filed[::-1]}
    for username, expected in seen.items():
        # The clerk's list (what waits first, then the rest) and the leader's (by branch).
        client = client_for(network.user(username))
        listed, shown, url = [], [], "?" + urlencode({"q": "BC/QU", "page": 1})
        while url:
            node = get(client, f"/incoming/{url}")
            listed += _ids(node)
            text, url = _older(node)
            shown.append(text)
        assert listed == expected, username
        n = len(expected)
        assert shown == [
            *(vi(more, number=i, total=i + 1) for i in range(1, n - 1)),
            *(vi(exact, number=i, total=n) for i in (n - 1, n)),
        ], username
    for unit in ({}, {"unit": "badinh"}):  # the API's list of every unit, or of one
        for page, counted, rows in ((1, (2, True), filed[3:]), (3, (4, False), filed[1:2])):
            api = _api(
                network,
                f"{API}/incoming",
                "BC/QU",
                "lanhdao.badinh",
                page_size=1,
                page=page,
                **unit,
            ).json()
            assert (api["count"], api["count_is_lower_bound"]) == counted
            assert [row["id"] for row in api["results"]] == rows


def test_the_titles_are_found_by_the_lists_kind_and_unit_only_by_their_words(network, filed):
    # SQLite's table of titles holds each title's kind and unit in a column of their own
    # (migration search.0007), which words typed into the list never match.
    tham = parse("tham", prefix_last=True)
    hoankiem = IncomingDocument.objects.get(unit=network.hoankiem).document_id
    assert hoankiem not in lists._listed_ids(tham, "incoming", "badinh")
    assert hoankiem in lists._listed_ids(tham, "incoming", "hoankiem")
    assert lists._listed_ids(tham, "outgoing", "badinh") == []
    assert lists._listed_ids(tham, "incoming", "no-such-unit") == []
    client = client_for(network.user("vanthu.badinh"))
    for scope in ("incoming", f"u{network.badinh.pk}"):
        assert _listed(client, scope) == []
    # An entry moved to another unit is found there (SQLite: the table's trigger follows it).
    SearchEntry.objects.filter(pk=hoankiem).update(unit=network.badinh)
    assert hoankiem in lists._listed_ids(tham, "incoming", "badinh")


def test_words_analyze_finds_in_many_titles_are_not_looked_for_on_postgresql(
    network, filed, monkeypatch
):
    # Above LIST_COMMON titles by ANALYZE's statistics of the index of titles, PostgreSQL does
    # not build the index's bitmap of them: each row the list reads is tested.
    if connection.vendor != "postgresql":
        pytest.skip("FTS5 stops one past the most titles a list takes, however common the words")
    tham = parse("tham", prefix_last=True)  # in four titles of five
    monkeypatch.setattr(lists, "LIST_COMMON", 3)
    assert lists._listed_ids(tham, "incoming", "badinh") is not None  # no statistics yet
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    assert lists._listed_ids(tham, "incoming", "badinh") is None
    monkeypatch.setattr(lists, "LIST_COMMON", 5)
    assert len(lists._listed_ids(tham, "incoming", "badinh")) == 3
    assert _listed(client_for(network.user("vanthu.badinh")), "tham") == filed[2::-1]


def test_a_units_titles_are_found_in_the_index_of_its_own_words_on_postgresql(network, filed):
    # Migration search.0008 writes the expression of search.lists.SCOPED_TITLE again: were
    # they to differ, the index would never be read.
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's table of titles holds each title's kind and unit in a column")
    with CaptureQueriesContext(connection) as run:
        assert len(lists._listed_ids(parse('"dang uy"'), "incoming", "badinh")) == 1
    sql = run.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few rows: the index all the same
        cursor.execute(f"EXPLAIN {sql}")
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "search_entry_title_scoped" in plan
    assert "search_entry_title_words" not in plan


def test_a_prefix_is_looked_for_as_the_words_of_the_titles_it_begins_on_postgresql(
    network, filed, monkeypatch, index_all
):
    # The GIN index answers a prefix by collecting every title holding a word that begins with
    # it; the words it stands for (search_titleword, kept by the indexing) it answers as any.
    if connection.vendor != "postgresql":
        pytest.skip("FTS5's table of titles has an index of prefixes of its own")
    client = client_for(network.user("vanthu.badinh"))
    assert lists._completions(parse("tham mu", prefix_last=True)) == {"mu": ["muu"]}
    later = register(network, subject="Mười nhiệm vụ tham gia xây dựng Đảng")  # no "mưu"
    assert _listed(client, "tham mu") == filed[2::-1]  # not indexed yet
    index_all()
    assert lists._completions(parse("tham mu", prefix_last=True)) == {"mu": ["muoi", "muu"]}
    assert _listed(client, "tham mu") == [later.pk, *filed[2::-1]]
    assert _listed(client, "nhiem vu tham m") == []  # "m": one letter, a whole word
    # A prefix no word of any title begins with finds nothing, without the index of titles.
    assert lists._listed_ids(parse("tham xyz", prefix_last=True), "incoming", None) == []
    # A prefix that begins more words than are completed is looked for as a prefix.
    monkeypatch.setattr(lists, "COMPLETIONS", 1)
    assert lists._completions(parse("tham mu", prefix_last=True)) == {}
    assert _listed(client, "tham mu") == [later.pk, *filed[2::-1]]
    # What the index of titles finds, completed or not, is what each row's title holds.
    monkeypatch.setattr(lists, "LIST_RARE", -1)
    monkeypatch.setattr(lists, "LIST_AMONG", -1)
    assert _listed(client, "tham mu") == [later.pk, *filed[2::-1]]


def test_what_the_files_say_is_for_search_not_for_the_list(network, run_jobs):
    incoming = register(network, subject="Về công tác cán bộ")
    run_jobs()  # the files' text extracted ("Nội dung số …"), then indexed
    assert "noi dung" in SearchEntry.objects.get(pk=incoming.document_id).body_folded
    client = client_for(network.user("vanthu.badinh"))
    assert _listed(client, "noi dung") == []
    assert _listed(client, "can bo") == [incoming.pk]
    found = _api(network, f"{API}/search", "noi dung").json()
    assert [hit["id"] for hit in found["results"]] == [incoming.pk]


def test_a_document_is_found_once_indexed(network):
    incoming = register(network, subject="Về công tác tham mưu giỏi")
    client = client_for(network.user("vanthu.badinh"))
    assert _listed(client, "tham muu") == []  # written, not yet indexed
    index_documents([incoming.document_id])
    assert _listed(client, "tham muu") == [incoming.pk]


def test_titles_keep_their_words_one_space_apart(network, index_all):
    incoming = register(network, subject="  Đảng ủy:   tham mưu —  giỏi ", symbol="Số: 7-BC/QU")
    index_all()
    title = SearchEntry.objects.get(pk=incoming.document_id).title
    assert "  " not in title
    assert title == title.strip()
    assert "dang uy tham muu gioi" in title
    assert _listed(client_for(network.user("vanthu.badinh")), '"uy tham muu gioi"') == [incoming.pk]


def test_a_corrected_title_is_found_by_its_new_words_only(network, index_all, way):
    # The index of titles follows the entry (on SQLite a table of its own, kept by triggers).
    incoming = receive(network, metadata={"subject": "Kế hoạch tuyên truyền"})
    other = register(network, subject="Kế hoạch kiểm tra")
    index_all()
    client = client_for(network.user("vanthu.badinh"))
    assert _listed(client, "ke hoach") == [incoming.pk, other.pk]
    incoming_correct(
        by=network.user("vanthu.badinh"),
        incoming=incoming,
        values={"subject": "Kế hoạch kiểm tra giám sát"},
    )
    index_all()
    assert _listed(client, "tuyen truyen") == []
    assert _listed(client, "kiem tra") == [incoming.pk, other.pk]
    SearchEntry.objects.filter(pk=other.document_id).delete()  # out of the index: not found
    assert _listed(client, "kiem tra") == [incoming.pk]


def test_the_filter_costs_the_same_queries_however_many_rows(network, filed, way, index_all):
    client = client_for(network.user("lanhdao.badinh"))

    def queries(text: str) -> int:
        with CaptureQueriesContext(connection) as run:
            _page(client, text)
        return len(run.captured_queries)

    plain = queries("bao cao")  # one document
    assert queries("thang 50") <= plain  # none: no page of documents to read
    for _ in range(3):
        register(network, subject="Báo cáo tình hình tháng 6")
    index_all()
    assert queries("bao cao") == plain  # four documents
    if way != "tested on each title":
        # The titles' ids: on SQLite the unit's id, then them; on PostgreSQL
        # ANALYZE's statistics first, the words "ca" stands for, the unit's id, then them.
        words = lists.Words("bao ca", kind="incoming")
        with CaptureQueriesContext(connection) as run:
            words.q("badinh")
        assert len(run.captured_queries) == (4 if connection.vendor == "postgresql" else 2)
        with CaptureQueriesContext(connection) as run:
            words.found("badinh")
            again = words.q("badinh")
        assert not run.captured_queries  # a unit's titles are looked for once
        assert again is words.q("badinh")  # and its filter built once


def test_text_without_a_word_is_refused_with_a_message(network, filed):
    for text, code in (("!!! —", "empty_query"), ("muu " * 60, "query_too_long")):
        assert_json_error(_api(network, f"{API}/incoming", text), 400, code)
        assert_json_error(_api(network, f"{API}/outgoing", text), 400, code)
    assert _api(network, f"{API}/incoming", "  ").json()["count"] == len(filed)  # blank: all
    page = _page(client_for(network.user("vanthu.badinh")), "!!! —")
    field = page.get("filters").find(name="q")
    assert field.attrs.get("aria-invalid") == "true"
    assert "Hãy gõ ít nhất một từ để tìm." in page.get("filters").text
    # The filter is left out: the whole list.
    assert sorted(_ids(page)) == sorted(
        IncomingDocument.objects.filter(unit=network.badinh).values_list("pk", flat=True)
    )
