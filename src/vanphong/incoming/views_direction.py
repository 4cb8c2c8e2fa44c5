"""Directing a registered document from its page: the leader's bút phê and the work it gives,
and changing the direction later (chỉ đạo lại).

Only in the role the person acts in now (lãnh đạo văn phòng or lãnh đạo of the receiving unit);
the services check everything again. A refusal comes back onto the form on the document page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanphong.core.errors import Conflict, DomainError
from vanphong.incoming.access import access_direct, access_incoming
from vanphong.incoming.inbox import document_assignments
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.processing import incoming_direct, incoming_reassign
from vanphong.incoming.views_document import document_page
from vanphong.incoming.work_panel import direction_form
from vanphong.org.models import User
from vanphong.web.errors import domain_errors
from vanphong.work.models import Direction


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _done(request: HttpRequest, incoming: IncomingDocument, direction: Direction) -> None:
    incoming.refresh_from_db(fields=["deadline"])
    count = direction.assignments.count()
    if incoming.deadline:
        text = _("The direction was recorded and %(count)s assignments given, due %(date)s.") % {
            "count": count,
            "date": incoming.deadline.strftime("%d/%m/%Y"),
        }
    else:
        text = _("The direction was recorded and %(count)s assignments given.") % {"count": count}
    messages.success(request, text)


def _direct(request: HttpRequest, pk: int, *, again: bool) -> HttpResponse:
    user = _user(request)
    incoming = access_incoming(request, pk)
    access_direct(request, incoming)
    form = direction_form(incoming, document_assignments(incoming.document), request.POST)
    if form.is_valid():
        lead, cooperate, inform = form.targets()
        values = {
            "by": user,
            "incoming": incoming,
            "text": form.cleaned_data["text"],
            "lead": lead,
            "cooperate": cooperate,
            "inform": inform,
            "deadline": form.cleaned_data["deadline"],
        }
        try:
            if again:
                direction = incoming_reassign(**values, reason=form.cleaned_data.get("reason", ""))
            else:
                direction = incoming_direct(**values)
        except Conflict as exc:
            messages.error(request, exc.detail)
            return redirect("incoming:detail", pk=pk)
        except DomainError as exc:
            form.add_service_error(exc)
        else:
            _done(request, incoming, direction)
            return redirect("incoming:detail", pk=pk)
    return document_page(request, incoming, direction_form=form, status=400)


@login_required
@require_POST
@domain_errors
def incoming_direct_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Bút phê: the direction, the lead, co-operators and readers, the deadline."""
    return _direct(request, pk, again=False)


@login_required
@require_POST
@domain_errors
def incoming_reassign_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Chỉ đạo lại: the open lead and co-operating work is withdrawn, the new work given;
    readers already informed stay informed."""
    return _direct(request, pk, again=True)
