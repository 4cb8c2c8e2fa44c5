"""Registers (sổ) and the counters that number them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
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
