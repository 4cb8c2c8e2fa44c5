"""Registers (sổ) and the counters that number them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vanphong.org.models import SecrecyChoices


class RegisterKind(models.TextChoices):
    INCOMING = "incoming", _("Incoming documents")
    OUTGOING = "outgoing", _("Outgoing documents")


class Register(models.Model):
    """A numbered book of a unit: incoming documents (số đến) or outgoing ones (số văn bản).

    A unit keeps one default register per kind and may keep others, e.g. a separate one for
    secret documents (``min_secrecy``), which then take their numbers from it.
    """

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="registers"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RegisterKind.choices)
    name = models.CharField(_("name"), max_length=150)
    min_secrecy = models.PositiveSmallIntegerField(
        _("for documents of secrecy at least"), choices=SecrecyChoices.choices, default=0
    )
    is_default = models.BooleanField(_("default"), default=False)
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "kind", "min_secrecy", "name"]
        verbose_name = _("register")
        verbose_name_plural = _("registers")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind"], condition=Q(is_default=True), name="register_one_default"
            ),
            models.UniqueConstraint(fields=["unit", "kind", "name"], name="register_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.unit.short_name}"


class Counter(models.Model):
    """The last number given in a register for one period (a year, or a committee's term).

    One row per (register, period), locked while a number is taken: numbers are consecutive,
    never repeated and never skipped, whatever the number of clerks registering at once.
    """

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="counters")
    period = models.CharField(_("period"), max_length=20)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")
        constraints = [
            models.UniqueConstraint(fields=["register", "period"], name="counter_once_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.register} {self.period}: {self.last}"


class PrintFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "xlsx"


class PrintStatus(models.TextChoices):
    QUEUED = "queued", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class BookPrint(models.Model):
    """A register book asked for as a file too long to make while the person waits (a year of
    a city office's register is ten thousand lines: minutes of PDF), made by a worker
    (``registers.prints``) and kept a few days for its requester to download.

    The book is made as the requester may see it when it is made (``clearance``), and given
    back only to them, while they still print the unit's books and are cleared as far."""

    requested_by = models.ForeignKey(
        "org.User", verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    # registers.books.BookKind: the incoming register, its tracking sheet, the outgoing register
    kind = models.CharField(_("book"), max_length=10)
    register = models.ForeignKey(
        Register,
        verbose_name=_("register"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    fmt = models.CharField(_("format"), max_length=4, choices=PrintFormat.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=PrintStatus.choices, default=PrintStatus.QUEUED
    )
    lines = models.PositiveIntegerField(_("lines"), null=True, blank=True)
    clearance = models.PositiveSmallIntegerField(null=True, blank=True)
    storage_name = models.CharField(max_length=255, blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("register book print")
        verbose_name_plural = _("register book prints")
        indexes = [
            models.Index(
                fields=["requested_by", "unit", "-requested_at"], name="bookprint_of_person"
            ),
            models.Index(fields=["requested_at"], name="bookprint_by_age"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}–{self.end} {self.fmt} ({self.status})"
