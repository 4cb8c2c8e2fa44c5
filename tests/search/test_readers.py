"""Who may read a document, as words the index holds beside its text (``SearchEntry.readers``):
whoever the rules let open a document holds the key to one of its words, the words follow the
work given on it, and search finds through them exactly what the rules let one open."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.outgoing.conftest import _person
from vanphong.incoming.processing import incoming_direct
from vanphong.org.roles import Role, Secrecy
from vanphong.org.selectors import actings_for
from vanphong.outgoing.services import outgoing_submit
from vanphong.search.models import SearchEntry
from vanphong.search.query import parse
from vanphong.search.selectors import search_documents
from vanphong.search.services import index_documents
from vanphong.search.sources import ANY_READER, person_reader, sources, unit_reader
from vanphong.work.models import Assignment
from vanphong.work.services import assignment_hand_over


def _visible(user) -> set[int]:
    """The document ids the sources' rules let ``user`` open."""
    actings = actings_for(user)
    return {
        document_id
        for item in sources()
        for document_id in item.visible(user, actings).values_list("document_id", flat=True)
    }


def _keys(user) -> set[str]:
    actings = actings_for(user)
    return {
        key for item in sources() if item.reader_keys for key in item.reader_keys(user, actings)
    }


def _found(user) -> set[int]:
    """Every document ``user``'s search for the words all the documents hold finds, the words
    taken as common (found through the readers' words on SQLite)."""
    result = search_documents(user=user, query=parse("tham muu"), limit=100)
    assert not result.count_is_lower_bound
    return {hit.document_id for hit in result.hits}


@pytest.fixture
def common(monkeypatch):
    monkeypatch.setattr("vanphong.search.selectors.RARE", 0)


@pytest.fixture
def mixed(office, archive):
    """Documents seen in every way the rules know: a unit's registered, waiting and secret
    documents, work given to a person and to a unit, drafts by their author, signer, reviewer,
    and one drafted in a unit under the issuing one."""
    network = office.network
    board = _person(network, "chuyenvien.board", network.board, Role.CHUYENVIEN)
    archive.receive("Tham mưu đăng ký.", subject="Đã vào sổ")
    archive.receive("Tham mưu chờ.", subject="Chưa vào sổ", register=False)
    archive.receive("Tham mưu mật.", subject="Mật", secrecy="mat")
    given = archive.receive("Tham mưu giao việc.", subject="Giao chuyên viên")
    archive.assign(given)
    to_board = archive.receive(
        "Tham mưu cho ban.", subject="Giao ban", unit=network.city, clerk="vanthu.thanhuy"
    )
    incoming_direct(
        by=network.user("lanhdaovp.thanhuy"),
        incoming=to_board,
        text="Ban chủ trì.",
        lead=network.board,
    )
    archive.receive(
        "Tham mưu Hoàn Kiếm.", subject="Hoàn Kiếm", unit=network.hoankiem, clerk="vanthu.hoankiem"
    )
    office.create(subject="Về công tác tham mưu tổng hợp")
    for name in ("chuyenvien.thanhuy", "lanhdao.thanhuy"):
        person = network.user(name)
        person.clearance = Secrecy.MAT
        person.save(update_fields=["clearance"])
    office.create(subject="Về công tác tham mưu bảo mật", secrecy="mat")
    reviewed = office.create(
        subject="Về công tác tham mưu xin ý kiến", reviewers=("lanhdao.badinh",)
    )
    outgoing_submit(by=reviewed.author, outgoing=reviewed)
    office.create(
        author="chuyenvien.ubnd-vp",
        unit=office.ubnd,
        drafting_unit=office.ubnd_vp,
        signer="lanhdao.ubnd",
        content=office.state_draft("tham mưu"),
        document_type="QD",
        subject="Quyết định về công tác tham mưu",
    )
    archive.index()
    return network, board


def test_whoever_may_open_a_document_holds_the_key_to_one_of_its_readers_words(mixed):
    network, _board = mixed
    entries = dict(SearchEntry.objects.values_list("document_id", "readers"))
    assert len(entries) == 10
    assert not [pk for pk, readers in entries.items() if ANY_READER in readers.split()]
    seen_by_some = set()
    for name, user in network.users.items():
        keys = _keys(user)
        for document_id in _visible(user):
            assert keys & set(entries[document_id].split()), (name, document_id)
            seen_by_some.add(document_id)
    assert seen_by_some == set(entries)


