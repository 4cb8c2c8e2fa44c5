"""Propose an incoming document's metadata from the text of its first page. Pure Python.

The text comes from a PDF text layer, a DOCX, or Tesseract OCR (``vie``): line breaks fall
where a column or a scan put them, the two header columns arrive flattened (left column first,
right first, or row by row on one line), diacritics may be missing (typed without Vietnamese
input) or wrong (OCR). Each field has its own small function; every function works on a
*folded* copy of the text (no marks, đ → d, lower case, same length as the original) so that
"ngày", "ngay" and OCR's "ngảy" match one pattern, and reads the printed value back from the
original text at the same position. Nothing is guessed: a field that is not found is None.

Conventions (the clerk confirms or corrects every proposal):
- ``number`` is kept as printed, leading zeros included ("05"): the register records the
  symbol as printed, and ``int(number)`` is there for whoever needs the value. OCR's letter O
  and l/I inside a number are read as 0 and 1.
- ``notation`` is everything after the number and its separator, so that ``symbol`` is
  ``number + separator + notation``: "15-CT/TU" → "CT/TU"; "123/QĐ-UBND" → "QĐ-UBND";
  "01/2016/TT-BTC" → "2016/TT-BTC". A type abbreviation that lost its Đ ("QD") is printed
  back as the reference table spells it ("QĐ") when only one type folds to it.
- ``issuer`` is the issuing body's line as printed, in readable case ("QUẬN ỦY BA ĐÌNH" →
  "Quận ủy Ba Đình", "SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo"): fixed phrases
  keep their usual case (Ủy ban nhân dân, Ban Chấp hành, Trung ương, Chính phủ), a place name
  after a level word (tỉnh, thành phố, quận, huyện, thị xã, xã, phường, thị trấn, TP) and
  after a committee (Thành ủy, Quận ủy…) gets capitals, the field after Sở, Bộ, Ban, Cục,
  Văn phòng… gets one capital per part ("và", "-" start a part), acronyms stay (UBND, TP).
  The upper body line (ĐẢNG BỘ…, UBND TỈNH…) is not the issuer; a two-line name (ỦY BAN NHÂN
  DÂN / QUẬN BA ĐÌNH) is joined.
- ``subject``: for a named type, the line(s) after the type name, first letter capitalised
  ("về tăng cường …" → "Về tăng cường …"); for a công văn, the "V/v …" line(s) under the
  symbol, kept with their "V/v " prefix as registers print them.
- ``authority`` has one canonical form per system: Party documents "T/M", "K/T", "T/L"
  (from T/M, TM, TM., K/T, KT, T/L, TL…), state documents "TM.", "KT.", "TL.", "Q.", "TUQ.".
  A document whose system cannot be told from its header keeps the family it printed
  (slash → Party). "Q. CHỦ TỊCH" gives authority "Q." and position "Chủ tịch".
- ``signer_position`` in readable case: "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", "BÍ THƯ" → "Bí thư",
  "CHÁNH VĂN PHÒNG" → "Chánh Văn phòng".
- ``secrecy`` and ``urgency`` are "thuong" when a page was read and carries no mark (the
  absence of a stamp is what "thường" means); None only for an empty page.
- ``due_date``: the first deadline phrase ("trước ngày 30/6/2016", "chậm nhất ngày …",
  "trước 17 giờ ngày …"); a deadline printed without a year takes the year of the document
  (the next year when that would fall before the document's date); a "deadline" before the
  document's date is not one.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from vanphong.core.text import clean, fold, nfc
from vanphong.documents.doctypes import (
    DOCUMENT_TYPES,
    DocType,
    by_abbr,
    by_code,
    names_longest_first,
)

__all__ = ["Proposal", "extract", "readable_name", "readable_position", "symbol_parts"]


@dataclass(frozen=True, slots=True)
class Proposal:
    """Metadata proposed for one document; every field may be None (not found)."""

    document_type: str | None = None
    number: str | None = None
    notation: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_date: dt.date | None = None
    subject: str | None = None
    signer: str | None = None
    signer_position: str | None = None
    authority: str | None = None
    secrecy: str | None = None
    urgency: str | None = None
    due_date: dt.date | None = None


# --- normalisation -----------------------------------------------------------------------

# OCR and word processors print look-alikes: Icelandic eth for Đ, typographic dashes and
# slashes, non-breaking spaces. They are mapped before anything else so patterns stay simple.
_LOOKALIKES = str.maketrans(
    {
        "Ð": "Đ",
        "ð": "đ",
        "–": "-",
        "—": "-",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "／": "/",
        "\u00a0": " ",
        "\u200b": "",
        "\ufeff": "",
        "“": '"',
        "”": '"',
    }
)


@cache
def _fold_char(ch: str) -> str:
    """One character folded, always one character long (positions must not move)."""
    if ch.isspace():
        return " " if ch != "\n" else "\n"
    folded = fold(ch)
    return folded if len(folded) == 1 else ch.lower()[:1] or ch


def _fold_same_length(text: str) -> str:
    return "".join(_fold_char(ch) for ch in text)


class _Page:
    """The cleaned lines of the page, their folded twins, and where each line starts."""

    def __init__(self, text: str) -> None:
        # OCR sometimes prints Đ twice, once as itself and once as its look-alike.
        raw = re.sub("ĐÐ|ÐĐ", "Đ", nfc(text)).translate(_LOOKALIKES)
        self.lines: list[str] = [clean(line) for line in raw.splitlines()]
        self.folded: list[str] = [_fold_same_length(line) for line in self.lines]
        self.text = "\n".join(self.lines)
        self.ftext = "\n".join(self.folded)
        self.starts: list[int] = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line) + 1

    def line_of(self, position: int) -> int:
        """Index of the line holding character ``position`` of ``text``."""
        return max(0, bisect_right(self.starts, position) - 1)

    def nonblank(self) -> Iterator[tuple[int, str, str]]:
        for i, (line, folded) in enumerate(zip(self.lines, self.folded, strict=True)):
            if line:
                yield i, line, folded


# --- symbol ------------------------------------------------------------------------------

# "Số", "Số:", and OCR's readings of it ("Sô", "S6", "S0", "Sỗ"): matched on the folded text,
# the capital S checked on the original, so that "số" inside a sentence is not a header.
_SO = re.compile(r"(?<![a-z0-9])(?:so|s6|s0)\s*[:;.,]?\s*(?=[0-9oil|])")
# The symbol itself, on the original text: a number (OCR may print O for 0, l/I for 1), an
# optional year (01/2016/TT-BTC), a separator ("-" Party, "/" state), then segments of capital
# letters and digits (a few lower-case letters occur: QĐi, CTr, TTr, QyĐ) joined by "-" or
# "/", with stray spaces around the separators that OCR and hand-typed numbers leave.
# Capitals with marks are OCR's misreadings of plain ones (QŨ for QU): accepted, then unmarked.
_UPPER = "A-Z" + "".join(
    ch for ch in map(chr, range(0xC0, 0x1EFA)) if ch.isupper() and len(fold(ch)) == 1
)
_LETTER = _UPPER + "a-zđ"
_SYMBOL = re.compile(
    r"(?P<number>[0-9OIl|]{0,2}[0-9][0-9OIl|]{0,4})"
    r"(?:\s*/\s*(?P<year>(?:19|20)[0-9]{2}))?"
    r"\s*(?P<sep>[-/])\s*"
    rf"(?P<notation>[{_UPPER}][{_LETTER}0-9]*(?:\s?[-/]\s?[{_UPPER}0-9][{_LETTER}0-9]*)*)"
)
# Without "Số" (OCR lost it): a bare symbol of either shape, whole segments only.
_BARE_SYMBOL = re.compile(
    r"(?<![\w/-])(?P<number>[0-9]{1,5})"
    r"(?:\s*/\s*(?P<year>(?:19|20)[0-9]{2}))?"
    r"(?:\s*(?P<sep>-)\s*(?P<p>[A-ZĐ][A-Za-zĐđ]{0,4}\s*/\s*[A-ZĐ][A-ZĐ0-9-]+)"
    r"|\s*(?P<sep2>/)\s*(?P<s>[A-ZĐ][A-Za-zĐđ]{0,6}\s*-\s*[A-ZĐ][A-ZĐ0-9-]+))"
)
_NUMBER_FIXES = str.maketrans({"O": "0", "I": "1", "l": "1", "|": "1"})


def symbol_parts(symbol: str) -> tuple[str, str]:
    """Split a printed symbol into (number, notation).

    >>> symbol_parts("15-CT/TU")
    ('15', 'CT/TU')
    >>> symbol_parts("01/2016/TT-BTC")
    ('01', '2016/TT-BTC')

    Raises ValueError when ``symbol`` does not start with a number and a separator.
    """
    match = re.fullmatch(r"\s*([0-9]+)\s*[-/]\s*(\S.*?)\s*", symbol)
    if match is None:
        raise ValueError(f"not a document symbol: {symbol!r}")
    return match.group(1), re.sub(r"\s+", "", match.group(2))


def _type_segment(notation: str, sep: str) -> tuple[int, int] | None:
    """Where the type abbreviation sits in a notation, or None (state công văn has none)."""
    body = notation.split("/", 1)[1] if re.match(r"(19|20)\d\d/", notation) else notation
    offset = len(notation) - len(body)
    if sep == "-":  # Party: CT/TU: the type comes before the slash
        end = body.find("/")
        return (offset, offset + end) if end > 0 else None
    end = body.find("-")  # state: QĐ-UBND: the type comes before the hyphen
    return (offset, offset + end) if end > 0 else None


def _canonical_notation(notation: str, sep: str, system: str | None) -> str:
    """Print a type abbreviation that lost its Đ the way the reference table spells it."""
    span = _type_segment(notation, sep)
    if span is None:
        return notation
    printed = notation[span[0] : span[1]]
    key = fold(printed).replace(" ", "")
    wanted = {"party": ("party_abbr",), "state": ("state_abbr",)}.get(
        system or "", ("party_abbr", "state_abbr")
    )
    spellings: set[str] = {
        abbr
        for t in DOCUMENT_TYPES
        for attribute in wanted
        if (abbr := getattr(t, attribute)) and fold(abbr) == key
    }
    if printed in spellings or len(spellings) != 1:
        return notation
    return notation[: span[0]] + spellings.pop() + notation[span[1] :]


@dataclass(frozen=True, slots=True)
class _Symbol:
    number: str
    notation: str
    sep: str
    line: int

    @property
    def text(self) -> str:
        return f"{self.number}{self.sep}{self.notation}"


def _unmark(ch: str) -> str:
    """A notation letter without OCR's stray marks; Đ is a letter of its own and stays."""
    if ch in "Đđ" or ch.isascii():
        return ch
    folded = fold(ch)
    return folded.upper() if ch.isupper() else folded


