"""Text as the search index holds it. Pure Python, no Django.

The index matches folded text (no tone or vowel marks, đ → d, lower case: ``core.text.fold``),
but a snippet must show the original words, accents and all. ``fold_keep`` therefore folds
character by character and keeps every character's position: ``fold_keep(s)[i]`` is the
folded form of ``s[i]``, so a match found in the folded text is cut from the original at the
same offsets. Anything that is not a letter or a digit becomes a space, which makes the folded
text split into the same words under SQLite's unicode61 tokenizer, PostgreSQL's parser and
``words`` below: "15-CT/TU" is the three words "15 ct tu" everywhere.
"""

from __future__ import annotations

import html
import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_WORD = re.compile(r"[^\W_]+")
_SYMBOL_PREFIX = re.compile(r"^\s*s[oố]\b\s*:?\s*", re.IGNORECASE)


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.translate(_D_MAP))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", stripped) if not unicodedata.combining(c)
    )
    if len(stripped) != 1 or not stripped.isalnum():
        # A stray combining mark, punctuation, a space: a word boundary, one character wide.
        return " "
    return stripped


class _FoldTable(dict[int, str]):
    """``str.translate`` table that learns each character's folded form on first sight."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold_keep(text: str) -> str:
    """``text`` folded for matching, one character for one, words separated by spaces.

    Give it NFC text (``nfc``): a decomposed mark would become a space of its own.

    >>> fold_keep("Đảng ủy: 15-CT/TU")
    'dang uy  15 ct tu'
    """
    return text.translate(_TABLE)


def words(text: str) -> list[str]:
    """The folded words of ``text``, as the index sees them."""
    return _WORD.findall(fold_keep(nfc(text)))


def symbol_key(symbol: str) -> str:
    """The form a symbol is matched in: folded words between slashes, "Số" dropped.

    Any run of the symbol's words matches as a substring, so "15-CT/TU", "15/CT" and "CT/TU"
    all find "Số 15-CT/TU", and "5/CT" does not.

    >>> symbol_key("Số: 123/QĐ-UBND")
    '/123/qd/ubnd/'
    """
    parts = words(_SYMBOL_PREFIX.sub("", symbol))
    return f"/{'/'.join(parts)}/" if parts else ""


def highlight(
    original: str,
    folded: str,
    *,
    whole: set[str] | frozenset[str],
    prefixes: set[str] | frozenset[str],
    clipped_start: bool = False,
    clipped_end: bool = False,
) -> str:
    """HTML of ``original`` (escaped) with ``<mark>`` around the words that match.

    ``folded`` is ``fold_keep(original)`` (or the same cut of a longer folded text): a word
    matches when its folded form is one of ``whole`` or begins with one of ``prefixes``. Words
    cut at either end of a clipped window are dropped and an ellipsis shows the cut.
    """
    out: list[str] = []
    start = 0
    matches = list(_WORD.finditer(folded))
    end_of_text = len(folded)
    if clipped_start and matches and matches[0].start() == 0:
        start = matches[0].end()
        matches = matches[1:]
    if clipped_end and matches and matches[-1].end() == len(folded):
        end_of_text = matches[-1].start()
        matches = matches[:-1]
    head = "…" if clipped_start else ""
    for match in matches:
        word = match.group()
        if word in whole or any(word.startswith(p) for p in prefixes):
            out.append(html.escape(original[start : match.start()]))
            out.append(f"<mark>{html.escape(original[match.start() : match.end()])}</mark>")
            start = match.end()
    out.append(html.escape(original[start:end_of_text]))
    body = " ".join("".join(out).split())
    tail = "…" if clipped_end else ""
    return f"{head}{body}{tail}"
