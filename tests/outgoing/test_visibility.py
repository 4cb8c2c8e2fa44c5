"""Who may open an outgoing document, one way of seeing it at a time (``outgoing_visible_to``):
a reviewer of an earlier round, the unit that drafts it, a delegated role, and the secrecy
clearance over every part. Each answer is asked the two ways the selector is used: the list of
a person's documents and the check of one document (what search asks of each match)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from vanphong.org.roles import Role
from vanphong.org.services import (
    delegation_grant,
    delegation_revoke,
    membership_end,
    membership_grant,
    user_create,
)
from vanphong.outgoing.selectors import outgoing_visible_to
from vanphong.outgoing.services import outgoing_review, outgoing_submit

pytestmark = pytest.mark.django_db

CITY_WIDE = {"lanhdaovp.thanhuy", "lanhdao.thanhuy", "phobithu.thanhuy", "vanthu.thanhuy"}


def seeing(office: Any, outgoing: Any) -> set[str]:
    """The people of the test network who may open ``outgoing``: the same whether their
    documents are listed or this one is checked."""
    listed, checked = set(), set()
    for name in office.network.users:
        visible = outgoing_visible_to(office.user(name))
        if outgoing.document_id in set(visible.values_list("document_id", flat=True)):
            listed.add(name)
        if visible.filter(document_id=outgoing.document_id).exists():
            checked.add(name)
    assert listed == checked
    return listed


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
    outgoing = office.create(
        author="chuyenvien.ubnd-vp",
        unit=office.ubnd,
        drafting_unit=office.ubnd_vp,
        signer="lanhdao.ubnd",
        document_type="CV",
        subject="V/v triển khai công tác năm 2026",
        content=office.state_draft("công văn", notation="UBND-VP"),
    )
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
        sql, params = visible.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = [row[-1] for row in cursor.fetchall()]
        assert plan[0] == "MULTI-INDEX OR", plan
        assert not [step for step in plan if step.startswith("SCAN")], plan
        assert all("PRIMARY KEY" in step for step in plan if "documents_document" in step), plan
