"""Searching the index: only what the person may see, decided in the query.

Three queries whatever the number of hits: the page of results (ranked by relevance, then
newest first), the snippets of that page, and the facet counts with the total. Scope is each
source's own selector (``Source.visible``) put inside those queries as a subquery, together
with the person's secrecy clearance, so nothing is filtered afterwards and a count never
includes a document the person may not open.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from vanphong.org.models import User
from vanphong.search.models import SavedSearch
from vanphong.search.query import Query, to_fts5, to_tsquery
from vanphong.search.sources import sources
from vanphong.search.text import fold_keep, highlight, nfc

SNIPPET_BEFORE = 90
SNIPPET_LENGTH = 260


@dataclass(frozen=True)
class Filters:
    """Narrowing a search (each one optional); ids and codes, already checked."""

    kind: str | None = None
    unit_id: int | None = None
    register_id: int | None = None
    document_type: str | None = None
    issuer: str | None = None
    year: int | None = None
    status: str | None = None
    secrecy: int | None = None


@dataclass(frozen=True)
class Hit:
    document_id: int
    kind: str
    source_id: int
    unit_id: int
    status: str
    symbol: str
    subject: str
    issuer: str
    issued_date: dt.date | None
    date: dt.date
    snippet: str  # HTML: escaped text with <mark> around the matching words


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    kind: str = ""  # for statuses, whose values belong to a kind


@dataclass
class SearchResult:
    count: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)


FACETS = ("kind", "unit", "document_type", "year", "status")


def _scope(user: User) -> tuple[str, list[Any]] | None:
    """SQL (on alias ``e``) for "``user`` may open it", or None when nothing is visible."""
    parts: list[str] = []
    params: list[Any] = []
    for item in sources():
        # Correlated on the entry: the scope is checked for each hit (a lookup by the unique
        # document id), not built for the whole archive before the text is matched.
        visible = item.visible(user).filter(document_id=RawSQL("e.document_id", []))
        try:
            sql, sub_params = visible.query.sql_with_params()
        except EmptyResultSet:
            continue
        parts.append(f"(e.kind = %s AND EXISTS ({sql}))")
        params.extend([item.kind, *sub_params])
    if not parts:
        return None
    # The selectors apply the clearance already, except that a clerk keeps an unregistered
    # document they received in view; search never shows what is above one's clearance.
    return f"({' OR '.join(parts)}) AND e.secrecy <= %s", [*params, user.clearance]


def _filters(filters: Filters) -> tuple[str, list[Any]]:
    sql: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("e.kind", filters.kind),
        ("e.unit_id", filters.unit_id),
        ("e.register_id", filters.register_id),
        ("e.document_type", filters.document_type),
        ("e.year", filters.year),
        ("e.status", filters.status),
        ("e.secrecy", filters.secrecy),
    ):
        if value is not None:
            sql.append(f"{column} = %s")
            params.append(value)
    if filters.issuer:
        key = " ".join(fold_keep(nfc(filters.issuer)).split())
        if key:  # folded, the key has no % or _ left
            sql.append("e.issuer_key LIKE %s")
            params.append(f"%{key}%")
    return " AND ".join(sql), params


def _matching(query: Query, user: User, filters: Filters) -> tuple[str, str, list[Any]] | None:
    """(FROM … WHERE …, the score expression, params) of the documents that match."""
    scope = _scope(user)
    if scope is None:
        return None
    if connection.vendor == "postgresql":
        source = (
            "FROM search_searchentry e CROSS JOIN to_tsquery('simple', %s) sq "
            "WHERE e.search_vector @@ sq"
        )
        score = "ts_rank(e.search_vector, sq)"
        params: list[Any] = [to_tsquery(query)]
    else:
        source = (
            "FROM search_fts JOIN search_searchentry e ON e.document_id = search_fts.rowid "
            "WHERE search_fts MATCH %s"
        )
        # bm25 is lower for better matches; the title (symbol, subject…) weighs ten times.
        score = "-bm25(search_fts, 10.0, 1.0)"
        params = [to_fts5(query)]
    where, filter_params = _filters(filters)
    sql = f"{source} AND {scope[0]}" + (f" AND {where}" if where else "")
    return sql, score, [*params, *scope[1], *filter_params]


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _snippets(query: Query, ids: list[int]) -> dict[int, str]:
    """A window of each document's text around its first match, the matching words marked;
    the subject when the text does not match (the match was in the title)."""
    if not ids:
        return {}
    needle, is_prefix = query.needle()
    pattern = f" {needle}" if is_prefix else f" {needle} "
    find = "strpos" if connection.vendor == "postgresql" else "instr"
    greatest = "greatest" if connection.vendor == "postgresql" else "max"
    start = f"{greatest}(1, {find}(' ' || body_folded || ' ', %s) - {SNIPPET_BEFORE})"
    marks = ", ".join(["%s"] * len(ids))
    # Every value below is a parameter; the SQL text is made of constants only.
    sql = (
        f"SELECT document_id, subject, {find}(' ' || body_folded || ' ', %s), {start}, "  # noqa: S608
        f"substr(body, {start}, {SNIPPET_LENGTH}), "
        f"substr(body_folded, {start}, {SNIPPET_LENGTH}), length(body) "
        f"FROM search_searchentry WHERE document_id IN ({marks})"
    )
    whole, prefixes = query.terms()
    out: dict[int, str] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [pattern, pattern, pattern, pattern, *ids])
        for document_id, subject, found, begin, text, folded, length in cursor.fetchall():
            snippet = ""
            if found and text:
                snippet = highlight(
                    text,
                    folded,
                    whole=whole,
                    prefixes=prefixes,
                    clipped_start=begin > 1,
                    clipped_end=begin + SNIPPET_LENGTH - 1 < length,
                )
            if "<mark>" not in snippet:
                snippet = highlight(
                    nfc(subject), fold_keep(nfc(subject)), whole=whole, prefixes=prefixes
                )
            out[document_id] = snippet
    return out


def search_documents(
    *, user: User, query: Query, filters: Filters | None = None, offset: int = 0, limit: int = 20
) -> SearchResult:
    """The documents ``user`` may open that match ``query`` and ``filters``: one page of them
    (documents whose own symbol was searched for first, then by relevance, then newest
    first), how many there are, and the facet counts. Three queries."""
    filters = filters or Filters()
    matching = _matching(query, user, filters)
    if matching is None:
        return SearchResult(count=0, hits=[], facets={name: [] for name in FACETS})
    source, score, params = matching
    symbol_keys = query.symbol_keys
    if symbol_keys:
        own = " OR ".join(["e.symbol_key LIKE %s"] * len(symbol_keys))
        symbol_rank = f"CASE WHEN {own} THEN 1 ELSE 0 END"
        symbol_params: list[Any] = [f"%{key}%" for key in symbol_keys]
    else:
        symbol_rank, symbol_params = "0", []
    page_sql = (
        "SELECT e.document_id, e.kind, e.source_id, e.unit_id, e.status, e.symbol, e.subject, "
        f"e.issuer, e.issued_date, e.date, {symbol_rank} AS own_symbol, {score} AS score "
        f"{source} ORDER BY own_symbol DESC, score DESC, e.date DESC, e.document_id DESC "
        "LIMIT %s OFFSET %s"
    )
    # Every value is a parameter: the SQL text is made of constants and of the selectors'
    # queries as Django compiled them (with their own parameters).
    facet_sql = (
        "WITH hits AS MATERIALIZED ("  # noqa: S608
        f"SELECT e.kind, e.unit_id, e.document_type, e.year, e.status {source}) "
        "SELECT 'kind', kind, '', count(*) FROM hits GROUP BY kind "
        "UNION ALL SELECT 'unit', CAST(unit_id AS TEXT), '', count(*) FROM hits GROUP BY unit_id "
        "UNION ALL SELECT 'document_type', document_type, '', count(*) FROM hits "
        "GROUP BY document_type "
        "UNION ALL SELECT 'year', CAST(year AS TEXT), '', count(*) FROM hits GROUP BY year "
        "UNION ALL SELECT 'status', status, kind, count(*) FROM hits GROUP BY kind, status"
    )
    with connection.cursor() as cursor:
        cursor.execute(page_sql, [*symbol_params, *params, limit, offset])
        rows = cursor.fetchall()
        cursor.execute(facet_sql, params)
        facet_rows = cursor.fetchall()
    snippets = _snippets(query, [row[0] for row in rows])
    hits = [
        Hit(
            document_id=row[0],
            kind=row[1],
            source_id=row[2],
            unit_id=row[3],
            status=row[4],
            symbol=row[5],
            subject=row[6],
            issuer=row[7],
            issued_date=_date(row[8]),
            date=_date(row[9]) or dt.date.min,
            snippet=snippets.get(row[0], ""),
        )
        for row in rows
    ]
    facets: dict[str, list[FacetCount]] = defaultdict(list)
    for name, value, kind, count in facet_rows:
        facets[name].append(FacetCount(value=str(value or ""), count=count, kind=kind or ""))
    for name in FACETS:
        # Most frequent first; years newest first.
        if name == "year":
            facets[name].sort(key=lambda f: f.value, reverse=True)
        else:
            facets[name].sort(key=lambda f: (-f.count, f.kind, f.value))
    total = sum(f.count for f in facets["kind"])
    return SearchResult(count=total, hits=hits, facets={name: facets[name] for name in FACETS})


def saved_searches_of(*, user: User) -> QuerySet[SavedSearch]:
    """The searches ``user`` saved, by name: nobody sees another person's."""
    return SavedSearch.objects.filter(user=user).order_by("name", "pk")
