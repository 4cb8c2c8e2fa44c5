"""Who sees which outgoing document, what waits for whom, the outgoing register's lines, and
the saved groups of recipients."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from vanphong.core.errors import Forbidden
from vanphong.org.demo import demo_load
from vanphong.org.models import Unit
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
