"""The work pages: my inbox (hộp việc), the unit's follow-up, and one assignment with the steps
its assignee may take now.

Thin views: parse the request, load what the person may touch (``incoming.access``), call the
service, come back to the page with a message; a refusal is shown on the form it concerns, never
as a 500. The lists are read through ``incoming.inbox`` (scope, buckets, filters, paging).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import TooManyFilesSent
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from vanphong.core.errors import Conflict, Forbidden, InvalidInput
from vanphong.documents.storage import Spooled, rejection_message, spool_upload
from vanphong.documents.uploads import upload_too_large
from vanphong.incoming.access import access_assignment
from vanphong.incoming.history import history_steps
from vanphong.incoming.inbox import (
    BUCKET_LABELS,
    BUCKETS,
    InboxPage,
    assignment_bucket,
    can_follow_up_unit,
    inbox_for_person,
    inbox_for_unit,
    inbox_page,
    inbox_registers,
)
from vanphong.incoming.models import IncomingStatus
from vanphong.incoming.processing import (
    incoming_complete,
    incoming_complete_with_reply,
    incoming_give_back,
    incoming_progress,
)
from vanphong.org.acting import current_acting, request_actings
from vanphong.org.models import User
from vanphong.org.roles import Capability, cleared_for
from vanphong.registers.models import Register
from vanphong.web.errors import domain_errors
from vanphong.web.labels import labels_of
from vanphong.web.rows import clipped, link_for_each, marked
from vanphong.web.uploads import not_accepted
from vanphong.work.access import can_act, can_follow_up
from vanphong.work.forms import (
    AttachForm,
    CommentForm,
    CompleteForm,
    GiveBackForm,
    HandOverForm,
    InboxFilterForm,
    ProgressForm,
    RemindForm,
    StepForm,
)
from vanphong.work.models import Assignment, AssignmentKind, AssignmentStatus
from vanphong.work.selectors import (
    assignees_for,
    assignment_events,
    colleagues_for,
    reply_candidates,
)
from vanphong.work.services import (
    allowed_steps,
    assignee_label,
    assignment_accept,
    assignment_attach,
    assignment_comment,
    assignment_hand_over,
    assignment_mark_read,
    assignment_remind,
)

PAGE_SIZE = 25
LAST_PAGE = 100_000  # no inbox has that many pages; a larger number is a typing slip


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --- the lists -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    count: int
    url: str
    active: bool
    lower_bound: bool = False  # more than ``count`` (done work is counted only so far)


def _page_number(value: str | None) -> int:
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return min(max(number, 1), LAST_PAGE)


def _url(query: QueryDict, **changes: object) -> str:
    params = [(k, v) for k in query for v in query.getlist(k) if k not in changes]
    params += [(k, str(v)) for k, v in changes.items() if v not in (None, "", 1)]
    return "?" + urlencode(params) if params else "?"


def _list_page(
    request: HttpRequest,
    qs: Any,
    form: InboxFilterForm,
    *,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    bucket = request.GET.get("bucket", "")
    bucket = bucket if bucket in BUCKETS else ""
    number = _page_number(request.GET.get("page"))
    page: InboxPage = inbox_page(qs, bucket=bucket, page=number, page_size=PAGE_SIZE)
    # With a count that stopped early the last page is not known (nor needed: the pager
    # offers the next page while there is one); a page past the end comes with exact counts.
    pages = None if page.count_is_lower_bound else max(1, math.ceil(page.count / PAGE_SIZE))
    if pages is not None and number > pages:
        # An old link past the end (work was done meanwhile): the last page there is.
        return redirect(request.path + _url(request.GET, page=pages))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("bucket", None)
    tabs = [
        Tab(
            key,
            str(_("All")) if key == "" else str(BUCKET_LABELS[key]),
            page.counts["total" if key == "" else key],
            _url(query, bucket=key),
            key == bucket,
            page.is_lower_bound(key),
        )
        for key in ("", *BUCKETS)
    ]
    here = query.copy()
    if bucket:
        here["bucket"] = bucket
    context.update(
        form=form,
        page=page,
        rows=_rows(page.items, unit_view=context["unit_view"]),
        pages=pages,
        tabs=tabs,
        previous_url=_url(here, page=page.page - 1) if page.has_previous else None,
        next_url=_url(here, page=page.page + 1) if page.has_next else None,
        filtered=form.filtered,
    )
    return render(request, template, context)


def _rows(items: list[Assignment], *, unit_view: bool) -> list[dict[str, Any]]:
    """What each row of a work list shows (``web.rows``); ``deadline``, ``bucket``, ``kind``
    and ``progress`` as the assignment has them, for ``_deadline.html`` and ``_progress.html``,
    and the document for its marks."""
    link = link_for_each("work:assignment")
    kinds, statuses = labels_of(AssignmentKind), labels_of(AssignmentStatus)
    no_subject = _("(no subject)")
    rows = []
    for a in items:
        document = a.document
        incoming = getattr(document, "incoming", None)  # work on an incoming document
        assignee = ""
        if unit_view:  # a person by name, else the unit given the work
            person, unit = a.assignee_user, a.assignee_unit
            assignee = person.get_full_name() if person else unit.short_name if unit else ""
        rows.append(
            {
                "pk": a.pk,
                "bucket": a.bucket,  # type: ignore[attr-defined]  # annotated by the inbox
                "status": a.status,
                "status_label": statuses.get(a.status, a.status),
                "kind": a.kind,
                "kind_label": kinds.get(a.kind, a.kind),
                "arrival": incoming.arrival if incoming is not None else "",
                "link": link(a.pk),
                "symbol": document.symbol,
                "subject": clipped(document.subject or no_subject, 140),
                "marked": marked(document),
                "document": document,
                "issuer": document.issuer,
                "assignee": assignee,
                "deadline": a.deadline,
                "progress": a.progress,
            }
        )
    return rows


def _follows_up(request: HttpRequest) -> bool:
    acting = current_acting(request)
    return acting is not None and (
        acting.can(Capability.FOLLOW_UP) or acting.can(Capability.DIRECT)
    )


@login_required
@require_GET
@domain_errors
def inbox(request: HttpRequest) -> HttpResponse:
    """Công việc của tôi: the work given to me (or to my unit) in the role I act in, by bucket,
    filtered, sorted, 25 to a page."""
    user = _user(request)
    acting = current_acting(request)
    registers = inbox_registers(user, acting.unit) if acting else Register.objects.none()
    form = InboxFilterForm(request.GET or None, registers=registers)
    qs = inbox_for_person(
        user,
        acting=acting,
        filters=form.filters(),
        sort=form.ordering(),
        actings=request_actings(request),
    )
    return _list_page(
        request,
        qs,
        form,
        template="work/inbox.html",
        context={"unit_view": False, "follows_up": _follows_up(request)},
    )


@login_required
@require_GET
@domain_errors
def unit_inbox(request: HttpRequest) -> HttpResponse:
    """Theo dõi, đôn đốc: the work done in my unit (and, when asked, the units under it), for
    the leaders who follow it up, with who has it."""
    user = _user(request)
    acting = current_acting(request)
    actings = request_actings(request)
    if (
        acting is None
        or not _follows_up(request)
        or not can_follow_up_unit(user, acting.unit, actings=actings)
    ):
        raise Forbidden(
            _("Only a leader of this unit or of a unit above it follows up its work."),
            code="not_follow_up",
        )
    unit = acting.unit
    form = InboxFilterForm(
        request.GET or None,
        registers=inbox_registers(user, unit),
        assignees=assignees_for(unit),
    )
    qs = inbox_for_unit(
        unit,
        user=user,
        filters=form.filters(),
        sort=form.ordering(),
        include_subunits=form.with_subunits(),
        actings=actings,
    )
    return _list_page(
        request,
        qs,
        form,
        template="work/inbox.html",
        context={"unit_view": True, "follows_up": True, "unit": unit},
    )


# --- one assignment --------------------------------------------------------------------------

# The page's actions, in the order they are offered, and the step of ``TRANSITIONS`` each is.
ACTIONS = {
    "accept": "accept",
    "read": "read",
    "progress": "progress",
    "complete": "complete",
    "comment": "comment",
    "attach": "attach",
    "hand_over": "hand_over",
    "give_back": "return",
    "remind": "remind",
}
# Steps that move the document's work on, possible only while the document is in progress.
WHILE_IN_WORK = {"progress", "complete", "give_back"}
ASSIGNEE_ACTIONS = set(ACTIONS) - {"remind"}
FOLLOWER_ACTIONS = {"comment", "remind"}


def _allowed(request: HttpRequest, assignment: Assignment) -> set[str]:
    """The actions the signed-in person's part in ``assignment`` gives them, whatever its
    state: the assignee's (cleared for the document), and those of whoever gave the work or
    leads the document's unit. A leader of a unit under it only reads."""
    user, actings = _user(request), request_actings(request)
    allowed: set[str] = set()
    acts = can_act(user, assignment, actings=actings)
    if acts and cleared_for(user.clearance, assignment.document.secrecy):
        allowed |= ASSIGNEE_ACTIONS
    if can_follow_up(user, assignment, actings=actings):
        allowed |= FOLLOWER_ACTIONS
    return allowed