def _clean_symbol(number: str, year: str | None, sep: str, notation: str, line: int) -> _Symbol:
    number = number.translate(_NUMBER_FIXES)
    notation = "".join(_unmark(ch) for ch in re.sub(r"\s+", "", notation).rstrip("-/"))
    if year:
        notation = f"{year}/{notation}"
    return _Symbol(number, notation, sep, line)


def _find_symbol(page: _Page, before: int) -> _Symbol | None:
    """The header's "Số …" symbol; failing that, a bare symbol in the header lines."""
    for match in _SO.finditer(page.ftext):
        if page.text[match.start()] not in "S5":
            continue  # lower-case "số" belongs to a sentence, not to the header
        found = _SYMBOL.match(page.text, match.end())
        if found and re.search(f"[{_LETTER}]", found["notation"]):
            return _clean_symbol(
                found["number"],
                found["year"],
                found["sep"],
                found["notation"],
                page.line_of(match.start()),
            )
    for i, line, _ in page.nonblank():
        if i >= before:
            break
        bare = _BARE_SYMBOL.search(line)
        if bare and not re.search(r"số\s*$|so\s*$", line[: bare.start()], re.IGNORECASE):
            sep = bare["sep"] or bare["sep2"]
            notation = bare["p"] or bare["s"]
            return _clean_symbol(bare["number"], bare["year"], sep, notation, i)
    return None


