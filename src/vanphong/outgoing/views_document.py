"""One outgoing document: its page and every step taken from it.

The page shows what the document is, who receives it, its versions and the comments on them,
the review of each submission, once issued its symbol and where each recipient stands, and its
history; and the forms of the steps the person may take now (``outgoing_actions``). Each step
posts to its own URL and comes back to the page with a message (POST, redirect, message): a
refusal of the service is such a message, never a 500. A step the person may not take is
refused with 403; a document they may not see does not exist for them (404).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vanphong.core.errors import DomainError, Forbidden
from vanphong.documents.doctypes import by_code
from vanphong.incoming.forms import FIELD_LABELS
from vanphong.incoming.history import document_history
from vanphong.incoming.selectors import incoming_visible_to
from vanphong.org.acting import request_actings
from vanphong.org.models import User
from vanphong.org.roles import Secrecy
from vanphong.outgoing.access import access_outgoing, outgoing_actions
from vanphong.outgoing.forms import (
    CommentForm,
    ForwardForm,
    OpinionForm,
    PassphraseForm,
    ReasonForm,
    ReplaceForm,
    ReturnForm,
    SubmitForm,
    UpdateForm,
    VersionForm,
    form_errors,
    people_by_pk,
    people_for,
)
from vanphong.outgoing.models import DraftVersion, OutgoingDocument, ReviewStep
from vanphong.outgoing.selectors import outgoing_deliveries
from vanphong.outgoing.services import (
    outgoing_add_version,
    outgoing_cancel,
    outgoing_comment,
    outgoing_issue,
    outgoing_recall,
    outgoing_replace,
    outgoing_review,
    outgoing_sign,
    outgoing_signer_return,
    outgoing_submit,
    outgoing_update,
    system_of,
)
from vanphong.outgoing.views import spool_all
from vanphong.registers.symbols import Symbol
from vanphong.signing.selectors import stored_file_signatures
from vanphong.web.errors import domain_errors


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@dataclass(frozen=True)
class Round:
    """One submission of the draft and its reviewers' steps."""

    number: int
    steps: list[ReviewStep]


def _versions(outgoing: OutgoingDocument) -> list[DraftVersion]:
    return list(
        outgoing.versions.select_related("file", "created_by")
        .prefetch_related("comments__author")
        .order_by("-number")
    )


def _rounds(outgoing: OutgoingDocument) -> list[Round]:
    rounds: dict[int, list[ReviewStep]] = {}
    for step in outgoing.steps.select_related("reviewer", "version", "forwarded_to__reviewer"):
        rounds.setdefault(step.round, []).append(step)
    return [Round(n, steps) for n, steps in sorted(rounds.items(), reverse=True)]


def _context(request: HttpRequest, outgoing: OutgoingDocument) -> dict[str, Any]:
    user = _user(request)
    document = outgoing.document
    actions = outgoing_actions(user, outgoing, actings=request_actings(request))
    doctype = by_code(document.document_type) if document.document_type else None
    people = None
    if {"submit", "forward"} & set(actions):
        people = people_for([outgoing.unit], secrecy=document.secrecy)
    planned = {str(pk) for pk in outgoing.planned_reviewers}
    reply_to = (
        incoming_visible_to(user).select_related("document").filter(pk=outgoing.reply_to_id).first()
        if outgoing.reply_to_id
        else None
    )
    signed = outgoing.issued_file or outgoing.signed_file
    # The symbol as printed under the issuer: "Số 15-CT/TU", "Số: 123/QĐ-UBND".
    symbol = (
        Symbol(outgoing.number, document.notation, system_of(outgoing.unit)).display
        if outgoing.number and document.notation
        else document.symbol
    )
    return {
        "symbol_display": symbol,
        "outgoing": outgoing,
        "document": document,
        "document_type_name": doctype.name if doctype else document.document_type,
        "labels": FIELD_LABELS,
        "actions": actions,
        "recipients": list(outgoing.recipients.select_related("unit")),
        "versions": _versions(outgoing),
        "attachments": list(
            document.files.select_related("file").filter(is_main=False).order_by("position")
        ),
        "rounds": _rounds(outgoing),
        "deliveries": outgoing_deliveries(outgoing) if outgoing.issued_at else [],
        "history": document_history(document),
        "reply_to": reply_to,
        "replaces": outgoing.replaces if outgoing.replaces_id else None,
        "signatures": stored_file_signatures(signed) if signed else [],
        "comment_form": CommentForm(),
        "version_form": VersionForm(),
        "submit_form": (
            SubmitForm(
                people=people,
                initial={
                    "reviewers": [str(pk) for pk in outgoing.planned_reviewers],
                    "review_mode": outgoing.review_mode,
                },
            )
            if people is not None and "submit" in actions
            else None
        ),
        "planned": planned,
        "opinion_form": OpinionForm(),
        "return_form": ReturnForm(),
        "forward_form": ForwardForm(people=people) if people and "forward" in actions else None,
        "passphrase_form": PassphraseForm(),
        "reason_form": ReasonForm(),
        "update_form": UpdateForm(
            initial={
                "subject": document.subject,
                "urgency": document.urgency,
                "due_date": document.due_date,
            }
        ),
        "replace_form": ReplaceForm(),
        "secret": document.secrecy > Secrecy.THUONG,
    }