def _actions(request: HttpRequest, assignment: Assignment) -> list[str]:
    """What the signed-in person may do on ``assignment`` now, in the order the page offers
    it."""
    steps = allowed_steps(assignment)
    allowed = _allowed(request, assignment)
    in_work = assignment.document.incoming.status == IncomingStatus.IN_PROGRESS
    if assignment.kind == AssignmentKind.INFORM:
        allowed.discard("remind")  # nothing to urge: it is only read
    return [
        name
        for name, step in ACTIONS.items()
        if name in allowed and step in steps and (in_work or name not in WHILE_IN_WORK)
    ]


def _blank_form(name: str, user: User, assignment: Assignment) -> forms.Form:
    if name == "comment":
        return CommentForm()
    if name == "attach":
        return AttachForm()
    if name == "progress":
        return ProgressForm(initial={"percent": assignment.progress})
    if name == "hand_over":
        return HandOverForm(colleagues=colleagues_for(assignment), me=user)
    if name == "give_back":
        return GiveBackForm()
    if name == "complete":
        return CompleteForm(replies=reply_candidates(user, assignment))
    if name == "remind":
        return RemindForm()
    return StepForm()


def _assignment_page(
    request: HttpRequest,
    assignment: Assignment,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    incoming = assignment.document.incoming
    bound = bound or {}
    actions = _actions(request, assignment)
    step_forms = {name: bound.get(name) or _blank_form(name, user, assignment) for name in actions}
    if "hand_over" in step_forms and not step_forms["hand_over"].fields["to"].choices[1:]:  # type: ignore[attr-defined]
        del step_forms["hand_over"]  # nobody to hand it over to
    bucket = assignment_bucket(assignment)
    setattr(assignment, "bucket", bucket)  # noqa: B010 - as the lists annotate it
    steps = history_steps(
        assignment_events(assignment),
        reply_url=lambda document_id: reverse("incoming:reply", args=[incoming.pk, document_id]),
    )
    return render(
        request,
        "work/assignment.html",
        {
            "assignment": assignment,
            "document": assignment.document,
            "incoming": incoming,
            "who": assignee_label(assignment),
            "bucket": bucket,
            "forms": step_forms,
            "steps": steps,
            "files": list(
                assignment.document.files.select_related("file", "file__searchable").order_by(
                    "position"
                )
            ),
            "is_inform": assignment.kind == AssignmentKind.INFORM,
        },
        status=status,
    )


@login_required
@require_GET
@domain_errors
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One assignment: the document, the direction, the deadline, its history, and the steps
    the person may take now."""
    return _assignment_page(request, access_assignment(request, pk))


Action = Callable[[Any], str]


def _step(
    request: HttpRequest,
    assignment: Assignment,
    name: str,
    form: forms.Form,
    action: Action,
    *,
    then: str | None = None,
) -> HttpResponse:
    """Run ``action`` (the service call, answering the message to show) when ``form`` is
    valid; a refusal goes onto the form, a change of state meanwhile into a message."""
    back = then or reverse("work:assignment", args=[assignment.pk])
    if name not in _allowed(request, assignment):
        raise Forbidden(_("This step is not yours to take on this work."), code="not_allowed")
    # Whether the step is open now is the service's to say (a page left open may be stale).
    if form.is_valid():
        try:
            text = action(form)
        except Conflict as exc:
            messages.error(request, exc.detail)
            return redirect(back)
        except InvalidInput as exc:
            form.add_service_error(exc)  # type: ignore[attr-defined]
        else:
            messages.success(request, text)
            return redirect(back)
    return _assignment_page(request, assignment, bound={name: form}, status=400)


def _post(view: Callable[[HttpRequest, Assignment], HttpResponse]) -> Callable[..., HttpResponse]:
    """A step's view: signed in, POST only, the assignment opened through ``access``."""

    @login_required
    @require_POST
    @domain_errors
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        return view(request, access_assignment(request, pk))

    return wrapper


@_post
def assignment_accept_view(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    """Tiếp nhận: the assignee takes the work on."""
    user = _user(request)

    def do(form: StepForm) -> str:
        assignment_accept(by=user, assignment=assignment)
        return _("You accepted the work.")

    return _step(request, assignment, "accept", StepForm(request.POST), do)


@_post
def assignment_read_view(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    """Đã xem: work for information has been read."""
    user = _user(request)

    def do(form: StepForm) -> str:
        assignment_mark_read(by=user, assignment=assignment)
        return _("Marked as read.")

    return _step(request, assignment, "read", StepForm(request.POST), do)


@_post
def assignment_comment_view(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    """Ý kiến on open work, by the assignee or a leader following it up."""
    user = _user(request)

    def do(form: CommentForm) -> str:
        assignment_comment(by=user, assignment=assignment, text=form.cleaned_data["text"])
        return _("Your comment was added.")

    return _step(request, assignment, "comment", CommentForm(request.POST), do)


@_post
def assignment_progress_view(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    """Báo cáo tiến độ: how far the work is, with a note."""
    user = _user(request)

    def do(form: ProgressForm) -> str:
        percent = form.cleaned_data["percent"]
        incoming_progress(
            by=user, assignment=assignment, percent=percent, note=form.cleaned_data["note"]
        )
        return _("Progress reported: %(percent)s%%.") % {"percent": percent}

    return _step(request, assignment, "progress", ProgressForm(request.POST), do)


@_post
def assignment_hand_over_view(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    """Chuyển giao to a colleague of the unit (for work given to a unit: to the person who
    will do it, oneself included)."""
    user = _user(request)
    form = HandOverForm(request.POST, colleagues=colleagues_for(assignment), me=user)
    successor: list[Assignment] = []

    def do(form: HandOverForm) -> str:
        to = form.person
        successor.append(
            assignment_hand_over(
                by=user, assignment=assignment, to=to, note=form.cleaned_data["note"]
            )
        )
        if to == user:
            return _("The work is yours now.")
        return _("The work was handed over to %(name)s.") % {"name": to.get_full_name()}

    response = _step(request, assignment, "hand_over", form, do)
    if successor and successor[0].assignee_user_id == user.pk:
        return redirect("work:assignment", pk=successor[0].pk)
    return response


@_post
def assignment_give_back_view(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    """Trả lại: the work goes back, with the reason, to whoever gave it."""
    user = _user(request)

    def do(form: GiveBackForm) -> str:
        incoming_give_back(by=user, assignment=assignment, reason=form.cleaned_data["reason"])
        return _("The work was given back to %(name)s.") % {
            "name": assignment.created_by.get_full_name()
        }

    return _step(request, assignment, "give_back", GiveBackForm(request.POST), do)


@_post
def assignment_remind_view(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    """Đôn đốc: whoever gave the work, or a leader following it up, urges the assignee on.
    From the document page (``back=document``) the answer goes back there."""
    user = _user(request)
    then = None
    if request.POST.get("back") == "document":
        then = reverse("incoming:detail", args=[assignment.document.incoming.pk])

    def do(form: RemindForm) -> str:
        assignment_remind(by=user, assignment=assignment, note=form.cleaned_data["note"])
        return _("%(name)s was reminded of the work.") % {"name": assignee_label(assignment)}

    return _step(request, assignment, "remind", RemindForm(request.POST), do, then=then)


# --- the steps that take files ---------------------------------------------------------------


def _upload_limits(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the steps that send files: an upload cut off for its size or its number of files is
    answered with the reason before the CSRF check (a body never read has no token to check,
    and the answer changes nothing); every other request is checked as usual."""
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        if request.method == "POST" and request.user.is_authenticated:
            try:
                request.POST  # noqa: B018 - reading it parses the body, files included
                request.FILES  # noqa: B018
            except TooManyFilesSent:
                messages.error(
                    request,
                    _("At most %(count)d files can be sent at once.")
                    % {"count": settings.MAX_UPLOAD_FILES},
                )
                return redirect("work:assignment", pk=pk)
            if upload_too_large(request):
                messages.error(request, rejection_message("too_large"))
                return redirect("work:assignment", pk=pk)
        return protected(request, pk)

    return wrapper


def _spool_all(stack: ExitStack, uploads: list[Any], form: forms.Form, field: str) -> list[Spooled]:
    """Every upload spooled, or none: each refused file is named on ``field``."""
    spooled = []
    for upload in uploads:
        try:
            spooled.append(stack.enter_context(spool_upload(upload)))
        except InvalidInput as refusal:
            name = str(refusal.params.get("file") or upload.name)
            form.add_error(field, not_accepted(name, refusal.detail))
    return spooled if not form.errors else []


@_upload_limits
@_post
def assignment_attach_view(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    """Tệp xử lý: working files (drafts, notes, figures) attached to the document."""
    user = _user(request)
    form = AttachForm(request.POST, request.FILES)

    def do(form: AttachForm) -> str:
        with ExitStack() as stack:
            spooled = _spool_all(stack, form.cleaned_data["uploads"], form, "uploads")
            if not spooled:
                raise InvalidInput(_("Nothing was saved. Choose the files again."))
            attached = assignment_attach(by=user, assignment=assignment, files=spooled)
        return _("Files attached: %(names)s.") % {"names": ", ".join(f.name for f in attached)}

    return _step(request, assignment, "attach", form, do)


@_upload_limits
@_post
def assignment_complete_view(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    """Hoàn thành: the result, and the reply document chosen or uploaded."""
    user = _user(request)
    form = CompleteForm(request.POST, request.FILES, replies=reply_candidates(user, assignment))

    def do(form: CompleteForm) -> str:
        result = form.cleaned_data["result"]
        upload = form.upload
        if upload is None:
            done = incoming_complete(
                by=user, assignment=assignment, result=result, reply=form.reply_document
            )
        else:
            with ExitStack() as stack:
                spooled = _spool_all(stack, [upload], form, "reply_file")
                if not spooled:
                    raise InvalidInput(_("Nothing was saved. Choose the files again."))
                done = incoming_complete_with_reply(
                    by=user,
                    assignment=assignment,
                    files=spooled,
                    result=result,
                    subject=form.cleaned_data["reply_subject"],
                )
        if done.kind == AssignmentKind.LEAD:
            return _("The work is completed, and with it the processing of the document.")
        return _("The work is completed.")

    return _step(request, assignment, "complete", form, do)
