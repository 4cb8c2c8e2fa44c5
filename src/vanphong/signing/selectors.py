"""Reading signing keys and trusted authorities, and showing the signatures of a stored file."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _

from vanphong.core.errors import DomainError
from vanphong.documents.models import StoredFile
from vanphong.org.models import Unit, User
from vanphong.signing.models import Keystore, TrustAnchor
from vanphong.signing.pdf import SignatureReport

log = logging.getLogger(__name__)

# Verification takes tens of milliseconds per signature and a file's bytes never change; the
# answer still depends on the trusted roots (in the key) and on the clock (certificates
# expire), hence a short lifetime.
CACHE_SECONDS = 600


def trust_roots() -> list[bytes]:
    """The PEM certificates of the active trusted authorities."""
    return [
        pem.encode("ascii")
        for pem in TrustAnchor.objects.filter(is_active=True).values_list("pem", flat=True)
    ]


def active_keystore(*, user: User | None = None, unit: Unit | None = None) -> Keystore | None:
    """The key ``user`` (personal) or ``unit`` (agency) signs with now, if any."""
    if (user is None) == (unit is None):
        raise ValueError("give exactly one of user and unit")
    owner = {"user": user} if user is not None else {"unit": unit}
    return Keystore.objects.filter(is_active=True, **owner).first()


@dataclass(frozen=True)
class ShownSignature:
    """A signature as the interface shows it; the words in the language of the page."""

    report: SignatureReport

    @property
    def label(self) -> str:
        return status_label(self.report.status)

    @property
    def message(self) -> str:
        return signature_message(self.report)

    @property
    def css(self) -> str:
        return _CSS[self.report.status]


def status_label(status: str) -> str:
    labels = {
        "valid": _("Valid"),
        "invalid": _("Invalid"),
        "untrusted": _("Not trusted"),
        "modified": _("Changed after signing"),
    }
    return str(labels.get(status, status))


def signature_message(report: SignatureReport) -> str:
    """One sentence on what verification found, for the person reading the document."""
    if report.status == "valid":
        if report.modification_level == "form_filling":
            return str(
                _(
                    "Valid. After this signature only form fields (such as the number and date "
                    "of issue) were filled in and other signatures added, which it allows."
                )
            )
        return str(
            _(
                "Valid: the document has not been changed since it was signed, and the "
                "certificate was issued by a trusted authority."
            )
        )
    messages = {
        "digest_mismatch": _(
            "The document has been changed since it was signed: its content no longer "
            "matches the signature."
        ),
        "bad_signature": _("The signature does not match the signer's certificate."),
        "unclear_coverage": _("The signature does not cover the whole document."),
        "illegal_modification": _(
            "The document was changed after signing in a way the signature does not allow."
        ),
        "untrusted_ca": _(
            "The signer's certificate was not issued by a trusted certificate authority."
        ),
        "certificate_expired": _("The signer's certificate has expired or is not valid yet."),
        "certificate_revoked": _("The signer's certificate has been revoked."),
        "certificate_usage": _("The signer's certificate is not meant for signing documents."),
        "weak_algorithm": _("The signature uses an algorithm no longer considered safe."),
        "malformed": _("The signature is damaged and cannot be read."),
        "unsupported_format": _("The signature is in a format that cannot be checked here."),
    }
    return str(messages.get(report.problem, _("The signature is not valid.")))


_CSS = {
    "valid": "badge badge-signature-valid",
    "untrusted": "badge badge-near-due badge-signature-untrusted",
    "invalid": "badge badge-overdue badge-signature-invalid",
    "modified": "badge badge-overdue badge-signature-modified",
}


def _roots_key(roots: list[bytes]) -> str:
    return hashlib.sha256(b"".join(sorted(roots))).hexdigest()[:16]


def stored_file_signatures(stored_file: StoredFile) -> list[ShownSignature]:
    """The signatures of ``stored_file`` verified against the trusted authorities, ready to
    show (empty for an unsigned file or one that is not a PDF).

    A PDF that cannot be read shows no signature here: the intake refuses such files.
    """
    from vanphong.signing.services import file_verify

    if stored_file.kind != "pdf":
        return []
    key = f"signing:verify:v1:{stored_file.sha256}:{_roots_key(trust_roots())}"
    reports: list[SignatureReport] | None = cache.get(key)
    if reports is None:
        try:
            reports = file_verify(stored_file)
        except DomainError as error:
            log.info("cannot verify %s: %s", stored_file.sha256, error.detail)
            reports = []
        except Exception:
            log.exception("cannot verify the signatures of %s", stored_file.sha256)
            reports = []
        cache.set(key, reports, CACHE_SECONDS)
    return [ShownSignature(report) for report in reports]
