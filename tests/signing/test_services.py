"""Keys, trusted authorities and signing stored files, through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

from tests.signing.conftest import (
    DATE_TEXT,
    PASSPHRASE,
    POSITION,
    SIGNED_AT,
    SYMBOL,
    Flow,
    Pki,
    draft_pdf,
)
from vanphong.audit.models import AuditEvent
from vanphong.audit.selectors import audit_verify_chain
from vanphong.core.errors import Conflict, Forbidden, InvalidInput
from vanphong.documents.models import StoredFile
from vanphong.documents.storage import file_store, spool
from vanphong.signing import pdf
from vanphong.signing.demo import signing_demo_load
from vanphong.signing.models import Keystore, KeystoreKind, TrustAnchor
from vanphong.signing.selectors import active_keystore, stored_file_signatures, trust_roots
from vanphong.signing.services import (
    DEMO_PASSPHRASE,
    demo_ca,
    document_fill_issue_fields,
    document_sign_agency,
    document_sign_personal,
    file_verify,
    keystore_create_demo,
    keystore_import,
    keystore_revoke,
    trust_anchor_add,
)

pytestmark = pytest.mark.django_db


def _stored(data: bytes, name: str = "van-ban.pdf") -> StoredFile:
    with spool([data], name=name) as spooled:
        return file_store(spooled)


@pytest.fixture
def keys(network, pki: Pki) -> dict[str, Keystore]:
    """The test CA trusted; the city's leader and the city itself with keys."""
    trust_anchor_add(by=None, pem=pki.root_pem, name="CA thử nghiệm")
    leader = network.user("lanhdao.thanhuy")
    return {
        "leader": keystore_import(
            by=leader, owner=leader, p12=pki.person_p12, passphrase=PASSPHRASE, image=pki.signature
        ),
        "city": keystore_import(
            by=None, owner=network.city, p12=pki.agency_p12, passphrase=PASSPHRASE, image=pki.seal
        ),
    }


def test_import_checks_the_passphrase_and_never_keeps_it(network, pki: Pki):
    leader = network.user("lanhdao.thanhuy")
    with pytest.raises(InvalidInput) as wrong:
        keystore_import(
            by=leader, owner=leader, p12=pki.person_p12, passphrase="sai", image=pki.signature
        )
    assert wrong.value.code == "wrong_passphrase"
    assert wrong.value.detail == "Sai mật khẩu: không mở được tệp khóa."  # Vietnamese first
    keystore = keystore_import(
        by=leader, owner=leader, p12=pki.person_p12, passphrase=PASSPHRASE, image=pki.signature
    )
    assert keystore.kind == KeystoreKind.PERSONAL
    assert keystore.common_name == "Nguyễn Văn An"
    assert keystore.issuer.startswith("CN=CA thử nghiệm")
    assert keystore.not_after.year == 2040
    stored = Keystore.objects.get(pk=keystore.pk)
    assert PASSPHRASE.encode() not in bytes(stored.pkcs12)
    event = AuditEvent.objects.get(action="keystore.import")
    assert PASSPHRASE not in str(event.after)
    assert event.after["serial"] == keystore.serial
    assert audit_verify_chain().ok


def test_a_new_key_replaces_the_old_one_which_stays_in_history(network, pki: Pki):
    leader = network.user("lanhdao.thanhuy")
    first = keystore_import(
        by=None, owner=leader, p12=pki.person_p12, passphrase=PASSPHRASE, image=pki.signature
    )
    second = keystore_import(
        by=None, owner=leader, p12=pki.person_p12, passphrase=PASSPHRASE, image=pki.signature
    )
    first.refresh_from_db()
    assert not first.is_active
    assert active_keystore(user=leader) == second
    keystore_revoke(by=leader, keystore=second)
    assert active_keystore(user=leader) is None


