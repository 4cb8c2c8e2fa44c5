"""Searching the index: only what the person may see, decided in the query.

Two queries whatever the number of hits (on PostgreSQL three or four when the first cannot
answer alone: words common in the archive but rare among the person's newest documents). The
first finds the matching documents the person may open (each source's own selector,
``Source.visible``, put inside it, with the person's secrecy clearance), newest first and at
most ``SAMPLE`` + 1 of them, with their relevance; the total, the facet counts and the order of
the page are worked out from those rows (``_candidates`` says how the scope is checked). The
last reads the page's documents and cuts their snippets. Nothing is filtered afterwards: a
count never includes a document the person may not open.

Relevance is bm25 on SQLite and ts_rank on PostgreSQL, the title (symbol, subject, issuer…)
weighing most; words found in more than ``RARE`` documents are ranked on both by how many of
the searched words the title holds (``_in_title``), as bm25 would read all their matches and
ts_rank each match's whole text again.

Above ``SAMPLE`` matches (a common word in a large archive) the total is a lower bound ("more
than 1,000"), and the ranking and the facet counts cover the ``SAMPLE`` newest matches: an
exact count or ranking would visit every match, which grows with the archive, where this
visits at most ``SAMPLE`` + 1 of them. Narrowing the search (more words, a filter) brings it
below ``SAMPLE`` and makes everything exact again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from vanphong.core.remember import Remembered
from vanphong.org.models import User
from vanphong.org.selectors import Acting, actings_for, scope_key
from vanphong.search.models import SavedSearch
from vanphong.search.query import Query, to_fts5, to_tsquery
from vanphong.search.sources import ANY_READER, sources
from vanphong.search.text import fold_keep, highlight, nfc

SNIPPET_BEFORE = 90
SNIPPET_LENGTH = 260
# Matches counted exactly, ranked and tallied by facet; beyond, the newest this many.
SAMPLE = 1000
# PostgreSQL: the newest this many documents holding one of a person's readers' words are
# listed, however many there are, and their tsvectors matched until enough are found: common
# words are found among the first few thousand; rarer ones would have the whole list read (one
# tsvector unpacked each), and are looked up match by match instead, through the GIN index.
LISTED_WALK_POSTGRESQL = 4000
# PostgreSQL: when the newest ``LISTED_WALK_POSTGRESQL`` hold too few matches, the person's
# list is walked this far before the whole archive is: words common in the archive but
# scarce among one's newest documents (a district's recent documents without a phrase its
# older ones hold) would otherwise be looked for down the archive, a tsvector read for each
# document of anyone's (114,000 of them, 560 ms, for a district leader's phrase).
LISTED_WALK_DEEPER_POSTGRESQL = 40000
# Up to this many matches of the text (counted before any scope), the words are rare: each
# match is looked up in the selectors' tables, whoever searches. FTS5 counts them in its
# index; PostgreSQL by reading documents (≈ 15 ms for a common word at a million).
RARE = 2000
# PostgreSQL: words that ANALYZE found in so many documents that together they surely match
# more than this many times ``RARE`` are taken as common without counting their matches
# (``surely_common_sql``).
COMMON = 10


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
    """``count`` matches (more than that when ``count_is_lower_bound``: then the ranking, the
    pages and the facet counts cover the ``count`` newest matches only)."""

    count: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    count_is_lower_bound: bool = False


FACETS = ("kind", "unit", "document_type", "year", "status")


@dataclass(frozen=True)
class _Visible:
    """The documents of one kind a person may open, as the kind's selector says."""

    kind: str
    # SQL of "entry ``e`` is one of them" (correlated), and params
    has: tuple[str, tuple[Any, ...]]
    # the readers' words of which each of them holds one (``Source.reader_keys``); None when
    # the source names none (its entries hold ``ANY_READER``)
    readers: tuple[str, ...] | None


# ``_visible``'s answers, by what they are made of; at most this many people's are kept.
VISIBLE_REMEMBERED = 1024
_remembered: Remembered[tuple[_Visible, ...]] = Remembered(VISIBLE_REMEMBERED)


