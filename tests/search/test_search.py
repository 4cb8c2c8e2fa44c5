"""Searching: the same cases on SQLite (FTS5) and PostgreSQL (tsvector), run in both passes."""

from __future__ import annotations

import pytest
from django.db import connection

from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.org.roles import Secrecy
from vanphong.outgoing.selectors import outgoing_visible_to
from vanphong.outgoing.services import outgoing_submit
from vanphong.search.query import parse
from vanphong.search.selectors import Filters, search_documents


def found(network, typed, user="vanthu.badinh", *, prefix_last=False, **filters):
    return search_documents(
        user=network.user(user),
        query=parse(typed, prefix_last=prefix_last),
        filters=Filters(**filters),
        limit=50,
    )


def subjects(result):
    return [hit.subject for hit in result.hits]


@pytest.fixture
def documents(archive):
    archive.receive(
        "Văn phòng cấp ủy phải tham mưu giỏi, phục vụ tốt.\nĐảng ủy khối chỉ đạo.",
        subject="Chỉ thị về tăng cường công tác tham mưu",
        symbol="15-CT/TU",
        document_type="CT",
        issued_date="2016-03-12",
    )
    archive.receive(
        "Báo cáo kết quả thực hiện nghị quyết về phát triển kinh tế.",
        subject="Báo cáo kinh tế quý I",
        symbol="123/BC-UBND",
        issuer="Ủy ban nhân dân thành phố Hà Nội",
        document_type="BC",
        issued_date="2021-04-02",
    )
    archive.receive(
        "Quyết định về việc kiện toàn tổ chức bộ máy.",
        subject="Quyết định kiện toàn Ban Chỉ đạo",
        symbol="123/QĐ-UBND",
        issuer="Ủy ban nhân dân thành phố Hà Nội",
        document_type="QD",
        issued_date="2021-05-10",
    )
    archive.index()
    return archive


def test_words_match_with_or_without_diacritics(network, documents):
    for typed in ("tham muu gioi", "tham mưu giỏi", "THAM MƯU GIỎI", "Tham Muu Gioi"):
        assert subjects(found(network, typed)) == ["Chỉ thị về tăng cường công tác tham mưu"]


def test_d_folds_to_d(network, documents):
    assert subjects(found(network, "dang uy")) == ["Chỉ thị về tăng cường công tác tham mưu"]
    assert subjects(found(network, "đảng ủy")) == subjects(found(network, "dang uy"))


def test_every_word_must_appear(network, documents):
    assert found(network, "tham muu kinh").count == 0
    assert found(network, "quyet dinh kien toan").count == 1


def test_phrases_in_quotes_keep_their_order(network, documents):
    assert found(network, '"tham muu gioi"').count == 1
    assert found(network, '"gioi tham muu"').count == 0
    assert found(network, '"phat trien kinh te"').count == 1


def test_prefixes(network, documents):
    assert subjects(found(network, "kien to*")) == ["Quyết định kiện toàn Ban Chỉ đạo"]
    assert found(network, "nghi quye", prefix_last=True).count == 1
    assert found(network, "nghi quye").count == 0


@pytest.mark.parametrize("typed", ["15-CT/TU", "15/CT", "CT/TU", "Số 15-CT/TU", "15-ct/tu"])
def test_symbol_forms_find_the_document(network, documents, typed):
    assert subjects(found(network, typed)) == ["Chỉ thị về tăng cường công tác tham mưu"]


def test_a_symbols_words_in_another_order_do_not_match(archive, network, documents):
    # Both words, not the symbol: found by the index (PostgreSQL's GIN, which cannot tell the
    # order), then refused by the order.
    archive.receive("Theo CT ngày 15 tháng 3, báo cáo.", subject="Văn bản khác")
    archive.index()
    assert found(network, "ct 15").count == 2
    assert subjects(found(network, "15/CT")) == ["Chỉ thị về tăng cường công tác tham mưu"]
    assert subjects(found(network, '"ct ngay 15"')) == ["Văn bản khác"]
    assert found(network, '"15 ct"').count == 1