def test_only_the_owner_or_an_administrator_manages_a_key(network, pki: Pki):
    with pytest.raises(Forbidden):
        keystore_import(
            by=network.user("chuyenvien.badinh"),
            owner=network.user("lanhdao.thanhuy"),
            p12=pki.person_p12,
            passphrase=PASSPHRASE,
            image=pki.signature,
        )
    keystore_import(
        by=network.user("quantri.thanhuy"),
        owner=network.city,
        p12=pki.agency_p12,
        passphrase=PASSPHRASE,
        image=pki.seal,
    )


def test_keys_need_a_png_image(network, pki: Pki):
    leader = network.user("lanhdao.thanhuy")
    with pytest.raises(InvalidInput) as bad:
        keystore_import(
            by=leader, owner=leader, p12=pki.person_p12, passphrase=PASSPHRASE, image=b"GIF89a"
        )
    assert bad.value.code == "bad_image"


def test_trust_anchors_are_ca_certificates_added_once(db, pki: Pki):
    first = trust_anchor_add(by=None, pem=pki.root_pem)
    assert trust_anchor_add(by=None, pem=pki.root_pem.encode()) == first
    assert TrustAnchor.objects.count() == 1
    assert trust_roots() == [pki.root_pem.encode()]
    from vanphong.signing.ca import to_pem

    with pytest.raises(InvalidInput) as leaf:
        trust_anchor_add(by=None, pem=to_pem(pki.person.certificate))
    assert leaf.value.code == "not_a_ca"


def test_the_outgoing_flow_makes_a_new_file_at_each_step_and_all_verify(network, keys, pki: Pki):
    leader = network.user("lanhdao.thanhuy")
    clerk = network.user("vanthu.thanhuy")
    draft = _stored(draft_pdf(signer=leader.full_name))
    signed = document_sign_personal(
        by=leader, stored_file=draft, passphrase=PASSPHRASE, position=POSITION, when=SIGNED_AT
    )
    numbered = document_fill_issue_fields(
        by=clerk, stored_file=signed, symbol=SYMBOL, date_text=DATE_TEXT
    )
    issued = document_sign_agency(
        by=clerk, stored_file=numbered, unit=network.city, passphrase=PASSPHRASE
    )
    assert len({draft.pk, signed.pk, numbered.pk, issued.pk}) == 4
    assert StoredFile.objects.filter(pk=draft.pk).exists()  # the original is kept
    assert file_verify(draft) == []
    reports = file_verify(issued)
    assert [(r.field, r.status) for r in reports] == [
        (pdf.PERSONAL_FIELD, "valid"),
        (pdf.AGENCY_FIELD, "valid"),
    ]
    assert reports[0].signer == "Nguyễn Văn An"  # the name in the leader's certificate
    actions = list(
        AuditEvent.objects.filter(action__startswith="file.").values_list("action", flat=True)
    )
    assert actions == ["file.sign_personal", "file.fill_issue_fields", "file.sign_agency"]
    sealed = AuditEvent.objects.get(action="file.sign_agency")
    assert sealed.before == {"file": numbered.sha256}
    assert sealed.after["file"] == issued.sha256
    assert audit_verify_chain().ok


def test_wrong_passphrase_when_signing_is_a_clear_error_and_changes_nothing(network, keys):
    leader = network.user("lanhdao.thanhuy")
    draft = _stored(draft_pdf())
    files = StoredFile.objects.count()
    with translation.override("en"), pytest.raises(InvalidInput) as wrong:
        document_sign_personal(by=leader, stored_file=draft, passphrase="sai")
    assert wrong.value.code == "wrong_passphrase"
    assert wrong.value.detail == "The passphrase is wrong: the key file cannot be opened."
    assert StoredFile.objects.count() == files
    assert not AuditEvent.objects.filter(action="file.sign_personal").exists()


