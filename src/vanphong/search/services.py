"""Keeping the search index in step with the documents.

The index is derived data: ``index_documents`` rebuilds the entries of the documents it is
given from what they are now, whatever happened before, so running it twice, late or out of
order does no harm. It runs in background jobs after the change is committed (see
``vanphong.search.handlers``) and in ``vanphong reindex``; it is never called inside the
transaction of a registration or any other service, so it can never make one fail.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from vanphong.audit.services import audit_append
from vanphong.core.errors import Conflict, InvalidInput, NotFound
from vanphong.documents.doctypes import by_code
from vanphong.documents.models import Document, DocumentFile
from vanphong.org.models import User
from vanphong.search.models import SavedSearch, SearchEntry
from vanphong.search.sources import ANY_READER, SourceFields, sources
from vanphong.search.text import fold_keep, nfc, symbol_key

# The text of a document's files kept in the index (characters). Enough for any real document
# (a long report is ~100,000); a scanned book beyond it is found by its first pages.
BODY_LIMIT = 200_000
BATCH = 200
# PostgreSQL: the words of the titles written, each once, for completing prefixes (migration
# 0006, ``search.lists``). In one order whoever writes: two batches writing new words at once
# wait on each other's in the same order, never in a circle.
_TITLE_WORDS = (
    "INSERT INTO search_titleword (word) SELECT DISTINCT w FROM search_searchentry, "
    "unnest(tsvector_to_array(to_tsvector('simple'::regconfig, title))) AS w "
    "WHERE document_id = ANY(%s) ORDER BY w ON CONFLICT DO NOTHING"
)
_FIELDS = [
    "kind",
    "source_id",
    "unit",
    "register_id",
    "status",
    "number",
    "document_type",
    "secrecy",
    "year",
    "issued_date",
    "date",
    "symbol",
    "symbol_key",
    "issuer",
    "issuer_key",
    "subject",
    "title",
    "body",
    "body_folded",
    "readers",
    "digest",
]


def _bodies(document_ids: list[int]) -> dict[int, str]:
    """The text of each document's files, the main file first, capped at ``BODY_LIMIT``."""
    parts: dict[int, list[str]] = defaultdict(list)
    sizes: dict[int, int] = defaultdict(int)
    rows = (
        DocumentFile.objects.filter(document_id__in=document_ids)
        .order_by("document_id", "-is_main", "position", "pk")
        .values_list("document_id", "file__text")
    )
    for document_id, text in rows.iterator(chunk_size=100):
        if not text or sizes[document_id] >= BODY_LIMIT:
            continue
        piece = text[: BODY_LIMIT - sizes[document_id]]
        parts[document_id].append(piece)
        sizes[document_id] += len(piece) + 2
    return {pk: nfc("\n\n".join(texts))[:BODY_LIMIT] for pk, texts in parts.items()}


def _entry(kind: str, document: Document, fields: SourceFields, body: str) -> SearchEntry:
    doctype = by_code(document.document_type) if document.document_type else None
    issuer = document.issuer or fields.issuer
    title = " ".join(
        part
        for part in (
            document.symbol,
            doctype.name if doctype is not None else "",
            document.subject,
            issuer,
            document.signer,
        )
        if part
    )
    values: dict[str, Any] = {
        "kind": kind,
        "source_id": fields.source_id,
        "unit_id": fields.unit_id,
        "register_id": fields.register_id,
        "status": fields.status,
        "number": fields.number,
        "document_type": document.document_type,
        "secrecy": document.secrecy,
        "year": (document.issued_date or fields.date).year,
        "issued_date": document.issued_date,
        "date": fields.date,
        "symbol": document.symbol,
        "symbol_key": symbol_key(document.symbol)[:120],
        "issuer": issuer[:255],
        "issuer_key": " ".join(fold_keep(nfc(issuer)).split())[:255],
        "subject": document.subject,
        # Words one space apart: a phrase is found in it as typed (``search.lists``).
        "title": " ".join(fold_keep(nfc(title)).split()),
        "body": body,
        "body_folded": fold_keep(body),
        # A source that names no readers leaves its documents to anyone's search (the scope's
        # rule decides on each).
        "readers": " ".join(sorted(fields.readers)) or ANY_READER,
    }
    digest = hashlib.sha1(repr(sorted(values.items())).encode(), usedforsecurity=False)
    return SearchEntry(document_id=document.pk, digest=digest.hexdigest(), **values)


