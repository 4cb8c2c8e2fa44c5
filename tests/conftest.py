"""Shared fixtures. Data is built through the services, never by writing rows around them."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

# Every test run gets its own data directory (files, generated secret key), never ./var.
os.environ.setdefault("VANPHONG_DATA_DIR", tempfile.mkdtemp(prefix="vanphong-test-"))
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server

import pytest

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(component: str, available: bool, how: str = "") -> None:
    """Skip a test whose component is missing; under CI=true, fail it instead."""
    if available:
        return
    message = f"{component} is not available" + (f" ({how})" if how else "")
    if CI:
        pytest.fail(f"CI=true: {message}")
    pytest.skip(message)


def require_binary(name: str, package: str) -> str:
    path = shutil.which(name)
    require(name, path is not None, f"apt-get install {package}")
    return path or ""


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: what one test left there (search's memo of who
    sees too much to list, say, under a user id the next test reuses) must not steer another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def on_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


@dataclass
class Network:
    """A small network: a city committee with one board and two district committees."""

    city: object
    board: object
    badinh: object
    hoankiem: object
    users: dict[str, object]

    def user(self, username: str) -> object:
        return self.users[username]


@pytest.fixture
def network(db: None) -> Network:
    from vanphong.org.roles import Role
    from vanphong.org.services import membership_grant, unit_create, user_create

    since = dt.date(2015, 1, 1)
    city = unit_create(
        by=None,
        slug="thanhuy",
        kind="thanh_uy",
        full_name="Thành ủy Hà Nội",
        short_name="Thành ủy",
        issuer_code="TU",
        organ_id="000.00.00.T26",
        valid_from=since,
    )
    board = unit_create(
        by=None,
        slug="thanhuy-btc",
        kind="ban",
        full_name="Ban Tổ chức Thành ủy",
        short_name="Ban Tổ chức",
        issuer_code="BTCTU",
        parent=city,
        valid_from=since,
    )
    badinh = unit_create(
        by=None,
        slug="badinh",
        kind="quan_uy",
        full_name="Quận ủy Ba Đình",
        issuer_code="QU",
        organ_id="000.00.11.T26",
        parent=city,
        valid_from=since,
    )
    hoankiem = unit_create(
        by=None,
        slug="hoankiem",
        kind="quan_uy",
        full_name="Quận ủy Hoàn Kiếm",
        issuer_code="QU",
        organ_id="000.00.12.T26",
        parent=city,
        valid_from=since,
    )
    users = {}
    for unit in (city, badinh, hoankiem):
        for role in Role:
            name = f"{role.value}.{unit.slug}"
            users[name] = user_create(
                by=None,
                username=name,
                full_name=f"Người {name}",
                email=f"{name}@example.test",
                password="vanphong-demo",
            )
            membership_grant(
                by=None, user=users[name], unit=unit, role=role, valid_from=since, is_primary=True
            )
    return Network(city, board, badinh, hoankiem, users)


@pytest.fixture
def index_all(db: None) -> Callable[[], int]:
    """Index every document now, as the jobs after each commit would (the lists' text filter
    reads the index, ``search.lists``), without the files' text extraction."""
    from vanphong.documents.models import Document
    from vanphong.search.services import index_documents

    return lambda: index_documents(Document.objects.values_list("pk", flat=True))


@pytest.fixture(params=("listed by id", "walked among the ids", "tested on each title"))
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each way a list is narrowed by words (``search.lists``), whatever the number of titles."""
    from vanphong.search import lists

    if request.param != "listed by id":
        monkeypatch.setattr(lists, "LIST_RARE", -1)
    if request.param == "tested on each title":
        monkeypatch.setattr(lists, "LIST_AMONG", -1)
    return str(request.param)


@pytest.fixture
def run_jobs(db: None) -> Callable[..., int]:
    """Run the queued jobs that are ready, in this process, like one worker would."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from vanphong.core.worker import Worker

    def drain(limit: int = 1000) -> int:
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="pytest",
            excluded_queue_names=[],
        )
        done = 0
        while done < limit:
            with transaction.atomic():
                job = DBTaskResult.objects.ready().select_for_update().first()
                if job is None:
                    break
                job.claim(worker.worker_id)
            worker.run_task(job)
            done += 1
        return done

    return drain


# Real `vanphong` processes against a database of their own (see tests/core/support.py).
from tests.core.support import clock, instance, instance_template  # noqa: E402

__all__ = ["CI", "Network", "clock", "instance", "instance_template", "require", "require_binary"]
