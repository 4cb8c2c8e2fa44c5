"""Certificates for document signing: a test CA, person and agency certificates, PKCS#12 files.
Pure Python (``cryptography``), no Django.

Real keys come from a licensed CA (Ban Cơ yếu Chính phủ for Party and state bodies) as PKCS#12
files protected by a passphrase; this module reads those, and makes look-alikes for the demo and
the tests. Names are Vietnamese in UTF-8 (CN, T, O, L), key usage is digitalSignature +
nonRepudiation, and the extended key usage names document signing (RFC 9336 and Microsoft's)
and e-mail protection, which NSS (poppler's ``pdfsig``) wants for a signing certificate.

With a ``seed`` an EC key, its serial number and (with fixed dates) the certificate itself come
out the same on every run: the demo CA is then the same on every demo instance, so documents
exchanged between demo instances verify as trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from vanphong.signing.errors import Refused, WrongPassphrase

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
Algorithm = Literal["ec", "rsa"]

DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")  # id-kp-documentSigning, RFC 9336
MS_DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.4.1.311.10.3.12")  # what Acrobat also accepts
SIGNING_EKUS = (ExtendedKeyUsageOID.EMAIL_PROTECTION, DOCUMENT_SIGNING, MS_DOCUMENT_SIGNING)
# PBKDF2 rounds for the PKCS#12 files written here: slows down guessing a weak passphrase
# offline, yet opens in about 50 ms at every signature (OpenSSL writes 2048 by default).
PKCS12_KDF_ROUNDS = 100_000
NAME_KEYWORDS = {NameOID.TITLE: "T"}  # rfc4514_string would write 2.5.4.12


@dataclass(frozen=True)
class Credential:
    """A certificate with its private key, and the issuing certificates (nearest first)."""

    certificate: x509.Certificate
    key: PrivateKey
    chain: tuple[x509.Certificate, ...] = ()


@dataclass(frozen=True)
class CertificateInfo:
    """What a certificate says, copied out for display and search."""

    subject: str
    common_name: str
    organization: str
    serial: str  # hexadecimal, upper case, as Windows and Acrobat show it
    issuer: str
    not_before: dt.datetime
    not_after: dt.datetime
    fingerprint: str  # SHA-256 of the DER encoding, hexadecimal


def _attribute(name: x509.Name, oid: ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def certificate_info(certificate: x509.Certificate) -> CertificateInfo:
    return CertificateInfo(
        subject=certificate.subject.rfc4514_string(NAME_KEYWORDS),
        common_name=_attribute(certificate.subject, NameOID.COMMON_NAME),
        organization=_attribute(certificate.subject, NameOID.ORGANIZATION_NAME),
        serial=format(certificate.serial_number, "X"),
        issuer=certificate.issuer.rfc4514_string(NAME_KEYWORDS),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        fingerprint=certificate.fingerprint(hashes.SHA256()).hex(),
    )


def _derived(seed: bytes, purpose: bytes) -> int:
    return int.from_bytes(hashlib.sha256(b"vanphong/" + purpose + b"/" + seed).digest(), "big")


def new_key(algorithm: Algorithm = "ec", *, seed: bytes | None = None) -> PrivateKey:
    """A new signing key: EC P-256 (fast) or RSA 2048 (what Vietnamese public CAs issue)."""
    if algorithm == "rsa":
        if seed is not None:
            raise ValueError("RSA keys cannot be derived from a seed")
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if seed is None:
        return ec.generate_private_key(ec.SECP256R1())
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    return ec.derive_private_key(_derived(seed, b"key") % (order - 1) + 1, ec.SECP256R1())


def _serial(seed: bytes | None) -> int:
    if seed is None:
        return x509.random_serial_number()
    return (_derived(seed, b"serial") >> 97) | 1  # 159 bits, positive, never zero


def _name(
    common_name: str,
    *,
    title: str = "",
    organization: str = "",
    unit: str = "",
    locality: str = "",
    country: str = "VN",
) -> x509.Name:
    parts = [
        (NameOID.COUNTRY_NAME, country),
        (NameOID.LOCALITY_NAME, locality),
        (NameOID.ORGANIZATION_NAME, organization),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, unit),
        (NameOID.TITLE, title),
        (NameOID.COMMON_NAME, common_name),
    ]
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in parts if value])


def _sign(
    builder: x509.CertificateBuilder, key: PrivateKey, *, deterministic: bool
) -> x509.Certificate:
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return builder.sign(key, hashes.SHA256(), ecdsa_deterministic=deterministic)
    return builder.sign(key, hashes.SHA256())


def create_root_ca(
    *,
    name: str,
    organization: str = "",
    not_before: dt.datetime,
    not_after: dt.datetime,
    algorithm: Algorithm = "ec",
    seed: bytes | None = None,
) -> Credential:
    """A self-signed root CA that issues signing certificates (and no sub-CA)."""
    key = new_key(algorithm, seed=seed)
    subject = _name(name, organization=organization)
    public = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(_serial(seed))
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )
    return Credential(_sign(builder, key, deterministic=seed is not None), key)


def _issue(
    ca: Credential,
    subject: x509.Name,
    *,
    email: str,
    not_before: dt.datetime,
    not_after: dt.datetime,
    algorithm: Algorithm,
    seed: bytes | None,
) -> Credential:
    key = new_key(algorithm, seed=seed)
    public = key.public_key()
    issuer_ski = ca.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.certificate.subject)
        .public_key(public)
        .serial_number(_serial(seed))
        .not_valid_before(max(not_before, ca.certificate.not_valid_before_utc))
        .not_valid_after(min(not_after, ca.certificate.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage(list(SIGNING_EKUS)), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(issuer_ski.value),
            critical=False,
        )
    )
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False
        )
    certificate = _sign(builder, ca.key, deterministic=seed is not None)
    return Credential(certificate, key, (ca.certificate, *ca.chain))


def issue_person(
    ca: Credential,
    *,
    full_name: str,
    organization: str,
    title: str = "",
    locality: str = "",
    email: str = "",
    not_before: dt.datetime,
    not_after: dt.datetime,
    algorithm: Algorithm = "ec",
    seed: bytes | None = None,
) -> Credential:
    """A personal signing certificate: CN the person's name, T the position, O the body."""
    subject = _name(full_name, title=title, organization=organization, locality=locality)
    return _issue(
        ca,
        subject,
        email=email,
        not_before=not_before,
        not_after=not_after,
        algorithm=algorithm,
        seed=seed,
    )


