"""Văn bản đến in the browser: the list, and the clerk's intake (tiếp nhận).

The pages of one document (review and registration, the document page and its actions) are in
``views_document``; streaming its files in ``views_files``. Views are thin: parse, access, call
the service, answer; the services' refusals come back onto the page, never as a 500.
"""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import TooManyFilesSent
from django.core.paginator import Page
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from vanphong.core.errors import DomainError, InvalidInput
from vanphong.core.paging import CappedPaginator, Chain, Listed
from vanphong.documents.storage import Spooled, max_upload_bytes, rejection_message, spool_upload
from vanphong.documents.uploads import upload_too_large
from vanphong.incoming.access import access_receive, can_receive
from vanphong.incoming.forms import FIELD_LABELS, IntakeForm, ListFilter
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.incoming.selectors import VisibleList, incoming_visible_in, incoming_words
from vanphong.incoming.services import incoming_receive
from vanphong.org.acting import current_acting, request_actings
from vanphong.org.models import User
from vanphong.org.selectors import Acting
from vanphong.registers.books import BOOK_ROLES
from vanphong.web.errors import domain_errors
from vanphong.web.labels import labels_of
from vanphong.web.rows import clipped, link_for_each, marked, short_date
from vanphong.web.uploads import client_messages, not_accepted, too_many

PER_PAGE = 50


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _listing(
    user: User, acting: Acting | None, actings: list[Acting], filters: dict[str, Any]
) -> QuerySet[Any] | Listed:
    """The acting unit's incoming documents ``user`` may see, filtered, newest first; for a
    clerk what still waits for registration comes first. ``actings``: ``actings_for(user)``."""
    if acting is None:
        return IncomingDocument.objects.none()
    where = Q()
    if status := filters.get("status"):
        where &= Q(status=status)
    words = incoming_words(text) if (text := filters.get("q")) else None  # checked by the form
    tz = timezone.get_current_timezone()
    if start := filters.get("date_from"):
        where &= Q(received_at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=tz))
    if end := filters.get("date_to"):
        next_day = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        where &= Q(received_at__lt=next_day)
    if can_receive(acting) and not status:
        # What waits on the clerk's desk (a few) first, then the rest in the unit's index's
        # order, newest first.
        items = incoming_visible_in(user, acting.unit, actings=actings).filter(where)
        waiting = Q(status=IncomingStatus.RECEIVED)
        order = ("-received_at", "-pk")
        parts = [items.filter(waiting), items.exclude(waiting)]
        if words is None:
            counted = None
        else:
            # The rows narrowed by words, counted as their titles find them when that differs.
            found = words.found(acting.unit.slug)
            counted = None if found is None else [part.filter(found) for part in parts]
            parts = [part.filter(words.q(acting.unit.slug)) for part in parts]
        return Chain(
            *(part.select_related("document").order_by(*order) for part in parts),
            counted=counted,
        )
    # Read branch by branch of the rule, each through its index (a specialist's work too).
    return VisibleList(user, actings=actings, where=where, words=words, unit=acting.unit)


@login_required
@require_GET
def incoming_list(request: HttpRequest) -> HttpResponse:
    """Văn bản đến of the unit the person acts in: filters, 50 to a page, counted only as far
    as the page needs (``CappedPaginator``)."""
    acting = current_acting(request)
    filter_form = ListFilter(request.GET or None)
    filters = filter_form.filters() if request.GET else {}
    page: Page[Any] = CappedPaginator(
        _listing(_user(request), acting, request_actings(request), filters), PER_PAGE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    page.object_list = list(page.object_list)
    return render(
        request,
        "incoming/list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "rows": _rows(page.object_list),
            "query": query.urlencode(),
            "filtered": bool(filters),
            "clerk": can_receive(acting),
            "books": acting is not None and acting.role in BOOK_ROLES,
            "labels": {name: str(label) for name, label in FIELD_LABELS.items()},
        },
    )


def _rows(items: list[IncomingDocument]) -> list[dict[str, Any]]:
    """What each row of the list shows (``web.rows``); its document for the marks."""
    link = link_for_each("incoming:detail")
    statuses = labels_of(IncomingStatus)
    rows = []
    for item in items:
        document = item.document
        rows.append(
            {
                "pk": item.pk,
                "status": item.status,
                "status_label": statuses.get(item.status, item.status),
                "arrival": item.arrival,
                "received": short_date(item.received_at),
                "symbol": document.symbol,
                "issuer": document.issuer,
                "subject": clipped(document.subject, 140),
                "link": link(item.pk),
                "marked": marked(document),
                "document": document,
            }
        )
    return rows


def _intake_page(request: HttpRequest, form: IntakeForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "incoming/intake.html",
        {
            "form": form,
            "max_bytes": max_upload_bytes(),
            "max_mb": settings.MAX_UPLOAD_MB,
            "max_files": settings.MAX_UPLOAD_FILES,
            "client_messages": client_messages(),
        },
        status=status,
    )


def _refuse_body(request: HttpRequest) -> HttpResponse | None:
    """An answer for an upload cut off for its size or number of files, else None.

    Runs before the CSRF check: a request cut off before its body was read has no token to
    check, and answering it with a message changes nothing.
    """
    try:
        request.POST  # noqa: B018 - reading it parses the body, files included
        request.FILES  # noqa: B018
    except TooManyFilesSent:
        messages.error(request, too_many())
        return _intake_page(request, IntakeForm(clearance=_user(request).clearance), 413)
    if upload_too_large(request):
        messages.error(request, rejection_message("too_large"))
        return _intake_page(request, IntakeForm(clearance=_user(request).clearance), 413)
    return None


@csrf_protect
def _receive(request: HttpRequest, acting: Acting) -> HttpResponse:
    user = _user(request)
    form = IntakeForm(request.POST, request.FILES, clearance=user.clearance)
    if not form.is_valid():
        return _intake_page(request, form, 400)
    with ExitStack() as stack:
        spooled: list[Spooled] = []
        refused = False
        for upload in form.cleaned_data["uploads"]:
            try:
                spooled.append(stack.enter_context(spool_upload(upload)))
            except InvalidInput as refusal:
                refused = True
                name = str(refusal.params.get("file") or upload.name)
                messages.error(request, not_accepted(name, refusal.detail))
        if refused:
            messages.info(request, _("Nothing was saved. Choose the files again."))
            return _intake_page(request, form, 400)
        try:
            incoming = incoming_receive(
                by=user,
                unit=acting.unit,
                files=spooled,
                main=form.cleaned_data["main"] - 1,
                metadata=form.metadata(),
                via=form.cleaned_data["received_via"],
            )
        except DomainError as exc:
            form.add_service_errors(exc)
            return _intake_page(request, form, 400)
    messages.success(
        request,
        _("Received. Check what was read from the document, then register it."),
    )
    return redirect("incoming:detail", pk=incoming.pk)


@csrf_exempt  # checked in _receive, once the body is known to be within the limits
@login_required
@require_http_methods(["GET", "POST"])
@domain_errors
def incoming_new(request: HttpRequest) -> HttpResponse:
    """Tiếp nhận: upload the document (and its attachments), say how it came; the text is read
    in the background and the review page opens."""
    acting = access_receive(request)
    if request.method == "POST":
        return _refuse_body(request) or _receive(request, acting)
    return _intake_page(request, IntakeForm(clearance=_user(request).clearance))
