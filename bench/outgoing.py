"""Outgoing documents: issuing one signed directive to the 30 district committees, until all 30
have it in their intake (number, seal, register entry and outbox in the clerk's request, then
the deliveries by two real worker processes), and the steps before it."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from bench.common import machine, setup

setup()

from django.db import connection, transaction  # noqa: E402
from tests.outgoing.conftest import draft_bytes  # noqa: E402

from vanphong.documents.storage import spool  # noqa: E402
from vanphong.exchange.models import Delivery  # noqa: E402
from vanphong.org.demo import demo_load  # noqa: E402
from vanphong.org.models import Unit, User  # noqa: E402
from vanphong.outgoing.demo import DISTRICTS, outgoing_demo_load  # noqa: E402
from vanphong.outgoing.models import RecipientGroup  # noqa: E402
from vanphong.outgoing.recipients import RecipientInput  # noqa: E402
from vanphong.outgoing.services import (  # noqa: E402
    outgoing_create,
    outgoing_issue,
    outgoing_sign,
    outgoing_submit,
)
from vanphong.signing.demo import signing_demo_load  # noqa: E402
from vanphong.signing.services import DEMO_PASSPHRASE  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
WORKERS = 2
# How often an idle worker looks for new jobs (the default of `vanphong worker` is 1 s).
POLL = 0.1

print(f"machine: {machine()}; database: {connection.vendor}; rounds: {ROUNDS}")
demo_load()
signing_demo_load()
outgoing_demo_load()
city = Unit.objects.get(slug="thanhuy")
author = User.objects.get(username="chuyenvien.thanhuy")
signer = User.objects.get(username="lanhdao.thanhuy")
clerk = User.objects.get(username="vanthu.thanhuy")
districts = RecipientGroup.objects.get(owner=city, name=DISTRICTS)
content = draft_bytes(signer=signer.full_name)
connection.close()

WORKER = [sys.executable, "-m", "vanphong.cli", "worker", "--interval", str(POLL), "-v", "0"]
workers = [
    subprocess.Popen(
        WORKER,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
    )
    for _ in range(WORKERS)
]
timings: dict[str, list[float]] = {"create": [], "sign": [], "issue": [], "all 30": []}
try:
    for i in range(ROUNDS):
        started = time.perf_counter()
        with spool([content], name="chi-thi.pdf") as spooled, transaction.atomic():
            outgoing = outgoing_create(
                by=author,
                unit=city,
                files=[spooled],
                document_type="CT",
                subject=f"Về tăng cường công tác tham mưu, lần {i + 1}",
                signer=signer,
                recipients=[RecipientInput(group=districts)],
            )
        outgoing_submit(by=author, outgoing=outgoing)
        timings["create"].append(time.perf_counter() - started)
        started = time.perf_counter()
        outgoing_sign(by=signer, outgoing=outgoing, passphrase=DEMO_PASSPHRASE)
        timings["sign"].append(time.perf_counter() - started)

        started = time.perf_counter()
        outgoing = outgoing_issue(by=clerk, outgoing=outgoing, passphrase=DEMO_PASSPHRASE)
        timings["issue"].append(time.perf_counter() - started)
        deliveries = Delivery.objects.filter(document=outgoing.document)
        expected = deliveries.count()
        while deliveries.filter(incoming__isnull=False).count() < expected:
            if time.perf_counter() - started > 120:
                sys.exit(f"only some of the {expected} deliveries arrived within 120 s")
            time.sleep(0.01)
        timings["all 30"].append(time.perf_counter() - started)
        connection.close()
finally:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.wait()


def _line(name: str) -> str:
    values = timings[name]
    return f"median {statistics.median(values):.2f} s, worst {max(values):.2f} s"


symbol = outgoing.document.symbol
print(f"issued {ROUNDS} directives, the last one {symbol}, each to {expected} district committees")
print(f"draft created and submitted: {_line('create')}")
print(f"signed by the secretary (PAdES, visible signature): {_line('sign')}")
print(f"issue (number, stamp, agency seal, register, outbox for 30): {_line('issue')}")
print(
    f"issue until all 30 have it in their intake ({WORKERS} workers polling every {POLL} s): "
    f"{_line('all 30')}"
)