def _visible(user: User, actings: list[Acting]) -> tuple[_Visible, ...]:
    """Each kind of document ``user`` may see some of, with its selector's queries.

    Remembered in the process by what the selectors are made of (``Source.visible``,
    ``org.selectors.scope_key``: the person, their clearance and the roles they act in, each
    role's unit): building them through the ORM took 3–4 ms of every search (a third of a
    suggestion under the header box), where the database answers the search itself in a few.
    A role given, ended or delegated, or a clearance changed, makes another key: the next
    search builds the queries again. What the queries find is read by the database at each
    search (a document assigned or registered a moment ago is found)."""
    return _remembered.get(scope_key(user, actings), lambda: _visible_built(user, actings))


def _visible_built(user: User, actings: list[Acting]) -> tuple[_Visible, ...]:
    out = []
    for item in sources():
        # Correlated on the entry: a lookup by the unique document id for each hit.
        correlated = item.visible(user, actings).filter(document_id=RawSQL("e.document_id", []))
        try:
            has_sql, has_params = correlated.query.sql_with_params()
        except EmptyResultSet:
            continue
        if connection.vendor == "postgresql":
            # OFFSET 0 keeps the subquery correlated: without it PostgreSQL may turn it into a
            # hashed subplan, which builds the person's whole visible set first.
            has_sql += " OFFSET 0"
        readers = None if item.reader_keys is None else tuple(item.reader_keys(user, actings))
        out.append(_Visible(item.kind, (has_sql, tuple(has_params)), readers))
    return tuple(out)


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
    return "".join(f" AND {term}" for term in sql), params


# What the first query reads of each match: enough to count, tally and rank it.
_COLUMNS = "e.document_id, e.kind, e.unit_id, e.document_type, e.year, e.status, e.date"


def _candidates(
    query: Query, user: User, actings: list[Acting], filters: Filters, limit: int
) -> list[tuple[Any, ...]]:
    """The newest ``limit`` matches ``user`` may open: (document_id, kind, unit_id,
    document_type, year, status, date, own_symbol, score), score higher for better.

    Newest means the latest entered (the highest document id): the order both full-text
    indexes hand their matches in, so that the query can stop after ``limit`` of them however
    many there are, and the relevance is worked out for those only.

    How the scope is checked depends on how many documents match, counted up to ``RARE`` + 1
    whoever may see them (``_probe_sql``). Rare words: each match is looked up in the
    selectors' tables, through the full-text index first (on PostgreSQL, only a match that
    holds one of the person's readers' words). Common words:

    - SQLite: FTS5 finds the matches among the documents holding one of the person's readers'
      words (``Source.reader_keys``: their units, their work; ``_fts5``), newest first, and
      each is looked up (``_looked_up_sql``): the index walks the person's documents, however
      sparse they are among the archive's newest. One query, the count choosing the way.
    - PostgreSQL, whose GIN index hands its matches in no order, lists the documents holding
      one of the same readers' words (a CTE, ``_listing_sql``: each word's documents read
      from ``search_reader``'s key), the newest ``LISTED_WALK_POSTGRESQL`` of them (each list
      read newest first and cut there, however long it is), and matches their tsvectors one by
      one, newest first, until ``limit`` are found, counting and looking up in one query
      (``_first_sql``). When too few are found (words rare among them), a second query walks
      on down the list, to ``LISTED_WALK_DEEPER_POSTGRESQL``, and only when that is not
      enough either does a third look the matches up through the GIN index.

    Every way finds the same documents, and the secrecy clearance is checked on the entry: the
    selectors apply it already, except that a clerk keeps an unregistered document they
    received in view, and search never shows what is above one's clearance.
    """
    visible = _visible(user, actings)
    if not visible:
        return []
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(*_looked_up_sql(query, visible, user, filters, limit))
            return list(cursor.fetchall())
    listable = _listable(query)
    with connection.cursor() as cursor:
        cursor.execute(*_first_sql(query, visible, user, filters, limit, listable=listable))
        first: list[tuple[Any, ...]] = cursor.fetchall()
        # ``seen`` is None when ``limit`` were found; then the columns of a match, or NULLs
        matches, seen = first[0][:2]
        found = [row[2:] for row in first if row[2] is not None]
        if matches <= RARE:
            return found
        if listable and (len(found) >= limit or seen <= LISTED_WALK_POSTGRESQL):
            return found  # enough, or the person's whole list was walked
        if listable:  # too few among the newest: further down the person's list first
            walk, skip = LISTED_WALK_DEEPER_POSTGRESQL, LISTED_WALK_POSTGRESQL
            cursor.execute(
                *_first_sql(
                    query,
                    visible,
                    user,
                    filters,
                    limit - len(found),
                    walk=walk,
                    skip=skip,
                    matches=matches,
                )
            )
            further = cursor.fetchall()
            seen = further[0][1]
            found += [row[2:] for row in further if row[2] is not None]
            if len(found) >= limit or seen <= walk:
                return found
        cursor.execute(*_looked_up_sql(query, visible, user, filters, limit))
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


