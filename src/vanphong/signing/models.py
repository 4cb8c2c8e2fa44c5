"""Signing keys of people and agencies, and the certificate authorities trusted to verify."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class KeystoreKind(models.TextChoices):
    PERSONAL = "personal", _("Personal signature")
    AGENCY = "agency", _("Agency signature")


class Keystore(models.Model):
    """A signing key in its PKCS#12 file, owned by a person (personal) or a unit (agency).

    The file stays encrypted under its passphrase, which is never stored: the signer types it
    at each signature. The file is kept in the database, not in the document store: it is a
    few kilobytes, belongs with this row (backed up, restored and revoked together, in one
    transaction), and must never be reachable through a file URL or an object-store bucket
    shared with documents. What the certificate says is copied out for display and search.
    At most one keystore per owner is active; a replaced or revoked one is kept for history.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=KeystoreKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="keystores",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="keystores",
    )
    pkcs12 = models.BinaryField(_("key file (PKCS#12)"), editable=False)
    subject = models.CharField(_("certificate subject"), max_length=500)
    common_name = models.CharField(_("name in the certificate"), max_length=255)
    serial = models.CharField(_("serial number"), max_length=64)
    issuer = models.CharField(_("issued by"), max_length=500)
    not_before = models.DateTimeField(_("valid from"))
    not_after = models.DateTimeField(_("valid until"))
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64, db_index=True)
    image = models.BinaryField(
        _("image"),
        editable=False,
        help_text=_("Handwritten signature (blue) or seal (red), transparent PNG."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="personal", user__isnull=False, unit__isnull=True)
                    | Q(kind="agency", user__isnull=True, unit__isnull=False)
                ),
                name="keystore_owner_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(is_active=False) | Q(revoked_at__isnull=True),
                name="keystore_revoked_is_inactive",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(is_active=True), name="keystore_one_active_per_person"
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(is_active=True), name="keystore_one_active_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.common_name} ({self.get_kind_display()}, {self.serial[:16]})"

    @property
    def owner(self) -> object:
        return self.user if self.kind == KeystoreKind.PERSONAL else self.unit


class TrustAnchor(models.Model):
    """A CA certificate whose chain makes a signature trusted (the government CA, a test CA)."""

    name = models.CharField(_("name"), max_length=255)
    pem = models.TextField(_("certificate (PEM)"))
    subject = models.CharField(_("certificate subject"), max_length=500)
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64, unique=True)
    not_after = models.DateTimeField(_("valid until"))
    is_active = models.BooleanField(_("active"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("trusted certificate authority")
        verbose_name_plural = _("trusted certificate authorities")

    def __str__(self) -> str:
        return self.name
