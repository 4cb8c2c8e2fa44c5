"""The outgoing register book from the web: pick a register, a period and a format, get the
file (the incoming books' page, ``incoming.views_books``, for the documents a unit issued)."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from vanphong.org.acting import current_acting
from vanphong.org.models import User
from vanphong.outgoing.books import outgoing_book
from vanphong.registers.books import book_registers, check_may_print
from vanphong.registers.forms import BookForm
from vanphong.registers.models import RegisterKind
from vanphong.registers.render import book_response
from vanphong.web.errors import domain_errors


class OutgoingBookForm(BookForm):
    """Which of the unit's outgoing registers, over which days of issue, in which format."""

    unknown_register = _("There is no such outgoing register in your unit.")


@login_required
@require_GET
@domain_errors
def outgoing_books(request: HttpRequest) -> HttpResponse:
    """The outgoing register book of the unit one acts for, as PDF or xlsx, for clerks,
    office leaders and leaders (others get 403)."""
    user = cast(User, request.user)
    unit = check_may_print(current_acting(request))
    registers = list(book_registers(user, unit, RegisterKind.OUTGOING))
    if "format" not in request.GET:
        form = OutgoingBookForm(registers=registers)
    else:
        form = OutgoingBookForm(request.GET, registers=registers)
        if form.is_valid():
            data = form.cleaned_data
            rows, meta = outgoing_book(
                user=user,
                unit=unit,
                start=data["start"],
                end=data["end"],
                register=form.chosen_register,
            )
            return book_response(rows, meta, data["format"])
    return render(request, "outgoing/books.html", {"form": form, "unit": unit})
