"""Document types (tên loại văn bản) and their printed abbreviations. Pure data, no Django.

Two systems print different abbreviations for the same type:
- the Party system (Quy định 399-QĐ/TW, format by Hướng dẫn 36-HD/VPTW): symbol ``Số 15-CT/TU``;
- the state system (Nghị định 30/2020/NĐ-CP, 29 types): symbol ``Số: 123/QĐ-UBND``.
Legal normative documents (Luật, Nghị định, Thông tư…) reach offices as incoming documents
too (``Số: 01/2016/TT-BTC``); their abbreviations come from the law on legal documents, not
from Nghị định 30, and are listed with ``state_abbr`` for lookup.

``verified`` is False where no authoritative text was found for an abbreviation (DOMAIN.md
marks them *unverified*): such entries are reference data that an administrator can correct,
not a rule. The registers app loads ``DOCUMENT_TYPES`` into versioned reference data, so this
module stays data-shaped: a tuple of frozen records and lookups over it.

``code`` is a stable ASCII id. It is the folded abbreviation where that is unambiguous
(``CT``, ``QD``, ``CV``) and a folded name where two abbreviations fold alike: Đề án (ĐA) is
``DEAN`` because Dự án (DA) is ``DA``; Hợp đồng (HĐ) is ``HOPDONG`` because Hướng dẫn (HD) is
``HD``. Quy định is one type, ``QYD``, printed ``QĐi`` by the Central Committee, ``QĐ`` by
lower Party bodies and ``QyĐ`` by state agencies.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from vanphong.core.text import fold, nfc

__all__ = [
    "DOCUMENT_TYPES",
    "DocType",
    "by_abbr",
    "by_code",
    "by_name",
    "names_longest_first",
]


@dataclass(frozen=True, slots=True)
class DocType:
    """One document type as printed on documents."""

    code: str  # stable ASCII id, e.g. "CT", "QD", "CV", "QYD"
    name: str  # the type's name in sentence case, e.g. "Chỉ thị"
    party_abbr: str | None  # abbreviation in Party symbols ("CT" in 15-CT/TU), None: none
    state_abbr: str | None  # abbreviation in state symbols ("QĐ" in 123/QĐ-UBND), None: none
    verified: bool  # False: an abbreviation or the type's place in a system is unverified
    party: bool = True  # the Party system has this type
    state: bool = True  # the state system (or the legal-document system) has this type
    aliases: tuple[str, ...] = ()  # other printed names, e.g. "Thông báo kết luận"
    note: str = ""


def _t(
    code: str,
    name: str,
    party_abbr: str | None,
    state_abbr: str | None,
    *,
    verified: bool = True,
    party: bool = True,
    state: bool = True,
    aliases: tuple[str, ...] = (),
    note: str = "",
) -> DocType:
    return DocType(code, name, party_abbr, state_abbr, verified, party, state, aliases, note)


DOCUMENT_TYPES: tuple[DocType, ...] = (
    # Types of both systems (Party list of QĐ 399; state list of NĐ 30/2020, Article 7).
    _t("NQ", "Nghị quyết", "NQ", "NQ"),
    _t("QD", "Quyết định", "QĐ", "QĐ"),
    _t("CT", "Chỉ thị", "CT", "CT"),
    _t("QC", "Quy chế", "QC", "QC"),
    _t(
        "QYD",
        "Quy định",
        "QĐi",
        "QyĐ",
        note="Party: QĐi for the Central Committee, QĐ for lower bodies (same as Quyết định)",
    ),
    _t("TC", "Thông cáo", None, "TC", note="no Party abbreviation seen"),
    _t("TB", "Thông báo", "TB", "TB"),
    _t("HD", "Hướng dẫn", "HD", "HD"),
    _t("CTR", "Chương trình", "CTr", "CTr"),
    _t("KH", "Kế hoạch", "KH", "KH"),
    _t("PA", "Phương án", None, "PA", note="Party abbreviation unseen"),
    _t("DEAN", "Đề án", None, "ĐA", note="Party abbreviation unseen"),
    _t("DUAN", "Dự án", None, "DA", note="Party abbreviation unseen"),
    _t("BC", "Báo cáo", "BC", "BC"),
    _t("BB", "Biên bản", None, "BB", note="Party abbreviation unseen"),
    _t("TTR", "Tờ trình", "TTr", "TTr", verified=False, note="Party TTr unverified"),
    _t("CV", "Công văn", "CV", None, note="state công văn: 45/UBND-VP, no type abbreviation"),
    _t("GM", "Giấy mời", None, "GM", note="Party papers carry no abbreviation seen"),
    _t("GGT", "Giấy giới thiệu", None, "GGT"),
    _t("GNP", "Giấy nghỉ phép", None, "GNP"),
    _t("PG", "Phiếu gửi", None, "PG"),
    _t("PC", "Phiếu chuyển", None, "PC"),
    _t("THUCONG", "Thư công", None, None),
    # Party only.
    _t("CUONGLINH", "Cương lĩnh", None, None, state=False),
    _t("DIEULE", "Điều lệ", None, None, state=False),
    _t("CHIENLUOC", "Chiến lược", None, None, state=False),
    _t("KL", "Kết luận", "KL", None, state=False),
    _t("TTRI", "Thông tri", "TT", None, verified=False, state=False),
    _t("TUYENBO", "Tuyên bố", None, None, state=False),
    _t("LOIKEUGOI", "Lời kêu gọi", None, None, state=False),
    _t("QUYHOACH", "Quy hoạch", None, None, state=False),
    _t("GCN", "Giấy chứng nhận", None, None, state=False),
    _t("GDD", "Giấy đi đường", None, None, state=False),
    # State only (NĐ 30/2020).
    _t("HOPDONG", "Hợp đồng", None, "HĐ", party=False),
    _t("CD", "Công điện", None, "CĐ", party=False),
    _t("BGN", "Bản ghi nhớ", None, "BGN", party=False),
    _t("BTT", "Bản thỏa thuận", None, "BTT", party=False),
    _t("GUQ", "Giấy ủy quyền", None, "GUQ", party=False),
    _t("PB", "Phiếu báo", None, "PB", party=False),
    # Legal normative documents that arrive as incoming documents (not in NĐ 30's list).
    _t("LUAT", "Luật", None, None, party=False, note="numbered 80/2015/QH13"),
    _t("ND", "Nghị định", None, "NĐ", party=False, note="legal document: 30/2020/NĐ-CP"),
    _t("TTU", "Thông tư", None, "TT", party=False, note="legal document: 01/2016/TT-BTC"),
    _t("TTLT", "Thông tư liên tịch", None, "TTLT", party=False),
)

# Copies (bản sao) are not types: BS (Party), SY, TrS, SL (state) mark the copy's own number.
COPY_ABBREVIATIONS: tuple[str, ...] = ("BS", "SY", "TrS", "SL")


def _key(text: str) -> str:
    """Case- and diacritics-insensitive key; OCR's Ð (U+00D0, eth) counts as Đ."""
    return fold(nfc(text).replace("Ð", "Đ").replace("ð", "đ")).replace(" ", "")


