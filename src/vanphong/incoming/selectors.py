"""Reading incoming documents: only what the person may see, decided in the query."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from vanphong.documents.models import DocumentFile
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.org.models import User
from vanphong.org.roles import Role
from vanphong.org.selectors import Acting, actings_for, cleared_q
from vanphong.work.models import Assignment

# Roles that see every registered document of their unit (up to their clearance).
UNIT_WIDE = (Role.VANTHU, Role.LANHDAOVP, Role.LANHDAO)
# Roles that also see what has arrived but is not registered yet.
INTAKE = (Role.VANTHU, Role.LANHDAOVP)
# Before registration (and refused back to the sender from there): only the intake sees these.
WAITING = (IncomingStatus.RECEIVED, IncomingStatus.RETURNED)


def incoming_visible_to(
    user: User, *, actings: list[Acting] | None = None
) -> QuerySet[IncomingDocument]:
    """Every incoming document ``user`` may open, as one query.

    Clerks, office leaders and leaders see their units' registered documents; clerks and office
    leaders also see what arrived and is not registered yet; anyone sees documents assigned to
    them or to a unit they belong to. Secret documents only up to the person's clearance (độ
    mật), whatever their role, except that the clerk who received a document keeps it in view
    until it is registered. Delegated roles count like one's own while they last. ``actings``
    is ``actings_for(user)`` when the caller has looked it up already (once per request).
    """
    if not user.is_authenticated:
        return IncomingDocument.objects.none()
    if actings is None:
        actings = actings_for(user)
    wide = {a.unit.pk for a in actings if a.role in UNIT_WIDE}
    intake = {a.unit.pk for a in actings if a.role in INTAKE}
    member_of = {a.unit.pk for a in actings}
    waiting = list(WAITING)
    registered = ~Q(status__in=waiting)
    cleared = cleared_q(user.clearance)
    # The documents given to the person or their units, read through the assignee indexes (a
    # person's work, not the archive); the scope is a union of branches each of which an index
    # answers, so the database never walks every document to test each one.
    assigned = Assignment.objects.filter(
        Q(assignee_user=user) | Q(assignee_unit__in=member_of)
    ).values("document_id")
    scope = registered & Q(document_id__in=assigned) & cleared
    if wide:
        scope |= Q(unit__in=wide) & registered & cleared
    if intake:
        scope |= Q(unit__in=intake) & cleared
        # Whoever received a document has held its file already: until it is registered they
        # keep it in view, even when it turns out to be marked secret, so they can pass it to
        # a clerk who is cleared (registering it needs the clearance).
        scope |= Q(received_by=user, unit__in=intake, status__in=waiting)
    return IncomingDocument.objects.filter(scope)


def assigned_work_visible_q(user: User) -> Q:
    """A filter on ``Assignment``: ``incoming_visible_to(user)`` for work given to ``user`` by
    name or to a unit among their actings, and only for such work. It reads as "the document
    is registered and within the person's clearance", tested on the rows the list joins
    anyway, instead of the whole rule tested again for every row.

    Why it is the same rule for those rows: their document is in the set of the ``assigned``
    branch, so that branch holds exactly when the document is registered and cleared; the
    unit-wide branch asks the same and more; the intake branches differ from it only for a
    document not registered yet, and none of those has work on it (work is given only on a
    registered document, ``incoming_direct``; a registered document never waits again: only a
    received one is returned, a cancelled one stays registered). Were that ever broken, the
    work would be hidden here, not shown.
    """
    registered = [status for status in IncomingStatus if status not in WAITING]
    return Q(document__incoming__status__in=registered) & cleared_q(user.clearance)


def incoming_duplicates(incoming: IncomingDocument) -> QuerySet[IncomingDocument]:
    """Earlier documents of the same unit that look like this one: same issuer, symbol and
    date of issue, or one of the same files."""
    document = incoming.document
    same = Q(document__files__file__in=document.files.values("file"))
    if document.issuer and document.symbol and document.issued_date:
        same |= Q(
            document__issuer__iexact=document.issuer,
            document__symbol__iexact=document.symbol,
            document__issued_date=document.issued_date,
        )
    return (
        IncomingDocument.objects.filter(unit=incoming.unit)
        .exclude(pk=incoming.pk)
        .exclude(status=IncomingStatus.RETURNED)
        .filter(same)
        .distinct()
        .order_by("received_at")
    )


def incoming_reply_file(
    incoming: IncomingDocument, document_id: int, *, clearance: int
) -> DocumentFile | None:
    """The file of document ``document_id`` when it is linked as the reply to work on
    ``incoming`` (its main file, else its first), up to ``clearance``; one query. Whoever may
    open ``incoming`` may read the replies its work was completed with."""
    linked = Assignment.objects.filter(
        document_id=incoming.document_id, reply_document_id=document_id
    )
    return (
        DocumentFile.objects.select_related("file")
        .filter(
            document_id=document_id,
            document__secrecy__lte=clearance,
            document_id__in=linked.values("reply_document_id"),
        )
        .order_by("-is_main", "position", "pk")
        .first()
    )
