"""Where documents come from, as the search layer sees them: one ``Source`` per kind.

The search layer sits beside ``documents`` and may not import the apps that give documents
their place and their readers (incoming, outgoing). What it needs from them comes through the
table ``vanphong.config.search.SOURCES``, in the manner of ``config/handlers.py``: for each
kind, the index fields of a batch of documents and the documents a person may see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from vanphong.org.models import User
    from vanphong.org.selectors import Acting


@dataclass(frozen=True)
class SourceFields:
    """What a source knows about one of its documents, beyond the document itself."""

    source_id: int  # the incoming or outgoing document's id
    unit_id: int  # the unit that holds it (receiving or issuing)
    status: str
    date: dt.date  # arrival or issue, else when it was received or drafted
    register_id: int | None = None
    number: int | None = None  # số đến, or the outgoing number
    issuer: str = ""  # when the document itself names none
    # who may be among its readers (``unit_reader``…): each person whom the source's rule may
    # let see it finds it through one of these (``Source.reader_keys``), and maybe others
    readers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Source:
    """One kind of document the index covers."""

    kind: str
    label: Callable[[], str]  # the kind's name, translated
    status_labels: Callable[[], Mapping[str, str]]
    # document ids → their fields (documents that are not of this kind are left out)
    fields: Callable[[Iterable[int]], dict[int, SourceFields]]
    # the ids of the documents ``user`` may open, as a query (values of one column), given
    # the roles ``user`` acts in now (``actings_for``: read once for every source). Made of
    # the person's id and clearance and each role's name, unit and grantor only: search
    # remembers its SQL by those (``org.selectors.scope_key``)
    visible: Callable[[User, list[Acting]], QuerySet[Any]]
    # the ids of every document of this kind, as a query (for ``vanphong reindex``)
    all_ids: Callable[[], QuerySet[Any]]
    # the readers' words (``SourceFields.readers``) of which every document of this kind that
    # ``user`` may open holds one (made of the same as ``visible``); search looks for the
    # person's documents among those holding one of them, and tests ``visible`` on each
    reader_keys: Callable[[User, list[Acting]], list[str]] | None = None


# Who may read a document, as words the full-text index holds beside its text (SQLite: the
# column ``readers`` of ``search_fts``; PostgreSQL: the rows of ``search_reader``, each word's
# documents newest first), so that the index itself finds a person's matches among the
# documents they may read, however sparse those are among the archive's newest.
# A superset: the rule decides on each document found. Each word
# holds a "_", which SQLite's full-text table takes as part of a word and which folded text,
# and so any words searched for, never holds (``text.fold_keep``): no search for words finds
# a document by its readers, and the words need no column filter (which made FTS5's bm25
# check every match's columns: 30–50 % more for rare words).
def unit_reader(unit_id: int) -> str:
    """Word of the documents a unit holds (receives, issues or drafts)."""
    return f"unit_{unit_id}"


def work_reader(unit_id: int) -> str:
    """Word of the documents a unit was given work on."""
    return f"work_{unit_id}"


def person_reader(user_id: int) -> str:
    """Word of the documents a person has a part in (work given, written, signed, reviewed)."""
    return f"person_{user_id}"


# The readers' word of an entry whose readers are not known yet (indexed before they were,
# until ``vanphong reindex`` writes them): every person's search looks for it too.
ANY_READER = "any_reader"


def sources() -> tuple[Source, ...]:
    from vanphong.config.search import SOURCES  # the wiring table sits at the top layer

    return SOURCES


def source(kind: str) -> Source | None:
    return next((s for s in sources() if s.kind == kind), None)
