"""Numbers and symbols (số, ký hiệu) of outgoing documents. Pure Python, no Django.

Party documents (Quy định 399-QĐ/TW, Hướng dẫn 36-HD/VPTW): ``Số 15-CT/TU`` — number, hyphen,
type abbreviation, slash, issuer code; "Số" without a colon; numbered from 01 per document type
per committee term (nhiệm kỳ). State documents (Nghị định 30/2020/NĐ-CP): ``Số: 123/QĐ-UBND``
— number, slash, type abbreviation, hyphen, issuer code; a công văn has no type abbreviation and
names the drafting unit instead, ``Số: 45/UBND-VP``; numbered from 01 on 1 January to 31
December, per register. In both systems numbers under 10 are written 01…09.

Beside the symbol, the place and date line under the national motto: "Hà Nội, ngày 05 tháng 02
năm 2026" (Nghị định 30/2020/NĐ-CP, Phụ lục I, and Hướng dẫn 36-HD/VPTW: a day under 10 and the
months January and February are written with a leading zero).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from vanphong.documents.doctypes import DocType, by_abbr, by_code


class System(enum.StrEnum):
    PARTY = "party"
    STATE = "state"


class SymbolError(ValueError):
    """The parts given cannot make a symbol, or a text is not one."""


_CODE = re.compile(r"^[A-ZĐ][A-ZĐa-zđ0-9]*(?:-[A-ZĐ0-9]+)*$")


@dataclass(frozen=True)
class Symbol:
    """A number and its notation: ``15`` and ``CT/TU``, or ``123`` and ``QĐ-UBND``."""

    number: int
    notation: str
    system: System

    @property
    def number_text(self) -> str:
        return format_number(self.number)

    @property
    def text(self) -> str:
        """As written in registers and references: ``15-CT/TU``, ``123/QĐ-UBND``."""
        separator = "-" if self.system is System.PARTY else "/"
        return f"{self.number_text}{separator}{self.notation}"

    @property
    def display(self) -> str:
        """As printed under the issuer: ``Số 15-CT/TU`` (Party), ``Số: 123/QĐ-UBND`` (state)."""
        return f"Số {self.text}" if self.system is System.PARTY else f"Số: {self.text}"


def format_number(number: int) -> str:
    """``7`` → ``07``: numbers under 10 carry a leading zero in both systems."""
    if number < 1:
        raise SymbolError(f"document numbers start at 1, not {number}")
    return f"{number:02d}"


def _check_code(code: str, what: str) -> str:
    code = code.strip()
    if not _CODE.fullmatch(code):
        raise SymbolError(f"{what} {code!r} is not a code of capital letters and digits")
    return code


def type_abbreviation(doctype: DocType | str, system: System) -> str | None:
    """The abbreviation of a document type in ``system``'s symbols (None: the type has none,
    like the state công văn); SymbolError when the type does not exist in that system."""
    kind = by_code(doctype) if isinstance(doctype, str) else doctype
    if kind is None:
        raise SymbolError(f"unknown document type {doctype!r}")
    if system is System.PARTY:
        if not kind.party:
            raise SymbolError(f"{kind.name} is not a Party document type")
        return kind.party_abbr
    if not kind.state:
        raise SymbolError(f"{kind.name} is not a state document type")
    return kind.state_abbr


def party_symbol(number: int, doctype: DocType | str, issuer_code: str) -> Symbol:
    """``Số 15-CT/TU``. A Party type without an abbreviation (giấy mời, thư…) is numbered
    with the issuer code only: ``Số 15/TU`` is not used, so such types are refused."""
    abbr = type_abbreviation(doctype, System.PARTY)
    if not abbr:
        raise SymbolError(f"{doctype} has no Party abbreviation to number it with")
    format_number(number)
    return Symbol(number, f"{abbr}/{_check_code(issuer_code, 'issuer code')}", System.PARTY)


def state_symbol(
    number: int, doctype: DocType | str, issuer_code: str, *, drafting_unit: str = ""
) -> Symbol:
    """``Số: 123/QĐ-UBND``; a công văn (no abbreviation) ``Số: 45/UBND-VP`` with the drafting
    unit's code after the issuer's."""
    abbr = type_abbreviation(doctype, System.STATE)
    issuer = _check_code(issuer_code, "issuer code")
    format_number(number)
    if abbr:
        return Symbol(number, f"{abbr}-{issuer}", System.STATE)
    if drafting_unit:
        return Symbol(
            number, f"{issuer}-{_check_code(drafting_unit, 'drafting unit')}", System.STATE
        )
    return Symbol(number, issuer, System.STATE)


_PARSE = re.compile(
    r"^\s*(?:S[ốo]\s*:?\s*)?(?P<number>[0-9]+)\s*(?P<sep>[-/])\s*(?P<notation>\S(?:.*\S)?)\s*$",
    re.IGNORECASE,
)


def parse_symbol(text: str) -> Symbol:
    """The inverse of ``Symbol.display``/``Symbol.text``: ``Số 15-CT/TU`` → Party 15 CT/TU;
    ``Số: 123/QĐ-UBND`` → state 123 QĐ-UBND. Spaces around the separators are forgiven."""
    match = _PARSE.fullmatch(text)
    if match is None:
        raise SymbolError(f"not a document symbol: {text!r}")
    notation = re.sub(r"\s+", "", match.group("notation"))
    system = System.PARTY if match.group("sep") == "-" else System.STATE
    number = int(match.group("number"))
    if number < 1:
        raise SymbolError(f"document numbers start at 1: {text!r}")
    return Symbol(number, notation, system)


def doctype_of(symbol: Symbol) -> DocType | None:
    """The document type a symbol's notation names; a state notation that names no type
    (``UBND-VP``) is a công văn."""
    if symbol.system is System.PARTY:
        return by_abbr(symbol.notation.split("/", 1)[0], system="party")
    head = symbol.notation.split("-", 1)[0].rsplit("/", 1)[-1]  # 2016/TT-BTC: the type is TT
    return by_abbr(head, system="state") or by_code("CV")


def numbering_period(system: System, *, doctype: str, year: int, term: str = "") -> str:
    """The counter a number is taken from: Party — per type per committee term; state — per
    year (per register; a secret series is a register of its own)."""
    if system is System.PARTY:
        if not term:
            raise SymbolError("Party documents are numbered per committee term: give the term")
        return f"{term}/{doctype}"
    return str(year)


def date_text(place: str, day: dt.date) -> str:
    """``Hà Nội, ngày 12 tháng 3 năm 2026``; ``ngày 05 tháng 02`` for small days and months."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    line = f"ngày {day_text} tháng {month_text} năm {day.year}"
    return f"{place}, {line}" if place else line[:1].upper() + line[1:]
