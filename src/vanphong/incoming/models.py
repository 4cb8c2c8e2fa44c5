"""Incoming documents (văn bản đến): received, registered, routed, worked on, closed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class IncomingStatus(models.TextChoices):
    RECEIVED = "received", _("Received, not registered")
    REGISTERED = "registered", _("Registered")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    RETURNED = "returned", _("Returned to sender")
    CANCELLED = "cancelled", _("Registration cancelled")


OPEN_STATUSES = (IncomingStatus.REGISTERED, IncomingStatus.IN_PROGRESS)


class ReceivedVia(models.TextChoices):
    UPLOAD = "upload", _("Scan or file upload")
    API = "api", _("API")
    EMAIL = "email", _("Official e-mail")
    EXCHANGE = "exchange", _("Electronic exchange")


class IncomingDocument(models.Model):
    """A document as received by one unit, and its place in that unit's incoming register.

    ``arrival_number`` (số đến) runs consecutively within the register and the year; once
    given it is never given again, even when the registration is cancelled.
    """

    document = models.OneToOneField(
        "documents.Document", on_delete=models.PROTECT, related_name="incoming"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("receiving unit"),
        on_delete=models.PROTECT,
        related_name="incoming_documents",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=IncomingStatus.choices,
        default=IncomingStatus.RECEIVED,
        db_index=True,
    )
    received_via = models.CharField(_("received via"), max_length=10, choices=ReceivedVia.choices)
    received_at = models.DateTimeField(_("received at"))
    # Empty for documents delivered by the exchange: no person received them.
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
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
        related_name="incoming_entries",
    )
    arrival_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    arrival_number = models.PositiveIntegerField(_("arrival number"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True, db_index=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    closed_reason = models.TextField(_("reason"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An earlier registration of what looks like the same document."),
    )

    class Meta:
        verbose_name = _("incoming document")
        verbose_name_plural = _("incoming documents")
        constraints = [
            models.UniqueConstraint(
                fields=["register", "arrival_year", "arrival_number"],
                condition=Q(arrival_number__isnull=False),
                name="incoming_arrival_number_once",
            ),
            models.CheckConstraint(
                condition=Q(status="received")
                | Q(status="returned")
                | Q(arrival_number__isnull=False),
                name="incoming_registered_has_number",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status", "-received_at"]),
            models.Index(fields=["unit", "arrival_year", "arrival_number"]),
            # A unit's list, newest first: read in index order and stopped at the page, instead
            # of sorting the unit's whole archive on every page.
            models.Index(fields=["unit", "-received_at", "-id"], name="incoming_unit_newest"),
            # Every unit's, newest first: a person's newest work is found by walking it
            # (``selectors._Walk``), the work itself having no index in that order; the walk
            # tests the document, from the index, against the work, and looks up only theirs.
            models.Index(fields=["-received_at", "-id", "document"], name="incoming_newest"),
            # A unit's documents by document, from the index alone: SQLite's plans of the lists
            # narrowed by words and of a person's work in a unit find a unit's row by its
            # document there (without it, at 100,000 documents, a specialist's list of work
            # took 12.5 ms where it takes 9.2, the city leader's narrowed by a word 2.4 for 1.2).
            models.Index(fields=["unit", "document"], name="incoming_unit_documents"),
        ]

    def __str__(self) -> str:
        if self.arrival_number:
            return f"{self.arrival} – {self.document}"
        return str(self.document)

    @property
    def arrival(self) -> str:
        """The số đến as written ("15/2025"); nothing before registration."""
        return f"{self.arrival_number}/{self.arrival_year}" if self.arrival_number else ""


class SenderRequest(models.Model):
    """The sender of a delivered document asks to recall it or to update its metadata; the
    receiving clerk agrees (the copy is cancelled or updated) or refuses, with a reason."""

    class Kind(models.TextChoices):
        RECALL = "recall", _("Recall")
        UPDATE = "update", _("Update")

    incoming = models.ForeignKey(
        IncomingDocument, on_delete=models.PROTECT, related_name="sender_requests"
    )
    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    reason = models.TextField(_("reason"), blank=True)
    values = models.JSONField(_("new values"), default=dict, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accepted = models.BooleanField(_("accepted"), null=True)
    answer_reason = models.TextField(_("reason for the answer"), blank=True)

    class Meta:
        ordering = ["requested_at"]
        verbose_name = _("request from the sender")
        verbose_name_plural = _("requests from senders")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.incoming}"