def _system(page: _Page, symbol: _Symbol | None) -> str | None:
    """Which system printed the page ("party", "state"): its national title, else its symbol."""
    head = "\n".join(page.folded[:25])
    if re.search(r"dang\s*cong\s*san", head):
        return "party"
    if re.search(r"cong\s*hoa\s*xa\s*hoi|doc\s*lap\s*-?\s*tu\s*do", head):
        return "state"
    if symbol is not None:
        return "party" if symbol.sep == "-" else "state"
    return None


# --- dates -------------------------------------------------------------------------------

# "ngày 12 tháng 3 năm 2016" and its folded, unspaced and OCR-damaged forms ("ngảy", "thảng",
# "ngay12thang3nam2016"): the three key words are matched loosely, the numbers strictly.
_D = r"([0-9o]{1,2})"
_WORD_DATE = re.compile(
    rf"ng[a-z]{{1,2}}\s*{_D}\s*th[a-z]{{1,3}}\s*{_D}\s*n[a-z]{{1,2}}\s*([12][0-9o]{{3}})"
)
# "…, ngày 12/3/2016": some documents print the date in figures.
_FIGURE_DATE = re.compile(rf"ng[a-z]{{1,2}}\s*{_D}\s*[/.-]\s*{_D}\s*[/.-]\s*([12][0-9]{{3}})")
# Words before a date that make it a deadline or a citation, not the date of issue.
_NOT_ISSUE = re.compile(
    r"\b(truoc|cham nhat|han chot|den|tu|ky|cua|luat|can cu|so|hieu luc|khong qua|vao)\s*$"
)
_PLACE_PREFIXES = frozenset({"TP", "TP.", "Tp", "Tp."})


def _place_word(word: str) -> bool:
    """A word of a place name: a capital then small letters ("Hà", "Ứng"), or "TP."."""
    if word in _PLACE_PREFIXES:
        return True
    bare = word.rstrip(".")
    if not bare.isalpha() or not bare[0].isupper():
        return False
    return len(bare) == 1 or bare[1:].islower()


# "Mỹ Đức, ngày    tháng    năm 2019": a draft or a document whose date is filled by hand.
_BLANK_DATE = re.compile(r",\s*ng[a-z]{1,2}\b")


def _place_only(page: _Page, stop: int) -> str | None:
    """The place of a place-and-date line whose date is blank."""
    for i, _, folded in page.nonblank():
        if i >= stop:
            break
        match = _BLANK_DATE.search(folded)
        if match:
            place, _ = _place_before(page, page.starts[i] + match.start() + 1)
            if place:
                return place
    return None


def _to_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        value = dt.date(
            int(year.replace("o", "0")), int(month.replace("o", "0")), int(day.replace("o", "0"))
        )
    except ValueError:
        return None
    return value if 1945 <= value.year <= 2100 else None


@dataclass(frozen=True, slots=True)
class _Dated:
    value: dt.date
    start: int  # position of the date phrase in the page text
    end: int
    line: int
    place: str | None


def _place_before(page: _Page, start: int) -> tuple[str | None, int]:
    """The place printed before "ngày" ("Hà Nội, "), and where it starts."""
    line_start = page.starts[page.line_of(start)]
    before = page.text[line_start:start]
    match = re.search(r"([^\s,][^,]{0,40}?)\s*,?\s*$", before)
    if match is None:
        return None, start
    words = match.group(1).split()
    kept: list[str] = []
    for word in reversed(words):
        if not _place_word(word):
            break
        kept.insert(0, word)
        if len(kept) == 5:
            break
    if not kept or (len(kept) == 1 and kept[0] in _PLACE_PREFIXES):
        return None, start
    place = " ".join(kept)
    has_comma = "," in before[before.rfind(kept[-1]) :]
    if not has_comma and len(kept) > 3:
        return None, start
    return place, line_start + before.rfind(kept[0])


