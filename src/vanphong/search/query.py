"""The search box's small query language, parsed into a tree and compiled for each database.

What a person types:

- words, all of which must appear, with or without diacritics: ``tham muu gioi``;
- "a phrase in quotes", whose words must appear together and in order;
- a prefix: ``muu*`` (and, as one types, the last word is taken as a prefix);
- a symbol, recognised by its slash or its number-dash: ``15-CT/TU``, ``15/CT``, ``CT/TU``,
  ``123/QĐ-UBND``: its words must appear in that order, and documents whose own symbol it is
  come first.

The same tree becomes an FTS5 ``MATCH`` expression (SQLite) and a ``to_tsquery('simple', …)``
text (PostgreSQL), so that both databases find the same documents. Pure Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vanphong.search.text import nfc, symbol_key, words

MAX_QUERY_LENGTH = 200
MAX_PARTS = 16
MIN_PREFIX = 2

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_SYMBOL_LIKE = re.compile(r"^\w+(?:[/-]\w+)*$")


class QueryError(ValueError):
    """The query cannot be searched for; ``code`` says why."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Phrase:
    """Folded words that must appear in this order (one word: just that word); with
    ``prefix`` the last word may be the beginning of a longer one."""

    words: tuple[str, ...]
    prefix: bool = False
    symbol: str = ""  # the symbol key, when the person typed a symbol


@dataclass(frozen=True)
class Query:
    """All of ``parts`` must match."""

    parts: tuple[Phrase, ...]

    @property
    def symbol_keys(self) -> tuple[str, ...]:
        return tuple(p.symbol for p in self.parts if p.symbol)

    def terms(self) -> tuple[set[str], set[str]]:
        """(whole words, prefixes) to highlight."""
        whole: set[str] = set()
        prefixes: set[str] = set()
        for part in self.parts:
            whole.update(part.words[:-1] if part.prefix else part.words)
            if part.prefix:
                prefixes.add(part.words[-1])
        return whole, prefixes

    def needle(self) -> tuple[str, bool]:
        """The word to look for first when cutting a snippet (the longest), and whether it
        is a prefix."""
        whole, prefixes = self.terms()
        candidates = [(len(w), w, False) for w in whole] + [(len(p), p, True) for p in prefixes]
        _length, word, is_prefix = max(candidates)
        return word, is_prefix


def _is_symbol(token: str) -> bool:
    if not _SYMBOL_LIKE.match(token):
        return False
    if "/" in token:
        return True
    # "15-CT": a number, a dash, a notation.
    head, _, tail = token.partition("-")
    return head.isdigit() and bool(tail) and not tail.isdigit()


def parse(text: str, *, prefix_last: bool = False) -> Query:
    """The query typed as ``text``; ``prefix_last`` for search as you type.

    Raises ``QueryError`` for a query that is empty once folded, too long or too vague.
    """
    text = nfc(text or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"The query is longer than {MAX_QUERY_LENGTH} characters.", code="query_too_long"
        )
    parts: list[Phrase] = []
    matches = list(_TOKEN.finditer(text))
    for index, match in enumerate(matches):
        quoted, bare = match.group(1), match.group(2)
        last = index == len(matches) - 1
        if quoted is not None:
            found = tuple(words(quoted))
            if found:
                parts.append(Phrase(found))
            continue
        explicit = bare.endswith("*")
        token = bare.rstrip("*")
        found = tuple(words(token))
        if not found:
            continue
        symbol = symbol_key(token) if _is_symbol(token) else ""
        prefix = explicit or (prefix_last and last and not symbol)
        if prefix and len(found[-1]) < MIN_PREFIX:
            if explicit:
                raise QueryError(
                    f"A prefix needs at least {MIN_PREFIX} letters before the *.",
                    code="prefix_too_short",
                )
            prefix = False
        parts.append(Phrase(found, prefix=prefix, symbol=symbol))
    if not parts:
        raise QueryError("Type at least one word to search for.", code="empty_query")
    if len(parts) > MAX_PARTS:
        raise QueryError(
            f"At most {MAX_PARTS} words or phrases can be searched for at once.",
            code="query_too_long",
        )
    return Query(tuple(parts))


def to_fts5(query: Query) -> str:
    """The FTS5 ``MATCH`` expression of ``query`` (words are letters and digits only)."""
    out = []
    for part in query.parts:
        quoted = '"' + " ".join(part.words).replace('"', '""') + '"'
        out.append(f"{quoted} *" if part.prefix else quoted)
    return " AND ".join(out)


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def to_tsquery(
    query: Query, *, in_order: bool = True, completions: Mapping[str, Sequence[str]] | None = None
) -> str:
    """The text to give ``to_tsquery('simple', %s)`` for ``query`` (always as a parameter).
    Not ``in_order``: the words of a phrase or a symbol in any order and place, which a GIN
    index answers without reading any document (it cannot check the order). ``completions``:
    for a prefix, the words it stands for (every word the documents hold that begins with
    it), looked for as whole words, which a GIN index answers as it does any word, where it
    answers a prefix by first collecting every document holding a word that begins with it."""
    out = []
    for part in query.parts:
        lexemes = [_lexeme(w) for w in part.words]
        if part.prefix:
            if known := (completions or {}).get(part.words[-1]):
                lexemes[-1] = "(" + " | ".join(_lexeme(w) for w in known) + ")"
            else:
                lexemes[-1] += ":*"
        phrase = (" <-> " if in_order else " & ").join(lexemes)
        out.append(f"({phrase})" if len(lexemes) > 1 else phrase)
    return " & ".join(out)
