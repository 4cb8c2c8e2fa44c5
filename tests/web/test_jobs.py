"""The failed-jobs page: what failed, what waits, and running a failed job again."""

from __future__ import annotations

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.web.conftest import follow, messages_of, page
from tests.web.jobtasks import deliver_once, deliver_with_retries
from vanphong.audit.models import AuditEvent
from vanphong.audit.selectors import audit_verify_chain


def _fail_two_jobs(run_jobs):
    failed = deliver_once.enqueue(note="công văn 15")
    waiting = deliver_with_retries.enqueue(note="thư mời")
    assert run_jobs() == 2
    return DBTaskResult.objects.get(pk=failed.id), DBTaskResult.objects.get(pk=waiting.id)


def test_failed_and_waiting_jobs_are_listed_with_their_errors(network, login, run_jobs):
    failed, waiting = _fail_two_jobs(run_jobs)
    client = login(network.user("quantri.thanhuy"))
    jobs = page(client, "/manage/jobs/")

    failed_section = jobs.get("failed-jobs")
    [card] = failed_section.find_all("article")
    assert card.attrs["data-job"] == str(failed.pk)
    assert "tests.web.jobtasks.deliver_once" in card.text
    assert "builtins.RuntimeError" in card.text
    assert "cannot deliver công văn 15" in card.find("pre").text
    assert card.find("form").attrs["action"] == f"/manage/jobs/{failed.pk}/retry/"

    [card] = jobs.get("retrying-jobs").find_all("article")
    assert card.attrs["data-job"] == str(waiting.pk)
    assert "builtins.ConnectionError" in card.text
    assert card.find("form") is None  # already queued: nothing to retry

    overview = page(client, "/manage/")
    assert overview.get("jobs-failed").text == "1"
    assert overview.get("jobs-retrying").text == "1"


def test_retrying_a_failed_job_queues_it_now_and_records_who_did_it(network, login, run_jobs):
    failed, _ = _fail_two_jobs(run_jobs)
    admin = network.user("quantri.thanhuy")
    landing = follow(login(admin).post(f"/manage/jobs/{failed.pk}/retry/", follow=True))
    assert messages_of(landing) == ["Công việc deliver_once đã được đưa lại vào hàng đợi."]

    failed.refresh_from_db()
    assert failed.status == TaskResultStatus.READY
    assert failed.worker_ids == []
    assert failed.run_after <= timezone.now()
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.actor, event.object_id) == ("job.retry", admin, str(failed.pk))
    assert event.before["status"] == "FAILED"
    assert event.before["attempts"] == 1
    assert audit_verify_chain().ok

    # The worker picks it up at once and it gets a fresh attempt.
    assert run_jobs() == 1
    failed.refresh_from_db()
    assert failed.status == TaskResultStatus.FAILED
    assert len(failed.worker_ids) == 1


def test_only_failed_jobs_can_be_retried(network, login, run_jobs):
    _, waiting = _fail_two_jobs(run_jobs)
    client = login(network.user("quantri.thanhuy"))
    landing = follow(client.post(f"/manage/jobs/{waiting.pk}/retry/", follow=True))
    assert messages_of(landing) == [
        "Chỉ có thể chạy lại công việc bị lỗi; công việc này đang chờ trong hàng đợi."
    ]
    run_after = waiting.run_after
    waiting.refresh_from_db()
    assert waiting.run_after == run_after
    assert client.post(f"/manage/jobs/{uuid.uuid4()}/retry/").status_code == 404


def test_unit_administrators_may_not_touch_the_queue(network, login, run_jobs):
    failed, _ = _fail_two_jobs(run_jobs)
    client = login(network.user("quantri.badinh"))
    assert client.post(f"/manage/jobs/{failed.pk}/retry/").status_code == 403
    failed.refresh_from_db()
    assert failed.status == TaskResultStatus.FAILED


def test_the_job_list_costs_the_same_queries_however_many_jobs(network, login, run_jobs):
    client = login(network.user("quantri.thanhuy"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/manage/jobs/").status_code == 200
        return len(queries)

    _fail_two_jobs(run_jobs)
    before = count()
    for _ in range(4):
        _fail_two_jobs(run_jobs)
    assert count() == before
