"""Signing keys, trusted authorities, and signing stored PDF files.

Every signature makes a new StoredFile (by content, through the document store) and keeps the
one it was made from: a signed file is never changed in place, and each step of the outgoing
flow (signer, clerk's number, agency) is a file of its own whose hash the audit journal seals.
Passphrases pass through and are never stored or logged.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from cryptography import x509
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanphong.audit.services import audit_append
from vanphong.core.errors import Conflict, DomainError, Forbidden, InvalidInput, Unavailable
from vanphong.documents.models import StoredFile, TextStatus
from vanphong.documents.storage import file_store, spool
from vanphong.org.models import Unit, User
from vanphong.org.roles import Capability
from vanphong.signing import ca, images, pdf
from vanphong.signing.errors import Refused
from vanphong.signing.models import Keystore, KeystoreKind, TrustAnchor
from vanphong.signing.selectors import trust_roots

if TYPE_CHECKING:
    from vanphong.signing.pdf import Box, SignatureReport

DEMO_PASSPHRASE = "vanphong-demo"  # noqa: S105 - published demo credential (DESIGN.md §6)
DEMO_CA_NAME = "CA thử nghiệm vanphong (không dùng thật)"
DEMO_SEED = b"vanphong-demo"
# Fixed dates: the demo CA and its certificates are then the same on every demo instance.
DEMO_NOT_BEFORE = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
DEMO_NOT_AFTER = dt.datetime(2045, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
DEMO_PLACE = "Hà Nội"
DEMO_KDF_ROUNDS = 2048

CONFLICTS = frozenset(
    {
        "already_signed",
        "agency_already_signed",
        "changes_forbidden",
        "not_numbered",
        "no_issue_fields",
        "no_agency_field",
    }
)


def refusal_message(code: str, **params: Any) -> str:
    """What to tell the user when a key, a certificate or a PDF is refused, by its code."""
    messages = {
        "wrong_passphrase": _("The passphrase is wrong: the key file cannot be opened."),
        "passphrase_required": _("Enter the passphrase of the key file."),
        "not_a_keystore": _("This is not a key file (PKCS#12: .p12 or .pfx)."),
        "keystore_incomplete": _("The key file holds no private key or no certificate."),
        "keystore_mismatch": _("The certificate in the key file does not belong to its key."),
        "unsupported_key": _("The key in this key file is of a kind that cannot sign here."),
        "certificate_expired": _(
            "The certificate has expired: ask the certificate authority for a new one."
        ),
        "certificate_not_yet_valid": _("The certificate is not valid yet."),
        "certificate_usage": _("This certificate is not meant for signing documents."),
        "not_a_certificate": _("This is not a certificate (PEM or DER)."),
        "not_a_ca": _("This is not a certificate authority's certificate."),
        "encrypted_pdf": _("The PDF is protected by a password and cannot be signed."),
        "corrupt_pdf": _("The PDF is damaged and cannot be read."),
        "empty_pdf": _("The PDF has no pages."),
        "not_pdf": _("Only PDF files can be signed."),
        "no_such_page": _("The PDF has no page %(page)s.") % {"page": params.get("page", "?")},
        "bad_image": _(
            "The signature or seal image cannot be read: use a PNG with a transparent background."
        ),
        "already_signed": _(
            "The document is already signed: the signer's signature must be the first one."
        ),
        "agency_already_signed": _("The agency has already signed this document."),
        "changes_forbidden": _("A signature on this document forbids any further change."),
        "no_issue_fields": _(
            "The signed document has no fields for the number and date of issue: "
            "it was not signed in this system."
        ),
        "issue_value_required": _("Enter both the number and symbol and the date of issue."),
        "not_numbered": _(
            "Number the document (number, symbol and date of issue) before the agency signs it."
        ),
        "no_agency_field": _(
            "The signed document has no place for the agency's signature: "
            "it was not signed in this system."
        ),
        "signing_failed": _("The document could not be signed."),
        "font_missing": _(
            "The fonts for signature stamps are not installed on this server (fonts-dejavu-core)."
        ),
    }
    return str(messages.get(code, _("The signature cannot be made.")))


def domain_error(refusal: Refused) -> DomainError:
    """The DomainError (with a translated message) for a refusal of the pure modules."""
    message = refusal_message(refusal.code, **refusal.params)
    if refusal.code == "font_missing":
        return Unavailable(message, code=refusal.code)
    if refusal.code in CONFLICTS:
        return Conflict(message, code=refusal.code)
    return InvalidInput(message, code=refusal.code)


@contextmanager
def refusals_as_domain_errors() -> Iterator[None]:
    try:
        yield
    except Refused as refusal:
        raise domain_error(refusal) from None


def _owner_fields(owner: User | Unit) -> dict[str, Any]:
    if isinstance(owner, User):
        return {"kind": KeystoreKind.PERSONAL, "user": owner, "unit": None}
    return {"kind": KeystoreKind.AGENCY, "user": None, "unit": owner}


def _check_may_manage_keys(by: User | None, owner: User | Unit) -> None:
    """A person adds their own key; an administrator adds keys for the units (and the people
    of the units) they administer. ``by=None`` is the system (demo loader, commands)."""
    if by is None or by.is_superuser or by == owner:
        return
    from vanphong.org.selectors import units_administered_by

    administered = units_administered_by(by)
    if isinstance(owner, Unit):
        allowed = administered.filter(pk=owner.pk).exists()
    else:
        allowed = administered.filter(memberships__user=owner).exists()
    if not allowed:
        raise Forbidden(
            _("Only the owner or an administrator may manage this signing key."),
            code="keystore_forbidden",
        )


def _check_image(image: bytes) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(image)) as picture:
            if picture.format != "PNG":
                raise Refused("bad_image")
            picture.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise Refused("bad_image") from None


def _keystore_save(
    *,
    by: User | None,
    owner: User | Unit,
    p12: bytes,
    certificate: x509.Certificate,
    image: bytes,
    action: str,
) -> Keystore:
    """Store the key file as ``owner``'s active keystore; the one it replaces stays, inactive."""
    fields = _owner_fields(owner)
    owner_filter = {"user": owner} if fields["kind"] == KeystoreKind.PERSONAL else {"unit": owner}
    # Lock the owner's row: two imports at once for one owner queue here, and the second
    # replaces the first instead of failing on the one-active-key constraint.
    type(owner).objects.select_for_update().filter(pk=owner.pk).first()
    replaced = list(Keystore.objects.select_for_update().filter(is_active=True, **owner_filter))
    for old in replaced:
        old.is_active = False
        old.save(update_fields=["is_active"])
    info = ca.certificate_info(certificate)
    keystore = Keystore.objects.create(
        pkcs12=p12,
        image=image,
        subject=info.subject[:500],
        common_name=info.common_name[:255],
        serial=info.serial[:64],
        issuer=info.issuer[:500],
        not_before=info.not_before,
        not_after=info.not_after,
        fingerprint=info.fingerprint,
        created_by=by,
        **fields,
    )
    audit_append(
        action=action,
        actor=by,
        unit=owner if isinstance(owner, Unit) else None,
        obj=keystore,
        before={"replaced": [k.pk for k in replaced]} if replaced else None,
        after={
            "kind": keystore.kind,
            "owner": str(owner),
            "subject": keystore.subject,
            "serial": keystore.serial,
            "issuer": keystore.issuer,
            "not_after": keystore.not_after.isoformat(),
            "fingerprint": keystore.fingerprint,
        },
    )
    return keystore


