"""`vanphong demo`: the network, its signing keys and recipient groups, the 2025 scenario."""

import pytest
from django.core.management import call_command

from vanphong.outgoing.demo import DISTRICTS
from vanphong.outgoing.models import RecipientGroup
from vanphong.signing.models import Keystore, TrustAnchor

pytestmark = pytest.mark.slow


def test_demo_command_loads_the_network_keys_and_the_scenario(db, capsys):
    call_command("demo")
    personal = Keystore.objects.filter(kind="personal", is_active=True).count()
    assert personal > 0
    assert Keystore.objects.filter(kind="agency", unit__slug="badinh", is_active=True).exists()
    assert TrustAnchor.objects.count() == 1
    districts = RecipientGroup.objects.get(owner__slug="thanhuy", name=DISTRICTS)
    assert districts.units.count() == 30
    call_command("demo", "--reorg-2025")
    call_command("demo", "--reorg-2025")
    out = capsys.readouterr().out
    assert "2025 reorganisation applied" in out
    assert "already applied" in out
    # The new ward committees can seal what they issue.
    assert Keystore.objects.filter(kind="agency", unit__slug="phuong-ba-dinh").exists()
    assert Keystore.objects.filter(kind="personal", is_active=True).count() == personal
    assert RecipientGroup.objects.filter(owner__slug="thanhuy").count() == 2
