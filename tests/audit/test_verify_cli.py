"""``vanphong audit_verify`` as an operator runs it: a real process and its exit code."""

import pytest

pytestmark = pytest.mark.slow


def test_audit_verify_exits_zero_when_intact_and_non_zero_naming_the_tampered_event(instance):
    instance.python(
        """
        from vanphong.org.services import unit_create, user_create
        for i in range(4):
            user_create(by=None, username=f"vanthu{i}", full_name=f"Văn thư {i}")
        unit_create(by=None, slug="tayho", kind="quan_uy", full_name="Quận ủy Tây Hồ")
        """
    )
    intact = instance.run("audit_verify")
    assert (intact.returncode, intact.stdout.strip()) == (
        0,
        "audit journal intact: 5 event(s) verified",
    )

    instance.sql("""UPDATE audit_auditevent SET after = '{"full_name": "X"}' WHERE seq = 3""")
    broken = instance.run("audit_verify")
    assert broken.returncode != 0
    assert "audit journal broken at event #3: content does not match its hash" in broken.stderr

    instance.sql("DELETE FROM audit_auditevent WHERE seq >= 3")
    cut = instance.run("audit_verify")
    assert cut.returncode != 0
    assert "broken at event #3: journal ends at event #2 but its head records #5" in cut.stderr
