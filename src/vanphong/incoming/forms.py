"""Forms of the clerk's pages: intake, the metadata of a document, reasons, the list's filters.

The forms check what a browser can get wrong (a date that is not one, a missing reason) and
hand the rest to the services, whose refusals come back onto the form by field
(``add_service_errors``): the rules live in the services, not here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vanphong.core.errors import DomainError
from vanphong.core.text import clean, sort_key
from vanphong.documents.doctypes import DOCUMENT_TYPES, by_code
from vanphong.documents.models import Document, UrgencyChoices
from vanphong.documents.services import TEXT_FIELDS
from vanphong.incoming.history import field_label, field_value
from vanphong.incoming.models import IncomingStatus, ReceivedVia
from vanphong.org.models import SecrecyChoices
from vanphong.org.roles import Secrecy
from vanphong.search.forms import WordsField
from vanphong.web.forms import DayInput

# The fields a clerk checks before registering, in the order they are printed on a document.
FIELDS = (
    "document_type",
    "symbol",
    "issued_date",
    "issuer",
    "subject",
    "signer",
    "signer_position",
    "secrecy",
    "urgency",
    "due_date",
)
DATE_FIELDS = ("issued_date", "due_date")
# Values that mean "nobody has said anything yet" (the service's rule for the proposal, too).
DEFAULTS = {"secrecy": Secrecy.THUONG.code, "urgency": UrgencyChoices.THUONG.value}
ACCEPT = ".pdf,.docx,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/png,image/jpeg,image/tiff"


def _label(name: str) -> Any:
    return capfirst(getattr(Document._meta.get_field(name), "verbose_name", name))


# The model's names for the fields (lazy: translated when shown), for labels and headings.
FIELD_LABELS: dict[str, Any] = {name: _label(name) for name in FIELDS}


def document_type_choices() -> list[tuple[str, str]]:
    types = sorted(DOCUMENT_TYPES, key=lambda t: sort_key(t.name))
    return [("", "—")] + [(t.code, t.name) for t in types]


def secrecy_choices() -> list[tuple[str, str]]:
    return [(Secrecy(value).code, str(label)) for value, label in SecrecyChoices.choices]


def document_values(document: Document) -> dict[str, Any]:
    """A document's metadata as the form shows it (codes for secrecy and document type)."""
    values: dict[str, Any] = {name: getattr(document, name) for name in FIELDS}
    values["secrecy"] = Secrecy(document.secrecy).code
    return values


