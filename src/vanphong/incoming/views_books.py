"""The registers on paper, from the web: pick a book, a period and a format, get the file."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from vanphong.incoming.books import incoming_book, incoming_book_size
from vanphong.incoming.tasks import print_incoming_book
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
from vanphong.registers.views import Books, book_answer, books_context, prints_panel
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


INCOMING_BOOKS = Books(
    kinds=(BookKind.REGISTER, BookKind.TRACKING),
    size=lambda *, kind, **asked: incoming_book_size(**asked),
    lines=incoming_book,
    task=print_incoming_book,
    panel="incoming:book-prints",
)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors
def incoming_books(request: HttpRequest) -> HttpResponse:
    """The incoming register book and the tracking sheet of the unit one acts for, as PDF or
    xlsx, for clerks, office leaders and leaders (others get 403): the file itself, or, for a
    long book, made by a worker when asked for (POST) and listed on the page
    (``registers.views``)."""
    user = cast(User, request.user)
    unit = check_may_print(current_acting(request))
    registers = list(book_registers(user, unit))
    data = request.POST if request.method == "POST" else request.GET
    form = IncomingBookForm(data if "format" in data else None, registers=registers)
    answer, lines = book_answer(request, form, user=user, unit=unit, books=INCOMING_BOOKS)
    if answer is not None:
        return answer
    return render(
        request,
        "incoming/books.html",
        {"form": form, "unit": unit, "lines": lines, **books_context(user, unit, INCOMING_BOOKS)},
    )


@login_required
@require_GET
@domain_errors
def incoming_book_prints(request: HttpRequest) -> HttpResponse:
    """The person's prints of the unit's incoming books (``registers.views.prints_panel``)."""
    return prints_panel(request, INCOMING_BOOKS)
