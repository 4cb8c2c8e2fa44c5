"""A signed PDF that arrives is checked, and the clerk sees who signed and whether it holds."""

from __future__ import annotations

from django.core.cache import cache

from tests.factories import upload
from tests.incoming.test_views import client_for, get
from vanphong.documents.storage import spool_upload
from vanphong.incoming.services import incoming_receive
from vanphong.signing.pdf import sign_personal
from vanphong.signing.services import trust_anchor_add

from .conftest import PASSPHRASE, SIGNED_AT, draft_pdf


def receive(network, content):
    with spool_upload(upload("chi-thi-da-ky.pdf", content)) as spooled:
        return incoming_receive(
            by=network.user("vanthu.badinh"), unit=network.badinh, files=[spooled]
        )


def signatures_on_page(network, incoming):
    page = get(client_for(network.user("vanthu.badinh")), f"/incoming/{incoming.pk}/")
    section = page.get("signatures")
    return [(li.attrs["data-field"], li.attrs["data-status"]) for li in section.find_all("li")]


def test_the_issued_document_shows_both_signatures_valid(network, pki, flow):
    cache.clear()
    trust_anchor_add(by=None, pem=pki.root_pem, name="CA thử nghiệm")
    incoming = receive(network, flow.issued)
    statuses = dict(signatures_on_page(network, incoming))
    assert set(statuses.values()) == {"valid"}
    assert len(statuses) == 2


def test_a_signature_from_an_unknown_authority_is_shown_untrusted(network, pki):
    cache.clear()
    trust_anchor_add(by=None, pem=pki.root_pem, name="CA thử nghiệm")
    stranger = sign_personal(
        draft_pdf(signer="Người Lạ"),
        pki.stranger_p12,
        PASSPHRASE,
        name="Người Lạ",
        position="BÍ THƯ",
        image=pki.signature,
        when=SIGNED_AT,
    )
    incoming = receive(network, stranger)
    assert [status for _field, status in signatures_on_page(network, incoming)] == ["untrusted"]