def test_a_symbol_finds_its_own_document_first(archive, network, documents):
    archive.receive(
        "Thực hiện Quyết định 123/QĐ-UBND, báo cáo việc kiện toàn.",
        subject="Báo cáo thực hiện quyết định",
        symbol="7/BC-VP",
        document_type="BC",
        issued_date="2024-01-05",
    )
    archive.index()
    result = found(network, "123/QĐ-UBND")
    # The document citing it is newer and found too, after the document itself.
    assert subjects(result) == ["Quyết định kiện toàn Ban Chỉ đạo", "Báo cáo thực hiện quyết định"]
    assert subjects(found(network, "123/BC")) == ["Báo cáo kinh tế quý I"]


def test_filters(network, documents):
    assert found(network, "uy ban nhan dan", document_type="QD").count == 1
    assert found(network, "uy ban nhan dan", year=2021).count == 2
    assert found(network, "uy ban nhan dan", year=2016).count == 0
    assert found(network, "tham muu", issuer="uy ban nhan dan").count == 0
    assert found(network, "kien toan", issuer="Ủy ban nhân dân").count == 1
    assert found(network, "kien toan", issuer="Thành ủy").count == 0
    assert found(network, "tham muu", status="registered", kind="incoming").count == 1
    assert found(network, "tham muu", status="done").count == 0
    assert found(network, "tham muu", unit_id=network.hoankiem.pk).count == 0
    assert found(network, "tham muu", unit_id=network.badinh.pk).count == 1
    assert found(network, "tham muu", secrecy=1).count == 0


def test_facets_count_every_match_by_kind_unit_type_year_and_status(network, documents):
    result = found(network, "ha noi")
    assert result.count == 3
    assert {(f.value, f.count) for f in result.facets["kind"]} == {("incoming", 3)}
    assert {(f.value, f.count) for f in result.facets["unit"]} == {(str(network.badinh.pk), 3)}
    assert {(f.value, f.count) for f in result.facets["document_type"]} == {
        ("CT", 1),
        ("BC", 1),
        ("QD", 1),
    }
    assert [(f.value, f.count) for f in result.facets["year"]] == [("2021", 2), ("2016", 1)]
    assert [(f.kind, f.value, f.count) for f in result.facets["status"]] == [
        ("incoming", "registered", 3)
    ]


# (words rare up to, PostgreSQL listing and matching the newest, then further down the list):
# rare words are looked up in the first query, whoever searches. Common ones are found on
# SQLite among the documents holding the person's readers' words (one way, whatever the
# list), on PostgreSQL checked against the person's list, and looked up match by match when
# too few were found among the newest of the list, and further down it ("listed, cut short"
# has the newest three of each list merged and matched, then the rest of a small sample;
# "listed, then looked up" walks one, then one more, then looks the matches up).
WAYS = {
    "rare": (2000, 4000, 40000),
    "listed": (0, 4000, 40000),
    "listed, cut short": (0, 3, 40000),
    "listed, then looked up": (0, 1, 2),
}


def _way(monkeypatch, way: str) -> None:
    rare, walk, further = WAYS[way]
    monkeypatch.setattr("vanphong.search.selectors.RARE", rare)
    monkeypatch.setattr("vanphong.search.selectors.LISTED_WALK_POSTGRESQL", walk)
    monkeypatch.setattr("vanphong.search.selectors.LISTED_WALK_DEEPER_POSTGRESQL", further)


@pytest.mark.parametrize("way", WAYS)
def test_ranking_relevance_first_then_newest(archive, network, monkeypatch, way):
    _way(monkeypatch, way)  # common words are ranked without bm25 on SQLite
    archive.receive(
        "Nội dung có nhắc đến sơ kết.", subject="Thông báo lịch họp", issued_date="2024-01-01"
    )
    archive.receive("Nội dung khác.", subject="Sơ kết công tác năm", issued_date="2015-06-01")
    archive.receive("Nội dung khác.", subject="Sơ kết công tác năm", issued_date="2019-06-01")
    archive.index()
    result = found(network, "so ket")
    # Found in the subject beats found in the text, however new; then the newest first.
    assert [(h.subject, h.issued_date.year) for h in result.hits] == [
        ("Sơ kết công tác năm", 2019),
        ("Sơ kết công tác năm", 2015),
        ("Thông báo lịch họp", 2024),
    ]


