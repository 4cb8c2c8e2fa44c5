"""The outgoing register book from the web: pick a register, a period and a format, get the
file (the incoming books' page, ``incoming.views_books``, for the documents a unit issued)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from vanphong.outgoing.books import outgoing_book
from vanphong.outgoing.selectors import outgoing_book_size
from vanphong.outgoing.tasks import print_outgoing_book
from vanphong.registers.books import BookKind
from vanphong.registers.forms import BookForm
from vanphong.registers.models import RegisterKind
from vanphong.registers.views import Books, books_page, prints_panel
from vanphong.web.errors import domain_errors


class OutgoingBookForm(BookForm):
    """Which of the unit's outgoing registers, over which days of issue, in which format."""

    unknown_register = _("There is no such outgoing register in your unit.")


OUTGOING_BOOKS = Books(
    kinds=(BookKind.OUTGOING,),
    registers=RegisterKind.OUTGOING,
    form=OutgoingBookForm,
    template="outgoing/books.html",
    size=lambda *, kind, **asked: outgoing_book_size(**asked),
    lines=lambda *, kind, **asked: outgoing_book(**asked),
    task=print_outgoing_book,
    panel="outgoing:book-prints",
)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors
def outgoing_books(request: HttpRequest) -> HttpResponse:
    """The outgoing register book of the unit one acts for, as PDF or xlsx
    (``registers.views.books_page``)."""
    return books_page(request, OUTGOING_BOOKS)


@login_required
@require_GET
@domain_errors
def outgoing_book_prints(request: HttpRequest) -> HttpResponse:
    """The person's prints of the unit's outgoing register (``registers.views.prints_panel``)."""
    return prints_panel(request, OUTGOING_BOOKS)
