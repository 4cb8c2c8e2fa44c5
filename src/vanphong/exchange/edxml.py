"""edXML (QCVN 102:2016/BTTTT, amended 2022): document packages and status messages.

Pure Python, no Django. A *package* carries one document (header, trace and business
information, attachments) from a sender to one or more recipients; a *status message* tells the
sender what became of it (01 arrived … 06 done, 13/15/16 for recalls). Attribute names are the
standard's element names in snake_case, spellings kept (``typer_notation``, ``Bussiness``,
``bussiness_doc_type``); ``From`` is ``from_``.

Reading (``decode_package``, ``decode_status``, ``decode``) is tolerant where real products
differ and strict where the content would be ambiguous:

- elements are matched by local name in the edXML namespace *or in no namespace*, so fully
  prefixed, default-namespaced, un-namespaced and mixed documents all read the same; elements
  in any other namespace, unknown elements and all attributes are ignored (vendor extensions);
- surrounding whitespace is ignored, text is NFC; the XML declaration may be missing; a
  declaration claiming UTF-16 over UTF-8 bytes (a .NET slip) is read as UTF-8;
- ``cid:`` and ``<…>`` around content ids are ignored, so a manifest Reference ``cid:x``
  matches an Attachment ``x``; an Attachment lacking its name, type or description takes them
  from its Reference; a Reference without ContentId may give it as ``xlink:href``;
- ``Business*`` (corrected spelling) is read as ``Bussiness*``; the status container may be
  ``MessageHeader`` or ``Status``; status codes "1"…"6" are read as "01"…"06";
- a missing DocumentId is derived from From/OrganId, PromulgationDate and Code.

Everything else is refused with ``EdxmlError(path, reason)``: the element path
(``edXML/edXMLEnvelope/edXMLHeader/MessageHeader/Code/CodeNumber``, ``…/To[2]/OrganId``) and
why (missing, empty, wrong date format, bad base64, manifest/attachment mismatch, DocumentId
inconsistent with From/Code/PromulgationDate, unknown status code, OrganId not shaped
NNN.NN.NN.XNN, appearing twice, bad signature …).

Dates are ``yyyy/MM/dd``; timestamps ``yyyy/MM/dd HH:mm:ss`` in Vietnam time (Asia/Ho_Chi_Minh,
UTC+7): the standard gives no zone and every product writes local time. Timestamps in the
dataclasses are timezone-aware, converted to Vietnam time and cut to whole seconds on
construction, so what is built is exactly what travels.

Inputs come from other systems, so parsing is defensive: any document type declaration (the
carrier of entity expansion and XXE) is refused before the parser sees it, entities are never
resolved, nothing is fetched from the network, encodings are limited to UTF-8/UTF-16 and a few
single-byte sets, and size and element count are bounded. Attachments (tens of MB) are written
in base64 chunks straight to the output, and read one at a time from the parsed text (no copy
to strip line breaks), each dropped from the tree once decoded.

The envelope may carry an enveloped XML-DSig ``Signature`` (RSA-SHA256, X509Data in KeyInfo)
over the whole package: ``sign_package`` adds one, decoding verifies one when present (with the
``signxml`` library) and refuses a package whose signature does not verify. Whether the signer's
certificate is *trusted* (issued by the government CA to the sending organisation) is the
caller's policy: ``Package.signature`` gives the certificate.
"""

from __future__ import annotations

import binascii
import enum
import functools
import io
import re
import unicodedata
import uuid
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, Final, NamedTuple
from zoneinfo import ZoneInfo

from lxml import etree

from vanphong.documents.doctypes import DocType, by_name
from vanphong.org.roles import valid_organ_id

__all__ = [
    "DSIG_NAMESPACE",
    "MAX_BYTES",
    "MAX_ELEMENTS",
    "NAMESPACE",
    "VIETNAM",
    "Attachment",
    "Bussiness",
    "BussinessDocType",
    "BussinessDocumentInfo",
    "Code",
    "DocumentIdParts",
    "DocumentType",
    "EdxmlError",
    "MessageHeader",
    "Organization",
    "OtherInfo",
    "Package",
    "Priority",
    "Promulgation",
    "Receiver",
    "ReplacementInfo",
    "ResponseFor",
    "SignatureInfo",
    "SignerInfo",
    "StaffInfo",
    "StatusCode",
    "StatusMessage",
    "TraceHeader",
    "check_package",
    "check_status",
    "decode",
    "decode_package",
    "decode_status",
    "document_id",
    "encode_package",
    "encode_status",
    "format_date",
    "format_timestamp",
    "parse_document_id",
    "sign_package",
    "verify_package_signature",
]

NAMESPACE: Final = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
DSIG_NAMESPACE: Final = "http://www.w3.org/2000/09/xmldsig#"
XLINK_NAMESPACE: Final = "http://www.w3.org/1999/xlink"
VIETNAM: Final = ZoneInfo("Asia/Ho_Chi_Minh")

# A package of a few documents with scanned appendices is tens of MB of base64; 256 MiB leaves
# room while bounding what one request can make the parser hold. Element count bounds trees of
# millions of tiny elements that fit in that size (a real package has a few hundred).
MAX_BYTES = 256 * 1024 * 1024
MAX_ELEMENTS = 100_000

_ENVELOPE = "edXML/edXMLEnvelope"
_HEADER = f"{_ENVELOPE}/edXMLHeader"
_MESSAGE = f"{_HEADER}/MessageHeader"
_TRACES = f"{_HEADER}/TraceHeaderList"
_ENCODED = "edXML/AttachmentEncoded"

_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_CHUNK = 3 * 1024 * 1024  # raw bytes per base64 chunk written (a multiple of 3: no padding)


class EdxmlError(ValueError):
    """What cannot be an edXML package or status message: where (element path) and why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason


# --- enumerations ---------------------------------------------------------------------------


class BussinessDocType(enum.IntEnum):
    """Bussiness/BussinessDocType: what the package does to the document."""

    NEW = 0
    RECALL = 1
    UPDATE = 2
    REPLACE = 3

    @property
    def label(self) -> str:
        return _BUSINESS_LABELS[self]


_BUSINESS_LABELS = {
    BussinessDocType.NEW: "Văn bản mới",
    BussinessDocType.RECALL: "Thu hồi",
    BussinessDocType.UPDATE: "Cập nhật",
    BussinessDocType.REPLACE: "Thay thế",
}


class Priority(enum.IntEnum):
    """OtherInfo/Priority (độ khẩn) as products send it."""

    THUONG = 0
    KHAN = 1
    THUONG_KHAN = 2
    HOA_TOC = 3
    HOA_TOC_HEN_GIO = 4

    @property
    def label(self) -> str:
        return _PRIORITY_LABELS[self]

    @property
    def urgency(self) -> str:
        """vanphong's urgency code; "hỏa tốc hẹn giờ" is hỏa tốc with a time set."""
        return _URGENCY[self]

    @classmethod
    def from_urgency(cls, urgency: str) -> Priority:
        """The priority to send for vanphong's urgency code (``thuong`` … ``hoa_toc``)."""
        for priority, code in _URGENCY.items():
            if code == urgency:
                return priority
        raise ValueError(f"unknown urgency {urgency!r}")


_PRIORITY_LABELS = {
    Priority.THUONG: "Thường",
    Priority.KHAN: "Khẩn",
    Priority.THUONG_KHAN: "Thượng khẩn",
    Priority.HOA_TOC: "Hỏa tốc",
    Priority.HOA_TOC_HEN_GIO: "Hỏa tốc hẹn giờ",
}
_URGENCY = {
    Priority.THUONG: "thuong",
    Priority.KHAN: "khan",
    Priority.THUONG_KHAN: "thuong_khan",
    Priority.HOA_TOC: "hoa_toc",
    Priority.HOA_TOC_HEN_GIO: "hoa_toc",
}