def _listable(query: Query) -> bool:
    """PostgreSQL: whether the matches of ``query`` may be found among the person's list
    (``_listing_sql``). Not for symbols alone: a symbol names a few documents, its couple of
    thousand matches a handful of anyone's newest, found by the lookup alone."""
    return not all(part.symbol for part in query.parts)


def _position() -> str:
    """The SQL function of where a text first holds another (from 1; 0 when it does not)."""
    return "strpos" if connection.vendor == "postgresql" else "instr"


def _own_symbol(query: Query) -> tuple[str, list[Any]]:
    """SQL for "the entry bears a symbol that was searched for" (1 or 0)."""
    if not query.symbol_keys:
        return "0", []
    own = " OR ".join(["e.symbol_key LIKE %s"] * len(query.symbol_keys))
    return f"CASE WHEN {own} THEN 1 ELSE 0 END", [f"%{key}%" for key in query.symbol_keys]


def _fts5(query: Query, readers: Iterable[str] = ()) -> str:
    """SQLite: the ``MATCH`` expression of ``query``, and with ``readers`` among the entries
    holding one of those readers' words (``Source.reader_keys``). Neither needs a column
    filter: words searched for are never readers' words (``sources.unit_reader``)."""
    text = to_fts5(query)
    if not readers:
        return text
    words = " OR ".join(f'"{word}"' for word in readers)
    return f"({text}) AND ({words})"


def _in_title(query: Query, entry: str = "e") -> tuple[str, list[Any]]:
    """For common words, on both databases (the same order on both): how many of the parts of
    ``query`` the title of ``entry`` (symbol, type, subject, issuer, signer; folded) holds,
    each as a whole word or phrase, or as the prefix it is. Common words are ranked by where
    they were found rather than how often: FTS5's bm25 reads the whole of each word's list of
    documents to weigh it (50–120 ms for a common word at a million documents, whatever the
    LIMIT), and PostgreSQL's ts_rank reads each match's whole tsvector again (4.5 ms of a city
    leader's common word at 30,000 documents, where this takes a fraction of one). Rare ones
    are ranked by bm25 and ts_rank."""
    check = f"CASE WHEN {_position()}(' ' || {entry}.title || ' ', %s) > 0 THEN 1 ELSE 0 END"
    checks: list[str] = []
    params: list[Any] = []
    for part in query.parts:
        phrase = " ".join(part.words)
        checks.append(check)
        params.append(f" {phrase}" if part.prefix else f" {phrase} ")
    return " + ".join(checks), params


def _pg_ranked(kept: str, query: Query, *, common: bool) -> tuple[str, list[Any]]:
    """PostgreSQL: the rows of ``kept`` (the matches kept, with their ``search_vector`` and
    ``title``) with their relevance, and its parameters, which come first: for ``common``
    words what the title holds (``_in_title``), else ts_rank, which reads the whole tsvector
    again, and so runs on the rows kept, outside the LIMIT."""
    if common:
        score, params = _in_title(query, "c")
    else:
        score, params = "ts_rank(c.search_vector, to_tsquery('simple', %s))", [to_tsquery(query)]
    return (
        "SELECT c.document_id, c.kind, c.unit_id, c.document_type, c.year, c.status, "  # noqa: S608
        f"c.date, c.own_symbol, {score} FROM ({kept}) c",
        params,
    )