def _exact(text: str) -> str:
    """Case-sensitive key that only normalises the Unicode shape."""
    return unicodedata.normalize("NFC", text.strip()).replace("Ð", "Đ")


_BY_CODE = {t.code: t for t in DOCUMENT_TYPES}
_BY_NAME: dict[str, DocType] = {}
for _doc_type in DOCUMENT_TYPES:
    for _name in (_doc_type.name, *_doc_type.aliases):
        _BY_NAME.setdefault(_key(_name), _doc_type)


def by_code(code: str) -> DocType | None:
    """The type with this stable ``code`` (``"CT"``), or None."""
    return _BY_CODE.get(code.upper())


def by_name(name: str) -> DocType | None:
    """The type printed with this name: ``"CHỈ THỊ"``, ``"Chỉ thị"`` or unaccented ``"chi thi"``."""
    return _BY_NAME.get(_key(name))


def names_longest_first() -> tuple[tuple[str, DocType], ...]:
    """(folded name, type) pairs, longest first, so "thông báo kết luận" wins over "thông báo"."""
    pairs = [(fold(n), t) for t in DOCUMENT_TYPES for n in (t.name, *t.aliases)]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def by_abbr(abbr: str, *, system: str | None = None) -> DocType | None:
    """The type whose printed abbreviation is ``abbr`` (``"QĐ"``, ``"QD"``, ``"CTr"``), or None.

    ``system`` is ``"party"``, ``"state"`` or None for either. An exact match (case and marks
    as printed) wins; then a match ignoring case and marks, where OCR or unaccented typing
    lost the Đ: ``"QD"`` is Quyết định. Where two abbreviations fold alike (HD Hướng dẫn / HĐ
    Hợp đồng, DA Dự án / ĐA Đề án) the one printed without Đ wins, because text that lost its
    marks is more often missing a Đ than inventing one; the title printed on the page settles
    such cases in extraction. A lower Party body's Quy định is printed QĐ like Quyết định: the
    lookup answers Quyết định, and again the printed title decides.
    """
    wanted = _exact(abbr)
    systems = ("party", "state") if system is None else (system,)
    for attribute in systems:
        for doc_type in DOCUMENT_TYPES:
            if getattr(doc_type, f"{attribute}_abbr") == wanted:
                return doc_type
    folded = _key(abbr)
    matches: list[DocType] = []
    for attribute in systems:
        matches.extend(
            doc_type
            for doc_type in DOCUMENT_TYPES
            if (printed := getattr(doc_type, f"{attribute}_abbr")) and _key(printed) == folded
        )
    if not matches:
        return None
    # Prefer the type whose abbreviation has no Đ (see above); stable otherwise.
    matches.sort(key=lambda t: "Đ" in ((t.party_abbr or "") + (t.state_abbr or "")))
    return matches[0]