class StatusCode(enum.StrEnum):
    """StatusCode of a status message (member names as in ``exchange.models.StatusCode``)."""

    ARRIVED = "01"
    REFUSED = "02"
    ACCEPTED = "03"
    ASSIGNED = "04"
    IN_PROGRESS = "05"
    DONE = "06"
    RECALL_REQUESTED = "13"
    AGREED = "15"
    DECLINED = "16"

    @property
    def label(self) -> str:
        """The Vietnamese name (plain text: the interface translates through gettext)."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    StatusCode.ARRIVED: "Đã đến",
    StatusCode.REFUSED: "Từ chối tiếp nhận",
    StatusCode.ACCEPTED: "Đã tiếp nhận",
    StatusCode.ASSIGNED: "Phân công",
    StatusCode.IN_PROGRESS: "Đang xử lý",
    StatusCode.DONE: "Hoàn thành",
    StatusCode.RECALL_REQUESTED: "Yêu cầu lấy lại",
    StatusCode.AGREED: "Đồng ý lấy lại/cập nhật",
    StatusCode.DECLINED: "Từ chối lấy lại/cập nhật",
}


# --- canonical values -----------------------------------------------------------------------

# Characters XML 1.0 cannot carry at all (not even as references).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _canon(value: str, name: str) -> str:
    """NFC with the ends trimmed: what a value is after a trip through XML."""
    if _NOT_XML.search(value):
        raise ValueError(f"{name}: contains characters XML cannot carry")
    return unicodedata.normalize("NFC", value).strip()


def _normalise(obj: object) -> None:
    """Canonicalise the str and tuple-of-str fields of a frozen dataclass, lists to tuples."""
    for f in fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if isinstance(value, str) and not isinstance(value, enum.Enum):
            object.__setattr__(obj, f.name, _canon(value, f.name))
        elif isinstance(value, list | tuple):
            items = tuple(_canon(v, f.name) if isinstance(v, str) else v for v in value)
            object.__setattr__(obj, f.name, items)


def _vietnam_time(value: datetime, name: str) -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"{name}: expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name}: timestamps must be timezone-aware")
    return value.astimezone(VIETNAM).replace(microsecond=0)


def format_date(value: date) -> str:
    """``yyyy/MM/dd`` (years before 1000 are zero-padded, unlike ``strftime``)."""
    return f"{value.year:04d}/{value.month:02d}/{value.day:02d}"


def format_timestamp(value: datetime) -> str:
    """``yyyy/MM/dd HH:mm:ss`` in Vietnam time."""
    v = _vietnam_time(value, "timestamp")
    return f"{format_date(v)} {v.hour:02d}:{v.minute:02d}:{v.second:02d}"


# --- the model ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Organization:
    """From / To: an organisation and its identifier (mã định danh)."""

    organ_id: str
    organization_in_charge: str = ""
    organ_name: str = ""
    organ_add: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True, slots=True)
class Code:
    """Code: the document's number and notation (số, ký hiệu), e.g. ``15`` and ``CT/TU``."""

    code_number: str
    code_notation: str

    def __post_init__(self) -> None:
        _normalise(self)

    def __str__(self) -> str:
        return f"{self.code_number}/{self.code_notation}"


@dataclass(frozen=True, slots=True)
class Promulgation:
    """PromulgationInfo: place (địa danh) and date of the document."""

    place: str
    promulgation_date: date

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentType:
    """DocumentType: numeric type and detail as the sender's product codes them, and the name."""

    type: int
    type_detail: int | None = None
    type_name: str = ""

    def __post_init__(self) -> None:
        _normalise(self)

    def doctype(self) -> DocType | None:
        """vanphong's document type with this name (``Công văn`` → CV), if any."""
        return by_name(self.type_name) if self.type_name else None


@dataclass(frozen=True, slots=True, kw_only=True)
class SignerInfo:
    """SignerInfo: signing authority (TM., KT., …), position and name of the signer."""

    competence: str = ""
    position: str = ""
    full_name: str = ""

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class OtherInfo:
    """OtherInfo: priority, scope, typist, copies, pages and appendices."""

    priority: Priority = Priority.THUONG
    sphere_of_promulgation: str = ""
    typer_notation: str = ""
    promulgation_amount: int | None = None
    page_amount: int | None = None
    appendixes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _normalise(self)
        object.__setattr__(self, "priority", Priority(self.priority))


@dataclass(frozen=True, slots=True, kw_only=True)
class ResponseFor:
    """ResponseFor: the document answered (a reply's source, or a status message's subject).

    ``code`` is the number and notation as one string (``15/CT-TU``), as products send it.
    """

    organ_id: str
    code: str
    promulgation_date: date

    def __post_init__(self) -> None:
        _normalise(self)

    @property
    def document_id(self) -> str:
        return f"{self.organ_id},{format_date(self.promulgation_date)},{self.code}"

    @classmethod
    def of(cls, header: MessageHeader) -> ResponseFor:
        """The reference to the document a package carries."""
        return cls(
            organ_id=header.from_.organ_id,
            code=str(header.code),
            promulgation_date=header.promulgation_info.promulgation_date,
        )

    @classmethod
    def from_document_id(cls, text: str) -> ResponseFor:
        """The reference named by a DocumentId (``ValueError`` when it is not one)."""
        parts = parse_document_id(text)
        return cls(
            organ_id=parts.organ_id,
            code=f"{parts.code_number}/{parts.code_notation}",
            promulgation_date=parts.promulgation_date,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageHeader:
    """MessageHeader of a package: the document's metadata, sender and recipients.

    ``document_id`` is derived (``{From/OrganId},{PromulgationDate},{CodeNumber}/{CodeNotation}``)
    and so is always consistent with the fields it is made of.
    """

    from_: Organization
    to: tuple[Organization, ...]
    code: Code
    promulgation_info: Promulgation
    document_type: DocumentType
    subject: str
    content: str = ""
    signer_info: SignerInfo | None = None
    due_date: date | None = None
    to_places: tuple[str, ...] = ()
    other_info: OtherInfo = field(default_factory=OtherInfo)
    response_for: tuple[ResponseFor, ...] = ()
    steering_type: int | None = None

    def __post_init__(self) -> None:
        _normalise(self)

    @property
    def document_id(self) -> str:
        return document_id(
            self.from_.organ_id,
            self.promulgation_info.promulgation_date,
            self.code.code_number,
            self.code.code_notation,
        )


@dataclass(frozen=True, slots=True)
class TraceHeader:
    """TraceHeader: an organisation the package passed through, and when."""

    organ_id: str
    timestamp: datetime

    def __post_init__(self) -> None:
        _normalise(self)
        object.__setattr__(self, "timestamp", _vietnam_time(self.timestamp, "timestamp"))


@dataclass(frozen=True, slots=True, kw_only=True)
class StaffInfo:
    """StaffInfo: the person who handled the package (or the status) and how to reach them."""

    department: str = ""
    staff: str = ""
    mobile: str = ""
    email: str = ""

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True, slots=True)
class Receiver:
    """ReceiverList/Receiver of an update: a recipient and what changes for it."""

    receiver_type: str
    organ_id: str

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class BussinessDocumentInfo:
    """BussinessDocumentInfo of an update: which parts changed (flags as sent) and for whom."""

    document_info: str = ""
    document_receiver: str = ""
    receiver_list: tuple[Receiver, ...] = ()

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplacementInfo:
    """ReplacementInfo of a replacement: the document replaced and the organisations that had it."""

    document_id: str
    organ_id_list: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Bussiness:
    """Bussiness: new document, recall, update or replacement, and why.

    ``paper`` (whether a paper copy follows) is not in DOMAIN.md but every product sends it.
    """

    bussiness_doc_type: BussinessDocType = BussinessDocType.NEW
    bussiness_doc_reason: str = ""
    bussiness_document_info: BussinessDocumentInfo | None = None
    document_id: str = ""
    staff_info: StaffInfo | None = None
    replacement_info_list: tuple[ReplacementInfo, ...] = ()
    paper: int | None = None

    def __post_init__(self) -> None:
        _normalise(self)
        object.__setattr__(self, "bussiness_doc_type", BussinessDocType(self.bussiness_doc_type))