def test_signing_needs_a_key_and_the_seal_needs_a_clerk_of_the_unit(network, keys):
    draft = _stored(draft_pdf())
    with pytest.raises(Conflict) as no_key:
        document_sign_personal(
            by=network.user("lanhdao.badinh"), stored_file=draft, passphrase=PASSPHRASE
        )
    assert no_key.value.code == "no_keystore"
    for outsider in ("vanthu.badinh", "lanhdao.thanhuy"):
        with pytest.raises(Forbidden):
            document_sign_agency(
                by=network.user(outsider),
                stored_file=draft,
                unit=network.city,
                passphrase=PASSPHRASE,
            )


def test_state_conflicts_are_conflicts(network, keys, flow: Flow):
    clerk = network.user("vanthu.thanhuy")
    with pytest.raises(Conflict) as early:
        document_sign_agency(
            by=clerk, stored_file=_stored(flow.signed), unit=network.city, passphrase=PASSPHRASE
        )
    assert early.value.code == "not_numbered"
    with pytest.raises(Conflict) as late:
        document_fill_issue_fields(
            by=clerk, stored_file=_stored(flow.issued), symbol=SYMBOL, date_text=DATE_TEXT
        )
    assert late.value.code == "changes_forbidden"


def test_incoming_signatures_are_shown_with_their_verdict(network, keys, flow: Flow, pki: Pki):
    issued = _stored(flow.issued)
    shown = stored_file_signatures(issued)
    assert [s.report.status for s in shown] == ["valid", "valid"]
    with translation.override("en"):
        html = render_to_string("signing/_signatures.html", {"signatures": shown})
    assert html.count('data-status="valid"') == 2
    assert "Nguyễn Văn An" in html
    assert "Thành ủy Hà Nội" in html
    assert "12/03/2026 09:15:00" in html  # Vietnam time
    assert "form fields" in html  # the signer's signature, after the number was filled in
    tampered = bytearray(flow.issued)
    tampered[flow.issued.index(b"stream", 200) + 40] ^= 1
    shown = stored_file_signatures(_stored(bytes(tampered)))
    with translation.override("en"):
        html = render_to_string("signing/_signatures.html", {"signatures": shown})
    assert html.count('data-status="invalid"') == 2
    assert "changed since it was signed" in html
    assert render_to_string("signing/_signatures.html", {"signatures": []}).strip() == ""


def test_untrusted_signatures_say_so(network, flow: Flow):
    # No trusted authority at all: valid mathematics, unknown signer.
    shown = stored_file_signatures(_stored(flow.issued))
    assert {s.report.status for s in shown} == {"untrusted"}
    with translation.override("en"):
        assert {s.message for s in shown} == {
            "The signer's certificate was not issued by a trusted certificate authority."
        }


def test_demo_keys_for_every_signer_and_committee_and_loading_twice_adds_nothing(network):
    first = signing_demo_load()
    assert first.anchor_created
    # lãnh đạo and lãnh đạo văn phòng of the city and both districts; the three committees.
    assert (first.personal, first.agency) == (6, 3)
    again = signing_demo_load()
    assert (again.anchor_created, again.personal, again.agency) == (False, 0, 0)
    call_command("signing_demo", verbosity=0)
    assert Keystore.objects.filter(is_active=True).count() == 9
    assert active_keystore(unit=network.board) is None  # boards import their own seal
    leader = network.user("lanhdao.badinh")
    draft = _stored(draft_pdf(signer=leader.full_name))
    signed = document_sign_personal(by=leader, stored_file=draft, passphrase=DEMO_PASSPHRASE)
    assert [r.status for r in file_verify(signed)] == ["valid"]


def test_demo_keys_are_the_same_on_every_instance(network):
    leader = network.user("lanhdao.hoankiem")
    issuer = demo_ca()
    first = keystore_create_demo(by=None, owner=leader, issuer=issuer)
    second = keystore_create_demo(by=None, owner=leader, issuer=demo_ca())
    assert first.fingerprint == second.fingerprint
    assert first.not_after == dt.datetime(2045, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
