"""The lists' text filter (``q`` of the incoming and outgoing lists), read from the index.

A list narrowed by words keeps the documents whose title in the index (symbol, type, subject,
issuer, signer; folded, ``SearchEntry.title``) holds them all, typed as in the search box
(``search.query``): with or without diacritics, "a phrase" in order, a symbol's words in order,
the last word as the beginning of a longer one ("kim li" finds "Kim Liên"). What the text of
the files says is for search; a list is narrowed by what its rows show.

The list then reads its own rows as it always does (its order, its scope, its indexes), with
one more condition, which takes one of three forms, chosen by how many documents hold the
words (found through the full-text index of titles, those of the list's kind, and unit for
the parts of a list that hold one unit's, ``Words``):

- few (at most ``LIST_RARE``): their ids, listed once, so that the list reads them through its
  indexes instead of walking its rows for them (a word no title of the unit holds had the list
  read the whole unit: 0.4–0.75 s for the city office at a million documents on PostgreSQL);
- some (at most ``LIST_AMONG``): their ids again, but the list walks its rows newest first as
  it does unfiltered, each row's document looked up among the ids in memory (``_WalkedAmong``),
  where reading thousands of rows by id and sorting them costs more than finding a page among
  the newest; its count, which needs no order, reads the rows by id (``Words.found``);
- more, or words so common that finding them all would cost more (``LIST_COMMON``): each row
  the list reads is tested on its title (one lookup by the document's key, in a narrow table
  or index, ``_holding``), and a page of a common word's rows is found among the list's newest.

A document is found once the index holds it: a few seconds after it is written (the index is
built after commit, ``search.handlers``).
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    BooleanField,
    F,
    Lookup,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat, StrIndex
from django.db.models.lookups import GreaterThan
from django.db.models.sql.compiler import SQLCompiler

from vanphong.core.paging import SQL, any_ids, sql_of
from vanphong.org.models import Unit
from vanphong.search.forms import query_invalid
from vanphong.search.models import SearchEntry, SearchTitle
from vanphong.search.query import Query, QueryError, parse, to_fts5, to_tsquery
from vanphong.search.selectors import surely_common_sql

# Up to this many documents whose titles hold the words (of the list's kind, and unit when it
# holds one unit's), the rows are listed by id; up to ``LIST_AMONG``, the list walks its rows
# and looks each one's document up among their ids (a word in 4,402 of the city's titles:
# reading each row's title took 47 ms of the clerk's page and count at a million documents on
# PostgreSQL).
LIST_RARE = 2000
LIST_AMONG = 10000
# PostgreSQL: words ANALYZE finds in so many titles that documents holding them all surely
# number more than this are not looked for in the index: its bitmap of them costs more than the
# list's walk (70 ms for "công tác", in 175,000 titles of 300,000, where the city's list finds
# a page of it and its count among its newest in 6).
LIST_COMMON = 10000
# PostgreSQL: a prefix is completed into the words of the titles that begin with it, when
# they are at most this many; one that begins more is looked for as a prefix.
COMPLETIONS = 64
# PostgreSQL: a title's words, each written with its entry's kind and unit before it
# (``incoming.12.tham``), as the GIN index of migration ``search.0008`` holds them; and a
# lexeme as a tsvector's or a tsquery's text quotes it.
SCOPED_TITLE = (
    "(regexp_replace(to_tsvector('simple'::regconfig, title)::text, "
    "'''((?:[^'']|'''')*)''', '''' || kind || '.' || unit_id || '.\\1''', 'g')::tsvector)"
)
_QUOTED_LEXEME = "'((?:[^']|'')*)'"
# The lists' ``q`` in the API's schemas.
WORDS_DESCRIPTION = (
    "Words the document's title (symbol, type, subject, issuer, signer) holds, with or without "
    'diacritics, as the search box takes them: "a phrase" in quotes, a symbol\'s words in '
    "order, the last word as the beginning of a longer one. Found once indexed (seconds)."
)


class _Ids:
    """Document ids, written once as the one parameter each statement (and each branch of it)
    that tests them takes: ``{1,2}`` for PostgreSQL's bigint[], ``[1,2]`` for SQLite's
    json_each. Adapting a list of 4,402 integers took psycopg 3.3 ms a parameter, its text 0.5
    (a list narrowed by words passes them twice: its page and its count)."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids
        self._text = ",".join(str(int(pk)) for pk in ids)

    def __len__(self) -> int:
        return len(self.ids)

    def param(self, vendor: str) -> str:
        return f"{{{self._text}}}" if vendor == "postgresql" else f"[{self._text}]"


