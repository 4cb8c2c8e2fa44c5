"""Which unit and role the signed-in person is acting in, for this request."""

from __future__ import annotations

from django.http import HttpRequest

from vanphong.org.selectors import Acting, acting_by_key, actings_for

SESSION_KEY = "vanphong_acting"
HEADER = "X-Vanphong-Acting"
_CACHE = "_vanphong_acting"
_ACTINGS = "_vanphong_actings"


def request_actings(request: HttpRequest) -> list[Acting]:
    """Every unit and role the signed-in person may act in now (``actings_for``), looked up
    once per request: the layout, the acting context and the scope of the lists all read it,
    and each lookup is a query or more."""
    if not hasattr(request, _ACTINGS):
        user = getattr(request, "user", None)
        actings = actings_for(user) if user is not None and user.is_authenticated else []
        setattr(request, _ACTINGS, actings)
    return getattr(request, _ACTINGS)  # type: ignore[no-any-return]


def current_acting(request: HttpRequest) -> Acting | None:
    """The acting context chosen in this session (a membership or a delegation), else the
    person's primary one.

    Looked up again on every request (once per request), so a role that ended or a delegation
    that was revoked stops working at once, not at the next login.
    """
    if hasattr(request, _CACHE):
        return getattr(request, _CACHE)  # type: ignore[no-any-return]
    user = getattr(request, "user", None)
    acting = None
    if user is not None and user.is_authenticated:
        # An API client names its context per request; the web keeps it in the session.
        key = request.headers.get(HEADER) or (
            request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        )
        acting = acting_by_key(user, key, actings=request_actings(request))
    setattr(request, _CACHE, acting)
    return acting


def choose_acting(request: HttpRequest, key: str) -> Acting | None:
    """Switch this session to the acting context ``key`` if the person has it."""
    if hasattr(request, _CACHE):
        delattr(request, _CACHE)
    acting = acting_by_key(request.user, key, actings=request_actings(request))  # type: ignore[arg-type]
    if acting is not None and acting.key == key:
        request.session[SESSION_KEY] = key
        setattr(request, _CACHE, acting)
        return acting
    return None
