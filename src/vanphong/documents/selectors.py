"""Reading documents, for the apps that hold them (incoming, outgoing)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce
from operator import or_

from django.db.models import BooleanField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from vanphong.documents.models import Document


def document_holds(text: str, fields: Sequence[str]) -> Q:
    """A filter on rows with a ``document`` (incoming or outgoing documents): one of the
    document's ``fields`` holds ``text``, in any case (``icontains``), the lists' text filter.

    Tested on each row the list reads, through the document's primary key: a scalar subquery,
    which no database turns into a join or a hashed set (as PostgreSQL does an EXISTS).
    PostgreSQL, unable to tell how many documents a LIKE keeps, otherwise read every document
    of the archive first (2 s a list at a million documents), where the list's own index,
    newest first, finds a page of a common word's matches within a few thousand rows."""
    holds = reduce(or_, (Q(**{f"{name}__icontains": text}) for name in fields))
    match = Document.objects.filter(holds, pk=OuterRef("document_id")).values(hit=Value(True))
    return Q(Coalesce(Subquery(match[:1], output_field=BooleanField()), Value(False)))