class _AmongIds(Lookup):
    """``lhs`` is one of the ids ``_Ids``, given as one parameter however many (an array on
    PostgreSQL, JSON on SQLite): a list repeats its filter in each of its branches, and a
    thousand ids each would be a parameter in each."""

    lookup_name = "among_ids"
    prepare_rhs = False

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, Any]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = self.rhs.param(connection.vendor)
        if connection.vendor == "postgresql":
            # Of the ids' own type: PostgreSQL hashes a long array only when both sides hash
            # alike (integers cast to bigint do not; a walk tested 4,402 ids one by one).
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, ids]
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*lhs_params, ids]  # noqa: S608


class _WalkedAmong(_AmongIds):
    """``_AmongIds`` tested on each row the list reads in its own order, never a way to find
    the rows: ``lhs`` made an expression no index holds (PostgreSQL then tests the ids as a
    hashed set; SQLite builds a temporary index of them once)."""

    lookup_name = "walked_among_ids"

    def process_lhs(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, lhs: Any = None
    ) -> tuple[str, Any]:
        sql, params = super().process_lhs(compiler, connection, lhs)
        return (f"({sql} + 0)" if connection.vendor == "postgresql" else f"+{sql}"), params


def _holding(query: Query) -> QuerySet[Any]:
    """The entries whose title holds every part of ``query``, a phrase's words one after the
    other, the last as a prefix where it is one: read on the title itself (its words one space
    apart, ``search.services``), as the full-text index of titles would find them."""
    held = Q()
    for part in query.parts:
        phrase = " ".join(part.words)
        pattern = Value(f" {phrase}" if part.prefix else f" {phrase} ")
        held &= Q(GreaterThan(StrIndex("padded", pattern), 0))
    padded = Concat(Value(" "), F("title"), Value(" "), output_field=TextField())
    # A row's title read apart from the entry's wide row (which holds the files' text): on
    # SQLite from the copy in the table of titles, on PostgreSQL from an index that holds it.
    titles = SearchEntry if connection.vendor == "postgresql" else SearchTitle
    return titles.objects.alias(padded=padded).filter(held)


