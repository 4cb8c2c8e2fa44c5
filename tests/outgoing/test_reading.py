"""Who sees which outgoing document, what waits for whom, the outgoing register's lines, and
the saved groups of recipients."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

import pytest
from django.db import connection
from django.utils import timezone, translation

from tests.plans import forget_statistics, query_plan
from vanphong.core.errors import Forbidden
from vanphong.core.paging import capped_count_sql
from vanphong.org.demo import demo_load
from vanphong.org.models import Unit
from vanphong.org.selectors import actings_for
from vanphong.outgoing.demo import BOARDS, DISTRICTS, outgoing_demo_load
from vanphong.outgoing.models import RecipientGroup
from vanphong.outgoing.recipients import RecipientInput, recipients_from_text
from vanphong.outgoing.selectors import (
    outgoing_register_rows,
    outgoing_todo,
    outgoing_visible_to,
)
from vanphong.outgoing.services import outgoing_recall, outgoing_submit, recipient_group_save

pytestmark = pytest.mark.django_db


def test_a_draft_is_seen_by_those_who_work_on_it_and_by_the_units_leaders(office):
    outgoing = office.create(reviewers=("lanhdaovp.thanhuy",))
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    seeing = {
        name
        for name in office.network.users
        if outgoing_visible_to(office.user(name)).filter(pk=outgoing.pk).exists()
    }
    assert seeing == {
        "chuyenvien.thanhuy",  # the author
        "lanhdaovp.thanhuy",  # reviewer and office leader
        "lanhdao.thanhuy",  # the signer
        "phobithu.thanhuy",  # a leader of the unit
        "vanthu.thanhuy",  # the clerk who will issue it
    }
    assert [o.pk for o in outgoing_todo(office.user("lanhdaovp.thanhuy"))] == [outgoing.pk]
    assert list(outgoing_todo(office.user("lanhdao.thanhuy"))) == []


# What ANALYZE finds in the outgoing documents of a city's archive at a million documents
# (``bench.archive``, SQLite's sqlite_stat1): 119,993 of them, some 3,871 for each unit, author
# and signer, nearly all issued (the status tells none apart).
ARCHIVE_STATISTICS = {
    "outgoing_outgoingdocument_status_b5ba60d6": "119993 119993",
    "outgoing_ou_unit_id_f2f4fa_idx": "119993 3871 3871 1",
    **{
        f"outgoing_{name}_{by}": "119993 3871 1" + (" 1" if name != "ids" else "")
        for name in ("ids", "recent", "issued")
        for by in ("unit", "author", "signer")
    },
}


@contextmanager
def archive_statistics() -> Iterator[None]:
    """SQLite plans as at a million documents: the archive's statistics written where ANALYZE
    keeps them and read again, then taken away."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # makes sqlite_stat1
        for index, stat in ARCHIVE_STATISTICS.items():
            cursor.execute(
                "INSERT OR REPLACE INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)",
                ["outgoing_outgoingdocument", index, stat],
            )
        cursor.execute("ANALYZE sqlite_schema")  # the statistics read again
        try:
            yield
        finally:
            forget_statistics()