@pytest.mark.parametrize("way", [way for way in WAYS if way != "rare"])
def test_common_words_are_ranked_by_the_title_the_same_on_both_databases(
    archive, network, monkeypatch, way
):
    # Words found in more than RARE documents are ranked by what the title holds, then newest
    # first, however often the text repeats them: bm25 and ts_rank would read every match's
    # whole text again. ts_rank put the older document, its text full of the words, first.
    _way(monkeypatch, way)
    archive.receive("Sơ kết. " * 30, subject="Sơ kết quý một", issued_date="2019-01-01")
    archive.receive("Nội dung khác.", subject="Sơ kết quý hai", issued_date="2020-01-01")
    archive.receive("Sơ kết. " * 30, subject="Thông báo", issued_date="2021-01-01")
    archive.index()
    assert subjects(found(network, "so ket")) == ["Sơ kết quý hai", "Sơ kết quý một", "Thông báo"]


def test_snippets_mark_the_accented_original(archive, network):
    filler = " ".join(["Nội dung không liên quan."] * 40)
    archive.receive(
        f"{filler}\nVăn phòng cấp ủy <b>tham mưu</b> giỏi cho Đảng ủy. {filler}",
        subject="Tờ trình dài",
    )
    archive.index()
    (hit,) = found(network, "tham muu gioi").hits
    assert "<mark>tham</mark> <mark>mưu</mark>&lt;/b&gt; <mark>giỏi</mark>" in hit.snippet
    assert hit.snippet.startswith("…")
    assert hit.snippet.endswith("…")
    assert "<b>" not in hit.snippet
    assert len(hit.snippet) < 600
    # Found in the subject only: the subject, marked.
    (hit,) = found(network, "to trinh").hits
    assert hit.snippet == "<mark>Tờ</mark> <mark>trình</mark> dài"


def test_a_specialist_finds_only_the_documents_given_to_them(archive, network):
    given = archive.receive("Giao việc tham mưu.", subject="Việc được giao")
    archive.receive("Tham mưu việc khác.", subject="Việc của người khác")
    archive.assign(given)
    archive.index()
    assert subjects(found(network, "tham muu", "chuyenvien.badinh")) == ["Việc được giao"]
    assert found(network, "tham muu", "chuyenvien.badinh").facets["kind"][0].count == 1
    assert found(network, "tham muu", "vanthu.badinh").count == 2
    assert found(network, "tham muu", "vanthu.hoankiem").count == 0
    assert found(network, "tham muu", "lanhdao.hoankiem").facets["kind"] == []


def test_secret_documents_never_show_above_ones_clearance(archive, network):
    archive.receive("Tham mưu bí mật.", subject="Văn bản mật", secrecy="mat")
    archive.receive("Tham mưu công khai.", subject="Văn bản thường")
    archive.index()
    leader = found(network, "tham muu", "lanhdao.badinh")
    assert subjects(leader) == ["Văn bản thường"]
    assert leader.count == 1
    assert [(f.value, f.count) for f in leader.facets["year"]] == [("2016", 1)]
    # Asking for secret documents gives nothing, not even a count.
    assert found(network, "tham muu", "lanhdao.badinh", secrecy=1).count == 0
    # The clerk who registered it is cleared for it.
    assert found(network, "tham muu", "vanthu.badinh").count == 2