@transaction.atomic
def keystore_import(
    *, by: User | None, owner: User | Unit, p12: bytes, passphrase: str, image: bytes
) -> Keystore:
    """Store a person's or an agency's key file (PKCS#12) with its signature or seal image.

    The passphrase must open the file and the certificate must be able to sign now; it is then
    forgotten. The owner's previous key, if any, stays in history but is no longer used.
    """
    _check_may_manage_keys(by, owner)
    with refusals_as_domain_errors():
        credential = ca.from_pkcs12(p12, passphrase)
        ca.check_signing_certificate(credential.certificate, at=timezone.now())
        _check_image(image)
    return _keystore_save(
        by=by,
        owner=owner,
        p12=p12,
        certificate=credential.certificate,
        image=image,
        action="keystore.import",
    )


@transaction.atomic
def keystore_revoke(*, by: User | None, keystore: Keystore) -> Keystore:
    """Withdraw a key (lost, compromised, person left): it can no longer sign here."""
    owner = keystore.user or keystore.unit
    if owner is None:  # pragma: no cover - a check constraint makes one of them set
        raise RuntimeError(f"keystore {keystore.pk} has no owner")
    _check_may_manage_keys(by, owner)
    keystore = Keystore.objects.select_for_update().get(pk=keystore.pk)
    if keystore.revoked_at is not None:
        return keystore
    keystore.is_active = False
    keystore.revoked_at = timezone.now()
    keystore.revoked_by = by
    keystore.save(update_fields=["is_active", "revoked_at", "revoked_by"])
    audit_append(
        action="keystore.revoke",
        actor=by,
        unit=keystore.unit,
        obj=keystore,
        after={"serial": keystore.serial, "revoked_at": keystore.revoked_at.isoformat()},
    )
    return keystore


