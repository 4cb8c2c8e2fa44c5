"""Directions (bút phê) and assignments: who must do what about a document, by when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Direction(models.Model):
    """A leader's written direction on a document: their opinion and the instructions."""

    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="directions"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("direction"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at"]
        verbose_name = _("direction")
        verbose_name_plural = _("directions")

    def __str__(self) -> str:
        return self.text[:80]


class AssignmentKind(models.TextChoices):
    LEAD = "lead", _("Lead")  # chủ trì
    COOPERATE = "cooperate", _("Co-operate")  # phối hợp
    INFORM = "inform", _("For information")  # để biết


class AssignmentStatus(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    RETURNED = "returned", _("Returned")
    HANDED_OVER = "handed_over", _("Handed over")
    READ = "read", _("Read")


OPEN_ASSIGNMENT = (AssignmentStatus.NEW, AssignmentStatus.ACCEPTED, AssignmentStatus.IN_PROGRESS)


class Assignment(models.Model):
    """One person's or one unit's part in the work on a document."""

    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="assignments"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit where the work is done"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    direction = models.ForeignKey(
        Direction, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    kind = models.CharField(_("role in the work"), max_length=10, choices=AssignmentKind.choices)
    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    assignee_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.NEW,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    result = models.TextField(_("result"), blank=True)
    reply_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handed_over_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "created_at"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=(Q(assignee_user__isnull=False) & Q(assignee_unit__isnull=True))
                | (Q(assignee_user__isnull=True) & Q(assignee_unit__isnull=False)),
                name="assignment_one_assignee",
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="assignment_progress"
            ),
        ]
        indexes = [
            models.Index(fields=["assignee_user", "status", "deadline"]),
            models.Index(fields=["assignee_unit", "status", "deadline"]),
        ]

    def __str__(self) -> str:
        who = self.assignee_user or self.assignee_unit
        return f"{self.get_kind_display()}: {who}"