def test_a_role_given_or_ended_or_a_clearance_changed_counts_at_the_next_search(archive, network):
    """The selectors' queries are remembered by what they are made of (the person, their
    clearance, their roles): a change to any of them is seen by the very next search."""
    from vanphong.org.models import Membership
    from vanphong.org.roles import Role
    from vanphong.org.services import membership_end, membership_grant

    archive.receive(
        "Tham mưu công khai.",
        subject="Văn bản của Hoàn Kiếm",
        unit=network.hoankiem,
        clerk="vanthu.hoankiem",
    )
    archive.receive("Tham mưu bí mật.", subject="Văn bản mật", secrecy="mat")
    archive.index()
    specialist = network.user("chuyenvien.badinh")
    assert found(network, "tham muu", "chuyenvien.badinh").count == 0

    granted = membership_grant(by=None, user=specialist, unit=network.hoankiem, role=Role.LANHDAO)
    assert subjects(found(network, "tham muu", "chuyenvien.badinh")) == ["Văn bản của Hoàn Kiếm"]
    membership_end(by=None, membership=Membership.objects.get(pk=granted.pk))
    assert found(network, "tham muu", "chuyenvien.badinh").count == 0

    leader = network.user("lanhdao.badinh")
    assert found(network, "tham muu", "lanhdao.badinh").count == 0
    leader.clearance = Secrecy.MAT
    leader.save(update_fields=["clearance"])
    assert subjects(found(network, "tham muu", "lanhdao.badinh")) == ["Văn bản mật"]
    leader.clearance = Secrecy.THUONG
    leader.save(update_fields=["clearance"])
    assert found(network, "tham muu", "lanhdao.badinh").count == 0


def test_an_unregistered_secret_document_stays_out_of_its_uncleared_receivers_search(
    archive, network
):
    archive.receive("Tham mưu bí mật.", subject="Văn bản mật", secrecy="mat", register=False)
    archive.index()
    # The selector keeps it in view for the clerk who received it (to hand it on); search,
    # which shows its text, does not.
    assert found(network, "tham muu", "vanthu.badinh").count == 0


@pytest.fixture(params=WAYS)
def small_sample(monkeypatch, request):
    """Counting stops at 2 matches instead of 1,000; each way of checking the scope."""
    monkeypatch.setattr("vanphong.search.selectors.SAMPLE", 2)
    _way(monkeypatch, request.param)


def test_above_the_sample_the_count_is_a_lower_bound(archive, network, small_sample):
    # Entered oldest first: the best match (in its subject) is the oldest.
    archive.receive("Nội dung khác.", subject="Sơ kết công tác năm", document_type="BC")
    archive.receive("Có nhắc đến sơ kết.", subject="Thông báo", document_type="TB")
    archive.receive("Lại nhắc đến sơ kết.", subject="Công văn", document_type="CV")
    archive.index()
    result = found(network, "so ket")
    assert result.count == 2
    assert result.count_is_lower_bound
    # Ranked, and counted by facet, among the two newest matches only.
    assert subjects(result) == ["Công văn", "Thông báo"]
    assert {(f.value, f.count) for f in result.facets["document_type"]} == {("CV", 1), ("TB", 1)}
    assert [(f.value, f.count) for f in result.facets["kind"]] == [("incoming", 2)]
    # Narrowed below the sample, everything is exact again.
    narrowed = found(network, "so ket cong tac")
    assert (narrowed.count, narrowed.count_is_lower_bound) == (1, False)
    assert subjects(narrowed) == ["Sơ kết công tác năm"]
    by_type = found(network, "so ket", document_type="BC")
    assert (by_type.count, by_type.count_is_lower_bound) == (1, False)
    # Pages go as far as the sample.
    assert subjects(
        search_documents(
            user=network.user("vanthu.badinh"), query=parse("so ket"), offset=1, limit=5
        )
    ) == ["Thông báo"]


def test_what_one_may_not_open_takes_no_place_in_the_sample(archive, network, small_sample):
    archive.receive("Sơ kết ở Ba Đình.", subject="Ba Đình 1")
    archive.receive("Sơ kết ở Ba Đình.", subject="Ba Đình 2")
    # Newer, of another unit: the Ba Đình clerk may not open them.
    archive.receive(
        "Sơ kết ở Hoàn Kiếm.", subject="Hoàn Kiếm 1", unit=network.hoankiem, clerk="vanthu.hoankiem"
    )
    archive.receive(
        "Sơ kết ở Hoàn Kiếm.", subject="Hoàn Kiếm 2", unit=network.hoankiem, clerk="vanthu.hoankiem"
    )
    archive.index()
    result = found(network, "so ket")
    assert (result.count, result.count_is_lower_bound) == (2, False)
    assert subjects(result) == ["Ba Đình 2", "Ba Đình 1"]
    assert [(f.value, f.count) for f in result.facets["unit"]] == [(str(network.badinh.pk), 2)]
    other = found(network, "so ket", "vanthu.hoankiem")
    assert (other.count, other.count_is_lower_bound) == (2, False)
    assert subjects(other) == ["Hoàn Kiếm 2", "Hoàn Kiếm 1"]