@login_required
@require_GET
@domain_errors
def outgoing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The page of an outgoing document, with the steps the person may take now."""
    outgoing = access_outgoing(_user(request), pk, actings=request_actings(request))
    return render(request, "outgoing/detail.html", _context(request, outgoing))


# --- the steps ------------------------------------------------------------------------------

Step = Callable[[HttpRequest, OutgoingDocument], "str | HttpResponse"]


def step(*names: str) -> Callable[[Step], Callable[..., HttpResponse]]:
    """A step on the document's page: open to those who see the document (else 404) and may
    take one of ``names`` now (else 403). The step answers its success message (or a response
    of its own); a refusal of a service or a form comes back as an error message."""

    def decorate(view: Step) -> Callable[..., HttpResponse]:
        @login_required
        @require_POST
        @domain_errors
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
            user, actings = _user(request), request_actings(request)
            outgoing = access_outgoing(user, pk, actings=actings)
            if not set(names) & set(outgoing_actions(user, outgoing, actings=actings)):
                raise Forbidden(_("You may not do this with this document now."))
            try:
                answer = view(request, outgoing)
            except FormRefused as refused:
                for line in refused.lines:
                    messages.error(request, line)
            except DomainError as exc:
                if isinstance(exc, Forbidden):
                    raise
                messages.error(request, exc.detail)
            else:
                if isinstance(answer, HttpResponse):
                    return answer
                messages.success(request, answer)
            return redirect("outgoing:detail", pk=pk)

        return wrapper

    return decorate


class FormRefused(Exception):
    """A step's form was not valid: its errors, one message each."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines)
        self.lines = lines


F = TypeVar("F", bound=forms.Form)


def _valid(form: F) -> F:
    if not form.is_valid():
        raise FormRefused(form_errors(form))
    return form


@step("revise", "add_final")
def outgoing_version_view(request: HttpRequest, outgoing: OutgoingDocument) -> str:
    """Phiên bản mới: a revised draft, or the final PDF of an approved one."""
    form = _valid(VersionForm(request.POST, request.FILES))
    with ExitStack() as stack:
        spooled = spool_all(request, stack, [form.cleaned_data["upload"]])
        if spooled is None:
            raise FormRefused([])  # spool_all said why
        version = outgoing_add_version(
            by=_user(request), outgoing=outgoing, file=spooled[0], note=form.cleaned_data["note"]
        )
    return _("Version %(number)s was added.") % {"number": version.number}


@step("comment")
def outgoing_comment_view(request: HttpRequest, outgoing: OutgoingDocument) -> str:
    """Góp ý on a version of the draft (the latest unless another is named)."""
    form = _valid(CommentForm(request.POST))
    version = None
    if form.cleaned_data["version"]:
        version = outgoing.versions.filter(number=form.cleaned_data["version"]).first()
    outgoing_comment(
        by=_user(request), outgoing=outgoing, text=form.cleaned_data["text"], version=version
    )
    return _("Your comment was added.")


@step("submit")
def outgoing_submit_view(request: HttpRequest, outgoing: OutgoingDocument) -> str:
    """Trình duyệt: to the reviewers chosen (in order, or all at once), or to the signer."""
    people = people_for([outgoing.unit], secrecy=outgoing.document.secrecy)
    form = _valid(SubmitForm(request.POST, people=people))
    outgoing = outgoing_submit(
        by=_user(request),
        outgoing=outgoing,
        reviewers=people_by_pk(form.cleaned_data["reviewers"]),
        mode=form.cleaned_data["review_mode"],
        note=form.cleaned_data["note"],
    )
    if outgoing.status == "approved":
        return _("The draft went to %(person)s to sign.") % {
            "person": outgoing.signer.get_full_name()
        }
    return _("The draft was submitted for review.")


