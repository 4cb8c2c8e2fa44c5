"""Who may open which page of the web interface.

The organisation's own rules (which units a person sees, which they administer) live in
``vanphong.org.access`` and ``vanphong.org.selectors``; this module only decides, from those and
from the role the person is acting in, which pages and buttons the interface offers. Every page
checks again on the server: hiding a button is a courtesy, not the rule.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from vanphong.core.errors import Forbidden
from vanphong.org.access import can_administer
from vanphong.org.acting import current_acting
from vanphong.org.models import Delegation, Unit, User
from vanphong.org.roles import Capability
from vanphong.org.selectors import Acting

# The demo's 2025 reorganisation rewrites the whole city tree, so only the city committee's own
# administrator (or an administrator of the instance) may set it off.
REORG_UNIT_SLUG = "thanhuy"


def _administered_unit(acting: Acting | None) -> Unit | None:
    """The unit the person administers in their current role, if that role is quản trị."""
    if acting is not None and acting.can(Capability.ADMINISTER):
        return acting.unit
    return None


def can_manage(user: User, acting: Acting | None) -> bool:
    """The administration area is for instance administrators and people acting as quản trị."""
    return user.is_superuser or _administered_unit(acting) is not None


def access_manage(request: HttpRequest) -> Acting | None:
    """The acting context of someone allowed into the administration area; Forbidden otherwise."""
    acting = current_acting(request)
    if not can_manage(request.user, acting):  # type: ignore[arg-type]
        raise Forbidden(_("Only administrators may open the administration area."))
    return acting


def is_instance_admin(user: User, acting: Acting | None) -> bool:
    """Whether the person may run instance-wide operations (the job queue).

    Jobs belong to no unit and their tracebacks may quote data of any unit, so they are for
    superusers and for the administrator of a top-level unit, who administers every unit below.
    """
    unit = _administered_unit(acting)
    return user.is_superuser or (unit is not None and unit.parent_id is None)


def access_instance_admin(request: HttpRequest) -> Acting | None:
    """The acting context of an instance administrator; Forbidden for anyone else."""
    acting = access_manage(request)
    if not is_instance_admin(request.user, acting):  # type: ignore[arg-type]
        raise Forbidden(_("Only the administrator of the whole network may manage jobs."))
    return acting


def can_apply_reorg(user: User, acting: Acting | None) -> bool:
    """Superusers and the administrator of Thành ủy may apply the 2025 reorganisation."""
    unit = _administered_unit(acting)
    return user.is_superuser or (unit is not None and unit.slug == REORG_UNIT_SLUG)


def can_see_members(user: User, acting: Acting | None, unit: Unit) -> bool:
    """Members of a unit are shown to people acting in it or above it, and to its administrators.

    A district clerk sees who works in the district, not who works at the city committee above.
    """
    if user.is_superuser:
        return True
    if acting is not None and unit.path.startswith(acting.unit.path):
        return True
    return can_administer(user, unit)


def can_revoke(user: User, delegation: Delegation) -> bool:
    """The person who delegated, or an administrator of the unit, may end a delegation early."""
    return delegation.grantor_id == user.pk or can_administer(user, delegation.unit)


def access_revoke(user: User, delegation: Delegation) -> Delegation:
    """``delegation`` if ``user`` may revoke it; Forbidden otherwise."""
    if not can_revoke(user, delegation):
        raise Forbidden(_("Only the person who delegated may revoke this delegation."))
    return delegation
