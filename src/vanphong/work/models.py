"""Directions (bút phê) and assignments: who must do what about a document, by when."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Direction(models.Model):
    """A leader's written direction (bút phê) on a document: their opinion and the instructions."""

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
    HANDED_OVER = "handed_over", _("Handed over")  # chuyển giao
    READ = "read", _("Read")  # đã xem (để biết)
    WITHDRAWN = "withdrawn", _("Withdrawn by the leader")  # thu hồi khi phân công lại


OPEN_ASSIGNMENT = (AssignmentStatus.NEW, AssignmentStatus.ACCEPTED, AssignmentStatus.IN_PROGRESS)
CLOSED_ASSIGNMENT = (
    AssignmentStatus.DONE,
    AssignmentStatus.RETURNED,
    AssignmentStatus.HANDED_OVER,
    AssignmentStatus.READ,
    AssignmentStatus.WITHDRAWN,
)


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
    # The document's own unit, kept with its work so that lists of a person's work can tell
    # the work on their units' documents from the rest from the assignee indexes alone (work
    # on a document of a unit one sees whole is listed with that unit's documents). A copy of
    # ``document.unit``, which never changes once the document exists; set when work is given.
    document_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit of the document"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
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
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the work was returned or withdrawn.")
    )
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
            # Exactly one person or unit leads (chủ trì) the work on a document at a time.
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(kind="lead", status__in=["new", "accepted", "in_progress"]),
                name="assignment_one_open_lead",
            ),
        ]
        # Work is given to a person or to a unit, never both, so each inbox index holds only
        # the rows it answers for. SQLite's statistics count NULL as one value: a full index on
        # the (mostly NULL) unit column looked useless to its planner, and every inbox scanned
        # all the assignments of the archive instead. The status comes second: an inbox reads
        # its open work and only counts so far into its done work. The person's index holds
        # the unit, so that the done work of one role (``unit``) is listed from the index
        # alone when the inbox walks it newest first. Both end with the document: what a
        # person may see through their work (``incoming_visible_branches``) is then a list
        # read from the index alone, not one row of the table per piece of work; then the
        # document's unit, so that the list leaves out, still from the index alone, the work
        # on documents of units the person sees whole; and the id, which the done work's ids
        # are read as (SQLite's indexes hold it anyway; PostgreSQL read 2,300 table pages for
        # a leader's 3,200 done ids without it).
        indexes = [
            models.Index(
                fields=[
                    "assignee_user",
                    "status",
                    "deadline",
                    "unit",
                    "document",
                    "document_unit",
                    "id",
                ],
                condition=Q(assignee_user__isnull=False),
                name="assignment_user_inbox",
            ),
            models.Index(
                fields=["assignee_unit", "status", "deadline", "document", "document_unit", "id"],
                condition=Q(assignee_unit__isnull=False),
                name="assignment_unit_inbox",
            ),
            # The follow-up of a unit's work: its open work, and its done ids from the index.
            models.Index(fields=["unit", "status"], name="assignment_unit_work"),
        ]

    def __str__(self) -> str:
        who = self.assignee_user or self.assignee_unit
        return f"{self.get_kind_display()}: {who}"


class WorkRules(models.Model):
    """A unit's deadline rules (from its quy chế làm việc): working days allowed per urgency,
    and how many working days before the deadline work counts as near due.

    A unit without rules follows the nearest unit above it that has some, else the defaults
    of ``vanphong.work.deadlines``.
    """

    unit = models.OneToOneField(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="work_rules"
    )
    # Vietnamese: "Hỏa tốc", "Thượng khẩn", "Khẩn", "Thường" (độ khẩn), in working days.
    days_hoa_toc = models.PositiveSmallIntegerField(
        _("working days for immediate documents"),
        default=0,
        help_text=_("0 means the same working day."),
    )
    days_thuong_khan = models.PositiveSmallIntegerField(
        _("working days for very urgent documents"), default=1
    )
    days_khan = models.PositiveSmallIntegerField(_("working days for urgent documents"), default=2)
    days_thuong = models.PositiveSmallIntegerField(
        _("working days for ordinary documents"), default=7
    )
    near_due_days = models.PositiveSmallIntegerField(
        _("near due within (working days)"),
        default=2,
        help_text=_("Work due within this many working days is highlighted as near due."),
    )
    same_day_until = models.TimeField(
        _("same-day work until"),
        default=dt.time(16, 0),
        help_text=_("Work given later than this starts counting on the next working day."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("deadline rules")
        verbose_name_plural = _("deadline rules")
        constraints = [
            models.CheckConstraint(condition=Q(near_due_days__lte=20), name="workrules_near_due"),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name}: {self.unit}"


class Holiday(models.Model):
    """A public holiday off work, or (``working``) a weekend day worked in exchange for a
    bridge day off (ngày làm bù). Reference data: the government decides the days each year,
    and administrators keep this table in step with its decision."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    working = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("A Saturday or Sunday worked in exchange for a day off (ngày làm bù)."),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"