def _issued(page: _Page, header_end: int) -> _Dated | None:
    """The date of issue: the place-and-date line of the header."""
    best: tuple[int, _Dated] | None = None
    for pattern in (_WORD_DATE, _FIGURE_DATE):
        for match in pattern.finditer(page.ftext):
            value = _to_date(*match.groups())
            if value is None:
                continue
            line = page.line_of(match.start())
            head = page.ftext[page.starts[line] : match.start()]
            place, place_start = _place_before(page, match.start())
            score = 0
            if place is not None:
                score += 4
            if re.search(r",\s*$", head):
                score += 2
            if line < header_end:
                score += 3
            if _NOT_ISSUE.search(head):
                score -= 6
            if pattern is _FIGURE_DATE and place is None:
                score -= 4
            if score <= 0:
                continue
            dated = _Dated(value, place_start, match.end(), line, place)
            if best is None or score > best[0]:
                best = (score, dated)
    return best[1] if best else None


# "trước ngày 30/6/2016", "hoàn thành trước ngày 15 tháng 7 năm 2016", "chậm nhất ngày …",
# "trước 17 giờ 00 ngày 30/9/2016", "trước ngày 25/11" (year from the document's date).
_DEADLINE = re.compile(
    r"(?:truoc|cham nhat(?: la)?(?: vao)?|han chot(?: la)?|khong qua|khong muon hon|"
    r"han cuoi(?: cung)?(?: la)?)\s*"
    r"(?:[0-9]{1,2}\s*(?:gio|h|:)\s*(?:[0-9]{1,2}\s*(?:phut|')?)?\s*,?\s*)?"
    r"(?:(?:cua\s*)?ng[a-z]{1,2}\s*)?"
    r"(?:(?P<d1>[0-9]{1,2})\s*[/.-]\s*(?P<m1>[0-9]{1,2})(?:\s*[/.-]\s*(?P<y1>[12][0-9]{3}))?"
    r"|(?P<d2>[0-9]{1,2})\s*th[a-z]{1,3}\s*(?P<m2>[0-9]{1,2})"
    r"(?:\s*n[a-z]{1,2}\s*(?P<y2>[12][0-9]{3}))?)"
    r"(?![0-9/])"
)


def _due(page: _Page, from_line: int, issued: dt.date | None) -> dt.date | None:
    """The first deadline stated in the body of the page."""
    start = page.starts[from_line] if from_line < len(page.starts) else len(page.ftext)
    body = page.ftext[start:].replace("\n", " ")
    for match in _DEADLINE.finditer(body):
        day = match["d1"] or match["d2"]
        month = match["m1"] or match["m2"]
        year = match["y1"] or match["y2"]
        if year is None:
            if issued is None:
                continue
            value = _to_date(day, month, str(issued.year))
            if value is not None and value < issued:
                value = _to_date(day, month, str(issued.year + 1))
        else:
            value = _to_date(day, month, year)
        if value is None or (issued is not None and value < issued):
            continue
        return value
    return None


# --- header lines: what is left of each line once the right column is taken out -----------

_NATIONAL = (
    ["dang", "cong", "san", "viet", "nam"],
    ["cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"],
    ["doc", "lap", "tu", "do", "hanh", "phuc"],
)
_RULE = re.compile(r"^[\s*_\-=~.·•oO+×%#\"'|]*$")
_MARK_WORDS = frozenset({"mat", "toi", "tuyet", "khan", "thuong", "hoa", "toc", "hen", "gio"})


def _drop_national(line: str, folded: str) -> str:
    """Remove the national title and motto from a line, tolerating a word or two of OCR noise.

    The phrase is aligned word by word (difflib): what lies between its first and last
    matched words goes, a neighbour outside stays ("QUẬN NAM TỪ LIÊM Độc lập - Tự do - Hạnh
    phúc" keeps TỪ although "tự" folds alike).
    """
    for phrase in _NATIONAL:
        words = list(re.finditer(r"[^\s\-]+", folded))
        tokens = [w.group(0).strip(".,:;") for w in words]
        matcher = SequenceMatcher(a=tokens, b=list(phrase), autojunk=False)
        blocks = [m for m in matcher.get_matching_blocks() if m.size]
        matched = sum(m.size for m in blocks)
        n = len(phrase)
        if not blocks or matched < (n - 1 if n <= 5 else n - 2):
            continue
        first, last = blocks[0].a, blocks[-1].a + blocks[-1].size - 1
        if last - first + 1 > n + 2:
            continue
        start, end = words[first].start(), words[last].end()
        line = line[:start] + " " * (end - start) + line[end:]
        folded = folded[:start] + " " * (end - start) + folded[end:]
    return clean(line)


def _remainder(page: _Page, i: int, symbol: _Symbol | None, dated: _Dated | None) -> str:
    """Line ``i`` without the right column, the symbol and decorations: the left column."""
    line, folded = page.lines[i], page.folded[i]
    cut: list[tuple[int, int]] = []
    start = page.starts[i]
    if dated is not None and dated.line == i:
        cut.append((dated.start - start, dated.end - start))
    for match in _SO.finditer(folded):
        found = _SYMBOL.match(line, match.end())
        if found and line[match.start()] in "S5":
            cut.append((match.start(), found.end()))
    if symbol is not None and symbol.line == i and not cut:
        # A bare symbol (OCR lost "Số"): cut its printed extent, stray spaces allowed for.
        position = line.find(symbol.number)
        if position >= 0:
            cut.append((position, position + len(symbol.text) + 2))
    for a, b in sorted(cut, reverse=True):
        line, folded = line[:a] + " " + line[b:], folded[:a] + " " + folded[b:]
    line = _drop_national(line, folded)
    # Rules and stars between the columns go; a single hyphen between words stays (SỞ LAO
    # ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI, COVID-19).
    line = re.sub(r"(^|\s)(?:[*_=~·•|^`]+[*_\-=~·•|^`]*|-{2,})(?=\s|$)", " ", line)
    return clean(line).strip(" ,;:|*-_~`^")


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2:
        return False
    return sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _is_marks(text: str) -> bool:
    words = re.findall(r"[a-z]+", fold(text))
    return bool(words) and all(w in _MARK_WORDS for w in words) and _is_caps(text)


