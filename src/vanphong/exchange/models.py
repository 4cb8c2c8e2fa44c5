"""The exchange outbox: one row per document per recipient, and the statuses that come back."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Business(models.IntegerChoices):
    """BussinessDocType of edXML (QCVN 102:2016)."""

    NEW = 0, _("New document")
    RECALL = 1, _("Recall")
    UPDATE = 2, _("Update")
    REPLACE = 3, _("Replacement")


class Channel(models.TextChoices):
    LOCAL = "local", _("Within this system")
    EDXML = "edxml", _("edXML to another system")
    EMAIL = "email", _("Official e-mail")


class Transport(models.TextChoices):
    PENDING = "pending", _("Not sent yet")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Sending failed")


class StatusCode(models.TextChoices):
    """Status codes recipients send back (edXML status messages)."""

    # A status, not the "Arrived" (date) column of the incoming lists.
    ARRIVED = "01", pgettext_lazy("delivery status", "Arrived")  # đã đến
    REFUSED = "02", _("Returned by the recipient")  # từ chối tiếp nhận
    ACCEPTED = "03", _("Registered by the recipient")  # đã tiếp nhận
    ASSIGNED = "04", _("Assigned")  # phân công
    IN_PROGRESS = "05", _("In progress")  # đang xử lý
    DONE = "06", _("Done")  # hoàn thành
    RECALL_REQUESTED = "13", _("Recall requested")  # yêu cầu lấy lại
    AGREED = "15", _("Recall or update agreed")  # đồng ý lấy lại/cập nhật
    DECLINED = "16", _("Recall or update refused")  # từ chối lấy lại/cập nhật


# A later status never goes back to an earlier one (a late "arrived" after "registered").
STATUS_RANK = {"01": 1, "02": 2, "03": 3, "04": 4, "05": 5, "06": 6, "13": 7, "15": 8, "16": 8}


class Delivery(models.Model):
    """One document sent to one recipient, written in the transaction that issued it and
    delivered by a background job; its last status as the recipient reported it."""

    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="deliveries"
    )
    sender = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    package_id = models.CharField(_("document id"), max_length=200, db_index=True)
    business = models.PositiveSmallIntegerField(
        _("kind"), choices=Business.choices, default=Business.NEW
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recipient_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    addressed_to = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit named by the sender, when it was closed and its successor got it."),
    )
    recipient_name = models.CharField(_("recipient"), max_length=255)
    recipient_organ_id = models.CharField(max_length=20, blank=True)
    recipient_email = models.EmailField(blank=True)
    transport = models.CharField(
        _("sending"),
        max_length=8,
        choices=Transport.choices,
        default=Transport.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    status_code = models.CharField(
        _("status"), max_length=2, blank=True, choices=StatusCode.choices, db_index=True
    )
    status_description = models.TextField(_("reason"), blank=True)
    status_at = models.DateTimeField(_("status at"), null=True, blank=True)
    arrival_number = models.PositiveIntegerField(_("arrival number"), null=True, blank=True)
    arrival_year = models.PositiveSmallIntegerField(null=True, blank=True)
    incoming = models.ForeignKey(
        "incoming.IncomingDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliveries",
        help_text=_("The recipient's copy, for deliveries within this system."),
    )
    note = models.TextField(
        _("sender's note"),
        blank=True,
        help_text=_("Why the sender recalls, updates or replaces the document."),
    )
    values = models.JSONField(
        _("updated values"),
        default=dict,
        blank=True,
        help_text=_("For an update: the metadata as the sender corrected it."),
    )
    original = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        help_text=_("For a recall, update or replacement: the delivery it concerns."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "recipient_name"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            # The receiver's inbox is idempotent on the package and the recipient: a document
            # is never delivered twice to the same unit.
            models.UniqueConstraint(
                fields=["package_id", "business", "recipient_unit"],
                condition=Q(recipient_unit__isnull=False),
                name="delivery_once_per_unit",
            ),
        ]
        indexes = [models.Index(fields=["sender", "transport", "status_code"])]

    def __str__(self) -> str:
        return f"{self.package_id} → {self.recipient_name}"


class DeliveryStatus(models.Model):
    """Every status a recipient sent back, in order: the trail behind ``Delivery.status_code``."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="statuses")
    code = models.CharField(max_length=2, choices=StatusCode.choices)
    description = models.TextField(blank=True)
    staff = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("delivery status")
        verbose_name_plural = _("delivery statuses")

    def __str__(self) -> str:
        return f"{self.code} {self.delivery}"
