"""The registers on paper, from the web: pick a book, a period and a format, get the file."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from vanphong.incoming.books import incoming_book
from vanphong.org.acting import current_acting
from vanphong.org.models import User
from vanphong.registers.books import (
    REGISTER_TITLE,
    TRACKING_TITLE,
    BookKind,
    book_registers,
    check_may_print,
)
from vanphong.registers.forms import BookForm
from vanphong.registers.render import book_response
from vanphong.web.errors import domain_errors


class IncomingBookForm(BookForm):
    """Which book of the unit's incoming registers (the register or the tracking sheet), over
    which days of arrival, in which format."""

    unknown_register = _("There is no such incoming register in your unit.")
    field_order = ["book", "register", "start", "end", "format"]

    book = forms.ChoiceField(
        label=_("Book"),
        choices=[
            (BookKind.REGISTER.value, REGISTER_TITLE),
            (BookKind.TRACKING.value, TRACKING_TITLE),
        ],
        initial=BookKind.REGISTER.value,
        widget=forms.RadioSelect,
    )


@login_required
@require_GET
@domain_errors
def incoming_books(request: HttpRequest) -> HttpResponse:
    """The incoming register book and the tracking sheet of the unit one acts for, as PDF or
    xlsx, for clerks, office leaders and leaders (others get 403)."""
    user = cast(User, request.user)
    unit = check_may_print(current_acting(request))
    registers = list(book_registers(user, unit))
    if "format" not in request.GET:
        form = IncomingBookForm(registers=registers)
    else:
        form = IncomingBookForm(request.GET, registers=registers)
        if form.is_valid():
            data = form.cleaned_data
            rows, meta = incoming_book(
                kind=data["book"],
                user=user,
                unit=unit,
                start=data["start"],
                end=data["end"],
                register=form.chosen_register,
            )
            return book_response(rows, meta, data["format"])
    return render(request, "incoming/books.html", {"form": form, "unit": unit})