# --- document type and title -------------------------------------------------------------

_NAMES = names_longest_first()


@dataclass(frozen=True, slots=True)
class _Title:
    doc_type: DocType
    line: int
    rest: str  # words printed after the type name on the same line


def _find_title(page: _Page, start: int, stop: int) -> _Title | None:
    """The type name printed as the title: an upper-case line that starts with it."""
    for i in range(start, min(stop, len(page.lines))):
        line, folded = page.lines[i], page.folded[i]
        if not line or not _is_caps(line):
            continue
        bare = folded.strip(" .:;-*")
        for name, doc_type in _NAMES:
            if bare == name or bare.startswith(name + " "):
                rest = clean(line.strip(" .:;-*")[len(name) :])
                if rest and (len(rest.split()) > 8 or re.match(r"[0-9(]", rest)):
                    continue
                return _Title(doc_type, i, rest)
    return None


def _type_from_symbol(symbol: _Symbol, system: str | None) -> DocType | None:
    """The type a symbol names: 15-CT/TU → CT, 123/QĐ-UBND → QĐ. A state symbol whose first
    segment is no type abbreviation (45/UBND-VP: issuer-drafting unit) is a công văn."""
    shape = "party" if symbol.sep == "-" else "state"
    span = _type_segment(symbol.notation, symbol.sep)
    if span is None:
        return None
    found = by_abbr(symbol.notation[span[0] : span[1]], system=shape)
    if found is not None:
        return found
    if shape == "state" and system in {None, "state"}:
        return by_code("CV")
    return None


# --- subject -----------------------------------------------------------------------------

# Lines that open the body of a document, never part of a subject.
_BODY_START = re.compile(
    r"^(?:can cu|thuc hien|kinh gui|xet |theo |ngay [0-9]|trong |de |nham |sau khi|tai |"
    r"thoi gian|dia diem|thanh phan|hom nay|nam [0-9]{4},|[ivx]+\.\s|[0-9]+\.\s|-\s|\+\s|"
    r"chuong |dieu [0-9]|noi nhan|quyet dinh:|nghi quyet:|ket luan:)"
)
_VV = re.compile(r"(?<![a-z])v\s?[/il|1]\s?v\b\s*[:.]?\s*")


def _continues_after_gap(page: _Page, blank: int) -> bool:
    """Whether the text after a blank line still wraps the subject: it opens in lower case.

    OCR leaves a gap where a stamp or a rule was; a new paragraph or "Kính gửi" opens with a
    capital."""
    following = next((line for line in page.lines[blank + 1 : blank + 3] if line), "")
    return following[:1].islower()


def _subject_after_title(page: _Page, title: _Title) -> str | None:
    parts: list[str] = [title.rest] if title.rest else []
    for i in range(title.line + 1, min(title.line + 8, len(page.lines))):
        line, folded = page.lines[i], page.folded[i]
        if not line:
            if parts and not _continues_after_gap(page, i):
                break
            continue
        if _RULE.match(line) or _is_caps(line):
            break
        # A body paragraph opens with a capital; a wrapped subject line often does not.
        if _BODY_START.match(folded) and not (parts and line[:1].islower()):
            break
        if parts and (parts[-1].endswith((".", ":", ";")) or line.endswith(":")):
            break
        if not parts and (line.endswith(":") or len(line) > 160):
            break
        if len(line) > 110:
            break
        parts.append(line)
        if len(parts) == 4:
            break
    # A sentence that ends with a full stop is the body, run on without a blank line: drop it
    # back to the line that opened it. A giấy mời without a subject line keeps nothing.
    if parts and parts[-1].endswith("."):
        while parts and not parts[-1][:1].isupper():
            parts.pop()
        if parts:
            parts.pop()
    subject = clean(" ".join(parts)).rstrip(" ,;-")
    if not subject or "tran trong" in fold(subject):
        return None
    return subject[0].upper() + subject[1:]


def _subject_vv(
    page: _Page, start: int, stop: int, symbol: _Symbol | None, dated: _Dated | None
) -> tuple[str, int] | None:
    """A công văn's "V/v …" lines: under the symbol, in the left column."""
    for i in range(start, min(stop, len(page.lines))):
        if not page.lines[i]:
            continue
        # "V/v" opens the line once the right column and the symbol are taken out of it.
        rest = _remainder(page, i, symbol, dated)
        match = _VV.match(_fold_same_length(rest))
        if match is None:
            continue
        parts = [rest[match.end() :]]
        for j in range(i + 1, min(i + 6, len(page.lines))):
            if not page.lines[j]:
                if _continues_after_gap(page, j):
                    continue
                break
            line = _remainder(page, j, symbol, dated)
            if not line:
                if _is_caps(page.lines[j]) or _RULE.match(page.lines[j]):
                    break
                continue
            if _is_caps(line) or _is_marks(line):
                break
            if _BODY_START.match(fold(line)) and not line[:1].islower():
                break
            if parts[-1].endswith((".", ";", ":")):
                break
            parts.append(line)
        text = clean(" ".join(parts)).rstrip(" ,;")
        return (f"V/v {text}", i) if text else None
    return None


# --- issuer ------------------------------------------------------------------------------

