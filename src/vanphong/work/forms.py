"""Forms of the work pages: the leader's direction, the assignee's steps, the inbox's filters.

The work app's pages (these forms, ``views``) sit above ``incoming``: the work they show is work
on incoming documents, read through its scope. Models and services stay below it.

They check what a browser can get wrong (a choice that is not offered, a date that is not one,
a missing reason) and hand the rest to the services, whose refusals come back onto the form
(``add_service_error``): the rules live in the services.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vanphong.core.errors import DomainError
from vanphong.documents.models import Document, UrgencyChoices
from vanphong.incoming.forms import MultipleFileField, MultipleFileInput, document_type_choices
from vanphong.incoming.inbox import SORTS, InboxFilters
from vanphong.org.models import Unit, User
from vanphong.registers.models import Register
from vanphong.web.forms import DayInput
from vanphong.work.models import AssignmentKind, AssignmentStatus
from vanphong.work.selectors import Assignees

ACCEPT_FILES = ".pdf,.docx,.png,.jpg,.jpeg,.tif,.tiff"
ACCEPT_REPLY = ".pdf,.docx,application/pdf"
TEXT_LIMIT = 4000


def person_key(pk: int) -> str:
    """A person's value among the choices of who has the work (a unit's is ``unit_key``)."""
    return f"p{pk}"


def unit_key(pk: int) -> str:
    return f"u{pk}"


@dataclass(frozen=True)
class Row:
    """One line of the table of assignees: a unit or a person, with what the form needs."""

    key: str
    label: str
    detail: str  # the person's role, or the unit's full name
    informed: bool = False  # already given "for information" (kept when the direction changes)
    role: str = ""  # lead / cooperate / inform: what the form has chosen for it now


@dataclass(frozen=True)
class RowGroup:
    title: str
    rows: list[Row]


def _table_html(groups: list[RowGroup]) -> SafeString:
    """The table's groups of rows (``<tbody>`` each) as ``incoming/_direction_form.html`` shows
    them. Written here, not by the template: the city office's table has some 240 rows of three
    choices, each labelled for a screen reader, and Django's template engine took 30–40 ms of
    the leader's 60 ms page to write them (``tests/work/test_direction_table.py`` holds the
    template this stands for and compares the two). Values are escaped by the standard
    library's ``html.escape``, which Django's ``escape`` wraps at three times its cost."""
    heads = [_("Lead"), _("Co-operate"), _("For information")]
    lead, cooperate, inform = (f' data-label="{html.escape(head)}"' for head in heads)
    aria = [
        html.escape(label)
        for label in (_("Lead: %(who)s"), _("Co-operate: %(who)s"), _("For information: %(who)s"))
    ]
    already = html.escape(_("informed already"))
    informed = f'<small class="muted" data-testid="informed">{already}</small>'

    def choice(kind: str, name: str, label: str, key: str, who: str, role: str) -> str:
        checked = " checked" if role == name else ""
        return (
            f'<input type="{kind}" name="{name}" value="{key}" '
            f'aria-label="{label % {"who": who}}"{checked}>'
        )

    parts = []
    for group in groups:
        parts.append(
            '<tbody class="assignee-group"><tr class="group-row">'
            f'<th colspan="4" scope="colgroup">{html.escape(group.title)}</th></tr>'
        )
        for row in group.rows:
            key, who, detail = html.escape(row.key), html.escape(row.label), html.escape(row.detail)
            small = f' <small class="muted">{detail}</small>' if row.detail != row.label else ""
            first = choice("radio", "lead", aria[0], key, who, row.role)
            second = choice("checkbox", "cooperate", aria[1], key, who, row.role)
            last = (
                informed
                if row.informed
                else choice("checkbox", "inform", aria[2], key, who, row.role)
            )
            parts.append(
                f'<tr data-key="{key}" data-search="{who} {detail}">'
                f'<th scope="row"><span class="who">{who}</span>{small}</th>'
                f"<td{lead}>{first}</td><td{cooperate}>{second}</td><td{inform}>{last}</td></tr>"
            )
        parts.append("</tbody>")
    return mark_safe("".join(parts))  # noqa: S308 - every value in it is escaped


# Service refusal codes that concern one field of the direction form.
DIRECTION_FIELD_CODES = {
    "deadline_too_early": "deadline",
    "lead_required": "lead",
}


class DirectionForm(forms.Form):
    """Bút phê: the leader's opinion, the lead (chủ trì), co-operators (phối hợp), readers
    (để biết) and the deadline. People and units are offered as one table, grouped by unit,
    one row each with a choice per role: it works without a script and by keyboard alone."""

    text = forms.CharField(
        label=gettext_lazy("Direction"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lead = forms.ChoiceField(
        label=gettext_lazy("Lead"),
        error_messages={
            "required": gettext_lazy("Choose the lead (chủ trì)."),
            "invalid_choice": gettext_lazy("The lead chosen is not among those offered."),
        },
    )
    cooperate = forms.MultipleChoiceField(
        label=gettext_lazy("Co-operate"),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Someone chosen is not among those offered."),
        },
    )
    inform = forms.MultipleChoiceField(
        label=gettext_lazy("For information"),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Someone chosen is not among those offered."),
        },
    )
    deadline = forms.DateField(
        label=gettext_lazy("Deadline"),
        required=False,
        widget=DayInput(),
        help_text=gettext_lazy(
            "For the lead and the co-operators. Left empty: from the document's urgency and "
            "the unit's rules."
        ),
    )

    def __init__(
        self,
        *args: Any,
        assignees: Assignees,
        informed: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.informed = set(informed)
        self._targets: dict[str, tuple[type[User] | type[Unit], int]] = {}  # key: (model, id)
        self.groups: list[RowGroup] = []
        if assignees.units:
            rows = []
            for unit in assignees.units:
                key = unit_key(unit.pk)
                self._targets[key] = (Unit, unit.pk)
                rows.append(Row(key, unit.name, unit.detail, informed=key in self.informed))
            self.groups.append(RowGroup(str(_("Units")), rows))
        for unit_name, people in assignees.groups:
            rows = []
            for person in people:
                key = person_key(person.pk)
                self._targets[key] = (User, person.pk)
                rows.append(Row(key, person.name, person.detail, informed=key in self.informed))
            self.groups.append(RowGroup(unit_name, rows))
        self._names = {row.key: row.label for group in self.groups for row in group.rows}
        if not self.is_bound:
            return  # the table is drawn from the groups; the choices only check what is sent
        choices = list(self._names.items())
        cast(forms.ChoiceField, self.fields["lead"]).choices = choices
        cast(forms.MultipleChoiceField, self.fields["cooperate"]).choices = choices
        cast(forms.MultipleChoiceField, self.fields["inform"]).choices = [
            (key, label) for key, label in choices if key not in self.informed
        ]

    @property
    def table(self) -> list[RowGroup]:
        """The groups of rows, each row with the role chosen for it now."""
        chosen = self.chosen
        return [
            RowGroup(g.title, [replace(r, role=chosen.get(r.key, "")) for r in g.rows])
            for g in self.groups
        ]

    @property
    def table_html(self) -> SafeString:
        """``table`` as the form's HTML (see ``_table_html``)."""
        return _table_html(self.table)

    @property
    def chosen(self) -> dict[str, str]:
        """For each row key, the role it has on the form now (to redraw what was chosen)."""
        roles: dict[str, str] = {}
        data = self.data if self.is_bound else self.initial

        def values(name: str) -> list[str]:
            if hasattr(data, "getlist"):
                return [str(v) for v in data.getlist(name)]
            value = data.get(name) or []
            return [str(v) for v in (value if isinstance(value, list | tuple) else [value])]

        for name in ("inform", "cooperate", "lead"):
            for key in values(name):
                roles[key] = name
        return roles

    def clean_deadline(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("deadline")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lead = data.get("lead")
        cooperate, inform = data.get("cooperate") or [], data.get("inform") or []
        named = [k for k in [lead, *cooperate, *inform] if k]
        twice = sorted({k for k in named if named.count(k) > 1}, key=named.index)
        if twice:
            self.add_error(
                None,
                _("Give each person or unit one role only: %(names)s.")
                % {"names": ", ".join(self._names[k] for k in twice)},
            )
        return data

    def targets(self) -> tuple[User | Unit, list[User | Unit], list[User | Unit]]:
        """The lead, the co-operators and the readers chosen (after ``is_valid``), read in two
        queries."""
        data = self.cleaned_data
        cooperate, inform = data.get("cooperate") or [], data.get("inform") or []
        chosen = [self._targets[key] for key in [data["lead"], *cooperate, *inform]]
        people = User.objects.in_bulk([pk for model, pk in chosen if model is User])
        units = Unit.objects.in_bulk([pk for model, pk in chosen if model is Unit])
        lead, *others = [(people if model is User else units)[pk] for model, pk in chosen]
        return lead, others[: len(cooperate)], others[len(cooperate) :]

    def add_service_error(self, error: DomainError) -> None:
        field = DIRECTION_FIELD_CODES.get(error.code)
        self.add_error(field if field in self.fields else None, error.detail)


class RedirectForm(DirectionForm):
    """Chỉ đạo lại: a new direction replacing the open lead and co-operating work, with why."""

    reason = forms.CharField(
        label=gettext_lazy("Why the direction changes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- the assignee's steps --------------------------------------------------------------------


class StepForm(forms.Form):
    def add_service_error(self, error: DomainError) -> None:
        self.add_error(None, error.detail)


class CommentForm(StepForm):
    text = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Write the comment.")},
    )


class ProgressForm(StepForm):
    percent = forms.IntegerField(
        label=gettext_lazy("Progress (%)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
        error_messages={"required": gettext_lazy("Give the progress from 0 to 100.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HandOverForm(StepForm):
    to = forms.TypedChoiceField(
        label=gettext_lazy("Hand over to"),
        coerce=int,
        error_messages={
            "required": gettext_lazy("Choose the colleague who takes the work over."),
            "invalid_choice": gettext_lazy("Choose one of the colleagues offered."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, colleagues: Sequence[User], me: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._people = {u.pk: u for u in colleagues}
        cast(forms.ChoiceField, self.fields["to"]).choices = [("", "—")] + [
            (u.pk, _("%(name)s (me)") % {"name": u.get_full_name()} if u == me else str(u))
            for u in colleagues
        ]

    @property
    def person(self) -> User:
        return self._people[self.cleaned_data["to"]]


class GiveBackForm(StepForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Give the reason for giving the work back.")},
    )


class RemindForm(StepForm):
    note = forms.CharField(
        label=gettext_lazy("Message to the assignee"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.TextInput(
            attrs={"placeholder": gettext_lazy("e.g. Please finish before the deadline.")}
        ),
    )


class AttachForm(StepForm):
    # Not "files": a form keeps its uploads in ``files`` already.
    uploads = MultipleFileField(
        label=gettext_lazy("Working files"),
        widget=MultipleFileInput(attrs={"accept": ACCEPT_FILES}),
        error_messages={"required": gettext_lazy("Choose the files to attach.")},
    )


class CompleteForm(StepForm):
    """Hoàn thành: the result, and the reply document when there is one: one already written
    here (chosen) or its file uploaded now (a new outgoing document)."""

    result = forms.CharField(
        label=gettext_lazy("Result"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reply = forms.TypedChoiceField(
        label=gettext_lazy("Reply document"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the documents offered.")},
    )
    reply_file = forms.FileField(
        label=gettext_lazy("or upload the reply (PDF or DOCX)"),
        required=False,
        allow_empty_file=True,  # refused by name with the intake's words
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_REPLY}),
    )
    reply_subject = forms.CharField(
        label=gettext_lazy("Subject of the reply"),
        required=False,
        max_length=1000,
    )

    def __init__(self, *args: Any, replies: Sequence[Document], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._replies = {d.pk: d for d in replies}
        cast(forms.ChoiceField, self.fields["reply"]).choices = [("", "—")] + [
            (d.pk, _reply_label(d)) for d in replies
        ]
        self.has_replies = bool(replies)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if data.get("reply") is not None and data.get("reply_file"):
            self.add_error(
                "reply_file", _("Choose a reply document or upload one, not both at once.")
            )
        elif not (data.get("result") or "").strip() and not (
            data.get("reply") is not None or data.get("reply_file")
        ):
            self.add_error(None, _("Write the result or link the reply document."))
        return data

    @property
    def reply_document(self) -> Document | None:
        chosen = self.cleaned_data.get("reply")
        return self._replies[chosen] if chosen is not None else None

    @property
    def upload(self) -> UploadedFile[Any] | None:
        upload: UploadedFile[Any] | None = self.cleaned_data.get("reply_file")
        return upload


def _reply_label(document: Document) -> str:
    parts = [document.symbol or _("(no number yet)"), document.subject or _("(no subject)")]
    when = timezone.localtime(document.created_at).strftime("%d/%m/%Y")
    return f"{parts[0]} — {parts[1][:80]} ({when})"


# --- the inbox's filters -----------------------------------------------------------------------

SORT_LABELS = {
    "deadline": gettext_lazy("Deadline, soonest first"),
    "-arrival": gettext_lazy("Arrival number, newest first"),
    "arrival": gettext_lazy("Arrival number, oldest first"),
    "urgency": gettext_lazy("Most urgent first"),
    "received": gettext_lazy("Newest received first"),
}
assert {s.removeprefix("-") for s in SORT_LABELS} <= set(SORTS)  # noqa: S101 - a typo guard


class InboxFilterForm(forms.Form):
    """The filters and the order of an inbox. Anything a browser may send is accepted; what is
    not valid is shown as an error and left out."""

    register = forms.TypedChoiceField(
        label=gettext_lazy("Register"), required=False, coerce=int, empty_value=None
    )
    document_type = forms.ChoiceField(label=gettext_lazy("Document type"), required=False)
    issuer = forms.CharField(label=gettext_lazy("Issuer"), required=False, max_length=200)
    arrived_from = forms.DateField(
        label=gettext_lazy("Arrived from"), required=False, widget=DayInput()
    )
    arrived_to = forms.DateField(
        label=gettext_lazy("Arrived until"), required=False, widget=DayInput()
    )
    urgency = forms.ChoiceField(
        label=gettext_lazy("Urgency"),
        required=False,
        choices=[("", gettext_lazy("All")), *UrgencyChoices.choices],
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), *AssignmentStatus.choices],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Role in the work"),
        required=False,
        choices=[("", gettext_lazy("All")), *AssignmentKind.choices],
    )
    assignee = forms.ChoiceField(label=gettext_lazy("Assignee"), required=False)
    subunits = forms.BooleanField(label=gettext_lazy("With the units under it"), required=False)
    sort = forms.ChoiceField(
        label=gettext_lazy("Order"),
        required=False,
        choices=list(SORT_LABELS.items()),
    )

    def __init__(
        self,
        *args: Any,
        registers: Iterable[Register],
        assignees: Assignees | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["register"]).choices = [
            ("", _("All")),
            *[(r.pk, r.name) for r in registers],
        ]
        cast(forms.ChoiceField, self.fields["document_type"]).choices = [
            ("", _("All")),
            *document_type_choices()[1:],
        ]
        self._assignees: dict[str, dict[str, int]] = {}  # choice: its InboxFilters fields
        if assignees is None:
            del self.fields["assignee"]
            del self.fields["subunits"]
        else:
            choices: list[Any] = [("", _("All"))]
            if assignees.units:
                units = assignees.units
                choices.append((_("Units"), [(unit_key(u.pk), u.name) for u in units]))
                self._assignees.update({unit_key(u.pk): {"assignee_unit": u.pk} for u in units})
            for unit_name, people in assignees.groups:
                choices.append((unit_name, [(person_key(p.pk), p.name) for p in people]))
                self._assignees.update({person_key(p.pk): {"assignee_user": p.pk} for p in people})
            cast(forms.ChoiceField, self.fields["assignee"]).choices = choices
        self.fields["issuer"].widget.attrs.update({"type": "search"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("arrived_from"), data.get("arrived_to")
        if start and end and end < start:
            self.add_error("arrived_to", _("The last day comes before the first day."))
        return data

    def valid(self) -> dict[str, Any]:
        """The valid values only (``cleaned_data`` without the fields in error)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def filters(self) -> InboxFilters:
        values = self.valid()
        return InboxFilters(
            register=values.get("register"),
            document_type=values.get("document_type", ""),
            issuer=values.get("issuer", ""),
            arrived_from=values.get("arrived_from"),
            arrived_to=values.get("arrived_to"),
            urgency=values.get("urgency", ""),
            status=(values["status"],) if values.get("status") else (),
            kind=values.get("kind", ""),
            **self._assignees.get(values.get("assignee", ""), {}),
        )

    def ordering(self) -> str:
        """The order asked for (deadline first by default)."""
        return str(self.valid().get("sort") or "deadline")

    def with_subunits(self) -> bool:
        return bool(self.valid().get("subunits"))

    @property
    def filtered(self) -> bool:
        """Whether anything narrows the list (the order and the scope do not)."""
        return any(k not in ("sort", "subunits") for k in self.valid())
