"""The document record shared by incoming and outgoing work, its files, and its history."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vanphong.org.models import SecrecyChoices


class UrgencyChoices(models.TextChoices):
    """Độ khẩn (NĐ 30/2020 and Party practice)."""

    THUONG = "thuong", _("Ordinary")
    KHAN = "khan", _("Urgent")
    THUONG_KHAN = "thuong_khan", _("Very urgent")
    HOA_TOC = "hoa_toc", _("Immediate")


URGENCY_ORDER = {"thuong": 0, "khan": 1, "thuong_khan": 2, "hoa_toc": 3}


class TextStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for text extraction")
    RUNNING = "running", _("Extracting text")
    DONE = "done", _("Text extracted")
    FAILED = "failed", _("Text extraction failed")
    NO_OCR = "no_ocr", _("OCR not installed")


class StoredFile(models.Model):
    """File content, stored once whatever the number of documents that carry it (by SHA-256).

    The bytes never change: a scan made searchable by OCR is a second StoredFile, linked as
    ``searchable``, so hashes and any digital signature in the original stay valid.
    """

    sha256 = models.CharField(max_length=64, unique=True)
    size = models.BigIntegerField(_("size"))
    kind = models.CharField(_("format"), max_length=10)
    content_type = models.CharField(_("content type"), max_length=100)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    storage_name = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    text_status = models.CharField(
        _("text"), max_length=10, choices=TextStatus.choices, default=TextStatus.PENDING
    )
    text = models.TextField(_("text"), blank=True)
    ocr_pages = models.PositiveIntegerField(_("pages read by OCR"), default=0)
    text_error = models.TextField(_("text extraction error"), blank=True)
    text_updated_at = models.DateTimeField(null=True, blank=True)
    searchable = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The same document made searchable by OCR."),
    )
    preview_name = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.kind}, {self.size} B)"


class Direction(models.TextChoices):
    INCOMING = "in", _("Incoming")
    OUTGOING = "out", _("Outgoing")


class Document(models.Model):
    """What a document says about itself: type, number and symbol, issuer, date, subject,
    signer, secrecy and urgency, as printed on it (DOMAIN.md §1–§5)."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="documents"
    )
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    document_type = models.CharField(_("document type"), max_length=10, blank=True)
    number = models.CharField(_("number"), max_length=20, blank=True)
    notation = models.CharField(_("notation"), max_length=60, blank=True)
    symbol = models.CharField(_("number and symbol"), max_length=80, blank=True, db_index=True)
    issuer = models.CharField(_("issuing body"), max_length=255, blank=True)
    issuer_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("issuing unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    issued_date = models.DateField(_("date of issue"), null=True, blank=True)
    subject = models.TextField(_("subject"), blank=True)
    signer = models.CharField(_("signer"), max_length=150, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=150, blank=True)
    authority = models.CharField(_("signing authority"), max_length=10, blank=True)
    secrecy = models.PositiveSmallIntegerField(
        _("secrecy"), choices=SecrecyChoices.choices, default=0, db_index=True
    )
    urgency = models.CharField(
        _("urgency"), max_length=12, choices=UrgencyChoices.choices, default=UrgencyChoices.THUONG
    )
    due_date = models.DateField(_("deadline stated in the document"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    proposal = models.JSONField(
        _("proposed metadata"),
        default=dict,
        blank=True,
        help_text=_("What was read from the document, before the clerk corrected it."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["unit", "direction", "-created_at"]),
            # Documents issued on a day: the duplicates of one (issuer and symbol compared
            # in any case, which an index of theirs would not answer).
            models.Index(fields=["issued_date"], name="document_issued_on"),
        ]

    def __str__(self) -> str:
        return self.symbol or self.subject[:60] or f"#{self.pk}"


class DocumentFile(models.Model):
    """A file of a document: the main one (the document itself) or an attachment."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="uses")
    name = models.CharField(_("file name"), max_length=255)
    is_main = models.BooleanField(_("main document"), default=False)
    position = models.PositiveSmallIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_main", "position", "pk"]
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        constraints = [
            models.UniqueConstraint(
                fields=["document"], condition=Q(is_main=True), name="documentfile_one_main"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DocumentEvent(models.Model):
    """One step in a document's processing history (lịch sử xử lý), in the order it happened.

    Written by the service that took the step, in its transaction; what the history page shows
    and what the audit journal seals.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("step"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    # Steps record dates (deadlines, corrected dates of issue): stored as ISO strings.
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("processing step")
        verbose_name_plural = _("processing history")
        indexes = [models.Index(fields=["document", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.at:%d/%m/%Y %H:%M}"