def demo_ca() -> ca.Credential:
    """The demonstration CA: derived from a published seed, the same on every demo instance.

    Its private key is public knowledge by construction: it must never be trusted outside a
    demonstration (its name says so).
    """
    return ca.create_root_ca(
        name=DEMO_CA_NAME,
        organization="vanphong",
        not_before=DEMO_NOT_BEFORE,
        not_after=DEMO_NOT_AFTER,
        seed=DEMO_SEED,
    )


@transaction.atomic
def keystore_create_demo(
    *,
    by: User | None,
    owner: User | Unit,
    issuer: ca.Credential,
    passphrase: str = DEMO_PASSPHRASE,
    position: str = "",
    organization: str = "",
) -> Keystore:
    """A demo key for ``owner``, certified by ``issuer``, with a generated signature (person)
    or seal (agency) image. Keys derive from the owner's user name or unit slug, so a demo
    loaded twice, or on two instances, gives the same certificates."""
    _check_may_manage_keys(by, owner)
    seed = (
        DEMO_SEED
        + b"/"
        + (f"user:{owner.username}" if isinstance(owner, User) else f"unit:{owner.slug}").encode(
            "utf-8"
        )
    )
    with refusals_as_domain_errors():
        if isinstance(owner, User):
            name = owner.get_full_name()
            credential = ca.issue_person(
                issuer,
                full_name=name,
                title=position,
                organization=organization,
                locality=DEMO_PLACE,
                email=owner.email,
                not_before=DEMO_NOT_BEFORE,
                not_after=DEMO_NOT_AFTER,
                seed=seed,
            )
            image = images.signature_png(name)
        else:
            parent = owner.parent.full_name if owner.parent is not None else ""
            credential = ca.issue_agency(
                issuer,
                name=owner.full_name,
                parent=parent,
                locality=DEMO_PLACE,
                email=owner.email,
                not_before=DEMO_NOT_BEFORE,
                not_after=DEMO_NOT_AFTER,
                seed=seed,
            )
            image = images.seal_png(owner.full_name, place=DEMO_PLACE)
        # The demo passphrase is published: slow key derivation would protect nothing.
        p12 = ca.to_pkcs12(credential, passphrase, kdf_rounds=DEMO_KDF_ROUNDS)
    return _keystore_save(
        by=by,
        owner=owner,
        p12=p12,
        certificate=credential.certificate,
        image=image,
        action="keystore.create_demo",
    )


@transaction.atomic
def trust_anchor_add(*, by: User | None, pem: bytes | str, name: str = "") -> TrustAnchor:
    """Trust a CA certificate for verifying signatures (the government CA, a test CA).

    Adding one already there does nothing (or makes it active again).
    """
    data = pem.encode("ascii") if isinstance(pem, str) else pem
    with refusals_as_domain_errors():
        certificate = ca.load_certificate(data)
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
        is_ca = constraints.ca
    except x509.ExtensionNotFound:
        is_ca = certificate.issuer == certificate.subject  # an old v1 self-signed root
    if not is_ca:
        raise InvalidInput(refusal_message("not_a_ca"), code="not_a_ca")
    info = ca.certificate_info(certificate)
    existing = TrustAnchor.objects.select_for_update().filter(fingerprint=info.fingerprint).first()
    if existing is not None:
        if not existing.is_active:
            existing.is_active = True
            existing.save(update_fields=["is_active"])
            audit_append(
                action="trust_anchor.reactivate", actor=by, obj=existing, after={"active": True}
            )
        return existing
    anchor = TrustAnchor.objects.create(
        name=(name or info.common_name or info.subject)[:255],
        pem=ca.to_pem(certificate),
        subject=info.subject[:500],
        fingerprint=info.fingerprint,
        not_after=info.not_after,
        added_by=by,
    )
    audit_append(
        action="trust_anchor.add",
        actor=by,
        obj=anchor,
        after={"subject": anchor.subject, "fingerprint": anchor.fingerprint},
    )
    return anchor


# ---------------------------------------------------------------------------------------------
# Signing stored files


def _active_keystore(owner: User | Unit) -> Keystore:
    keystore = Keystore.objects.filter(
        is_active=True, **({"user": owner} if isinstance(owner, User) else {"unit": owner})
    ).first()
    if keystore is None:
        raise Conflict(
            _("%(owner)s has no signing key: import one first.") % {"owner": owner},
            code="no_keystore",
        )
    return keystore


def _pdf_bytes(stored_file: StoredFile) -> bytes:
    if stored_file.kind != "pdf":
        raise InvalidInput(refusal_message("not_pdf"), code="not_pdf")
    with default_storage.open(stored_file.storage_name, "rb") as handle:
        return handle.read()  # type: ignore[no-any-return]


