"""Hypothesis strategies for edXML packages and status messages, Vietnamese in every field."""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import strategies as st

from vanphong.exchange import edxml
from vanphong.org.roles import ORGAN_ID

_WORDS = (
    "Đảng ủy|Thành ủy|Hà Nội|Quận ủy|Ba Đình|Hoàn Kiếm|Ủy ban Kiểm tra|Ban Tuyên giáo|chỉ thị|"
    "nghị quyết|kết luận|hướng dẫn|tăng cường|công tác|bảo vệ|chính trị|nội bộ|thượng khẩn|"
    "hỏa tốc|Nguyễn Văn Ấn|Trần Thị Ngọc Trâm|Phạm Đức Thưởng|Đồng chí|T/M BAN THƯỜNG VỤ|"
    "KT. BÍ THƯ|Phó Bí thư|Văn phòng|số 15-CT/TU|ngày 02/3/2026|Ứng Hòa|Mỹ Đức|Sơn Tây|"
    "Chương Mỹ|ước lượng|ưu tiên|giải quyết|đôn đốc|&|<b>"
)
WORDS = tuple(_WORDS.split("|"))

# Characters XML can carry, beyond the Vietnamese words: anything printable, plus tab and
# line breaks (\r survives as &#13;).
_EXTRA = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")) | st.sampled_from(
    "\t\n\r"
)


@st.composite
def vietnamese(draw: st.DrawFn, *, min_words: int = 1, max_words: int = 6) -> str:
    """Vietnamese words, sometimes decomposed (NFD, as from Mac and PDF tools), odd extras."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words))
    text = " ".join(words) + draw(st.text(_EXTRA, max_size=6))
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return text


def text(*, required: bool = False) -> st.SearchStrategy[str]:
    return vietnamese() if required else st.one_of(st.just(""), vietnamese())


organ_ids = st.from_regex(ORGAN_ID, fullmatch=True)
dates = st.dates(min_value=dt.date(1975, 1, 1), max_value=dt.date(2100, 12, 31))
# Hypothesis takes naive bounds and attaches the zones itself.
timestamps = st.datetimes(
    min_value=dt.datetime(1990, 1, 1),  # noqa: DTZ001
    max_value=dt.datetime(2100, 1, 1),  # noqa: DTZ001
    timezones=st.sampled_from(
        [dt.UTC, edxml.VIETNAM, dt.timezone(dt.timedelta(hours=-3, minutes=-30))]
    ),
)
small = st.none() | st.integers(min_value=0, max_value=10**6)


def organizations() -> st.SearchStrategy[edxml.Organization]:
    return st.builds(
        edxml.Organization,
        organ_id=organ_ids,
        organization_in_charge=text(),
        organ_name=text(),
        organ_add=text(),
        email=text(),
        telephone=text(),
        fax=text(),
        website=text(),
    )


def response_fors() -> st.SearchStrategy[edxml.ResponseFor]:
    return st.builds(
        edxml.ResponseFor,
        organ_id=organ_ids,
        code=vietnamese(),
        promulgation_date=dates,
    )


def staff_infos() -> st.SearchStrategy[edxml.StaffInfo]:
    return st.builds(edxml.StaffInfo, department=text(), staff=text(), mobile=text(), email=text())


def headers() -> st.SearchStrategy[edxml.MessageHeader]:
    return st.builds(
        edxml.MessageHeader,
        from_=organizations(),
        to=st.lists(organizations(), min_size=1, max_size=4).map(tuple),
        code=st.builds(edxml.Code, vietnamese(max_words=2), vietnamese(max_words=2)),
        promulgation_info=st.builds(edxml.Promulgation, text(), dates),
        document_type=st.builds(
            edxml.DocumentType,
            type=st.integers(min_value=0, max_value=99),
            type_detail=small,
            type_name=text(),
        ),
        subject=vietnamese(),
        content=text(),
        signer_info=st.none()
        | st.builds(edxml.SignerInfo, competence=text(), position=text(), full_name=text()),
        due_date=st.none() | dates,
        to_places=st.lists(vietnamese(), max_size=3).map(tuple),
        other_info=st.builds(
            edxml.OtherInfo,
            priority=st.sampled_from(edxml.Priority),
            sphere_of_promulgation=text(),
            typer_notation=text(),
            promulgation_amount=small,
            page_amount=small,
            appendixes=st.lists(vietnamese(), max_size=3).map(tuple),
        ),
        response_for=st.lists(response_fors(), max_size=2).map(tuple),
        steering_type=small,
    )


def businesses() -> st.SearchStrategy[edxml.Bussiness]:
    return st.builds(
        edxml.Bussiness,
        bussiness_doc_type=st.sampled_from(edxml.BussinessDocType),
        bussiness_doc_reason=text(),
        bussiness_document_info=st.none()
        | st.builds(
            edxml.BussinessDocumentInfo,
            document_info=st.sampled_from(["", "0", "1"]),
            document_receiver=st.sampled_from(["", "0", "1", "2"]),
            receiver_list=st.lists(
                st.builds(edxml.Receiver, st.sampled_from(["", "0", "1"]), organ_ids),
                max_size=3,
            ).map(tuple),
        ),
        document_id=text(),
        staff_info=st.none() | staff_infos(),
        replacement_info_list=st.lists(
            st.builds(
                edxml.ReplacementInfo,
                document_id=vietnamese(),
                organ_id_list=st.lists(organ_ids, max_size=3).map(tuple),
            ),
            max_size=2,
        ).map(tuple),
        paper=st.none() | st.integers(min_value=0, max_value=1),
    )


def attachments() -> st.SearchStrategy[tuple[edxml.Attachment, ...]]:
    attachment = st.builds(
        edxml.Attachment,
        content_id=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,39}", fullmatch=True),
        attachment_name=vietnamese(max_words=2).map(lambda name: f"{name}.pdf"),
        description=text(),
        content_type=st.sampled_from(
            ["application/pdf", "application/zip", "application/octet-stream", "text/plain"]
        ),
        data=st.binary(max_size=2048),
    )
    return st.lists(attachment, max_size=3, unique_by=lambda a: a.content_id).map(tuple)


def packages() -> st.SearchStrategy[edxml.Package]:
    return st.builds(
        edxml.Package,
        header=headers(),
        traces=st.lists(st.builds(edxml.TraceHeader, organ_ids, timestamps), max_size=3).map(tuple),
        business=businesses(),
        attachments=attachments(),
    )


def status_messages(
    codes: st.SearchStrategy[edxml.StatusCode] | None = None,
) -> st.SearchStrategy[edxml.StatusMessage]:
    return st.builds(
        edxml.StatusMessage,
        response_for=response_fors(),
        from_=organizations(),
        staff_info=st.none() | staff_infos(),
        status_code=codes or st.sampled_from(edxml.StatusCode),
        description=text(),
        timestamp=timestamps,
    )