def surely_common_sql(
    query: Query,
    *,
    over: int | None = None,
    relation: str = "search_searchentry",
    column: str = "search_vector",
) -> tuple[str, list[Any]]:
    """PostgreSQL, SQL: whether the words of ``query`` are among the archive's most common, so
    often that documents holding them all surely number more than ``over`` (``COMMON`` ×
    ``RARE``): the documents in the index times each word's share of them, as the last ANALYZE
    found them (the statistics of ``relation``'s tsvector ``column``, of its most common
    elements; autovacuum keeps them fresh; an expression index has its own), as if the words
    occurred independently (words of one field go together more often than that). A word the
    statistics do not know may be rare, and so may anything before the first ANALYZE: false.
    Mistaken either way, the search finds the same, more slowly. The statistics are read by a
    function (migration ``search.0011``), which keeps its plan for the connection."""
    words = [word for part in query.parts for word in part.words]
    return (
        "search_surely_common(%s::text[], %s::regclass, %s, %s)",
        [words, relation, column, COMMON * RARE if over is None else over],
    )


def _probe_sql(query: Query, *, listable: bool) -> tuple[str, list[Any]]:
    """SQL of how many documents match the text, counted up to ``RARE`` + 1 whoever may see
    them.

    On PostgreSQL some queries are not counted. A phrase of words (not a symbol) is taken as
    common: GIN cannot check word order, so counting builds the bitmap of every document
    holding all the words, read in full whatever the LIMIT (110 ms for a phrase of five common
    words at a million documents); the list of the person's newest documents is walked
    instead (and when the phrase is rare there, its matches are looked up). So are words the
    statistics show to be common (``surely_common_sql``). A query that is not ``listable``
    (symbols) is looked up whatever its count, by the same statement (15–25 ms saved for a
    couple of thousand matches, each tsvector read to check the word order)."""
    if connection.vendor == "sqlite":
        return (
            "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT %s) x",
            [_fts5(query), RARE + 1],
        )
    if not listable:
        return "SELECT %s", [0]
    if any(len(part.words) > 1 and not part.symbol for part in query.parts):
        return "SELECT %s", [RARE + 1]
    # The count runs only when the statistics do not settle it (a CASE evaluates the
    # subquery of the branch it takes only).
    common, common_params = surely_common_sql(query)
    return (
        f"SELECT CASE WHEN {common} THEN %s ELSE (SELECT count(*) FROM ("  # noqa: S608
        "SELECT 1 FROM search_searchentry e "
        "WHERE e.search_vector @@ to_tsquery('simple', %s) LIMIT %s) x) END",
        [*common_params, RARE + 1, to_tsquery(query), RARE + 1],
    )


def _listing_sql(
    visible: tuple[_Visible, ...], *, listable: bool, walk: int, year: int | None = None
) -> tuple[str, list[Any]]:
    """PostgreSQL: the CTE ``v(document_id)`` of ``_first_sql``: the documents the person
    may see, among others (those holding one of the person's readers' words,
    ``_Visible.readers``, and ``ANY_READER``, as SQLite's full-text table finds them), listed
    when the words are not rare (the count ``p``), each once (a leader's work in their own
    unit holds two of their words): the newest ``walk`` + 1 (each word's documents read from
    ``search_reader``'s key newest first and cut there, migration 0010), however many, and for
    a search narrowed to a ``year`` the newest from the last document of that year down (no
    document of the year was entered after it: a city's newest 40,000 documents held none of
    2020, and were walked for nothing before the archive was). Nothing when not
    ``listable``.

    Not materialized: the walk of ``_listed_sql`` reads the list as it goes and stops at its
    ``limit``th match (a common word's thousand among the person's newest thousand or so),
    where the list was read whole first, to its 4,001st document. It is read whole only to be
    counted, when too few were found."""
    words = _reader_words(visible)
    cut = walk + 1
    bound, bound_params = _last_of_year(year, "document_id")
    union = " UNION ALL ".join(
        f"SELECT document_id FROM (SELECT document_id FROM search_reader "  # noqa: S608
        f"WHERE word = %s{bound} ORDER BY document_id DESC LIMIT %s) AS l{i}"
        for i in range(len(words))
    )
    params = [p for word in words for p in (word, *bound_params, cut)]
    newest, newest_params = _limit_if("(SELECT n FROM p) > %s", [RARE], cut if listable else 0)
    return (
        f"l(document_id) AS ({union}), "  # noqa: S608
        "v(document_id) AS NOT MATERIALIZED (SELECT DISTINCT document_id FROM l "
        f"ORDER BY document_id DESC{newest})",
        [*params, *newest_params],
    )


