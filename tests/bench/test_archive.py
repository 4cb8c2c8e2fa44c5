"""The benchmark's archive generator (``bench.archive``): what it writes must be a believable
archive, one the product itself could have written, or the figures measured on it mean little."""

from __future__ import annotations

from collections import defaultdict

import pytest
from bench.archive import generate

from vanphong.documents.models import Document
from vanphong.incoming.models import IncomingDocument
from vanphong.org.roles import cleared_for
from vanphong.search.models import SearchEntry
from vanphong.work.models import Assignment

pytestmark = pytest.mark.django_db


def test_a_small_archive_is_one_the_services_could_have_written():
    stats = generate(600, verbose=False)

    assert Document.objects.count() == stats.documents == 600
    assert stats.incoming + stats.outgoing == 600
    assert stats.outgoing > 0
    # Every document is indexed for search.
    assert SearchEntry.objects.count() == 600

    # Work goes only to whoever is cleared for the document, as work.services requires; the
    # sample holds secret documents with work on them.
    work = Assignment.objects.select_related("assignee_user", "document")
    secret_work = [a for a in work if a.document.secrecy > 0]
    assert secret_work
    assert all(
        cleared_for(a.assignee_user.clearance, a.document.secrecy)
        for a in work
        if a.assignee_user is not None
    )
    # Work keeps its document's unit, as work.services writes it.
    assert all(a.document_unit_id == a.document.unit_id for a in work)

    # Arrival numbers run from 1 without a gap or a repeat in each register and year.
    numbers: dict[tuple[int, int], list[int]] = defaultdict(list)
    for register_id, year, number in IncomingDocument.objects.filter(
        arrival_number__isnull=False
    ).values_list("register_id", "arrival_year", "arrival_number"):
        numbers[(register_id, year)].append(number)
    assert numbers
    assert all(sorted(found) == list(range(1, len(found) + 1)) for found in numbers.values())
