"""Forms of the outgoing pages: the draft, the list's filters, and one small form per step.

As on the incoming pages, the forms check what a browser can get wrong (a missing reason, a date
that is not one, a person not on the list) and leave the rules to the services, whose refusals
come back as messages. The lists a form offers (signers, reviewers, recipients) are the people
and units the services would accept; the services check them again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vanphong.core.text import sort_key
from vanphong.documents.doctypes import DOCUMENT_TYPES
from vanphong.documents.models import UrgencyChoices
from vanphong.documents.services import TEXT_FIELDS
from vanphong.incoming.forms import MultipleFileField, MultipleFileInput, secrecy_choices
from vanphong.org.models import Membership, Unit, User
from vanphong.org.roles import COMMITTEE_KINDS, Role, Secrecy, can
from vanphong.org.roles import Capability as Cap
from vanphong.org.selectors import TreeNode, today, unit_tree
from vanphong.outgoing.models import OutgoingStatus, RecipientGroup, ReviewMode
from vanphong.registers.symbols import SymbolError, System, type_abbreviation
from vanphong.search.forms import WordsField
from vanphong.web.forms import DayInput

# A draft is a DOCX or a PDF (outgoing.services.DRAFT_KINDS).
ACCEPT = (
    ".pdf,.docx,application/pdf,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
# How many reviewers the forms offer to name, in order.
REVIEWER_SLOTS = 4
REVIEW_ROLES = [r.value for r in Role if can(r, Cap.REVIEW)]
SIGN_ROLES = [r.value for r in Role if can(r, Cap.SIGN)]


def document_type_choices(system: System) -> list[tuple[str, str]]:
    """The types ``system`` numbers: a Party type needs an abbreviation (QĐ 399)."""
    chosen = []
    for doctype in DOCUMENT_TYPES:
        try:
            abbreviation = type_abbreviation(doctype, system)
        except SymbolError:
            continue
        if system is System.PARTY and not abbreviation:
            continue
        chosen.append((doctype.code, doctype.name))
    chosen.sort(key=lambda c: sort_key(c[1]))
    return [("", "—"), *chosen]


def issuing_units(drafting: Unit) -> list[Unit]:
    """The units a person drafting in ``drafting`` may draft for: that unit and those above
    it, nearest first (a board drafts for the committee it works for)."""
    chain = [*drafting.ancestor_ids(), drafting.pk]
    units = {u.pk: u for u in Unit.objects.active_on(today()).filter(pk__in=chain)}
    return [units[pk] for pk in reversed(chain) if pk in units]


def _person_label(membership: Membership) -> str:
    user = membership.user
    position = membership.position or str(membership.get_role_display())
    return f"{user.get_full_name() or user.username} — {position}"


@dataclass
class People:
    """The people a draft of some units can name, as grouped choices (user pk as value)."""

    signers: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    reviewers: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)

    def signer_ids(self) -> set[str]:
        return {value for _, options in self.signers for value, _ in options}

    def reviewer_ids(self) -> set[str]:
        return {value for _, options in self.reviewers for value, _ in options}


def _group(memberships: Iterable[Membership]) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    seen: set[tuple[int, int]] = set()
    for m in memberships:
        if (m.unit_id, m.user_id) in seen:
            continue
        seen.add((m.unit_id, m.user_id))
        _title, options = groups.setdefault(m.unit_id, (m.unit.short_name or m.unit.full_name, []))
        options.append((str(m.user_id), _person_label(m)))
    return list(groups.values())


def people_for(units: Sequence[Unit], *, secrecy: int = 0) -> People:
    """Signers (the leaders of ``units``) and reviewers (those who review in ``units`` or in
    the boards and offices under them, not in the committees below: a district committee does
    not review the city's documents). Two queries."""
    day = today()
    top = units[-1]
    candidates = {u.pk for u in units}
    below = list(Unit.objects.active_on(day).filter(path__startswith=top.path))
    by_path = {u.path: u for u in below}
    reviewing: list[Unit] = []
    for unit in below:
        if unit.pk in candidates:
            reviewing.append(unit)
            continue
        # Every unit between the top and this one (itself included) must be a board or an
        # office: a committee below has its own leaders for its own documents.
        chain = [u for p, u in by_path.items() if unit.path.startswith(p) and u.pk != top.pk]
        if not any(u.kind in COMMITTEE_KINDS for u in chain):
            reviewing.append(unit)
    order = {u.pk: (u.depth, u.sort_order, sort_key(u.short_name)) for u in reviewing}
    memberships = sorted(
        Membership.objects.active_on(day)
        .filter(
            unit__in=reviewing,
            role__in=REVIEW_ROLES,
            user__is_active=True,
            user__clearance__gte=secrecy,
        )
        .select_related("user", "unit"),
        key=lambda m: (order[m.unit_id], sort_key(m.user.get_full_name())),
    )
    return People(
        signers=_group(m for m in memberships if m.unit_id in candidates and m.role in SIGN_ROLES),
        reviewers=_group(memberships),
    )


def network_tree() -> list[TreeNode]:
    """Every unit of the network as it is today, nested (one query), for picking recipients."""
    return unit_tree(Unit.objects.active_on(today()).order_by("path"))


class OrderedPeopleField(forms.MultipleChoiceField):
    """Several people in the order chosen (one select per place, all named alike); blanks
    dropped, repeats dropped, the order kept."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        values = [str(v) for v in (value or []) if str(v).strip()]
        return list(dict.fromkeys(values))


class SlugsField(forms.MultipleChoiceField):
    """Units by their short ids, as many as ticked in the tree; the form checks they exist
    (the tree has too many to list as choices twice)."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value: Any) -> bool:
        return True


class DraftForm(forms.Form):
    """Soạn văn bản: the issuing unit, the type and subject, the files, the marks, who signs,
    who reviews first, and who receives it."""

    unit = forms.ChoiceField(label=gettext_lazy("Issuing unit"))
    document_type = forms.ChoiceField(label=gettext_lazy("Type of document"))
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=TEXT_FIELDS["subject"],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    uploads = MultipleFileField(
        label=gettext_lazy("Files"),
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": gettext_lazy("Choose the draft's file.")},
    )
    main = forms.IntegerField(
        label=gettext_lazy("Main document: file number"),
        min_value=1,
        initial=1,
        required=False,
        help_text=gettext_lazy("1 is the first file chosen; the others are attachments."),
    )
    secrecy = forms.ChoiceField(label=gettext_lazy("Secrecy"), initial=Secrecy.THUONG.code)
    urgency = forms.ChoiceField(
        label=gettext_lazy("Urgency"),
        choices=UrgencyChoices.choices,
        initial=UrgencyChoices.THUONG.value,
    )
    due_date = forms.DateField(label=gettext_lazy("Deadline"), required=False, widget=DayInput())
    signer = forms.ChoiceField(label=gettext_lazy("Signer"))
    signer_position = forms.CharField(
        label=gettext_lazy("Signer's position"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("Empty: the signer's position in the unit."),
    )
    authority = forms.CharField(
        label=gettext_lazy("Signing authority"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"placeholder": "T/M BAN THƯỜNG VỤ"}),
    )
    reviewers = OrderedPeopleField(label=gettext_lazy("Reviewers, in order"), required=False)
    review_mode = forms.ChoiceField(
        label=gettext_lazy("Review"),
        choices=ReviewMode.choices,
        initial=ReviewMode.SEQUENTIAL.value,
        widget=forms.RadioSelect,
    )
    recipient_units = SlugsField(label=gettext_lazy("Units of the network"), required=False)
    recipient_groups = forms.MultipleChoiceField(
        label=gettext_lazy("Saved groups"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outside = forms.CharField(
        label=gettext_lazy("Other recipients"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(
            attrs={
                "rows": 2,
                "spellcheck": "false",
                "placeholder": "organ:000.00.00.H26=UBND Thành phố, email:vanthu@example.vn",
            }
        ),
        help_text=gettext_lazy(
            "Comma-separated: organ:CODE=Name for a body outside the network, "
            "email:ADDRESS for an official mailbox."
        ),
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("Note on this version"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        units: Sequence[Unit],
        people: People,
        system: System,
        groups: Sequence[RecipientGroup],
        clearance: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.units = list(units)
        self.people = people
        self.clearance = clearance
        cast(forms.ChoiceField, self.fields["unit"]).choices = [
            (u.slug, u.full_name) for u in self.units
        ]
        self.fields["unit"].initial = self.units[0].slug
        if len(self.units) == 1:
            self.fields["unit"].widget = forms.HiddenInput()
        cast(forms.ChoiceField, self.fields["document_type"]).choices = document_type_choices(
            system
        )
        cast(forms.ChoiceField, self.fields["secrecy"]).choices = [
            (code, label)
            for code, label in secrecy_choices()
            if Secrecy.from_code(code) <= clearance
        ]
        cast(forms.ChoiceField, self.fields["signer"]).choices = [
            ("", "—"),
            *people.signers,
        ]
        cast(forms.MultipleChoiceField, self.fields["reviewers"]).choices = [
            (value, label) for _, options in people.reviewers for value, label in options
        ]
        self.groups = list(groups)
        cast(forms.MultipleChoiceField, self.fields["recipient_groups"]).choices = [
            (str(g.pk), g.name) for g in self.groups
        ]

    def reviewer_slots(self) -> list[str]:
        """The reviewers shown in the form's selects, in order, padded with blanks."""
        chosen = [str(v) for v in (self["reviewers"].value() or [])]
        return chosen + [""] * max(0, REVIEWER_SLOTS - len(chosen))

    def clean_recipient_units(self) -> list[Unit]:
        slugs = self.cleaned_data["recipient_units"]
        units = {u.slug: u for u in Unit.objects.filter(slug__in=slugs)}
        unknown = [s for s in slugs if s not in units]
        if unknown:
            raise forms.ValidationError(
                _("No such recipient: %(names)s.") % {"names": ", ".join(unknown)}
            )
        return [units[s] for s in slugs]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        files = data.get("uploads") or []
        main = data.get("main") or 1
        if files and main > len(files):
            self.add_error("main", _("There are only %(count)d files.") % {"count": len(files)})
        data["main"] = main
        return data

    def ordered_uploads(self) -> list[Any]:
        """The files with the main one first, as the service takes them."""
        files = list(self.cleaned_data["uploads"])
        main = self.cleaned_data["main"] - 1
        return [files[main], *files[:main], *files[main + 1 :]]


class ListFilter(forms.Form):
    """The list's filters: anything a browser sends is accepted; what is not valid is shown
    and left out."""

    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), *OutgoingStatus.choices],
    )
    document_type = forms.ChoiceField(label=gettext_lazy("Type of document"), required=False)
    q = WordsField(placeholder=gettext_lazy("Symbol or subject"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = sorted(DOCUMENT_TYPES, key=lambda t: sort_key(t.name))
        cast(forms.ChoiceField, self.fields["document_type"]).choices = [
            ("", gettext_lazy("All")),
            *((t.code, t.name) for t in types),
        ]

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


# --- the steps on a document's page ---------------------------------------------------------


class CommentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class VersionForm(forms.Form):
    upload = forms.FileField(
        label=gettext_lazy("File"),
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": gettext_lazy("Choose the draft's file.")},
    )
    note = forms.CharField(
        label=gettext_lazy("What changed"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SubmitForm(forms.Form):
    reviewers = OrderedPeopleField(label=gettext_lazy("Reviewers, in order"), required=False)
    review_mode = forms.ChoiceField(
        label=gettext_lazy("Review"), choices=ReviewMode.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, people: People, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        cast(forms.MultipleChoiceField, self.fields["reviewers"]).choices = [
            (value, label) for _, options in people.reviewers for value, label in options
        ]

    def reviewer_slots(self) -> list[str]:
        chosen = [str(v) for v in (self["reviewers"].value() or [])]
        return chosen + [""] * max(0, REVIEWER_SLOTS - len(chosen))


class OpinionForm(forms.Form):
    """A reviewer's comment: optional to approve, required to return."""

    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("What the author should change"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ForwardForm(forms.Form):
    to = forms.ChoiceField(label=gettext_lazy("Forward to"))
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, people: People, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["to"]).choices = [("", "—"), *people.reviewers]


class PassphraseForm(forms.Form):
    passphrase = forms.CharField(
        label=gettext_lazy("Passphrase of the key"),
        max_length=500,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class UpdateForm(ReasonForm):
    """Correct what an issued document says of itself (subject, urgency, deadline)."""

    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=TEXT_FIELDS["subject"],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    urgency = forms.ChoiceField(label=gettext_lazy("Urgency"), choices=UrgencyChoices.choices)
    due_date = forms.DateField(label=gettext_lazy("Deadline"), required=False, widget=DayInput())

    def values(self) -> dict[str, Any]:
        due: dt.date | None = self.cleaned_data.get("due_date")
        return {
            "subject": self.cleaned_data["subject"],
            "urgency": self.cleaned_data["urgency"],
            "due_date": due.isoformat() if due else None,
        }


class ReplaceForm(ReasonForm):
    upload = forms.FileField(
        label=gettext_lazy("File of the replacement"),
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": gettext_lazy("Choose the draft's file.")},
    )
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        required=False,
        max_length=TEXT_FIELDS["subject"],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Empty: the subject of the document replaced."),
    )


def form_errors(form: forms.Form) -> list[str]:
    """Every error of ``form`` as one line each, the field's label first."""
    lines: list[str] = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        lines.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return lines


def people_by_pk(values: Iterable[str]) -> list[User]:
    """Active people by pk, in the order given; unknown ones left out (the form's choices
    already refused them)."""
    pks = [int(v) for v in values if str(v).isdigit()]
    found = {u.pk: u for u in User.objects.filter(pk__in=pks, is_active=True)}
    return [found[pk] for pk in pks if pk in found]