def test_what_waits_is_read_through_the_indexes_of_what_waits(office):
    """The "to do" tab reads what waits for the person (their pending review steps, what
    they sign or wrote in the status that waits for them, their unit's signed documents by
    unit and status) and tests the visibility rule on those. At a million documents SQLite
    went through the rule's branches instead, testing each of the city office's documents:
    9 ms to count none. The same without statistics (a database never analysed)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL plans by the size of the tables")
    for name, analysed in itertools.product(
        ("vanthu.thanhuy", "lanhdaovp.thanhuy", "chuyenvien.thanhuy"), (False, True)
    ):
        person = office.user(name)
        sql, params = capped_count_sql(outgoing_todo(person, actings=actings_for(person)), 1000)
        with archive_statistics() if analysed else nullcontext():
            plan = query_plan(sql, params)
        assert "MULTI-INDEX OR" in plan, plan
        reads = " ".join(plan)
        issues = name == "vanthu.thanhuy"  # the unit's signed documents wait for the clerk
        assert ("outgoing_ou_unit_id_f2f4fa_idx (unit_id=? AND status=?)" in reads) is issues
        assert "outgoing_re_reviewe_6c166f_idx (reviewer_id=? AND status=?)" in reads, plan
        assert "outgoing_ids_unit" not in reads, plan
        assert "outgoing_recent_unit" not in reads, plan
        assert not [step for step in plan if step.startswith("SCAN outgoing")], plan


def test_secret_drafts_only_for_people_cleared(office):
    for name, level in (("chuyenvien.thanhuy", 1), ("lanhdao.thanhuy", 3)):
        person = office.user(name)
        person.clearance = level
        person.save()
    outgoing = office.create(secrecy="mat")
    assert outgoing_visible_to(office.user("chuyenvien.thanhuy")).filter(pk=outgoing.pk).exists()
    assert not outgoing_visible_to(office.user("vanthu.thanhuy")).filter(pk=outgoing.pk).exists()


def test_the_outgoing_register_lists_what_was_issued_in_order(office, run_jobs):
    first = office.issued(subject="Về công tác cán bộ")
    office.issued(
        document_type="KH",
        subject="Về triển khai chương trình công tác",
        recipients=[RecipientInput(unit=office.network.badinh)],
        urgency="khan",
    )
    office.create(subject="Chưa ban hành")
    run_jobs()
    outgoing_recall(by=office.user("vanthu.thanhuy"), outgoing=first, reason="Nhầm")
    today = timezone.localdate()
    with translation.override("en"):
        rows = outgoing_register_rows(
            user=office.user("vanthu.thanhuy"), unit=office.city, start=today, end=today
        )
    assert [(r.symbol, r.type_and_subject) for r in rows] == [
        ("01-CT/TU", "Chỉ thị về công tác cán bộ"),
        ("01-KH/TU", "Kế hoạch về triển khai chương trình công tác"),
    ]
    one, two = rows
    assert (one.issued_date, one.signer, one.copies) == (today, "Người lanhdao.thanhuy", 2)
    assert one.recipients == ("Quận ủy Ba Đình", "Quận ủy Hoàn Kiếm")
    assert one.keeping_unit == "Thành ủy"
    assert one.transferred_on == today
    assert one.notes == ("Recall requested",)
    assert two.notes == ("Urgent",)
    assert (
        outgoing_register_rows(
            user=office.user("vanthu.badinh"), unit=office.city, start=today, end=today
        )
        == []
    )


def test_recipient_groups_expand_to_their_units(office):
    clerk = office.user("vanthu.thanhuy")
    group = recipient_group_save(
        by=clerk,
        owner=office.city,
        name="Các quận ủy",
        units=[office.network.badinh, office.network.hoankiem, office.city],
    )
    assert set(group.units.values_list("slug", flat=True)) == {"badinh", "hoankiem"}
    with pytest.raises(Forbidden):
        recipient_group_save(
            by=office.user("chuyenvien.thanhuy"), owner=office.city, name="X", units=[]
        )
    chosen = recipients_from_text(owner=office.city, text=f"group:{group.pk},badinh")
    outgoing = office.create(recipients=chosen)
    assert [r.unit.slug for r in outgoing.recipients.all()] == ["badinh", "hoankiem"]


def test_the_demo_city_gets_its_two_groups(db):
    demo_load()
    assert outgoing_demo_load() == 2
    assert outgoing_demo_load() == 0
    city = Unit.objects.get(slug="thanhuy")
    districts = RecipientGroup.objects.get(owner=city, name=DISTRICTS)
    assert districts.units.count() == 30
    boards = RecipientGroup.objects.get(owner=city, name=BOARDS)
    assert "thanhuy-vp" in set(boards.units.values_list("slug", flat=True))