@dataclass(frozen=True, slots=True, kw_only=True)
class Attachment:
    """An attached file. ``content_id`` is kept without ``cid:``; ``data`` is the raw bytes."""

    content_id: str
    attachment_name: str
    description: str = ""
    content_type: str = "application/octet-stream"
    data: bytes = field(default=b"", repr=False)

    def __post_init__(self) -> None:
        _normalise(self)
        object.__setattr__(self, "content_id", _bare_cid(self.content_id))
        if not isinstance(self.data, bytes):
            object.__setattr__(self, "data", bytes(self.data))

    @classmethod
    def new(
        cls,
        attachment_name: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        description: str = "",
    ) -> Attachment:
        """An attachment with a fresh content id."""
        return cls(
            content_id=str(uuid.uuid4()),
            attachment_name=attachment_name,
            description=description,
            content_type=content_type,
            data=data,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class SignatureInfo:
    """A verified envelope signature: who signed (the certificate) and with what."""

    certificate: bytes = field(repr=False)  # DER
    subject: str
    issuer: str
    serial_number: int
    signature_method: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Package:
    """A document package: header, traces, business information and attachments.

    ``signature`` is set by decoding when the envelope carried a signature that verified; it
    is not part of the package's value (two packages with the same content are equal).
    """

    header: MessageHeader
    traces: tuple[TraceHeader, ...] = ()
    business: Bussiness = field(default_factory=Bussiness)
    attachments: tuple[Attachment, ...] = ()
    signature: SignatureInfo | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        _normalise(self)

    @property
    def document_id(self) -> str:
        return self.header.document_id


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusMessage:
    """A status message: what became of the document ``response_for`` at ``from_``."""

    response_for: ResponseFor
    from_: Organization
    staff_info: StaffInfo | None = None
    status_code: StatusCode
    description: str = ""
    timestamp: datetime

    def __post_init__(self) -> None:
        _normalise(self)
        object.__setattr__(self, "status_code", StatusCode(self.status_code))
        object.__setattr__(self, "timestamp", _vietnam_time(self.timestamp, "timestamp"))


# --- DocumentId -----------------------------------------------------------------------------


class DocumentIdParts(NamedTuple):
    organ_id: str
    promulgation_date: date
    code_number: str
    code_notation: str


def document_id(sender_organ_id: str, promulgation_date: date, number: str, notation: str) -> str:
    """``{OrganId},{yyyy/MM/dd},{CodeNumber}/{CodeNotation}``: a package's DocumentId."""
    return f"{sender_organ_id},{format_date(promulgation_date)},{number}/{notation}"


_DOCUMENT_ID = re.compile(r"([^,]+),([0-9]{4}/[0-9]{2}/[0-9]{2}),([^/]+)/(.+)", re.DOTALL)


def parse_document_id(text: str) -> DocumentIdParts:
    """The parts of a DocumentId; the number ends at the first ``/`` (notations have more)."""
    match = _DOCUMENT_ID.fullmatch(text.strip())
    if not match:
        raise ValueError(
            f"not a DocumentId {text!r}: expected OrganId,yyyy/MM/dd,CodeNumber/CodeNotation"
        )
    organ_id, day, number, notation = match.groups()
    try:
        parsed = _date_value(day)
    except ValueError as exc:
        raise ValueError(f"not a DocumentId {text!r}: {exc}") from None
    return DocumentIdParts(organ_id.strip(), parsed, number.strip(), notation.strip())


# --- checks on the model (shared by encoding and decoding) -----------------------------------


def _require(value: str, path: str) -> None:
    if not value:
        raise EdxmlError(path, "empty")


def _organ_id(value: str, path: str) -> None:
    _require(value, path)
    if not valid_organ_id(value):
        raise EdxmlError(
            path, f"invalid OrganId {value!r}: expected the shape NNN.NN.NN.XNN (000.00.00.H26)"
        )


def _not_negative(value: int | None, path: str) -> None:
    if value is not None and value < 0:
        raise EdxmlError(path, f"negative number {value}")


def check_package(pkg: Package) -> None:
    """Refuse (``EdxmlError``) a package the standard or a recipient could not accept."""
    _check_header(pkg.header)
    _check_rest(pkg)


def _check_header(h: MessageHeader) -> None:
    _organ_id(h.from_.organ_id, f"{_MESSAGE}/From/OrganId")
    if not h.to:
        raise EdxmlError(f"{_MESSAGE}/To", "missing: a package needs at least one recipient")
    for i, to in enumerate(h.to, 1):
        _organ_id(to.organ_id, f"{_MESSAGE}/To[{i}]/OrganId")
    _require(h.code.code_number, f"{_MESSAGE}/Code/CodeNumber")
    _require(h.code.code_notation, f"{_MESSAGE}/Code/CodeNotation")
    _not_negative(h.document_type.type, f"{_MESSAGE}/DocumentType/Type")
    _not_negative(h.document_type.type_detail, f"{_MESSAGE}/DocumentType/TypeDetail")
    _require(h.subject, f"{_MESSAGE}/Subject")
    _not_negative(h.other_info.promulgation_amount, f"{_MESSAGE}/OtherInfo/PromulgationAmount")
    _not_negative(h.other_info.page_amount, f"{_MESSAGE}/OtherInfo/PageAmount")
    _not_negative(h.steering_type, f"{_MESSAGE}/SteeringType")
    for i, ref in enumerate(h.response_for, 1):
        _check_response_for(ref, f"{_MESSAGE}/ResponseFor[{i}]")


def _check_rest(pkg: Package) -> None:
    for i, trace in enumerate(pkg.traces, 1):
        _organ_id(trace.organ_id, f"{_TRACES}/TraceHeader[{i}]/OrganId")
    b = pkg.business
    _not_negative(b.paper, f"{_TRACES}/Bussiness/Paper")
    if b.bussiness_document_info is not None:
        receivers = b.bussiness_document_info.receiver_list
        for i, receiver in enumerate(receivers, 1):
            _organ_id(
                receiver.organ_id,
                f"{_TRACES}/Bussiness/BussinessDocumentInfo/ReceiverList/Receiver[{i}]/OrganId",
            )
    for i, info in enumerate(b.replacement_info_list, 1):
        path = f"{_TRACES}/Bussiness/ReplacementInfoList/ReplacementInfo[{i}]"
        _require(info.document_id, f"{path}/DocumentId")
        for j, organ in enumerate(info.organ_id_list, 1):
            _organ_id(organ, f"{path}/OrganIdList/OrganId[{j}]")
    seen: set[str] = set()
    for i, att in enumerate(pkg.attachments, 1):
        path = f"{_ENCODED}/Attachment[{i}]"
        _require(att.content_id, f"{path}/ContentId")
        if any(ch.isspace() for ch in att.content_id):
            raise EdxmlError(f"{path}/ContentId", f"content id {att.content_id!r} has spaces")
        if att.content_id in seen:
            raise EdxmlError(f"{path}/ContentId", f"duplicate content id {att.content_id!r}")
        seen.add(att.content_id)
        _require(att.attachment_name, f"{path}/AttachmentName")
        _require(att.content_type, f"{path}/ContentType")


def _check_response_for(ref: ResponseFor, path: str) -> None:
    _organ_id(ref.organ_id, f"{path}/OrganId")
    _require(ref.code, f"{path}/Code")


def check_status(msg: StatusMessage) -> None:
    """Refuse (``EdxmlError``) a status message a sender could not match or read."""
    _check_response_for(msg.response_for, f"{_MESSAGE}/ResponseFor")
    _organ_id(msg.from_.organ_id, f"{_MESSAGE}/From/OrganId")


# --- encoding -------------------------------------------------------------------------------


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _sub(parent: Any, name: str, text: str | None = None) -> Any:
    el = etree.SubElement(parent, _q(name))
    if text is not None:
        el.text = text
    return el


def _opt(parent: Any, name: str, value: str | int | None) -> None:
    if value is not None and value != "":
        _sub(parent, name, str(value))


def _envelope() -> tuple[Any, Any]:
    """A detached edXMLEnvelope with its edXMLHeader, prefixed ``edXML:`` as products write."""
    envelope = etree.Element(_q("edXMLEnvelope"), nsmap={"edXML": NAMESPACE})
    return envelope, _sub(envelope, "edXMLHeader")


def _encode_organization(parent: Any, name: str, org: Organization) -> None:
    el = _sub(parent, name)
    _sub(el, "OrganId", org.organ_id)
    _opt(el, "OrganizationInCharge", org.organization_in_charge)
    _opt(el, "OrganName", org.organ_name)
    _opt(el, "OrganAdd", org.organ_add)
    _opt(el, "Email", org.email)
    _opt(el, "Telephone", org.telephone)
    _opt(el, "Fax", org.fax)
    _opt(el, "Website", org.website)


def _encode_response_for(parent: Any, ref: ResponseFor) -> None:
    el = _sub(parent, "ResponseFor")
    _sub(el, "OrganId", ref.organ_id)
    _sub(el, "Code", ref.code)
    _sub(el, "PromulgationDate", format_date(ref.promulgation_date))
    _sub(el, "DocumentId", ref.document_id)


def _encode_staff(parent: Any, staff: StaffInfo | None) -> None:
    if staff is None:
        return
    el = _sub(parent, "StaffInfo")
    _opt(el, "Department", staff.department)
    _opt(el, "Staff", staff.staff)
    _opt(el, "Mobile", staff.mobile)
    _opt(el, "Email", staff.email)


def _encode_header(parent: Any, h: MessageHeader) -> None:
    mh = _sub(parent, "MessageHeader")
    _encode_organization(mh, "From", h.from_)
    for to in h.to:
        _encode_organization(mh, "To", to)
    code = _sub(mh, "Code")
    _sub(code, "CodeNumber", h.code.code_number)
    _sub(code, "CodeNotation", h.code.code_notation)
    info = _sub(mh, "PromulgationInfo")
    _opt(info, "Place", h.promulgation_info.place)
    _sub(info, "PromulgationDate", format_date(h.promulgation_info.promulgation_date))
    doc_type = _sub(mh, "DocumentType")
    _sub(doc_type, "Type", str(h.document_type.type))
    _opt(doc_type, "TypeDetail", h.document_type.type_detail)
    _opt(doc_type, "TypeName", h.document_type.type_name)
    _sub(mh, "Subject", h.subject)
    _opt(mh, "Content", h.content)
    if h.signer_info is not None:
        signer = _sub(mh, "SignerInfo")
        _opt(signer, "Competence", h.signer_info.competence)
        _opt(signer, "Position", h.signer_info.position)
        _opt(signer, "FullName", h.signer_info.full_name)
    if h.due_date is not None:
        _sub(mh, "DueDate", format_date(h.due_date))
    if h.to_places:
        places = _sub(mh, "ToPlaces")
        for place in h.to_places:
            _sub(places, "Place", place)
    other = _sub(mh, "OtherInfo")
    o = h.other_info
    _sub(other, "Priority", str(int(o.priority)))
    _opt(other, "SphereOfPromulgation", o.sphere_of_promulgation)
    _opt(other, "TyperNotation", o.typer_notation)
    _opt(other, "PromulgationAmount", o.promulgation_amount)
    _opt(other, "PageAmount", o.page_amount)
    if o.appendixes:
        appendixes = _sub(other, "Appendixes")
        for appendix in o.appendixes:
            _sub(appendixes, "Appendix", appendix)
    for ref in h.response_for:
        _encode_response_for(mh, ref)
    _opt(mh, "SteeringType", h.steering_type)
    _sub(mh, "DocumentId", h.document_id)


def _encode_traces(parent: Any, traces: tuple[TraceHeader, ...], b: Bussiness) -> None:
    trace_list = _sub(parent, "TraceHeaderList")
    for trace in traces:
        el = _sub(trace_list, "TraceHeader")
        _sub(el, "OrganId", trace.organ_id)
        _sub(el, "Timestamp", format_timestamp(trace.timestamp))
    business = _sub(trace_list, "Bussiness")
    _sub(business, "BussinessDocType", str(int(b.bussiness_doc_type)))
    _opt(business, "BussinessDocReason", b.bussiness_doc_reason)
    if b.bussiness_document_info is not None:
        info = b.bussiness_document_info
        el = _sub(business, "BussinessDocumentInfo")
        _opt(el, "DocumentInfo", info.document_info)
        _opt(el, "DocumentReceiver", info.document_receiver)
        if info.receiver_list:
            receivers = _sub(el, "ReceiverList")
            for receiver in info.receiver_list:
                r = _sub(receivers, "Receiver")
                _opt(r, "ReceiverType", receiver.receiver_type)
                _sub(r, "OrganId", receiver.organ_id)
    _opt(business, "DocumentId", b.document_id)
    _encode_staff(business, b.staff_info)
    if b.replacement_info_list:
        replacements = _sub(business, "ReplacementInfoList")
        for replacement in b.replacement_info_list:
            r = _sub(replacements, "ReplacementInfo")
            _sub(r, "DocumentId", replacement.document_id)
            organs = _sub(r, "OrganIdList")
            for organ in replacement.organ_id_list:
                _sub(organs, "OrganId", organ)
    _opt(business, "Paper", b.paper)


def _write_leaf(xf: Any, name: str, text: str, indent: str) -> None:
    xf.write(indent)
    with xf.element(_q(name)):
        xf.write(text)


def _write_document(envelope: Any, attachments: tuple[Attachment, ...] = ()) -> bytes:
    """Serialise ``<edXML>`` with ``envelope`` and the attachments, base64 in chunks."""
    etree.indent(envelope, space="  ", level=1)
    out = io.BytesIO()
    out.write(_DECLARATION)
    # Unbuffered: lxml otherwise keeps the whole output (and its growth) until the end.
    with (
        etree.xmlfile(out, encoding="UTF-8", buffered=False) as xf,
        xf.element(_q("edXML"), nsmap={None: NAMESPACE}),
    ):
        xf.write("\n  ")
        xf.write(envelope)
        if attachments:
            xf.write("\n  ")
            with xf.element(_q("AttachmentEncoded")):
                for att in attachments:
                    xf.write("\n    ")
                    with xf.element(_q("Attachment")):
                        _write_leaf(xf, "ContentId", f"cid:{att.content_id}", "\n      ")
                        _write_leaf(xf, "AttachmentName", att.attachment_name, "\n      ")
                        if att.description:
                            _write_leaf(xf, "Description", att.description, "\n      ")
                        _write_leaf(xf, "ContentType", att.content_type, "\n      ")
                        xf.write("\n      ")
                        with xf.element(_q("ContentTransferEncoded")):
                            view = memoryview(att.data)
                            for start in range(0, len(view), _CHUNK):
                                chunk = view[start : start + _CHUNK]
                                xf.write(binascii.b2a_base64(chunk, newline=False).decode())
                        xf.write("\n    ")
                xf.write("\n  ")
        xf.write("\n")
    return out.getvalue()


def encode_package(pkg: Package) -> bytes:
    """The package as edXML (UTF-8). Refuses (``EdxmlError``) what ``check_package`` refuses."""
    check_package(pkg)
    envelope, header = _envelope()
    _encode_header(header, pkg.header)
    _encode_traces(header, pkg.traces, pkg.business)
    manifest = _sub(_sub(envelope, "edXMLBody"), "edXMLManifest")
    manifest.set("version", "1.0")
    for att in pkg.attachments:
        ref = _sub(manifest, "Reference")
        _sub(ref, "ContentId", f"cid:{att.content_id}")
        _sub(ref, "ContentType", att.content_type)
        _opt(ref, "Description", att.description)
        _sub(ref, "AttachmentName", att.attachment_name)
    return _write_document(envelope, pkg.attachments)


def encode_status(msg: StatusMessage) -> bytes:
    """The status message as edXML (UTF-8)."""
    check_status(msg)
    envelope, header = _envelope()
    mh = _sub(header, "MessageHeader")
    _encode_response_for(mh, msg.response_for)
    _encode_organization(mh, "From", msg.from_)
    _encode_staff(mh, msg.staff_info)
    _sub(mh, "StatusCode", str(msg.status_code))
    _opt(mh, "Description", msg.description)
    _sub(mh, "Timestamp", format_timestamp(msg.timestamp))
    return _write_document(envelope)


# --- safe parsing ---------------------------------------------------------------------------

_DECLARED = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
# Declared encodings accepted, and what the bytes are read as. Everything else (UTF-7, EBCDIC,
# UTF-32 …) is refused: they could hide markup from the prolog check below.
_ENCODINGS = {
    "utf-8": "UTF-8",
    "utf8": "UTF-8",
    "us-ascii": "UTF-8",
    "ascii": "UTF-8",
    "utf-16": "UTF-8",  # declared UTF-16 over single-byte markup: .NET wrote UTF-8 bytes
    "iso-8859-1": "ISO-8859-1",
    "latin1": "ISO-8859-1",
    "latin-1": "ISO-8859-1",
    "windows-1252": "windows-1252",
    "cp1252": "windows-1252",
    "windows-1258": "windows-1258",
    "cp1258": "windows-1258",
}
_PYTHON_CODECS = {
    "UTF-8": "utf-8",
    "UTF-16": "utf-16",
    "UTF-16LE": "utf-16-le",
    "UTF-16BE": "utf-16-be",
    "ISO-8859-1": "latin-1",
    "windows-1252": "cp1252",
    "windows-1258": "cp1258",
}
_PROLOG_LIMIT = 64 * 1024


def _encoding_of(data: bytes) -> str:
    """The encoding to read ``data`` with (XML 1.0 appendix F, narrowed)."""
    if data.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        raise EdxmlError("edXML", "unsupported encoding UTF-32: send UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    if data.startswith(b"<\x00"):
        return "UTF-16LE"
    if data.startswith(b"\x00<"):
        return "UTF-16BE"
    head = data[3:256] if data.startswith(b"\xef\xbb\xbf") else data[:256]
    match = _DECLARED.match(head)
    if match is None:
        return "UTF-8"
    declared = match.group(1).decode("ascii").lower()
    if declared not in _ENCODINGS:
        raise EdxmlError("edXML", f"unsupported encoding {declared!r}: send UTF-8")
    return _ENCODINGS[declared]


def _refuse_doctype(data: bytes, encoding: str) -> None:
    """Refuse any ``<!DOCTYPE`` (internal subset, external DTD) before the parser reads it.

    A DTD is how entity expansion ("billion laughs") and external entities (XXE) get in; no
    edXML product needs one. Only the prolog can hold one, so that is all that is scanned.
    """
    head = data[:_PROLOG_LIMIT].decode(_PYTHON_CODECS[encoding], errors="ignore")
    i = 1 if head.startswith("\ufeff") else 0
    while True:
        while i < len(head) and head[i] in " \t\r\n":
            i += 1
        if head.startswith("<?", i):
            end, close = head.find("?>", i + 2), "?>"
        elif head.startswith("<!--", i):
            end, close = head.find("-->", i + 4), "-->"
        elif head.startswith("<!", i):
            raise EdxmlError(
                "edXML",
                "document type declarations (DTD) are refused: edXML needs no entities",
            )
        else:
            break
        if end < 0:
            if len(data) > _PROLOG_LIMIT:
                raise EdxmlError("edXML", "the prolog before <edXML> is too long")
            return  # unterminated: the parser reports it
        i = end + len(close)
    if i >= len(head) and len(data) > _PROLOG_LIMIT:
        raise EdxmlError("edXML", "the prolog before <edXML> is too long")


def _xml_parser() -> Any:
    """The lxml parser for untrusted input (also handed to signxml)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=True,  # base64 text nodes of tens of MB exceed libxml2's 10 MB default
        remove_comments=True,
        collect_ids=False,
    )


def _parse(data: bytes) -> Any:
    """The root element of ``data``, parsed safely, or ``EdxmlError``."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"edXML must be bytes, not {type(data).__name__}")
    if len(data) > MAX_BYTES:
        raise EdxmlError("edXML", f"document of {len(data)} bytes exceeds the {MAX_BYTES} limit")
    data = bytes(data) if not isinstance(data, bytes) else data
    if not data.strip():
        raise EdxmlError("edXML", "empty document")
    encoding = _encoding_of(data)
    _refuse_doctype(data, encoding)
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start",),
        encoding=encoding,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,
        remove_comments=True,
        collect_ids=False,
    )
    try:
        for count, _ in enumerate(events, 1):
            if count > MAX_ELEMENTS:
                raise EdxmlError("edXML", f"more than {MAX_ELEMENTS} elements")
    except etree.XMLSyntaxError as exc:
        raise EdxmlError("edXML", f"not well-formed XML: {exc.msg}") from None
    root = events.root
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        # Backstop only: _refuse_doctype stops every DTD before parsing.
        raise EdxmlError("edXML", "document type declarations (DTD) are refused (parser)")
    for _ in root.iter(etree.Entity):
        raise EdxmlError("edXML", "entity references are refused")
    return root


# --- reading elements -----------------------------------------------------------------------


def _local(el: Any) -> str | None:
    """Local name of an edXML element (edXML or no namespace), None for anything else."""
    tag = el.tag
    if not isinstance(tag, str):
        return None  # processing instruction
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return local if namespace == NAMESPACE else None
    return str(tag)


def _text_of(el: Any) -> str:
    """The element's own text, including tails of any children (vendor nesting, PIs)."""
    parts = [el.text or ""]
    parts.extend(child.tail or "" for child in el)
    return "".join(parts)


class _Node:
    """An element and its path, with the tolerant lookups decoding needs."""

    __slots__ = ("el", "path")

    def __init__(self, el: Any, path: str) -> None:
        self.el = el
        self.path = path

    def _children(self, names: tuple[str, ...]) -> list[tuple[str, Any]]:
        found = []
        for child in self.el:
            local = _local(child)
            if local is not None and local in names:
                found.append((local, child))
        return found

    def all(self, *names: str) -> list[_Node]:
        """Every child with one of ``names``, paths indexed ``Name[1]``, ``Name[2]`` …"""
        return [
            _Node(child, f"{self.path}/{local}[{i}]")
            for i, (local, child) in enumerate(self._children(names), 1)
        ]

    def one(self, *names: str, required: bool = False) -> _Node | None:
        """The child with one of ``names`` (first is the standard's), refusing duplicates."""
        found = self._children(names)
        if len(found) > 1:
            raise EdxmlError(f"{self.path}/{found[1][0]}", f"appears {len(found)} times")
        if not found:
            if required:
                raise EdxmlError(f"{self.path}/{names[0]}", "missing")
            return None
        local, child = found[0]
        return _Node(child, f"{self.path}/{local}")

    def need(self, *names: str) -> _Node:
        node = self.one(*names, required=True)
        if node is None:  # pragma: no cover - one(required=True) raised already
            raise EdxmlError(f"{self.path}/{names[0]}", "missing")
        return node

    def has(self, name: str) -> bool:
        return bool(self._children((name,)))

    @property
    def value(self) -> str:
        return _canon(_text_of(self.el), self.path)

    def text(self, *names: str, required: bool = False) -> str:
        node = self.one(*names, required=required)
        if node is None:
            return ""
        value = node.value
        if required and not value:
            raise EdxmlError(node.path, "empty")
        return value

    def maybe_date(self, name: str) -> date | None:
        node = self.one(name)
        return None if node is None else _date(node, required=False)

    def need_date(self, name: str) -> date:
        day = _date(self.need(name), required=True)
        if day is None:  # pragma: no cover - _date(required=True) raised already
            raise EdxmlError(f"{self.path}/{name}", "empty")
        return day

    def number(self, *names: str) -> int | None:
        node = self.one(*names)
        return None if node is None else _number(node, required=False)

    def need_number(self, name: str) -> int:
        number = _number(self.need(name), required=True)
        if number is None:  # pragma: no cover - _number(required=True) raised already
            raise EdxmlError(f"{self.path}/{name}", "empty")
        return number


def _number(node: _Node, *, required: bool) -> int | None:
    value = node.value
    if not value:
        if required:
            raise EdxmlError(node.path, "empty")
        return None
    if not re.fullmatch(r"[0-9]{1,9}", value):
        raise EdxmlError(node.path, f"not a whole number: {value!r}")
    return int(value)


def _date_value(text: str) -> date:
    if not re.fullmatch(r"[0-9]{4}/[0-9]{2}/[0-9]{2}", text):
        raise ValueError(f"wrong date format {text!r}: expected yyyy/MM/dd")
    try:
        return date(int(text[:4]), int(text[5:7]), int(text[8:10]))
    except ValueError:
        raise ValueError(f"not a calendar date: {text!r}") from None


def _date(node: _Node, *, required: bool = True) -> date | None:
    value = node.value
    if not value:
        if required:
            raise EdxmlError(node.path, "empty")
        return None
    try:
        return _date_value(value)
    except ValueError as exc:
        raise EdxmlError(node.path, str(exc)) from None


def _timestamp(node: _Node) -> datetime:
    value = node.value
    if not value:
        raise EdxmlError(node.path, "empty")
    if not re.fullmatch(r"[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}", value):
        raise EdxmlError(
            node.path, f"wrong timestamp format {value!r}: expected yyyy/MM/dd HH:mm:ss"
        )
    year, month, day, hour, minute, second = (int(part) for part in re.split("[/ :]", value))
    try:
        return datetime(
            year, month, day, hour, minute, second, tzinfo=VIETNAM
        )  # the standard's times are Vietnam time
    except ValueError:
        raise EdxmlError(node.path, f"not a calendar time: {value!r}") from None


def _organization(node: _Node) -> Organization:
    return Organization(
        organ_id=node.text("OrganId", required=True),
        organization_in_charge=node.text("OrganizationInCharge"),
        organ_name=node.text("OrganName"),
        organ_add=node.text("OrganAdd"),
        email=node.text("Email"),
        telephone=node.text("Telephone"),
        fax=node.text("Fax"),
        website=node.text("Website"),
    )


def _staff(node: _Node | None) -> StaffInfo | None:
    if node is None:
        return None
    return StaffInfo(
        department=node.text("Department"),
        staff=node.text("Staff"),
        mobile=node.text("Mobile"),
        email=node.text("Email"),
    )


def _response_for(node: _Node) -> ResponseFor:
    ref = ResponseFor(
        organ_id=node.text("OrganId", required=True),
        code=node.text("Code", required=True),
        promulgation_date=node.need_date("PromulgationDate"),
    )
    _check_response_for(ref, node.path)
    given = node.text("DocumentId", required=True)
    if given != ref.document_id:
        raise EdxmlError(
            f"{node.path}/DocumentId",
            f"DocumentId {given!r} is inconsistent with OrganId, Code and PromulgationDate "
            f"(expected {ref.document_id!r})",
        )
    return ref


def _root(data: bytes) -> tuple[Any, _Node, _Node]:
    """The root element, the envelope and the header container (MessageHeader or Status)."""
    root = _parse(data)
    local = _local(root)
    if local != "edXML":
        name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        raise EdxmlError("edXML", f"the root element is {name!r}, not edXML")
    doc = _Node(root, "edXML")
    header = doc.need("edXMLEnvelope").need("edXMLHeader")
    return root, doc, header.need("MessageHeader", "Status")


def _is_status(container: _Node) -> bool:
    return container.has("StatusCode")


def _decode_header(mh: _Node) -> MessageHeader:
    code = mh.need("Code")
    info = mh.need("PromulgationInfo")
    doc_type = mh.need("DocumentType")
    signer = mh.one("SignerInfo")
    places = mh.one("ToPlaces")
    other = mh.one("OtherInfo")
    other_info = OtherInfo()
    if other is not None:
        priority = other.number("Priority")
        if priority is not None and priority not in _PRIORITY_LABELS:
            raise EdxmlError(f"{other.path}/Priority", f"unknown priority {priority}")
        appendixes = other.one("Appendixes")
        other_info = OtherInfo(
            priority=Priority(priority or 0),
            sphere_of_promulgation=other.text("SphereOfPromulgation"),
            typer_notation=other.text("TyperNotation"),
            promulgation_amount=other.number("PromulgationAmount"),
            page_amount=other.number("PageAmount"),
            appendixes=tuple(
                a.value for a in (appendixes.all("Appendix") if appendixes else []) if a.value
            ),
        )
    header = MessageHeader(
        from_=_organization(mh.need("From")),
        to=tuple(_organization(node) for node in mh.all("To")),
        code=Code(code.text("CodeNumber", required=True), code.text("CodeNotation", required=True)),
        promulgation_info=Promulgation(info.text("Place"), info.need_date("PromulgationDate")),
        document_type=DocumentType(
            type=doc_type.need_number("Type"),
            type_detail=doc_type.number("TypeDetail"),
            type_name=doc_type.text("TypeName"),
        ),
        subject=mh.text("Subject", required=True),
        content=mh.text("Content"),
        signer_info=None
        if signer is None
        else SignerInfo(
            competence=signer.text("Competence"),
            position=signer.text("Position"),
            full_name=signer.text("FullName"),
        ),
        due_date=mh.maybe_date("DueDate"),
        to_places=tuple(p.value for p in (places.all("Place") if places else []) if p.value),
        other_info=other_info,
        response_for=tuple(_response_for(node) for node in mh.all("ResponseFor")),
        steering_type=mh.number("SteeringType"),
    )
    given = mh.text("DocumentId")
    if given and given != header.document_id:
        raise EdxmlError(
            f"{mh.path}/DocumentId",
            f"DocumentId {given!r} is inconsistent with From/OrganId, "
            f"PromulgationInfo/PromulgationDate and Code (expected {header.document_id!r})",
        )
    _check_header(header)
    return header


def _decode_business(node: _Node | None) -> Bussiness:
    if node is None:
        return Bussiness()
    kind = node.number("BussinessDocType", "BusinessDocType")
    if kind is not None and kind not in _BUSINESS_LABELS:
        raise EdxmlError(f"{node.path}/BussinessDocType", f"unknown BussinessDocType {kind}")
    info = node.one("BussinessDocumentInfo", "BusinessDocumentInfo")
    document_info = None
    if info is not None:
        receivers = info.one("ReceiverList")
        document_info = BussinessDocumentInfo(
            document_info=info.text("DocumentInfo"),
            document_receiver=info.text("DocumentReceiver"),
            receiver_list=tuple(
                Receiver(r.text("ReceiverType"), r.text("OrganId", required=True))
                for r in (receivers.all("Receiver") if receivers else [])
            ),
        )
    replacements = node.one("ReplacementInfoList")
    replacement_info = []
    for r in replacements.all("ReplacementInfo") if replacements else []:
        organs = r.one("OrganIdList")
        replacement_info.append(
            ReplacementInfo(
                document_id=r.text("DocumentId", required=True),
                organ_id_list=tuple(
                    o.value for o in (organs.all("OrganId") if organs else []) if o.value
                ),
            )
        )
    return Bussiness(
        bussiness_doc_type=BussinessDocType(kind or 0),
        bussiness_doc_reason=node.text("BussinessDocReason", "BusinessDocReason"),
        bussiness_document_info=document_info,
        document_id=node.text("DocumentId"),
        staff_info=_staff(node.one("StaffInfo")),
        replacement_info_list=tuple(replacement_info),
        paper=node.number("Paper"),
    )


_BASE64_BAD = re.compile(r"[^A-Za-z0-9+/=\t\n\r ]")
_BASE64_END = re.compile(r"=[\t\n\r ]*(?:=[\t\n\r ]*)?")


def _base64(node: _Node) -> bytes:
    """Decode the base64 text of ``node``, then drop it from the tree to free its memory."""
    text = _text_of(node.el)
    bad = _BASE64_BAD.search(text)
    if bad:
        raise EdxmlError(node.path, f"bad base64: character {bad.group()!r}")
    pad = text.find("=")
    if pad >= 0 and not _BASE64_END.fullmatch(text, pad):
        raise EdxmlError(node.path, "bad base64: data after the padding")
    try:
        data = binascii.a2b_base64(text)  # skips the line breaks that some products insert
    except binascii.Error as exc:
        raise EdxmlError(node.path, f"bad base64: {exc}") from None
    node.el.text = None
    return data


def _bare_cid(value: str) -> str:
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1].strip()
    if value[:4].lower() == "cid:":
        value = value[4:].strip()
    return value


