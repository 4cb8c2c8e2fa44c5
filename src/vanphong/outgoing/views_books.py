"""The outgoing register book from the web: pick a register, a period and a format, get the
file (the incoming books' page, ``incoming.views_books``, for the documents a unit issued)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from vanphong.core.errors import InvalidInput
from vanphong.org.acting import current_acting
from vanphong.org.models import User
from vanphong.outgoing.books import outgoing_book
from vanphong.registers.books import book_registers, check_book_range, check_may_print, this_month
from vanphong.registers.models import Register, RegisterKind
from vanphong.registers.render import PDF, XLSX, book_response
from vanphong.web.errors import domain_errors
from vanphong.web.forms import DayInput


class OutgoingBookForm(forms.Form):
    """Which of the unit's outgoing registers, over which days of issue, in which format.

    Submitted with GET: asking for a book changes nothing, and its address can be kept.
    """

    register = forms.ChoiceField(
        label=_("Register"),
        required=False,
        error_messages={"invalid_choice": _("There is no such outgoing register in your unit.")},
    )
    start = forms.DateField(label=_("From"), widget=DayInput())
    end = forms.DateField(label=_("To (inclusive)"), widget=DayInput())
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[(PDF, _("PDF, to print")), (XLSX, _("Excel spreadsheet (xlsx)"))],
        initial=PDF,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, registers: Sequence[Register], **kwargs: Any) -> None:
        start, end = this_month()
        initial: dict[str, object] = {"start": start, "end": end}
        if registers:
            initial["register"] = str(registers[0].pk)  # the default register comes first
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self._registers = {str(r.pk): r for r in registers}
        field = cast(forms.ChoiceField, self.fields["register"])
        field.choices = [("", _("Every register of the unit"))] + [
            (str(r.pk), r.name) for r in registers
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start: dt.date | None = cleaned.get("start")
        end: dt.date | None = cleaned.get("end")
        if start is not None and end is not None:
            try:
                check_book_range(start, end)
            except InvalidInput as exc:
                self.add_error(None, exc.detail)
        return cleaned

    @property
    def chosen_register(self) -> Register | None:
        return self._registers.get(self.cleaned_data.get("register") or "")


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