@step("approve")
def outgoing_approve_view(request: HttpRequest, outgoing: OutgoingDocument) -> str:
    """Đồng ý: the reviewer approves; the last approval sends the draft to the signer."""
    form = _valid(OpinionForm(request.POST))
    outgoing_review(
        by=_user(request), outgoing=outgoing, action="approve", comment=form.cleaned_data["comment"]
    )
    return _("You approved the draft.")


@step("return")
def outgoing_return_view(request: HttpRequest, outgoing: OutgoingDocument) -> str:
    """Trả lại: back to the author with what to change, by the reviewer whose turn it is or by
    the signer instead of signing."""
    form = _valid(ReturnForm(request.POST))
    user = _user(request)
    actions = outgoing_actions(user, outgoing, actings=request_actings(request))
    if "approve" not in actions and "sign" in actions:
        outgoing_signer_return(by=user, outgoing=outgoing, comment=form.cleaned_data["comment"])
    else:
        outgoing_review(
            by=user, outgoing=outgoing, action="return", comment=form.cleaned_data["comment"]
        )
    return _("The draft was returned to its author.")


@step("forward")
def outgoing_forward_view(request: HttpRequest, outgoing: OutgoingDocument) -> str:
    """Chuyển xin ý kiến: another reviewer answers in this reviewer's place."""
    people = people_for([outgoing.unit], secrecy=outgoing.document.secrecy)
    form = _valid(ForwardForm(request.POST, people=people))
    [to] = people_by_pk([form.cleaned_data["to"]])
    outgoing_review(
        by=_user(request),
        outgoing=outgoing,
        action="forward",
        comment=form.cleaned_data["comment"],
        to=to,
    )
    return _("The review was forwarded to %(person)s.") % {"person": to.get_full_name()}


@step("sign")
def outgoing_sign_view(request: HttpRequest, outgoing: OutgoingDocument) -> str:
    """Ký số: the signer's key signs the final PDF."""
    form = _valid(PassphraseForm(request.POST))
    outgoing_sign(by=_user(request), outgoing=outgoing, passphrase=form.cleaned_data["passphrase"])
    return _("Signed. A clerk now numbers and issues it.")


@step("issue")
def outgoing_issue_view(request: HttpRequest, outgoing: OutgoingDocument) -> str:
    """Cấp số, phát hành: number, symbol, agency signature, register, distribution."""
    form = _valid(PassphraseForm(request.POST))
    outgoing = outgoing_issue(
        by=_user(request), outgoing=outgoing, passphrase=form.cleaned_data["passphrase"]
    )
    return _("Issued as %(symbol)s.") % {"symbol": outgoing.document.symbol}


@step("cancel")
def outgoing_cancel_view(request: HttpRequest, outgoing: OutgoingDocument) -> str:
    form = _valid(ReasonForm(request.POST))
    outgoing_cancel(by=_user(request), outgoing=outgoing, reason=form.cleaned_data["reason"])
    return _("The draft was cancelled.")


@step("recall")
def outgoing_recall_view(request: HttpRequest, outgoing: OutgoingDocument) -> str:
    """Thu hồi: every recipient holding it is asked to give it back."""
    form = _valid(ReasonForm(request.POST))
    sent = outgoing_recall(by=_user(request), outgoing=outgoing, reason=form.cleaned_data["reason"])
    return _("The recall was sent to %(count)d recipients.") % {"count": len(sent)}


@step("update")
def outgoing_update_view(request: HttpRequest, outgoing: OutgoingDocument) -> str:
    """Cập nhật: the subject, urgency or deadline corrected at every recipient."""
    form = _valid(UpdateForm(request.POST))
    values = {k: v for k, v in form.values().items() if v is not None}
    sent = outgoing_update(
        by=_user(request), outgoing=outgoing, values=values, reason=form.cleaned_data["reason"]
    )
    return _("The update was sent to %(count)d recipients.") % {"count": len(sent)}


@step("replace")
def outgoing_replace_view(request: HttpRequest, outgoing: OutgoingDocument) -> str | HttpResponse:
    """Thay thế: a new draft that, once issued, replaces this document at every recipient."""
    form = _valid(ReplaceForm(request.POST, request.FILES))
    with ExitStack() as stack:
        spooled = spool_all(request, stack, [form.cleaned_data["upload"]])
        if spooled is None:
            raise FormRefused([])
        with transaction.atomic():
            replacement = outgoing_replace(
                by=_user(request),
                outgoing=outgoing,
                files=spooled,
                reason=form.cleaned_data["reason"],
                subject=form.cleaned_data["subject"] or None,
            )
    messages.success(
        request, _("The replacement was drafted: review it and submit it like any draft.")
    )
    return redirect(reverse("outgoing:detail", args=[replacement.pk]))
