"""A realistic ten-year archive of the demo network, written straight into the current database.

``python -m bench.archive`` (``BENCH_ARCHIVE_N`` documents, default 20000; ``BENCH_SEED``).
31 units (Thành ủy and the 30 district committees), 2016–2025, mostly incoming documents with
some outgoing ones: Vietnamese metadata (types, Party and state symbols, issuers, subjects with
diacritics, dates, urgency, a few secret ones), a body of a few hundred words, số đến per
register per year, directions and assignments (lead / co-operate / inform) and history events
for a realistic share. Rows go in with ``bulk_create`` and bypass the services, but are what
the services would have written: numbers consecutive and unique per register and period, the
counters advanced to the last number used. The search index is then built by the product's
own indexer (``search.services.index_documents``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from vanphong.org.data import hanoi

# The 30 district committees of the demo network, in its order.
DISTRICTS = [slug for slug, _kind, _name in hanoi.DISTRICTS]
YEARS = range(2016, 2026)
BATCH = 1000

# (code, Party abbreviation, state abbreviation, weight, highest number an issuer reaches)
TYPES = [
    ("CV", "CV", None, 30, 5000),
    ("TB", "TB", "TB", 12, 1500),
    ("BC", "BC", "BC", 12, 800),
    ("KH", "KH", "KH", 10, 400),
    ("QD", "QĐ", "QĐ", 10, 3000),
    ("GM", None, "GM", 6, 900),
    ("NQ", "NQ", "NQ", 4, 200),
    ("HD", "HD", "HD", 4, 120),
    ("CT", "CT", "CT", 3, 60),
    ("CTR", "CTr", "CTr", 3, 120),
    ("KL", "KL", None, 2, 300),
    ("TTR", "TTr", "TTr", 2, 600),
]
ISSUERS = [
    ("Ban Chấp hành Trung ương Đảng", "party", "TW"),
    ("Ban Bí thư Trung ương Đảng", "party", "TW"),
    ("Văn phòng Trung ương Đảng", "party", "VPTW"),
    ("Ban Tổ chức Trung ương", "party", "BTCTW"),
    ("Ủy ban Kiểm tra Trung ương", "party", "UBKTTW"),
    ("Thành ủy Hà Nội", "party", "TU"),
    ("Ban Tổ chức Thành ủy", "party", "BTCTU"),
    ("Ban Tuyên giáo Thành ủy", "party", "BTGTU"),
    ("Ban Dân vận Thành ủy", "party", "BDVTU"),
    ("Ban Nội chính Thành ủy", "party", "BNCTU"),
    ("Ủy ban Kiểm tra Thành ủy", "party", "UBKTTU"),
    ("Văn phòng Thành ủy", "party", "VPTU"),
    ("Đảng ủy Khối các cơ quan Thành phố", "party", "ĐUK"),
    ("Ủy ban nhân dân thành phố Hà Nội", "state", "UBND"),
    ("Hội đồng nhân dân thành phố Hà Nội", "state", "HĐND"),
    ("Sở Nội vụ Hà Nội", "state", "SNV"),
    ("Sở Tài chính Hà Nội", "state", "STC"),
    ("Sở Kế hoạch và Đầu tư Hà Nội", "state", "KHĐT"),
    ("Sở Giáo dục và Đào tạo Hà Nội", "state", "SGDĐT"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội", "state", "MTTQ"),
    ("Công an thành phố Hà Nội", "state", "CAHN"),
]
VERBS = [
    "tăng cường",
    "đẩy mạnh",
    "triển khai thực hiện",
    "nâng cao chất lượng",
    "tổng kết",
    "sơ kết",
    "kiểm tra, giám sát",
    "đổi mới",
    "chỉ đạo thực hiện",
    "học tập, quán triệt",
    "tiếp tục thực hiện",
    "hướng dẫn",
]
OBJECTS = [
    "công tác xây dựng Đảng",
    "công tác tham mưu, giúp việc cấp ủy",
    "công tác cải cách hành chính",
    "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "công tác dân vận của hệ thống chính trị",
    "công tác tuyên truyền, giáo dục chính trị tư tưởng",
    "công tác phát triển đảng viên",
    "công tác cán bộ và bảo vệ chính trị nội bộ",
    "phòng, chống tham nhũng, lãng phí, tiêu cực",
    "chuyển đổi số trong các cơ quan Đảng",
    "công tác văn thư, lưu trữ",
    "bảo vệ bí mật nhà nước",
    "chuẩn bị đại hội đảng bộ các cấp",
    "thu, chi, quản lý và sử dụng đảng phí",
    "xây dựng nông thôn mới",
    "chỉnh trang đô thị và trật tự xây dựng",
    "phòng, chống dịch bệnh",
    "giải quyết khiếu nại, tố cáo của công dân",
    "thực hiện quy chế dân chủ ở cơ sở",
    "công tác thi đua, khen thưởng",
    "ứng dụng công nghệ thông tin",
    "nghiên cứu, học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "công tác đối ngoại nhân dân",
    "công tác quốc phòng, an ninh trên địa bàn",
]
CONTEXTS = [
    "trên địa bàn quận",
    "trên địa bàn huyện",
    "trong các cơ quan, đơn vị",
    "của Đảng bộ Thành phố",
    "trong tình hình mới",
    "giai đoạn 2021–2025",
    "nhiệm kỳ 2020–2025",
    "năm {year}",
    "6 tháng đầu năm {year}",
    "quý {quarter} năm {year}",
]
SENTENCES = [
    "Thực hiện {ref} của {issuer}, đề nghị các cấp ủy, tổ chức đảng quán triệt và triển khai "
    "nghiêm túc {object}.",
    "Ban Thường vụ yêu cầu các đồng chí bí thư cấp ủy trực tiếp chỉ đạo, kiểm tra việc "
    "{verb} {object} tại cơ sở.",
    "Văn phòng cấp ủy chủ trì, phối hợp với các ban xây dựng Đảng tham mưu kế hoạch {verb} "
    "{object} {context}.",
    "Kết quả thực hiện báo cáo về Thường trực cấp ủy qua Văn phòng trước ngày {day}.",
    "Trong quá trình thực hiện nếu có khó khăn, vướng mắc, các đơn vị phản ánh kịp thời để "
    "Thường trực xem xét, cho ý kiến chỉ đạo.",
    "Đảng ủy các xã, phường, thị trấn và chi bộ trực thuộc có trách nhiệm {verb} {object}, "
    "gắn với nhiệm vụ chính trị của địa phương.",
    "Nhìn chung, các cấp ủy đã bám sát nghị quyết, chương trình công tác, tập trung lãnh đạo "
    "{verb} {object} và đạt nhiều kết quả tích cực.",
    "Tuy nhiên, việc {verb} {object} ở một số nơi còn hình thức, chưa thường xuyên, chất lượng "
    "tham mưu chưa cao.",
    "Ủy ban Kiểm tra phối hợp với Ban Tổ chức theo dõi, đôn đốc và định kỳ báo cáo kết quả "
    "thực hiện.",
    "Mặt trận Tổ quốc và các đoàn thể chính trị – xã hội tuyên truyền, vận động đoàn viên, hội "
    "viên và nhân dân hưởng ứng.",
    "Các đồng chí ủy viên Ban Thường vụ phụ trách địa bàn trực tiếp dự và chỉ đạo hội nghị ở "
    "cơ sở.",
    "Đề nghị các đơn vị nghiêm túc thực hiện, bảo đảm đúng tiến độ và chất lượng.",
]
# Words that occur in few documents, so that rare-word searches have something to find.
RARE = [
    ("tình hình ngập úng cục bộ sau mưa lớn", 0.002),
    ("dự án cải tạo chung cư cũ Kim Liên", 0.0005),
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thu", "Hồng", "Thanh", "Ngọc", "Xuân"]
GIVEN = ["Hùng", "Lan", "Dũng", "Hà", "Tuấn", "Hương", "Sơn", "Phương", "Thắng", "Hải", "Đông"]
POSITIONS = ["Bí thư", "Phó Bí thư", "Chánh Văn phòng", "Phó Chánh Văn phòng", "Chủ tịch"]
DIRECTIONS = [
    "Giao Văn phòng chủ trì tham mưu, báo cáo Thường trực.",
    "Đề nghị đồng chí chủ trì nghiên cứu, đề xuất phương án thực hiện.",
    "Chuyển các ban xây dựng Đảng để biết, phối hợp thực hiện.",
    "Giao chuyên viên theo dõi, tổng hợp, báo cáo kết quả đúng hạn.",
]
END = dt.date(2025, 12, 31)
# Known references planted in the incoming stream, so that the symbol searches of the benchmark
# have something to find at any N: a Thành ủy directive and a city People's Committee decision,
# as a circulated document reaches many units. (type code, issuer, number, share of documents)
PLANTED = [
    ("CT", "Thành ủy Hà Nội", 15, 0.002),  # 15-CT/TU
    ("QD", "Ủy ban nhân dân thành phố Hà Nội", 123, 0.001),  # 123/QĐ-UBND
]


@dataclass
class Stats:
    documents: int = 0
    incoming: int = 0
    outgoing: int = 0
    assignments: int = 0
    events: int = 0
    rows: int = 0
    generate_s: float = 0.0
    index_s: float = 0.0
    indexed: int = 0


@contextmanager
def _explicit_timestamps(*models: Any):
    """Let the generator set auto_now / auto_now_add fields itself (dates in the past)."""
    saved = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add


def _aware(day: dt.date, rng: random.Random) -> dt.datetime:
    from django.utils import timezone

    moment = dt.datetime.combine(day, dt.time(7 + rng.randrange(10), rng.randrange(60)))
    return timezone.make_aware(moment)


class _Writer:
    """Phrase-level text: subjects, bodies, symbols, names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.type_codes = [t[0] for t in TYPES]
        self.type_weights = [t[3] for t in TYPES]
        self.types = {t[0]: t for t in TYPES}

    def name(self) -> str:
        r = self.rng
        return f"{r.choice(SURNAMES)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"

    def doctype(self) -> str:
        return self.rng.choices(self.type_codes, self.type_weights)[0]

    def symbol(self, code: str, system: str, issuer_code: str, number: int) -> tuple[str, str]:
        _code, party, state, _w, _top = self.types[code]
        if system == "party":
            abbr = party or "CV"
            notation = f"{abbr}/{issuer_code}"
            return notation, f"{number}-{notation}"
        # A state công văn carries no type: 45/UBND-VP.
        notation = f"{issuer_code}-VP" if state is None else f"{state}-{issuer_code}"
        return notation, f"{number}/{notation}"

    def phrase(self, year: int) -> str:
        r = self.rng
        context = r.choice(CONTEXTS).format(year=year, quarter=r.randint(1, 4))
        return f"{r.choice(VERBS)} {r.choice(OBJECTS)} {context}"

    def subject(self, code: str, year: int) -> str:
        r = self.rng
        if code == "GM":
            return f"Mời dự hội nghị {self.phrase(year)}"
        if code in ("BC", "KH", "CTR", "HD", "TTR"):
            return f"{self.phrase(year)[0].upper()}{self.phrase(year)[1:]}"
        lead = r.choice(["Về việc", "V/v", "Về"])
        return f"{lead} {self.phrase(year)}"

    def body(self, subject: str, ref: str, issuer: str, year: int) -> str:
        r = self.rng
        parts = [f"{issuer.upper()}", f"Số {ref}", subject, ""]
        parts.extend(
            r.choice(SENTENCES).format(
                ref=ref,
                issuer=issuer,
                verb=r.choice(VERBS),
                object=r.choice(OBJECTS),
                context=r.choice(CONTEXTS).format(year=year, quarter=r.randint(1, 4)),
                day=f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{year}",
            )
            for _ in range(r.randint(10, 22))
        )
        for words, share in RARE:
            if r.random() < share:
                parts.insert(4 + r.randrange(len(parts) - 4), f"Về {words}, đề nghị khẩn trương.")
        return "\n".join(parts)