def index_documents(document_ids: Iterable[int]) -> int:
    """Bring the index entries of ``document_ids`` in line with the documents; returns how
    many entries were written or removed. Documents of no known kind (or gone) leave it."""
    ids = sorted(set(document_ids))
    changed = 0
    for start in range(0, len(ids), BATCH):
        changed += _index_batch(ids[start : start + BATCH])
    return changed


def _index_batch(ids: list[int]) -> int:
    documents = {d.pk: d for d in Document.objects.filter(pk__in=ids)}
    found: dict[int, tuple[str, SourceFields]] = {}
    for item in sources():
        for document_id, fields in item.fields(documents).items():
            found[document_id] = (item.kind, fields)
    bodies = _bodies(list(found))
    entries = [
        _entry(kind, documents[pk], fields, bodies.get(pk, ""))
        for pk, (kind, fields) in found.items()
    ]
    current = dict(
        SearchEntry.objects.filter(document_id__in=ids).values_list("document_id", "digest")
    )
    stale = [e for e in entries if current.get(e.document_id) != e.digest]
    gone = [pk for pk in ids if pk not in found and pk in current]
    with transaction.atomic():
        if gone:
            SearchEntry.objects.filter(document_id__in=gone).delete()
        if stale:
            SearchEntry.objects.bulk_create(
                stale,
                update_conflicts=True,
                unique_fields=["document"],
                update_fields=[*_FIELDS, "indexed_at"],
            )
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(_TITLE_WORDS, [[e.document_id for e in stale]])
    return len(stale) + len(gone)


def index_remove_missing(*, kind: str | None = None) -> int:
    """Drop the entries of documents that no longer belong to their kind (or to ``kind``)."""
    removed = 0
    for item in sources():
        if kind is not None and item.kind != kind:
            continue
        removed += (
            SearchEntry.objects.filter(kind=item.kind)
            .exclude(document_id__in=item.all_ids())
            .delete()[0]
        )
    if kind is None:
        known = [item.kind for item in sources()]
        removed += SearchEntry.objects.exclude(kind__in=known).delete()[0]
    return removed


MAX_SAVED_SEARCHES = 100
SAVED_SEARCH_FILTERS = frozenset(
    {"kind", "unit", "register", "document_type", "issuer", "year", "status", "secrecy"}
)


@transaction.atomic
def saved_search_create(*, by: User, name: str, query: str, filters: dict[str, str]) -> SavedSearch:
    """Keep ``query`` and ``filters`` (the results page's parameters) under ``name`` for ``by``.

    Names are unique per person; only the known filter parameters are kept. Audited.
    """
    name = " ".join(name.split())
    if not name:
        raise InvalidInput(_("Give the search a name."), code="name_required")
    if len(name) > SavedSearch._meta.get_field("name").max_length:  # type: ignore[operator]
        raise InvalidInput(_("The name is too long."), code="name_too_long")
    query = query.strip()[: SavedSearch._meta.get_field("query").max_length]
    kept = {k: str(v) for k, v in sorted(filters.items()) if k in SAVED_SEARCH_FILTERS and v}
    # Lock the person's row: two saves with the same name at once cannot both pass the check.
    User.objects.select_for_update().filter(pk=by.pk).first()
    mine = SavedSearch.objects.filter(user=by)
    if mine.filter(name=name).exists():
        raise Conflict(
            _("You already have a saved search named “%(name)s”.") % {"name": name},
            code="name_taken",
        )
    if mine.count() >= MAX_SAVED_SEARCHES:
        raise Conflict(
            _("You can keep at most %(max)d saved searches.") % {"max": MAX_SAVED_SEARCHES},
            code="too_many",
        )
    saved = SavedSearch.objects.create(user=by, name=name, query=query, filters=kept)
    audit_append(
        action="saved_search.create",
        actor=by,
        obj=saved,
        after={"name": name, "query": query, "filters": kept},
    )
    return saved


@transaction.atomic
def saved_search_delete(*, by: User, saved_search_id: int) -> None:
    """Delete one of ``by``'s saved searches; someone else's is not found. Audited."""
    saved = SavedSearch.objects.select_for_update().filter(pk=saved_search_id, user=by).first()
    if saved is None:
        raise NotFound(_("No such saved search."))
    before = {"name": saved.name, "query": saved.query, "filters": saved.filters}
    audit_append(action="saved_search.delete", actor=by, obj=saved, before=before)
    saved.delete()