class MetadataForm(forms.Form):
    """What a document says about itself, as the clerk checked it.

    ``clearance`` is the clerk's: a document marked more secret than that would vanish from the
    clerk's own view once saved, so it is refused here with the reason, before the service runs.
    """

    document_type = forms.ChoiceField(required=False)
    symbol = forms.CharField(required=False, max_length=TEXT_FIELDS["symbol"])
    issued_date = forms.DateField(required=False, widget=DayInput())
    issuer = forms.CharField(required=False, max_length=TEXT_FIELDS["issuer"])
    subject = forms.CharField(
        required=False,
        max_length=TEXT_FIELDS["subject"],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    signer = forms.CharField(required=False, max_length=TEXT_FIELDS["signer"])
    signer_position = forms.CharField(required=False, max_length=TEXT_FIELDS["signer_position"])
    # Not required: a request without them leaves the document's marks as they are.
    secrecy = forms.ChoiceField(required=False, initial=DEFAULTS["secrecy"])
    urgency = forms.ChoiceField(
        required=False, choices=UrgencyChoices.choices, initial=DEFAULTS["urgency"]
    )
    due_date = forms.DateField(required=False, widget=DayInput())

    def __init__(
        self,
        *args: Any,
        clearance: int = 0,
        proposal: dict[str, Any] | None = None,
        document: Document | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.clearance = clearance
        self.proposal = proposal or {}
        self.document = document
        for name in FIELDS:
            self.fields[name].label = FIELD_LABELS[name]
        # The model's "deadline stated in the document" is too long for a third of a row.
        self.fields["due_date"].label = gettext_lazy("Deadline")
        cast(forms.ChoiceField, self.fields["document_type"]).choices = document_type_choices()
        cast(forms.ChoiceField, self.fields["secrecy"]).choices = secrecy_choices()
        self.fields["symbol"].widget.attrs.update(
            {"placeholder": "15-CT/TU", "spellcheck": "false"}
        )

    def clean_secrecy(self) -> str:
        code: str = self.cleaned_data["secrecy"]
        if not code:
            return code
        level = Secrecy.from_code(code)
        if level > self.clearance:
            raise forms.ValidationError(
                _("You are not cleared for documents marked %(level)s: hand it to a clerk who is.")
                % {"level": SecrecyChoices(int(level)).label}
            )
        return code

    def metadata(self) -> dict[str, Any]:
        """The checked values, shaped for the services (``check_metadata``)."""
        return {name: self.cleaned_data.get(name) for name in FIELDS}

    def add_service_errors(self, error: DomainError) -> None:
        """Put a service's refusal on the form: by field where it names fields."""
        errors = error.params.get("errors")
        if not isinstance(errors, dict) or not errors:
            self.add_error(None, error.detail)
            return
        for name, message in errors.items():
            if name in self.fields:
                self.add_error(name, str(message))
            else:
                self.add_error(None, f"{field_label(name)}: {message}")

    def shown(self, name: str) -> str:
        """The value a field shows now, as text (to compare with what was read)."""
        value = self[name].value()
        if value in (None, ""):
            return ""
        if isinstance(value, dt.date):
            return value.strftime("%d/%m/%Y")
        return clean(str(value))

    def hints(self) -> dict[str, Hint]:
        """What the text of the document proposed, for the fields showing something else."""
        hints: dict[str, Hint] = {}
        for name in FIELDS:
            proposed = self.proposal.get(name)
            if proposed in (None, ""):
                continue
            if name in DATE_FIELDS:
                try:
                    value = dt.date.fromisoformat(str(proposed)).strftime("%d/%m/%Y")
                except ValueError:
                    continue
                shown = value
            elif name == "secrecy":
                try:
                    level = Secrecy.from_code(str(proposed))
                except ValueError:
                    continue
                value, shown = level.code, str(SecrecyChoices(int(level)).label)
            else:
                value, shown = clean(str(proposed)), field_value(name, proposed)
            if value != self.shown(name):
                hints[name] = Hint(value=value, shown=shown)
        return hints


@dataclass(frozen=True)
class Hint:
    """A value read from the document: ``value`` as the field takes it, ``shown`` as read."""

    value: str
    shown: str


def typed_over(document: Document, typed: QueryDict) -> dict[str, Any]:
    """The document's values, except where the clerk has typed something on the open page.

    Used to redraw the form when the text has been read: the proposal fills what is still
    empty and never replaces what the clerk typed, the same rule as the service's.
    """
    values = document_values(document)
    for name in FIELDS:
        value = typed.get(name, "").strip()
        if value and value != DEFAULTS.get(name):
            values[name] = value
    if values["document_type"] and by_code(str(values["document_type"])) is None:
        values["document_type"] = ""
    return values


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input. Empty files pass here: the intake refuses them by name,
    with the same words as every other refusal."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT, "autofocus": True}))
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[Any]]:
        single = super().clean
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


RECEIVED_VIA_WEB = (ReceivedVia.UPLOAD, ReceivedVia.EMAIL)


class IntakeForm(MetadataForm):
    """Tiếp nhận: the files (the main one first unless said otherwise), how they came, and
    whatever the clerk already knows of the document."""

    uploads = MultipleFileField(
        label=gettext_lazy("Files"),
        error_messages={"required": gettext_lazy("Choose the document's file.")},
    )
    main = forms.IntegerField(
        label=gettext_lazy("Main document: file number"),
        min_value=1,
        initial=1,
        required=False,
        help_text=gettext_lazy("1 is the first file chosen; the others are attachments."),
    )
    received_via = forms.ChoiceField(
        label=gettext_lazy("Received via"),
        choices=[(v.value, v.label) for v in RECEIVED_VIA_WEB],
        initial=ReceivedVia.UPLOAD.value,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["main"].widget.attrs.update({"inputmode": "numeric"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        files = data.get("uploads") or []
        main = data.get("main") or 1
        if files and main > len(files):
            self.add_error(
                "main",
                _("There are only %(count)d files.") % {"count": len(files)},
            )
        data["main"] = main
        return data

    def metadata(self) -> dict[str, Any]:
        """Only what the clerk filled in: the rest is left to the proposal."""
        values = super().metadata()
        return {
            name: value
            for name, value in values.items()
            if value not in (None, "") and value != DEFAULTS.get(name)
        }


class ReasonForm(forms.Form):
    """Why a document goes back to its sender or a registration is cancelled."""

    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ListFilter(forms.Form):
    """The list's filters. Anything a browser may send is accepted; what is not valid is
    shown as an error and left out of the filter."""

    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), *IncomingStatus.choices],
    )
    q = WordsField(placeholder=gettext_lazy("Symbol, issuer or subject"))
    date_from = forms.DateField(
        label=gettext_lazy("Arrived from"), required=False, widget=DayInput()
    )
    date_to = forms.DateField(
        label=gettext_lazy("Arrived until"), required=False, widget=DayInput()
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The last day comes before the first day."))
        return data

    def filters(self) -> dict[str, Any]:
        """The valid filters only (``cleaned_data`` without the fields in error)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