def _reader_words(visible: tuple[_Visible, ...]) -> list[str]:
    """The readers' words of which each document the person may see holds one: each
    source's (``_Visible.readers``), and ``ANY_READER``, the word of entries whose readers
    are not known (indexed before they were, or of a source that names none)."""
    return sorted({ANY_READER, *(word for v in visible for word in v.readers or ())})


def _last_of_year(year: int | None, column: str) -> tuple[str, list[Any]]:
    """SQL to add to a WHERE (``AND`` …): the document id ``column`` no later than the last
    document entered of ``year`` (none of that year was entered after it), read from the index
    of each year's entries newest first; nothing without a year."""
    if year is None:
        return "", []
    return (
        f" AND {column} <= (SELECT coalesce(max(document_id), 0) "  # noqa: S608
        "FROM search_searchentry WHERE year = %s)",
        [year],
    )


def _first_sql(
    query: Query,
    visible: tuple[_Visible, ...],
    user: User,
    filters: Filters,
    limit: int,
    *,
    listable: bool = True,
    walk: int | None = None,
    skip: int = 0,
    matches: int | None = None,
) -> tuple[str, list[Any]]:
    """PostgreSQL, the first query of ``_candidates``: rows of (how many documents match the
    text, counted up to ``RARE`` + 1 whoever may see them, ``_probe_sql``; when fewer than
    ``limit`` matches were found, how many documents were listed, as ``_listing_sql`` says when
    the words are not rare, else 0, and NULL when ``limit`` were found, which needs no count;
    then the columns of a match or NULLs), at least one row. Rare words are looked up match by
    match; common ones are matched against the person's list. When the list holds too few
    matches, they are looked up by another query (``_looked_up_sql``); a query that is not
    ``listable`` (symbols) is looked up by this one, uncounted (``_probe_sql``).

    PostgreSQL, walking further (``LISTED_WALK_DEEPER_POSTGRESQL``): ``walk`` documents
    listed, the newest ``skip`` of them passed over (walked already), ``matches`` the count
    found before (not made again)."""
    if matches is None:
        probe, probe_params = _probe_sql(query, listable=listable)
    else:
        probe, probe_params = "SELECT %s", [matches]
    walk = LISTED_WALK_POSTGRESQL if walk is None else walk
    listing, listing_params = _listing_sql(visible, listable=listable, walk=walk, year=filters.year)
    # Each way reads rows only when the counts choose it (``_limit_if``).
    listed, listed_params = _listed_sql(
        query, visible, user, filters, limit if listable else 0, walk=walk, skip=skip
    )
    looked_up, looked_up_params = _looked_up_sql(
        query, visible, user, filters, limit, rare_only=True
    )
    sql = (
        f"WITH p(n) AS ({probe}), {listing}, r AS MATERIALIZED ("  # noqa: S608
        f"SELECT * FROM ({listed}) AS a UNION ALL SELECT * FROM ({looked_up}) AS b) "
        "SELECT p.n, CASE WHEN (SELECT count(*) FROM r) < %s THEN (SELECT count(*) FROM v) END, "
        "r.* FROM p LEFT JOIN r ON 1 = 1 ORDER BY r.document_id DESC"
    )
    params = [
        *probe_params,
        *listing_params,
        *listed_params,
        *looked_up_params,
        limit,
    ]
    return sql, params


def _limit_if(condition: str, params: list[Any], limit: int) -> tuple[str, list[Any]]:
    """``LIMIT limit`` when ``condition`` (on the counts ``p`` and ``m`` of ``_first_sql``)
    holds, else ``LIMIT 0``: the database works the limit out once, before reading, and reads
    nothing at 0, where a condition in WHERE would be tested on every row the scan finds."""
    return f" LIMIT CASE WHEN {condition} THEN %s ELSE 0 END", [*params, limit]


