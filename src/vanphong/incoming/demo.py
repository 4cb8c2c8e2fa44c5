"""Demo incoming documents: a few weeks of post for the city committee and three districts.

The demo network has people and units but no documents, so a first look at the product finds
empty lists. This loader replays the last weeks of four offices (Thành ủy Hà Nội, Quận ủy Ba
Đình, Quận ủy Hoàn Kiếm, Thị ủy Sơn Tây) through the services, step by step at the moment each
step would have happened: the clerk receives a PDF and registers it, a leader directs it, the
assignees accept, report progress, get urged on, read and complete. Numbers, history, audit
events and queued jobs are therefore exactly those of real use; only Django's clock is set
back while each step runs (``demo_moment``), so that deadlines can have passed and work can
be late. The script is in ``vanphong.incoming.demo_script``.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from vanphong.documents.extract import readable_position
from vanphong.documents.models import Direction as DocumentDirection
from vanphong.documents.models import Document, DocumentFile, TextStatus
from vanphong.documents.storage import spool
from vanphong.documents.tasks import extract_file_text
from vanphong.incoming.demo_script import (
    MARKER,
    DemoDays,
    DemoIncoming,
    DemoWork,
    incoming_script,
)
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.processing import incoming_complete, incoming_direct, incoming_progress
from vanphong.incoming.services import incoming_receive, incoming_register
from vanphong.org.demo import reorg_2025_applied
from vanphong.org.models import Unit, User
from vanphong.registers.symbols import date_text
from vanphong.search.services import index_documents
from vanphong.work.models import Assignment, AssignmentKind
from vanphong.work.selectors import calendar_for
from vanphong.work.services import assignment_accept, assignment_mark_read, assignment_remind

# --- the demo's clock -------------------------------------------------------------------------


@contextmanager
def demo_moment(moment: dt.datetime) -> Iterator[None]:
    """Run the block as if it were ``moment`` (in the past): Django's clock is set back, and
    runs on from there, while the block runs.

    For the demo loaders only, which run alone in their process: every service reads the time
    from ``timezone.now``, so a step replayed this way records the time it stands for (the
    registration date, the deadline it is checked against, the time in the history and the
    audit journal) and nothing else differs from real use.
    """
    real = timezone.now
    offset = moment - real()

    def shifted() -> dt.datetime:
        return real() + offset

    timezone.now = shifted
    try:
        yield
    finally:
        timezone.now = real


def demo_days() -> DemoDays:
    """Today and the working calendar around it (one query)."""
    today = timezone.localdate()
    return DemoDays(today, calendar_for(today - dt.timedelta(days=120), today + dt.timedelta(60)))


# --- the files --------------------------------------------------------------------------------

MARKS = {"mat": "MẬT", "toi_mat": "TỐI MẬT", "tuyet_mat": "TUYỆT MẬT"}
URGENCY_MARKS = {"khan": "KHẨN", "thuong_khan": "THƯỢNG KHẨN", "hoa_toc": "HỎA TỐC"}
TITLES = {
    "CT": "CHỈ THỊ",
    "HD": "HƯỚNG DẪN",
    "QD": "QUYẾT ĐỊNH",
    "BC": "BÁO CÁO",
    "TTR": "TỜ TRÌNH",
    "TB": "THÔNG BÁO",
    "KH": "KẾ HOẠCH",
    "GM": "GIẤY MỜI",
    "CD": "CÔNG ĐIỆN",
    "KL": "KẾT LUẬN",
    "NQ": "NGHỊ QUYẾT",
}


def document_pdf(
    *,
    header: Sequence[str],
    number: str,
    dated: str,
    title: str,
    subject: str,
    body: Sequence[str],
    authority: Sequence[str],
    signer: str,
    party: bool = True,
    marks: Sequence[str] = (),
    addressee: str = "",
    recipients: Sequence[str] = (),
) -> bytes:
    """A one-page document laid out like the real ones (Hướng dẫn 36-HD/VPTW for Party
    documents, NĐ 30/2020 for state ones), with a text layer the metadata extraction and the
    search read. ``title`` empty: a công văn, whose subject is the "V/v" line under the number
    and which names its ``addressee``."""
    import weasyprint

    esc = html.escape
    left = [f"<span class='head'>{esc(line.upper())}</span>" for line in header]
    if left:
        left[-1] = f"<b>{left[-1]}</b>"
    if party:
        left.append("*")
        right = "<b><u>ĐẢNG CỘNG SẢN VIỆT NAM</u></b>"
    else:
        right = (
            "<b class='head'>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>"
            "<b><u>Độc lập - Tự do - Hạnh phúc</u></b>"
        )
    left.append(esc(number))
    if not title:
        short = subject[:1].lower() + subject[1:]
        short = short.removeprefix("về việc ").removeprefix("về ")
        left.append(f"<span class='vv'>V/v {esc(short)}</span>")
    left.extend(f"<b class='mark'>{esc(mark)}</b>" for mark in marks)
    if title:
        heading = (
            f"<h3>{esc(title)}</h3><p class='subject'><b>{esc(subject)}</b></p>"
            "<p class='to'>-----</p>"
        )
    else:
        heading = f"<p class='to'>Kính gửi: {esc(addressee)}</p>" if addressee else ""
    paragraphs = "".join(f"<p class='body'>{esc(p)}</p>" for p in body)
    kept = ["- Như trên,"] if addressee and not title else []
    given = "".join(f"{esc(r)}<br>" for r in [*kept, *recipients, "- Lưu VP."])
    block = "<br>".join(f"<b>{esc(line)}</b>" for line in authority)
    markup = f"""<html><head><style>
      @page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
      body {{ font-family: 'DejaVu Serif'; font-size: 12.5pt; }}
      table {{ width: 100%; border-collapse: collapse; }}
      td {{ vertical-align: top; text-align: center; width: 50%; }}
      .head {{ white-space: nowrap; font-size: 11.5pt; }}
      .vv {{ font-size: 11pt; }} .mark {{ display: block; margin-top: 6pt; }}
      h3, .subject, .to {{ text-align: center; margin: 4pt 0; }}
      .body {{ text-align: justify; text-indent: 1cm; margin: 4pt 0; }}
      .given {{ text-align: left; font-size: 10.5pt; }}
    </style></head><body>
      <table><tr><td>{"<br>".join(left)}</td>
        <td>{right}<br><br><i class='head'>{esc(dated)}</i></td></tr></table>
      {heading}{paragraphs}
      <table><tr><td class="given"><b><i>Nơi nhận:</i></b><br>{given}</td>
        <td>{block}<br><br><br><br><br><br><b>{esc(signer)}</b></td></tr></table>
    </body></html>"""
    return bytes(weasyprint.HTML(string=markup).write_pdf())


# --- loading ------------------------------------------------------------------------------------


@dataclass
class IncomingDemoSummary:
    """What a demo loader did: documents created per unit, or why it did nothing."""

    created: dict[str, int] = field(default_factory=dict)
    waiting: int = 0  # received, not registered yet
    assignments: int = 0
    done: int = 0
    document_ids: list[int] = field(default_factory=list)
    skipped: str = ""

    @property
    def total(self) -> int:
        return sum(self.created.values())


@dataclass(order=True)
class DemoStep:
    """One step of the replay: what to do, and when it happened."""

    at: dt.datetime
    order: int
    run: Callable[[], object] = field(compare=False)


def demo_replay(steps: list[DemoStep]) -> None:
    """Run ``steps`` in the order they happened, each at its moment (see ``demo_moment``)."""
    for step in sorted(steps):
        with demo_moment(step.at):
            step.run()


def demo_skip_reason(marker: Callable[[], bool]) -> str:
    """Why the demo documents are not loaded now, or "" when they are to be."""
    if not Unit.objects.filter(slug="thanhuy").exists():
        return "no demo network"
    if marker():
        return "already loaded"
    if reorg_2025_applied():
        # The script is the post of the 2016 network's offices; after the reorganisation those
        # district committees no longer receive anything.
        return "written for the 2016 network, and the 2025 reorganisation is applied"
    try:
        import weasyprint  # noqa: F401 - draws the documents' PDFs
    except (OSError, ImportError):  # cffi cannot load libpango: `make run` must still work
        return "their PDFs need Pango: apt-get install libpango-1.0-0 fonts-dejavu-core"
    return ""


def person_name(value: str) -> str:
    """The full name of demo user ``value``, or ``value`` itself when it is a name."""
    user = User.objects.filter(username=value).first()
    return user.get_full_name() if user is not None else value


def file_name(symbol: str) -> str:
    return symbol.replace("/", "-").replace(" ", "") + ".pdf"


class _Loader:
    def __init__(self, days: DemoDays) -> None:
        self.days = days
        self.summary = IncomingDemoSummary()
        self.steps: list[DemoStep] = []
        self.units: dict[str, Unit] = {}

    def unit(self, slug: str) -> Unit:
        if slug not in self.units:
            self.units[slug] = Unit.objects.get(slug=slug)
        return self.units[slug]

    def who(self, name: str, unit_slug: str) -> User | Unit:
        if name.startswith("unit:"):
            return self.unit(name.removeprefix("unit:"))
        return self.person(name, unit_slug)

    def person(self, name: str, unit_slug: str) -> User:
        return User.objects.get(username=name if "." in name else f"{name}.{unit_slug}")

    def add(self, at: dt.datetime, run: Callable[[], object]) -> None:
        self.steps.append(DemoStep(at, len(self.steps), run))

    def plan(self, index: int, doc: DemoIncoming) -> None:
        days = self.days
        unit = self.unit(doc.unit)
        clerk = self.person("vanthu", doc.unit)
        arrived = days.ago(doc.received)
        issued = arrived - dt.timedelta(days=doc.issued)
        marks = [m for m in (MARKS.get(doc.secrecy), URGENCY_MARKS.get(doc.urgency)) if m]
        authority = [line for line in (doc.authority, doc.position) if line]
        content = document_pdf(
            header=doc.header,
            number=f"Số {doc.symbol}" if doc.party else f"Số: {doc.symbol}",
            dated=date_text(doc.place, issued),
            title=TITLES.get(doc.document_type, ""),
            subject=doc.subject,
            body=doc.body,
            authority=authority,
            signer=person_name(doc.signer),
            party=doc.party,
            marks=marks,
            addressee=unit.full_name,
            recipients=doc.recipients,
        )
        metadata: dict[str, object] = {
            "document_type": doc.document_type,
            "symbol": doc.symbol,
            "issuer": doc.issuer,
            "place": doc.place,
            "issued_date": issued,
            "subject": doc.subject,
            "signer": person_name(doc.signer),
            "signer_position": readable_position(doc.position) if doc.position else "",
            "authority": doc.authority.split(" ", 1)[0] if doc.authority else "",
            "secrecy": doc.secrecy,
            "urgency": doc.urgency,
        }
        if doc.due is not None:
            metadata["due_date"] = days.relative(doc.due)
        received: dict[str, IncomingDocument] = {}

        def receive() -> None:
            with spool([content], name=file_name(doc.symbol)) as spooled:
                received["it"] = incoming_receive(
                    by=clerk, unit=unit, files=[spooled], metadata=metadata
                )
            self.summary.document_ids.append(received["it"].document_id)
            self.summary.created[doc.unit] = self.summary.created.get(doc.unit, 0) + 1

        self.add(days.at(doc.received, 8, 3 * index), receive)
        if not doc.registered:
            self.summary.waiting += 1
            return
        self.add(
            days.at(doc.received, 8, 3 * index + 25),
            lambda: incoming_register(by=clerk, incoming=received["it"]),
        )
        if doc.work is not None:
            self.plan_work(index, doc, doc.work, received)

    def plan_work(
        self, index: int, doc: DemoIncoming, work: DemoWork, received: dict[str, IncomingDocument]
    ) -> None:
        days = self.days
        director = self.person(work.by, doc.unit)
        lead = self.who(work.lead, doc.unit)
        actor = self.person(work.lead_by, doc.unit) if work.lead_by else lead
        if not isinstance(actor, User):
            raise ValueError(f"demo script: name who works on {doc.symbol}'s lead (lead_by)")
        given: dict[str, Assignment] = {}

        def direct() -> None:
            direction = incoming_direct(
                by=director,
                incoming=received["it"],
                text=work.text,
                lead=lead,
                cooperate=[self.who(c, doc.unit) for c in work.cooperate],
                inform=[self.who(i, doc.unit) for i in work.inform],
                deadline=days.relative(work.deadline) if work.deadline is not None else None,
            )
            for assignment in Assignment.objects.filter(direction=direction).order_by("pk"):
                self.summary.assignments += 1
                if assignment.kind == AssignmentKind.LEAD:
                    given["lead"] = assignment

        def read() -> None:
            for assignment in Assignment.objects.filter(
                document_id=received["it"].document_id, kind=AssignmentKind.INFORM
            ).select_related("assignee_user"):
                if assignment.assignee_user is not None:
                    assignment_mark_read(by=assignment.assignee_user, assignment=assignment)

        def complete(result: str) -> None:
            incoming_complete(by=actor, assignment=given["lead"], result=result)
            self.summary.done += 1

        on = work.on if work.on is not None else doc.received
        directed = days.at(on, 10, index)
        self.add(directed, direct)
        lead_steps: list[dt.datetime] = []  # accepted, progress, done: in this order
        others: list[dt.datetime] = []  # urged on, read: any time after the direction
        if work.accepted is not None:
            lead_steps.append(days.at(work.accepted, 13, 30 + index))
            self.add(lead_steps[-1], lambda: assignment_accept(by=actor, assignment=given["lead"]))
        if work.progress is not None:
            day, percent, note = work.progress
            lead_steps.append(days.at(day, 15, index))
            self.add(
                lead_steps[-1],
                lambda: incoming_progress(
                    by=actor, assignment=given["lead"], percent=percent, note=note
                ),
            )
        reminded: dt.datetime | None = None
        if work.reminded is not None:
            day, note = work.reminded
            reminded = days.at(day, 9, index)
            others.append(reminded)
            self.add(
                reminded,
                lambda: assignment_remind(by=director, assignment=given["lead"], note=note),
            )
        if work.read is not None:
            others.append(days.at(work.read, 11, index))
            self.add(others[-1], read)
        if work.done is not None:
            # Work still open when the lead completes would stay open on a closed document.
            if work.cooperate:
                raise ValueError(f"demo script: {doc.symbol} is done with co-operators still open")
            day, result = work.done
            lead_steps.append(days.at(day, 16, index))
            self.add(lead_steps[-1], lambda: complete(result))
            if reminded is not None and reminded > lead_steps[-1]:
                raise ValueError(f"demo script: {doc.symbol} is urged on after it is done")
        if lead_steps != sorted(lead_steps) or any(m < directed for m in lead_steps + others):
            raise ValueError(f"demo script: the steps on {doc.symbol} are out of order")


def _incoming_loaded() -> bool:
    unit, symbol, issuer = MARKER
    return Document.objects.filter(
        unit__slug=unit, direction=DocumentDirection.INCOMING, symbol=symbol, issuer=issuer
    ).exists()


@transaction.atomic
def incoming_demo_load() -> IncomingDemoSummary:
    """Receive, register, direct and work on the demo's incoming documents, through the
    services, as the offices would have done over the last weeks (``demo_script``). Safe to
    run again: once the first of them exists nothing is added. Call
    ``demo_documents_index`` with the ids after the commit."""
    reason = demo_skip_reason(_incoming_loaded)
    if reason:
        return IncomingDemoSummary(skipped=reason)
    loader = _Loader(demo_days())
    for index, doc in enumerate(incoming_script(loader.days)):
        loader.plan(index, doc)
    demo_replay(loader.steps)
    return loader.summary


def demo_documents_index(document_ids: Sequence[int]) -> int:
    """Read the text of the demo documents' files and index the documents for search, now
    rather than when a worker gets to the queued jobs: the demo is searched right after
    ``vanphong demo``. The queued jobs find the work done when they run (they are idempotent).
    Returns the number of documents indexed."""
    files = (
        DocumentFile.objects.filter(
            document_id__in=document_ids, file__text_status=TextStatus.PENDING
        )
        .values_list("file_id", flat=True)
        .distinct()
    )
    for file_id in list(files):
        extract_file_text.call(file_id=file_id)
    index_documents(document_ids)
    return len(set(document_ids))
