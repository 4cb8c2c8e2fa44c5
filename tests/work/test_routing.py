"""Work given to a unit that closes goes to its successor (DOMAIN.md §9: routing follows
successor units), once the closure is recorded, through ``UnitClosed`` and ``work.handlers``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.work.helpers import register
from vanphong.audit.selectors import audit_verify_chain
from vanphong.documents.models import DocumentEvent
from vanphong.incoming.history import step_details
from vanphong.incoming.inbox import inbox_for_person
from vanphong.incoming.processing import incoming_direct
from vanphong.incoming.selectors import incoming_visible_to
from vanphong.org.services import unit_close, unit_create, unit_merge
from vanphong.work.access import can_act
from vanphong.work.models import Assignment, AssignmentStatus
from vanphong.work.services import (
    assignment_complete,
    assignment_return,
    assignments_route_from_closed,
)


def _city_document(network, **targets):
    """A document of the city office, directed by its office leader to units."""
    incoming = register(network, unit=network.city, clerk="vanthu.thanhuy")
    return incoming_direct(
        by=network.user("lanhdaovp.thanhuy"), incoming=incoming, text="Giao đơn vị", **targets
    )


def _given_to(direction, unit) -> Assignment:
    return direction.assignments.get(assignee_unit=unit)


def _in_work_of(network, username) -> set[int]:
    return set(inbox_for_person(network.user(username)).values_list("pk", flat=True))


def test_open_work_of_a_closed_unit_goes_to_its_successor(network, run_jobs):
    # The city gives Ba Đình the lead on one document and work to read on another; Ba Đình
    # finished a third. Ba Đình merges into Hoàn Kiếm today: Hoàn Kiếm's people have the open
    # work, with its role, deadline and direction, given by the same leader; the finished
    # work stays where it was; the history says why.
    deadline = timezone.localdate() + dt.timedelta(days=20)
    led = _city_document(network, lead=network.badinh, deadline=deadline)
    read = _city_document(network, lead=network.board, inform=[network.badinh])
    done = _city_document(network, lead=network.badinh)
    assignment_complete(
        by=network.user("chuyenvien.badinh"),
        assignment=_given_to(done, network.badinh),
        result="Xong",
    )
    specialist = network.user("chuyenvien.hoankiem")
    assert led.document_id not in set(
        incoming_visible_to(specialist).values_list("document_id", flat=True)
    )

    unit_merge(
        by=None, sources=[network.badinh], target=network.hoankiem, effective=timezone.localdate()
    )
    run_jobs()

    for direction, kind in ((led, "lead"), (read, "inform")):
        old = _given_to(direction, network.badinh)
        assert old.status == AssignmentStatus.HANDED_OVER
        new = old.handed_over_to
        assert (new.assignee_unit, new.unit, new.kind) == (network.hoankiem, network.hoankiem, kind)
        assert (new.deadline, new.direction_id, new.created_by) == (
            old.deadline,
            old.direction_id,
            old.created_by,
        )
        assert new.document_unit == network.city
        assert new.status == AssignmentStatus.NEW
        assert new.pk in _in_work_of(network, "chuyenvien.hoankiem")
        assert can_act(specialist, new)
        step = DocumentEvent.objects.get(document_id=direction.document_id, kind="handed_over")
        assert step.actor is None
        assert any("Ba Đình" in line for line in step_details(step.kind, step.data))
    assert _given_to(led, network.hoankiem).deadline == deadline
    assert led.document_id in set(
        incoming_visible_to(specialist).values_list("document_id", flat=True)
    )
    assert _given_to(done, network.badinh).status == AssignmentStatus.DONE
    assert not Assignment.objects.filter(document=done.document, assignee_unit=network.hoankiem)

    # Twice is once: nothing is left open in Ba Đình.
    assert assignments_route_from_closed(unit_id=network.badinh.pk) == []
    assert Assignment.objects.filter(assignee_unit=network.hoankiem).count() == 2
    assert audit_verify_chain().ok


def test_routed_work_joins_the_successors_own_work_of_the_same_role(network, run_jobs):
    both = _city_document(network, lead=network.board, cooperate=[network.badinh, network.hoankiem])
    unit_merge(
        by=None, sources=[network.badinh], target=network.hoankiem, effective=timezone.localdate()
    )
    run_jobs()
    theirs = _given_to(both, network.hoankiem)
    assert _given_to(both, network.badinh).handed_over_to == theirs
    assert (
        Assignment.objects.filter(document=both.document, assignee_unit=network.hoankiem).count()
        == 1
    )


def test_work_goes_to_the_end_of_the_chain_of_successors_open_today(network, run_jobs):
    # Ba Đình closes into Hoàn Kiếm, which closes the same day into a new unit, before any
    # job ran: Ba Đình's work goes to the new unit, not to a closed one.
    led = _city_document(network, lead=network.badinh)
    day = timezone.localdate()
    merged = unit_create(
        by=None,
        slug="badinh-hoankiem",
        kind="quan_uy",
        full_name="Quận ủy mới",
        parent=network.city,
        valid_from=day,
    )
    unit_merge(by=None, sources=[network.badinh], target=network.hoankiem, effective=day)
    unit_merge(by=None, sources=[network.hoankiem], target=merged, effective=day)
    run_jobs()
    assert _given_to(led, network.badinh).handed_over_to.assignee_unit == merged


def test_work_given_back_by_the_successor_goes_back_to_whoever_gave_it(network, run_jobs):
    # Not to Ba Đình, where no one is left to take it.
    led = _city_document(network, lead=network.badinh)
    unit_merge(
        by=None, sources=[network.badinh], target=network.hoankiem, effective=timezone.localdate()
    )
    run_jobs()
    routed = _given_to(led, network.hoankiem)
    assignment_return(
        by=network.user("chuyenvien.hoankiem"), assignment=routed, reason="Không thuộc"
    )
    assert _given_to(led, network.badinh).status == AssignmentStatus.HANDED_OVER
    assert not Assignment.objects.filter(
        document=led.document, status__in=["new", "accepted", "in_progress"]
    ).exists()


@pytest.mark.parametrize("successor", [False, True])
def test_a_unit_closed_without_successor_keeps_its_work(network, run_jobs, successor):
    # Nowhere to go: the work stays, for the leader who gave it to give again; with a
    # successor itself closed and going nowhere, the same.
    led = _city_document(network, lead=network.badinh)
    day = timezone.localdate()
    if successor:
        unit_close(by=None, unit=network.badinh, successor=network.hoankiem, effective=day)
        unit_close(by=None, unit=network.hoankiem, effective=day)
    else:
        unit_close(by=None, unit=network.badinh, effective=day)
    run_jobs()
    assert _given_to(led, network.badinh).status == AssignmentStatus.NEW
