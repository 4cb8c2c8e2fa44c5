"""The audit journal as the product writes and checks it: services append in their own
transaction, ``vanphong audit_verify`` finds tampering, concurrent writers keep one chain."""

import datetime as dt
import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from vanphong.audit.models import AuditEvent, AuditHead
from vanphong.audit.selectors import audit_events_for, audit_verify_chain
from vanphong.org.models import Unit, User
from vanphong.org.services import unit_create, unit_rename, user_create


def head() -> tuple[int, str]:
    current = AuditHead.objects.get(pk=1)
    return current.seq, current.hash


def verify_command() -> str:
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def broken_journal_message() -> str:
    with pytest.raises(CommandError) as failure:
        verify_command()
    assert failure.value.returncode != 0
    return str(failure.value)


def raw_sql(sql: str, params: list) -> None:
    """Tampering the way someone with database access would: behind the product's back."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# Appending with the change --------------------------------------------------------------------


def test_a_service_records_its_change_and_the_head_follows(db):
    admin = user_create(by=None, username="quantri", full_name="Quản trị", is_superuser=True)
    unit = unit_create(by=admin, slug="tayho", kind="quan_uy", full_name="Quận ủy Tây Hồ")
    event = AuditEvent.objects.get(action="unit.create")
    assert (event.actor, event.actor_name, event.unit) == (admin, "quantri", unit)
    assert (event.object_type, event.object_id) == ("org.unit", str(unit.pk))
    assert event.after["full_name"] == "Quận ủy Tây Hồ"
    assert event.after["valid_from"] == timezone.localdate().isoformat()
    assert head() == (event.seq, event.hash)


def test_a_rolled_back_change_leaves_no_event_and_the_head_unchanged(db):
    user_create(by=None, username="quantri", full_name="Quản trị")
    before = head()
    count = AuditEvent.objects.count()

    class PowerCut(Exception):
        pass

    @transaction.atomic
    def open_district_then_fail() -> None:
        unit_create(by=None, slug="tayho", kind="quan_uy", full_name="Quận ủy Tây Hồ")
        user_create(by=None, username="vanthu.tayho", full_name="Văn thư Tây Hồ")
        raise PowerCut

    with pytest.raises(PowerCut):
        open_district_then_fail()
    assert not Unit.objects.filter(slug="tayho").exists()
    assert not User.objects.filter(username="vanthu.tayho").exists()
    assert AuditEvent.objects.count() == count
    assert head() == before
    # and the next change continues the chain from where it was
    user_create(by=None, username="vanthu.tayho", full_name="Văn thư Tây Hồ")
    assert head()[0] == before[0] + 1
    assert audit_verify_chain().ok


def test_each_object_keeps_its_history_in_order(network):
    unit_rename(
        by=None,
        unit=network.board,
        full_name="Ban Tổ chức Thành ủy Hà Nội",
        effective=dt.date(2020, 1, 1),
    )
    history = audit_events_for(obj_type="org.unit", obj_id=str(network.board.pk))
    assert [e.action for e in history] == ["unit.create", "unit.rename"]
    rename = history[1]
    assert rename.before["full_name"] == "Ban Tổ chức Thành ủy"
    assert rename.after["full_name"] == "Ban Tổ chức Thành ủy Hà Nội"


@pytest.mark.django_db(transaction=True)  # PostgreSQL cannot TRUNCATE inside the test's transaction
def test_the_journal_starts_afresh_after_the_database_is_emptied():
    user_create(by=None, username="a", full_name="A")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditHead.objects.exists()
    user_create(by=None, username="b", full_name="B")
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == [1]
    assert "1 event(s) verified" in verify_command()


# vanphong audit_verify ------------------------------------------------------------------------


def test_audit_verify_counts_every_event_of_an_intact_journal(network):
    total = AuditEvent.objects.count()
    assert total > 30
    assert verify_command().strip() == f"audit journal intact: {total} event(s) verified"


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("after", '{"slug": "gia-mao", "full_name": "Giả mạo"}'),
        ("before", '{"full_name": "Ban Tổ chức"}'),
        ("actor_name", "lanhdao.thanhuy"),
        ("object_id", "999"),
    ],
)
def test_audit_verify_names_the_event_whose_content_was_changed(network, column, value):
    unit_rename(by=None, unit=network.board, full_name="Ban Tổ chức Thành ủy Hà Nội")
    seq = AuditEvent.objects.get(action="unit.rename").seq
    raw_sql(f"UPDATE audit_auditevent SET {column} = %s WHERE seq = %s", [value, seq])  # noqa: S608
    message = broken_journal_message()
    assert f"broken at event #{seq}:" in message
    assert "content does not match" in message


def test_audit_verify_names_an_event_deleted_from_the_middle(network):
    raw_sql("DELETE FROM audit_auditevent WHERE seq = %s", [12])
    message = broken_journal_message()
    assert "broken at event #12: event #12 is missing" in message
    assert "11 event(s) before it are intact" in message


def test_audit_verify_names_the_last_event_when_it_was_deleted(network):
    last = AuditEvent.objects.order_by("-seq").first().seq
    raw_sql("DELETE FROM audit_auditevent WHERE seq = %s", [last])
    message = broken_journal_message()
    assert f"broken at event #{last}:" in message
    assert f"head records #{last}" in message


def test_audit_verify_notices_a_missing_head(network):
    raw_sql("DELETE FROM audit_audithead", [])
    assert "head" in broken_journal_message()
    with pytest.raises(RuntimeError, match="head"):
        user_create(by=None, username="sau", full_name="Sau khi xóa")


# Concurrent writers ---------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("journal", ["empty", "in use"])
def test_eight_concurrent_writers_leave_one_gapless_valid_chain(journal):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the PostgreSQL pass runs this")
    call_command("flush", interactive=False, verbosity=0)  # no head: the first writers race
    if journal == "in use":
        user_create(by=None, username="first", full_name="Người đầu tiên")
    start = AuditEvent.objects.count()
    writers, per_writer = 8, 10
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write(w: int) -> None:
        try:
            barrier.wait()
            for i in range(per_writer):
                user_create(by=None, username=f"w{w}-{i}", full_name=f"Người {w}-{i}")
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, start + writers * per_writer + 1))
    verdict = audit_verify_chain()
    assert (verdict.ok, verdict.checked) == (True, start + writers * per_writer)