def _listed_sql(
    query: Query,
    visible: tuple[_Visible, ...],
    user: User,
    filters: Filters,
    limit: int,
    *,
    walk: int,
    skip: int = 0,
) -> tuple[str, list[Any]]:
    """PostgreSQL: the matches among the listed documents ``v`` (``_first_sql``), newest
    first, when the words are not rare (``v`` is empty otherwise). ``v`` lists the documents
    holding one of the person's readers' words (their units', their work, rather than what of
    it they may still open): each match found in it is checked as the lookup checks it
    (``_scope``), a few rows where the exact list would have looked up every one of the
    person's documents.

    The newest ``walk`` listed (past the first ``skip``), newest first: each listed document is
    looked up and its text matched until ``limit`` are found (OFFSET 0 keeps the planner from
    joining otherwise: it counts matching a tsvector as cheap, when each one read is unpacked,
    and would read every match to find the visible). The list is sorted in a subquery, whose
    order the LIMIT can then follow: sorting the rows found would match every listed
    document."""
    scope, scope_params = _scope(visible, user)
    where, where_params = _filters(filters)
    own_symbol, own_params = _own_symbol(query)
    expression = to_tsquery(query)
    sql, rank_params = _pg_ranked(
        "SELECT x.* FROM (SELECT document_id FROM v "  # noqa: S608
        "ORDER BY document_id DESC LIMIT %s OFFSET %s) AS v "
        "CROSS JOIN LATERAL ("
        f"SELECT {_COLUMNS}, e.search_vector, e.title, {own_symbol} AS own_symbol "
        "FROM search_searchentry e WHERE e.document_id = v.document_id "
        f"AND e.search_vector @@ to_tsquery('simple', %s){where} AND {scope} "
        "OFFSET 0) x ORDER BY v.document_id DESC LIMIT %s",
        query,
        common=True,
    )
    params = [
        *rank_params,
        walk - skip,
        skip,
        *own_params,
        expression,
        *where_params,
        *scope_params,
        limit,
    ]
    return sql, params


def _scope(
    visible: tuple[_Visible, ...], user: User, *, readers_first: bool = False
) -> tuple[str, list[Any]]:
    """SQL for "``user`` may open entry ``e``": its source's selector, looked up for the one
    entry (``_Visible.has``), and its secrecy within the person's clearance.

    ``readers_first``: for the matches of the whole archive (``_looked_up_sql`` on
    PostgreSQL), whether the entry holds one of the person's readers' words (``readers``,
    read with the row; ``_reader_words``) is asked first: a test of the row alone that leaves
    out most of the archive, where each source's selector takes a lookup or three."""
    parts: list[str] = []
    params: list[Any] = [_reader_words(visible)] if readers_first else []
    for v in visible:
        parts.append(f"(e.kind = %s AND EXISTS ({v.has[0]}))")
        params += [v.kind, *v.has[1]]
    first = "string_to_array(e.readers, ' ') && %s::text[] AND " if readers_first else ""
    return f"{first}({' OR '.join(parts)}) AND e.secrecy <= %s", [*params, user.clearance]


