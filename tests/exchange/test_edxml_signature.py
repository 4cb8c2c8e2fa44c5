"""Enveloped XML-DSig signatures over whole packages: made, checked, and refused when bad."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from lxml import etree

from tests.exchange.keys import Identity, make_identity
from vanphong.exchange import edxml
from vanphong.exchange.edxml import DSIG_NAMESPACE, EdxmlError

SAMPLES = Path(__file__).parent / "samples"
SIGNATURE = "edXML/edXMLEnvelope/edXMLHeader/Signature"


@pytest.fixture(scope="module")
def badinh() -> Identity:
    return make_identity("Văn phòng Quận ủy Ba Đình", "000.01.00.H26")


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    pkg = edxml.decode_package((SAMPLES / "lgsp_default_ns.edxml").read_bytes())
    return edxml.encode_package(pkg)


@pytest.fixture(scope="module")
def signed(unsigned: bytes, badinh: Identity) -> bytes:
    return edxml.sign_package(
        unsigned, private_key=badinh.private_key, certificate=badinh.certificate
    )


def test_a_signed_package_decodes_to_the_same_package_with_its_signer(
    unsigned: bytes, signed: bytes, badinh: Identity
) -> None:
    pkg = edxml.decode_package(signed)
    assert pkg == edxml.decode_package(unsigned)
    assert pkg.signature is not None
    assert pkg.signature.certificate == badinh.certificate_der
    assert pkg.signature.subject == "CN=Văn phòng Quận ủy Ba Đình,O=000.01.00.H26,C=VN"
    assert pkg.signature.signature_method == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    assert edxml.verify_package_signature(signed) == pkg.signature
    assert edxml.verify_package_signature(unsigned) is None
    assert edxml.decode_package(unsigned).signature is None


def test_the_signature_is_enveloped_in_the_header_with_the_certificate(signed: bytes) -> None:
    root = etree.fromstring(signed)
    ns = {"ds": DSIG_NAMESPACE, "e": edxml.NAMESPACE}
    (signature,) = root.findall("e:edXMLEnvelope/e:edXMLHeader/ds:Signature", ns)
    assert etree.QName(signature.getprevious()).localname == "TraceHeaderList"
    assert signature.find("ds:SignedInfo/ds:Reference", ns).get("URI") == ""
    transforms = [
        t.get("Algorithm")
        for t in signature.findall("ds:SignedInfo/ds:Reference/ds:Transforms/ds:Transform", ns)
    ]
    assert transforms == [
        "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    ]
    assert signature.findtext("ds:KeyInfo/ds:X509Data/ds:X509Certificate", namespaces=ns)
    assert signed.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<edXML')


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Báo cáo kết quả thực hiện", "Báo cáo sửa đổi"),  # the subject
        (  # the recipient
            "<edXML:OrganId>000.00.00.H26</edXML:OrganId>",
            "<edXML:OrganId>000.02.00.H26</edXML:OrganId>",
        ),
        ("QmFvIGNhbyBzbyAxMi9CQy1RVQ==", "QmFvIGNhbyBzbyAxMy9CQy1RVQ=="),  # the attachment
        ("<edXML:Priority>3</edXML:Priority>", "<edXML:Priority>0</edXML:Priority>"),
    ],
)
def test_any_change_after_signing_is_refused(signed: bytes, old: str, new: str) -> None:
    changed = signed.replace(old.encode(), new.encode(), 1)
    assert changed != signed
    with pytest.raises(EdxmlError) as caught:
        edxml.decode_package(changed)
    assert caught.value.path == SIGNATURE
    assert caught.value.reason.startswith("signature does not verify")
    # Reading back a package already verified on receipt can skip the check.
    assert edxml.decode_package(changed, verify_signature=False).signature is None


def test_a_signature_made_by_another_product_is_verified() -> None:
    """Exclusive C14N, the signature at the end of the document instead of in the header."""
    pkg = edxml.decode_package((SAMPLES / "signed_by_other_product.edxml").read_bytes())
    assert pkg.signature is not None
    assert pkg.signature.subject == "CN=Văn phòng Chính phủ,O=000.00.00.G22,C=VN"
    assert pkg == edxml.decode_package((SAMPLES / "vpcp_prefixed.edxml").read_bytes())


def test_the_checked_in_signed_sample_still_verifies() -> None:
    pkg = edxml.decode_package((SAMPLES / "signed.edxml").read_bytes())
    assert pkg.signature is not None
    assert pkg.signature.issuer == pkg.signature.subject  # self-signed test certificate


def test_an_expired_certificate_is_refused(unsigned: bytes) -> None:
    old = make_identity(
        not_before=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        not_after=dt.datetime(2021, 1, 1, tzinfo=dt.UTC),
    )
    signed = edxml.sign_package(unsigned, private_key=old.private_key, certificate=old.certificate)
    with pytest.raises(EdxmlError, match=r"signature does not verify: .*certificate has expired"):
        edxml.decode_package(signed)


def test_a_signature_made_with_another_key_is_refused(unsigned: bytes, badinh: Identity) -> None:
    other = make_identity("Kẻ giả mạo", "000.99.00.H26")
    signed = edxml.sign_package(
        unsigned, private_key=other.private_key, certificate=badinh.certificate
    )
    with pytest.raises(EdxmlError, match="signature does not verify"):
        edxml.decode_package(signed)


def test_a_signature_over_part_of_the_package_is_refused(signed: bytes) -> None:
    partial = signed.replace(b'<ds:Reference URI="">', b'<ds:Reference URI="#header">', 1)
    with pytest.raises(EdxmlError) as caught:
        edxml.decode_package(partial)
    assert caught.value.path == f"{SIGNATURE}/SignedInfo/Reference"
    assert "must cover the whole package" in caught.value.reason


def test_a_signature_without_certificate_or_twice_is_refused(signed: bytes) -> None:
    no_cert = re.sub(rb"<ds:KeyInfo>.*</ds:KeyInfo>", b"", signed, flags=re.DOTALL)
    with pytest.raises(EdxmlError) as caught:
        edxml.decode_package(no_cert)
    assert (caught.value.path, caught.value.reason) == (
        f"{SIGNATURE}/KeyInfo/X509Data/X509Certificate",
        "missing",
    )
    block = re.search(rb"<ds:Signature .*</ds:Signature>", signed, flags=re.DOTALL)
    assert block is not None
    twice = signed.replace(block.group(), block.group() * 2)
    with pytest.raises(EdxmlError, match="2 signatures: expected one"):
        edxml.decode_package(twice)


def test_signing_twice_or_signing_a_status_is_refused(signed: bytes, badinh: Identity) -> None:
    with pytest.raises(EdxmlError, match="the package is signed already"):
        edxml.sign_package(signed, private_key=badinh.private_key, certificate=badinh.certificate)
    status = (SAMPLES / "status_bkav.edxml").read_bytes()
    with pytest.raises(EdxmlError, match="only document packages are signed"):
        edxml.sign_package(status, private_key=badinh.private_key, certificate=badinh.certificate)


def test_an_empty_vendor_signature_placeholder_is_not_a_signature() -> None:
    data = (SAMPLES / "lgsp_default_ns.edxml").read_bytes()
    assert b"<edXML:DigitalSignature />" in data
    placeholder = data.replace(b"<edXML:DigitalSignature />", b"<edXML:Signature />")
    assert edxml.decode_package(placeholder).signature is None
