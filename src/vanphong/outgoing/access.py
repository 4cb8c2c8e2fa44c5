"""Who may open an outgoing document, and what each person may do with it now.

Reading goes through ``outgoing_visible_to`` (author, reviewers, signer, the unit's clerks,
office leaders and leaders; secrecy clearance): a document the person may not see does not
exist for them (404, no hint). ``outgoing_actions`` tells a page or an API client which steps
to offer; the services check the same rules again when the step is taken.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from vanphong.core.errors import Forbidden, NotFound
from vanphong.org.models import Unit, User
from vanphong.org.roles import Capability
from vanphong.org.selectors import Acting, actings_for
from vanphong.outgoing.models import (
    EDITABLE,
    OutgoingDocument,
    OutgoingStatus,
    ReviewStep,
    StepStatus,
)
from vanphong.outgoing.selectors import outgoing_visible_to


def access_outgoing(
    user: User, pk: int, *, actings: list[Acting] | None = None
) -> OutgoingDocument:
    """The outgoing document ``pk`` with its document record, if ``user`` may see it;
    NotFound otherwise. ``actings``: ``actings_for(user)`` when the caller has read it (once
    per request), here and in ``acting_with``, ``can_sign`` and ``outgoing_actions``."""
    try:
        return (
            outgoing_visible_to(user, actings=actings)
            .select_related(
                "document",
                "unit",
                "drafting_unit",
                "author",
                "signer",
                "signed_by",
                "issued_by",
                "register",
            )
            .get(pk=pk)
        )
    except OutgoingDocument.DoesNotExist:
        raise NotFound(_("No such outgoing document."), code="outgoing_not_found") from None


def acting_with(
    user: User, unit: Unit | int, capability: Capability, *, actings: list[Acting] | None = None
) -> Acting | None:
    """The role in which ``user`` has ``capability`` in ``unit`` (own or delegated), if any."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    for acting in actings_for(user) if actings is None else actings:
        if acting.unit.pk == unit_id and acting.can(capability):
            return acting
    return None


def can_sign(
    user: User, outgoing: OutgoingDocument, *, actings: list[Acting] | None = None
) -> bool:
    """The designated signer, or someone acting for them by a delegation of their leader's
    role in the issuing unit (ủy quyền, time-bounded, NĐ 30/2020)."""
    if user.pk == outgoing.signer_id:
        return True
    return any(
        a.delegated_by is not None
        and a.delegated_by.pk == outgoing.signer_id
        and a.unit.pk == outgoing.unit_id
        and a.can(Capability.SIGN)
        for a in (actings_for(user) if actings is None else actings)
    )


def outgoing_actions(
    user: User, outgoing: OutgoingDocument, *, actings: list[Acting] | None = None
) -> list[str]:
    """The steps ``user`` may take on ``outgoing`` now, among: revise, submit, cancel,
    comment, approve, return, forward, sign, add_final, issue, recall, update, replace."""
    status = outgoing.status
    author = user.pk == outgoing.author_id
    signer = can_sign(user, outgoing, actings=actings)

    def acting(unit: int, capability: Capability) -> Acting | None:
        return acting_with(user, unit, capability, actings=actings)

    actions: list[str] = []
    if author and status in EDITABLE:
        actions += ["revise", "submit"]
    if status not in (OutgoingStatus.ISSUED, OutgoingStatus.CANCELLED):
        actions.append("comment")
        if author or signer:
            actions.append("cancel")
    if (
        status == OutgoingStatus.IN_REVIEW
        and ReviewStep.objects.filter(
            outgoing=outgoing,
            round=outgoing.review_round,
            reviewer=user,
            status=StepStatus.PENDING,
        ).exists()
    ):
        actions += ["approve", "return", "forward"]
    if signer and status == OutgoingStatus.APPROVED:
        actions += ["sign", "return", "add_final"]
    elif author and status == OutgoingStatus.APPROVED:
        actions.append("add_final")
    if status == OutgoingStatus.SIGNED and acting(outgoing.unit_id, Capability.ISSUE_OUTGOING):
        actions.append("issue")
    if status == OutgoingStatus.ISSUED:
        if acting(outgoing.unit_id, Capability.ISSUE_OUTGOING) or acting(
            outgoing.unit_id, Capability.SIGN
        ):
            actions += ["recall", "update"]
        if acting(outgoing.drafting_unit_id, Capability.DRAFT) or acting(
            outgoing.unit_id, Capability.DRAFT
        ):
            actions.append("replace")
    return list(dict.fromkeys(actions))


def check_may_manage_groups(
    by: User | None, owner: Unit, *, actings: list[Acting] | None = None
) -> None:
    """Forbidden unless ``by`` may keep ``owner``'s recipient groups: its clerks, office
    leaders and administrators (None: the system itself, as the demo loader). ``actings``:
    ``actings_for(by)`` when the caller has read it."""
    if by is None or by.is_superuser:
        return
    from vanphong.org.access import can_administer

    if acting_with(by, owner, Capability.ISSUE_OUTGOING, actings=actings) or acting_with(
        by, owner, Capability.DIRECT, actings=actings
    ):
        return
    if can_administer(by, owner):
        return
    raise Forbidden(
        _("Only a clerk, an office leader or an administrator of %(unit)s may do this.")
        % {"unit": owner},
        code="groups_forbidden",
    )
