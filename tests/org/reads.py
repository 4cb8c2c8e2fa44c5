"""How often a request read the person's roles (``org.selectors.actings_for``)."""

from __future__ import annotations

from django.test.utils import CaptureQueriesContext


def roles_read(captured: CaptureQueriesContext) -> int:
    """The statements of ``captured`` that read a person's memberships as ``actings_for``
    does (``org.selectors._own_sql``, which names its membership column so)."""
    return sum("AS acting_membership" in q["sql"] for q in captured.captured_queries)
