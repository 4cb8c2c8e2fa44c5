"""Demo outgoing work of the city committee: its recipient groups, for picking recipients in
one click, and its latest drafts, from a new one to two issued."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from vanphong.documents.storage import spool
from vanphong.incoming.demo import (
    TITLES,
    DemoStep,
    demo_days,
    demo_replay,
    demo_skip_reason,
    document_pdf,
)
from vanphong.incoming.demo_script import PARTY_HN
from vanphong.incoming.models import IncomingDocument
from vanphong.org.demo import DEMO_PASSWORD
from vanphong.org.models import Unit, User
from vanphong.org.roles import UnitKind
from vanphong.org.selectors import today
from vanphong.outgoing.models import OutgoingDocument, RecipientGroup
from vanphong.outgoing.recipients import RecipientInput
from vanphong.outgoing.services import (
    outgoing_create,
    outgoing_issue,
    outgoing_review,
    outgoing_sign,
    outgoing_submit,
    recipient_group_save,
)

DISTRICTS = "30 quận, huyện, thị ủy"
BOARDS = "Các ban, Văn phòng Thành ủy"
DISTRICT_KINDS = (UnitKind.QUAN_UY.value, UnitKind.HUYEN_UY.value, UnitKind.THI_UY.value)
BOARD_KINDS = (UnitKind.BAN.value, UnitKind.VAN_PHONG.value)


@transaction.atomic
def outgoing_demo_load() -> int:
    """Give Thành ủy Hà Nội (``thanhuy``) its two usual groups: the 30 district committees and
    its boards and office. Safe to run again: a group that exists is left as it is. Returns
    the number of groups created (none without the demo network)."""
    city = Unit.objects.filter(slug="thanhuy").first()
    if city is None:
        return 0
    created = 0
    day = today()
    children = Unit.objects.filter(parent=city).order_by("sort_order", "pk")
    # The districts as they were (closed in 2025, they route to their successors); the boards
    # as they are now.
    for name, members in (
        (DISTRICTS, list(children.filter(kind__in=DISTRICT_KINDS))),
        (BOARDS, list(children.active_on(day).filter(kind__in=BOARD_KINDS))),
    ):
        if not members or RecipientGroup.objects.filter(owner=city, name=name).exists():
            continue
        recipient_group_save(by=None, owner=city, name=name, units=members)
        created += 1
    return created


# --- demo outgoing documents ------------------------------------------------------------------


@dataclass(frozen=True)
class DemoOutgoing:
    """A document Thành ủy Hà Nội drafted lately (by chuyenvien.thanhuy, for lanhdao.thanhuy
    to sign) and how far it got: days are working days ago, None for a step not taken."""

    document_type: str
    subject: str
    body: tuple[str, ...]
    recipients: tuple[str, ...]  # unit slugs, or "group:<name>" for a recipient group
    created: int
    reviewers: tuple[str, ...] = ()
    submitted: int | None = None
    approved: int | None = None  # by every reviewer, in turn
    signed: int | None = None
    issued: int | None = None
    reply_to: str = ""  # the symbol of the incoming document of thanhuy it answers
    addressee: str = ""  # "Kính gửi" of a công văn
    given: tuple[str, ...] = ()  # "Nơi nhận" as printed


NOTATION = {"CV": "CV", "CT": "CT", "KH": "KH", "QD": "QĐ", "TB": "TB"}
# Once a document with this subject exists at thanhuy, the demo outgoing documents are loaded.
OUTGOING_MARKER = (
    "Về việc tăng cường kỷ luật, kỷ cương trong tiếp nhận, xử lý văn bản trên môi trường điện tử"
)
BLANK = "\u00a0" * 6  # where the clerk's number and date will be stamped


def outgoing_script(year: int) -> list[DemoOutgoing]:
    """The drafts of the city committee, from a new one to two issued (one a reply)."""
    to_districts = ("- Các quận ủy, huyện ủy, thị ủy,",)
    return [
        DemoOutgoing(
            document_type="CV",
            subject=OUTGOING_MARKER,
            body=(
                "Qua theo dõi trên hệ thống thông tin điều hành tác nghiệp, còn một số văn bản đến "
                "chưa được đăng ký, phân công xử lý trong ngày; nhiều văn bản quá hạn giải quyết "
                "nhưng chưa được đôn đốc kịp thời.",
                "Ban Thường vụ Thành ủy đề nghị các quận ủy, huyện ủy, thị ủy chỉ đạo văn phòng "
                "cấp ủy tiếp nhận, đăng ký văn bản đến ngay trong ngày, trình phân công xử lý kịp "
                "thời; lãnh đạo văn phòng thường xuyên theo dõi, đôn đốc các văn bản sắp đến hạn, "
                "quá hạn.",
            ),
            recipients=("badinh", "hoankiem", "sontay"),
            created=5,
            reviewers=("lanhdaovp.thanhuy",),
            submitted=5,
            approved=4,
            signed=3,
            issued=3,
            addressee="Quận ủy Ba Đình, Quận ủy Hoàn Kiếm, Thị ủy Sơn Tây",
            given=("- Thường trực Thành ủy (để báo cáo),",),
        ),
        DemoOutgoing(
            document_type="CV",
            subject=(
                "Về việc cho ý kiến đối với Đề án phát triển du lịch thị xã Sơn Tây gắn với bảo "
                "tồn làng cổ Đường Lâm"
            ),
            body=(
                "Ban Thường vụ Thành ủy nhận được Tờ trình số 86-TTr/TU của Ban Thường vụ Thị ủy "
                "Sơn Tây đề nghị cho ý kiến về Đề án phát triển du lịch thị xã gắn với bảo tồn "
                "làng cổ Đường Lâm.",
                "Ban Thường vụ Thành ủy cơ bản đồng ý với mục tiêu, nhiệm vụ và giải pháp của Đề "
                "án; đề nghị Thị ủy bổ sung cơ chế phối hợp với các sở, ngành Thành phố trong quản "
                "lý di sản, làm rõ nguồn lực xã hội hóa, hoàn thiện Đề án trước khi ban hành.",
            ),
            recipients=("sontay",),
            created=3,
            reviewers=("lanhdaovp.thanhuy",),
            submitted=3,
            approved=2,
            signed=2,
            issued=1,
            reply_to="86-TTr/TU",
            addressee="Ban Thường vụ Thị ủy Sơn Tây",
            given=("- Ban Tuyên giáo Thành ủy,",),
        ),
        DemoOutgoing(
            document_type="TB",
            subject=(
                "Kết luận của Ban Thường vụ Thành ủy về tiến độ thực hiện các nhiệm vụ trọng tâm "
                f"năm {year}"
            ),
            body=(
                "Ban Thường vụ Thành ủy đã nghe Văn phòng Thành ủy báo cáo tiến độ thực hiện các "
                "nhiệm vụ trọng tâm và các đề án thuộc Chương trình công tác năm.",
                "Ban Thường vụ Thành ủy yêu cầu các cơ quan chủ trì đề án khẩn trương hoàn thiện "
                "hồ sơ, trình đúng thời hạn; đề án chưa bảo đảm tiến độ phải báo cáo rõ nguyên "
                "nhân, đề xuất điều chỉnh.",
            ),
            recipients=("badinh", "hoankiem", "sontay"),
            created=6,
            submitted=5,
            signed=2,
            given=to_districts,
        ),
        DemoOutgoing(
            document_type="QD",
            subject=(
                "Về việc ban hành Quy chế quản lý, sử dụng hệ thống thông tin điều hành tác "
                "nghiệp và chữ ký số trong các cơ quan đảng Thành phố"
            ),
            body=(
                "Căn cứ Điều lệ Đảng; căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ Thành phố; "
                "xét đề nghị của Văn phòng Thành ủy,",
                "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý, sử dụng hệ thống thông "
                "tin điều hành tác nghiệp và chữ ký số trong các cơ quan đảng Thành phố.",
                "Điều 2. Quyết định có hiệu lực từ ngày ký. Các quận ủy, huyện ủy, thị ủy, các "
                "ban, Văn phòng Thành ủy và các tổ chức, cá nhân có liên quan thi hành.",
            ),
            recipients=(f"group:{DISTRICTS}",),
            created=5,
            reviewers=("lanhdaovp.thanhuy",),
            submitted=4,
            approved=2,
            given=("- Như Điều 2,",),
        ),
        DemoOutgoing(
            document_type="CT",
            subject=(
                "Về tăng cường công tác bảo vệ bí mật nhà nước trong các cơ quan, tổ chức đảng "
                "của Thành phố"
            ),
            body=(
                "Công tác bảo vệ bí mật nhà nước trong các cơ quan, tổ chức đảng của Thành phố "
                "được quan tâm thực hiện; tuy nhiên vẫn còn tình trạng soạn thảo, lưu giữ tài liệu "
                "mật trên máy tính kết nối Internet, gửi văn bản mật không đúng quy định.",
                "Ban Thường vụ Thành ủy yêu cầu các cấp ủy, tổ chức đảng xác định độ mật của văn "
                "bản ngay từ khi soạn thảo; không xử lý văn bản mật trên hệ thống kết nối "
                "Internet; kiểm tra định kỳ việc chấp hành.",
            ),
            recipients=(f"group:{DISTRICTS}",),
            created=4,
            reviewers=("lanhdaovp.thanhuy",),
            submitted=3,
            given=to_districts,
        ),
        DemoOutgoing(
            document_type="KH",
            subject=(
                f"Tổ chức Hội nghị tổng kết công tác văn phòng cấp ủy năm {year}, triển khai "
                f"nhiệm vụ năm {year + 1}"
            ),
            body=(
                "Nhằm đánh giá kết quả công tác tham mưu, giúp việc của văn phòng cấp ủy các cấp "
                "trong năm và thống nhất nhiệm vụ trọng tâm năm tới, Ban Thường vụ Thành ủy tổ "
                "chức Hội nghị tổng kết công tác văn phòng cấp ủy.",
                "Thành phần gồm lãnh đạo Văn phòng Thành ủy, Chánh Văn phòng các quận ủy, huyện "
                "ủy, thị ủy. Văn phòng Thành ủy chủ trì chuẩn bị nội dung, tài liệu và điều kiện "
                "tổ chức Hội nghị.",
            ),
            recipients=(f"group:{DISTRICTS}",),
            created=1,
            reviewers=("lanhdaovp.thanhuy",),
            given=to_districts,
        ),
    ]


def _draft_pdf(city: Unit, signer: User, doc: DemoOutgoing, year: int) -> bytes:
    """The draft as the specialist wrote it: blanks for the number and the date of issue."""
    title = TITLES.get(doc.document_type, "")
    subject = doc.subject
    if title:
        subject = subject[:1].lower() + subject[1:]
    return document_pdf(
        header=(PARTY_HN, city.full_name),
        number=f"Số {BLANK}-{NOTATION[doc.document_type]}/{city.issuer_code}",
        dated=f"Hà Nội, ngày {BLANK} tháng {BLANK} năm {year}",
        title=title,
        subject=subject,
        body=doc.body,
        authority=["T/M BAN THƯỜNG VỤ", "BÍ THƯ"],
        signer=signer.get_full_name(),
        addressee=doc.addressee,
        recipients=doc.given,
    )


@dataclass
class DemoOutgoingSummary:
    by_status: dict[str, int] = field(default_factory=dict)
    document_ids: list[int] = field(default_factory=list)
    skipped: str = ""

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def _outgoing_loaded() -> bool:
    return OutgoingDocument.objects.filter(
        unit__slug="thanhuy", document__subject=OUTGOING_MARKER
    ).exists()


class _Draft:
    """One document of the script, taken through its steps by the city's people."""

    def __init__(
        self, doc: DemoOutgoing, city: Unit, users: dict[str, User], summary: DemoOutgoingSummary
    ) -> None:
        self.doc = doc
        self.city = city
        self.summary = summary
        self.author = users["chuyenvien.thanhuy"]
        self.signer = users["lanhdao.thanhuy"]
        self.clerk = users["vanthu.thanhuy"]
        self.reviewers = [users[name] for name in doc.reviewers]
        self.outgoing: OutgoingDocument | None = None

    def steps(self) -> list[tuple[int | None, int, Callable[[], object]]]:
        """(working days ago, hour, step) in the order they are taken."""
        doc = self.doc
        planned: list[tuple[int | None, int, Callable[[], object]]] = [
            (doc.created, 9, self.create),
            (doc.submitted, 10, self.submit),
        ]
        if self.reviewers:  # without reviewers a submission goes straight to the signer
            planned.append((doc.approved, 14, self.approve))
        planned += [(doc.signed, 15, self.sign), (doc.issued, 16, self.issue)]
        return planned

    def create(self) -> None:
        doc, city = self.doc, self.city
        recipients = []
        for name in doc.recipients:
            if name.startswith("group:"):
                group = RecipientGroup.objects.get(owner=city, name=name.removeprefix("group:"))
                recipients.append(RecipientInput(group=group))
            else:
                recipients.append(RecipientInput(unit=Unit.objects.get(slug=name)))
        reply_to = (
            IncomingDocument.objects.filter(unit=city, document__symbol=doc.reply_to).first()
            if doc.reply_to
            else None
        )
        content = _draft_pdf(city, self.signer, doc, timezone.localdate().year)
        with spool([content], name="du-thao.pdf") as spooled:
            self.outgoing = outgoing_create(
                by=self.author,
                unit=city,
                files=[spooled],
                document_type=doc.document_type,
                subject=doc.subject,
                signer=self.signer,
                authority="T/M BAN THƯỜNG VỤ",
                recipients=recipients,
                reviewers=self.reviewers,
                reply_to=reply_to,
            )
        self.summary.document_ids.append(self.outgoing.document_id)

    def _draft(self) -> OutgoingDocument:
        if self.outgoing is None:
            raise ValueError("demo script: a step before the draft exists")
        return self.outgoing

    def submit(self) -> None:
        outgoing_submit(by=self.author, outgoing=self._draft())

    def approve(self) -> None:
        for reviewer in self.reviewers:
            outgoing_review(by=reviewer, outgoing=self._draft(), action="approve")

    def sign(self) -> None:
        outgoing_sign(by=self.signer, outgoing=self._draft(), passphrase=DEMO_PASSWORD)

    def issue(self) -> None:
        outgoing_issue(by=self.clerk, outgoing=self._draft(), passphrase=DEMO_PASSWORD)


