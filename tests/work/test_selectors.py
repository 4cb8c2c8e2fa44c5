"""Who work can be given to, as the direction form offers them and the follow-up list filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.work.helpers import person, sub_unit
from vanphong.org.models import RoleChoices, User
from vanphong.org.selectors import today
from vanphong.org.services import membership_end, membership_grant, unit_close
from vanphong.work.selectors import assignees_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(network):
    """The city with people in two places, people without a whole name, and people and a unit
    no longer there."""
    net = network
    since = dt.date(2015, 1, 1)
    board = sub_unit(net, "badinh-btg", net.badinh, "Ban Tuyên giáo Quận ủy")
    net.board_badinh = board
    # In the city itself and in a district: listed under the city.
    membership_grant(
        by=None,
        user=net.user("chuyenvien.thanhuy"),
        unit=net.badinh,
        role="chuyenvien",
        valid_from=since,
    )
    # In a district and in its board: listed under the board (the deepest), as its leader.
    both = person(net, "hai-noi.badinh", net.badinh)
    membership_grant(by=None, user=both, unit=board, role="lanhdao", valid_from=since)
    # Named by first and last name only, or by username only.
    parts = person(net, "ten-rieng", board)
    User.objects.filter(pk=parts.pk).update(full_name="", first_name="Trần", last_name="Bình")
    bare = person(net, "chi-ten-dang-nhap", net.hoankiem)
    User.objects.filter(pk=bare.pk).update(full_name="")
    # No longer there: someone who left, a membership ended, a board dissolved with its people.
    gone = person(net, "da-nghi.badinh", net.badinh)
    User.objects.filter(pk=gone.pk).update(is_active=False)
    moved = person(net, "da-chuyen.hoankiem", net.hoankiem)
    membership_end(by=None, membership=moved.memberships.get())
    dissolved = sub_unit(net, "hoankiem-bdv", net.hoankiem, "Ban Dân vận Quận ủy")
    person(net, "chuyenvien.hoankiem-bdv", dissolved)
    unit_close(by=None, unit=dissolved, effective=today())
    return net


def test_people_and_units_are_listed_by_the_rule_work_is_given_by(city):
    net = city
    names = assignees_for(net.city)
    units = [unit.name for unit in names.units]
    assert units == [
        net.board.short_name,
        net.badinh.short_name,
        net.hoankiem.short_name,
        "Ban Tuyên giáo Quận ủy",
    ]
    assert [unit.detail for unit in names.units][-1] == "Ban Tuyên giáo Quận ủy"
    assert names.units[0].detail == net.board.full_name
    groups = {unit: [person.name for person in people] for unit, people in names.groups}
    assert list(groups) == [
        net.city.short_name,
        net.badinh.short_name,
        "Ban Tuyên giáo Quận ủy",
        net.hoankiem.short_name,
    ]
    assert "Người chuyenvien.thanhuy" in groups[net.city.short_name]
    assert "Người chuyenvien.thanhuy" not in groups[net.badinh.short_name]
    assert "Người hai-noi.badinh" in groups["Ban Tuyên giáo Quận ủy"]
    assert "Người hai-noi.badinh" not in groups[net.badinh.short_name]
    assert "Trần Bình" in groups["Ban Tuyên giáo Quận ủy"]
    assert "chi-ten-dang-nhap" in groups[net.hoankiem.short_name]
    everyone = [name for people in groups.values() for name in people]
    assert len(everyone) == len(set(everyone))
    for absent in ("da-nghi.badinh", "da-chuyen.hoankiem", "chuyenvien.hoankiem-bdv"):
        assert f"Người {absent}" not in everyone
    # Vietnamese order, by the given name: Bình before the "Người …" of the board.
    assert groups["Ban Tuyên giáo Quận ủy"][0] == "Trần Bình"


def test_a_person_is_shown_with_the_role_held_where_listed(city):
    net = city
    names = assignees_for(net.city)
    roles = {person.pk: person.detail for _unit, people in names.groups for person in people}
    assert roles[net.user("hai-noi.badinh").pk] == RoleChoices("lanhdao").label  # the board's
    assert roles[net.user("chuyenvien.badinh").pk] == RoleChoices("chuyenvien").label
    assert roles[net.user("lanhdao.badinh").pk] == RoleChoices("lanhdao").label


def test_a_secret_document_is_given_only_to_people_cleared_for_it(city):
    net = city
    cleared = person(net, "chuyenvienmat.badinh", net.badinh, clearance=1)
    everyone = {p.pk for _unit, people in assignees_for(net.badinh).groups for p in people}
    secret = {p.pk for _unit, people in assignees_for(net.badinh, secrecy=1).groups for p in people}
    assert cleared.pk in everyone
    assert net.user("chuyenvien.badinh").pk in everyone
    assert secret == {cleared.pk}
    # The units stay: a unit is given the work, its leaders pass it on to the cleared.
    assert assignees_for(net.badinh, secrecy=1).units == assignees_for(net.badinh).units


def test_a_district_lists_its_own_only(city):
    net = city
    names = assignees_for(net.badinh)
    board = net.board_badinh
    assert [tuple(unit) for unit in names.units] == [(board.pk, board.short_name, board.full_name)]
    assert [unit for unit, _people in names.groups] == [
        net.badinh.short_name,
        "Ban Tuyên giáo Quận ủy",
    ]


def test_names_are_read_in_two_queries(city):
    with CaptureQueriesContext(connection) as queries:
        assignees_for(city.city)
    assert len(queries) == 2
