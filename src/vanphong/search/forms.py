"""The search page's parameters: the words, the filters and the page, checked.

A filter that does not hold (an unknown unit, a year that is not a number) is dropped with a
message rather than failing the page; the words are parsed by ``search.query``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vanphong.core.errors import InvalidInput
from vanphong.documents.doctypes import by_code
from vanphong.org.models import SecrecyChoices, Unit
from vanphong.org.roles import Secrecy
from vanphong.search.query import MAX_QUERY_LENGTH, MIN_PREFIX, QueryError, parse
from vanphong.search.selectors import Filters
from vanphong.search.sources import source, sources

# The filter parameters, in the order the page shows them; also what a saved search keeps.
FILTER_PARAMS = ("kind", "unit", "document_type", "year", "status", "secrecy")
MAX_PAGE = 1000


def query_error_message(error: QueryError) -> str:
    """What to tell the person about a query that cannot be searched for."""
    messages = {
        "empty_query": _("Type at least one word to search for."),
        "query_too_long": _("The query is too long (at most %(max)d characters, 16 words).")
        % {"max": MAX_QUERY_LENGTH},
        "prefix_too_short": _("A prefix needs at least %(min)d letters before the *.")
        % {"min": MIN_PREFIX},
    }
    return messages.get(error.code, str(error))


def query_invalid(error: QueryError) -> InvalidInput:
    """The same, as the API answers it (400, ``detail`` and ``code``)."""
    return InvalidInput(query_error_message(error), code=error.code)


class WordsField(forms.CharField):
    """A list's text filter (``search.lists``): words as the search box takes them, checked
    as it checks them (a text without a word, too long)."""

    def __init__(self, *, placeholder: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Search"))
        widget = forms.TextInput(attrs={"type": "search", "placeholder": placeholder})
        super().__init__(required=False, max_length=MAX_QUERY_LENGTH, widget=widget, **kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value:
            try:
                parse(value, prefix_last=True)
            except QueryError as error:
                raise forms.ValidationError(query_error_message(error), code=error.code) from None


def _secrecy_choices() -> list[tuple[str, Any]]:
    levels = ((Secrecy(value).code, label) for value, label in SecrecyChoices.choices)
    return [("", gettext_lazy("Any")), *levels]


def _kind_choices() -> list[tuple[str, Any]]:
    return [("", gettext_lazy("Any")), *((s.kind, s.label()) for s in sources())]


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search for"), required=False, strip=True)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False, choices=_kind_choices)
    unit = forms.SlugField(label=gettext_lazy("Unit"), required=False, max_length=50)
    document_type = forms.CharField(
        label=gettext_lazy("Document type"), required=False, max_length=10
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=1930, max_value=9999
    )
    status = forms.CharField(label=gettext_lazy("Status"), required=False, max_length=12)
    secrecy = forms.ChoiceField(
        label=gettext_lazy("Secrecy"), required=False, choices=_secrecy_choices
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def clean_unit(self) -> Unit | None:
        slug = self.cleaned_data.get("unit")
        if not slug:
            return None
        unit = Unit.objects.filter(slug=slug).only("pk", "slug", "short_name", "full_name").first()
        if unit is None:
            raise forms.ValidationError(_("No unit %(unit)s.") % {"unit": slug})
        return unit

    def clean_document_type(self) -> str:
        code = self.cleaned_data.get("document_type") or ""
        if code and by_code(code) is None:
            raise forms.ValidationError(_("Unknown document type %(code)s.") % {"code": code})
        return code

    def clean_status(self) -> str:
        status = self.cleaned_data.get("status") or ""
        if status and not any(status in s.status_labels() for s in sources()):
            raise forms.ValidationError(_("Unknown status %(status)s.") % {"status": status})
        return status

    def problems(self) -> list[str]:
        """The filters that were dropped, as messages (call after ``is_valid``); a page out of
        range just shows the first."""
        return [
            f"{self.fields[name].label}: {' '.join(str(e) for e in errors)}"
            for name, errors in self.errors.items()
            if name != "page"
        ]

    def value(self, name: str) -> Any:
        """A parameter's checked value, or None when absent or dropped."""
        data = getattr(self, "cleaned_data", {})
        return data.get(name) or None

    def active(self) -> dict[str, str]:
        """The filter parameters that hold, as the query string carries them."""
        out: dict[str, str] = {}
        for name in FILTER_PARAMS:
            value = self.value(name)
            if value is not None:
                out[name] = value.slug if isinstance(value, Unit) else str(value)
        return out

    def filters(self) -> Filters:
        unit = self.value("unit")
        secrecy = self.value("secrecy")
        kind = self.value("kind")
        return Filters(
            kind=kind if kind and source(kind) is not None else None,
            unit_id=unit.pk if unit is not None else None,
            document_type=self.value("document_type"),
            year=self.value("year"),
            status=self.value("status"),
            secrecy=int(Secrecy.from_code(secrecy)) if secrecy else None,
        )


class SaveSearchForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
