"""Generate the labelled first-page corpus for metadata extraction (re-runnable, deterministic).

Each document is written once here as a spec (header, title, subject, body, signature block)
and rendered in one or more of three ways:

- ``typed``: the text a PDF text layer gives, the two header columns flattened left-first,
  right-first, or row by row (as pdftotext does), paragraphs wrapped at a line width;
- ``unaccented``: a typed rendering with every diacritic removed (đ → d), as typed on
  keyboards without Vietnamese input;
- ``scanned``: the page drawn with Pillow in DejaVu Serif, degraded (rotation, blur, noise,
  JPEG artefacts) and read back by ``tesseract -l vie --psm 4``; the label is what the page
  said, the corpus text is what OCR read.

Usage, from the repository root::

    .venv/bin/python -m tests.documents.make_corpus            # everything
    .venv/bin/python -m tests.documents.make_corpus --no-ocr   # keep existing OCR texts

Needs Pillow and tesseract with the ``vie`` model for the scanned part. The random seeds are
fixed, so a re-run writes the same images; OCR output only changes with tesseract's version.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import subprocess
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SCANS = HERE / "scans"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

PARTY_NATION = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
STATE_MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Canonical authority per system (the extractor's documented mapping).
AUTHORITY = {
    "party": {"T/M": "T/M", "K/T": "K/T", "T/L": "T/L"},
    "state": {"TM.": "TM.", "KT.": "KT.", "TL.": "TL.", "Q.": "Q.", "TUQ.": "TUQ."},
}
SECRECY = {None: "thuong", "MẬT": "mat", "TỐI MẬT": "toi_mat", "TUYỆT MẬT": "tuyet_mat"}
URGENCY = {
    None: "thuong",
    "KHẨN": "khan",
    "THƯỢNG KHẨN": "thuong_khan",
    "HỎA TỐC": "hoa_toc",
    "HỎA TỐC HẸN GIỜ": "hoa_toc",
}


@dataclass
class Doc:
    """One document's first page, as written; labels derive from it."""

    slug: str
    system: str  # "party" | "state"
    header: list[str]  # left header column as printed: upper body, issuer lines
    issuer: str  # the label: readable issuer
    symbol: str  # as printed after "Số"/"Số:"
    place: str
    date: dt.date
    doc_type: str  # code
    title: str | None  # printed type name, None for công văn
    subject: list[str]  # printed subject lines ("V/v …" for công văn)
    body: list[str]  # paragraphs on the first page
    authority: str | None = None  # printed, e.g. "T/M BAN THƯỜNG VỤ"
    position: str | None = None  # printed, e.g. "BÍ THƯ"
    signer: str | None = None
    recipients: list[str] = field(default_factory=list)  # Nơi nhận
    addressees: list[str] = field(default_factory=list)  # Kính gửi
    secrecy: str | None = None
    urgency: str | None = None
    due: dt.date | None = None
    date_style: str = "padded"  # "padded": ngày 05 tháng 01; "plain": ngày 5 tháng 1
    printed_symbol: str | None = None  # as printed when it differs: "45 /UBND-VP" (hand-filled)

    # --- labels -------------------------------------------------------------------------
    def labels(self) -> dict[str, Any]:
        number, notation = _split_symbol(self.symbol) if self.symbol else (None, None)
        subject = " ".join(line.strip() for line in self.subject) or None
        if subject and self.title is not None:
            subject = subject[0].upper() + subject[1:]
        position = readable_position(self.position) if self.position else None
        authority = None
        if self.authority:
            token = self.authority.split()[0]
            authority = _canonical_authority(token, self.system)
            if token in {"Q.", "Q"}:
                position = readable_position(self.authority.split(None, 1)[1])
        return {
            "document_type": self.doc_type,
            "number": number,
            "notation": notation,
            "symbol": self.symbol or None,
            "issuer": self.issuer,
            "place": self.place,
            "issued_date": self.date.isoformat(),
            "subject": subject,
            "signer": self.signer,
            "signer_position": position if self.signer or self.position else None,
            "authority": authority,
            "secrecy": SECRECY[self.secrecy],
            "urgency": URGENCY[self.urgency],
            "due_date": self.due.isoformat() if self.due else None,
        }

    # --- pieces of the page -------------------------------------------------------------
    def date_line(self) -> str:
        d, m = self.date.day, self.date.month
        if self.date_style == "padded":
            day = f"{d:02d}" if d < 10 else str(d)
            month = f"{m:02d}" if m < 3 else str(m)
        else:
            day, month = str(d), str(m)
        return f"{self.place}, ngày {day} tháng {month} năm {self.date.year}"

    def symbol_line(self) -> str:
        printed = self.printed_symbol or self.symbol
        return f"Số {printed}" if self.system == "party" else f"Số: {printed}"

    def marks(self) -> list[str]:
        return [m for m in (self.secrecy, self.urgency) if m]

    def left_column(self) -> list[str]:
        rule = "*" if self.system == "party" else "-------"
        lines = [*self.header, rule] + ([self.symbol_line()] if self.symbol else [])
        if self.title is None:
            lines += self.subject
        return lines + self.marks()

    def right_column(self) -> list[str]:
        if self.system == "party":
            return [PARTY_NATION, "", self.date_line()]
        return [STATE_NATION, STATE_MOTTO, "---------------", self.date_line()]

    def center_block(self) -> list[str]:
        if self.title is None:
            return []
        lines = [self.title, *self.subject]
        return [*lines, "-----"] if self.system == "party" else lines

    def bottom_left(self) -> list[str]:
        if not self.recipients:
            return []
        return ["Nơi nhận:", *(f"- {r}" for r in self.recipients)]

    def bottom_right(self) -> list[str]:
        lines: list[str] = []
        if self.authority:
            lines.append(self.authority)
        if self.position:
            lines.append(self.position)
        if self.signer:
            lines += ["", "(đã ký)", "", self.signer]
        return lines


def _split_symbol(symbol: str) -> tuple[str, str]:
    digits = len(symbol) - len(symbol.lstrip("0123456789"))
    return symbol[:digits], symbol[digits + 1 :]


def _canonical_authority(token: str, system: str) -> str:
    concept = {
        "T/M": "on_behalf",
        "TM.": "on_behalf",
        "K/T": "deputy",
        "KT.": "deputy",
        "T/L": "order",
        "TL.": "order",
        "Q.": "acting",
        "TUQ.": "authorised",
    }[token]
    forms = {
        "party": {"on_behalf": "T/M", "deputy": "K/T", "order": "T/L"},
        "state": {"on_behalf": "TM.", "deputy": "KT.", "order": "TL."},
    }
    return forms[system].get(concept, {"acting": "Q.", "authorised": "TUQ."}.get(concept, token))


def readable_position(printed: str) -> str:
    """ "PHÓ CHỦ TỊCH" → "Phó Chủ tịch" (the extractor's documented rule)."""
    out = printed.lower().split()
    out[0] = out[0].capitalize()
    if out[0] == "Phó" and len(out) > 1:
        out[1] = out[1].capitalize()
    text = " ".join(out)
    return text.replace("văn phòng", "Văn phòng")