class _Reference(NamedTuple):
    path: str
    content_id: str
    content_type: str
    description: str
    attachment_name: str


def _references(envelope: _Node) -> dict[str, _Reference]:
    body = envelope.one("edXMLBody")
    manifest = body.one("edXMLManifest") if body else None
    found: dict[str, _Reference] = {}
    for node in manifest.all("Reference") if manifest else []:
        raw = node.text("ContentId") or node.el.get(f"{{{XLINK_NAMESPACE}}}href", "")
        cid = _bare_cid(raw)
        if not cid:
            raise EdxmlError(f"{node.path}/ContentId", "missing")
        if cid in found:
            raise EdxmlError(f"{node.path}/ContentId", f"duplicate content id {cid!r}")
        found[cid] = _Reference(
            node.path,
            cid,
            node.text("ContentType"),
            node.text("Description"),
            node.text("AttachmentName"),
        )
    return found


def _merged(node: _Node, name: str, listed: str) -> str:
    """An Attachment's ``name`` field, else its Reference's; refused when the two differ."""
    own = node.text(name)
    if own and listed and own != listed:
        raise EdxmlError(
            f"{node.path}/{name}", f"{own!r} differs from the edXMLManifest Reference's {listed!r}"
        )
    return own or listed


def _decode_attachments(doc: _Node, envelope: _Node) -> tuple[Attachment, ...]:
    references = _references(envelope)
    containers = doc.all("AttachmentEncoded") or envelope.all("AttachmentEncoded")
    if len(containers) == 1:
        containers[0].path = containers[0].path.removesuffix("[1]")
    attachments: list[Attachment] = []
    seen: set[str] = set()
    for node in (node for container in containers for node in container.all("Attachment")):
        cid = _bare_cid(node.text("ContentId", required=True))
        if cid in seen:
            raise EdxmlError(f"{node.path}/ContentId", f"duplicate content id {cid!r}")
        seen.add(cid)
        ref = references.get(cid)
        if ref is None:
            raise EdxmlError(
                f"{node.path}/ContentId",
                f"attachment cid:{cid} has no Reference in the edXMLManifest",
            )
        name = _merged(node, "AttachmentName", ref.attachment_name)
        if not name:
            raise EdxmlError(f"{node.path}/AttachmentName", "missing")
        attachments.append(
            Attachment(
                content_id=cid,
                attachment_name=name,
                description=_merged(node, "Description", ref.description),
                content_type=_merged(node, "ContentType", ref.content_type)
                or "application/octet-stream",
                data=_base64(node.need("ContentTransferEncoded")),
            )
        )
    for cid, ref in references.items():
        if cid not in seen:
            raise EdxmlError(
                f"{ref.path}/ContentId",
                f"Reference cid:{cid} has no Attachment in AttachmentEncoded",
            )
    return tuple(attachments)


