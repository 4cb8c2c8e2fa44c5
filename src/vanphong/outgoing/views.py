"""Văn bản đi in the browser: the list (what waits for me, what I drafted, what was issued, all
I may see) and the draft form (soạn văn bản).

The page of one document and its steps are in ``views_document``; its files in ``views_files``.
Views are thin, as on the incoming pages: parse, access, call the service, answer; the services'
refusals come back onto the page, never as a 500.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import TooManyFilesSent
from django.core.paginator import Page
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from vanphong.core import paging
from vanphong.core.errors import DomainError, Forbidden, InvalidInput
from vanphong.core.paging import (
    SQL,
    CappedPaginator,
    Counted,
    capped_count_sql,
    read_capped_counts,
)
from vanphong.core.remember import Remembered
from vanphong.documents.storage import Spooled, max_upload_bytes, rejection_message, spool_upload
from vanphong.documents.uploads import upload_too_large
from vanphong.incoming.selectors import incoming_visible_to
from vanphong.org.acting import current_acting, request_actings
from vanphong.org.models import Unit, User
from vanphong.org.roles import Capability, Secrecy
from vanphong.org.selectors import Acting, scope_key
from vanphong.outgoing.forms import DraftForm, ListFilter, issuing_units, network_tree, people_for
from vanphong.outgoing.models import OutgoingDocument, OutgoingStatus, RecipientGroup
from vanphong.outgoing.recipients import RecipientInput, recipients_from_text
from vanphong.outgoing.selectors import (
    LATEST_ISSUED,
    RECENT,
    OutgoingList,
    outgoing_todo,
    outgoing_words,
)
from vanphong.outgoing.services import outgoing_create, system_of
from vanphong.registers.books import BOOK_ROLES
from vanphong.web.errors import domain_errors
from vanphong.web.labels import labels_of
from vanphong.web.rows import clipped, link_for_each, marked, short_date
from vanphong.web.uploads import client_messages, not_accepted, too_many

PER_PAGE = 50
# The list's tabs, in the order shown; the first is the default.
TABS = {
    # Translators: Vietnamese "Việc cần làm".
    "todo": gettext_lazy("To do"),
    # Translators: Vietnamese "Tôi soạn".
    "mine": gettext_lazy("Drafted by me"),
    # Translators: Vietnamese "Đã phát hành".
    "issued": gettext_lazy("Issued"),
    # Translators: Vietnamese "Tất cả".
    "all": gettext_lazy("All"),
}


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def can_draft(acting: Acting | None) -> bool:
    """Whether the role being acted in drafts documents (chuyên viên, lãnh đạo văn phòng)."""
    return acting is not None and acting.can(Capability.DRAFT)


def access_draft(request: HttpRequest) -> Acting:
    """The acting context of someone who drafts in their unit; Forbidden for others. In the
    browser the role acted in now counts, as for the clerk's intake: a specialist who switched
    to another role drafts nothing until they switch back."""
    acting = current_acting(request)
    if acting is None or not can_draft(acting):
        raise Forbidden(
            _("Only a specialist or an office leader drafts outgoing documents."),
            code="not_drafter",
        )
    return acting


def _listing(
    user: User, tab: str, actings: list[Acting], filters: dict[str, Any]
) -> QuerySet[OutgoingDocument] | OutgoingList:
    where = Q()
    if status := filters.get("status"):
        where &= Q(status=status)
    if doctype := filters.get("document_type"):
        where &= Q(document__document_type=doctype)
    words = outgoing_words(text) if (text := filters.get("q")) else None  # checked by the form
    if tab == "todo":  # a few documents: sorted
        todo = outgoing_todo(user, actings=actings).filter(where)
        if words is not None:
            todo = todo.filter(words.q())
        return todo.select_related("document", "unit", "author", "signer").order_by(*RECENT)
    if tab == "issued":
        where &= Q(status=OutgoingStatus.ISSUED)
    return OutgoingList(
        user,
        actings=actings,
        where=where,
        words=words,
        order=LATEST_ISSUED if tab == "issued" else RECENT,
        mine=tab == "mine",
    )


@login_required
@require_GET
def outgoing_list(request: HttpRequest) -> HttpResponse:
    """Văn bản đi the person may see, by tab, filtered, 50 to a page, counted only as far as
    the page needs (``CappedPaginator``)."""
    user = _user(request)
    acting = current_acting(request)
    tab = request.GET.get("tab", "todo")
    if tab not in TABS:
        tab = "todo"
    filter_form = ListFilter(request.GET or None)
    filters = filter_form.filters() if request.GET else {}
    actings = request_actings(request)
    paginator = CappedPaginator(_listing(user, tab, actings, filters), PER_PAGE)
    page: Page[Any] = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    page.object_list = list(page.object_list)
    return render(
        request,
        "outgoing/list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "rows": _rows(page.object_list),
            "query": query.urlencode(),
            "tab": tab,
            "tabs": _tabs(
                user,
                actings,
                shown=None
                if filters
                else (tab, Counted(paginator.count, paginator.count_is_lower_bound)),
            ),
            "filtered": bool(filters),
            "drafts": can_draft(acting),
            # The unit's own pages: the delivery board, the register book, recipient groups.
            "unit_pages": acting is not None and acting.role in BOOK_ROLES,
        },
    )


# The statements of the tabs' counts, by the person's scope (``_tabs``).
_tab_counts: Remembered[list[SQL | None]] = Remembered(1024)


def _tabs(
    user: User, actings: list[Acting], *, shown: tuple[str, Counted] | None
) -> list[tuple[str, Any, Counted]]:
    """Each tab with its label and the count of its list unfiltered; ``shown``: the tab shown
    unfiltered, counted with its page.

    Each count stops at the lists' cap ("All" may be most of the archive) and is read as the
    tab's page is, branch by branch (the rule's one query took 7 ms to count the city clerk's
    issued documents at a million, read so 4); all of them in one statement, whose text is
    built once for the person's scope (``org.selectors.scope_key``): building the tabs' lists
    through the ORM took 7–10 ms of each page of the city clerk's, filtered or not."""
    cap = paging.COUNT_CAP
    counted = tuple(key for key in TABS if shown is None or key != shown[0])
    statements = _tab_counts.get(
        (scope_key(user, actings), counted, cap),
        lambda: [capped_count_sql(_listing(user, key, actings, {}), cap) for key in counted],
    )
    counts = dict(zip(counted, read_capped_counts(statements, cap), strict=True))
    if shown is not None:
        counts[shown[0]] = shown[1]
    return [(key, label, counts[key]) for key, label in TABS.items()]


