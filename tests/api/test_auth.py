"""Who may call the API: bearer tokens from ``vanphong createtoken``, or the web session."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.api.helpers import API, assert_json_error, bearer
from vanphong.api.models import ApiToken
from vanphong.api.tokens import token_create
from vanphong.audit.models import AuditEvent


def createtoken(*args: str) -> str:
    out = io.StringIO()
    call_command("createtoken", *args, stdout=out)
    return out.getvalue().strip()


def revoketoken(*args: str) -> str:
    out = io.StringIO()
    call_command("revoketoken", *args, stdout=out)
    return out.getvalue()


def me(client, **headers):
    return client.get(f"{API}/me", headers=headers)


def test_createtoken_prints_a_token_that_works_as_a_bearer_token(client, network):
    token = createtoken("vanthu.badinh", "--name", "phần mềm quét")
    response = me(client, Authorization=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json()["username"] == "vanthu.badinh"
    stored = ApiToken.objects.get(user=network.user("vanthu.badinh"))
    assert token not in (stored.key_hash, stored.prefix), "only a hash of the token is kept"
    assert stored.name == "phần mềm quét"
    assert AuditEvent.objects.filter(action="api_token.create", object_id=str(stored.pk)).exists()


def test_the_bearer_scheme_name_is_case_insensitive(client, network):
    token = createtoken("vanthu.badinh")
    assert me(client, Authorization=f"bearer {token}").status_code == 200


def test_createtoken_for_an_unknown_person_fails(network):
    with pytest.raises(CommandError, match=r"no such user: khong\.co"):
        createtoken("khong.co")


def test_a_token_revoked_with_revoketoken_stops_working(client, network):
    token = createtoken("vanthu.badinh")
    other = createtoken("vanthu.badinh")
    assert "revoked vp_" in revoketoken(token[:10])
    assert_json_error(me(client, Authorization=f"Bearer {token}"), 401, "not_authenticated")
    assert me(client, Authorization=f"Bearer {other}").status_code == 200
    with pytest.raises(CommandError, match="no such active token"):
        revoketoken(token[:10])


def test_revoketoken_by_user_stops_all_of_their_tokens(client, network):
    tokens = [createtoken("vanthu.badinh") for _ in range(2)]
    kept = createtoken("vanthu.hoankiem")
    revoketoken("--user", "vanthu.badinh")
    for token in tokens:
        assert_json_error(me(client, Authorization=f"Bearer {token}"), 401, "not_authenticated")
    assert me(client, Authorization=f"Bearer {kept}").status_code == 200


def test_a_token_stops_working_when_it_expires(client, network, clock):
    headers = bearer(network.user("vanthu.badinh"), days=1)
    clock.advance(hours=23)
    assert me(client, **headers).status_code == 200
    clock.advance(hours=1, seconds=1)
    assert_json_error(me(client, **headers), 401, "not_authenticated")


def test_a_token_made_with_days_zero_does_not_expire(client, network, clock):
    headers = bearer(network.user("vanthu.badinh"), days=0)
    clock.advance(days=3650)
    assert me(client, **headers).status_code == 200


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer",
        "Bearer ",
        "Bearer vp_",
        "Bearer not-a-token",
        "Bearer vp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "Token {token}",
        "Basic dmFudGh1LmJhZGluaDp2YW5waG9uZy1kZW1v",
        "Bearer {token}x",
        "Bearer {token} {token}",
        "{token}",
    ],
)
def test_malformed_or_altered_credentials_get_401_json(client, network, authorization):
    token = createtoken("vanthu.badinh")
    response = me(client, Authorization=authorization.format(token=token))
    assert_json_error(response, 401, "not_authenticated")


def test_no_credentials_get_401_json(client, network):
    assert_json_error(me(client), 401, "not_authenticated")
    assert_json_error(client.get(f"{API}/units"), 401, "not_authenticated")


def test_the_token_of_a_person_no_longer_active_stops_working(client, network):
    user = network.user("vanthu.badinh")
    headers = bearer(user)
    assert me(client, **headers).status_code == 200
    # No service deactivates a person yet (org/services.py); an administrator would do this.
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert_json_error(me(client, **headers), 401, "not_authenticated")


def test_no_token_is_issued_to_an_inactive_person(network):
    user = network.user("vanthu.badinh")
    user.is_active = False
    user.save(update_fields=["is_active"])
    with pytest.raises(CommandError, match="không phải là tài khoản đang hoạt động"):
        createtoken("vanthu.badinh")


def test_the_web_session_signs_in_to_the_api(client, network):
    assert client.login(username="lanhdao.badinh", password="vanphong-demo")
    response = me(client)
    assert response.status_code == 200
    assert response.json()["username"] == "lanhdao.badinh"
    client.logout()
    assert_json_error(me(client), 401, "not_authenticated")


def test_a_session_of_a_person_no_longer_active_is_refused(client, network):
    user = network.user("lanhdao.badinh")
    client.force_login(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert_json_error(me(client), 401, "not_authenticated")


def test_token_use_is_recorded_for_administrators(client, network):
    token, secret = token_create(by=None, user=network.user("vanthu.badinh"))
    assert token.last_used_at is None
    me(client, Authorization=f"Bearer {secret}")
    token.refresh_from_db()
    assert token.last_used_at is not None
