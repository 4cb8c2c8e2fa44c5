"""Test CAs, certificates and PKCS#12 key files."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.signing.conftest import NOT_AFTER, NOT_BEFORE, PASSPHRASE, SIGNER, Pki
from vanphong.signing import ca
from vanphong.signing.errors import Refused, WrongPassphrase


def test_person_certificate_names_the_signer_in_vietnamese_and_is_for_signing(pki: Pki):
    cert = pki.person.certificate
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == SIGNER
    assert cert.subject.get_attributes_for_oid(NameOID.TITLE)[0].value == "Bí thư Thành ủy"
    assert cert.issuer == pki.root.certificate.subject
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert usage.content_commitment  # nonRepudiation
    assert not usage.key_cert_sign
    ekus = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ca.DOCUMENT_SIGNING in ekus
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in ekus
    root_constraints = pki.root.certificate.extensions.get_extension_for_class(
        x509.BasicConstraints
    ).value
    assert root_constraints.ca
    assert root_constraints.path_length == 0
    info = ca.certificate_info(cert)
    assert info.common_name == SIGNER
    assert info.subject.startswith(f"CN={SIGNER},T=Bí thư Thành ủy")
    assert info.not_after == NOT_AFTER


def test_pkcs12_round_trip_keeps_key_certificate_and_chain(pki: Pki):
    opened = ca.from_pkcs12(pki.person_p12, PASSPHRASE)
    assert opened.certificate == pki.person.certificate
    assert opened.chain == (pki.root.certificate,)
    assert (
        ca.certificate_info(opened.certificate).fingerprint
        == ca.certificate_info(pki.person.certificate).fingerprint
    )


def test_rsa_keys_round_trip_too(pki: Pki):
    credential = ca.issue_person(
        pki.root,
        full_name="Trần Thị Bình",
        organization="Quận ủy Ba Đình",
        not_before=NOT_BEFORE,
        not_after=NOT_AFTER,
        algorithm="rsa",
    )
    opened = ca.from_pkcs12(ca.to_pkcs12(credential, "pw"), "pw")
    assert opened.key.key_size == 2048  # type: ignore[union-attr]


def test_wrong_passphrase_is_told_apart_from_a_file_that_is_no_key(pki: Pki):
    with pytest.raises(WrongPassphrase) as wrong:
        ca.from_pkcs12(pki.person_p12, "mật-khẩu sai")
    assert wrong.value.code == "wrong_passphrase"
    with pytest.raises(Refused) as garbage:
        ca.from_pkcs12(b"%PDF-1.7 not a key file at all", PASSPHRASE)
    assert garbage.value.code == "not_a_keystore"
    with pytest.raises(Refused) as empty:
        ca.to_pkcs12(pki.person, "")
    assert empty.value.code == "passphrase_required"


def test_seeded_ca_is_the_same_on_every_run_and_random_ones_differ():
    def make(seed: bytes | None) -> x509.Certificate:
        return ca.create_root_ca(
            name="CA", not_before=NOT_BEFORE, not_after=NOT_AFTER, seed=seed
        ).certificate

    assert make(b"demo") == make(b"demo")
    assert make(b"demo") != make(b"other")
    assert make(None) != make(None)


def test_expired_or_future_certificates_cannot_sign(pki: Pki):
    cert = pki.person.certificate
    ca.check_signing_certificate(cert, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(Refused, match="expired"):
        ca.check_signing_certificate(cert, at=dt.datetime(2041, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(Refused) as early:
        ca.check_signing_certificate(cert, at=dt.datetime(2019, 1, 1, tzinfo=dt.UTC))
    assert early.value.code == "certificate_not_yet_valid"


def test_certificates_load_from_pem_or_der_and_nothing_else(pki: Pki):
    from cryptography.hazmat.primitives.serialization import Encoding

    pem = pki.root_pem.encode()
    der = pki.root.certificate.public_bytes(Encoding.DER)
    assert ca.load_certificate(pem) == ca.load_certificate(der) == pki.root.certificate
    with pytest.raises(Refused) as bad:
        ca.load_certificate(b"hello")
    assert bad.value.code == "not_a_certificate"
