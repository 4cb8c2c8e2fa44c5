"""Signing identities for the edXML tests, and the script that made the signed samples.

``python -m tests.exchange.keys`` rewrites samples/signed.edxml (signed by vanphong),
samples/signed_by_other_product.edxml (exclusive C14N, the signature at the end of the
document, as other XML-DSig libraries place it) and samples/broken/bad_signature.edxml (a
signed package whose subject was changed afterwards). Their certificate is valid from 2026 to
2125, so the samples keep verifying.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

SAMPLES = Path(__file__).parent / "samples"


@dataclass(frozen=True)
class Identity:
    private_key: bytes  # PEM
    certificate: bytes  # PEM

    @property
    def certificate_der(self) -> bytes:
        cert = x509.load_pem_x509_certificate(self.certificate)
        return cert.public_bytes(serialization.Encoding.DER)


def make_identity(
    common_name: str = "Văn phòng Thành ủy Hà Nội",
    organ_id: str = "000.00.00.H26",
    *,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
) -> Identity:
    """A self-signed RSA-2048 certificate naming the organisation, and its key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organ_id),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - dt.timedelta(days=1))
        .not_valid_after(not_after or now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return Identity(
        private_key=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        certificate=cert.public_bytes(serialization.Encoding.PEM),
    )


def _regenerate() -> None:
    from signxml.algorithms import CanonicalizationMethod
    from signxml.signer import XMLSigner

    from vanphong.exchange.edxml import decode_package, encode_package, sign_package

    validity = {
        "not_before": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        "not_after": dt.datetime(2125, 12, 31, tzinfo=dt.UTC),
    }
    identity = make_identity("Văn phòng Quận ủy Ba Đình", "000.01.00.H26", **validity)
    package = decode_package((SAMPLES / "lgsp_default_ns.edxml").read_bytes())
    signed = sign_package(
        encode_package(package),
        private_key=identity.private_key,
        certificate=identity.certificate,
    )
    (SAMPLES / "signed.edxml").write_bytes(signed)

    subject = "Báo cáo kết quả thực hiện Chỉ thị số 15-CT/TU quý I năm 2026".encode()
    forged = signed.replace(subject, "Báo cáo đã sửa sau khi ký".encode())
    assert forged != signed
    comment = (
        b"<!-- expect: edXML/edXMLEnvelope/edXMLHeader/Signature | signature does not verify -->\n"
    )
    head, _, rest = forged.partition(b"\n")
    (SAMPLES / "broken" / "bad_signature.edxml").write_bytes(head + b"\n" + comment + rest)

    from lxml import etree

    identity = make_identity("Văn phòng Chính phủ", "000.00.00.G22", **validity)
    root = etree.fromstring((SAMPLES / "vpcp_prefixed.edxml").read_bytes())
    other = XMLSigner(c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0)
    signed_root = other.sign(root, key=identity.private_key, cert=identity.certificate.decode())
    (SAMPLES / "signed_by_other_product.edxml").write_bytes(
        etree.tostring(signed_root, xml_declaration=True, encoding="utf-8")
    )


if __name__ == "__main__":
    _regenerate()
