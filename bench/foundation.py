"""Foundation figures: demo load, audit appends, job throughput, API page latency."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench.common import machine, percentiles, setup, timed

setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from vanphong.api.tokens import token_create  # noqa: E402
from vanphong.audit.selectors import audit_verify_chain  # noqa: E402
from vanphong.audit.services import audit_append  # noqa: E402
from vanphong.core.events import deliver_event  # noqa: E402
from vanphong.org.demo import demo_load, reorg_2025_apply  # noqa: E402
from vanphong.org.models import User  # noqa: E402

print(f"machine: {machine()}; database: {connection.vendor}")

started = time.perf_counter()
summary = demo_load()
print(
    f"demo network load: {time.perf_counter() - started:.2f} s "
    f"({summary.units_created} units, {summary.users_created} users)"
)

started = time.perf_counter()
reorg_2025_apply(by=None)
print(f"2025 reorganisation: {time.perf_counter() - started:.2f} s")

N = 2000
started = time.perf_counter()
for i in range(N):
    with transaction.atomic():
        audit_append(action="bench.append", actor=None, after={"i": i})
elapsed = time.perf_counter() - started
print(f"audit appends (one transaction each): {N / elapsed:.0f} /s")

started = time.perf_counter()
verdict = audit_verify_chain()
print(
    f"audit verify: {verdict.checked} events in {time.perf_counter() - started:.2f} s "
    f"({'intact' if verdict.ok else 'BROKEN'})"
)

# Job throughput: jobs whose handler does nothing measurable, drained by real worker processes.
JOBS = 600
with transaction.atomic():
    for _ in range(JOBS):
        deliver_event.enqueue(
            handler="builtins.print", event_type="vanphong.core.events.Event", payload={}
        )
connection.close()
for workers in (1, 2):
    if workers == 2:
        with transaction.atomic():
            for _ in range(JOBS):
                deliver_event.enqueue(
                    handler="builtins.print", event_type="vanphong.core.events.Event", payload={}
                )
        connection.close()
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "vanphong.cli", "worker", "--batch", "--verbosity", "0"],
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    for p in procs:
        p.wait()
    elapsed = time.perf_counter() - started
    print(
        f"jobs with {workers} worker process(es): {JOBS / elapsed:.0f} jobs/s "
        f"(incl. ~1 s process start-up)"
    )
print(f"jobs succeeded: {DBTaskResult.objects.successful().count()} of {2 * JOBS}")

user = User.objects.get(username="vanthu.badinh")
admin = User.objects.get(username="quantri.thanhuy")
client = Client(HTTP_HOST="127.0.0.1")
for who in (user, admin):
    _token, secret = token_create(by=None, user=who)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client.get("/api/v1/units", **headers)
    samples = timed(lambda h=headers: client.get("/api/v1/units?include_closed=true", **h), 200)
    count = len(client.get("/api/v1/units?include_closed=true", **headers).json())
    print(f"GET /api/v1/units as {who.username} ({count} units): {percentiles(samples)}")
samples = timed(lambda: client.get("/healthz"), 300)
print(f"GET /healthz (request overhead reference): {percentiles(samples)}")