_LEVELS = ("thanh pho", "thi xa", "thi tran", "tinh", "quan", "huyen", "xa", "phuong", "tp", "tp.")
_COMMITTEES = ("thanh uy", "tinh uy", "quan uy", "huyen uy", "thi uy")
# Fixed phrases and the case of each of their words (True: capital).
_PHRASES: tuple[tuple[str, tuple[bool, ...]], ...] = (
    ("uy ban nhan dan", (True, False, False, False)),
    ("hoi dong nhan dan", (True, False, False, False)),
    ("uy ban kiem tra", (True, False, True, False)),
    ("ban chap hanh", (True, True, False)),
    ("ban thuong vu", (True, True, False)),
    ("ban can su dang", (True, False, False, False)),
    ("mat tran to quoc", (True, False, True, False)),
    ("bo chinh tri", (True, True, False)),
    ("trung uong", (True, False)),
    ("chinh phu", (True, False)),
    ("quoc hoi", (True, False)),
    ("thanh uy", (True, False)),
    ("tinh uy", (True, False)),
    ("quan uy", (True, False)),
    ("huyen uy", (True, False)),
    ("thi uy", (True, False)),
    ("dang uy", (True, False)),
    ("dang bo", (True, False)),
    ("chi bo", (True, False)),
    ("van phong", (True, False)),
    ("tong cuc", (True, False)),
    ("chi cuc", (True, False)),
    ("trung tam", (True, False)),
    ("benh vien", (True, False)),
    ("thanh tra", (True, False)),
    ("cong an", (True, False)),
)
_FIELD_HEADS = frozenset(
    {"so", "bo", "ban", "cuc", "tong cuc", "chi cuc", "vu", "phong", "van phong", "vien",
     "trung tam", "thanh tra", "dang uy", "hoi", "truong", "benh vien", "uy ban"}
)  # fmt: skip
_ACRONYMS = frozenset(
    {"UBND", "HĐND", "MTTQ", "TP", "TP.", "TNHH", "VPCP", "BCH", "TW", "BTV", "UBKT", "HDND"}
)
_NOT_ISSUER = re.compile(r"^(dang bo|ban sao|sao y|trich sao|du thao)\b")


def _case_word(word: str, capital: bool) -> str:
    if word.upper() in _ACRONYMS or (re.fullmatch(r"[IVXLC]+", word) and len(word) > 1):
        return word
    lower = word.lower()
    return lower[:1].upper() + lower[1:] if capital else lower


def readable_name(printed: str) -> str:
    """An organisation's name in readable case (the rule is in the module docstring)."""
    words = clean(printed).split()
    keys = [fold(w).strip(",") for w in words]
    out: list[str] = []
    mode = "field"  # "field": capital for the first word of each part; "place": all capitals
    capital_next = True
    i = 0
    while i < len(words):
        matched = False
        for phrase, pattern in _PHRASES:
            n = len(pattern)
            if " ".join(keys[i : i + n]) == phrase:
                out += [_case_word(w, c) for w, c in zip(words[i : i + n], pattern, strict=True)]
                if phrase in _COMMITTEES:
                    mode, capital_next = "place", True
                elif phrase in _FIELD_HEADS:
                    mode, capital_next = "field", True
                else:
                    capital_next = False
                i += n
                matched = True
                break
        if matched:
            continue
        key = keys[i]
        two = " ".join(keys[i : i + 2])
        # Inside a place name a word that looks like a level is part of the name (Phúc Xá).
        if mode == "place":
            out.append(_case_word(words[i], True))
            i += 1
            continue
        if two in {"thanh pho", "thi xa", "thi tran"} and i > 0:
            out += [_case_word(w, False) for w in words[i : i + 2]]
            mode, capital_next = "place", True
            i += 2
            continue
        if key in _LEVELS and i > 0 and not (key == "xa" and keys[i + 1 : i + 2] == ["hoi"]):
            out.append(_case_word(words[i], False))
            mode, capital_next = "place", True
            i += 1
            continue
        if i == 0:
            out.append(_case_word(words[i], True))
            capital_next = key in _FIELD_HEADS
            i += 1
            continue
        if key in {"va", "-", "&"}:
            out.append(words[i].lower())
            capital_next = mode == "field" or capital_next
            i += 1
            continue
        out.append(_case_word(words[i], capital_next or mode == "place"))
        capital_next = mode == "place"
        i += 1
    return " ".join(out)


# A Vietnamese syllable, folded: onset, one to three vowels, coda. OCR's misreading of a rule
# or a stamp ("2SETEEENE") is not one, and ends the issuer's name.
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$"
)


def _plausible_prefix(text: str) -> str:
    """The words of ``text`` up to the first that is neither a syllable nor an acronym."""
    kept: list[str] = []
    for word in text.split():
        bare = fold(word).strip(".,;:()")
        acronym = word.isupper() and len(bare) <= 6 and bare.isalnum()
        if (
            not bare
            or (not _SYLLABLE.match(bare) and not acronym and bare not in {"-", "&"})
            or not (word.isupper() or not any(ch.isalpha() for ch in word))
        ):
            break
        kept.append(word)
    # An unknown acronym at the end is more likely a misread rule than part of the name.
    while kept and not _SYLLABLE.match(fold(kept[-1]).strip(".,;:()")):
        if kept[-1].strip(".,;:") in _ACRONYMS:
            break
        kept.pop()
    return " ".join(kept)


