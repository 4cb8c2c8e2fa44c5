"""The steps of a document's processing history (lịch sử xử lý): one label per event kind.

Every ``DocumentEvent.kind`` a service writes has its label here, those of the incoming
document (received, registered…) as well as those of directions and assignments, so a history
page translates steps from one table. A kind missing here is shown by its code, never an error.
The context "history step" keeps the act's name apart from the same English word used as a
status ("Registered" = "Đã vào sổ" as a status, "Vào sổ" as a step).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

EVENT_LABELS: dict[str, Promise] = {
    # The document and its arrival (documents.services, incoming.services).
    "created": pgettext_lazy("history step", "Document created"),
    "received": pgettext_lazy("history step", "Received"),  # tiếp nhận
    "registered": pgettext_lazy("history step", "Registered"),  # vào sổ (số đến)
    "returned": pgettext_lazy("history step", "Returned to sender"),  # trả lại nơi gửi
    "cancelled": pgettext_lazy("history step", "Registration cancelled"),  # hủy đăng ký
    "metadata_changed": pgettext_lazy("history step", "Information corrected"),
    # Direction (incoming.processing) and assignments (work.services).
    "directed": pgettext_lazy("history step", "Direction written"),  # bút phê, chỉ đạo
    "redirected": pgettext_lazy("history step", "Direction changed"),  # chỉ đạo lại
    "assigned": pgettext_lazy("history step", "Assigned"),  # giao xử lý (chủ trì/phối hợp/để biết)
    "accepted": pgettext_lazy("history step", "Accepted"),  # tiếp nhận xử lý
    "commented": pgettext_lazy("history step", "Comment"),  # ý kiến
    "file_attached": pgettext_lazy("history step", "Working file attached"),  # tệp xử lý
    "progress_reported": pgettext_lazy("history step", "Progress reported"),  # báo cáo tiến độ
    "reminded": pgettext_lazy("history step", "Reminder"),  # đôn đốc
    "handed_over": pgettext_lazy("history step", "Handed over"),  # chuyển giao
    "assignment_returned": pgettext_lazy("history step", "Work given back"),  # trả lại xử lý
    "completed": pgettext_lazy("history step", "Work completed"),  # hoàn thành
    "read": pgettext_lazy("history step", "Read"),  # đã xem (để biết)
    "withdrawn": pgettext_lazy("history step", "Assignment withdrawn"),  # thu hồi phân công
    "done": pgettext_lazy("history step", "Processing finished"),  # hoàn thành xử lý văn bản
    "reply_issued": pgettext_lazy("history step", "Reply issued"),  # đã ban hành văn bản trả lời
    # Outgoing documents (outgoing.services).
    "draft_created": pgettext_lazy("history step", "Draft created"),  # tạo dự thảo
    "version_added": pgettext_lazy("history step", "New version of the draft"),  # phiên bản mới
    "version_commented": pgettext_lazy("history step", "Comment on the draft"),  # góp ý dự thảo
    "submitted": pgettext_lazy("history step", "Submitted for review"),  # trình duyệt
    "review_approved": pgettext_lazy("history step", "Approved by a reviewer"),  # đồng ý
    "review_returned": pgettext_lazy("history step", "Returned by a reviewer"),  # trả lại
    "review_forwarded": pgettext_lazy("history step", "Forwarded for an opinion"),  # xin ý kiến
    "signer_returned": pgettext_lazy("history step", "Returned by the signer"),  # trả lại, không ký
    "signed": pgettext_lazy("history step", "Signed"),  # ký số
    "numbered": pgettext_lazy("history step", "Number given"),  # cấp số
    "issued": pgettext_lazy("history step", "Issued"),  # ban hành, phát hành
    "draft_cancelled": pgettext_lazy("history step", "Draft cancelled"),  # hủy dự thảo
    "recall_requested": pgettext_lazy("history step", "Recall requested"),  # yêu cầu thu hồi
    "updated": pgettext_lazy("history step", "Update sent to the recipients"),  # cập nhật
    "replacement_started": pgettext_lazy("history step", "Replacement drafted"),  # dự thảo thay thế
    "replaced": pgettext_lazy("history step", "Replaced"),  # đã bị thay thế
}


def event_label(kind: str) -> str:
    """The label of a history step, or its code when the kind is not known here."""
    label = EVENT_LABELS.get(kind)
    return str(label) if label is not None else kind