def _listed_ids(query: Query, kind: str, unit: str | None) -> list[int] | None:
    """The ids of documents whose titles hold the words of ``query``, among which are all those
    of ``kind`` (of ``unit``), when they are at most ``LIST_AMONG`` (``LIST_RARE`` for a list
    of several units, below); None when there are more, or surely more. Read from the
    full-text indexes of titles (migrations ``search.0005``, ``0007``, ``0008``).

    SQLite: FTS5 hands the ids of the titles of ``kind`` (and ``unit``) that hold the words,
    from its table of titles alone, and stops one past the most it takes. PostgreSQL: the
    entries of ``kind`` and ``unit`` found through the GIN index of the titles' words scoped
    by kind and unit (``SCOPED_TITLE``, migration ``search.0008``: the city office's 4,402
    titles holding "tham muu" in 5 ms, where intersecting the archive's 41,695 with the
    office's entries took 20), of ``kind`` through the index of titles (``search.0005``);
    unless ANALYZE's statistics of the index of titles show the words to be in more than
    ``LIST_COMMON`` titles (than ``LIST_RARE`` for a list of several units): the index's
    bitmap of them all would cost more than the list's walk among its newest rows. A prefix is
    looked for there as the words it begins (``_completions``).

    For a list of several units (its parts that are a person's: what they wrote, sign, review,
    work on), ``LIST_RARE`` + 1 ids are read at most, on both databases: a kind's titles across
    the archive are mostly more than ``LIST_AMONG``, and the parts they would narrow are short,
    each row's title read at little cost. Reading 10,000 entries to find so took 40 ms of the
    city leader's API list on PostgreSQL; on SQLite, 5,042 outgoing titles holding "tham muu"
    had the city clerk's list look each up in its author's, signer's and drafting unit's
    indexes to count them (20 ms of 23, where those parts hold none of the clerk's)."""
    unit_id = None
    if unit is not None:
        unit_id = Unit.objects.filter(slug=unit).values_list("pk", flat=True).first()
        if unit_id is None:
            return []
    most = LIST_AMONG if unit is not None else LIST_RARE
    if connection.vendor != "postgresql":
        # The words in the title column only: the scope column holds the kind and the unit
        # (``incoming u12``, migration ``search.0007``).
        match = f'title : ({to_fts5(query)}) AND scope : "{kind}"'
        if unit_id is not None:
            match += f' AND scope : "u{unit_id}"'
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_titles WHERE search_titles MATCH %s LIMIT %s",
                [match, most + 1],
            )
            ids = [row[0] for row in cursor.fetchall()]
        return ids if len(ids) <= most else None
    # Words surely in more titles than a list of several units takes are not looked for
    # either: their bitmap would be read to find them too many (17 ms at a million documents).
    common, params = surely_common_sql(
        query,
        over=LIST_COMMON if unit is not None else LIST_RARE,
        relation="search_entry_title_words",
        column="to_tsvector",
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {common}", params)
        if cursor.fetchone()[0]:
            return None
    completions = _completions(query)
    if any(not words for words in completions.values()):
        return []  # a prefix no word of any title begins with
    # Every word, in any order (a GIN index cannot check a phrase's order: it would compute
    # each title's words again to do so, 0.15–0.4 s for the city office's 4,402 titles
    # holding "tham muu"); a phrase's order is then checked on the title itself.
    words = to_tsquery(query, in_order=False, completions=completions)
    if unit_id is None:
        matches = RawSQL(
            "to_tsvector('simple'::regconfig, title) @@ to_tsquery('simple', %s)",
            [words],
            output_field=BooleanField(),
        )
        scope = Q(matches, kind=kind)
    else:
        matches = RawSQL(  # noqa: S611 (constant SQL; the words are parameters)
            f"{SCOPED_TITLE} @@ regexp_replace(to_tsquery('simple', %s)::text, "
            "%s, '''' || %s || '.\\1''', 'g')::tsquery",
            [words, _QUOTED_LEXEME, f"{kind}.{unit_id}"],
            output_field=BooleanField(),
        )
        scope = Q(matches)
    phrases = tuple(part for part in query.parts if len(part.words) > 1)
    among = _holding(Query(parts=phrases)) if phrases else SearchEntry.objects.all()
    ids = list(among.filter(scope).values_list("pk", flat=True)[: most + 1])
    return ids if len(ids) <= most else None


def _completions(query: Query) -> dict[str, list[str]]:
    """PostgreSQL: each prefix of ``query`` with the words of the titles that begin with it
    (``search_titleword``, migration ``search.0006``), when they are at most ``COMPLETIONS``;
    a prefix that begins more is left out (looked for as a prefix). The GIN index answers a
    prefix by collecting every title holding a word that begins with it before intersecting
    the other words ("thuong vu": 63 ms at a million documents), the words it stands for as
    it answers any word (10 ms)."""
    completions: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for prefix in sorted({part.words[-1] for part in query.parts if part.prefix}):
            pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            cursor.execute(
                "SELECT word FROM search_titleword WHERE word LIKE %s ORDER BY word LIMIT %s",
                [f"{pattern}%", COMPLETIONS + 1],
            )
            words = [row[0] for row in cursor.fetchall()]
            if len(words) <= COMPLETIONS:
                completions[prefix] = words
    return completions


class Words:
    """The words a list is narrowed by (its ``q``; the module docstring), as a filter for each
    part of the list: a list of several units finds each unit's titles apart (most of a kind's
    titles holding a common word are other units', too many to list, where a unit's are few
    enough), and tests each row's title only in the parts that are not one unit's (a person's
    work, what they wrote or sign). The titles of each unit are looked for once.

    Raises ``InvalidInput`` for text that cannot be searched for (no word in it, too long),
    saying why as the search box does (``search.forms.query_invalid``)."""

    def __init__(self, text: str, *, kind: str) -> None:
        try:
            self.query = parse(text, prefix_last=True)
        except QueryError as error:
            raise query_invalid(error) from None
        self.kind = kind  # the lists' rows' documents are of this kind
        self._ids: dict[str | None, _Ids | None] = {}
        self._q: dict[str | None, Q] = {}

    def _listed(self, unit: str | None) -> _Ids | None:
        if unit not in self._ids:
            ids = _listed_ids(self.query, self.kind, unit)
            self._ids[unit] = None if ids is None else _Ids(ids)
        return self._ids[unit]

    def q(self, unit: str | None = None) -> Q:
        """A filter on rows with a ``document``: its title in the index holds the words; for
        rows read in the list's order. ``unit``: the slug of the unit whose documents the rows
        are, when they are one unit's only (its titles are then listed)."""
        if unit in self._q:  # built once: a list asks it of each of its parts
            return self._q[unit]
        ids = self._listed(unit)
        if ids is not None and len(ids) <= LIST_RARE:
            # None at all: the list reads no row.
            q = Q(_AmongIds(F("document_id"), ids)) if ids else Q(document_id__in=[])
        elif ids is not None:
            q = Q(_WalkedAmong(F("document_id"), ids))
        else:
            # Tested on each row the list reads, through the document's key: a scalar
            # subquery, which no database turns into a join or a hashed set (as PostgreSQL
            # does an EXISTS). PostgreSQL, unable to tell how many rows a LIKE keeps, would
            # otherwise read every entry first.
            match = _holding(self.query).filter(pk=OuterRef("document_id")).values(hit=Value(True))
            q = Q(Coalesce(Subquery(match[:1], output_field=BooleanField()), Value(False)))
        self._q[unit] = q
        return q

    def found(self, unit: str | None = None) -> Q | None:
        """``q(unit)`` for rows read in no order (a count), when the ids of the titles are
        known but ``q`` walks among them: the rows are then found by their documents' ids,
        through their index (a count to 1,000 walked 23,000 of the city office's rows to find
        them among its 4,402 titles holding "tham mưu"). None: ``q`` reads them as well."""
        ids = self._listed(unit)
        if ids is None or len(ids) <= LIST_RARE:
            return None
        return Q(_AmongIds(F("document_id"), ids))


class UnionMembers:
    """The members of a list's union (``paging.union_page``), read branch by branch through
    their indexes in ``order``: ``parts``, each branch's ``columns`` of its first ``limit``
    rows; ``counted``, the count members of the branches counted apart (``add``)."""

    def __init__(
        self, *, order: tuple[str, ...], columns: tuple[str, ...], stop: int, limit: int
    ) -> None:
        self.order, self.columns, self.stop, self.limit = order, columns, stop, limit
        self.parts: list[SQL] = []
        self.counted: list[SQL] = []

    def add(self, items: QuerySet[Any], words: Words | None, unit: str | None) -> None:
        """The branch ``items``, of the unit with slug ``unit`` when it is one unit's, narrowed
        by ``words``: its page member, and, when the branch's titles are walked among by their
        ids, a count member instead (any ``limit`` of its ids, found by the ids,
        ``Words.found``; the page then needs its first ``stop`` only). Nothing for a branch
        that can match nothing."""
        found = None if words is None else words.found(unit)
        narrowed = items if words is None else items.filter(words.q(unit))
        rows = narrowed.order_by(*self.order).values_list(*self.columns)
        page = sql_of(rows[: self.limit if found is None else self.stop])
        if page is None:
            return
        self.parts.append(page)
        if found is not None:
            name = f"f{len(self.counted)}"  # unique in the statement
            if (member := any_ids(items.filter(found), self.limit, name)) is not None:
                self.counted.append(member)