def decode_package(data: bytes, *, verify_signature: bool = True) -> Package:
    """The package in ``data``, or ``EdxmlError`` naming the element and the reason.

    A Signature in the envelope is verified (``verify_signature=False`` skips it, for reading
    back packages already verified on receipt); a bad one is refused.
    """
    root, doc, container = _root(data)
    if _is_status(container):
        raise EdxmlError(container.path, "this is a status message, not a document package")
    return _decode_package(root, doc, container, verify_signature=verify_signature)


def _decode_package(root: Any, doc: _Node, mh: _Node, *, verify_signature: bool) -> Package:
    # The signature covers the attachments, so it is checked before they are decoded (which
    # drops their text from the tree).
    signature = _verify(root) if verify_signature else None
    header = _decode_header(mh)
    header_node = doc.need("edXMLEnvelope").need("edXMLHeader")
    trace_list = header_node.one("TraceHeaderList")
    traces: list[TraceHeader] = []
    business = None
    if trace_list is not None:
        traces = [
            TraceHeader(node.text("OrganId", required=True), _timestamp(node.need("Timestamp")))
            for node in trace_list.all("TraceHeader")
        ]
        business = trace_list.one("Bussiness", "Business")
    pkg = Package(
        header=header,
        traces=tuple(traces),
        business=_decode_business(business),
        attachments=_decode_attachments(doc, doc.need("edXMLEnvelope")),
        signature=signature,
    )
    check_package(pkg)
    return pkg


