"""The form that asks for a register book: which register, over which days, in which format.

Submitted with GET: asking for a book changes nothing, and the address of a book can be kept
and opened again. Each kind of book (``incoming.views_books``, ``outgoing.views_books``) names
its own "no such register" message and may add fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from vanphong.core.errors import InvalidInput
from vanphong.registers.books import check_book_range, this_month
from vanphong.registers.models import Register
from vanphong.registers.render import PDF, XLSX
from vanphong.web.forms import DayInput

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


class BookForm(forms.Form):
    """A register of the unit (or all of them), a period of at most a year, PDF or xlsx."""

    unknown_register: StrOrPromise = _("There is no such register in your unit.")

    register = forms.ChoiceField(label=_("Register"), required=False)
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
        field.error_messages["invalid_choice"] = self.unknown_register
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
