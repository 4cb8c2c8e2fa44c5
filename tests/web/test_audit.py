"""The audit page: the chain's verdict and the latest events an administrator may read."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.web.conftest import page
from vanphong.audit.models import AuditEvent
from vanphong.org.services import unit_update_contacts


def _actions(node):
    return [tr.find_all("td")[3].text for tr in node.get("events").find("tbody").find_all("tr")]


def test_an_intact_journal_is_reported_with_the_latest_events(network, login, superuser):
    audit = page(login(superuser), "/manage/audit/")
    verdict = audit.get("verdict")
    assert verdict.attrs["data-ok"] == "true"
    total = AuditEvent.objects.count()
    assert f"Đã kiểm tra {total} sự kiện." in verdict.text
    rows = audit.get("events").find("tbody").find_all("tr")
    assert len(rows) == min(total, 50)
    assert rows[0].find("th").text == str(total)  # newest first


def test_a_row_changed_behind_the_application_is_named(network, login, superuser):
    unit_update_contacts(by=None, unit=network.badinh, address="Số 1 Đội Cấn")
    target = AuditEvent.objects.get(action="unit.update")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET actor_name = %s WHERE id = %s",  # noqa: S608
            ["ke.gian", target.pk],
        )
    audit = page(login(superuser), "/manage/audit/")
    verdict = audit.get("verdict")
    assert verdict.attrs["data-ok"] == "false"
    assert f"sự kiện #{target.seq}" in verdict.text
    assert "content does not match its hash" in verdict.text
    assert "ke.gian" in verdict.text  # the event as it reads now
    assert audit.find("tr", **{"class": "broken"}).find("th").text == str(target.seq)


def test_a_unit_administrator_reads_only_the_events_of_their_units(network, login):
    unit_update_contacts(by=None, unit=network.badinh, address="Số 1 Đội Cấn")
    unit_update_contacts(by=None, unit=network.hoankiem, address="Số 2 Hàng Bài")
    audit = page(login(network.user("quantri.badinh")), "/manage/audit/")
    units = {tr.find_all("td")[2].text for tr in audit.get("events").find("tbody").find_all("tr")}
    assert units == {"Quận ủy Ba Đình"}
    assert "unit.update" in _actions(audit)
    # The city administrator administers both districts, and the city itself.
    city = page(login(network.user("quantri.thanhuy")), "/manage/audit/")
    units = {tr.find_all("td")[2].text for tr in city.get("events").find("tbody").find_all("tr")}
    assert {"Quận ủy Ba Đình", "Quận ủy Hoàn Kiếm", "Thành ủy"} <= units


def test_the_event_list_costs_the_same_queries_however_many_events(network, login):
    client = login(network.user("quantri.thanhuy"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/manage/audit/").status_code == 200
        return len(queries)

    before = count()
    for i in range(10):
        unit_update_contacts(by=None, unit=network.hoankiem, address=f"Số {i} Hàng Bài")
    assert count() == before