@transaction.atomic
def outgoing_demo_documents_load() -> DemoOutgoingSummary:
    """Draft, review, sign and issue the city committee's demo documents through the
    services, each step at the moment it would have happened (``demo_moment``): one draft,
    one in review, one awaiting the signer, one awaiting the clerk, and two issued with the
    demo keys (passphrase ``vanphong-demo``) whose deliveries go out when a worker runs, one
    of them the reply that completes the specialist's work on Sơn Tây's tờ trình. Safe to run
    again: once they exist nothing is added."""
    reason = demo_skip_reason(_outgoing_loaded)
    if reason:
        return DemoOutgoingSummary(skipped=reason)
    city = Unit.objects.get(slug="thanhuy")
    users = {u.username: u for u in User.objects.filter(username__endswith=".thanhuy")}
    days = demo_days()
    summary = DemoOutgoingSummary()
    steps: list[DemoStep] = []
    for index, doc in enumerate(outgoing_script(days.today.year)):
        planned = _Draft(doc, city, users, summary).steps()
        taken = [(day, hour, run) for day, hour, run in planned if day is not None]
        if any(day is None for day, _hour, _run in planned[: len(taken)]):
            raise ValueError(f"demo script: {doc.subject[:40]}… skips a step")
        moments = [days.at(day, hour, 5 * index) for day, hour, _run in taken]
        if moments != sorted(moments):
            raise ValueError(f"demo script: the steps of {doc.subject[:40]}… are out of order")
        for at, (_day, _hour, run) in zip(moments, taken, strict=True):
            steps.append(DemoStep(at, len(steps), run))
    demo_replay(steps)
    for outgoing in OutgoingDocument.objects.filter(document_id__in=summary.document_ids):
        summary.by_status[outgoing.status] = summary.by_status.get(outgoing.status, 0) + 1
    return summary