def _store(data: bytes, *, name: str) -> StoredFile:
    """The StoredFile for ``data``; its text is extracted after commit like any new file."""
    from vanphong.documents.tasks import extract_file_text

    with spool([data], name=name) as spooled:
        stored = file_store(spooled)
    if stored.text_status == TextStatus.PENDING:
        transaction.on_commit(lambda: extract_file_text.enqueue(file_id=stored.pk))
    return stored


def _check_may_seal(by: User, unit: Unit) -> None:
    """The agency's seal is the clerk's to apply (văn thư: DOMAIN.md §4), in their unit."""
    from vanphong.org.selectors import actings_for

    if any(a.unit.pk == unit.pk and a.can(Capability.ISSUE_OUTGOING) for a in actings_for(by)):
        return
    raise Forbidden(
        _("Only a clerk of %(unit)s may sign with its seal.") % {"unit": unit},
        code="seal_forbidden",
    )


@transaction.atomic
def document_sign_personal(
    *,
    by: User,
    stored_file: StoredFile,
    passphrase: str,
    position: str = "",
    name: str = "",
    when: dt.datetime | None = None,
    page: int | None = None,
    box: Box | None = None,
) -> StoredFile:
    """The signer's own signature on the final PDF, as a new stored file (the original kept).

    Certifies the document with permission to fill in forms and sign (DocMDP 2), so the
    clerk's number and date and the agency's seal do not break it (DOMAIN.md §4, §6).
    """
    keystore = _active_keystore(by)
    data = _pdf_bytes(stored_file)
    when = when or timezone.now()
    name = name or by.get_full_name()
    with refusals_as_domain_errors():
        signed = pdf.sign_personal(
            data,
            bytes(keystore.pkcs12),
            passphrase,
            name=name,
            position=position,
            image=bytes(keystore.image),
            when=when,
            page=page,
            box=box,
        )
    stored = _store(signed, name="signed.pdf")
    audit_append(
        action="file.sign_personal",
        actor=by,
        obj=stored,
        before={"file": stored_file.sha256},
        after={
            "file": stored.sha256,
            "keystore": keystore.pk,
            "serial": keystore.serial,
            "signer": name,
            "signed_at": when.isoformat(),
        },
    )
    return stored


@transaction.atomic
def document_fill_issue_fields(
    *, by: User, stored_file: StoredFile, symbol: str, date_text: str
) -> StoredFile:
    """Stamp the number and symbol and the place and date of issue on the signed PDF (form
    filling, which the signer's certification allows), as a new stored file."""
    data = _pdf_bytes(stored_file)
    with refusals_as_domain_errors():
        filled = pdf.fill_issue_fields(data, symbol=symbol, date_text=date_text)
    stored = _store(filled, name="numbered.pdf")
    audit_append(
        action="file.fill_issue_fields",
        actor=by,
        obj=stored,
        before={"file": stored_file.sha256},
        after={"file": stored.sha256, "symbol": symbol, "date": date_text},
    )
    return stored


@transaction.atomic
def document_sign_agency(
    *,
    by: User,
    stored_file: StoredFile,
    unit: Unit,
    passphrase: str,
    when: dt.datetime | None = None,
    box: Box | None = None,
) -> StoredFile:
    """The agency's signature with its seal over the signer's (or, on a separate attachment,
    at the top right of page 1), as a new stored file. Nothing may change after it."""
    _check_may_seal(by, unit)
    keystore = _active_keystore(unit)
    data = _pdf_bytes(stored_file)
    when = when or timezone.now()
    with refusals_as_domain_errors():
        signed = pdf.sign_agency(
            data,
            bytes(keystore.pkcs12),
            passphrase,
            agency_name=unit.full_name,
            image=bytes(keystore.image),
            when=when,
            box=box,
        )
    stored = _store(signed, name="issued.pdf")
    audit_append(
        action="file.sign_agency",
        actor=by,
        unit=unit,
        obj=stored,
        before={"file": stored_file.sha256},
        after={
            "file": stored.sha256,
            "keystore": keystore.pk,
            "serial": keystore.serial,
            "agency": unit.full_name,
            "signed_at": when.isoformat(),
        },
    )
    return stored


def file_verify(stored_file: StoredFile, *, at: dt.datetime | None = None) -> list[SignatureReport]:
    """Every signature in ``stored_file`` checked against the trusted authorities (none for a
    file that is not a PDF or has no signature). Reads only: nothing is recorded."""
    if stored_file.kind != "pdf":
        return []
    data = _pdf_bytes(stored_file)
    with refusals_as_domain_errors():
        return pdf.verify(data, trust_roots(), at=at)