def _units() -> list[Any]:
    from vanphong.org.models import Unit

    by_slug = {u.slug: u for u in Unit.objects.filter(slug__in=["thanhuy", *DISTRICTS])}
    return [by_slug[s] for s in ["thanhuy", *DISTRICTS] if s in by_slug]


def _people(units: list[Any]) -> dict[tuple[int, str], Any]:
    from vanphong.org.models import User

    slugs = {u.slug: u for u in units}
    out = {}
    for user in User.objects.filter(username__contains="."):
        role, _, slug = user.username.partition(".")
        if slug in slugs:
            out[(slugs[slug].pk, role)] = user
    return out


def _term_keys(units: list[Any]) -> dict[int, list[tuple[dt.date, str]]]:
    from vanphong.org.models import Term

    keys: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for term in Term.objects.filter(unit__in=units).order_by("starts"):
        keys[term.unit_id].append((term.starts, term.period_key))
    return keys


def generate(n: int, *, seed: int = 20251231, verbose: bool = True) -> Stats:
    """Write ``n`` documents into the current database and index them for search."""
    from django.db import transaction

    from vanphong.documents.models import Document, DocumentEvent, DocumentFile, StoredFile
    from vanphong.incoming.models import IncomingDocument
    from vanphong.org.demo import demo_load
    from vanphong.outgoing.models import OutgoingDocument
    from vanphong.registers.models import Counter, RegisterKind
    from vanphong.registers.services import register_for
    from vanphong.search.services import index_documents
    from vanphong.work.models import Assignment
    from vanphong.work.models import Direction as WorkDirection

    rng = random.Random(seed)
    writer = _Writer(rng)
    demo_load()
    units = _units()
    people = _people(units)
    terms = _term_keys(units)
    inreg = {
        (u.pk, s): register_for(unit=u, kind=RegisterKind.INCOMING, secrecy=s)
        for u in units
        for s in range(4)
    }
    outreg = {
        (u.pk, s): register_for(unit=u, kind=RegisterKind.OUTGOING, secrecy=s)
        for u in units
        for s in range(4)
    }
    # The registers' numbers so far (a generator runs on a fresh archive, but keep going on).
    counters: dict[tuple[int, str], int] = defaultdict(int)
    for c in Counter.objects.all():
        counters[(c.register_id, c.period)] = c.last
    stats = Stats()

    # Which unit and year each document belongs to: the city office gets four times a
    # district's share, and the volume grows a little every year.
    weights = [4.0] + [1.0] * (len(units) - 1)
    slices: dict[tuple[int, int], int] = defaultdict(int)
    years = list(YEARS)
    year_weights = [1.0 + 0.05 * i for i in range(len(years))]
    for _ in range(n):
        ui = rng.choices(range(len(units)), weights)[0]
        slices[(ui, rng.choices(years, year_weights)[0])] += 1

    pending: list[dict[str, Any]] = []
    started = time.perf_counter()

    def flush() -> None:
        if not pending:
            return
        with transaction.atomic():
            files = StoredFile.objects.bulk_create([p["file"] for p in pending])
            docs = Document.objects.bulk_create([p["doc"] for p in pending])
            links, incoming, outgoing, events, directions = [], [], [], [], []
            for p, d, f in zip(pending, docs, files, strict=True):
                links.append(
                    DocumentFile(
                        document=d,
                        file=f,
                        name=f"{d.document_type.lower()}-{d.pk}.pdf",
                        is_main=True,
                        added_by_id=d.created_by_id,
                        added_at=d.created_at,
                    )
                )
                if p.get("incoming") is not None:
                    p["incoming"].document = d
                    incoming.append(p["incoming"])
                if p.get("outgoing") is not None:
                    p["outgoing"].document = d
                    outgoing.append(p["outgoing"])
                for e in p["events"]:
                    e.document = d
                    events.append(e)
                if p.get("direction") is not None:
                    p["direction"].document = d
                    directions.append(p["direction"])
            DocumentFile.objects.bulk_create(links)
            IncomingDocument.objects.bulk_create(incoming)
            OutgoingDocument.objects.bulk_create(outgoing)
            DocumentEvent.objects.bulk_create(events)
            WorkDirection.objects.bulk_create(directions)
            assignments = []
            for p in pending:
                for a in p.get("assignments", ()):
                    a.document = p["doc"]
                    a.document_unit_id = p["doc"].unit_id
                    a.direction = p["direction"]
                    assignments.append(a)
            Assignment.objects.bulk_create(assignments)
        stats.documents += len(docs)
        stats.events += len(events)
        stats.assignments += len(assignments)
        stats.rows += (
            2 * len(docs)
            + len(links)
            + len(incoming)
            + len(outgoing)
            + len(events)
            + len(directions)
            + len(assignments)
        )
        pending.clear()
        if verbose and stats.documents % 10000 < BATCH:
            rate = stats.documents / (time.perf_counter() - started)
            print(f"  {stats.documents} documents written ({rate:.0f} documents/s)", flush=True)

    with _explicit_timestamps(
        Document,
        DocumentFile,
        StoredFile,
        DocumentEvent,
        IncomingDocument,
        OutgoingDocument,
        WorkDirection,
        Assignment,
    ):
        # Day by day across the network, as documents arrive: ids follow arrival time, not
        # unit after unit (a search that walks the newest matches first meets every unit's).
        plan = sorted(
            (dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365)), ui)
            for (ui, year), count in sorted(slices.items())
            for _ in range(count)
        )
        staff = {}
        for unit in units:
            clerk = people.get((unit.pk, "vanthu"))
            leader = people.get((unit.pk, "lanhdao")) or clerk
            office = people.get((unit.pk, "lanhdaovp")) or leader
            specialist = people.get((unit.pk, "chuyenvien")) or office
            staff[unit.pk] = {
                "clerk": clerk,
                "leader": leader,
                "office": office,
                "specialist": specialist,
            }
        for day, ui in plan:
            unit = units[ui]
            pending.append(
                _one(
                    rng,
                    writer,
                    unit,
                    day,
                    **staff[unit.pk],
                    inreg=inreg,
                    outreg=outreg,
                    counters=counters,
                    terms=terms.get(unit.pk, []),
                    stats=stats,
                )
            )
            if len(pending) >= BATCH:
                flush()
        flush()
        # The counters: advanced to the last number used, as counter_take would have left them.
        with transaction.atomic():
            for (register_id, period), last in counters.items():
                Counter.objects.update_or_create(
                    register_id=register_id, period=period, defaults={"last": last}
                )
    stats.generate_s = time.perf_counter() - started
    if verbose:
        print(
            f"generated {stats.documents} documents ({stats.incoming} incoming, "
            f"{stats.outgoing} outgoing), {stats.assignments} assignments, {stats.events} "
            f"history events: {stats.rows} rows in {stats.generate_s:.1f} s = "
            f"{stats.documents / stats.generate_s:.0f} documents/s, "
            f"{stats.rows / stats.generate_s:.0f} rows/s",
            flush=True,
        )

    started = time.perf_counter()
    ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))
    step = 5000
    for i in range(0, len(ids), step):
        stats.indexed += index_documents(ids[i : i + step])
        if verbose and (i // step) % 10 == 9:
            rate = (i + step) / (time.perf_counter() - started)
            print(f"  {i + step} documents indexed ({rate:.0f} documents/s)", flush=True)
    stats.index_s = time.perf_counter() - started
    if verbose:
        print(
            f"search index (search.services.index_documents): {stats.indexed} entries in "
            f"{stats.index_s:.1f} s = {stats.indexed / max(stats.index_s, 1e-9):.0f} documents/s",
            flush=True,
        )
    _analyze()
    return stats


def _analyze() -> None:
    """Fresh planner statistics, as autovacuum / a nightly ANALYZE would leave them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _one(
    rng: random.Random,
    writer: _Writer,
    unit: Any,
    day: dt.date,
    *,
    clerk: Any,
    leader: Any,
    office: Any,
    specialist: Any,
    inreg: dict[tuple[int, int], Any],
    outreg: dict[tuple[int, int], Any],
    counters: dict[tuple[int, str], int],
    terms: list[tuple[dt.date, str]],
    stats: Stats,
) -> dict[str, Any]:
    from vanphong.documents.models import Document, DocumentEvent, StoredFile
    from vanphong.incoming.models import IncomingDocument
    from vanphong.outgoing.models import OutgoingDocument
    from vanphong.work.models import Assignment
    from vanphong.work.models import Direction as WorkDirection

    r = rng
    code = writer.doctype()
    secrecy = r.choices([0, 1, 2], [965, 30, 5])[0]
    urgency = r.choices(["thuong", "khan", "thuong_khan", "hoa_toc"], [80, 12, 6, 2])[0]
    outgoing = r.random() < 0.12
    arrived = _aware(day, r)
    year = day.year
    if outgoing:
        issuer, system, issuer_code = unit.full_name, "party", unit.issuer_code or "TU"
        issued = day
        register = outreg[(unit.pk, secrecy)]
        period = str(year)
        for starts, key in terms:
            if starts <= day:
                period = f"{key}/{code}"
        counters[(register.pk, period)] += 1
        number = counters[(register.pk, period)]
    else:
        issuer, system, issuer_code = r.choice(ISSUERS)
        issued = day - dt.timedelta(days=r.randrange(8))
        number = r.randint(1, writer.types[code][4])
        pick = r.random()
        for planted_code, planted_issuer, planted_number, share in PLANTED:
            if pick < share:
                code, number = planted_code, planted_number
                issuer, system, issuer_code = next(i for i in ISSUERS if i[0] == planted_issuer)
                break
            pick -= share
    notation, symbol = writer.symbol(code, system, issuer_code, number)
    subject = writer.subject(code, year)
    body = writer.body(subject, symbol, issuer, year)
    signer = writer.name()
    digest = hashlib.sha256(f"{unit.pk}:{symbol}:{arrived.isoformat()}:{r.random()}".encode())
    encoded = body.encode()
    stored = StoredFile(
        sha256=digest.hexdigest(),
        size=len(encoded) + 20000,
        kind="pdf",
        content_type="application/pdf",
        pages=1 + len(encoded) // 2500,
        storage_name=f"bench/{digest.hexdigest()[:2]}/{digest.hexdigest()}.pdf",
        created_at=arrived,
        text_status="done",
        text=body,
        text_updated_at=arrived,
    )
    document = Document(
        unit=unit,
        direction="out" if outgoing else "in",
        document_type=code,
        number=str(number),
        notation=notation,
        symbol=symbol,
        issuer=issuer,
        place="Hà Nội",
        issued_date=issued,
        subject=subject,
        signer=signer,
        signer_position=r.choice(POSITIONS),
        secrecy=secrecy,
        urgency=urgency,
        due_date=day + dt.timedelta(days=r.randint(5, 30)) if r.random() < 0.2 else None,
        pages=stored.pages,
        created_by=clerk if not outgoing else specialist,
        created_at=arrived,
        updated_at=arrived,
    )
    events: list[Any] = []
    item: dict[str, Any] = {"file": stored, "doc": document, "events": events}
    if outgoing:
        stats.outgoing += 1
        item["outgoing"] = OutgoingDocument(
            unit=unit,
            drafting_unit=unit,
            status="issued",
            author=specialist,
            signer=leader,
            signer_position=document.signer_position,
            register=outreg[(unit.pk, secrecy)],
            period=period,
            number=number,
            issued_at=arrived,
            issued_by=clerk,
            created_at=arrived - dt.timedelta(days=3),
            updated_at=arrived,
        )
        for kind, actor, at in (
            ("draft_created", specialist, arrived - dt.timedelta(days=3)),
            ("submitted", specialist, arrived - dt.timedelta(days=2)),
            ("signed", leader, arrived - dt.timedelta(hours=2)),
            ("numbered", clerk, arrived),
            ("issued", clerk, arrived),
        ):
            events.append(DocumentEvent(kind=kind, actor=actor, unit=unit, at=at, data={}))
        return item

    stats.incoming += 1
    age = (END - day).days
    via = r.choices(["upload", "exchange", "email"], [50, 40, 10])[0]
    received_at = arrived - dt.timedelta(minutes=r.randrange(1, 240))
    received_by = None if via == "exchange" else clerk
    fate = r.random()
    incoming = IncomingDocument(
        unit=unit,
        received_via=via,
        received_at=received_at,
        received_by=received_by,
        deadline=document.due_date,
    )
    item["incoming"] = incoming
    events.append(
        DocumentEvent(kind="received", actor=received_by, unit=unit, at=received_at, data={})
    )
    if age < 20 and fate < 0.08:  # still waiting on the clerk's desk
        incoming.status = "received"
        return item
    if fate < 0.002:
        incoming.status = "returned"
        incoming.closed_reason = "Gửi nhầm đơn vị nhận."
        incoming.closed_at = arrived
        incoming.closed_by = clerk
        events.append(DocumentEvent(kind="returned", actor=clerk, unit=unit, at=arrived, data={}))
        return item
    register = inreg[(unit.pk, secrecy)]
    counters[(register.pk, str(year))] += 1
    number = counters[(register.pk, str(year))]
    incoming.register = register
    incoming.arrival_year = year
    incoming.arrival_number = number
    incoming.arrived_at = arrived
    incoming.registered_by = clerk
    events.append(
        DocumentEvent(
            kind="registered",
            actor=clerk,
            unit=unit,
            at=arrived,
            data={"number": number, "year": year, "register": register.name},
        )
    )
    if fate < 0.004:
        incoming.status = "cancelled"
        incoming.closed_reason = "Vào sổ trùng."
        incoming.closed_at = arrived + dt.timedelta(hours=1)
        incoming.closed_by = clerk
        return item
    assigned = r.random() < 0.6
    finished = age > (45 if assigned else 20)
    incoming.status = "done" if finished else ("in_progress" if assigned else "registered")
    if finished:
        incoming.done_at = arrived + dt.timedelta(days=r.randint(1, 20))
    if not assigned:
        if finished:
            events.append(
                DocumentEvent(kind="done", actor=office, unit=unit, at=incoming.done_at, data={})
            )
        return item
    directed_at = arrived + dt.timedelta(hours=r.randint(1, 30))
    deadline = day + dt.timedelta(days=r.randint(5, 20))
    incoming.deadline = incoming.deadline or deadline
    item["direction"] = WorkDirection(
        unit=unit, by=leader, text=r.choice(DIRECTIONS), deadline=deadline, at=directed_at
    )
    done_at = incoming.done_at
    # Work is given only to whoever is cleared for the document (``work.services``): a secret
    # one goes to the office leader, not to the specialist.
    roles = [("lead", specialist if secrecy == 0 else office)]
    if r.random() < 0.4:
        roles.append(("cooperate", office))
    if r.random() < 0.5:
        roles.append(("inform", office if roles[-1][1] is not office else leader))
    assignments = []
    for kind, who in roles:
        if finished:
            status = "read" if kind == "inform" else "done"
        elif kind == "inform":
            status = r.choice(["new", "read"])
        else:
            status = r.choice(["new", "accepted", "in_progress"])
        assignments.append(
            Assignment(
                unit=unit,
                kind=kind,
                assignee_user=who,
                deadline=deadline if kind != "inform" else None,
                status=status,
                progress=100
                if status == "done"
                else (r.choice([0, 30, 60]) if kind == "lead" else 0),
                result="Đã tham mưu, báo cáo Thường trực." if status == "done" else "",
                created_by=leader,
                created_at=directed_at,
                accepted_at=directed_at + dt.timedelta(hours=2) if status != "new" else None,
                done_at=done_at if status == "done" else None,
            )
        )
    item["assignments"] = assignments
    events.append(DocumentEvent(kind="directed", actor=leader, unit=unit, at=directed_at, data={}))
    for kind, who in roles:
        events.append(
            DocumentEvent(
                kind="assigned",
                actor=leader,
                unit=unit,
                at=directed_at,
                data={"kind": kind, "to": who.username},
            )
        )
    if finished:
        events.append(
            DocumentEvent(kind="completed", actor=specialist, unit=unit, at=done_at, data={})
        )
        events.append(DocumentEvent(kind="done", actor=office, unit=unit, at=done_at, data={}))
    return item


def main() -> None:
    from bench.common import machine, setup

    setup()
    from django.db import connection

    n = int(os.environ.get("BENCH_ARCHIVE_N", "20000"))
    print(f"machine: {machine()}; database: {connection.vendor}; documents: {n}", flush=True)
    generate(n, seed=int(os.environ.get("BENCH_SEED", "20251231")))


if __name__ == "__main__":
    main()