def test_two_queries_whatever_the_number_of_hits(
    archive, network, django_assert_num_queries, monkeypatch
):
    from vanphong.org.selectors import actings_for

    for i in range(5):
        archive.receive("Tham mưu.", subject=f"Văn bản {i}")
    archive.index()
    user = network.user("vanthu.badinh")
    actings = actings_for(user)
    with django_assert_num_queries(2):  # the matches, then the page's text
        result = search_documents(user=user, query=parse("tham muu"), actings=actings)
    assert result.count == 5
    with django_assert_num_queries(1):  # nothing matches: no page to read
        assert search_documents(user=user, query=parse("khong co"), actings=actings).count == 0
    # Common words: on SQLite found among the person's documents by the index, in the same
    # two queries. On PostgreSQL, for someone whose newest documents hold too few matches,
    # one more query: the person's list walked further (here to its end).
    monkeypatch.setattr("vanphong.search.selectors.RARE", 3)
    monkeypatch.setattr("vanphong.search.selectors.LISTED_WALK_POSTGRESQL", 3)
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 2):
        result = search_documents(user=user, query=parse("tham muu"), actings=actings)
    assert result.count == 5
    if connection.vendor == "postgresql":
        # Too few further down as well, and more of the list left: each match looked up.
        monkeypatch.setattr("vanphong.search.selectors.LISTED_WALK_DEEPER_POSTGRESQL", 4)
        with django_assert_num_queries(4):
            result = search_documents(user=user, query=parse("tham muu"), actings=actings)
        assert result.count == 5
    # Rare words are looked up within the first query, however much one may see.
    monkeypatch.setattr("vanphong.search.selectors.RARE", 5)
    with django_assert_num_queries(2):
        result = search_documents(user=user, query=parse("tham muu"), actings=actings)
    assert result.count == 5


def test_a_search_narrowed_to_a_year_walks_the_list_from_that_years_last_document(
    archive, network, django_assert_num_queries, monkeypatch
):
    # The person's newest documents are of a later year: on PostgreSQL the walk starts at the
    # last document entered of the year asked for, and finds its matches in the first query,
    # where it would walk the newest, then further, then look the matches up (four queries).
    from vanphong.org.selectors import actings_for

    for day in (1, 2):
        archive.receive("Tham mưu.", subject=f"Cũ {day}", issued_date=f"2016-05-0{day}")
    for day in (1, 2, 3, 4):
        archive.receive("Tham mưu.", subject=f"Mới {day}", issued_date=f"2021-05-0{day}")
    archive.index()
    monkeypatch.setattr("vanphong.search.selectors.RARE", 0)
    monkeypatch.setattr("vanphong.search.selectors.LISTED_WALK_POSTGRESQL", 2)
    monkeypatch.setattr("vanphong.search.selectors.LISTED_WALK_DEEPER_POSTGRESQL", 3)
    user = network.user("vanthu.badinh")
    actings = actings_for(user)
    with django_assert_num_queries(2):  # the matches, then the page's text
        result = search_documents(
            user=user, query=parse("tham muu"), filters=Filters(year=2016), actings=actings
        )
    assert (result.count, sorted(subjects(result))) == (2, ["Cũ 1", "Cũ 2"])
    assert found(network, "tham muu", year=2021).count == 4
    assert found(network, "tham muu", year=2019).count == 0
    # Looked up match by match (PostgreSQL, after walking the list), from the same document
    # down: the same documents.
    _way(monkeypatch, "listed, then looked up")
    monkeypatch.setattr("vanphong.search.selectors.RARE", 0)
    assert sorted(subjects(found(network, "tham muu", year=2016))) == ["Cũ 1", "Cũ 2"]
    assert found(network, "tham muu", year=2021).count == 4


