"""The main navigation: every module of the product, shown to the roles that use it."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vanphong.org.roles import Capability
from vanphong.org.selectors import Acting


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str  # a URL name; a module not yet installed has none to resolve
    capability: Capability | None = None
    admin_only: bool = False


ITEMS = [
    NavItem(_("Home"), "web:home"),
    NavItem(_("Incoming"), "incoming:list", Capability.VIEW_UNIT),
    NavItem(_("Outgoing"), "outgoing:list", Capability.VIEW_UNIT),
    NavItem(_("My work"), "work:inbox", Capability.WORK_ASSIGNMENTS),
    NavItem(_("Schedules"), "programs:week", Capability.VIEW_UNIT),
    NavItem(_("Reports"), "reports:list", Capability.VIEW_UNIT),
    NavItem(_("Search"), "search:results", Capability.VIEW_UNIT),
    NavItem(_("Organisation"), "web:units", Capability.VIEW_UNIT),
    NavItem(_("Administration"), "web:manage", Capability.ADMINISTER, admin_only=True),
]


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url: str | None
    active: bool


def navigation(request: HttpRequest, acting: Acting | None) -> list[NavEntry]:
    """Entries the person's current role may use; modules still to come are listed without a
    link so the layout is stable as they arrive."""
    entries = []
    user = request.user
    for item in ITEMS:
        if item.admin_only and not (
            user.is_superuser or (acting and acting.can(Capability.ADMINISTER))
        ):
            continue
        if (
            item.capability
            and not user.is_superuser
            and not (acting and acting.can(item.capability))
        ):
            continue
        try:
            url: str | None = reverse(item.url_name)
        except NoReverseMatch:
            url = None
        active = url is not None and (
            request.path == url if url == "/" else request.path.startswith(url)
        )
        entries.append(NavEntry(item.label, url, active))
    return entries