def test_search_through_the_readers_words_finds_exactly_what_the_rules_let_one_open(mixed, common):
    network, board = mixed
    for name, user in network.users.items():
        cleared = set(
            SearchEntry.objects.filter(
                document_id__in=_visible(user), secrecy__lte=user.clearance
            ).values_list("document_id", flat=True)
        )
        assert _found(user) == cleared, name
    # The board's specialist finds the document given to the board, and nothing else.
    assert {e.subject for e in SearchEntry.objects.filter(document_id__in=_found(board))} == {
        "Giao ban"
    }


def test_no_search_finds_a_document_by_its_readers_words(archive, network, common):
    # The readers' words hold a "_", which words searched for never do: typed as they are
    # stored, with or without the "_", they find nothing (the documents' text does not hold
    # them), where the words of the text find the document.
    archive.receive("Tham mưu.", subject="Một văn bản")
    archive.index()
    clerk = network.user("vanthu.badinh")
    stored = SearchEntry.objects.get().readers.split()
    assert stored == sorted([unit_reader(network.badinh.pk)])
    for typed in (*stored, stored[0].replace("_", ""), ANY_READER, "any reader"):
        assert search_documents(user=clerk, query=parse(typed)).count == 0, typed
    assert len(_found(clerk)) == 1


def test_work_given_after_a_document_was_indexed_reaches_its_readers(archive, network, common):
    incoming = archive.receive("Tham mưu.", subject="Giao sau")
    archive.index()
    specialist = network.user("chuyenvien.badinh")
    assert _found(specialist) == set()
    archive.assign(incoming)
    archive.index()  # the job after the work was given
    entry = SearchEntry.objects.get()
    assert person_reader(specialist.pk) in entry.readers.split()
    assert _found(specialist) == {incoming.document_id}


def test_entries_indexed_before_their_readers_were_known_are_found_as_the_rules_say(mixed, common):
    # As migration 0009 leaves them: every entry's readers unknown, looked for by anyone's
    # search, the rule deciding on each; a reindex writes them.
    network, _board = mixed
    before = {name: _found(user) for name, user in network.users.items()}
    SearchEntry.objects.update(readers=ANY_READER, digest="")
    assert {name: _found(user) for name, user in network.users.items()} == before
    index_documents(SearchEntry.objects.values_list("document_id", flat=True))
    assert not SearchEntry.objects.filter(readers=ANY_READER).exists()
    assert {name: _found(user) for name, user in network.users.items()} == before


def test_a_clerk_cleared_later_finds_what_the_unit_holds(archive, network, common):
    # Readers' words say who may be among the readers, not what their clearance allows: a
    # clearance raised finds the secret document without its entry being written again.
    archive.receive("Tham mưu mật.", subject="Mật", secrecy="mat")
    archive.index()
    leader = network.user("lanhdao.badinh")
    assert _found(leader) == set()
    leader.clearance = Secrecy.MAT
    leader.save(update_fields=["clearance"])
    assert len(_found(leader)) == 1


def test_work_handed_over_reaches_its_new_assignee(archive, network, common):
    # Handing work over changes nothing of the document itself: the work given is what
    # brings the entry's readers up to date (``AssignmentCreated``).
    successor = _person(network, "chuyenvien2.badinh", network.badinh, Role.CHUYENVIEN)
    incoming = archive.receive("Tham mưu.", subject="Chuyển giao")
    archive.assign(incoming)
    archive.index()
    assert _found(successor) == set()
    work = Assignment.objects.get(document_id=incoming.document_id)
    assignment_hand_over(by=network.user("chuyenvien.badinh"), assignment=work, to=successor)
    archive.index()
    assert _found(successor) == {incoming.document_id}


def _reader_rows() -> set[tuple[str, int]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, document_id FROM search_reader")
        return set(cursor.fetchall())


def _entries_words() -> set[tuple[str, int]]:
    return {
        (word, document_id)
        for document_id, readers in SearchEntry.objects.values_list("document_id", "readers")
        for word in readers.split()
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's lists of readers")
def test_postgresql_lists_each_entrys_readers_words_as_the_entries_change(mixed):
    # search_reader (migration 0010), from which PostgreSQL's search lists a person's
    # documents, is written by triggers whoever writes the entries.
    assert _reader_rows() == _entries_words()
    assert len(_reader_rows()) > SearchEntry.objects.count()
    entry = SearchEntry.objects.filter(kind="incoming").first()
    SearchEntry.objects.filter(pk=entry.pk).update(readers=f"{ANY_READER} unit_0")
    assert _reader_rows() == _entries_words()
    assert (ANY_READER, entry.pk) in _reader_rows()
    index_documents([entry.pk])  # written again as the document says
    SearchEntry.objects.filter(kind="outgoing").delete()
    assert _reader_rows() == _entries_words()
    assert not {pk for _word, pk in _reader_rows()} - set(
        SearchEntry.objects.values_list("pk", flat=True)
    )