def unaccent(text: str) -> str:
    """Drop every mark but keep the case: "Đảng ủy" → "Dang uy"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# --- text renderings ---------------------------------------------------------------------
def _wrap(paragraphs: list[str], width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, width=width, initial_indent="  ") or [""]
    return lines


def _merge_rows(left: list[str], right: list[str], gap: int, pad: int) -> list[str]:
    rows = []
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ""
        b = right[i] if i < len(right) else ""
        if pad:
            rows.append((a.center(pad) + " " * gap + b).rstrip())
        else:
            rows.append((a + " " * gap + b).strip())
    return rows


def render_typed(doc: Doc, layout: str, width: int = 92) -> str:
    """The page as a text layer gives it. ``layout``: left-first, right-first, rows, padded."""
    left, right = doc.left_column(), doc.right_column()
    if layout == "left-first":
        head = left + right
    elif layout == "right-first":
        head = right + left
    elif layout == "rows":
        head = _merge_rows(left, right, gap=4, pad=0)
    else:  # padded: pdftotext -layout keeps the columns apart with spaces
        head = _merge_rows(left, right, gap=6, pad=44)
    lines = [*head, "", *doc.center_block(), ""]
    if doc.addressees:
        lines += ["Kính gửi: " + doc.addressees[0], *(f"- {a}" for a in doc.addressees[1:])]
    lines += _wrap(doc.body, width)
    bottom_left, bottom_right = doc.bottom_left(), doc.bottom_right()
    if bottom_left or bottom_right:
        lines.append("")
        if layout in {"rows", "padded"}:
            pad = 44 if layout == "padded" else 0
            lines += _merge_rows(bottom_left, bottom_right, gap=8, pad=pad)
        elif layout == "left-first":
            lines += [*bottom_left, "", *bottom_right]
        else:
            lines += [*bottom_right, "", *bottom_left]
    return "\n".join(lines).rstrip() + "\n"


# --- scanned renderings ------------------------------------------------------------------
def render_page(doc: Doc, rng: random.Random) -> Any:
    """Draw the first page at 200 dpi (A4: 1654 × 2339 px) with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 1654, 2339
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    size = rng.choice([33, 35, 37])

    def font(style: str = "", scale: float = 1.0) -> Any:
        name = {"": "DejaVuSerif", "b": "DejaVuSerif-Bold", "i": "DejaVuSerif-Italic"}[style]
        return ImageFont.truetype(str(FONT_DIR / f"{name}.ttf"), int(size * scale))

    regular, bold, italic = font(), font("b"), font("i")
    small = font(scale=0.8)
    step = int(size * 1.45)

    def centred(x: int, y: int, text: str, face: Any) -> None:
        w = draw.textlength(text, font=face)
        draw.text((x - w / 2, y), text, font=face, fill=0)

    left_x, right_x, y0 = 440, 1190, 140
    y = y0
    for i, line in enumerate(doc.header):
        face = bold if i == len(doc.header) - 1 or (doc.system == "state" and i > 0) else regular
        centred(left_x, y, line, face)
        y += step
    centred(left_x, y, "*" if doc.system == "party" else "———", regular)
    y += step
    if doc.symbol:
        centred(left_x, y, doc.symbol_line(), regular)
        y += step
    if doc.title is None:
        for line in doc.subject:
            centred(left_x, y, line, small)
            y += int(step * 0.85)
    for mark in doc.marks():
        # A stamp: the word in a frame with a margin around it (NĐ 30/2020, Phụ lục I).
        y += 12
        centred(left_x, y + 16, mark, bold)
        w = draw.textlength(mark, font=bold)
        draw.rectangle((left_x - w / 2 - 24, y, left_x + w / 2 + 24, y + step + 24), width=3)
        y += step + 40
    left_bottom = y
    y = y0
    right = doc.right_column()
    centred(right_x, y, right[0], bold)
    y += step
    if doc.system == "state":
        centred(right_x, y, STATE_MOTTO, bold)
        y += step
    draw.line((right_x - 200, y + 4, right_x + 200, y + 4), fill=0, width=2)
    y += step
    centred(right_x, y, doc.date_line(), italic)
    y = max(left_bottom, y + step) + step
    for line in doc.center_block():
        if line == "-----":
            draw.line((width / 2 - 90, y + 10, width / 2 + 90, y + 10), fill=0, width=2)
            y += step
            continue
        centred(width // 2, y, line, bold)
        y += step
    y += step // 2
    margin, text_width = 190, width - 190 - 150
    chars = int(text_width / (size * 0.56))
    if doc.addressees:
        centred(width // 2, y, "Kính gửi: " + doc.addressees[0], regular)
        y += step
        for a in doc.addressees[1:]:
            centred(width // 2 + 60, y, f"- {a}", regular)
            y += step
        y += step // 2
    for paragraph in doc.body:
        for line in textwrap.wrap(paragraph, width=chars, initial_indent="    "):
            if y > height - 150:
                return page
            draw.text((margin, y), line, font=regular, fill=0)
            y += step
    bottom_right = doc.bottom_right()
    if not bottom_right and not doc.recipients:
        return page
    y += step // 2
    yl = yr = y
    for i, line in enumerate(doc.bottom_left()):
        face = font("bi" if False else "b", 0.75) if i == 0 else font(scale=0.7)
        draw.text((margin, yl), line, font=face, fill=0)
        yl += int(step * 0.75)
    for line in bottom_right:
        if line == "(đã ký)":
            draw.line((right_x - 120, yr + 20, right_x + 80, yr - 10), fill=60, width=4)
        elif line:
            centred(right_x, yr, line, bold)
        yr += step
    if max(yl, yr) > height - 60:
        raise ValueError(f"{doc.slug}: the signature block does not fit on the first page")
    return page


def degrade(page: Any, rng: random.Random) -> Any:
    """A scanner's imperfections: skew, blur, speckle, JPEG artefacts, a lower resolution."""
    from PIL import Image, ImageFilter

    page = page.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.0)))
    # Speckle from the seeded generator (Image.effect_noise has its own, unseeded one), as a
    # tile repeated over the page: re-runs give the same image, byte for byte.
    tile = Image.frombytes("L", (256, 256), rng.randbytes(256 * 256))
    noise = Image.new("L", page.size)
    for x in range(0, page.width, 256):
        for y in range(0, page.height, 256):
            noise.paste(tile, (x, y))
    page = Image.blend(page, noise, rng.uniform(0.06, 0.12))
    if rng.random() < 0.5:  # scanned at a lower resolution
        scale = rng.uniform(0.75, 0.9)
        page = page.resize((int(page.width * scale), int(page.height * scale)))
    buffer = io.BytesIO()
    page.save(buffer, format="JPEG", quality=rng.randint(25, 55))
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def ocr(image_path: Path) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run(
        ["tesseract", str(image_path), "-", "-l", "vie", "--psm", "4"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return result.stdout


# --- the documents -----------------------------------------------------------------------
D = dt.date
HN = "Hà Nội"
BTV = "T/M BAN THƯỜNG VỤ"

CLOSE_CT = (
    "Các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - xã "
    "hội căn cứ Chỉ thị này xây dựng kế hoạch cụ thể, tổ chức quán triệt đến cán bộ, đảng viên "
    "và nhân dân."
)
CLOSE_KH = (
    "Các đơn vị căn cứ nội dung Kế hoạch, chủ động triển khai thực hiện; trong quá trình thực "
    "hiện nếu có khó khăn, vướng mắc kịp thời báo cáo để xem xét, giải quyết."
)
CLOSE_CV = "Đề nghị các đơn vị quan tâm, phối hợp thực hiện./."


def party_docs() -> list[Doc]:
    return [
        Doc(
            "ct-quanuy-badinh-pccc",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY BA ĐÌNH"],
            "Quận ủy Ba Đình",
            "15-CT/QU",
            HN,
            D(2016, 3, 12),
            "CT",
            "CHỈ THỊ",
            ["về tăng cường công tác phòng cháy, chữa cháy", "trên địa bàn quận"],
            [
                "Thời gian qua, công tác phòng cháy, chữa cháy trên địa bàn quận đã có chuyển "
                "biến tích cực; nhận thức của cán bộ, đảng viên và nhân dân từng bước được nâng "
                "lên. Tuy nhiên, tình hình cháy, nổ vẫn diễn biến phức tạp, nhất là tại các khu "
                "dân cư cũ, chợ, nhà ở kết hợp kinh doanh.",
                "Để tiếp tục nâng cao hiệu quả công tác này, Ban Thường vụ Quận ủy yêu cầu các "
                "cấp ủy, tổ chức đảng tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:",
                "1. Nâng cao nhận thức, trách nhiệm của cấp ủy, chính quyền, người đứng đầu "
                "cơ quan, đơn vị trong lãnh đạo, chỉ đạo công tác phòng cháy, chữa cháy.",
                CLOSE_CT,
            ],
        ),
        Doc(
            "tb-thanhuy-ketluan",
            "party",
            ["THÀNH ỦY HÀ NỘI"],
            "Thành ủy Hà Nội",
            "145-TB/TU",
            HN,
            D(2016, 5, 20),
            "TB",
            "THÔNG BÁO",
            [
                "kết luận của Thường trực Thành ủy về tiến độ",
                "giải phóng mặt bằng dự án đường vành đai",
            ],
            [
                "Ngày 18/5/2016, Thường trực Thành ủy đã nghe Ban cán sự đảng UBND Thành phố báo "
                "cáo tiến độ giải phóng mặt bằng các dự án trọng điểm. Sau khi nghe ý kiến các "
                "đại biểu, Thường trực Thành ủy kết luận như sau:",
                "1. Giao Ban cán sự đảng UBND Thành phố chỉ đạo các quận, huyện hoàn thành công "
                "tác giải phóng mặt bằng, báo cáo Thường trực Thành ủy trước ngày 30/6/2016.",
                "2. Các quận ủy, huyện ủy có dự án đi qua lãnh đạo làm tốt công tác tuyên truyền, "
                "vận động nhân dân.",
            ],
            "T/L BAN THƯỜNG VỤ",
            "CHÁNH VĂN PHÒNG",
            "Phạm Quang Thanh",
            ["Thường trực Thành ủy (để b/c)", "Ban cán sự đảng UBND TP", "Lưu VPTU."],
            due=D(2016, 6, 30),
        ),
        Doc(
            "hd-btc-thanhuy-danhgia",
            "party",
            ["THÀNH ỦY HÀ NỘI", "BAN TỔ CHỨC"],
            "Ban Tổ chức",
            "05-HD/BTCTU",
            HN,
            D(2016, 11, 2),
            "HD",
            "HƯỚNG DẪN",
            [
                "kiểm điểm, đánh giá, xếp loại chất lượng",
                "tổ chức cơ sở đảng và đảng viên năm 2016",
            ],
            [
                "Thực hiện Hướng dẫn của Ban Tổ chức Trung ương về kiểm điểm, đánh giá, xếp loại "
                "chất lượng tổ chức cơ sở đảng, đảng viên hằng năm; Ban Tổ chức Thành ủy hướng "
                "dẫn một số nội dung cụ thể như sau:",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Đánh giá đúng thực chất kết quả thực hiện nhiệm vụ chính trị, công tác xây "
                "dựng đảng của tổ chức đảng và đảng viên; các đảng bộ trực thuộc hoàn thành kiểm "
                "điểm, gửi báo cáo về Ban Tổ chức Thành ủy trước ngày 15 tháng 01 năm 2017.",
            ],
            due=D(2017, 1, 15),
        ),
        Doc(
            "cv-vptu-baocao-quy",
            "party",
            ["THÀNH ỦY HÀ NỘI", "VĂN PHÒNG"],
            "Văn phòng",
            "123-CV/VPTU",
            HN,
            D(2017, 3, 8),
            "CV",
            None,
            ["V/v báo cáo kết quả thực hiện", "chương trình công tác quý I/2017"],
            [
                "Thực hiện Quy chế làm việc của Thành ủy khóa XVI, Văn phòng Thành ủy đề nghị "
                "các quận ủy, huyện ủy, thị ủy, đảng ủy trực thuộc báo cáo kết quả thực hiện "
                "chương trình công tác quý I/2017 và dự kiến chương trình công tác quý II/2017.",
                "Báo cáo gửi về Văn phòng Thành ủy (qua Phòng Tổng hợp) trước ngày 20/3/2017, "
                "đồng thời gửi bản điện tử qua hệ thống thông tin điều hành.",
            ],
            "T/L BAN THƯỜNG VỤ",
            "PHÓ CHÁNH VĂN PHÒNG",
            "Lê Thị Minh Hòa",
            ["Như kính gửi", "Lưu VP."],
            ["Các quận ủy, huyện ủy, thị ủy,", "Các đảng ủy trực thuộc Thành ủy."],
            due=D(2017, 3, 20),
        ),
        Doc(
            "nq-dangbo-phuong-phucxa",
            "party",
            ["ĐẢNG BỘ QUẬN BA ĐÌNH", "ĐẢNG ỦY PHƯỜNG PHÚC XÁ"],
            "Đảng ủy phường Phúc Xá",
            "03-NQ/ĐU",
            "Phúc Xá",
            D(2016, 1, 6),
            "NQ",
            "NGHỊ QUYẾT",
            ["về lãnh đạo thực hiện nhiệm vụ chính trị năm 2016"],
            [
                "Ngày 05/01/2016, Đảng ủy phường Phúc Xá họp phiên thường kỳ, đánh giá kết quả "
                "thực hiện nhiệm vụ năm 2015, thảo luận và thống nhất phương hướng, nhiệm vụ năm "
                "2016. Đảng ủy phường quyết nghị:",
                "1. Tập trung lãnh đạo hoàn thành các chỉ tiêu kinh tế - xã hội, bảo đảm quốc "
                "phòng, an ninh trên địa bàn phường.",
            ],
        ),
        Doc(
            "kl-ubkt-quanuy-hoankiem",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY HOÀN KIẾM"],
            "Quận ủy Hoàn Kiếm",
            "27-KL/QU",
            "Hoàn Kiếm",
            D(2017, 9, 25),
            "KL",
            "KẾT LUẬN",
            ["của Ban Thường vụ Quận ủy về kết quả kiểm tra", "việc thực hiện Quy chế làm việc"],
            [
                "Thực hiện Chương trình kiểm tra, giám sát năm 2017, Đoàn kiểm tra của Ban "
                "Thường vụ Quận ủy đã tiến hành kiểm tra việc thực hiện Quy chế làm việc tại "
                "Đảng ủy phường Hàng Bạc. Sau khi nghe báo cáo kết quả kiểm tra, Ban Thường vụ "
                "Quận ủy kết luận như sau:",
                "1. Ưu điểm: Đảng ủy phường đã ban hành Quy chế làm việc khóa mới đúng thời "
                "gian, nội dung phù hợp.",
            ],
            secrecy="MẬT",
        ),
        Doc(
            "gm-huyenuy-gialam",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "HUYỆN ỦY GIA LÂM"],
            "Huyện ủy Gia Lâm",
            "",
            "Gia Lâm",
            D(2016, 7, 4),
            "GM",
            "GIẤY MỜI",
            [],
            [
                "Ban Thường vụ Huyện ủy trân trọng kính mời đồng chí dự Hội nghị sơ kết công tác "
                "xây dựng Đảng 6 tháng đầu năm 2016.",
                "Thời gian: 08 giờ 00, thứ Năm ngày 07/7/2016.",
                "Địa điểm: Hội trường Huyện ủy Gia Lâm.",
                "Rất mong đồng chí đến dự đúng thời gian.",
            ],
            "T/L BAN THƯỜNG VỤ",
            "CHÁNH VĂN PHÒNG",
            "Nguyễn Đức Thịnh",
            ["Như thành phần", "Lưu VP."],
        ),
        Doc(
            "bc-quanuy-caugiay-so-ket",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY CẦU GIẤY"],
            "Quận ủy Cầu Giấy",
            "112-BC/QU",
            "Cầu Giấy",
            D(2017, 6, 28),
            "BC",
            "BÁO CÁO",
            ["sơ kết 6 tháng đầu năm 2017", "thực hiện Nghị quyết Đại hội Đảng bộ quận"],
            [
                "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM 2017",
                "1. Về phát triển kinh tế: tổng giá trị sản xuất trên địa bàn tăng 12,1% so với "
                "cùng kỳ; thu ngân sách đạt 58% dự toán năm.",
                "2. Về văn hóa - xã hội: duy trì tốt phong trào toàn dân đoàn kết xây dựng đời "
                "sống văn hóa ở khu dân cư.",
            ],
        ),
        Doc(
            "kh-thanhuy-hoctap",
            "party",
            ["THÀNH ỦY HÀ NỘI"],
            "Thành ủy Hà Nội",
            "07-KH/TU",
            HN,
            D(2016, 4, 15),
            "KH",
            "KẾ HOẠCH",
            [
                "học tập, quán triệt, tuyên truyền và triển khai thực hiện",
                "Nghị quyết Đại hội XII của Đảng",
            ],
            [
                "Thực hiện Kế hoạch của Bộ Chính trị về học tập, quán triệt, tuyên truyền Nghị "
                "quyết Đại hội XII của Đảng, Ban Thường vụ Thành ủy ban hành Kế hoạch thực hiện "
                "như sau:",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "Các đảng bộ trực thuộc tổ chức hội nghị học tập, quán triệt hoàn thành trước ngày "
                "30 tháng 5 năm 2016.",
                CLOSE_KH,
            ],
            due=D(2016, 5, 30),
        ),
        Doc(
            "ttr-quanuy-tayho",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY TÂY HỒ"],
            "Quận ủy Tây Hồ",
            "18-TTr/QU",
            "Tây Hồ",
            D(2018, 2, 9),
            "TTR",
            "TỜ TRÌNH",
            ["về việc đề nghị phê duyệt Đề án sắp xếp", "tổ chức bộ máy các cơ quan khối Đảng"],
            [
                "Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban "
                "Chấp hành Trung ương khóa XII, Ban Thường vụ Quận ủy Tây Hồ kính trình Ban "
                "Thường vụ Thành ủy xem xét, phê duyệt Đề án như sau:",
            ],
            BTV,
            "BÍ THƯ",
            "Đỗ Thị Lan Anh",
            ["Thường trực Thành ủy", "Ban Tổ chức Thành ủy", "Lưu VP."],
            ["Ban Thường vụ Thành ủy Hà Nội."],
        ),
        Doc(
            "qd-ubkt-thanhuy-kiemtra",
            "party",
            ["THÀNH ỦY HÀ NỘI", "ỦY BAN KIỂM TRA"],
            "Ủy ban Kiểm tra",
            "56-QĐ/UBKTTU",
            HN,
            D(2017, 8, 14),
            "QD",
            "QUYẾT ĐỊNH",
            ["về việc kiểm tra tổ chức đảng cấp dưới", "khi có dấu hiệu vi phạm"],
            [
                "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
                "- Căn cứ Quy định số 30-QĐ/TW ngày 26/7/2016 của Ban Chấp hành Trung ương thi "
                "hành Chương VII và Chương VIII Điều lệ Đảng về công tác kiểm tra, giám sát, kỷ "
                "luật của Đảng;",
                "ỦY BAN KIỂM TRA THÀNH ỦY QUYẾT ĐỊNH:",
                "Điều 1. Kiểm tra Ban Thường vụ Đảng ủy Khối doanh nghiệp khi có dấu hiệu vi "
                "phạm. Đoàn kiểm tra hoàn thành nhiệm vụ, báo cáo kết quả trước ngày 15/10/2017.",
            ],
            secrecy="MẬT",
            due=D(2017, 10, 15),
        ),
        Doc(
            "ct-tinhuy-bacninh-tet",
            "party",
            ["TỈNH ỦY BẮC NINH"],
            "Tỉnh ủy Bắc Ninh",
            "09-CT/TU",
            "Bắc Ninh",
            D(2018, 1, 3),
            "CT",
            "CHỈ THỊ",
            ["về tổ chức Tết Nguyên đán Mậu Tuất năm 2018"],
            [
                "Tết Nguyên đán Mậu Tuất năm 2018 diễn ra trong bối cảnh toàn Đảng, toàn dân ta "
                "đang ra sức thi đua thực hiện thắng lợi Nghị quyết Đại hội XII của Đảng.",
                "Để mọi người, mọi nhà đều được đón Tết vui tươi, lành mạnh, an toàn, tiết kiệm, "
                "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng thực hiện tốt những nội dung sau:",
                CLOSE_CT,
            ],
            date_style="plain",
        ),
        Doc(
            "cv-huyenuy-dongtanh-khan",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "HUYỆN ỦY ĐÔNG ANH"],
            "Huyện ủy Đông Anh",
            "245-CV/HU",
            "Đông Anh",
            D(2016, 9, 29),
            "CV",
            None,
            ["V/v tập trung ứng phó với bão số 4"],
            [
                "Theo tin của Trung tâm Dự báo khí tượng thủy văn Trung ương, bão số 4 đang di "
                "chuyển nhanh vào đất liền, có khả năng gây mưa lớn trên địa bàn huyện.",
                "Ban Thường vụ Huyện ủy yêu cầu các đảng ủy xã, thị trấn chỉ đạo triển khai ngay "
                "các biện pháp ứng phó, báo cáo tình hình về Thường trực Huyện ủy trước 17 giờ "
                "ngày 30/9/2016.",
            ],
            "T/M BAN THƯỜNG VỤ",
            "PHÓ BÍ THƯ",
            "Trần Văn Khoa",
            ["Như trên", "Thường trực Thành ủy (để b/c)", "Lưu VP."],
            ["Các đảng ủy xã, thị trấn."],
            urgency="HỎA TỐC",
            due=D(2016, 9, 30),
        ),
        Doc(
            "qdi-btv-thanhuy-quyche",
            "party",
            ["THÀNH ỦY HÀ NỘI"],
            "Thành ủy Hà Nội",
            "12-QĐ/TU",
            HN,
            D(2016, 8, 30),
            "QYD",
            "QUY ĐỊNH",
            ["về chế độ báo cáo định kỳ của các cấp ủy", "trực thuộc Thành ủy"],
            [
                "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
                "- Căn cứ Quy chế làm việc của Thành ủy khóa XVI, nhiệm kỳ 2015 - 2020;",
                "Ban Thường vụ Thành ủy quy định chế độ báo cáo định kỳ như sau:",
                "Chương I. QUY ĐỊNH CHUNG",
                "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng",
            ],
        ),
        Doc(
            "ctr-dangbo-khoi",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN"],
            "Đảng ủy Khối các cơ quan",
            "04-CTr/ĐUK",
            HN,
            D(2016, 2, 17),
            "CTR",
            "CHƯƠNG TRÌNH",
            ["công tác kiểm tra, giám sát năm 2016"],
            [
                "Căn cứ Điều lệ Đảng, Quy định thi hành Điều lệ Đảng và Chương trình công tác "
                "năm 2016 của Đảng ủy Khối, Ban Thường vụ Đảng ủy Khối xây dựng Chương trình "
                "kiểm tra, giám sát như sau:",
                "I. KIỂM TRA",
                "1. Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát của 08 tổ chức đảng.",
            ],
        ),
        Doc(
            "tb-huyenuy-socson-lich",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "HUYỆN ỦY SÓC SƠN"],
            "Huyện ủy Sóc Sơn",
            "62-TB/HU",
            "Sóc Sơn",
            D(2017, 10, 23),
            "TB",
            "THÔNG BÁO",
            [
                "ý kiến của Thường trực Huyện ủy về việc chuẩn bị",
                "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12",
            ],
            [
                "Ngày 20/10/2017, Thường trực Huyện ủy đã họp nghe Văn phòng Huyện ủy báo cáo "
                "công tác chuẩn bị Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12. Thường trực "
                "Huyện ủy có ý kiến như sau:",
                "1. Giao Văn phòng Huyện ủy hoàn thiện dự thảo báo cáo, gửi các đồng chí Ủy viên "
                "Ban Thường vụ trước ngày 01/11/2017.",
            ],
            "T/L BAN THƯỜNG VỤ",
            "CHÁNH VĂN PHÒNG",
            "Ngô Thị Thu Hà",
            ["Thường trực Huyện ủy", "Các đồng chí Ủy viên BTV Huyện ủy", "Lưu VP."],
            due=D(2017, 11, 1),
        ),
        Doc(
            "cv-btg-thanhuy-tuyen-truyen",
            "party",
            ["THÀNH ỦY HÀ NỘI", "BAN TUYÊN GIÁO"],
            "Ban Tuyên giáo",
            "318-CV/BTGTU",
            HN,
            D(2018, 4, 10),
            "CV",
            None,
            ["V/v tuyên truyền kỷ niệm 128 năm", "Ngày sinh Chủ tịch Hồ Chí Minh"],
            [
                "Thực hiện Hướng dẫn của Ban Tuyên giáo Trung ương, Ban Tuyên giáo Thành ủy đề "
                "nghị các quận ủy, huyện ủy, thị ủy, đảng ủy trực thuộc chỉ đạo tổ chức tuyên "
                "truyền kỷ niệm 128 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2018).",
                "Kết quả tuyên truyền báo cáo về Ban Tuyên giáo Thành ủy chậm nhất ngày 25/5/2018.",
            ],
            "K/T TRƯỞNG BAN",
            "PHÓ TRƯỞNG BAN",
            "Vũ Minh Tuấn",
            ["Như kính gửi", "Lưu VP."],
            ["Các quận ủy, huyện ủy, thị ủy, đảng ủy trực thuộc Thành ủy."],
            due=D(2018, 5, 25),
        ),
        Doc(
            "nq-thiuy-sontay",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "THỊ ỦY SƠN TÂY"],
            "Thị ủy Sơn Tây",
            "08-NQ/TU",
            "Sơn Tây",
            D(2017, 12, 19),
            "NQ",
            "NGHỊ QUYẾT",
            ["về nhiệm vụ phát triển kinh tế - xã hội năm 2018"],
            [
                "Hội nghị lần thứ 14 Ban Chấp hành Đảng bộ thị xã khóa XXI đã thảo luận, đánh giá "
                "kết quả thực hiện nhiệm vụ năm 2017 và thống nhất mục tiêu, nhiệm vụ năm 2018.",
                "I. MỤC TIÊU TỔNG QUÁT",
            ],
            secrecy="MẬT",
            urgency="KHẨN",
        ),
        Doc(
            "bc-dangbo-xa-kimson",
            "party",
            ["ĐẢNG BỘ HUYỆN GIA LÂM", "ĐẢNG ỦY XÃ KIM SƠN"],
            "Đảng ủy xã Kim Sơn",
            "21-BC/ĐU",
            "Kim Sơn",
            D(2016, 12, 15),
            "BC",
            "BÁO CÁO",
            ["kết quả thực hiện nhiệm vụ năm 2016,", "phương hướng, nhiệm vụ năm 2017"],
            [
                "Năm 2016, Đảng bộ xã Kim Sơn triển khai nhiệm vụ trong điều kiện có nhiều thuận "
                "lợi, song cũng gặp không ít khó khăn.",
                "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2016",
            ],
        ),
        Doc(
            "hd-ubkt-huyenuy-thachthat",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "HUYỆN ỦY THẠCH THẤT"],
            "Huyện ủy Thạch Thất",
            "02-HD/HU",
            "Thạch Thất",
            D(2016, 6, 1),
            "HD",
            "HƯỚNG DẪN",
            ["tổ chức đại hội chi bộ trực thuộc đảng ủy cơ sở", "nhiệm kỳ 2016 - 2018"],
            [
                "Căn cứ Điều lệ Đảng, Ban Thường vụ Huyện ủy hướng dẫn tổ chức đại hội chi bộ "
                "trực thuộc đảng ủy cơ sở như sau.",
                "Các đảng ủy hoàn thành đại hội chi bộ trực thuộc trước ngày 31/7/2016.",
            ],
            due=D(2016, 7, 31),
        ),
        Doc(
            "kh-quanuy-longbien-ks",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY LONG BIÊN"],
            "Quận ủy Long Biên",
            "46-KH/QU",
            "Long Biên",
            D(2018, 3, 5),
            "KH",
            "KẾ HOẠCH",
            ["kiểm tra, giám sát việc thực hiện", "Chỉ thị số 05-CT/TW của Bộ Chính trị"],
            [
                "Thực hiện Chương trình kiểm tra, giám sát năm 2018 của Ban Thường vụ Quận ủy, "
                "Ban Thường vụ Quận ủy xây dựng Kế hoạch kiểm tra như sau:",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "Các đảng ủy trực thuộc tự kiểm tra, gửi báo cáo về Ủy ban Kiểm tra Quận ủy "
                "trước ngày 20 tháng 4 năm 2018.",
                CLOSE_KH,
            ],
            due=D(2018, 4, 20),
        ),
        Doc(
            "cv-quanuy-dongda-khan",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY ĐỐNG ĐA"],
            "Quận ủy Đống Đa",
            "512-CV/QU",
            "Đống Đa",
            D(2019, 11, 12),
            "CV",
            None,
            ["V/v góp ý dự thảo Báo cáo chính trị", "Đại hội Đảng bộ quận lần thứ XXV"],
            [
                "Ban Thường vụ Quận ủy đề nghị các đồng chí nghiên cứu, góp ý dự thảo Báo cáo "
                "chính trị trình Đại hội Đảng bộ quận lần thứ XXV, nhiệm kỳ 2020 - 2025.",
                "Văn bản góp ý gửi về Văn phòng Quận ủy trước ngày 25/11.",
            ],
            "T/M BAN THƯỜNG VỤ",
            "PHÓ BÍ THƯ THƯỜNG TRỰC",
            "Hoàng Anh Tuấn",
            ["Như kính gửi", "Lưu VP."],
            ["Các đồng chí Ủy viên Ban Chấp hành Đảng bộ quận."],
            urgency="KHẨN",
            due=D(2019, 11, 25),
        ),
        Doc(
            "tb-btc-tw",
            "party",
            ["BAN CHẤP HÀNH TRUNG ƯƠNG"],
            "Ban Chấp hành Trung ương",
            "25-TB/TW",
            HN,
            D(2016, 10, 11),
            "TB",
            "THÔNG BÁO",
            ["kết luận của Bộ Chính trị về Đề án", "đổi mới công tác thi đua, khen thưởng"],
            [
                "Tại phiên họp ngày 06/10/2016, sau khi nghe Ban cán sự đảng Bộ Nội vụ báo cáo, "
                "Bộ Chính trị kết luận như sau:",
                "1. Đồng ý về cơ bản với nội dung Đề án.",
            ],
        ),
        Doc(
            "ct-huyenuy-bavi-bauc",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "HUYỆN ỦY BA VÌ"],
            "Huyện ủy Ba Vì",
            "11-CT/HU",
            "Ba Vì",
            D(2021, 1, 22),
            "CT",
            "CHỈ THỊ",
            [
                "về lãnh đạo cuộc bầu cử đại biểu Quốc hội khóa XV",
                "và đại biểu Hội đồng nhân dân các cấp",
                "nhiệm kỳ 2021 - 2026",
            ],
            [
                "Cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp "
                "nhiệm kỳ 2021 - 2026 được tiến hành vào ngày 23/5/2021.",
                CLOSE_CT,
            ],
        ),
    ]


