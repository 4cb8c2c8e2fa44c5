"""Outgoing documents (văn bản đi): drafts and their versions, review, signing, issuance.

An outgoing document is a ``documents.Document`` (direction "out") with the work that makes it:
the draft's versions and the comments on them, the review steps of each submission, the
signer's and the agency's signatures, and, once issued, its place in the unit's outgoing
register (register, period, number). Its distribution is the exchange's (``Delivery`` rows on
the same document).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class OutgoingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")  # dự thảo
    IN_REVIEW = "in_review", _("In review")  # đang trình duyệt
    RETURNED = "returned", _("Returned to the author")  # trả lại người soạn
    APPROVED = "approved", _("Approved, waiting for signature")  # chờ ký
    SIGNED = "signed", _("Signed, waiting to be issued")  # đã ký, chờ phát hành
    ISSUED = "issued", _("Issued")  # đã phát hành
    CANCELLED = "cancelled", _("Cancelled")  # đã hủy


# Statuses in which the author still works on the draft.
EDITABLE = (OutgoingStatus.DRAFT, OutgoingStatus.RETURNED)


class ReviewMode(models.TextChoices):
    SEQUENTIAL = "sequential", _("One after another")  # lần lượt
    PARALLEL = "parallel", _("All at once")  # đồng thời


# A document drafted in one unit and issued by another (a board's draft that the committee
# above it issues). Who sees the drafting unit whole sees such a document through that unit;
# one drafted where it is issued, they see through the issuing unit, whose own index holds it
# (``selectors.outgoing_visible_to``). The drafting unit's indexes hold only these (most
# documents are drafted where they are issued): a list reads each document once, not once for
# each of its two units.
DRAFTED_ELSEWHERE = ~Q(unit=F("drafting_unit"))


class OutgoingDocument(models.Model):
    """A document a unit drafts, has reviewed and signed, numbers and issues.

    ``register``, ``period`` and ``number`` are its entry in the unit's outgoing register: set
    once, when it is issued, and never again (a number is never reused, even when the document
    is later recalled or replaced).
    """

    document = models.OneToOneField(
        "documents.Document", on_delete=models.PROTECT, related_name="outgoing"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        related_name="outgoing_documents",
        db_index=False,  # the branches' indexes begin with it (``Meta.indexes``)
    )
    drafting_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("drafting unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the author drafts: the issuing unit itself or a unit under it."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OutgoingStatus.choices,
        default=OutgoingStatus.DRAFT,
        db_index=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="outgoing_drafts",
        db_index=False,  # the branches' indexes begin with it (``Meta.indexes``)
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        on_delete=models.PROTECT,
        related_name="outgoing_to_sign",
        db_index=False,  # the branches' indexes begin with it (``Meta.indexes``)
    )
    signer_position = models.CharField(_("signer's position"), max_length=150, blank=True)
    authority = models.CharField(
        _("signing authority"),
        max_length=150,
        blank=True,
        help_text=_("As printed above the position, e.g. T/M BAN THƯỜNG VỤ, KT. CHỦ TỊCH."),
    )
    review_mode = models.CharField(
        _("review"), max_length=10, choices=ReviewMode.choices, default=ReviewMode.SEQUENTIAL
    )
    review_round = models.PositiveSmallIntegerField(_("submission"), default=0)
    planned_reviewers = models.JSONField(
        _("reviewers for the next submission"),
        default=list,
        blank=True,
        help_text=_("Ids of the people, in order."),
    )
    reply_to = models.ForeignKey(
        "incoming.IncomingDocument",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replies",
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    signed_file = models.ForeignKey(
        "documents.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    register = models.ForeignKey(
        "registers.Register",
        verbose_name=_("register"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outgoing_entries",
    )
    period = models.CharField(_("numbering period"), max_length=40, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_file = models.ForeignKey(
        "documents.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outgoing document")
        verbose_name_plural = _("outgoing documents")
        constraints = [
            # The register's own guarantee, besides the counter: one number, one document.
            models.UniqueConstraint(
                fields=["register", "period", "number"],
                condition=Q(number__isnull=False),
                name="outgoing_number_once",
            ),
            models.CheckConstraint(
                condition=~Q(status="issued") | Q(number__isnull=False),
                name="outgoing_issued_has_number",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status", "-created_at"]),
            # Each branch of who sees a document (``selectors.OutgoingList``), in the order
            # of the lists: the last changed first, and the issued tab's latest issued first
            # (the unit's also finds the days of its register book). The drafting unit's hold
            # the documents another unit issues only (``DRAFTED_ELSEWHERE``).
            *(
                models.Index(
                    fields=[branch, f"-{key}", "-id"],
                    name=f"outgoing_{name}_{branch}",
                    condition=DRAFTED_ELSEWHERE if branch == "drafting_unit" else None,
                )
                for name, key in (("recent", "updated_at"), ("issued", "issued_at"))
                for branch in ("unit", "drafting_unit", "author", "signer")
            ),
            # The same branches in the documents' order: SQLite's plans of the lists (the
            # "all" and "issued" tabs, narrowed by words or not) read a branch's documents by
            # document from these alone (without them, at 100,000 documents, the city clerk's
            # "all" tab took 6.0 ms where it takes 4.7).
            *(
                models.Index(
                    fields=[branch, "document"],
                    name=f"outgoing_ids_{branch}",
                    condition=DRAFTED_ELSEWHERE if branch == "drafting_unit" else None,
                )
                for branch in ("unit", "drafting_unit", "author", "signer")
            ),
        ]

    def __str__(self) -> str:
        return str(self.document)


class DraftVersion(models.Model):
    """One version of the draft's content file: version 1 comes with the draft, each revision
    adds one. The last version is what the reviewers read and the signer signs."""

    outgoing = models.ForeignKey(
        OutgoingDocument, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.ForeignKey("documents.StoredFile", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("file name"), max_length=255)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["outgoing", "number"]
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        constraints = [
            models.UniqueConstraint(fields=["outgoing", "number"], name="draftversion_once"),
        ]

    def __str__(self) -> str:
        return f"v{self.number} {self.name}"


class VersionComment(models.Model):
    """A comment (góp ý) on one version of a draft."""

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")

    def __str__(self) -> str:
        return self.text[:80]


class StepStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for the previous reviewer")  # chờ lượt
    PENDING = "pending", _("To review")  # chờ cho ý kiến
    APPROVED = "approved", _("Approved")  # đồng ý
    RETURNED = "returned", _("Returned with comments")  # trả lại
    FORWARDED = "forwarded", _("Forwarded")  # chuyển xin ý kiến
    CANCELLED = "cancelled", _("No longer needed")  # không còn cần


OPEN_STEP = (StepStatus.WAITING, StepStatus.PENDING)


class ReviewStep(models.Model):
    """One reviewer's part in one submission (round) of a draft."""

    outgoing = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveSmallIntegerField(_("submission"))
    order = models.PositiveSmallIntegerField(_("order"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="outgoing_reviews",
    )
    version = models.ForeignKey(
        DraftVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StepStatus.choices, default=StepStatus.WAITING
    )
    comment = models.TextField(_("comment"), blank=True)
    acted_at = models.DateTimeField(_("acted at"), null=True, blank=True)
    forwarded_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["outgoing", "round", "order", "pk"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        indexes = [models.Index(fields=["reviewer", "status"])]

    def __str__(self) -> str:
        return f"{self.reviewer} ({self.get_status_display()})"


class OutgoingRecipient(models.Model):
    """Nơi nhận: a unit of the network, or an outside body by its organisation identifier
    (edXML) or its official e-mail address."""

    outgoing = models.ForeignKey(
        OutgoingDocument, on_delete=models.CASCADE, related_name="recipients"
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organ_id = models.CharField(_("organisation identifier"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["outgoing", "position", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | ~Q(organ_id="") | ~Q(email=""),
                name="outgoingrecipient_someone",
            ),
        ]

    def __str__(self) -> str:
        if self.unit_id is not None:
            return str(self.unit)
        return self.name or self.organ_id or self.email


class RecipientGroup(models.Model):
    """A saved list of recipient units of a unit, e.g. "30 quận, huyện, thị ủy"."""

    owner = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="recipient_groups",
    )
    name = models.CharField(_("name"), max_length=150)
    units = models.ManyToManyField("org.Unit", verbose_name=_("units"), related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["owner", "name"]
        verbose_name = _("recipient group")
        verbose_name_plural = _("recipient groups")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="recipientgroup_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