def issue_agency(
    ca: Credential,
    *,
    name: str,
    parent: str = "",
    locality: str = "",
    email: str = "",
    not_before: dt.datetime,
    not_after: dt.datetime,
    algorithm: Algorithm = "ec",
    seed: bytes | None = None,
) -> Credential:
    """An agency (organisation) certificate: CN and O the body's name, OU-less."""
    subject = _name(name, organization=parent or name, locality=locality)
    return _issue(
        ca,
        subject,
        email=email,
        not_before=not_before,
        not_after=not_after,
        algorithm=algorithm,
        seed=seed,
    )


def to_pkcs12(
    credential: Credential,
    passphrase: str,
    *,
    friendly_name: str = "",
    kdf_rounds: int = PKCS12_KDF_ROUNDS,
) -> bytes:
    """The PKCS#12 file of ``credential``, encrypted with AES-256 under ``passphrase``."""
    if not passphrase:
        raise Refused("passphrase_required", "a key file needs a passphrase")
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(kdf_rounds)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.encode("utf-8"))
    )
    name = (friendly_name or certificate_info(credential.certificate).common_name).encode("utf-8")
    return pkcs12.serialize_key_and_certificates(
        name, credential.key, credential.certificate, list(credential.chain) or None, encryption
    )


def from_pkcs12(data: bytes, passphrase: str) -> Credential:
    """The key and certificates in a PKCS#12 file.

    Raises WrongPassphrase when the passphrase does not open it, and Refused when it is not a
    PKCS#12 file, holds no key, or its certificate is not that key's.
    """
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        asn1_pkcs12.Pfx.load(data).native  # noqa: B018 - parses the whole structure
    except (ValueError, TypeError, KeyError):
        raise Refused("not_a_keystore", "not a PKCS#12 (.p12, .pfx) file") from None
    try:
        key, certificate, others = pkcs12.load_key_and_certificates(
            data, passphrase.encode("utf-8")
        )
    except ValueError:
        # The structure parsed above: what fails now is the MAC or the decryption.
        raise WrongPassphrase() from None
    if key is None or certificate is None:
        raise Refused("keystore_incomplete", "the key file holds no private key or certificate")
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise Refused("unsupported_key", f"unsupported key type {type(key).__name__}")
    if _public_der(key) != _public_der(certificate):
        raise Refused("keystore_mismatch", "the certificate in the key file is not the key's")
    chain = tuple(c for c in others if c.subject != certificate.subject)
    return Credential(certificate, key, chain)


def _public_der(holder: PrivateKey | x509.Certificate) -> bytes:
    return holder.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def check_signing_certificate(certificate: x509.Certificate, *, at: dt.datetime) -> None:
    """Refuse a certificate that cannot sign documents at ``at`` (expired, wrong key usage)."""
    if at < certificate.not_valid_before_utc:
        raise Refused("certificate_not_yet_valid", "the certificate is not valid yet")
    if at > certificate.not_valid_after_utc:
        raise Refused("certificate_expired", "the certificate has expired")
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise Refused("certificate_usage", "the certificate is not meant for signatures")


def load_certificate(data: bytes) -> x509.Certificate:
    """A certificate from PEM or DER bytes; Refused("not_a_certificate") otherwise."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise Refused("not_a_certificate", "not an X.509 certificate (PEM or DER)") from None


def to_pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
