"""The demo's incoming documents: what four offices received over the last weeks and what they
did with it, as data dated from today; ``incoming_demo_load`` (``vanphong.incoming.demo``)
replays it through the services.

Documents, issuers and people outside the demo network are invented; the symbols follow the
real formats (Party ``25-CT/TU``, state ``2150/UBND-VP``). Days are working days ago, deadlines
working days from today (negative: passed).

What it shows, per office (the users are the demo network's):

- Thành ủy: 14 documents; two wait for the clerk (vanthu.thanhuy), two for a direction; the
  specialist (chuyenvien.thanhuy) leads work that is overdue, near due, new, in progress, done
  (one by the reply ``outgoing_demo_documents_load`` issues); a secret (Mật) document goes to
  the office leader and to Ban Nội chính, whose specialist is not cleared for it.
- Quận ủy Ba Đình: 10 documents; chuyenvien.badinh has overdue, near due, new and done work;
  a secret one goes to the office leader only.
- Quận ủy Hoàn Kiếm: 5; Thị ủy Sơn Tây: 4. The city's directive on fire safety reached the
  three districts the same day, and each deals with it at its own pace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.utils import timezone

from vanphong.work.deadlines import Calendar

# --- what the script is written in ---------------------------------------------------------------


@dataclass(frozen=True)
class DemoDays:
    """Working days counted from ``today`` with the holiday calendar, for dating the script."""

    today: dt.date
    calendar: Calendar

    def ago(self, n: int) -> dt.date:
        """The ``n``-th working day before today (``n`` ≥ 1)."""
        if n < 1:
            raise ValueError("a day of the demo's past is at least 1 working day ago")
        day = self.today
        for _ in range(n):
            day -= dt.timedelta(days=1)
            while not self.calendar.is_working_day(day):
                day -= dt.timedelta(days=1)
        return day

    def relative(self, n: int) -> dt.date:
        """A deadline ``n`` working days from today: passed when negative, today for 0 (or the
        next working day)."""
        if n < 0:
            return self.ago(-n)
        return self.calendar.add_working_days(self.today, n)

    def at(self, n: int, hour: int, minute: int = 0) -> dt.datetime:
        """``hour``:``minute``, Vietnam time, ``n`` working days ago."""
        day = self.ago(n)
        naive = dt.datetime.combine(day, dt.time(hour)) + dt.timedelta(minutes=minute)
        return timezone.make_aware(naive)


@dataclass(frozen=True)
class DemoWork:
    """A leader's direction on a registered document and what the assignees did since.

    People are named by their role in the receiving unit (``"chuyenvien"``), by user name
    (``"chuyenvien.thanhuy-btc"``) or, for a unit, as ``"unit:<slug>"``. Days are working days
    ago; ``deadline`` is working days from today (negative: passed), None for the unit's rule.
    """

    by: str
    text: str
    lead: str
    cooperate: tuple[str, ...] = ()
    inform: tuple[str, ...] = ()
    deadline: int | None = None
    on: int | None = None  # directed that day (default: the day it was received)
    lead_by: str = ""  # who acts on the lead's work when it was given to a unit
    accepted: int | None = None
    progress: tuple[int, int, str] | None = None  # (day, percent, note)
    reminded: tuple[int, str] | None = None  # (day, note) by whoever directed
    read: int | None = None  # the readers (để biết) read it that day
    done: tuple[int, str] | None = None  # (day, result): the lead completes, the document is done


@dataclass(frozen=True)
class DemoIncoming:
    """One document received by ``unit`` ``received`` working days ago, as its PDF shows it."""

    unit: str
    received: int
    document_type: str
    symbol: str
    issuer: str
    header: tuple[str, ...]  # the issuing body as printed: the body above it first
    place: str
    issued: int  # days between the date of issue and the day it was received
    subject: str
    body: tuple[str, ...]
    signer: str  # a user name of the demo network, or a name
    position: str  # as printed under the authority line ("BÍ THƯ", "PHÓ CHỦ TỊCH")
    authority: str = ""  # "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"…
    party: bool = True
    recipients: tuple[str, ...] = ()  # "Nơi nhận", after the addressee
    secrecy: str = "thuong"
    urgency: str = "thuong"
    due: int | None = None  # a deadline the document states, working days from today
    registered: bool = True
    work: DemoWork | None = None


# --- the script ---------------------------------------------------------------------------------


# The first document of the script: once it exists, the demo documents are loaded.
MARKER = ("thanhuy", "52-CT/TW", "Ban Chấp hành Trung ương")

TW = "Ban Chấp hành Trung ương"
PARTY_HN = "Đảng bộ thành phố Hà Nội"
CITY = "Thành ủy Hà Nội"
UBND_TP = ("Ủy ban nhân dân", "Thành phố Hà Nội")


def _d(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def incoming_script(days: DemoDays) -> list[DemoIncoming]:
    """The documents; each one's place in the list staggers its steps within a day, so that
    two documents received on the same day are received one after the other."""
    year = days.today.year
    last_month = days.today.replace(day=1) - dt.timedelta(days=1)
    # The next 3 February: the Party's founding anniversary the districts prepare for.
    founding = year + (1 if (days.today.month, days.today.day) > (2, 3) else 0)

    directive = DemoIncoming(
        unit="badinh",
        received=15,
        document_type="CT",
        symbol="25-CT/TU",
        issuer=CITY,
        header=(PARTY_HN, CITY),
        place="Hà Nội",
        issued=2,
        subject=(
            "Về tăng cường công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ trên địa bàn Thành phố"
        ),
        body=(
            "Thực hiện Chỉ thị 52-CT/TW của Ban Bí thư, Ban Thường vụ Thành ủy yêu cầu các cấp "
            "ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội "
            "tập trung lãnh đạo, chỉ đạo công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ.",
            "Các quận ủy, huyện ủy, thị ủy chỉ đạo tổng kiểm tra an toàn phòng cháy, chữa cháy "
            "tại các chung cư mini, nhà trọ, cơ sở sản xuất, kinh doanh trong khu dân cư; xử lý "
            "dứt điểm các cơ sở không bảo đảm điều kiện an toàn; nhân rộng mô hình “Tổ liên gia "
            "an toàn phòng cháy, chữa cháy” và “Điểm chữa cháy công cộng”.",
            "Người đứng đầu cấp ủy, chính quyền chịu trách nhiệm trước Ban Thường vụ Thành ủy "
            "nếu để xảy ra cháy, nổ nghiêm trọng do buông lỏng lãnh đạo, chỉ đạo. Các quận ủy, "
            "huyện ủy, thị ủy xây dựng kế hoạch thực hiện Chỉ thị, báo cáo kết quả về Ban "
            "Thường vụ Thành ủy (qua Văn phòng Thành ủy).",
        ),
        signer="lanhdao.thanhuy",
        position="BÍ THƯ",
        authority="T/M BAN THƯỜNG VỤ",
        recipients=(
            "- Các quận ủy, huyện ủy, thị ủy,",
            "- Các ban, Văn phòng Thành ủy,",
        ),
        urgency="khan",
    )
    planning = DemoIncoming(
        unit="badinh",
        received=10,
        document_type="CV",
        symbol="1175-CV/BTCTU",
        issuer="Ban Tổ chức Thành ủy",
        header=(CITY, "Ban Tổ chức"),
        place="Hà Nội",
        issued=1,
        subject="Về việc rà soát, bổ sung quy hoạch cán bộ lãnh đạo, quản lý các cấp",
        body=(
            "Thực hiện Kế hoạch của Ban Thường vụ Thành ủy về công tác quy hoạch cán bộ, Ban Tổ "
            "chức Thành ủy đề nghị các quận ủy, huyện ủy, thị ủy rà soát, đưa ra khỏi quy hoạch "
            "những trường hợp không còn đủ tiêu chuẩn, điều kiện và bổ sung nhân tố mới có "
            "triển vọng, chú ý tỷ lệ cán bộ trẻ, cán bộ nữ.",
            "Hồ sơ, danh sách đề nghị bổ sung quy hoạch gửi về Ban Tổ chức Thành ủy để tổng "
            "hợp, trình Ban Thường vụ Thành ủy xem xét.",
        ),
        signer="lanhdao.thanhuy-btc",
        position="TRƯỞNG BAN",
        recipients=("- Các quận ủy, huyện ủy, thị ủy,",),
    )
    usage_report = DemoIncoming(
        unit="badinh",
        received=5,
        document_type="CV",
        symbol="1342-CV/VPTU",
        issuer="Văn phòng Thành ủy",
        header=(CITY, "Văn phòng"),
        place="Hà Nội",
        issued=1,
        subject=(
            "Về việc báo cáo tình hình sử dụng hệ thống thông tin điều hành tác nghiệp và chữ ký số"
        ),
        body=(
            "Để có cơ sở đánh giá kết quả triển khai hệ thống thông tin điều hành tác nghiệp "
            "trong các cơ quan đảng của Thành phố, Văn phòng Thành ủy đề nghị các quận ủy, huyện "
            "ủy, thị ủy báo cáo số lượng văn bản đi, đến được xử lý trên hệ thống, tỷ lệ văn "
            "bản ký số và những khó khăn, vướng mắc khi sử dụng.",
            "Báo cáo gửi về Văn phòng Thành ủy qua hệ thống thông tin điều hành tác nghiệp, đồng "
            "thời gửi bản mềm qua thư điện tử công vụ.",
        ),
        signer="lanhdaovp.thanhuy",
        position="CHÁNH VĂN PHÒNG",
        recipients=("- Các quận ủy, huyện ủy, thị ủy,",),
    )

    return [
        # --- Thành ủy Hà Nội -----------------------------------------------------------------
        DemoIncoming(
            unit="thanhuy",
            received=18,
            document_type="CT",
            symbol=MARKER[1],
            issuer=MARKER[2],
            header=(TW,),
            place="Hà Nội",
            issued=4,
            subject=(
                "Về tăng cường sự lãnh đạo của Đảng đối với công tác phòng cháy, chữa cháy và "
                "cứu nạn, cứu hộ trong tình hình mới"
            ),
            body=(
                "Thời gian qua, công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ đã được các "
                "cấp ủy, tổ chức đảng, chính quyền quan tâm lãnh đạo, chỉ đạo và đạt nhiều kết "
                "quả quan trọng. Tuy nhiên, tình hình cháy, nổ vẫn diễn biến phức tạp, nhất là "
                "tại các khu dân cư đông đúc, nhà ở kết hợp sản xuất, kinh doanh.",
                "Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng nâng cao trách nhiệm của người đứng "
                "đầu; kiện toàn lực lượng phòng cháy, chữa cháy tại chỗ; đầu tư trang thiết bị, "
                "phương tiện chữa cháy và cứu nạn, cứu hộ; đẩy mạnh tuyên truyền, hướng dẫn kỹ "
                "năng thoát nạn cho Nhân dân.",
                "Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương tổ chức quán triệt, xây "
                "dựng kế hoạch thực hiện Chỉ thị; hằng năm báo cáo kết quả về Ban Bí thư (qua "
                "Văn phòng Trung ương Đảng).",
            ),
            signer="Trần Đức Kiên",
            position="",
            authority="T/M BAN BÍ THƯ",
            recipients=(
                "- Các tỉnh ủy, thành ủy,",
                "- Các ban đảng, đảng ủy trực thuộc Trung ương,",
            ),
            work=DemoWork(
                by="lanhdaovp",
                text=(
                    "Giao chuyên viên Văn phòng chủ trì tham mưu Kế hoạch của Ban Thường vụ "
                    "Thành ủy thực hiện Chỉ thị; Ban Tuyên giáo, Ban Nội chính Thành ủy phối "
                    "hợp. Báo cáo Thường trực Thành ủy."
                ),
                lead="chuyenvien",
                cooperate=("unit:thanhuy-btg", "unit:thanhuy-bnc"),
                inform=("lanhdao",),
                deadline=-2,
                on=17,
                accepted=16,
                progress=(10, 60, "Đã xây dựng dự thảo Kế hoạch, đang lấy ý kiến các ban."),
                reminded=(1, "Đã quá hạn: đề nghị hoàn thiện dự thảo Kế hoạch, trình ngay."),
                read=16,
            ),
        ),
        DemoIncoming(
            unit="thanhuy",
            received=12,
            document_type="HD",
            symbol="25-HD/BTCTW",
            issuer="Ban Tổ chức Trung ương",
            header=(TW, "Ban Tổ chức"),
            place="Hà Nội",
            issued=5,
            subject=(
                "Kiểm điểm, đánh giá, xếp loại chất lượng đối với tổ chức đảng, đảng viên và "
                f"tập thể, cá nhân cán bộ lãnh đạo, quản lý các cấp năm {year}"
            ),
            body=(
                "Thực hiện Quy định của Bộ Chính trị về kiểm điểm và đánh giá, xếp loại chất "
                "lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị, Ban Tổ chức "
                f"Trung ương hướng dẫn một số nội dung kiểm điểm năm {year} như sau.",
                "Việc kiểm điểm phải gắn với kết quả thực hiện nhiệm vụ chính trị được giao, lấy "
                "kết quả, sản phẩm cụ thể làm thước đo; bảo đảm thực chất, tránh hình thức, nể "
                "nang. Tập thể, cá nhân có hạn chế, khuyết điểm đã được cấp có thẩm quyền kết "
                "luận phải kiểm điểm làm rõ trách nhiệm.",
            ),
            signer="Phạm Minh Khánh",
            position="PHÓ TRƯỞNG BAN",
            authority="K/T TRƯỞNG BAN",
            recipients=("- Các tỉnh ủy, thành ủy,", "- Các ban đảng Trung ương,"),
            work=DemoWork(
                by="lanhdaovp",
                text=(
                    "Giao Ban Tổ chức Thành ủy chủ trì tham mưu Hướng dẫn của Ban Thường vụ "
                    "Thành ủy; Văn phòng (chuyên viên tổng hợp) phối hợp."
                ),
                lead="unit:thanhuy-btc",
                lead_by="chuyenvien.thanhuy-btc",
                cooperate=("chuyenvien",),
                inform=("lanhdao",),
                deadline=1,
                on=11,
                accepted=11,
                progress=(4, 80, "Đã hoàn thành dự thảo Hướng dẫn, trình lãnh đạo Ban."),
                read=10,
            ),
        ),
        DemoIncoming(
            unit="thanhuy",
            received=7,
            document_type="CV",
            symbol="1520-CV/VPTW",
            issuer="Văn phòng Trung ương Đảng",
            header=(TW, "Văn phòng"),
            place="Hà Nội",
            issued=3,
            subject=(
                "Về việc báo cáo kết quả thực hiện Quy định 399-QĐ/TW về thể loại, thẩm quyền "
                "ban hành và thể thức văn bản của Đảng"
            ),
            body=(
                "Thực hiện chỉ đạo của Ban Bí thư, Văn phòng Trung ương Đảng đề nghị các tỉnh "
                "ủy, thành ủy báo cáo kết quả triển khai Quy định 399-QĐ/TW, trong đó nêu rõ "
                "việc rà soát, chuẩn hóa mẫu văn bản, việc số hóa và lập hồ sơ điện tử, những "
                "khó khăn, vướng mắc và kiến nghị.",
                f"Báo cáo gửi về Văn phòng Trung ương Đảng trước ngày {_d(days.relative(3))}, "
                "đồng thời gửi bản điện tử qua hệ thống trao đổi văn bản của các cơ quan đảng.",
            ),
            signer="Vũ Minh Tuấn",
            position="PHÓ CHÁNH VĂN PHÒNG",
            authority="K/T CHÁNH VĂN PHÒNG",
            urgency="khan",
            due=3,
            work=DemoWork(
                by="lanhdaovp",
                text="Chuyên viên tổng hợp, dự thảo báo cáo, trình Chánh Văn phòng trước khi gửi.",
                lead="chuyenvien",
                inform=("lanhdao",),
                accepted=6,
            ),
        ),
        DemoIncoming(
            unit="thanhuy",
            received=9,
            document_type="QD",
            symbol="4385/QĐ-UBND",
            issuer="Ủy ban nhân dân thành phố Hà Nội",
            header=UBND_TP,
            place="Hà Nội",
            issued=2,
            party=False,
            subject=(
                "Về việc phê duyệt Kế hoạch chuyển đổi số, phát triển chính quyền số thành phố "
                f"Hà Nội năm {year + 1}"
            ),
            body=(
                "Căn cứ Luật Tổ chức chính quyền địa phương; căn cứ Luật Giao dịch điện tử; xét "
                "đề nghị của Giám đốc Sở Khoa học và Công nghệ,",
                "Điều 1. Phê duyệt Kế hoạch chuyển đổi số, phát triển chính quyền số thành phố "
                f"Hà Nội năm {year + 1}, trong đó ưu tiên kết nối, chia sẻ dữ liệu giữa các hệ "
                "thống quản lý văn bản và hồ sơ công việc của các cơ quan trên địa bàn.",
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân "
                "dân Thành phố, Giám đốc các sở, ngành, Chủ tịch Ủy ban nhân dân các quận, "
                "huyện, thị xã chịu trách nhiệm thi hành Quyết định này.",
            ),
            signer="Hoàng Ngọc Hiếu",
            position="PHÓ CHỦ TỊCH",
            authority="KT. CHỦ TỊCH",
            recipients=("- Như Điều 2,", "- Thường trực Thành ủy (để báo cáo),"),
            work=DemoWork(
                by="lanhdaovp",
                text="Chuyên viên nghiên cứu, đề xuất những nội dung liên quan đến cơ quan đảng.",
                lead="chuyenvien",
                deadline=-3,
                on=8,
                accepted=8,
                done=(
                    5,
                    "Đã nghiên cứu, tổng hợp vào báo cáo tuần của Văn phòng; nội dung kết nối "
                    "hệ thống đã trao đổi với Sở Khoa học và Công nghệ.",
                ),
            ),
        ),
        DemoIncoming(
            unit="thanhuy",
            received=4,
            document_type="BC",
            symbol="215-BC/QU",
            issuer="Quận ủy Ba Đình",
            header=(PARTY_HN, "Quận ủy Ba Đình"),
            place="Ba Đình",
            issued=1,
            subject=(
                f"Kết quả thực hiện nhiệm vụ chính trị tháng {last_month:%m/%Y}, phương hướng "
                "nhiệm vụ tháng tới"
            ),
            body=(
                "Trong tháng, Ban Thường vụ Quận ủy đã lãnh đạo, chỉ đạo thực hiện đồng bộ các "
                "nhiệm vụ chính trị; tình hình kinh tế - xã hội trên địa bàn tiếp tục ổn định, "
                "thu ngân sách đạt tiến độ; an ninh chính trị, trật tự an toàn xã hội được giữ "
                "vững.",
                "Công tác xây dựng Đảng được chú trọng: hoàn thành kiểm tra, giám sát theo kế "
                "hoạch tại 6 tổ chức đảng; kết nạp 37 đảng viên mới; tiếp tục số hóa hồ sơ đảng "
                "viên và đưa hệ thống thông tin điều hành tác nghiệp đến các chi, đảng bộ cơ sở.",
            ),
            signer="lanhdao.badinh",
            position="BÍ THƯ",
            authority="T/M BAN THƯỜNG VỤ",
            recipients=("- Thường trực Thành ủy (để báo cáo),", "- Văn phòng Thành ủy,"),
            work=DemoWork(
                by="lanhdaovp",
                text="Chuyên viên theo dõi địa bàn tổng hợp vào báo cáo tháng của Thành ủy.",
                lead="chuyenvien",
                deadline=5,
                on=3,
            ),
        ),
        DemoIncoming(
            unit="thanhuy",
            received=8,
            document_type="TTR",
            symbol="86-TTr/TU",
            issuer="Thị ủy Sơn Tây",
            header=(PARTY_HN, "Thị ủy Sơn Tây"),
            place="Sơn Tây",
            issued=2,
            subject=(
                "Đề nghị Ban Thường vụ Thành ủy cho ý kiến về Đề án phát triển du lịch thị xã "
                "Sơn Tây gắn với bảo tồn làng cổ Đường Lâm"
            ),
            body=(
                "Thực hiện Chương trình công tác năm, Ban Thường vụ Thị ủy đã chỉ đạo xây dựng "
                "Đề án phát triển du lịch thị xã gắn với bảo tồn, phát huy giá trị làng cổ Đường "
                "Lâm và di tích Thành cổ Sơn Tây, lấy ý kiến các sở, ngành và Nhân dân.",
                "Đề án xác định mục tiêu hình thành các tuyến du lịch văn hóa, sinh thái, trải "
                "nghiệm; huy động nguồn lực xã hội hóa để tu bổ nhà cổ, cải tạo cảnh quan.",
                "Ban Thường vụ Thị ủy kính trình Ban Thường vụ Thành ủy xem xét, cho ý kiến để "
                "Thị ủy hoàn thiện và ban hành Đề án.",
            ),
            signer="lanhdao.sontay",
            position="BÍ THƯ",
            authority="T/M BAN THƯỜNG VỤ",
            recipients=("- Thường trực Thành ủy,", "- Văn phòng Thành ủy,"),
            work=DemoWork(
                by="lanhdaovp",
                text=(
                    "Giao chuyên viên Văn phòng chủ trì, lấy ý kiến Ban Tuyên giáo Thành ủy, dự "
                    "thảo công văn trả lời Thị ủy Sơn Tây."
                ),
                lead="chuyenvien",
                inform=("lanhdao",),
                deadline=4,
                on=7,
                accepted=7,
                progress=(5, 50, "Đã có ý kiến của Ban Tuyên giáo; đang dự thảo công văn trả lời."),
            ),
        ),
        DemoIncoming(
            unit="thanhuy",
            received=6,
            document_type="CV",
            symbol="38-CV/BNCTW",
            issuer="Ban Nội chính Trung ương",
            header=(TW, "Ban Nội chính"),
            place="Hà Nội",
            issued=3,
            subject=(
                "Về việc cung cấp thông tin phục vụ công tác phòng, chống tham nhũng, lãng phí, "
                "tiêu cực"
            ),
            body=(
                "Để phục vụ Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu "
                "cực theo dõi, chỉ đạo các vụ việc phức tạp, Ban Nội chính Trung ương đề nghị "
                "Ban Thường vụ Thành ủy cung cấp thông tin về tình hình tiếp nhận, giải quyết "
                "đơn thư tố cáo liên quan đến cán bộ thuộc diện Ban Thường vụ Thành ủy quản lý.",
                "Thông tin, tài liệu thuộc phạm vi bí mật nhà nước, đề nghị gửi theo đường công "
                "văn mật, không gửi qua mạng Internet.",
            ),
            signer="Ngô Quang Trung",
            position="PHÓ TRƯỞNG BAN",
            authority="K/T TRƯỞNG BAN",
            secrecy="mat",
            urgency="khan",
            work=DemoWork(
                by="lanhdao",
                text=(
                    "Giao đồng chí Chánh Văn phòng chủ trì, phối hợp Ban Nội chính Thành ủy "
                    "chuẩn bị thông tin, báo cáo Thường trực Thành ủy."
                ),
                lead="lanhdaovp",
                cooperate=("unit:thanhuy-bnc",),
                deadline=2,
                on=6,
                accepted=5,
            ),
        ),
        DemoIncoming(
            unit="thanhuy",
            received=14,
            document_type="TB",
            symbol="412-TB/VPTW",
            issuer="Văn phòng Trung ương Đảng",
            header=(TW, "Văn phòng"),
            place="Hà Nội",
            issued=4,
            subject=(
                "Kết luận của Thường trực Ban Bí thư về công tác văn thư, lưu trữ và chuyển đổi "
                "số trong các cơ quan đảng"
            ),
            body=(
                "Tại buổi làm việc với Văn phòng Trung ương Đảng, Thường trực Ban Bí thư ghi nhận "
                "những kết quả bước đầu trong ứng dụng công nghệ thông tin, sử dụng chữ ký số và "
                "trao đổi văn bản điện tử giữa các cơ quan đảng.",
                "Thường trực Ban Bí thư yêu cầu các cấp ủy hoàn thiện quy chế công tác văn thư, "
                "lưu trữ; xử lý văn bản đi, đến (trừ văn bản mật) trên môi trường điện tử; lập hồ "
                "sơ điện tử và nộp lưu vào lưu trữ cơ quan đúng quy định.",
            ),
            signer="Lê Hồng Nam",
            position="PHÓ CHÁNH VĂN PHÒNG",
            authority="K/T CHÁNH VĂN PHÒNG",
            recipients=(
                "- Các tỉnh ủy, thành ủy,",
                "- Các ban đảng, đảng ủy trực thuộc Trung ương,",
            ),
            work=DemoWork(
                by="lanhdaovp",
                text=(
                    "Chuyên viên sao gửi các ban, đơn vị; tham mưu đưa các nội dung vào chương "
                    "trình công tác của Văn phòng."
                ),
                lead="chuyenvien",
                inform=("lanhdao",),
                deadline=-5,
                on=13,
                accepted=13,
                read=12,
                done=(
                    9,
                    "Đã sao gửi các ban, đơn vị; đưa các nội dung vào chương trình công tác quý "
                    "tới của Văn phòng.",
                ),
            ),
        ),
        DemoIncoming(
            unit="thanhuy",
            received=2,
            document_type="GM",
            symbol="125/GM-UBND",
            issuer="Ủy ban nhân dân thành phố Hà Nội",
            header=UBND_TP,
            place="Hà Nội",
            issued=1,
            party=False,
            subject=f"Dự Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm {year}",
            body=(
                "Ủy ban nhân dân Thành phố trân trọng kính mời đại diện lãnh đạo Văn phòng Thành "
                f"ủy dự Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm {year}.",
                f"Thời gian: 08 giờ 00, ngày {_d(days.relative(2))}. Địa điểm: Hội trường tầng "
                "3, số 79 Đinh Tiên Hoàng, kết nối trực tuyến đến các quận, huyện, thị xã.",
            ),
            signer="Đặng Thanh Hải",
            position="CHÁNH VĂN PHÒNG",
            authority="TL. CHỦ TỊCH",
            recipients=("- Văn phòng Thành ủy,", "- Các sở, ban, ngành Thành phố,"),
            urgency="thuong_khan",
            due=2,
            work=DemoWork(
                by="lanhdao",
                text="Đồng chí Chánh Văn phòng dự; chuyên viên chuẩn bị tài liệu.",
                lead="lanhdaovp",
                inform=("chuyenvien",),
                deadline=2,
            ),
        ),
        DemoIncoming(
            unit="thanhuy",
            received=1,
            document_type="CV",
            symbol="145-CV/BDVTW",
            issuer="Ban Dân vận Trung ương",
            header=(TW, "Ban Dân vận"),
            place="Hà Nội",
            issued=3,
            subject="Về việc khảo sát tình hình thực hiện Quy chế dân chủ ở cơ sở",
            body=(
                "Thực hiện Chương trình công tác, Ban Dân vận Trung ương tổ chức đoàn khảo sát "
                "tình hình thực hiện Quy chế dân chủ ở cơ sở tại một số địa phương, trong đó có "
                "thành phố Hà Nội.",
                "Đề nghị Ban Thường vụ Thành ủy chỉ đạo Ban Dân vận Thành ủy chuẩn bị báo cáo "
                "theo đề cương gửi kèm và bố trí làm việc với đoàn khảo sát.",
            ),
            signer="Bùi Thanh Mai",
            position="PHÓ TRƯỞNG BAN",
            authority="K/T TRƯỞNG BAN",
            registered=False,
        ),
        DemoIncoming(
            unit="thanhuy",
            received=1,
            document_type="CV",
            symbol="318-CV/ĐUK",
            issuer="Đảng ủy Khối các cơ quan thành phố Hà Nội",
            header=(PARTY_HN, "Đảng ủy Khối các cơ quan Thành phố"),
            place="Hà Nội",
            issued=1,
            subject="Về việc đăng ký lịch làm việc của Thường trực Thành ủy với Đảng ủy Khối",
            body=(
                "Thực hiện Chương trình công tác năm, Ban Thường vụ Đảng ủy Khối các cơ quan "
                "Thành phố kính đề nghị Thường trực Thành ủy bố trí thời gian làm việc với Ban "
                "Thường vụ Đảng ủy Khối về kết quả thực hiện nhiệm vụ năm.",
                "Văn phòng Đảng ủy Khối sẽ phối hợp với Văn phòng Thành ủy chuẩn bị nội dung, tài "
                "liệu phục vụ buổi làm việc.",
            ),
            signer="Đỗ Thu Hương",
            position="PHÓ BÍ THƯ",
            authority="T/M BAN THƯỜNG VỤ",
            registered=False,
        ),
        DemoIncoming(
            unit="thanhuy",
            received=2,
            document_type="CV",
            symbol="2876/SNV-CCVC",
            issuer="Sở Nội vụ thành phố Hà Nội",
            header=("Ủy ban nhân dân thành phố Hà Nội", "Sở Nội vụ"),
            place="Hà Nội",
            issued=2,
            party=False,
            subject=(
                "Về việc rà soát, thống kê số lượng, chất lượng cán bộ, công chức, viên chức "
                f"năm {year}"
            ),
            body=(
                "Thực hiện chỉ đạo của Ủy ban nhân dân Thành phố, Sở Nội vụ đề nghị các cơ quan, "
                "đơn vị rà soát, thống kê số lượng, chất lượng cán bộ, công chức, viên chức và "
                "người lao động theo các biểu mẫu gửi kèm.",
                "Số liệu gửi về Sở Nội vụ bằng văn bản và qua hệ thống thư điện tử công vụ.",
            ),
            signer="Nguyễn Đức Việt",
            position="PHÓ GIÁM ĐỐC",
            authority="KT. GIÁM ĐỐC",
        ),
        DemoIncoming(
            unit="thanhuy",
            received=1,
            document_type="CD",
            symbol="09/CĐ-UBND",
            issuer="Ủy ban nhân dân thành phố Hà Nội",
            header=UBND_TP,
            place="Hà Nội",
            issued=0,
            party=False,
            subject=(
                "Về việc tăng cường bảo đảm trật tự, an toàn giao thông và phòng, chống cháy nổ "
                "tại các khu đô thị"
            ),
            body=(
                "Chủ tịch Ủy ban nhân dân Thành phố điện: Giám đốc các sở, ban, ngành; Chủ tịch "
                "Ủy ban nhân dân các quận, huyện, thị xã.",
                "Yêu cầu các đơn vị tăng cường kiểm tra, xử lý nghiêm các vi phạm về trật tự, an "
                "toàn giao thông và phòng cháy, chữa cháy tại các khu đô thị; tổ chức trực ban "
                "24/24 giờ, báo cáo kịp thời các tình huống phát sinh.",
            ),
            signer="Hoàng Ngọc Hiếu",
            position="PHÓ CHỦ TỊCH",
            authority="KT. CHỦ TỊCH",
            recipients=("- Thường trực Thành ủy (để báo cáo),", "- Các sở, ban, ngành,"),
            urgency="hoa_toc",
        ),
        DemoIncoming(
            unit="thanhuy",
            received=3,
            document_type="BC",
            symbol="198-BC/BTGTU",
            issuer="Ban Tuyên giáo Thành ủy",
            header=(CITY, "Ban Tuyên giáo"),
            place="Hà Nội",
            issued=1,
            subject="Tình hình tư tưởng cán bộ, đảng viên và dư luận xã hội trên địa bàn Thành phố",
            body=(
                "Trong kỳ, tư tưởng cán bộ, đảng viên và Nhân dân Thủ đô cơ bản ổn định, tin "
                "tưởng vào sự lãnh đạo của Đảng; đồng tình với các chủ trương sắp xếp tổ chức bộ "
                "máy, chuyển đổi số và cải cách hành chính.",
                "Dư luận quan tâm đến ùn tắc giao thông giờ cao điểm, ô nhiễm không khí, giá nhà "
                "ở tăng cao. Ban Tuyên giáo Thành ủy đề nghị các cấp ủy chủ động nắm bắt, định "
                "hướng thông tin, giải đáp kịp thời những vấn đề Nhân dân quan tâm.",
            ),
            signer="lanhdao.thanhuy-btg",
            position="TRƯỞNG BAN",
            recipients=("- Thường trực Thành ủy (để báo cáo),",),
            work=DemoWork(
                by="lanhdaovp",
                text=(
                    "Chuyên viên tổng hợp vào báo cáo tình hình tư tưởng định kỳ, trình Thường "
                    "trực Thành ủy."
                ),
                lead="chuyenvien",
                inform=("lanhdao",),
                deadline=6,
                on=2,
                accepted=2,
            ),
        ),
        # --- Quận ủy Ba Đình ------------------------------------------------------------------
        replace(
            directive,
            work=DemoWork(
                by="lanhdaovp",
                text=(
                    "Giao chuyên viên tham mưu Kế hoạch của Ban Thường vụ Quận ủy thực hiện Chỉ "
                    "thị; báo cáo Thường trực Quận ủy."
                ),
                lead="chuyenvien",
                inform=("lanhdao",),
                deadline=-4,
                on=14,
                accepted=14,
                progress=(
                    9,
                    40,
                    "Đã dự thảo Kế hoạch của Ban Thường vụ Quận ủy; đang lấy ý kiến Ủy ban nhân "
                    "dân quận và Công an quận.",
                ),
                reminded=(2, "Quá hạn: đề nghị trình dự thảo Kế hoạch trong tuần này."),
                read=13,
            ),
        ),
        replace(
            planning,
            work=DemoWork(
                by="lanhdao",
                text=(
                    "Giao đồng chí Chánh Văn phòng chủ trì, chuyên viên phối hợp rà soát, báo cáo "
                    "Thường trực Quận ủy trước khi gửi Ban Tổ chức Thành ủy."
                ),
                lead="lanhdaovp",
                cooperate=("chuyenvien",),
                deadline=-1,
                on=9,
                accepted=9,
            ),
        ),
        replace(
            usage_report,
            work=DemoWork(
                by="lanhdaovp",
                text="Chuyên viên thống kê số liệu trên hệ thống, dự thảo báo cáo.",
                lead="chuyenvien",
                deadline=1,
                on=4,
                accepted=4,
            ),
        ),
        DemoIncoming(
            unit="badinh",
            received=3,
            document_type="CV",
            symbol="2150/UBND-VP",
            issuer="Ủy ban nhân dân quận Ba Đình",
            header=("Ủy ban nhân dân", "Quận Ba Đình"),
            place="Ba Đình",
            issued=1,
            party=False,
            subject="Về việc chuẩn bị nội dung Hội nghị Ban Chấp hành Đảng bộ quận",
            body=(
                "Thực hiện Chương trình công tác của Ban Chấp hành Đảng bộ quận, Ủy ban nhân dân "
                "quận đã chỉ đạo các phòng, ban chuyên môn chuẩn bị báo cáo tình hình kinh tế - "
                "xã hội, thu chi ngân sách và kế hoạch đầu tư công để trình Hội nghị.",
                "Ủy ban nhân dân quận đề nghị Văn phòng Quận ủy thông báo thời gian, chương trình "
                "Hội nghị và đầu mối tiếp nhận tài liệu để các đơn vị chủ động chuẩn bị.",
            ),
            signer="Dương Quang Hòa",
            position="CHỦ TỊCH",
            authority="TM. ỦY BAN NHÂN DÂN",
            work=DemoWork(
                by="lanhdaovp",
                text="Chuyên viên phối hợp Văn phòng HĐND - UBND quận chuẩn bị tài liệu Hội nghị.",
                lead="chuyenvien",
                deadline=7,
                on=2,
            ),
        ),
        DemoIncoming(
            unit="badinh",
            received=12,
            document_type="HD",
            symbol="156-HD/BTGTU",
            issuer="Ban Tuyên giáo Thành ủy",
            header=(CITY, "Ban Tuyên giáo"),
            place="Hà Nội",
            issued=2,
            subject=(
                f"Tuyên truyền kỷ niệm {founding - 1930} năm Ngày thành lập Đảng Cộng sản Việt "
                f"Nam (03/02/1930 – 03/02/{founding})"
            ),
            body=(
                "Nhằm giáo dục truyền thống vẻ vang của Đảng, củng cố niềm tin của cán bộ, đảng "
                "viên và Nhân dân, Ban Tuyên giáo Thành ủy hướng dẫn nội dung, hình thức tuyên "
                "truyền kỷ niệm Ngày thành lập Đảng.",
                "Các cấp ủy tổ chức tuyên truyền trên các phương tiện thông tin đại chúng, hệ "
                "thống loa truyền thanh cơ sở, trang thông tin điện tử; trang trí cổ động trực "
                "quan tại các tuyến phố chính; gắn tuyên truyền với các phong trào thi đua.",
            ),
            signer="lanhdao.thanhuy-btg",
            position="TRƯỞNG BAN",
            recipients=("- Các quận ủy, huyện ủy, thị ủy,",),
            work=DemoWork(
                by="lanhdaovp",
                text="Chuyên viên tham mưu Kế hoạch tuyên truyền của Ban Thường vụ Quận ủy.",
                lead="chuyenvien",
                inform=("lanhdao",),
                deadline=-6,
                on=11,
                accepted=11,
                read=10,
                done=(
                    7,
                    "Đã tham mưu ban hành Kế hoạch tuyên truyền của Ban Thường vụ Quận ủy, gửi "
                    "các chi, đảng bộ cơ sở.",
                ),
            ),
        ),
        DemoIncoming(
            unit="badinh",
            received=11,
            document_type="KH",
            symbol="48-KH/UBKTTU",
            issuer="Ủy ban Kiểm tra Thành ủy",
            header=(CITY, "Ủy ban Kiểm tra"),
            place="Hà Nội",
            issued=3,
            subject=(
                "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát của cấp ủy và ủy ban kiểm "
                "tra các cấp"
            ),
            body=(
                "Thực hiện Chương trình kiểm tra, giám sát của Ban Chấp hành Đảng bộ Thành phố, "
                "Ủy ban Kiểm tra Thành ủy kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát tại "
                "một số quận ủy, huyện ủy, thị ủy.",
                "Đoàn kiểm tra làm việc với Ban Thường vụ và Ủy ban Kiểm tra các quận ủy, huyện "
                "ủy, thị ủy được kiểm tra; các đơn vị chuẩn bị báo cáo tự kiểm tra và hồ sơ, tài "
                "liệu liên quan theo đề cương.",
            ),
            signer="lanhdao.thanhuy-ubkt",
            position="CHỦ NHIỆM",
            authority="T/M ỦY BAN KIỂM TRA",
            recipients=("- Các quận ủy, huyện ủy, thị ủy được kiểm tra,",),
            work=DemoWork(
                by="lanhdao",
                text=(
                    "Giao đồng chí Chánh Văn phòng chủ trì chuẩn bị báo cáo tự kiểm tra, hồ sơ "
                    "phục vụ đoàn kiểm tra."
                ),
                lead="lanhdaovp",
                inform=("chuyenvien",),
                deadline=10,
                on=10,
                accepted=10,
                progress=(6, 30, "Đã chuẩn bị báo cáo tự kiểm tra; đang rà soát hồ sơ."),
                read=9,
            ),
        ),
        DemoIncoming(
            unit="badinh",
            received=7,
            document_type="CV",
            symbol="17-CV/BNCTU",
            issuer="Ban Nội chính Thành ủy",
            header=(CITY, "Ban Nội chính"),
            place="Hà Nội",
            issued=1,
            subject="Về việc cung cấp hồ sơ, tài liệu phục vụ công tác nắm tình hình",
            body=(
                "Để phục vụ công tác nắm tình hình, tham mưu cho Thường trực Thành ủy chỉ đạo xử "
                "lý các vụ việc phức tạp, Ban Nội chính Thành ủy đề nghị Ban Thường vụ Quận ủy "
                "cung cấp hồ sơ, tài liệu liên quan đến việc quản lý, sử dụng đất công tại một số "
                "dự án trên địa bàn quận.",
                "Hồ sơ, tài liệu gửi theo chế độ mật, giao trực tiếp cho Ban Nội chính Thành ủy.",
            ),
            signer="lanhdao.thanhuy-bnc",
            position="TRƯỞNG BAN",
            secrecy="mat",
            work=DemoWork(
                by="lanhdao",
                text=(
                    "Giao đồng chí Chánh Văn phòng trực tiếp chuẩn bị, báo cáo Thường trực Quận "
                    "ủy trước khi gửi."
                ),
                lead="lanhdaovp",
                deadline=3,
                on=6,
                accepted=6,
            ),
        ),
        DemoIncoming(
            unit="badinh",
            received=3,
            document_type="TB",
            symbol="345-TB/TU",
            issuer=CITY,
            header=(PARTY_HN, CITY),
            place="Hà Nội",
            issued=2,
            subject=(
                "Kết luận của Thường trực Thành ủy về tình hình kinh tế - xã hội và công tác bảo "
                "đảm an ninh, trật tự trên địa bàn Thành phố"
            ),
            body=(
                "Tại phiên họp thường kỳ, sau khi nghe báo cáo tình hình kinh tế - xã hội, quốc "
                "phòng, an ninh, Thường trực Thành ủy kết luận: kinh tế - xã hội của Thành phố "
                "tiếp tục phát triển; an ninh chính trị, trật tự an toàn xã hội được giữ vững.",
                "Thường trực Thành ủy yêu cầu các cấp ủy, chính quyền đẩy nhanh giải ngân vốn đầu "
                "tư công, tháo gỡ vướng mắc về giải phóng mặt bằng; tăng cường trật tự đô thị, "
                "an toàn giao thông; chăm lo đời sống Nhân dân, nhất là các hộ nghèo.",
            ),
            signer="lanhdaovp.thanhuy",
            position="CHÁNH VĂN PHÒNG",
            authority="T/L BAN THƯỜNG VỤ",
            recipients=("- Các quận ủy, huyện ủy, thị ủy,", "- Các ban, Văn phòng Thành ủy,"),
            work=DemoWork(
                by="lanhdaovp",
                text="Chuyên viên tham mưu văn bản triển khai của Ban Thường vụ Quận ủy.",
                lead="chuyenvien",
                inform=("lanhdao",),
                deadline=5,
                on=2,
            ),
        ),
        DemoIncoming(
            unit="badinh",
            received=2,
            document_type="CV",
            symbol="1876/CAQ-TM",
            issuer="Công an quận Ba Đình",
            header=("Công an thành phố Hà Nội", "Công an quận Ba Đình"),
            place="Ba Đình",
            issued=0,
            party=False,
            subject=(
                "Về việc phối hợp bảo đảm an ninh, trật tự các sự kiện chính trị trên địa bàn quận"
            ),
            body=(
                "Để bảo đảm tuyệt đối an ninh, an toàn các sự kiện chính trị diễn ra trên địa bàn "
                "quận, Công an quận Ba Đình đề nghị Văn phòng Quận ủy cung cấp lịch trình, địa "
                "điểm tổ chức các hoạt động có sự tham dự của lãnh đạo Thành phố.",
                "Đề nghị cử cán bộ đầu mối phối hợp và thông tin kịp thời khi có thay đổi để Công "
                "an quận chủ động xây dựng phương án bảo vệ.",
            ),
            signer="Hoàng Minh Phong",
            position="TRƯỞNG CÔNG AN QUẬN",
            urgency="hoa_toc",
            work=DemoWork(
                by="lanhdao",
                text="Đồng chí Chánh Văn phòng trực tiếp chỉ đạo phối hợp ngay trong ngày.",
                lead="lanhdaovp",
                inform=("chuyenvien",),
                accepted=2,
                done=(
                    2,
                    "Đã cung cấp lịch trình, cử đồng chí Phó Chánh Văn phòng làm đầu mối phối hợp "
                    "với Công an quận.",
                ),
            ),
        ),
        DemoIncoming(
            unit="badinh",
            received=1,
            document_type="CV",
            symbol="312/MTTQ-BTT",
            issuer="Ủy ban Mặt trận Tổ quốc Việt Nam quận Ba Đình",
            header=("Ủy ban Mặt trận Tổ quốc Việt Nam", "Quận Ba Đình"),
            place="Ba Đình",
            issued=2,
            party=False,
            subject=(
                "Về việc lấy ý kiến đối với dự thảo báo cáo giám sát của Mặt trận Tổ quốc quận"
            ),
            body=(
                "Thực hiện Chương trình phối hợp giám sát năm, Ban Thường trực Ủy ban Mặt trận Tổ "
                "quốc Việt Nam quận đã hoàn thành dự thảo báo cáo kết quả giám sát việc thực hiện "
                "chính sách hỗ trợ người có công và hộ cận nghèo trên địa bàn quận.",
                "Ban Thường trực kính đề nghị Thường trực Quận ủy cho ý kiến vào dự thảo báo cáo "
                "để hoàn thiện trước khi gửi các cơ quan liên quan.",
            ),
            signer="Trần Hồng Hạnh",
            position="CHỦ TỊCH",
            authority="TM. BAN THƯỜNG TRỰC",
            registered=False,
        ),
        # --- Quận ủy Hoàn Kiếm ----------------------------------------------------------------
        replace(
            directive,
            unit="hoankiem",
            work=DemoWork(
                by="lanhdaovp",
                text=(
                    "Giao chuyên viên tham mưu Kế hoạch thực hiện Chỉ thị; phối hợp Công an quận "
                    "rà soát các cơ sở có nguy cơ cháy, nổ cao."
                ),
                lead="chuyenvien",
                inform=("lanhdao",),
                deadline=-4,
                on=14,
                accepted=13,
                progress=(6, 70, "Đã hoàn thành dự thảo Kế hoạch, trình Thường trực Quận ủy."),
            ),
        ),
        replace(
            planning,
            unit="hoankiem",
            work=DemoWork(
                by="lanhdao",
                text="Giao đồng chí Chánh Văn phòng chủ trì rà soát, báo cáo.",
                lead="lanhdaovp",
                deadline=-2,
                on=9,
                accepted=9,
                done=(1, "Đã gửi báo cáo rà soát, bổ sung quy hoạch về Ban Tổ chức Thành ủy."),
            ),
        ),
        DemoIncoming(
            unit="hoankiem",
            received=4,
            document_type="CV",
            symbol="1988/UBND-VP",
            issuer="Ủy ban nhân dân quận Hoàn Kiếm",
            header=("Ủy ban nhân dân", "Quận Hoàn Kiếm"),
            place="Hoàn Kiếm",
            issued=1,
            party=False,
            subject=(
                "Về việc triển khai phương án tổ chức không gian đi bộ khu vực hồ Hoàn Kiếm và "
                "phụ cận"
            ),
            body=(
                "Thực hiện chỉ đạo của Ủy ban nhân dân Thành phố, Ủy ban nhân dân quận xây dựng "
                "phương án điều chỉnh tổ chức không gian đi bộ khu vực hồ Hoàn Kiếm và phụ cận, "
                "bảo đảm an ninh, trật tự, vệ sinh môi trường và thuận lợi cho Nhân dân, du "
                "khách.",
                "Ủy ban nhân dân quận kính báo cáo Ban Thường vụ Quận ủy cho ý kiến chỉ đạo về "
                "phương án trước khi trình Ủy ban nhân dân Thành phố.",
            ),
            signer="Phạm Ngọc Trang",
            position="CHỦ TỊCH",
            authority="TM. ỦY BAN NHÂN DÂN",
            work=DemoWork(
                by="lanhdaovp",
                text="Chuyên viên nghiên cứu, đề xuất ý kiến của Ban Thường vụ Quận ủy.",
                lead="chuyenvien",
                deadline=5,
                on=3,
            ),
        ),
        DemoIncoming(
            unit="hoankiem",
            received=6,
            document_type="KH",
            symbol="92-KH/BDVTU",
            issuer="Ban Dân vận Thành ủy",
            header=(CITY, "Ban Dân vận"),
            place="Hà Nội",
            issued=2,
            subject=f"Thực hiện phong trào thi đua “Dân vận khéo” năm {year + 1}",
            body=(
                "Nhằm tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo”, Ban Dân vận Thành ủy "
                "xây dựng kế hoạch thực hiện phong trào trong các cơ quan, đơn vị và khu dân cư, "
                "gắn với nhiệm vụ chính trị của từng địa phương.",
                "Các quận ủy, huyện ủy, thị ủy chỉ đạo đăng ký mô hình, điển hình “Dân vận khéo”, "
                "định kỳ sơ kết, biểu dương, khen thưởng kịp thời các tập thể, cá nhân tiêu biểu.",
            ),
            signer="lanhdao.thanhuy-bdv",
            position="TRƯỞNG BAN",
            recipients=("- Các quận ủy, huyện ủy, thị ủy,",),
            work=DemoWork(
                by="lanhdaovp",
                text="Chuyên viên tham mưu Kế hoạch của Ban Thường vụ Quận ủy.",
                lead="chuyenvien",
                deadline=8,
                on=5,
                accepted=5,
            ),
        ),
        DemoIncoming(
            unit="hoankiem",
            received=2,
            document_type="BC",
            symbol="45-BC/ĐU",
            issuer="Đảng ủy phường Hàng Trống",
            header=("Đảng bộ quận Hoàn Kiếm", "Đảng ủy phường Hàng Trống"),
            place="Hoàn Kiếm",
            issued=1,
            subject=(
                "Kết quả tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với "
                "Nhân dân"
            ),
            body=(
                "Thực hiện Quy định của Bộ Chính trị về việc người đứng đầu cấp ủy tiếp xúc, đối "
                "thoại trực tiếp với Nhân dân, Đảng ủy phường đã tổ chức Hội nghị đối thoại với "
                "120 đại biểu là cán bộ tổ dân phố và Nhân dân trên địa bàn.",
                "Tại Hội nghị có 15 ý kiến phát biểu, tập trung vào quản lý trật tự đô thị, vệ "
                "sinh môi trường và chỉnh trang các tuyến phố; các ý kiến đã được trả lời trực "
                "tiếp hoặc giao bộ phận chuyên môn giải quyết.",
            ),
            signer="Lê Đức Chi",
            position="BÍ THƯ",
            authority="T/M ĐẢNG ỦY",
            recipients=("- Thường trực Quận ủy (để báo cáo),",),
        ),
        # --- Thị ủy Sơn Tây -------------------------------------------------------------------
        replace(
            directive,
            unit="sontay",
            work=DemoWork(
                by="lanhdaovp",
                text="Giao chuyên viên tham mưu Kế hoạch của Ban Thường vụ Thị ủy.",
                lead="chuyenvien",
                deadline=-4,
                on=14,
                accepted=14,
                done=(
                    6,
                    "Đã tham mưu ban hành Kế hoạch của Ban Thường vụ Thị ủy; tổ chức kiểm tra 42 "
                    "cơ sở có nguy cơ cháy, nổ cao.",
                ),
            ),
        ),
        DemoIncoming(
            unit="sontay",
            received=5,
            document_type="CV",
            symbol="1450/UBND-VHTT",
            issuer="Ủy ban nhân dân thị xã Sơn Tây",
            header=("Ủy ban nhân dân", "Thị xã Sơn Tây"),
            place="Sơn Tây",
            issued=1,
            party=False,
            subject=(
                "Về việc bảo tồn, phát huy giá trị di tích Thành cổ Sơn Tây và làng cổ Đường Lâm"
            ),
            body=(
                "Ủy ban nhân dân thị xã đã hoàn thành rà soát hiện trạng các nhà cổ, công trình "
                "kiến trúc tiêu biểu tại làng cổ Đường Lâm và các hạng mục xuống cấp của di tích "
                "Thành cổ Sơn Tây.",
                "Ủy ban nhân dân thị xã kính báo cáo Ban Thường vụ Thị ủy xem xét, cho chủ trương "
                "về danh mục công trình ưu tiên tu bổ và cơ chế huy động nguồn lực xã hội hóa.",
            ),
            signer="Vũ Ngọc Oanh",
            position="CHỦ TỊCH",
            authority="TM. ỦY BAN NHÂN DÂN",
            work=DemoWork(
                by="lanhdao",
                text="Giao chuyên viên tổng hợp, đề xuất nội dung trình Ban Thường vụ Thị ủy.",
                lead="chuyenvien",
                inform=("lanhdaovp",),
                deadline=2,
                on=4,
                accepted=3,
            ),
        ),
        replace(usage_report, unit="sontay"),
        DemoIncoming(
            unit="sontay",
            received=1,
            document_type="CV",
            symbol="3120/SVHTT-QLDSVH",
            issuer="Sở Văn hóa và Thể thao thành phố Hà Nội",
            header=("Ủy ban nhân dân thành phố Hà Nội", "Sở Văn hóa và Thể thao"),
            place="Hà Nội",
            issued=2,
            party=False,
            subject="Về việc hoàn thiện hồ sơ khoa học di tích đề nghị xếp hạng",
            body=(
                "Qua thẩm định hồ sơ khoa học các di tích trên địa bàn thị xã Sơn Tây đề nghị "
                "xếp hạng, Sở Văn hóa và Thể thao nhận thấy hồ sơ còn thiếu bản vẽ hiện trạng và "
                "ý kiến của cộng đồng dân cư nơi có di tích.",
                "Đề nghị Thị ủy chỉ đạo Ủy ban nhân dân thị xã bổ sung, hoàn thiện hồ sơ để Sở "
                "trình Ủy ban nhân dân Thành phố xem xét.",
            ),
            signer="Bùi Thu Bình",
            position="PHÓ GIÁM ĐỐC",
            authority="KT. GIÁM ĐỐC",
            registered=False,
        ),
    ]
