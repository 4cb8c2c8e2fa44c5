"""The index follows the documents after commit, in background jobs that can fail harmlessly,
and `vanphong reindex` rebuilds it."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from vanphong.incoming.models import IncomingStatus
from vanphong.incoming.services import incoming_correct, incoming_return
from vanphong.search import services
from vanphong.search.models import SearchEntry
from vanphong.search.query import parse
from vanphong.search.selectors import search_documents


def count(network, typed, user="vanthu.badinh"):
    return search_documents(user=network.user(user), query=parse(typed)).count


def test_a_document_is_found_once_the_jobs_after_its_commit_have_run(archive, network):
    incoming = archive.receive("Tham mưu giỏi.", subject="Chỉ thị tham mưu")
    assert not SearchEntry.objects.exists()  # nothing is indexed inside the registration
    archive.index()
    entry = SearchEntry.objects.get()
    assert (entry.kind, entry.source_id, entry.status) == ("incoming", incoming.pk, "registered")
    assert "Tham mưu giỏi." in entry.body
    assert len(entry.body) == len(entry.body_folded)
    assert count(network, "tham muu gioi") == 1


def test_corrections_and_status_changes_reach_the_index(archive, network):
    incoming = archive.receive("Nội dung.", subject="Kế hoạch tuyên truyền", register=False)
    archive.index()
    assert SearchEntry.objects.get().status == IncomingStatus.RECEIVED
    incoming_correct(
        by=network.user("vanthu.badinh"),
        incoming=incoming,
        values={"subject": "Kế hoạch kiểm tra giám sát"},
    )
    archive.index()
    assert count(network, "kiem tra giam sat") == 1
    assert count(network, "tuyen truyen") == 0
    incoming_return(by=network.user("vanthu.badinh"), incoming=incoming, reason="Gửi nhầm")
    archive.index()
    assert SearchEntry.objects.get().status == IncomingStatus.RETURNED


def test_running_the_indexer_twice_changes_nothing(archive, network):
    incoming = archive.receive("Tham mưu.", subject="Một văn bản")
    archive.index()
    before = SearchEntry.objects.values().get()
    assert services.index_documents([incoming.document_id]) == 0
    assert SearchEntry.objects.values().get() == before
    assert count(network, "tham muu") == 1


def test_a_failing_index_never_fails_a_registration(archive, network, monkeypatch):
    def broken(ids):
        raise RuntimeError("search index unreachable")

    monkeypatch.setattr(services, "_index_batch", broken)
    incoming = archive.receive("Tham mưu.", subject="Đăng ký vẫn thành công")
    assert incoming.status == IncomingStatus.REGISTERED
    assert incoming.arrival_number == 1
    archive.index()  # the index jobs fail and wait for their retry
    assert not SearchEntry.objects.exists()
    incoming.refresh_from_db()
    assert incoming.arrival_number == 1
    monkeypatch.undo()
    call_command("reindex", stdout=io.StringIO())
    assert count(network, "dang ky") == 1


def test_reindex_rebuilds_everything_with_a_progress_bar(archive, network):
    for i in range(3):
        archive.receive(f"Tham mưu lần {i}.", subject=f"Văn bản {i}")
    archive.index()
    SearchEntry.objects.all().delete()
    assert count(network, "tham muu") == 0
    out = io.StringIO()
    call_command("reindex", "--batch-size", "2", stdout=out)
    text = out.getvalue()
    assert "incoming [" in text
    assert "3/3 (100%" in text
    assert "search index rebuilt: 3 entries written, 0 removed" in text
    assert count(network, "tham muu") == 3
    # Once more: nothing to write.
    out = io.StringIO()
    call_command("reindex", "--kind", "incoming", stdout=out)
    assert "0 entries written" in out.getvalue()


def test_reindex_refuses_an_unknown_kind(db):
    with pytest.raises(CommandError, match="unknown kind"):
        call_command("reindex", "--kind", "memo", stdout=io.StringIO())


def test_outgoing_drafts_are_found_by_those_who_may_open_them(office, run_jobs):
    outgoing = office.create(subject="Về tăng cường công tác kiểm tra")
    run_jobs()
    entry = SearchEntry.objects.get(kind="outgoing")
    assert (entry.source_id, entry.status) == (outgoing.pk, "draft")
    network = office.network
    assert count(network, "kiem tra", "chuyenvien.thanhuy") == 1  # the author
    assert count(network, "kiem tra", "lanhdao.thanhuy") == 1  # the signer
    assert count(network, "kiem tra", "chuyenvien.badinh") == 0
    out = io.StringIO()
    call_command("reindex", "--kind", "outgoing", stdout=out)
    assert "outgoing [" in out.getvalue()