def _joins(previous: str, line: str) -> bool:
    """Whether ``line`` continues the organisation name begun on ``previous``."""
    prev, nxt = fold(previous), fold(line)
    if prev.endswith((" va", "-", ",")) or nxt.startswith(("va ", "- ", "& ")):
        return True
    incomplete = prev in {"uy ban nhan dan", "hoi dong nhan dan", "ubnd", "hdnd", "dang uy"}
    starts_level = re.match(r"(thanh pho|thi xa|thi tran|tinh|quan|huyen|xa|phuong|tp)\b", nxt)
    return incomplete and starts_level is not None and not re.match(r"\w+ uy\b", nxt)


def _header(
    page: _Page, stop: int, issuer_stop: int, symbol: _Symbol | None, dated: _Dated | None
) -> tuple[str | None, list[str]]:
    """The issuing body and the stamps (MẬT, KHẨN…) of the header.

    Stamps are looked for in every header line before ``stop``; the issuer only in the
    left-column lines before ``issuer_stop`` (the symbol, or the "V/v" under it): the last
    body named there, as the upper body (ĐẢNG BỘ…, UBND TỈNH…) comes first.
    """
    names: list[str] = []
    marks: list[str] = []
    for i in range(min(stop, len(page.lines))):
        if not page.lines[i]:
            continue
        rest = _remainder(page, i, symbol, dated)
        if not rest:
            continue
        if _is_marks(rest):
            marks.append(rest)
            continue
        if i >= issuer_stop:
            continue
        rest = _plausible_prefix(rest)
        letters = sum(ch.isalpha() for ch in rest)
        if letters < 3 or not _is_caps(rest) or _VV.match(fold(rest)):
            continue
        if names and _joins(names[-1], rest):
            names[-1] = f"{names[-1]} {rest}"
        else:
            names.append(rest)
    candidates = [n for n in names if not _NOT_ISSUER.match(fold(n))]
    if not candidates:
        return None, marks
    return readable_name(candidates[-1]), marks


# --- secrecy and urgency -----------------------------------------------------------------


def _levels(marks: list[str]) -> tuple[str, str]:
    """Độ mật and độ khẩn from the stamps. A stamp line holds nothing else, so one word of a
    two-word stamp is enough when OCR lost the other (framed stamps lose letters): TUYỆT →
    tuyệt mật, TỐI → tối mật, HỎA or TỐC → hỏa tốc, THƯỢNG → thượng khẩn."""
    words = set(re.findall(r"[a-z]+", " ".join(fold(m) for m in marks)))
    secrecy = "thuong"
    if "tuyet" in words:
        secrecy = "tuyet_mat"
    elif "toi" in words:
        secrecy = "toi_mat"
    elif "mat" in words:
        secrecy = "mat"
    urgency = "thuong"
    if words & {"hoa", "toc"}:
        urgency = "hoa_toc"
    elif "thuong" in words:
        urgency = "thuong_khan"
    elif "khan" in words:
        urgency = "khan"
    return secrecy, urgency


# --- signature block ---------------------------------------------------------------------

# T/M, K/T, T/L (Party) and TM., KT., TL., Q., TUQ. (state), as OCR and typists print them.
_AUTHORITY = re.compile(
    r"(?:(?<=\s)|^)(?P<token>T\s?/\s?M|K\s?/\s?T|T\s?/\s?L|TUQ\.?|TM\.?|KT\.?|TL\.?|Q\.)"
    r"\s+(?P<rest>[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ].*)$"
)
_CONCEPT = {"tm": "on_behalf", "kt": "deputy", "tl": "order", "q": "acting", "tuq": "authorised"}
_CANONICAL = {
    "party": {"on_behalf": "T/M", "deputy": "K/T", "order": "T/L"},
    "state": {"on_behalf": "TM.", "deputy": "KT.", "order": "TL."},
    "any": {"acting": "Q.", "authorised": "TUQ."},
}
# The head words of a position ("PHÓ CHỦ TỊCH", "CHÁNH VĂN PHÒNG"), on the folded text.
_POSITION = re.compile(
    r"\b(?:pho\s+)?(?:chu tich|chu nhiem|bi thu|tong bi thu|giam doc|tong giam doc|"
    r"chanh van phong|chanh thanh tra|chanh an|truong ban|truong phong|bo truong|thu truong|"
    r"thu tuong|cuc truong|tong cuc truong|chi cuc truong|vu truong|hieu truong|vien truong|"
    r"uy vien|ke toan truong|thu ky|truong)\b.*$"
)

# Vietnamese family names, folded: the first word of a signer's name is one of these.
_SURNAME_WORDS = """
nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dao doan vuong trinh
truong lam phung mai to ha ta dinh luu cao chu kieu luong nghiem quach thai tang trieu dam khuc
mac lai hua au kim giang nong lo luc bach vien ton tu han cu than diep chau ong la quan khong
phi tra tong vi ninh thach dong can nhu cong tao hau van lu son mau phuong
"""
_SURNAMES = frozenset(_SURNAME_WORDS.split())


def readable_position(printed: str) -> str:
    """A position in readable case: "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", "BÍ THƯ" → "Bí thư"."""
    words = clean(printed).lower().split()
    if not words:
        return ""
    words[0] = words[0][:1].upper() + words[0][1:]
    if fold(words[0]) == "pho" and len(words) > 1:
        words[1] = words[1][:1].upper() + words[1][1:]
    text = " ".join(words)
    return re.sub(r"\bvăn phòng\b", "Văn phòng", text)


def _authority(token: str, system: str | None) -> str:
    concept = _CONCEPT[re.sub(r"[\s/.]", "", token).lower()]
    family = system or ("party" if "/" in token else "state")
    return _CANONICAL[family].get(concept) or _CANONICAL["any"][concept]


