"""Issuing, checking and revoking API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanphong.api.models import ApiToken
from vanphong.audit.services import audit_append
from vanphong.core.errors import Conflict, InvalidInput
from vanphong.org.models import User

TOKEN_PREFIX = "vp_"  # noqa: S105 - a marker that tells tokens apart in logs, not a secret
# Checking the token's last use on every request would write on every request; once a minute
# is enough to show administrators which tokens are alive.
TOUCH_EVERY = dt.timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, by: User | None, user: User, name: str = "", days: int | None = None
) -> tuple[ApiToken, str]:
    """Issue a token for ``user``; returns the row and the token, which is not stored."""
    if not user.is_active:
        raise InvalidInput(
            _("%(user)s is not an active account.") % {"user": user}, code="inactive_user"
        )
    days = settings.API_TOKEN_DAYS if days is None else days
    if days < 0:
        raise InvalidInput(_("A token cannot last a negative number of days."), code="invalid_days")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=secret[:10],
        key_hash=_digest(secret),
        expires_at=timezone.now() + dt.timedelta(days=days) if days else None,
    )
    audit_append(
        action="api_token.create",
        actor=by,
        obj=token,
        after={
            "user": user.username,
            "name": token.name,
            "prefix": token.prefix,
            "expires_at": token.expires_at,
        },
    )
    return token, secret


def token_authenticate(secret: str) -> User | None:
    """The active person a valid, unexpired, unrevoked token belongs to."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_digest(secret)).first()
    now = timezone.now()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def token_revoke(*, by: User | None, token: ApiToken) -> ApiToken:
    """Stop a token from working, now and for good."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise Conflict(_("This token has already been revoked."), code="already_revoked")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_append(
        action="api_token.revoke", actor=by, obj=token, after={"revoked_at": token.revoked_at}
    )
    return token