def _looked_up_sql(
    query: Query,
    visible: tuple[_Visible, ...],
    user: User,
    filters: Filters,
    limit: int,
    *,
    rare_only: bool = False,
) -> tuple[str, list[Any]]:
    """The matches, newest first, each looked up in the selectors' tables until ``limit``
    are found.

    PostgreSQL: for rare words (``rare_only``: within ``_first_sql``, when its count ``p``
    says so), and when the person's list holds too few matches. SQLite: for any words, the
    matches counted in the same query (``_probe_sql``, up to ``RARE`` + 1); common ones among
    the documents holding the person's readers' words only (``_Visible.readers``)."""
    scope, scope_params = _scope(visible, user, readers_first=connection.vendor == "postgresql")
    where, where_params = _filters(filters)
    own_symbol, own_params = _own_symbol(query)
    if connection.vendor == "postgresql":
        if rare_only:
            chosen, chosen_params = _limit_if("(SELECT n FROM p) <= %s", [RARE], limit)
        else:
            chosen, chosen_params = " LIMIT %s", [limit]
        expression = to_tsquery(query)
        anywhere = to_tsquery(query, in_order=False)
        if anywhere == expression:
            matched, matched_params = f"{scope}{where}", [*scope_params, *where_params]
        else:
            # Words in order (a phrase, a symbol): the GIN index finds the documents holding
            # them all, but only the document's tsvector tells their order, and reading one
            # costs more than the scope's lookups (15/CT: 3,800 documents hold both words,
            # 2,400 in that order, 50 of which a specialist may see). The index is asked for
            # the words in any order, which it answers alone, and the order is checked on the
            # documents the person may see (a CASE keeps that order of the tests).
            matched = (
                f"CASE WHEN {scope}{where} "
                "THEN e.search_vector @@ to_tsquery('simple', %s) ELSE false END"
            )
            matched_params = [*scope_params, *where_params, expression]
        # Within ``_first_sql`` the words are rare; on their own, common (``_candidates``).
        sql, rank_params = _pg_ranked(
            f"SELECT {_COLUMNS}, e.search_vector, e.title, {own_symbol} AS own_symbol "  # noqa: S608
            "FROM search_searchentry e WHERE e.search_vector @@ to_tsquery('simple', %s) "
            f"AND {matched} ORDER BY e.document_id DESC{chosen}",
            query,
            common=not rare_only,
        )
        sql += " ORDER BY c.document_id DESC"
        params = [*rank_params, *own_params, anywhere, *matched_params, *chosen_params]
    else:
        # FTS5 walks its matches by rowid, descending as asked: no sort, and it stops early.
        # Rare words are ranked by bm25 (lower for better; the title weighs ten times), and
        # their matches, a couple of thousand at most, are looked up whoever searches. Common
        # ones are ranked by what the title holds (``_in_title``: bm25 would read every match,
        # and every document of the readers' words too), and FTS5 walks only the documents
        # holding one of the person's readers' words, and ``ANY_READER``: the index hands the
        # person's matches alone, however few of the archive's newest are theirs.
        # The count ``p`` chooses (CASE evaluates the branch it takes only).
        probe, probe_params = _probe_sql(query, listable=True)
        rare = "(SELECT n FROM p) <= %s"
        in_title, in_title_params = _in_title(query)
        # Narrowed to a year, the walk starts at the last document entered of that year (as
        # PostgreSQL's listing does, ``_listing_sql``), not at the newest match.
        since, since_params = _last_of_year(filters.year, "search_fts.rowid")
        sql = (
            f"WITH p(n) AS ({probe}) SELECT {_COLUMNS}, {own_symbol}, "  # noqa: S608
            f"CASE WHEN {rare} THEN -bm25(search_fts, 10.0, 1.0, 0.0) ELSE {in_title} END "
            "FROM search_fts JOIN search_searchentry e ON e.document_id = search_fts.rowid "
            f"WHERE search_fts MATCH (CASE WHEN {rare} THEN %s ELSE %s END){since} "
            f"AND {scope}{where} ORDER BY search_fts.rowid DESC LIMIT %s"
        )
        params = [
            *probe_params,
            *own_params,
            RARE,
            *in_title_params,
            RARE,
            _fts5(query),
            _fts5(query, _reader_words(visible)),
            *since_params,
            *scope_params,
            *where_params,
            limit,
        ]
    return sql, params


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _page(query: Query, ids: list[int]) -> dict[int, tuple[Any, ...]]:
    """What the page shows of each of ``ids``: (source_id, symbol, subject, issuer,
    issued_date, snippet). The snippet is a window of the document's text around its first
    match, the matching words marked; the subject when the text does not match (the match was
    in the title)."""
    if not ids:
        return {}
    needle, is_prefix = query.needle()
    pattern = f" {needle}" if is_prefix else f" {needle} "
    postgresql = connection.vendor == "postgresql"
    find = _position()
    greatest = "greatest" if postgresql else "max"
    start = f"{greatest}(1, {find}(t.folded, %s) - {SNIPPET_BEFORE})"
    kept = " OFFSET 0" if postgresql else ""
    marks = ", ".join(["%s"] * len(ids))
    # The folded text between spaces is made once for each row, and is ``body``'s length
    # (``text.fold_keep``) plus 2: each use of the column itself unpacked it again on
    # PostgreSQL (OFFSET 0 keeps the subquery): 0.3–0.4 ms of the 0.7–0.9 this statement took.
    # Every value below is a parameter; the SQL text is made of constants only.
    sql = (
        "SELECT document_id, source_id, symbol, subject, issuer, issued_date, "  # noqa: S608
        f"{find}(t.folded, %s), {start}, substr(t.body, {start}, {SNIPPET_LENGTH}), "
        f"substr(t.folded, {start} + 1, {SNIPPET_LENGTH}), length(t.folded) - 2 "
        "FROM (SELECT document_id, source_id, symbol, subject, issuer, issued_date, body, "
        "' ' || body_folded || ' ' AS folded "
        f"FROM search_searchentry WHERE document_id IN ({marks}){kept}) t"
    )
    whole, prefixes = query.terms()
    out: dict[int, tuple[Any, ...]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [pattern, pattern, pattern, pattern, *ids])
        for row in cursor.fetchall():
            document_id, source_id, symbol, subject, issuer, issued_date = row[:6]
            found, begin, text, folded, length = row[6:]
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
            out[document_id] = (source_id, symbol, subject, issuer, _date(issued_date), snippet)
    return out


