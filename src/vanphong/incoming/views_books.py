"""The registers on paper, from the web: pick a book, a period and a format, get the file."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from vanphong.incoming.books import incoming_book, incoming_book_size
from vanphong.incoming.tasks import print_incoming_book
from vanphong.registers.books import (
    REGISTER_TITLE,
    TRACKING_TITLE,
    BookKind,
)
from vanphong.registers.forms import BookForm
from vanphong.registers.models import RegisterKind
from vanphong.registers.views import Books, books_page, prints_panel
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
    registers=RegisterKind.INCOMING,
    form=IncomingBookForm,
    template="incoming/books.html",
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
    xlsx (``registers.views.books_page``)."""
    return books_page(request, INCOMING_BOOKS)


@login_required
@require_GET
@domain_errors
def incoming_book_prints(request: HttpRequest) -> HttpResponse:
    """The person's prints of the unit's incoming books (``registers.views.prints_panel``)."""
    return prints_panel(request, INCOMING_BOOKS)
