"""Ủy quyền: delegating one's own role for a while, and seeing what was delegated."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vanphong.core.errors import Conflict, DomainError
from vanphong.org.access import access_delegation
from vanphong.org.models import User
from vanphong.org.services import delegation_grant, delegation_revoke
from vanphong.web.access import access_revoke
from vanphong.web.errors import domain_errors
from vanphong.web.forms import DelegationForm
from vanphong.web.selectors import (
    delegation_candidates,
    delegations_given,
    delegations_received,
    memberships_held_by,
)


def _form(user: User, data: object = None) -> DelegationForm:
    memberships = list(memberships_held_by(user))
    candidates = delegation_candidates(user, {m.unit for m in memberships})
    return DelegationForm(data, memberships=memberships, candidates=candidates)


@login_required
@require_http_methods(["GET", "POST"])
def delegation_list(request: HttpRequest) -> HttpResponse:
    """What I delegated, what was delegated to me, and the form to delegate one of my roles."""
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        form = _form(user, request.POST)
        if form.is_valid():
            start, end = form.period
            try:
                delegation = delegation_grant(
                    by=user,
                    grantor=user,
                    grantee=form.grantee_user,
                    unit=form.chosen_membership.unit,
                    role=form.chosen_membership.role,
                    valid_from=start,
                    valid_to=end,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form.add_error(None, exc.detail)
            else:
                messages.success(
                    request,
                    _("%(person)s may act as %(role)s of %(unit)s until %(end)s.")
                    % {
                        "person": delegation.grantee,
                        "role": delegation.get_role_display(),
                        "unit": delegation.unit.short_name,
                        "end": f"{end:%d/%m/%Y}",
                    },
                )
                return redirect("web:delegations")
    else:
        form = _form(user)
    return render(
        request,
        "web/delegations.html",
        {
            "form": form,
            "given": delegations_given(user),
            "received": delegations_received(user),
        },
    )


@login_required
@require_POST
@domain_errors
def delegation_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """End a delegation now; the delegate loses the role on their next page."""
    user: User = request.user  # type: ignore[assignment]
    delegation = access_revoke(user, access_delegation(user, pk))
    try:
        delegation_revoke(by=user, delegation=delegation)
    except Conflict as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(
            request,
            _("The delegation to %(person)s has been revoked.") % {"person": delegation.grantee},
        )
    return redirect("web:delegations")
