"""Twenty clerks issuing twenty signed documents of the same type at the same moment."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.outgoing.conftest import PASSPHRASE
from vanphong.audit.selectors import audit_verify_chain
from vanphong.outgoing.models import OutgoingDocument
from vanphong.outgoing.recipients import RecipientInput
from vanphong.outgoing.services import outgoing_issue
from vanphong.registers.models import Counter

COUNT = 20


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_issues_get_numbers_one_to_twenty(office, on_postgres):
    if not on_postgres:
        pytest.skip("thread concurrency is meaningful on PostgreSQL (SQLite serialises writers)")
    clerk = office.user("vanthu.thanhuy")
    signed = [
        office.signed(
            subject=f"Chỉ thị số {i}", recipients=[RecipientInput(unit=office.network.badinh)]
        )
        for i in range(COUNT)
    ]
    barrier = threading.Barrier(COUNT)
    results: list[str] = []
    errors: list[Exception] = []

    def work(outgoing: OutgoingDocument) -> None:
        try:
            barrier.wait()
            issued = outgoing_issue(by=clerk, outgoing=outgoing, passphrase=PASSPHRASE)
            results.append(issued.document.symbol)
        except Exception as exc:  # every failure is reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(o,)) for o in signed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [f"{n:02d}-CT/TU" for n in range(1, COUNT + 1)]
    numbers = OutgoingDocument.objects.values_list("number", flat=True)
    assert sorted(numbers) == list(range(1, COUNT + 1))
    assert Counter.objects.get().last == COUNT
    assert audit_verify_chain().ok