def state_docs() -> list[Doc]:
    return [
        Doc(
            "qd-ubnd-tp-phanbo",
            "state",
            ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"],
            "Ủy ban nhân dân thành phố Hà Nội",
            "123/QĐ-UBND",
            HN,
            D(2016, 1, 12),
            "QD",
            "QUYẾT ĐỊNH",
            ["Về việc giao chỉ tiêu kế hoạch kinh tế - xã hội", "và dự toán ngân sách năm 2016"],
            [
                "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
                "Căn cứ Luật Ngân sách nhà nước ngày 16/12/2002;",
                "Xét đề nghị của Giám đốc Sở Kế hoạch và Đầu tư, Giám đốc Sở Tài chính,",
                "QUYẾT ĐỊNH:",
            ],
        ),
        Doc(
            "cv-ubnd-quan-badinh",
            "state",
            ["ỦY BAN NHÂN DÂN", "QUẬN BA ĐÌNH"],
            "Ủy ban nhân dân quận Ba Đình",
            "45/UBND-VP",
            "Ba Đình",
            D(2017, 2, 8),
            "CV",
            None,
            ["V/v tăng cường công tác quản lý", "trật tự xây dựng trên địa bàn quận"],
            [
                "Thời gian qua, tình trạng vi phạm trật tự xây dựng trên địa bàn quận vẫn còn "
                "diễn biến phức tạp. Để chấn chỉnh tình trạng trên, UBND quận yêu cầu:",
                "1. Chủ tịch UBND các phường chịu trách nhiệm toàn diện về quản lý trật tự xây "
                "dựng trên địa bàn, báo cáo kết quả về UBND quận (qua Văn phòng) trước ngày "
                "28/02/2017.",
                CLOSE_CV,
            ],
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Quang Huy",
            ["Như trên", "TT Quận ủy, TT HĐND quận", "Lưu: VT, VP."],
            ["UBND các phường;", "Đội Thanh tra xây dựng quận."],
            due=D(2017, 2, 28),
        ),
        Doc(
            "tt-btc-hoadon",
            "state",
            ["BỘ TÀI CHÍNH"],
            "Bộ Tài chính",
            "01/2016/TT-BTC",
            HN,
            D(2016, 1, 5),
            "TTU",
            "THÔNG TƯ",
            [
                "Hướng dẫn quản lý, sử dụng nguồn kinh phí",
                "thực hiện chính sách tinh giản biên chế",
            ],
            [
                "Căn cứ Luật Ngân sách nhà nước ngày 16 tháng 12 năm 2002;",
                "Căn cứ Nghị định số 215/2013/NĐ-CP ngày 23 tháng 12 năm 2013 của Chính phủ quy "
                "định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tài chính;",
                "Bộ trưởng Bộ Tài chính ban hành Thông tư hướng dẫn như sau:",
            ],
        ),
        Doc(
            "cv-vpcp-khan",
            "state",
            ["VĂN PHÒNG CHÍNH PHỦ"],
            "Văn phòng Chính phủ",
            "1234/VPCP-KGVX",
            HN,
            D(2018, 2, 26),
            "CV",
            None,
            ["V/v triển khai các biện pháp", "phòng, chống dịch cúm A/H7N9"],
            [
                "Xét báo cáo của Bộ Y tế về tình hình dịch cúm A/H7N9, Phó Thủ tướng Chính phủ "
                "có ý kiến như sau:",
                "Bộ Y tế chủ trì, phối hợp với các bộ, ngành liên quan triển khai quyết liệt các "
                "biện pháp phòng, chống dịch, báo cáo Thủ tướng Chính phủ trước ngày 15/3/2018.",
                "Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.",
            ],
            "KT. BỘ TRƯỞNG, CHỦ NHIỆM",
            "PHÓ CHỦ NHIỆM",
            "Nguyễn Văn Tùng",
            ["Như trên", "Thủ tướng, các PTTg", "Lưu: VT, KGVX (3)."],
            ["Bộ Y tế;", "Bộ Nông nghiệp và Phát triển nông thôn;", "UBND các tỉnh, thành phố."],
            urgency="KHẨN",
            due=D(2018, 3, 15),
        ),
        Doc(
            "kh-so-taichinh",
            "state",
            ["UBND THÀNH PHỐ HÀ NỘI", "SỞ TÀI CHÍNH"],
            "Sở Tài chính",
            "87/KH-STC",
            HN,
            D(2017, 4, 3),
            "KH",
            "KẾ HOẠCH",
            ["Thanh tra việc quản lý, sử dụng ngân sách", "tại các đơn vị dự toán năm 2017"],
            [
                "Thực hiện Kế hoạch thanh tra năm 2017 đã được phê duyệt, Sở Tài chính xây dựng "
                "Kế hoạch thanh tra như sau:",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "Các đơn vị được thanh tra chuẩn bị hồ sơ, tài liệu, gửi báo cáo tự kiểm tra về "
                "Sở Tài chính trước ngày 15/5/2017.",
            ],
            due=D(2017, 5, 15),
        ),
        Doc(
            "bc-ubnd-xa-datoc",
            "state",
            ["ỦY BAN NHÂN DÂN", "XÃ ĐA TỐN"],
            "Ủy ban nhân dân xã Đa Tốn",
            "56/BC-UBND",
            "Đa Tốn",
            D(2016, 12, 5),
            "BC",
            "BÁO CÁO",
            ["Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội", "năm 2016"],
            [
                "Năm 2016, được sự quan tâm lãnh đạo, chỉ đạo của Huyện ủy, UBND huyện, Đảng ủy "
                "xã, UBND xã đã tập trung chỉ đạo thực hiện các chỉ tiêu kinh tế - xã hội.",
                "I. KẾT QUẢ ĐẠT ĐƯỢC",
            ],
        ),
        Doc(
            "gm-so-noivu",
            "state",
            ["UBND THÀNH PHỐ HÀ NỘI", "SỞ NỘI VỤ"],
            "Sở Nội vụ",
            "215/GM-SNV",
            HN,
            D(2017, 9, 11),
            "GM",
            "GIẤY MỜI",
            ["Dự Hội nghị tập huấn công tác văn thư, lưu trữ năm 2017"],
            [
                "Sở Nội vụ Hà Nội trân trọng kính mời đại diện lãnh đạo và công chức làm công tác "
                "văn thư, lưu trữ của các sở, ban, ngành, UBND quận, huyện, thị xã.",
                "Thời gian: 08 giờ 00 ngày 15/9/2017.",
                "Địa điểm: Hội trường tầng 3, Sở Nội vụ, 18B Lê Thánh Tông, Hoàn Kiếm.",
            ],
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Trần Thị Ngọc Lan",
            ["Như trên", "Lưu: VT, CCVTLT."],
        ),
        Doc(
            "ttr-ubnd-huyen-thanhtri",
            "state",
            ["ỦY BAN NHÂN DÂN", "HUYỆN THANH TRÌ"],
            "Ủy ban nhân dân huyện Thanh Trì",
            "32/TTr-UBND",
            "Thanh Trì",
            D(2018, 5, 17),
            "TTR",
            "TỜ TRÌNH",
            ["Về việc đề nghị phê duyệt chủ trương đầu tư", "dự án cải tạo tuyến đường liên xã"],
            [
                "Căn cứ Luật Đầu tư công ngày 18/6/2014;",
                "UBND huyện Thanh Trì kính trình UBND Thành phố xem xét, phê duyệt chủ trương "
                "đầu tư dự án với các nội dung chính như sau:",
            ],
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Lê Văn Bình",
            ["Như trên", "Lưu: VT, TCKH."],
            ["Ủy ban nhân dân thành phố Hà Nội."],
        ),
        Doc(
            "tb-ubnd-quan-hbt",
            "state",
            ["ỦY BAN NHÂN DÂN", "QUẬN HAI BÀ TRƯNG"],
            "Ủy ban nhân dân quận Hai Bà Trưng",
            "305/TB-UBND",
            "Hai Bà Trưng",
            D(2019, 7, 22),
            "TB",
            "THÔNG BÁO",
            [
                "Kết luận của Chủ tịch UBND quận tại buổi làm việc",
                "về công tác giải phóng mặt bằng",
            ],
            [
                "Ngày 18/7/2019, Chủ tịch UBND quận chủ trì buổi làm việc với các phòng, ban "
                "liên quan về công tác giải phóng mặt bằng. Chủ tịch UBND quận kết luận:",
                "Giao Ban Quản lý dự án đầu tư xây dựng quận hoàn thành hồ sơ trước ngày "
                "31 tháng 8 năm 2019.",
            ],
            "TL. CHỦ TỊCH",
            "CHÁNH VĂN PHÒNG",
            "Phan Thị Hồng Nhung",
            ["Chủ tịch, các PCT UBND quận", "Lưu: VT."],
            due=D(2019, 8, 31),
        ),
        Doc(
            "ct-ubnd-tp-attp",
            "state",
            ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"],
            "Ủy ban nhân dân thành phố Hà Nội",
            "07/CT-UBND",
            HN,
            D(2017, 3, 23),
            "CT",
            "CHỈ THỊ",
            ["Về việc tăng cường công tác bảo đảm an toàn thực phẩm", "trên địa bàn Thành phố"],
            [
                "Trong thời gian qua, công tác bảo đảm an toàn thực phẩm trên địa bàn Thành phố "
                "đã đạt được nhiều kết quả quan trọng.",
                "Chủ tịch UBND Thành phố yêu cầu:",
            ],
        ),
        Doc(
            "cv-bo-noivu-mat",
            "state",
            ["BỘ NỘI VỤ"],
            "Bộ Nội vụ",
            "2553/BNV-TCBC",
            HN,
            D(2016, 6, 7),
            "CV",
            None,
            ["V/v báo cáo số lượng cán bộ, công chức", "dôi dư do sắp xếp tổ chức bộ máy"],
            [
                "Để có cơ sở tổng hợp, báo cáo Thủ tướng Chính phủ, Bộ Nội vụ đề nghị các Bộ, "
                "ngành, địa phương báo cáo số lượng cán bộ, công chức dôi dư.",
                "Báo cáo gửi về Bộ Nội vụ (Vụ Tổ chức - Biên chế) trước ngày 30/6/2016.",
            ],
            "KT. BỘ TRƯỞNG",
            "THỨ TRƯỞNG",
            "Trần Anh Tuấn",
            ["Như trên", "Lưu: VT, Vụ TCBC."],
            ["Các Bộ, cơ quan ngang Bộ;", "UBND các tỉnh, thành phố trực thuộc Trung ương."],
            secrecy="MẬT",
            due=D(2016, 6, 30),
        ),
        Doc(
            "qd-so-gddt",
            "state",
            ["UBND THÀNH PHỐ HÀ NỘI", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
            "Sở Giáo dục và Đào tạo",
            "2045/QĐ-SGDĐT",
            HN,
            D(2018, 6, 12),
            "QD",
            "QUYẾT ĐỊNH",
            ["Về việc thành lập Hội đồng coi thi tuyển sinh", "vào lớp 10 năm học 2018 - 2019"],
            [
                "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ NỘI",
                "Căn cứ Quy chế tuyển sinh trung học cơ sở và tuyển sinh trung học phổ thông;",
                "Xét đề nghị của Trưởng phòng Khảo thí và Kiểm định chất lượng giáo dục,",
                "QUYẾT ĐỊNH:",
            ],
        ),
        Doc(
            "kh-ubnd-quan-hadong",
            "state",
            ["ỦY BAN NHÂN DÂN", "QUẬN HÀ ĐÔNG"],
            "Ủy ban nhân dân quận Hà Đông",
            "178/KH-UBND",
            "Hà Đông",
            D(2020, 3, 2),
            "KH",
            "KẾ HOẠCH",
            [
                "Triển khai các biện pháp cấp bách phòng, chống dịch bệnh",
                "viêm đường hô hấp cấp do chủng mới của vi rút Corona",
            ],
            [
                "Thực hiện Chỉ thị số 06/CT-TTg ngày 31/01/2020 của Thủ tướng Chính phủ, UBND "
                "quận Hà Đông ban hành Kế hoạch như sau:",
                "Các phường báo cáo kết quả thực hiện về UBND quận trước 16 giờ 00 ngày 06/3/2020.",
            ],
            urgency="THƯỢNG KHẨN",
            due=D(2020, 3, 6),
        ),
        Doc(
            "cv-so-yte-hoatoc",
            "state",
            ["UBND THÀNH PHỐ HÀ NỘI", "SỞ Y TẾ"],
            "Sở Y tế",
            "812/SYT-NVY",
            HN,
            D(2020, 3, 6),
            "CV",
            None,
            ["V/v sẵn sàng thu dung, điều trị", "người bệnh nghi nhiễm COVID-19"],
            [
                "Thực hiện chỉ đạo của UBND Thành phố, Sở Y tế yêu cầu các bệnh viện trực thuộc "
                "sẵn sàng phương án thu dung, điều trị người bệnh.",
                "Các đơn vị báo cáo số giường sẵn sàng về Sở Y tế trước 10 giờ ngày 07/3/2020.",
            ],
            None,
            "GIÁM ĐỐC",
            "Nguyễn Khắc Hiền",
            ["Như trên", "Lưu: VT, NVY."],
            ["Các bệnh viện trực thuộc Sở Y tế."],
            urgency="HỎA TỐC",
            due=D(2020, 3, 7),
        ),
        Doc(
            "qd-ubnd-phuong-yenhoa",
            "state",
            ["ỦY BAN NHÂN DÂN", "PHƯỜNG YÊN HÒA"],
            "Ủy ban nhân dân phường Yên Hòa",
            "09/QĐ-UBND",
            "Yên Hòa",
            D(2017, 2, 14),
            "QD",
            "QUYẾT ĐỊNH",
            ["Về việc thành lập Tổ công tác rà soát", "hộ nghèo, hộ cận nghèo năm 2017"],
            [
                "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG YÊN HÒA",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
                "QUYẾT ĐỊNH:",
                "Điều 1. Thành lập Tổ công tác rà soát hộ nghèo, hộ cận nghèo năm 2017.",
                "Điều 2. Tổ công tác hoàn thành rà soát trước ngày 30/3/2017.",
                "Điều 3. Quyết định có hiệu lực kể từ ngày ký.",
            ],
            None,
            "CHỦ TỊCH",
            "Đào Mạnh Cường",
            ["Như Điều 3", "Lưu: VT."],
            due=D(2017, 3, 30),
        ),
        Doc(
            "hd-so-laodong",
            "state",
            ["UBND THÀNH PHỐ HÀ NỘI", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"],
            "Sở Lao động - Thương binh và Xã hội",
            "14/HD-SLĐTBXH",
            HN,
            D(2018, 10, 30),
            "HD",
            "HƯỚNG DẪN",
            [
                "Tổ chức thăm, tặng quà các đối tượng chính sách",
                "nhân dịp Tết Nguyên đán Kỷ Hợi năm 2019",
            ],
            [
                "Thực hiện Kế hoạch của UBND Thành phố, Sở Lao động - Thương binh và Xã hội hướng "
                "dẫn các quận, huyện, thị xã tổ chức thăm, tặng quà như sau:",
                "UBND các quận, huyện, thị xã tổng hợp danh sách gửi về Sở trước ngày 20/12/2018.",
            ],
            due=D(2018, 12, 20),
        ),
        Doc(
            "cv-ubnd-tp-qd-toimat",
            "state",
            ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"],
            "Ủy ban nhân dân thành phố Hà Nội",
            "3381/UBND-NC",
            HN,
            D(2019, 8, 12),
            "CV",
            None,
            ["V/v bảo đảm an ninh, trật tự", "dịp Quốc khánh 02/9"],
            [
                "Để bảo đảm an ninh, trật tự, an toàn tuyệt đối các hoạt động kỷ niệm Quốc khánh "
                "02/9, UBND Thành phố yêu cầu Công an Thành phố chủ trì triển khai phương án.",
            ],
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Nguyễn Đức Chung",
            ["Như trên", "Lưu: VT, NC."],
            ["Công an Thành phố;", "Bộ Tư lệnh Thủ đô."],
            secrecy="TỐI MẬT",
        ),
        Doc(
            "bc-so-khdt-tuq",
            "state",
            ["UBND THÀNH PHỐ HÀ NỘI", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"],
            "Sở Kế hoạch và Đầu tư",
            "402/BC-KHĐT",
            HN,
            D(2019, 10, 4),
            "BC",
            "BÁO CÁO",
            ["Tình hình thực hiện kế hoạch đầu tư công", "9 tháng đầu năm 2019"],
            [
                "Sở Kế hoạch và Đầu tư báo cáo tình hình giải ngân vốn đầu tư công 9 tháng đầu "
                "năm 2019 như sau: tổng vốn đã giải ngân đạt 54,3% kế hoạch.",
            ],
            "TUQ. GIÁM ĐỐC",
            "TRƯỞNG PHÒNG TỔNG HỢP",
            "Hà Minh Đức",
            ["UBND Thành phố (để b/c)", "Lưu: VT, TH."],
        ),
        Doc(
            "qd-ubnd-huyen-melinh-q",
            "state",
            ["ỦY BAN NHÂN DÂN", "HUYỆN MÊ LINH"],
            "Ủy ban nhân dân huyện Mê Linh",
            "1520/QĐ-UBND",
            "Mê Linh",
            D(2018, 7, 3),
            "QD",
            "QUYẾT ĐỊNH",
            ["Về việc phê duyệt kết quả lựa chọn nhà thầu"],
            [
                "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MÊ LINH",
                "Căn cứ Luật Đấu thầu ngày 26/11/2013;",
                "QUYẾT ĐỊNH:",
                "Điều 1. Phê duyệt kết quả lựa chọn nhà thầu gói thầu số 03.",
            ],
            "Q. CHỦ TỊCH",
            None,
            "Kiều Văn Thắng",
            ["Như Điều 3", "Lưu: VT."],
        ),
        Doc(
            "nd-chinhphu",
            "state",
            ["CHÍNH PHỦ"],
            "Chính phủ",
            "30/2020/NĐ-CP",
            HN,
            D(2020, 3, 5),
            "ND",
            "NGHỊ ĐỊNH",
            ["Về công tác văn thư"],
            [
                "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
                "Theo đề nghị của Bộ trưởng Bộ Nội vụ;",
                "Chính phủ ban hành Nghị định về công tác văn thư.",
            ],
        ),
        Doc(
            "cv-cuc-thue-huongdan",
            "state",
            ["TỔNG CỤC THUẾ", "CỤC THUẾ TP HÀ NỘI"],
            "Cục Thuế TP Hà Nội",
            "45210/CT-TTHT",
            HN,
            D(2018, 11, 19),
            "CV",
            None,
            ["V/v chính sách thuế đối với", "hoạt động cho thuê tài sản"],
            [
                "Cục Thuế TP Hà Nội nhận được văn bản hỏi của Công ty TNHH Minh Phát về chính "
                "sách thuế đối với hoạt động cho thuê tài sản. Về vấn đề này, Cục Thuế TP Hà Nội "
                "có ý kiến như sau:",
            ],
            "KT. CỤC TRƯỞNG",
            "PHÓ CỤC TRƯỞNG",
            "Mai Sơn",
            ["Như trên", "Lưu: VT, TTHT."],
            ["Công ty TNHH Minh Phát."],
        ),
    ]


# Which rendering each document gets: (slug, kind, layout) — kinds typed / unaccented / scanned.
def holdout_docs() -> list[Doc]:
    """Written after the extractor's rules, to check that they generalise (files 089 on)."""
    return [
        Doc(
            "qc-btv-huyenuy-chuongmy",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "HUYỆN ỦY CHƯƠNG MỸ"],
            "Huyện ủy Chương Mỹ",
            "01-QC/HU",
            "Chương Mỹ",
            D(2020, 10, 26),
            "QC",
            "QUY CHẾ",
            ["làm việc của Ban Chấp hành Đảng bộ huyện", "khóa XXIV, nhiệm kỳ 2020 - 2025"],
            [
                "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
                "- Căn cứ Quy chế làm việc mẫu của Ban Chấp hành đảng bộ huyện;",
                "Ban Chấp hành Đảng bộ huyện ban hành Quy chế làm việc như sau:",
                "Chương I. NHỮNG QUY ĐỊNH CHUNG",
            ],
        ),
        Doc(
            "tb-bandanvan-thanhuy",
            "party",
            ["THÀNH ỦY HÀ NỘI", "BAN DÂN VẬN"],
            "Ban Dân vận",
            "76-TB/BDVTU",
            HN,
            D(2019, 4, 2),
            "TB",
            "THÔNG BÁO",
            ["về việc phân công nhiệm vụ lãnh đạo Ban Dân vận Thành ủy"],
            [
                "Căn cứ Quy chế làm việc của Ban Dân vận Thành ủy, tập thể lãnh đạo Ban thống nhất "
                "phân công nhiệm vụ như sau:",
                "1. Đồng chí Trưởng ban: phụ trách chung, chỉ đạo công tác tổ chức cán bộ.",
                "2. Các đồng chí Phó Trưởng ban: phụ trách các lĩnh vực được phân công.",
            ],
            "K/T TRƯỞNG BAN",
            "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
            "Nguyễn Thị Tuyến",
            ["Thường trực Thành ủy", "Lưu VP."],
        ),
        Doc(
            "cv-banoichinh-mat",
            "party",
            ["THÀNH ỦY HÀ NỘI", "BAN NỘI CHÍNH"],
            "Ban Nội chính",
            "204-CV/BNCTU",
            HN,
            D(2018, 8, 16),
            "CV",
            None,
            ["V/v báo cáo tình hình, kết quả công tác", "phòng, chống tham nhũng 6 tháng đầu năm"],
            [
                "Để có cơ sở tổng hợp, báo cáo Thường trực Thành ủy, Ban Nội chính Thành ủy "
                "đề nghị các đơn vị báo cáo tình hình, kết quả công tác phòng, chống tham nhũng.",
                "Báo cáo gửi về Ban Nội chính Thành ủy chậm nhất là ngày 31 tháng 8 năm 2018.",
            ],
            "K/T TRƯỞNG BAN",
            "PHÓ TRƯỞNG BAN",
            "Đặng Văn Sơn",
            ["Như kính gửi", "Lưu VP."],
            ["Ban cán sự đảng UBND Thành phố,", "Các quận ủy, huyện ủy, thị ủy."],
            secrecy="MẬT",
            urgency="KHẨN",
            due=D(2018, 8, 31),
        ),
        Doc(
            "dean-quanuy-hoangmai",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY HOÀNG MAI"],
            "Quận ủy Hoàng Mai",
            "05-ĐA/QU",
            "Hoàng Mai",
            D(2021, 6, 9),
            "DEAN",
            "ĐỀ ÁN",
            ["nâng cao chất lượng sinh hoạt chi bộ", "giai đoạn 2021 - 2025"],
            [
                "PHẦN THỨ NHẤT",
                "SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN",
                "Sinh hoạt chi bộ là hình thức để đảng viên tham gia bàn bạc, quyết định các công "
                "việc của chi bộ, có ý nghĩa quyết định đến năng lực lãnh đạo của tổ chức đảng.",
            ],
        ),
        Doc(
            "ct-dangbo-khoi-dn",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY KHỐI DOANH NGHIỆP"],
            "Đảng ủy Khối doanh nghiệp",
            "03-CT/ĐUK",
            HN,
            D(2016, 3, 1),
            "CT",
            "CHỈ THỊ",
            [
                "về tăng cường sự lãnh đạo của các cấp ủy đảng",
                "đối với công tác phát triển đảng viên",
                "trong doanh nghiệp ngoài nhà nước",
            ],
            [
                "Những năm qua, công tác phát triển đảng viên trong doanh nghiệp ngoài nhà nước "
                "đã đạt được một số kết quả nhưng còn chậm, chưa tương xứng với yêu cầu.",
                CLOSE_CT,
            ],
            date_style="plain",
        ),
        Doc(
            "kl-tinhuy-thanhhoa",
            "party",
            ["TỈNH ỦY THANH HÓA"],
            "Tỉnh ủy Thanh Hóa",
            "128-KL/TU",
            "Thanh Hóa",
            D(2019, 5, 24),
            "KL",
            "KẾT LUẬN",
            ["của Ban Thường vụ Tỉnh ủy về kết quả thực hiện", "Nghị quyết số 09-NQ/TU"],
            [
                "Tại phiên họp ngày 21/5/2019, sau khi nghe Ban cán sự đảng UBND tỉnh báo cáo kết "
                "quả thực hiện Nghị quyết số 09-NQ/TU, ý kiến tham gia của các đồng chí, Ban "
                "Thường vụ Tỉnh ủy kết luận:",
                "Giao Ban cán sự đảng UBND tỉnh tổng kết, báo cáo Ban Thường vụ Tỉnh ủy không "
                "muộn hơn ngày 30/9/2019.",
            ],
            "T/M BAN THƯỜNG VỤ",
            "PHÓ BÍ THƯ",
            "Đỗ Trọng Hưng",
            ["Các đồng chí Tỉnh ủy viên", "Lưu VPTU."],
            due=D(2019, 9, 30),
        ),
        Doc(
            "ttri-tw",
            "party",
            ["BAN CHẤP HÀNH TRUNG ƯƠNG"],
            "Ban Chấp hành Trung ương",
            "03-TT/TW",
            HN,
            D(2017, 2, 20),
            "TTRI",
            "THÔNG TRI",
            ["về lãnh đạo tổ chức kỷ niệm 100 năm", "Cách mạng Tháng Mười Nga"],
            [
                "Năm 2017 là năm kỷ niệm 100 năm Cách mạng Tháng Mười Nga (1917 - 2017). Ban Bí "
                "thư yêu cầu các cấp ủy, tổ chức đảng lãnh đạo tổ chức tốt các hoạt động kỷ niệm.",
            ],
        ),
        Doc(
            "bb-dangbo-phuong",
            "party",
            ["ĐẢNG BỘ QUẬN CẦU GIẤY", "ĐẢNG ỦY PHƯỜNG DỊCH VỌNG"],
            "Đảng ủy phường Dịch Vọng",
            "",
            "Dịch Vọng",
            D(2017, 7, 11),
            "BB",
            "BIÊN BẢN",
            ["Hội nghị Ban Chấp hành Đảng bộ phường", "sơ kết công tác 6 tháng đầu năm 2017"],
            [
                "Hôm nay, vào hồi 14 giờ 00 ngày 11/7/2017, tại Hội trường UBND phường Dịch Vọng, "
                "Đảng ủy phường tổ chức Hội nghị Ban Chấp hành Đảng bộ phường.",
                "Thành phần: có mặt 15/17 đồng chí Ủy viên Ban Chấp hành.",
            ],
        ),
        Doc(
            "ggt-quanuy-thanhxuan",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY THANH XUÂN"],
            "Quận ủy Thanh Xuân",
            "",
            "Thanh Xuân",
            D(2016, 10, 3),
            "GGT",
            "GIẤY GIỚI THIỆU",
            [],
            [
                "Ban Thường vụ Quận ủy Thanh Xuân trân trọng giới thiệu đồng chí Lương Văn Hòa, "
                "chuyên viên Văn phòng Quận ủy, được cử đến Văn phòng Thành ủy liên hệ công tác.",
                "Giấy giới thiệu có giá trị đến hết ngày 10/10/2016.",
            ],
            "T/L BAN THƯỜNG VỤ",
            "CHÁNH VĂN PHÒNG",
            "Trịnh Minh Châu",
        ),
        Doc(
            "cv-huyenuy-phuxuyen-hoatoc",
            "party",
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "HUYỆN ỦY PHÚ XUYÊN"],
            "Huyện ủy Phú Xuyên",
            "89-CV/HU",
            "Phú Xuyên",
            D(2017, 10, 11),
            "CV",
            None,
            ["V/v khắc phục hậu quả mưa lũ"],
            [
                "Do ảnh hưởng của mưa lớn kéo dài, nhiều diện tích lúa mùa trên địa bàn huyện bị "
                "ngập úng. Thường trực Huyện ủy yêu cầu các đảng ủy xã, thị trấn tập trung chỉ đạo "
                "khắc phục, báo cáo thiệt hại về Văn phòng Huyện ủy trước 8 giờ 00 ngày 12/10.",
            ],
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
            "Lê Anh Sơn",
            ["Như kính gửi", "Lưu VP."],
            ["Các đảng ủy xã, thị trấn."],
            urgency="HỎA TỐC HẸN GIỜ",
            due=D(2017, 10, 12),
        ),
        Doc(
            "nq-hdnd-tp",
            "state",
            ["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"],
            "Hội đồng nhân dân thành phố Hà Nội",
            "05/NQ-HĐND",
            HN,
            D(2018, 7, 10),
            "NQ",
            "NGHỊ QUYẾT",
            [
                "Về việc điều chỉnh kế hoạch đầu tư công trung hạn",
                "giai đoạn 2016 - 2020 của Thành phố",
            ],
            [
                "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI",
                "KHÓA XV, KỲ HỌP THỨ 6",
                "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;",
                "QUYẾT NGHỊ:",
            ],
        ),
        Doc(
            "cv-so-xaydung-space",
            "state",
            ["UBND THÀNH PHỐ HÀ NỘI", "SỞ XÂY DỰNG"],
            "Sở Xây dựng",
            "6021/SXD-QLXD",
            HN,
            D(2019, 6, 27),
            "CV",
            None,
            ["V/v hướng dẫn thủ tục cấp phép xây dựng", "nhà ở riêng lẻ"],
            [
                "Sở Xây dựng nhận được văn bản của UBND quận Long Biên đề nghị hướng dẫn thủ tục "
                "cấp giấy phép xây dựng nhà ở riêng lẻ. Sau khi nghiên cứu, Sở Xây dựng có ý kiến "
                "như sau:",
            ],
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Võ Nguyên Phong",
            ["Như trên", "Lưu: VT, QLXD."],
            ["UBND quận Long Biên."],
            printed_symbol="6021 /SXD-QLXD",
        ),
        Doc(
            "qd-bo-gddt",
            "state",
            ["BỘ GIÁO DỤC VÀ ĐÀO TẠO"],
            "Bộ Giáo dục và Đào tạo",
            "1147/QĐ-BGDĐT",
            HN,
            D(2019, 5, 6),
            "QD",
            "QUYẾT ĐỊNH",
            ["Phê duyệt kế hoạch tổ chức kỳ thi trung học phổ thông quốc gia năm 2019"],
            [
                "BỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO",
                "Căn cứ Nghị định số 123/2016/NĐ-CP ngày 01/9/2016 của Chính phủ;",
                "QUYẾT ĐỊNH:",
            ],
        ),
        Doc(
            "cd-thutuong",
            "state",
            ["THỦ TƯỚNG CHÍNH PHỦ"],
            "Thủ tướng Chính phủ",
            "121/CĐ-TTg",
            HN,
            D(2020, 1, 28),
            "CD",
            "CÔNG ĐIỆN",
            [
                "Về việc tăng cường phòng, chống dịch bệnh viêm đường hô hấp cấp",
                "do chủng mới của vi rút Corona gây ra",
            ],
            [
                "THỦ TƯỚNG CHÍNH PHỦ điện:",
                "- Bộ trưởng các Bộ: Y tế, Ngoại giao, Công an, Quốc phòng;",
                "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.",
                "Các Bộ, địa phương báo cáo Thủ tướng Chính phủ trước ngày 05/02/2020.",
            ],
            "KT. THỦ TƯỚNG",
            "PHÓ THỦ TƯỚNG",
            "Vũ Đức Đam",
            ["Như trên", "Lưu: VT, KGVX."],
            urgency="THƯỢNG KHẨN",
            due=D(2020, 2, 5),
        ),
        Doc(
            "pa-congan-tp",
            "state",
            ["UBND THÀNH PHỐ HÀ NỘI", "CÔNG AN THÀNH PHỐ"],
            "Công an Thành phố",
            "27/PA-CATP",
            HN,
            D(2018, 12, 20),
            "PA",
            "PHƯƠNG ÁN",
            ["Bảo đảm an ninh, trật tự dịp Tết Dương lịch", "và Tết Nguyên đán Kỷ Hợi năm 2019"],
            [
                "Thực hiện chỉ đạo của Bộ Công an và UBND Thành phố, Công an Thành phố xây dựng "
                "Phương án bảo đảm an ninh, trật tự như sau:",
                "I. TÌNH HÌNH",
            ],
            secrecy="TUYỆT MẬT",
        ),
        Doc(
            "gm-ubnd-quan-namtuliem",
            "state",
            ["ỦY BAN NHÂN DÂN", "QUẬN NAM TỪ LIÊM"],
            "Ủy ban nhân dân quận Nam Từ Liêm",
            "88/GM-UBND",
            "Nam Từ Liêm",
            D(2020, 11, 23),
            "GM",
            "GIẤY MỜI",
            ["Họp triển khai công tác chuẩn bị bầu cử"],
            [
                "UBND quận Nam Từ Liêm trân trọng kính mời đại diện lãnh đạo các phòng, ban, đơn "
                "vị thuộc quận dự họp.",
                "Thời gian: 14 giờ 00, ngày 25/11/2020.",
                "Địa điểm: Phòng họp số 1, trụ sở UBND quận.",
            ],
            "TL. CHỦ TỊCH",
            "CHÁNH VĂN PHÒNG",
            "Nguyễn Thanh Tâm",
            ["Như trên", "Lưu: VT."],
        ),
        Doc(
            "ctr-ubnd-huyen-unghoa",
            "state",
            ["ỦY BAN NHÂN DÂN", "HUYỆN ỨNG HÒA"],
            "Ủy ban nhân dân huyện Ứng Hòa",
            "04/CTr-UBND",
            "Ứng Hòa",
            D(2017, 1, 9),
            "CTR",
            "CHƯƠNG TRÌNH",
            ["Công tác trọng tâm năm 2017"],
            [
                "Năm 2017 là năm thứ hai thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIV. "
                "UBND huyện xây dựng Chương trình công tác trọng tâm như sau:",
                "I. MỤC TIÊU",
            ],
        ),
        Doc(
            "qyd-ubnd-tinh",
            "state",
            ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"],
            "Ủy ban nhân dân tỉnh Bắc Giang",
            "12/QyĐ-UBND",
            "Bắc Giang",
            D(2021, 4, 1),
            "QYD",
            "QUY ĐỊNH",
            ["Về phân cấp quản lý tổ chức bộ máy, công chức, viên chức"],
            [
                "Chương I",
                "QUY ĐỊNH CHUNG",
                "Điều 1. Phạm vi điều chỉnh",
            ],
        ),
        Doc(
            "bc-chicuc-thue",
            "state",
            ["CỤC THUẾ TP HÀ NỘI", "CHI CỤC THUẾ QUẬN BẮC TỪ LIÊM"],
            "Chi cục Thuế quận Bắc Từ Liêm",
            "215/BC-CCT",
            "Bắc Từ Liêm",
            D(2016, 7, 5),
            "BC",
            "BÁO CÁO",
            ["Kết quả thu ngân sách nhà nước 6 tháng đầu năm 2016"],
            [
                "Chi cục Thuế quận Bắc Từ Liêm báo cáo kết quả thu ngân sách 6 tháng đầu năm như "
                "sau: tổng thu đạt 1.254 tỷ đồng, bằng 61% dự toán.",
            ],
            None,
            "CHI CỤC TRƯỞNG",
            "Bạch Văn Lợi",
            ["Cục Thuế TP (để b/c)", "Lưu: VT."],
        ),
        Doc(
            "cv-vpubnd-tp-qtoanh",
            "state",
            ["UBND THÀNH PHỐ HÀ NỘI", "VĂN PHÒNG"],
            "Văn phòng",
            "2210/VP-ĐT",
            HN,
            D(2022, 5, 30),
            "CV",
            None,
            ["V/v xử lý kiến nghị của công dân"],
            [
                "Văn phòng UBND Thành phố nhận được đơn kiến nghị của công dân về việc chậm bàn "
                "giao nhà tái định cư. Thừa lệnh Chủ tịch UBND Thành phố, Văn phòng UBND Thành "
                "phố chuyển đơn đến UBND quận Hoàng Mai để xem xét, giải quyết theo thẩm quyền, "
                "trả lời công dân trước ngày 30/6/2022.",
            ],
            "TL. CHỦ TỊCH",
            "PHÓ CHÁNH VĂN PHÒNG",
            "Phạm Chí Công",
            ["Như trên", "Lưu: VT, ĐT."],
            ["UBND quận Hoàng Mai."],
            due=D(2022, 6, 30),
            printed_symbol="2210/VP- ĐT",
        ),
        Doc(
            "tb-ubnd-tphcm",
            "state",
            ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"],
            "Ủy ban nhân dân thành phố Hồ Chí Minh",
            "412/TB-VP",
            "TP. Hồ Chí Minh",
            D(2019, 6, 18),
            "TB",
            "THÔNG BÁO",
            [
                "Kết luận của Phó Chủ tịch Ủy ban nhân dân Thành phố",
                "tại cuộc họp về công tác chống ngập",
            ],
            [
                "Ngày 12/6/2019, Phó Chủ tịch UBND Thành phố chủ trì cuộc họp về công tác chống "
                "ngập. Sau khi nghe báo cáo, Phó Chủ tịch kết luận như sau:",
                "Giao Sở Xây dựng hoàn thành rà soát các điểm ngập, báo cáo trước ngày 15/7/2019.",
            ],
            "TL. CHỦ TỊCH",
            "CHÁNH VĂN PHÒNG",
            "Võ Văn Hoan",
            ["Sở Xây dựng", "Lưu: VT."],
            due=D(2019, 7, 15),
        ),
        Doc(
            "hd-thanhtra-cp",
            "state",
            ["THANH TRA CHÍNH PHỦ"],
            "Thanh tra Chính phủ",
            "1328/HD-TTCP",
            HN,
            D(2017, 6, 2),
            "HD",
            "HƯỚNG DẪN",
            ["Xây dựng định hướng chương trình thanh tra năm 2018"],
            [
                "Để thống nhất việc xây dựng định hướng chương trình thanh tra năm 2018, Thanh tra "
                "Chính phủ hướng dẫn như sau:",
                "Các Bộ, ngành, địa phương gửi dự kiến kế hoạch thanh tra về Thanh tra Chính phủ "
                "trước ngày 30 tháng 9 năm 2017.",
            ],
            due=D(2017, 9, 30),
        ),
    ]


# Pages written out by hand, with quirks the renderings above do not produce: pdftotext's
# interleaving of the two header columns line by line, a date broken over two lines, a
# hand-filled number with stray spaces, a typist's unaccented "So :", a header table exported
# from a word processor with its cells in reading order.
RAW: list[tuple[str, str, dict[str, Any]]] = [
    (
        "typed",
        "interleaved-quanuy-bactuliem",
        {
            "text": """ĐẢNG BỘ THÀNH PHỐ HÀ NỘI
ĐẢNG CỘNG SẢN VIỆT NAM
QUẬN ỦY BẮC TỪ LIÊM
*
Bắc Từ Liêm, ngày 18 tháng 4 năm 2017
Số 231-CV/QU
V/v tổ chức các hoạt động kỷ niệm
Ngày Giải phóng miền Nam 30/4
Kính gửi: Các chi bộ, đảng bộ trực thuộc Quận ủy.
Thực hiện Hướng dẫn của Ban Tuyên giáo Thành ủy, Ban Thường vụ Quận ủy đề nghị các chi bộ,
đảng bộ trực thuộc tổ chức các hoạt động kỷ niệm thiết thực, tiết kiệm.
Kết quả báo cáo về Ban Tuyên giáo Quận ủy trước ngày 05/5/2017.
Nơi nhận:
T/M BAN THƯỜNG VỤ
- Như kính gửi,
PHÓ BÍ THƯ
- Lưu VP.
Trương Công Minh
""",
            "document_type": "CV",
            "symbol": "231-CV/QU",
            "issuer": "Quận ủy Bắc Từ Liêm",
            "place": "Bắc Từ Liêm",
            "issued_date": "2017-04-18",
            "subject": "V/v tổ chức các hoạt động kỷ niệm Ngày Giải phóng miền Nam 30/4",
            "signer": "Trương Công Minh",
            "signer_position": "Phó Bí thư",
            "authority": "T/M",
            "due_date": "2017-05-05",
        },
    ),
    (
        "typed",
        "interleaved-ubnd-xa-broken-date",
        {
            "text": """ỦY BAN NHÂN DÂN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ TIÊN DƯƠNG
Độc lập - Tự do - Hạnh phúc
Số:   17 / BC - UBND
Tiên Dương, ngày 28 tháng 12
năm 2018
BÁO CÁO
Tổng kết công tác dân số - kế hoạch hóa gia đình năm 2018
Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2018 của UBND xã về công tác dân số năm 2018,
UBND xã Tiên Dương báo cáo kết quả thực hiện như sau:
""",
            "document_type": "BC",
            "symbol": "17/BC-UBND",
            "issuer": "Ủy ban nhân dân xã Tiên Dương",
            "place": "Tiên Dương",
            "issued_date": "2018-12-28",
            "subject": "Tổng kết công tác dân số - kế hoạch hóa gia đình năm 2018",
        },
    ),
    (
        "unaccented",
        "typist-so-colon-space",
        {
            "text": """UBND THANH PHO HA NOI                    CONG HOA XA HOI CHU NGHIA VIET NAM
SO TAI NGUYEN VA MOI TRUONG                    Doc lap - Tu do - Hanh phuc
So : 3056 /STNMT-CCBVMT                    Ha Noi, ngay 7 thang 6 nam 2018
V/v tang cuong kiem tra cac co so
phat sinh chat thai nguy hai

KHAN

Kinh gui: UBND cac quan, huyen, thi xa.

De tang cuong cong tac quan ly chat thai nguy hai, So Tai nguyen va Moi truong de nghi UBND
cac quan, huyen, thi xa chi dao kiem tra, bao cao ket qua ve So truoc ngay 30/6/2018.

Noi nhan:                                     KT. GIAM DOC
- Nhu tren;                                   PHO GIAM DOC
- Luu: VT, CCBVMT.
                                              Le Thanh Nam
""",
            "document_type": "CV",
            "symbol": "3056/STNMT-CCBVMT",
            "issuer": "Sở Tài nguyên và Môi trường",
            "place": "Hà Nội",
            "issued_date": "2018-06-07",
            "subject": "V/v tăng cường kiểm tra các cơ sở phát sinh chất thải nguy hại",
            "signer": "Lê Thanh Nam",
            "signer_position": "Phó Giám đốc",
            "authority": "KT.",
            "urgency": "khan",
            "due_date": "2018-06-30",
        },
    ),
    (
        "typed",
        "docx-table-btc-tu",
        {
            "text": """THÀNH ỦY HÀ NỘI
BAN TỔ CHỨC
*
Số 412-CV/BTCTU
V/v đề nghị cung cấp hồ sơ
cán bộ thuộc diện quy hoạch
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 03 tháng 8 năm 2020
Kính gửi: Ban Thường vụ các quận ủy, huyện ủy, thị ủy.
Để chuẩn bị nhân sự, Ban Tổ chức Thành ủy đề nghị Ban Thường vụ các quận ủy, huyện ủy, thị ủy
gửi hồ sơ cán bộ thuộc diện quy hoạch về Ban Tổ chức Thành ủy chậm nhất ngày 14/8/2020.
""",
            "document_type": "CV",
            "symbol": "412-CV/BTCTU",
            "issuer": "Ban Tổ chức",
            "place": "Hà Nội",
            "issued_date": "2020-08-03",
            "subject": "V/v đề nghị cung cấp hồ sơ cán bộ thuộc diện quy hoạch",
            "due_date": "2020-08-14",
        },
    ),
    (
        "typed",
        "no-date-draft",
        {
            "place": "Mỹ Đức",
            "text": """ĐẢNG BỘ THÀNH PHỐ HÀ NỘI
HUYỆN ỦY MỸ ĐỨC
*
Số    -NQ/HU
DỰ THẢO
ĐẢNG CỘNG SẢN VIỆT NAM
Mỹ Đức, ngày      tháng      năm 2019
NGHỊ QUYẾT
về phát triển du lịch huyện Mỹ Đức đến năm 2025
""",
            "document_type": "NQ",
            "issuer": "Huyện ủy Mỹ Đức",
            "subject": "Về phát triển du lịch huyện Mỹ Đức đến năm 2025",
        },
    ),
    (
        "unaccented",
        "unaccented-party-kh-rows",
        {
            "text": """DANG BO THANH PHO HA NOI          DANG CONG SAN VIET NAM
HUYEN UY QUOC OAI
*          Quoc Oai, ngay 15 thang 02 nam 2019
So 58-KH/HU
MAT

KE HOACH
kiem tra cong tac chuan bi dai hoi
cac chi bo, dang bo co so nhiem ky 2020 - 2025
-----
Thuc hien Chi thi so 35-CT/TW cua Bo Chinh tri, Ban Thuong vu Huyen uy xay dung Ke hoach kiem
tra nhu sau:
I. MUC DICH, YEU CAU
Cac dang uy co so hoan thanh tu kiem tra, bao cao ve Ban Thuong vu Huyen uy truoc ngay
15 thang 4 nam 2019.
""",
            "document_type": "KH",
            "symbol": "58-KH/HU",
            "issuer": "Huyện ủy Quốc Oai",
            "place": "Quốc Oai",
            "issued_date": "2019-02-15",
            "subject": "Kiểm tra công tác chuẩn bị đại hội các chi bộ, đảng bộ cơ sở nhiệm kỳ "
            "2020 - 2025",
            "secrecy": "mat",
            "due_date": "2019-04-15",
        },
    ),
]


def plan(docs: list[Doc]) -> list[tuple[Doc, str, str]]:
    """Deterministic assignment of renderings: every doc typed; a share also unaccented/scanned."""
    rng = random.Random(20260911)
    layouts = ["left-first", "right-first", "rows", "padded"]
    out: list[tuple[Doc, str, str]] = []
    for i, doc in enumerate(docs):
        out.append((doc, "typed", layouts[i % 4]))
        if i % 3 == 1:
            out.append((doc, "unaccented", rng.choice(layouts)))
        if i % 2 == 0 or i % 5 == 3:
            out.append((doc, "scanned", "page"))
    return out


def raw_labels(spec: dict[str, Any]) -> dict[str, Any]:
    """Labels of a hand-written page: what it does not state is None (levels: thường)."""
    labels: dict[str, Any] = {f: spec.get(f) for f in LABEL_FIELDS}
    if labels["symbol"]:
        labels["number"], labels["notation"] = _split_symbol(labels["symbol"])
    labels["secrecy"] = spec.get("secrecy", "thuong")
    labels["urgency"] = spec.get("urgency", "thuong")
    return labels


LABEL_FIELDS = (
    "document_type",
    "number",
    "notation",
    "symbol",
    "issuer",
    "place",
    "issued_date",
    "subject",
    "signer",
    "signer_position",
    "authority",
    "secrecy",
    "urgency",
    "due_date",
)


def all_docs() -> list[Doc]:
    return party_docs() + state_docs() + holdout_docs()


# Three degraded pages kept as images for the end-to-end OCR test: a Party chỉ thị, a state
# quyết định, and a state công văn whose notation starts like a type (…/CT-TTHT).
KEEP_SCANS = ("ct-quanuy-badinh-pccc", "qd-ubnd-phuong-yenhoa", "cv-cuc-thue-huongdan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-ocr", action="store_true", help="keep the existing OCR texts")
    args = parser.parse_args()
    CORPUS.mkdir(exist_ok=True)
    SCANS.mkdir(exist_ok=True)
    labels: dict[str, dict[str, Any]] = {}
    for old in SCANS.glob("*.jpg"):
        old.unlink()
    scan_labels: dict[str, dict[str, Any]] = {}
    for n, (doc, kind, layout) in enumerate(plan(all_docs()), start=1):
        name = f"{n:03d}-{kind}-{doc.slug}.txt"
        path = CORPUS / name
        if kind == "typed":
            path.write_text(render_typed(doc, layout), encoding="utf-8")
        elif kind == "unaccented":
            path.write_text(unaccent(render_typed(doc, layout)), encoding="utf-8")
        else:
            rng = random.Random(n * 7919)
            image = degrade(render_page(doc, rng), rng)
            if not args.no_ocr or not path.exists():
                tmp = CORPUS / f".{n:03d}.png"
                image.save(tmp)
                try:
                    path.write_text(ocr(tmp), encoding="utf-8")
                finally:
                    tmp.unlink()
            if doc.slug in KEEP_SCANS:
                # The header half of the page is what the end-to-end OCR test reads.
                header = image.crop((0, 0, image.width, int(image.height * 0.3)))
                header.save(SCANS / f"{doc.slug}.jpg", format="JPEG", quality=35)
                scan_labels[f"{doc.slug}.jpg"] = doc.labels()
        labels[name] = {"kind": kind, "layout": layout, **doc.labels()}
        print(name)
    start = len(labels) + 1
    for n, (kind, slug, spec) in enumerate(RAW, start=start):
        name = f"{n:03d}-{kind}-{slug}.txt"
        (CORPUS / name).write_text(spec["text"], encoding="utf-8")
        labels[name] = {"kind": kind, "layout": "raw", **raw_labels(spec)}
        print(name)
    (SCANS / "labels.json").write_text(
        json.dumps(scan_labels, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    (CORPUS / "labels.json").write_text(
        json.dumps(labels, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
