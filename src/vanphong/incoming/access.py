"""Who may open an incoming document, and who may act on it, in the web interface.

Reading goes through ``incoming_visible_to`` (unit scope, assignments, secrecy clearance): a
document the person may not see does not exist for them (404, no hint). Acting on the register
(receive, register, return, cancel, correct) is the clerk's (văn thư) work, and only in the role
the person is acting in now: a clerk who switched to a delegated leader's role registers nothing
until they switch back. Directing it is likewise the work of the role acted in now (lãnh đạo văn
phòng or lãnh đạo of the receiving unit). An assignment is opened by those who have a part in it
(``work.access``), within the documents they may see.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from vanphong.core.errors import Forbidden, NotFound
from vanphong.incoming.inbox import can_follow_up_unit
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.selectors import incoming_visible_to
from vanphong.org.acting import current_acting, request_actings
from vanphong.org.models import User
from vanphong.org.roles import Capability
from vanphong.org.selectors import Acting
from vanphong.work.access import can_act, can_follow_up
from vanphong.work.models import Assignment


def visible_incoming(request: HttpRequest) -> QuerySet[IncomingDocument]:
    """``incoming_visible_to`` the signed-in person, their roles as read once for the request
    (``request_actings``), not again."""
    user: User = request.user  # type: ignore[assignment]  # the views require a login
    return incoming_visible_to(user, actings=request_actings(request))


def access_incoming(request: HttpRequest, pk: int) -> IncomingDocument:
    """The incoming document ``pk`` with its document record, if the signed-in person may see
    it; NotFound otherwise."""
    try:
        return (
            visible_incoming(request)
            .select_related("document", "unit", "register", "received_by", "registered_by")
            .get(pk=pk)
        )
    except IncomingDocument.DoesNotExist:
        raise NotFound(_("No such incoming document."), code="incoming_not_found") from None


def can_receive(acting: Acting | None) -> bool:
    """Whether the role being acted in takes documents into its unit (văn thư)."""
    return acting is not None and acting.can(Capability.REGISTER_INCOMING)


def can_handle(acting: Acting | None, incoming: IncomingDocument) -> bool:
    """Whether the role being acted in is the clerk of the unit that received ``incoming``."""
    return can_receive(acting) and acting is not None and acting.unit.pk == incoming.unit_id


def access_receive(request: HttpRequest) -> Acting:
    """The acting context of a clerk, who receives into their unit; Forbidden for others."""
    acting = current_acting(request)
    if acting is None or not can_receive(acting):
        raise Forbidden(_("Only a clerk (văn thư) may receive documents."))
    return acting


def access_handle(request: HttpRequest, incoming: IncomingDocument) -> Acting:
    """The acting context of the receiving unit's clerk; Forbidden for anyone else."""
    acting = current_acting(request)
    if acting is None or not can_handle(acting, incoming):
        raise Forbidden(
            _("Only a clerk (văn thư) of %(unit)s may do this.") % {"unit": incoming.unit}
        )
    return acting


def direct_acting(acting: Acting | None, incoming: IncomingDocument) -> bool:
    """Whether the role being acted in directs work in the unit that received ``incoming``
    (lãnh đạo văn phòng or lãnh đạo of that unit, own or delegated)."""
    return (
        acting is not None and acting.unit.pk == incoming.unit_id and acting.can(Capability.DIRECT)
    )


def access_direct(request: HttpRequest, incoming: IncomingDocument) -> Acting:
    """The acting context of a leader who directs work in ``incoming``'s unit; Forbidden for
    anyone else (the service checks again, clearance included)."""
    acting = current_acting(request)
    if acting is None or not direct_acting(acting, incoming):
        raise Forbidden(
            _("Only the office leader or a leader of the receiving unit may direct this work."),
            code="not_director",
        )
    return acting


def access_assignment(request: HttpRequest, pk: int) -> Assignment:
    """Assignment ``pk`` with its document, if the signed-in person may open it: the assignee
    (or a member of the unit it was given to), whoever gave it, a leader who follows up the
    document's unit or the unit where the work is done, always within the documents they may
    see (clearance included). NotFound otherwise, with no hint that it exists."""
    user: User = request.user  # type: ignore[assignment]  # the views require a login
    actings = request_actings(request)
    try:
        assignment = (
            Assignment.objects.filter(
                document_id__in=visible_incoming(request).values("document_id")
            )
            .select_related(
                "document",
                "document__incoming",
                "document__incoming__register",
                "direction",
                "direction__by",
                "unit",
                "assignee_user",
                "assignee_unit",
                "created_by",
                "reply_document",
                "handed_over_to",
                "handed_over_to__assignee_user",
            )
            .get(pk=pk)
        )
    except Assignment.DoesNotExist:
        assignment = None
    if assignment is None or not (
        can_act(user, assignment, actings=actings)
        or can_follow_up(user, assignment, actings=actings)
        or can_follow_up_unit(user, assignment.unit, actings=actings)
    ):
        raise NotFound(_("No such assignment."), code="assignment_not_found")
    return assignment
