"""Who may change what in the organisation."""

from __future__ import annotations

from django.utils.translation import gettext as _

from vanphong.core.errors import Forbidden, NotFound
from vanphong.org.models import Delegation, Unit, User
from vanphong.org.selectors import Acting, units_administered_by, units_visible_to


def access_unit(
    user: User, slug: str, *, include_closed: bool = True, actings: list[Acting] | None = None
) -> Unit:
    """The unit ``slug`` if ``user`` may see it; NotFound otherwise (no hint that it exists).
    ``actings``: ``actings_for(user)`` when the caller has read it."""
    visible = units_visible_to(user, include_closed=include_closed, actings=actings)
    unit = visible.filter(slug=slug).first()
    if unit is None:
        raise NotFound(_("No such unit."), code="unit_not_found")
    return unit


def can_administer(user: User, unit: Unit) -> bool:
    return units_administered_by(user).filter(pk=unit.pk).exists()


def access_administer(user: User, unit: Unit) -> Unit:
    """``unit`` if ``user`` administers it (or a unit above it); Forbidden otherwise."""
    if not can_administer(user, unit):
        raise Forbidden(_("Only an administrator of %(unit)s may do this.") % {"unit": unit})
    return unit


def access_delegation(user: User, pk: int) -> Delegation:
    """A delegation ``user`` gave, received, or administers."""
    delegation = (
        Delegation.objects.select_related("unit", "grantor", "grantee").filter(pk=pk).first()
    )
    if delegation is None:
        raise NotFound(_("No such delegation."))
    if user.pk in (delegation.grantor_id, delegation.grantee_id) or can_administer(
        user, delegation.unit
    ):
        return delegation
    raise NotFound(_("No such delegation."))
