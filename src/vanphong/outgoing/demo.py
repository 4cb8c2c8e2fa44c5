"""Demo recipient groups of the city committee, for picking recipients in one click."""

from __future__ import annotations

from django.db import transaction

from vanphong.org.models import Unit
from vanphong.org.roles import UnitKind
from vanphong.org.selectors import today
from vanphong.outgoing.models import RecipientGroup
from vanphong.outgoing.services import recipient_group_save

DISTRICTS = "30 quận, huyện, thị ủy"
BOARDS = "Các ban, Văn phòng Thành ủy"
DISTRICT_KINDS = (UnitKind.QUAN_UY.value, UnitKind.HUYEN_UY.value, UnitKind.THI_UY.value)
BOARD_KINDS = (UnitKind.BAN.value, UnitKind.VAN_PHONG.value)


@transaction.atomic
def outgoing_demo_load() -> int:
    """Give Thành ủy Hà Nội (``thanhuy``) its two usual groups: the 30 district committees and
    its boards and office. Safe to run again: a group that exists is left as it is. Returns
    the number of groups created (none without the demo network)."""
    city = Unit.objects.filter(slug="thanhuy").first()
    if city is None:
        return 0
    created = 0
    day = today()
    children = Unit.objects.filter(parent=city).order_by("sort_order", "pk")
    # The districts as they were (closed in 2025, they route to their successors); the boards
    # as they are now.
    for name, members in (
        (DISTRICTS, list(children.filter(kind__in=DISTRICT_KINDS))),
        (BOARDS, list(children.active_on(day).filter(kind__in=BOARD_KINDS))),
    ):
        if not members or RecipientGroup.objects.filter(owner=city, name=name).exists():
            continue
        recipient_group_save(by=None, owner=city, name=name, units=members)
        created += 1
    return created