@pytest.mark.parametrize("way", WAYS)
def test_every_way_of_checking_the_scope_finds_the_same(archive, network, monkeypatch, way):
    # Rare words are looked up match by match, common ones found among the person's
    # documents (search.selectors.RARE): the same answer.
    _way(monkeypatch, way)
    given = archive.receive("Giao việc tham mưu.", subject="Việc được giao")
    archive.receive("Tham mưu việc khác.", subject="Việc của người khác")
    archive.receive("Tham mưu bí mật.", subject="Văn bản mật", secrecy="mat")
    archive.receive("Tham mưu chưa vào sổ.", subject="Chưa vào sổ", register=False)
    archive.receive(
        "Tham mưu ở Hoàn Kiếm.", subject="Hoàn Kiếm", unit=network.hoankiem, clerk="vanthu.hoankiem"
    )
    archive.assign(given)
    archive.index()
    seen = {
        user: set(subjects(found(network, "tham muu", user)))
        for user in ("chuyenvien.badinh", "lanhdao.badinh", "vanthu.badinh", "vanthu.hoankiem")
    }
    assert seen == {
        "chuyenvien.badinh": {"Việc được giao"},
        "lanhdao.badinh": {"Việc của người khác", "Việc được giao"},
        "vanthu.badinh": {"Chưa vào sổ", "Văn bản mật", "Việc của người khác", "Việc được giao"},
        "vanthu.hoankiem": {"Hoàn Kiếm"},
    }


@pytest.mark.parametrize("way", WAYS)
def test_work_one_may_no_longer_open_is_not_found(archive, network, monkeypatch, way):
    # A specialist's documents are found through their readers' words (their work's); what
    # the rule says of each document is checked on the match: their clearance lowered since
    # the work was given, or a document forced back out of the register, and it is not theirs
    # to find any more.
    _way(monkeypatch, way)
    specialist = network.user("chuyenvien.badinh")
    for cleared in (specialist, network.user("lanhdaovp.badinh")):  # who gives the work too
        cleared.clearance = Secrecy.MAT
        cleared.save(update_fields=["clearance"])
    secret = archive.receive("Giao việc tham mưu mật.", subject="Việc mật", secrecy="mat")
    unregistered = archive.receive("Giao việc tham mưu cũ.", subject="Việc cũ")
    kept = archive.receive("Giao việc tham mưu.", subject="Việc được giao")
    for incoming in (secret, unregistered, kept):
        archive.assign(incoming)
    archive.index()
    assert found(network, "tham muu", "chuyenvien.badinh").count == 3
    specialist.clearance = Secrecy.THUONG
    specialist.save(update_fields=["clearance"])
    IncomingDocument.objects.filter(pk=unregistered.pk).update(status=IncomingStatus.RETURNED)
    result = found(network, "tham muu", "chuyenvien.badinh")
    assert subjects(result) == ["Việc được giao"]
    assert (result.count, result.facets["kind"][0].count) == (1, 1)


@pytest.mark.parametrize("way", WAYS)
def test_a_document_seen_two_ways_is_found_once(archive, network, monkeypatch, way):
    # The leader sees their unit's documents, and one of them is also their work: it holds
    # two of their readers' words (their unit's and their own), and is found once.
    _way(monkeypatch, way)
    both = archive.receive("Giao việc tham mưu.", subject="Việc của lãnh đạo")
    archive.receive("Tham mưu việc khác.", subject="Việc khác")
    archive.assign(both, lead="lanhdao.badinh")
    archive.index()
    result = found(network, "tham muu", "lanhdao.badinh")
    assert sorted(subjects(result)) == ["Việc của lãnh đạo", "Việc khác"]
    assert result.count == 2


def test_a_symbol_is_looked_up_rather_than_walked_for(
    archive, network, django_assert_num_queries, monkeypatch
):
    # PostgreSQL walks a person's newest documents for common words, but a symbol names a few
    # documents among anyone's newest: past ``RARE`` matches it is looked up at once, by the
    # first statement, without counting them (the walk would read thousands of tsvectors to
    # find a handful). SQLite matches it against the person's list as it does any common
    # words. Either way, the same documents, in two statements (then the page's text).
    from vanphong.org.selectors import actings_for

    for i in range(4):
        archive.receive("Thực hiện Chỉ thị số 15-CT/TU.", subject=f"Văn bản {i}")
    archive.receive("Chỉ thị 16-CT/TU.", subject="Khác")
    archive.index()
    user = network.user("vanthu.badinh")
    actings = actings_for(user)
    monkeypatch.setattr("vanphong.search.selectors.RARE", 2)
    with django_assert_num_queries(2):
        result = search_documents(user=user, query=parse("15-CT/TU"), actings=actings)
    assert sorted(hit.subject for hit in result.hits) == [f"Văn bản {i}" for i in range(4)]
    with django_assert_num_queries(2):  # words, not a symbol: found among the newest
        result = search_documents(user=user, query=parse("chi thi"), actings=actings)
    assert result.count == 5