def decode_status(data: bytes) -> StatusMessage:
    """The status message in ``data``, or ``EdxmlError`` naming the element and the reason."""
    _, _, container = _root(data)
    if not _is_status(container):
        raise EdxmlError(
            f"{container.path}/StatusCode", "missing: this is a document package, not a status"
        )
    return _decode_status(container)


def _decode_status(mh: _Node) -> StatusMessage:
    code_node = mh.need("StatusCode")
    code = code_node.value
    if re.fullmatch(r"[0-9]", code):
        code = f"0{code}"
    if code not in {c.value for c in StatusCode}:
        raise EdxmlError(code_node.path, f"unknown status code {code!r}")
    msg = StatusMessage(
        response_for=_response_for(mh.need("ResponseFor")),
        from_=_organization(mh.need("From")),
        staff_info=_staff(mh.one("StaffInfo")),
        status_code=StatusCode(code),
        description=mh.text("Description"),
        timestamp=_timestamp(mh.need("Timestamp")),
    )
    check_status(msg)
    return msg


def decode(data: bytes, *, verify_signature: bool = True) -> Package | StatusMessage:
    """A package or a status message, told apart by content (a StatusCode in the header)."""
    root, doc, container = _root(data)
    if _is_status(container):
        return _decode_status(container)
    return _decode_package(root, doc, container, verify_signature=verify_signature)