def _rows(items: list[OutgoingDocument]) -> list[dict[str, Any]]:
    """What each row of the list shows (``web.rows``); its document for the marks."""
    link = link_for_each("outgoing:detail")
    statuses = labels_of(OutgoingStatus)
    rows = []
    for item in items:
        document, author = item.document, item.author
        rows.append(
            {
                "pk": item.pk,
                "status": item.status,
                "status_label": statuses.get(item.status, item.status),
                "symbol": document.symbol,
                "issued": short_date(document.issued_date),
                "link": link(item.pk),
                "subject": clipped(document.subject, 140),
                "unit": item.unit.short_name or item.unit.full_name,
                "author": author.get_full_name() if author else "",
                "marked": marked(document),
                "document": document,
            }
        )
    return rows


# --- the draft form -------------------------------------------------------------------------


def _draft_form(
    request: HttpRequest, acting: Acting, data: Any = None, files: Any = None
) -> DraftForm:
    user = _user(request)
    units = issuing_units(acting.unit)
    initial: dict[str, Any] = {}
    reply_to = request.GET.get("reply_to", "")
    if reply_to.isdigit():
        initial["reply_to"] = int(reply_to)
    return DraftForm(
        data,
        files,
        units=units,
        people=people_for(units),
        system=system_of(units[0]),
        groups=list(
            RecipientGroup.objects.filter(owner__in=units)
            .prefetch_related("units")
            .order_by("name")
        ),
        clearance=user.clearance,
        initial=initial,
    )


def _draft_page(request: HttpRequest, form: DraftForm, status: int = 200) -> HttpResponse:
    reply_to = None
    value = form["reply_to"].value()
    if value not in (None, "") and str(value).isdigit():
        reply_to = (
            incoming_visible_to(_user(request))
            .select_related("document")
            .filter(pk=int(value))
            .first()
        )
    chosen = set(form["recipient_units"].value() or [])
    return render(
        request,
        "outgoing/new.html",
        {
            "form": form,
            "tree": network_tree(),
            "chosen_units": chosen,
            "reply_to": reply_to,
            "max_bytes": max_upload_bytes(),
            "max_mb": settings.MAX_UPLOAD_MB,
            "max_files": settings.MAX_UPLOAD_FILES,
            "client_messages": client_messages(),
        },
        status=status,
    )


