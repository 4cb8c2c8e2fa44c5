from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vanphong.org.models import Membership, User
from vanphong.org.selectors import today
from vanphong.web.selectors import Colleagues


class LoginForm(AuthenticationForm):
    """Django's login form (fields ``username`` and ``password``) with browser hints."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none", "autofocus": True}
        )
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class DayInput(forms.DateInput):
    """A date typed day first (dd/mm/yyyy).

    Not the browser's date picker: it shows the order of the language the browser was installed
    in, mm/dd/yyyy on the English browsers of many offices, where 03/10 would be read the wrong
    way round. The field also accepts ISO dates (see the formats in ``config/formats``).
    """

    def __init__(self) -> None:
        super().__init__(
            format="%d/%m/%Y",
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"},
        )


class DelegationForm(forms.Form):
    """Ủy quyền: one of my own roles, to a colleague of that unit, for whole days, with a reason.

    The form offers only what the person may delegate; the service (``delegation_grant``)
    enforces the rules again, and its refusals are shown on the form.
    """

    membership = forms.TypedChoiceField(label=_("Role to delegate"), coerce=int)
    grantee = forms.TypedChoiceField(label=_("Delegate to"), coerce=int)
    valid_from = forms.DateField(label=_("From"), widget=DayInput())
    valid_to = forms.DateField(label=_("Until (inclusive)"), widget=DayInput())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A delegation must be given in writing, e.g. “Annual leave 10–14/3”."),
    )

    def __init__(
        self,
        *args: Any,
        memberships: Sequence[Membership],
        candidates: Sequence[Colleagues],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {"valid_from": today()})
        super().__init__(*args, **kwargs)
        self._memberships = {m.pk: m for m in memberships}
        self._people = {p.pk: p for group in candidates for p in group.people}
        self.has_roles = bool(self._memberships)
        self.has_candidates = bool(self._people)
        cast(forms.ChoiceField, self.fields["membership"]).choices = [
            (m.pk, f"{m.unit.full_name} — {m.get_role_display()}") for m in memberships
        ]
        # Grouped by unit: the same name may be a colleague in two of my units.
        cast(forms.ChoiceField, self.fields["grantee"]).choices = [("", "—")] + [
            (group.unit.full_name, [(p.pk, _person_label(p)) for p in group.people])
            for group in candidates
        ]

    def clean_valid_from(self) -> dt.date:
        day: dt.date = self.cleaned_data["valid_from"]
        if day < today():
            raise forms.ValidationError(_("A delegation cannot start in the past."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The last day comes before the first day."))
        return data

    @property
    def chosen_membership(self) -> Membership:
        return self._memberships[self.cleaned_data["membership"]]

    @property
    def grantee_user(self) -> User:
        return self._people[self.cleaned_data["grantee"]]

    @property
    def period(self) -> tuple[dt.datetime, dt.datetime]:
        """The delegation's span: from now (or the first day's start) to the last day's end."""
        first: dt.date = self.cleaned_data["valid_from"]
        last: dt.date = self.cleaned_data["valid_to"]
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
        # Starting today means starting now: the record should not claim it began at midnight.
        start = max(start, timezone.now())
        end = dt.datetime.combine(last, dt.time(23, 59, 59), tzinfo=tz)
        return start, end


def _person_label(user: User) -> str:
    return f"{user.get_full_name()} ({user.username})"