def test_words_the_statistics_show_common_are_not_counted_on_postgresql(
    archive, network, monkeypatch
):
    # PostgreSQL counts up to ``RARE`` + 1 matches to choose how to look for them, unless
    # ANALYZE's statistics of the index show the words to be so common that they surely match
    # more: then the count, which reads every document it counts, is skipped.
    from django.db import connection

    from vanphong.search.selectors import surely_common_sql

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's count is read from the FTS5 index alone")

    def surely_common(typed: str) -> bool:
        sql, params = surely_common_sql(parse(typed))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {sql}", params)
            return cursor.fetchone()[0]

    for i in range(40):
        archive.receive(f"Công tác tham mưu số {i}.", subject=f"Văn bản {i}")
    archive.receive("Ngập úng cục bộ.", subject="Báo cáo")
    archive.index()
    monkeypatch.setattr("vanphong.search.selectors.RARE", 2)
    monkeypatch.setattr("vanphong.search.selectors.COMMON", 10)
    assert not surely_common("tham muu")  # no statistics before the first ANALYZE
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    assert surely_common("tham muu")  # 40 × 1.0 × 1.0 > 10 × 2
    assert surely_common("cong tac tham*")
    assert not surely_common("ngap")  # one document
    assert not surely_common("tham ngap")  # the one is not common
    assert not surely_common("khong co")  # unknown words may be rare
    monkeypatch.setattr("vanphong.search.selectors.COMMON", 30)
    assert not surely_common("tham muu")  # 40 is not surely more than 30 × 2
    # The search finds the same either way.
    assert found(network, "tham muu").count == 40


@pytest.mark.parametrize("way", WAYS)
def test_outgoing_documents_are_found_by_exactly_those_who_may_open_them(
    office, run_jobs, monkeypatch, way
):
    # A person's outgoing documents are listed, as their incoming ones, from lists that hold
    # more than the rule (their readers' words: each branch's units and people, without the
    # clearance), and the rule is tested on each match: every way, whoever searches finds
    # what they may open and nothing else.
    _way(monkeypatch, way)
    for name in ("chuyenvien.thanhuy", "lanhdao.thanhuy"):
        person = office.user(name)
        person.clearance = Secrecy.MAT
        person.save(update_fields=["clearance"])
    office.create(subject="Về công tác tham mưu tổng hợp")
    office.create(subject="Về công tác tham mưu bảo mật", secrecy="mat")
    reviewed = office.create(
        subject="Về công tác tham mưu xin ý kiến", reviewers=("lanhdao.badinh",)
    )
    outgoing_submit(by=reviewed.author, outgoing=reviewed)
    run_jobs()
    people = ("chuyenvien.thanhuy", "lanhdao.thanhuy", "vanthu.thanhuy", "lanhdao.badinh")
    seen = {name: set(subjects(found(office.network, "tham muu", name))) for name in people}
    asked = reviewed.document.subject  # asked of a reviewer
    every = {"Về công tác tham mưu tổng hợp", "Về công tác tham mưu bảo mật", asked}
    assert seen == {
        "chuyenvien.thanhuy": every,  # the author
        "lanhdao.thanhuy": every,  # the signer, who sees the city's whole
        "vanthu.thanhuy": every - {"Về công tác tham mưu bảo mật"},  # not cleared for it
        "lanhdao.badinh": {asked},  # the reviewer
    }
    for name in people:
        rule = outgoing_visible_to(office.user(name)).values_list("document__subject", flat=True)
        assert seen[name] == set(rule)
    assert found(office.network, "tham muu", "chuyenvien.badinh").count == 0