def _caps_tail(line: str) -> str:
    """The position printed at the end of a line (row-merged with "Nơi nhận" items)."""
    words = line.split()
    tail: list[str] = []
    for word in reversed(words):
        if not _is_caps(word) and not (len(word) == 1 and word.isupper()):
            break
        if tail and re.search(r"[.;:,)]$", word):
            break
        tail.insert(0, word)
    text = " ".join(tail)
    match = _POSITION.search(_fold_same_length(text))
    return text[match.start() :] if match else ""


def _name_in(line: str) -> str | None:
    """A person's full name at the end of ``line``: 2–5 capitalised words, a known surname."""
    words = re.sub(r"[.,;:]+$", "", line).split()
    tail: list[str] = []
    for word in reversed(words):
        if not (word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower())):
            break
        tail.insert(0, word)
    while len(tail) > 5:
        tail.pop(0)
    for k in range(len(tail) - 1):
        if fold(tail[k]) in _SURNAMES and len(tail) - k >= 2:
            return " ".join(tail[k:])
    return None


@dataclass(frozen=True, slots=True)
class _Signature:
    authority: str | None
    position: str | None
    signer: str | None


def _signature(page: _Page, start: int, system: str | None) -> _Signature:
    """The signature block: authority, position and the signer's name."""
    lines = page.lines
    authority: str | None = None
    position: str | None = None
    anchor: int | None = None
    for i in range(len(lines) - 1, start - 1, -1):
        match = _AUTHORITY.search(lines[i])
        if match is None or not _is_caps(match["rest"]):
            continue
        authority = _authority(match["token"], system)
        anchor = i
        if authority == "Q.":  # "Q. CHỦ TỊCH": the position follows the token
            position = readable_position(match["rest"])
        break
    if anchor is not None and position is None:
        for j in [k for k in range(anchor + 1, len(lines)) if lines[k]][:3]:
            tail = _caps_tail(lines[j])
            if tail:
                position = readable_position(tail)
                break
    if anchor is None:
        # No authority: a position line on its own ("CHỦ TỊCH") followed by a name.
        for i in range(len(lines) - 1, start - 1, -1):
            tail = _caps_tail(lines[i])
            if tail and _POSITION.match(fold(tail)) and len(tail) < 60:
                if any(_name_in(lines[j]) for j in range(i + 1, min(i + 8, len(lines)))):
                    anchor, position = i, readable_position(tail)
                break
    if anchor is None:
        return _Signature(None, None, None)
    signer = None
    for j in [k for k in range(anchor + 1, len(lines)) if lines[k]][:7]:
        name = _name_in(lines[j])
        if name:
            signer = name
            break
    return _Signature(authority, position, signer)


# --- the whole page ----------------------------------------------------------------------


def _header_end(page: _Page) -> int:
    """First line of the body: "Kính gửi", a paragraph, or at most the 25th line."""
    for i, line, folded in page.nonblank():
        if i > 3 and (folded.startswith(("kinh gui", "can cu")) or len(line) > 120):
            return i
    return min(len(page.lines), 25)


def _document_type(
    title: _Title | None, vv: tuple[str, int] | None, symbol: _Symbol | None, system: str | None
) -> DocType | None:
    """The printed title decides; a "V/v" line makes a công văn; else the symbol's type."""
    if title is not None:
        return title.doc_type
    if vv is not None:
        return by_code("CV")
    if symbol is not None:
        return _type_from_symbol(symbol, system)
    return None


def _symbol_fields(
    symbol: _Symbol | None, system: str | None
) -> tuple[str | None, str | None, str | None]:
    """(number, notation, symbol) as proposed, the type abbreviation spelled canonically."""
    if symbol is None:
        return None, None, None
    notation = _canonical_notation(symbol.notation, symbol.sep, system)
    return symbol.number, notation, f"{symbol.number}{symbol.sep}{notation}"


def extract(text: str) -> Proposal:
    """Propose metadata from a first page's text; fields not found are None."""
    page = _Page(text)
    if not page.text.strip():
        return Proposal()
    limit = _header_end(page)
    symbol = _find_symbol(page, limit)
    system = _system(page, symbol)
    title = _find_title(page, 0, limit + 5)
    # The header ends at the title; a công văn has none, its body starts at "Kính gửi".
    header_stop = title.line if title is not None else limit
    dated = _issued(page, header_stop)
    vv = None if title else _subject_vv(page, 0, header_stop, symbol, dated)
    issuer_stop = header_stop
    if symbol is not None:
        issuer_stop = min(issuer_stop, symbol.line + 1)
    if vv is not None:
        issuer_stop = min(issuer_stop, vv[1])
    issuer, marks = _header(page, header_stop, issuer_stop, symbol, dated)
    secrecy, urgency = _levels(marks)
    doc_type = _document_type(title, vv, symbol, system)
    subject = _subject_after_title(page, title) if title else (vv[0] if vv else None)
    body_start = title.line + 1 if title is not None else header_stop
    signature = _signature(page, body_start, system)
    issued = dated.value if dated else None
    number, notation, symbol_text = _symbol_fields(symbol, system)
    return Proposal(
        document_type=doc_type.code if doc_type else None,
        number=number,
        notation=notation,
        symbol=symbol_text,
        issuer=issuer,
        place=dated.place if dated else _place_only(page, header_stop),
        issued_date=issued,
        subject=subject,
        signer=signature.signer,
        signer_position=signature.position,
        authority=signature.authority,
        secrecy=secrecy,
        urgency=urgency,
        due_date=_due(page, body_start, issued),
    )