def _tally(
    values: Iterable[Any], name: Callable[[Any], tuple[str, str]]
) -> Counter[tuple[str, str]]:
    """How many of ``values`` there are by ``name``: the values counted first (a thousand in
    0.2 ms, where naming each one took 1.4), then named."""
    named: Counter[tuple[str, str]] = Counter()
    for value, count in Counter(values).items():
        named[name(value)] += count
    return named


def _facets(rows: list[tuple[Any, ...]]) -> dict[str, list[FacetCount]]:
    """The matches in ``rows`` counted by kind, unit, document type, year and status."""
    _ids, kinds, units, types, years, statuses = (list(zip(*rows, strict=True)) or [()] * 6)[:6]
    tallies = {
        "kind": _tally(kinds, lambda kind: (str(kind), "")),
        "unit": _tally(units, lambda unit_id: (str(unit_id), "")),
        "document_type": _tally(types, lambda document_type: (document_type or "", "")),
        "year": _tally(years, lambda year: (str(year), "")),
        "status": _tally(zip(statuses, kinds, strict=True), lambda sk: (str(sk[0]), str(sk[1]))),
    }
    facets: dict[str, list[FacetCount]] = {}
    for name in FACETS:
        counts = [
            FacetCount(value=value, count=count, kind=kind)
            for (value, kind), count in tallies[name].items()
        ]
        # Most frequent first; years newest first.
        if name == "year":
            counts.sort(key=lambda f: f.value, reverse=True)
        else:
            counts.sort(key=lambda f: (-f.count, f.kind, f.value))
        facets[name] = counts
    return facets


def search_documents(
    *,
    user: User,
    query: Query,
    filters: Filters | None = None,
    offset: int = 0,
    limit: int = 20,
    actings: list[Acting] | None = None,
) -> SearchResult:
    """The documents ``user`` may open that match ``query`` and ``filters``: one page of them
    (documents whose own symbol was searched for first, then by relevance, then newest
    first), how many there are, and the facet counts. Two queries (one when nothing matches).

    ``actings``: the person's roles as ``actings_for`` gives them, when the caller has read
    them already (else they are read here, once for every source). Above ``SAMPLE`` matches
    the count is a lower bound and the rest covers the ``SAMPLE`` newest (module docstring).
    """
    if actings is None:
        actings = actings_for(user)
    rows = _candidates(query, user, actings, filters or Filters(), SAMPLE + 1)
    lower_bound = len(rows) > SAMPLE
    rows = rows[:SAMPLE]
    # The same order as ORDER BY own_symbol DESC, score DESC, date DESC, document_id DESC.
    ranked = sorted(rows, key=lambda r: (r[7], r[8], _date(r[6]), r[0]), reverse=True)
    page = ranked[offset : offset + limit]
    shown = _page(query, [row[0] for row in page])
    hits = []
    for document_id, kind, unit_id, _type, _year, status, date, *_rank in page:
        source_id, symbol, subject, issuer, issued_date, snippet = shown[document_id]
        hits.append(
            Hit(
                document_id=document_id,
                kind=kind,
                source_id=source_id,
                unit_id=unit_id,
                status=status,
                symbol=symbol,
                subject=subject,
                issuer=issuer,
                issued_date=issued_date,
                date=_date(date) or dt.date.min,
                snippet=snippet,
            )
        )
    return SearchResult(
        count=len(rows), hits=hits, facets=_facets(rows), count_is_lower_bound=lower_bound
    )


def saved_searches_of(*, user: User) -> QuerySet[SavedSearch]:
    """The searches ``user`` saved, by name: nobody sees another person's."""
    return SavedSearch.objects.filter(user=user).order_by("name", "pk")