# --- signatures -----------------------------------------------------------------------------

_DS_SIGNATURE = f"{{{DSIG_NAMESPACE}}}Signature"
_C14N_1_0 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"


def _path_of(el: Any) -> str:
    names = []
    while el is not None:
        names.append(etree.QName(el).localname)
        el = el.getparent()
    return "/".join(reversed(names))


class _SignXML(NamedTuple):
    signer: Any
    verifier: Any
    enveloped: Any
    error: type[Exception]


@functools.cache
def _signxml() -> _SignXML | None:
    """signxml's signer (fed the safe parser) and verifier; None when it is not installed."""
    try:
        from signxml.algorithms import SignatureConstructionMethod
        from signxml.exceptions import SignXMLException
        from signxml.signer import XMLSigner
        from signxml.verifier import XMLVerifier
    except ImportError:
        return None

    class Signer(XMLSigner):
        @property
        def parser(self) -> Any:
            return _xml_parser()

    return _SignXML(Signer, XMLVerifier, SignatureConstructionMethod.enveloped, SignXMLException)


def _other_signatures(root: Any) -> list[Any]:
    """``Signature`` elements of the header that are not XML-DSig (vendor placeholders)."""
    header = root.find("./{*}edXMLEnvelope/{*}edXMLHeader")
    if header is None:
        header = root.find("./edXMLEnvelope/edXMLHeader")
    if header is None:
        return []
    return [
        child
        for child in header
        if isinstance(child.tag, str)
        and etree.QName(child).localname == "Signature"
        and etree.QName(child).namespace != DSIG_NAMESPACE
    ]


