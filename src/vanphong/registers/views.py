"""The books pages' shared part: a book made at once or by a worker, the person's prints.

Each app's books page (``incoming.views_books``, ``outgoing.views_books``) asks for its form
and its lines; a valid form is answered here (``book_answer``): a short book is the file
itself, a long one (``registers.prints.PRINT_NOW``) is offered to be made by a worker, which
a POST of the same form asks for. The page lists the person's prints (``registers/_prints.html``),
which ask every few seconds how far they have got while one is being made (``prints_panel``),
and each made one downloads from ``print_download``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vanphong.org.acting import current_acting
from vanphong.org.models import Unit, User
from vanphong.registers.books import (
    BOOK_TITLES,
    BookKind,
    BookMeta,
    BookRow,
    book_registers,
    check_may_print,
)
from vanphong.registers.forms import BookForm
from vanphong.registers.models import PrintStatus, RegisterKind
from vanphong.registers.prints import KEEP, print_now, print_request, print_response, prints_of
from vanphong.registers.render import book_response
from vanphong.web.errors import domain_errors


@dataclass(frozen=True)
class Books:
    """An app's books, as its page offers them: the kinds it prints (the first when its form
    does not choose), the kind of registers they are the books of, the page's form and
    template, how many lines a book would have and its lines (each called with the person, the
    unit, the kind and the form's period and register), the task that makes a long one, and
    the name of the view that lists the person's prints (``prints_panel``)."""

    kinds: tuple[BookKind, ...]
    registers: RegisterKind
    form: type[BookForm]
    template: str
    size: Callable[..., int]
    lines: Callable[..., tuple[Sequence[BookRow], BookMeta]]
    task: Any
    panel: str


def books_page(request: HttpRequest, books: Books) -> HttpResponse:
    """The books page of the unit one acts for, for clerks, office leaders and leaders (others
    get 403): the form, the file of a short book (GET), a long one offered to a worker (GET)
    and asked for (POST), and the person's prints."""
    user = cast(User, request.user)
    unit = check_may_print(current_acting(request))
    registers = list(book_registers(user, unit, books.registers))
    data = request.POST if request.method == "POST" else request.GET
    form = books.form(data if "format" in data else None, registers=registers)
    answer, lines = book_answer(request, form, user=user, unit=unit, books=books)
    if answer is not None:
        return answer
    context = {"form": form, "unit": unit, "lines": lines, **books_context(user, unit, books)}
    return render(request, books.template, context)


def book_answer(
    request: HttpRequest, form: BookForm, *, user: User, unit: Unit, books: Books
) -> tuple[HttpResponse | None, int | None]:
    """What a valid ``form`` gets: the file of a short book (GET); a long book's number of
    lines, for the page to offer it to a worker (GET); that print asked for, and the page again
    (POST). ``(None, None)`` for an invalid form (the page shows its errors)."""
    if not form.is_valid():
        return None, None
    data = form.cleaned_data
    asked = {
        "unit": unit,
        "kind": BookKind(data.get("book") or books.kinds[0]),
        "start": data["start"],
        "end": data["end"],
        "register": form.chosen_register,
    }
    fmt = data["format"]
    if request.method == "POST":
        print_request(by=user, **asked, fmt=fmt, task=books.task)
        messages.success(
            request, _("The book is being prepared: it will be listed below, ready to download.")
        )
        return HttpResponseRedirect(request.path), None
    lines = books.size(user=user, **asked)
    if print_now(fmt, lines):
        rows, meta = books.lines(user=user, **asked)
        return book_response(rows, meta, fmt), None
    return None, lines


def books_context(user: User, unit: Unit, books: Books) -> dict[str, Any]:
    """What the books page shows besides its form: the person's prints of these books."""
    prints = prints_of(user, unit, books.kinds)
    for item in prints:
        item.title = BOOK_TITLES[BookKind(item.kind)]  # type: ignore[attr-defined]
        item.format = item.get_fmt_display()  # type: ignore[attr-defined]
    return {
        "prints": prints,
        "keep_days": KEEP.days,
        "prints_url": reverse(books.panel),
        "prints_working": any(p.status == PrintStatus.QUEUED for p in prints),
    }


def prints_panel(request: HttpRequest, books: Books) -> HttpResponse:
    """The person's prints of ``books`` in the unit they act for (the books page's list,
    asked again every few seconds while one is being made): each app's view of it."""
    user = cast(User, request.user)
    unit = check_may_print(current_acting(request))
    return render(request, "registers/_prints.html", books_context(user, unit, books))


@login_required
@require_GET
@domain_errors
def print_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A print made for the person (``registers.prints.print_response``)."""
    return print_response(cast(User, request.user), pk)
