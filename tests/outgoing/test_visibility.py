"""Who may open an outgoing document, one way of seeing it at a time (``outgoing_visible_to``):
a reviewer of an earlier round, the unit that drafts it, a delegated role, and the secrecy
clearance over every part. Each answer is asked the two ways the selector is used: the list of
a person's documents and the check of one document (what search asks of each match)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from tests.plans import query_plan
from vanphong.core.paging import Counted
from vanphong.org.roles import Role
from vanphong.org.selectors import actings_for
from vanphong.org.services import (
    delegation_grant,
    delegation_revoke,
    membership_end,
    membership_grant,
    user_create,
)
from vanphong.outgoing.models import OutgoingDocument
from vanphong.outgoing.selectors import (
    LATEST_ISSUED,
    RECENT,
    OutgoingList,
    outgoing_visible_branches,
    outgoing_visible_to,
)
from vanphong.outgoing.services import outgoing_review, outgoing_submit

pytestmark = pytest.mark.django_db

CITY_WIDE = {"lanhdaovp.thanhuy", "lanhdao.thanhuy", "phobithu.thanhuy", "vanthu.thanhuy"}


def seeing(office: Any, outgoing: Any) -> set[str]:
    """The people of the test network who may open ``outgoing``: the same whether their
    documents are listed, this one is checked, or their list is read branch by branch as the
    pages read it (``OutgoingList``)."""
    listed, checked, paged = set(), set(), set()
    for name in office.network.users:
        person = office.user(name)
        visible = outgoing_visible_to(person)
        if outgoing.document_id in set(visible.values_list("document_id", flat=True)):
            listed.add(name)
        if visible.filter(document_id=outgoing.document_id).exists():
            checked.add(name)
        page, _count = OutgoingList(person, actings=actings_for(person)).page_and_count(0, 50, 50)
        if outgoing.pk in {item.pk for item in page}:
            paged.add(name)
    assert listed == checked == paged
    return listed


def drafted_below(office: Any) -> Any:
    """A letter of the city's people's committee, drafted by its office (the unit below)."""
    return office.create(
        author="chuyenvien.ubnd-vp",
        unit=office.ubnd,
        drafting_unit=office.ubnd_vp,
        signer="lanhdao.ubnd",
        document_type="CV",
        subject="V/v triển khai công tác năm 2026",
        content=office.state_draft("công văn", notation="UBND-VP"),
    )


def test_a_reviewer_of_an_earlier_round_keeps_the_draft_in_view(office):
    outgoing = office.create(reviewers=("lanhdao.badinh",))
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    outgoing_review(
        by=office.user("lanhdao.badinh"), outgoing=outgoing, action="return", comment="Sửa lại"
    )
    outgoing_submit(
        by=outgoing.author, outgoing=outgoing, reviewers=[office.user("lanhdaovp.thanhuy")]
    )
    # The district leader reviewed only the first round and has no role in the city.
    assert seeing(office, outgoing) == {"chuyenvien.thanhuy", "lanhdao.badinh", *CITY_WIDE}


def test_the_drafting_unit_sees_what_it_drafts_for_the_unit_above(office):
    clerk = user_create(by=None, username="vanthu.ubnd-vp", full_name="Người vanthu.ubnd-vp")
    membership_grant(
        by=None,
        user=clerk,
        unit=office.ubnd_vp,
        role=Role.VANTHU,
        valid_from=dt.date(2015, 1, 1),
        is_primary=True,
    )
    office.network.users["vanthu.ubnd-vp"] = clerk
    outgoing = drafted_below(office)
    # The office's clerk through the drafting unit; the issuing unit's clerk and leader through
    # the unit; not the issuing unit's specialist.
    assert seeing(office, outgoing) == {
        "chuyenvien.ubnd-vp",
        "vanthu.ubnd-vp",
        "vanthu.ubnd",
        "lanhdao.ubnd",
    }


def test_a_delegated_role_shows_the_units_drafts_while_it_lasts(office):
    outgoing = office.create()
    assert seeing(office, outgoing) == {"chuyenvien.thanhuy", *CITY_WIDE}
    now = timezone.now()
    clerk = office.user("vanthu.thanhuy")
    delegation = delegation_grant(
        by=clerk,
        grantor=clerk,
        grantee=office.user("quantri.thanhuy"),
        unit=office.city,
        role=Role.VANTHU,
        valid_from=now - dt.timedelta(hours=1),
        valid_to=now + dt.timedelta(days=3),
        reason="Nghỉ phép",
    )
    assert seeing(office, outgoing) == {"chuyenvien.thanhuy", "quantri.thanhuy", *CITY_WIDE}
    delegation_revoke(by=clerk, delegation=delegation)
    assert seeing(office, outgoing) == {"chuyenvien.thanhuy", *CITY_WIDE}


def test_the_signer_keeps_the_draft_in_view_after_their_role_ends(office):
    outgoing = office.create(signer="lanhdao.thanhuy")
    signer = office.user("lanhdao.thanhuy")
    membership_end(by=None, membership=signer.memberships.get(unit=office.city, role="lanhdao"))
    # No longer a leader of the city, still the one to sign it.
    assert seeing(office, outgoing) == {"chuyenvien.thanhuy", *CITY_WIDE}


def test_a_secret_draft_only_for_people_cleared_whatever_their_part(office):
    def clear(name: str, level: int) -> None:
        person = office.user(name)
        person.clearance = level
        person.save(update_fields=["clearance"])

    for name in ("chuyenvien.thanhuy", "lanhdao.thanhuy", "lanhdao.badinh", "vanthu.thanhuy"):
        clear(name, 1)
    outgoing = office.create(secrecy="mat", reviewers=("lanhdao.badinh",))
    outgoing_submit(by=outgoing.author, outgoing=outgoing)
    # The office leader and the deputy secretary see the city's drafts, but not this one.
    assert seeing(office, outgoing) == {
        "chuyenvien.thanhuy",
        "lanhdao.badinh",
        "lanhdao.thanhuy",
        "vanthu.thanhuy",
    }
    # Clearances lowered later: the author, the reviewer and the clerk lose it.
    for name in ("chuyenvien.thanhuy", "lanhdao.badinh", "vanthu.thanhuy"):
        clear(name, 0)
    assert seeing(office, outgoing) == {"lanhdao.thanhuy"}


def test_a_persons_documents_are_found_through_their_branches_indexes(office):
    """Listing a person's documents starts from the indexes of the scope's branches (author,
    signer, units, the reviewer's steps) and reads the documents table by primary key only:
    it costs what the person has, not what the archive holds. Before, SQLite walked every
    document within the person's clearance and tested the scope on each."""
    if connection.vendor != "sqlite":
        # PostgreSQL reads tables this small whole whatever the query; checked on an archive.
        pytest.skip("SQLite's plan; PostgreSQL plans by the size of the tables")
    for name in ("chuyenvien.thanhuy", "lanhdao.badinh", "vanthu.thanhuy"):
        visible = outgoing_visible_to(office.user(name)).values("document_id")
        plan = query_plan(*visible.query.sql_with_params())
        assert plan[0] == "MULTI-INDEX OR", plan
        assert not [step for step in plan if step.startswith("SCAN")], plan
        assert all("PRIMARY KEY" in step for step in plan if "documents_document" in step), plan


def test_a_document_drafted_where_it_is_issued_is_read_through_the_issuing_unit_only(office):
    """A person who sees a unit whole reads its documents through the issuing unit's branch;
    the drafting unit's holds only those another unit issues, and its index only those: the
    list reads each document once, not once for each of its two units."""
    own = office.create()  # drafted and issued by the city committee
    below = drafted_below(office)  # drafted by the people's committee's office, issued above
    clerk = user_create(by=None, username="vanthu.ubnd-vp", full_name="Người vanthu.ubnd-vp")
    membership_grant(by=None, user=clerk, unit=office.ubnd_vp, role=Role.VANTHU, is_primary=True)

    def drafting_branch(person: Any) -> Any:
        # Author, signer, the one unit seen whole as issuer, then as drafter, reviewer.
        branches = outgoing_visible_branches(person, actings=actings_for(person))
        assert len(branches) == 5
        assert branches[3][0] is None  # of no one unit: issued elsewhere
        return OutgoingDocument.objects.filter(branches[3][1]).order_by(*RECENT).values("pk")

    assert list(drafting_branch(office.user("vanthu.thanhuy"))) == []
    assert list(drafting_branch(clerk)) == [{"pk": below.pk}]
    assert own.unit_id == own.drafting_unit_id
    if connection.vendor == "sqlite":
        plan = " ".join(query_plan(*drafting_branch(clerk).query.sql_with_params()))
        assert "USING INDEX outgoing_recent_drafting_unit" in plan, plan


def test_the_list_read_branch_by_branch_is_the_rule_in_its_order_page_by_page(office):
    """``OutgoingList`` reads each branch of the rule apart, each cut at what the page and the
    count need: every page and count is what the rule's one query, sorted, gives."""
    for name, level in (("chuyenvien.thanhuy", 1), ("lanhdao.thanhuy", 1)):
        person = office.user(name)
        person.clearance = level
        person.save(update_fields=["clearance"])
    documents = [
        office.create(),  # the city's, for its leader to sign
        office.create(signer="phobithu.thanhuy"),
        office.create(secrecy="mat"),  # not for the clerk, cleared for nothing secret
        office.create(author="lanhdaovp.thanhuy", signer="phobithu.thanhuy"),
    ]
    reviewed = office.create(reviewers=("lanhdao.badinh",))  # the district's leader reviews
    outgoing_submit(by=reviewed.author, outgoing=reviewed)
    state = drafted_below(office)
    documents += [reviewed, state]
    # Branches interleaved in both orders, ties broken by id; one never issued (NULL).
    start = timezone.now()
    for i, (item, minutes) in enumerate(zip(documents, (3, 1, 4, 1, 5, 2), strict=True)):
        OutgoingDocument.objects.filter(pk=item.pk).update(
            updated_at=start - dt.timedelta(minutes=minutes),
            issued_at=None if i == 2 else start - dt.timedelta(minutes=10 - minutes),
        )

    people = ("lanhdao.thanhuy", "vanthu.thanhuy", "chuyenvien.thanhuy", "lanhdao.badinh")
    for name in (*people, "lanhdao.ubnd", "chuyenvien.ubnd-vp"):
        person = office.user(name)
        for order in (RECENT, LATEST_ISSUED):
            for mine, where in ((False, None), (True, None), (False, Q(status="in_review"))):
                rule = outgoing_visible_to(person).filter(where or Q()).order_by(*order)
                if mine:
                    rule = rule.filter(author=person)
                expected = list(rule.values_list("pk", flat=True))
                listed = OutgoingList(
                    person, actings=actings_for(person), where=where, order=order, mine=mine
                )
                for first, stop, count_to in ((0, 2, 1), (1, 3, 2), (0, 10, 100), (4, 6, 0)):
                    page, counted = listed.page_and_count(first, stop, count_to)
                    assert [item.pk for item in page] == expected[first:stop], (name, order)
                    total = len(expected)
                    assert counted == Counted(min(total, count_to), total > count_to)
    leader = office.user("lanhdao.thanhuy")
    read = OutgoingList(leader, actings=actings_for(leader))  # as a Paginator reads it
    # The last changed first, two changed at once by id; the state agency's not his.
    expected = [documents[k].pk for k in (3, 1, 0, 2, 4)]
    assert (len(read), [item.pk for item in read[0:10]]) == (5, expected)
    reviewer = office.user("lanhdao.badinh")
    assert OutgoingList(reviewer, actings=actings_for(reviewer))[0:10] == [reviewed]