def _verify(root: Any) -> SignatureInfo | None:
    """Verify the envelope's XML-DSig signature, if any; refuse the package if it fails."""
    for other in _other_signatures(root):
        if len(other) or (other.text or "").strip():
            raise EdxmlError(
                _path_of(other), "Signature is not an XML-DSig signature (wrong namespace)"
            )
    signatures = list(root.iter(_DS_SIGNATURE))
    if not signatures:
        return None
    path = _path_of(signatures[0])
    if len(signatures) > 1:
        raise EdxmlError(path, f"{len(signatures)} signatures: expected one")
    loaded = _signxml()
    if loaded is None:
        raise EdxmlError(path, "signature cannot be verified: the signxml library is missing")
    from cryptography import x509

    ns = {"ds": DSIG_NAMESPACE}
    cert_text = signatures[0].findtext("ds:KeyInfo/ds:X509Data/ds:X509Certificate", namespaces=ns)
    if not cert_text or not cert_text.strip():
        raise EdxmlError(f"{path}/KeyInfo/X509Data/X509Certificate", "missing")
    try:
        certificate = x509.load_der_x509_certificate(binascii.a2b_base64(cert_text))
    except (ValueError, binascii.Error) as exc:
        raise EdxmlError(
            f"{path}/KeyInfo/X509Data/X509Certificate", f"bad certificate: {exc}"
        ) from None
    references = signatures[0].findall("ds:SignedInfo/ds:Reference", namespaces=ns)
    if len(references) != 1 or references[0].get("URI") != "":
        raise EdxmlError(
            f"{path}/SignedInfo/Reference",
            'the signature must cover the whole package (one Reference with URI="")',
        )
    try:
        result = loaded.verifier().verify(root, x509_cert=certificate, parser=_xml_parser())
    except loaded.error as exc:
        # signxml's advice to its programmers is noise to an operator.
        reason = str(exc).split(" Use SignatureConfiguration(")[0]
        raise EdxmlError(path, f"signature does not verify: {reason}") from None
    method = result.signature_xml.find("ds:SignedInfo/ds:SignatureMethod", namespaces=ns)
    return SignatureInfo(
        certificate=certificate.public_bytes(_der()),
        subject=certificate.subject.rfc4514_string(),
        issuer=certificate.issuer.rfc4514_string(),
        serial_number=certificate.serial_number,
        signature_method=str(method.get("Algorithm")) if method is not None else "",
    )


def _der() -> Any:
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def verify_package_signature(data: bytes) -> SignatureInfo | None:
    """The signer of the package in ``data`` (None when unsigned); ``EdxmlError`` when bad."""
    root, _, _ = _root(data)
    return _verify(root)


def sign_package(
    data: bytes,
    *,
    private_key: bytes,
    certificate: bytes,
    passphrase: bytes | None = None,
) -> bytes:
    """``data`` (an encoded package) with an enveloped XML-DSig signature in its edXMLHeader.

    RSA-SHA256 over the whole package (Reference URI="", enveloped-signature and C14N 1.0
    transforms, which Java and .NET products verify), the signer's certificate (PEM; a chain
    may follow it) in KeyInfo/X509Data. Any byte changed afterwards breaks the signature.
    """
    loaded = _signxml()
    if loaded is None:
        raise RuntimeError("signing edXML needs the signxml library (pip install signxml)")
    root, _, container = _root(data)
    if _is_status(container):
        raise EdxmlError(container.path, "only document packages are signed")
    if next(root.iter(_DS_SIGNATURE), None) is not None:
        raise EdxmlError(_path_of(next(root.iter(_DS_SIGNATURE))), "the package is signed already")
    header = container.el.getparent()
    placeholder = etree.Element(_DS_SIGNATURE, nsmap={"ds": DSIG_NAMESPACE}, Id="placeholder")
    trace_list = header.find(f"./{{{NAMESPACE}}}TraceHeaderList")
    if trace_list is None:
        trace_list = header.find("./TraceHeaderList")
    if trace_list is not None:
        trace_list.addnext(placeholder)
        placeholder.tail, trace_list.tail = trace_list.tail, container.el.tail
    else:
        header.append(placeholder)
    signer = loaded.signer(
        method=loaded.enveloped,
        signature_algorithm="rsa-sha256",
        digest_algorithm="sha256",
        c14n_algorithm=_C14N_1_0,
    )
    signed = signer.sign(root, key=private_key, passphrase=passphrase, cert=certificate.decode())
    out: bytes = etree.tostring(signed, encoding="UTF-8")
    return _DECLARATION + out
