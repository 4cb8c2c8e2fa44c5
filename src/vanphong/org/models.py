"""People, units and who holds which role where, over time."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vanphong.org.roles import Role, Secrecy, UnitKind


class RoleChoices(models.TextChoices):
    VANTHU = Role.VANTHU.value, _("Clerk")
    LANHDAOVP = Role.LANHDAOVP.value, _("Office leader")
    CHUYENVIEN = Role.CHUYENVIEN.value, _("Specialist")
    LANHDAO = Role.LANHDAO.value, _("Leader (signer)")
    QUANTRI = Role.QUANTRI.value, _("Administrator")


class UnitKindChoices(models.TextChoices):
    THANH_UY = UnitKind.THANH_UY.value, _("City Party Committee")
    TINH_UY = UnitKind.TINH_UY.value, _("Provincial Party Committee")
    BAN = UnitKind.BAN.value, _("Committee board")
    VAN_PHONG = UnitKind.VAN_PHONG.value, _("Committee office")
    QUAN_UY = UnitKind.QUAN_UY.value, _("Urban district Party Committee")
    HUYEN_UY = UnitKind.HUYEN_UY.value, _("Rural district Party Committee")
    THI_UY = UnitKind.THI_UY.value, _("Town Party Committee")
    DANG_UY_PHUONG = UnitKind.DANG_UY_PHUONG.value, _("Ward Party Committee")
    DANG_UY_XA = UnitKind.DANG_UY_XA.value, _("Commune Party Committee")
    DANG_UY = UnitKind.DANG_UY.value, _("Party Committee")
    CO_QUAN = UnitKind.CO_QUAN.value, _("State agency")


class SecrecyChoices(models.IntegerChoices):
    THUONG = Secrecy.THUONG.value, _("Ordinary")
    MAT = Secrecy.MAT.value, _("Secret")
    TOI_MAT = Secrecy.TOI_MAT.value, _("Top secret")
    TUYET_MAT = Secrecy.TUYET_MAT.value, _("Absolutely secret")


class User(AbstractUser):
    """A person who signs in. Names are written whole, Vietnamese style ("Nguyễn Văn An")."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    mobile = models.CharField(_("mobile number"), max_length=20, blank=True)
    clearance = models.PositiveSmallIntegerField(
        _("secrecy clearance"), choices=SecrecyChoices.choices, default=Secrecy.THUONG
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return person_name(self.full_name, self.first_name, self.last_name, self.username)


def person_name(full_name: str, first_name: str, last_name: str, username: str) -> str:
    """How a person is named (``User.get_full_name``), from the fields of a row read as values:
    the whole name, else the first and last names, else the username."""
    return full_name or f"{first_name} {last_name}".strip() or username


class UnitQuerySet(models.QuerySet["Unit"]):
    def active_on(self, day: dt.date) -> UnitQuerySet:
        """Units in existence on ``day`` (valid_to is the last day, inclusive)."""
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class Unit(models.Model):
    """A body of the network: committee, board, office, state agency.

    The row holds the unit's current attributes; ``UnitVersion`` rows hold every earlier state
    with its dates, so a document of 2016 still shows the name and code its issuer had then.
    ``path`` is the chain of ancestor ids ("/1/7/42/"), which makes a subtree one indexed
    prefix query.
    """

    slug = models.SlugField(_("short id"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKindChoices.choices)
    full_name = models.CharField(_("full name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100)
    issuer_code = models.CharField(
        _("issuer code"),
        max_length=20,
        blank=True,
        help_text=_("Used in document symbols, e.g. TU in 15-CT/TU."),
    )
    organ_id = models.CharField(
        _("organisation identifier"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("Mã định danh for electronic exchange, e.g. 000.00.00.H26."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="/")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text=_("Where documents and work for this unit go once it is closed."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path", "sort_order"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def is_active_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent."""
        return [int(p) for p in self.path.strip("/").split("/") if p][:-1]


class UnitVersion(models.Model):
    """The attributes a unit had over one period (valid_to inclusive, open when current)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKindChoices.choices)
    full_name = models.CharField(_("full name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100)
    issuer_code = models.CharField(_("issuer code"), max_length=20, blank=True)
    organ_id = models.CharField(_("organisation identifier"), max_length=20, blank=True)
    parent = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["unit", "valid_from"]
        verbose_name = _("unit version")
        verbose_name_plural = _("unit versions")
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="unitversion_once_a_day"),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(valid_to__isnull=True), name="unitversion_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.valid_from:%d/%m/%Y}–)"


class UnitChange(models.Model):
    """A reorganisation step (create, rename, move, merge, split, close) with its legal basis."""

    class Kind(models.TextChoices):
        CREATE = "create", _("Established")
        RENAME = "rename", _("Renamed")
        MOVE = "move", _("Moved")
        MERGE = "merge", _("Merged")
        SPLIT = "split", _("Split")
        CLOSE = "close", _("Dissolved")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    effective = models.DateField(_("effective from"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    decision = models.CharField(
        _("decision"),
        max_length=200,
        blank=True,
        help_text=_("The decision that ordered the change, e.g. Nghị quyết 1656/NQ-UBTVQH15."),
    )
    sources = models.ManyToManyField(Unit, related_name="changes_out", blank=True)
    targets = models.ManyToManyField(Unit, related_name="changes_in", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-effective", "-id"]
        verbose_name = _("organisational change")
        verbose_name_plural = _("organisational changes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective:%d/%m/%Y}"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active_on(self, day: dt.date) -> MembershipQuerySet:
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class Membership(models.Model):
    """A person holds a role in a unit, with a position title, over a period."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=RoleChoices.choices)
    position = models.CharField(
        _("position"),
        max_length=150,
        blank=True,
        help_text=_("Title as printed, e.g. Chánh Văn phòng, Phó Bí thư."),
    )
    is_primary = models.BooleanField(_("primary"), default=False)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=Q(valid_to__isnull=True),
                name="membership_one_open_per_role",
            ),
        ]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit.short_name}"


class DelegationQuerySet(models.QuerySet["Delegation"]):
    def active_at(self, moment: dt.datetime) -> DelegationQuerySet:
        return self.filter(valid_from__lte=moment, valid_to__gte=moment, revoked_at__isnull=True)


class Delegation(models.Model):
    """Ủy quyền: a person lets another act in one of their roles for a bounded period.

    Written and time-bounded, and not passed on (NĐ 30/2020 on TUQ.): only a role held by one's
    own membership can be delegated.
    """

    grantor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegating person"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=RoleChoices.choices)
    valid_from = models.DateTimeField(_("from"))
    valid_to = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gt=models.F("valid_from")), name="delegation_valid_range"
            ),
            models.CheckConstraint(
                condition=~Q(grantor=models.F("grantee")), name="delegation_not_to_self"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.grantor} → {self.grantee} ({self.get_role_display()}, {self.unit.short_name})"
        )


class Term(models.Model):
    """A committee's term (nhiệm kỳ), from one congress to the next.

    Party documents are numbered from 01 per type per term (Quy định 399-QĐ/TW); a board or
    an office numbers within the term of the committee it serves.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="terms"
    )
    name = models.CharField(_("term"), max_length=50, help_text=_("e.g. XVII, 2020–2025"))
    starts = models.DateField(_("from"))
    ends = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["unit", "starts"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [
            models.UniqueConstraint(fields=["unit", "starts"], name="term_once_per_start"),
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gte=models.F("starts")),
                name="term_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.name}"

    @property
    def period_key(self) -> str:
        """The key its numbers are counted under: the committee and the term's first day."""
        return f"{self.unit_id}:{self.starts.isoformat()}"