def _refuse_body(request: HttpRequest, acting: Acting) -> HttpResponse | None:
    """An answer for an upload cut off for its size or number of files, else None (before the
    CSRF check, as on the intake page: a body not read has no token to check)."""
    try:
        request.POST  # noqa: B018 - reading it parses the body, files included
        request.FILES  # noqa: B018
    except TooManyFilesSent:
        messages.error(request, too_many())
        return _draft_page(request, _draft_form(request, acting), 413)
    if upload_too_large(request):
        messages.error(request, rejection_message("too_large"))
        return _draft_page(request, _draft_form(request, acting), 413)
    return None


def _recipients(form: DraftForm, unit: Unit) -> list[RecipientInput]:
    chosen: list[RecipientInput] = [
        RecipientInput(group=g)
        for g in form.groups
        if str(g.pk) in form.cleaned_data["recipient_groups"]
    ]
    chosen += [RecipientInput(unit=u) for u in form.cleaned_data["recipient_units"]]
    if form.cleaned_data["outside"].strip():
        chosen += recipients_from_text(owner=unit, text=form.cleaned_data["outside"])
    return chosen


def spool_all(request: HttpRequest, stack: ExitStack, uploads: list[Any]) -> list[Spooled] | None:
    """Each upload spooled (checked, hashed), or None with a message for each refused file."""
    spooled: list[Spooled] = []
    refused = False
    for upload in uploads:
        try:
            spooled.append(stack.enter_context(spool_upload(upload)))
        except InvalidInput as refusal:
            refused = True
            name = str(refusal.params.get("file") or upload.name)
            messages.error(request, not_accepted(name, refusal.detail))
    if refused:
        messages.info(request, _("Nothing was saved. Choose the files again."))
        return None
    return spooled


@csrf_protect
def _create(request: HttpRequest, acting: Acting) -> HttpResponse:
    user = _user(request)
    form = _draft_form(request, acting, request.POST, request.FILES)
    if not form.is_valid():
        return _draft_page(request, form, 400)
    unit = next(u for u in form.units if u.slug == form.cleaned_data["unit"])
    reply_to = None
    if form.cleaned_data["reply_to"]:
        reply_to = incoming_visible_to(user).filter(pk=form.cleaned_data["reply_to"]).first()
    chosen = [form.cleaned_data["signer"], *form.cleaned_data["reviewers"]]
    people = {u.pk: u for u in User.objects.filter(pk__in=chosen)}
    with ExitStack() as stack:
        spooled = spool_all(request, stack, form.ordered_uploads())
        if spooled is None:
            return _draft_page(request, form, 400)
        try:
            with transaction.atomic():
                if form.cleaned_data["reply_to"] and reply_to is None:
                    raise InvalidInput(
                        _("No such incoming document to reply to."), code="unknown_reply_to"
                    )
                outgoing = outgoing_create(
                    by=user,
                    unit=unit,
                    drafting_unit=acting.unit,
                    files=spooled,
                    document_type=form.cleaned_data["document_type"],
                    subject=form.cleaned_data["subject"],
                    signer=people[int(form.cleaned_data["signer"])],
                    recipients=_recipients(form, unit),
                    reviewers=[people[int(pk)] for pk in form.cleaned_data["reviewers"]],
                    review_mode=form.cleaned_data["review_mode"],
                    secrecy=form.cleaned_data["secrecy"] or Secrecy.THUONG.code,
                    urgency=form.cleaned_data["urgency"],
                    due_date=form.cleaned_data["due_date"],
                    reply_to=reply_to,
                    signer_position=form.cleaned_data["signer_position"] or None,
                    authority=form.cleaned_data["authority"],
                    note=form.cleaned_data["note"],
                )
        except DomainError as exc:
            _service_errors(form, exc)
            return _draft_page(request, form, 400)
    messages.success(request, _("The draft was saved. Submit it for review when it is ready."))
    return redirect("outgoing:detail", pk=outgoing.pk)


def _service_errors(form: DraftForm, error: DomainError) -> None:
    """A service's refusal on the form, by field where it names fields."""
    errors = error.params.get("errors")
    if isinstance(errors, dict) and errors:
        for name, message in errors.items():
            form.add_error(name if name in form.fields else None, str(message))
        return
    form.add_error(None, error.detail)


@csrf_exempt  # checked in _create, once the body is known to be within the limits
@login_required
@require_http_methods(["GET", "POST"])
@domain_errors
def outgoing_new(request: HttpRequest) -> HttpResponse:
    """Soạn văn bản: the draft's files and what it is, who signs, reviews and receives it; from
    an incoming document's page, as the reply to it."""
    acting = access_draft(request)
    if request.method == "POST":
        return _refuse_body(request, acting) or _create(request, acting)
    return _draft_page(request, _draft_form(request, acting))
