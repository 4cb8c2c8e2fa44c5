"""Search in the browser: the results page with its facets, the header box's suggestions, and
the searches a person saves.

Scope is the selector's (``search_documents``): these views only parse, call and show. A query
that cannot be searched for, or a filter that does not hold, comes back as a message on the
page, never as an error page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vanphong.core.errors import Conflict, InvalidInput
from vanphong.documents.doctypes import by_code
from vanphong.org.acting import request_actings
from vanphong.org.models import SecrecyChoices, Unit, User
from vanphong.org.roles import Secrecy
from vanphong.search.forms import (
    FILTER_PARAMS,
    MAX_PAGE,
    SaveSearchForm,
    SearchForm,
    query_error_message,
)
from vanphong.search.query import QueryError, parse
from vanphong.search.selectors import Hit, SearchResult, saved_searches_of, search_documents
from vanphong.search.services import saved_search_create, saved_search_delete
from vanphong.search.sources import sources
from vanphong.web.errors import domain_errors

PER_PAGE = 20
SUGGESTIONS = 8


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _results_url(params: dict[str, Any]) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return reverse("search:results") + (f"?{query}" if query else "")


def document_url(kind: str, source_id: int) -> str:
    """The page of an incoming or outgoing document ("" while that page does not exist)."""
    try:
        return reverse(f"{kind}:detail", args=[source_id])
    except NoReverseMatch:
        return ""


@dataclass(frozen=True)
class ShownHit:
    hit: Hit
    url: str
    kind_label: str
    unit_name: str
    # ``search.text.highlight`` escapes all of the document's text and adds only <mark> tags.
    snippet: SafeString


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    url: str
    active: bool


@dataclass(frozen=True)
class ActiveFilter:
    name: str
    value: str
    remove_url: str


class _Labels:
    """Names for the values the index holds: units, kinds, document types, statuses."""

    def __init__(self, unit_ids: set[int]) -> None:
        self.units = {
            pk: (slug, short or full)
            for pk, slug, short, full in Unit.objects.filter(pk__in=unit_ids).values_list(
                "pk", "slug", "short_name", "full_name"
            )
        }
        self.kinds = {s.kind: s.label() for s in sources()}
        self.statuses = {s.kind: s.status_labels() for s in sources()}

    def kind(self, value: str) -> str:
        return self.kinds.get(value, value)

    def document_type(self, value: str) -> str:
        doctype = by_code(value) if value else None
        return doctype.name if doctype is not None else _("No type")

    def status(self, value: str, kind: str = "") -> str:
        if kind:
            return self.statuses.get(kind, {}).get(value, value)
        for labels in self.statuses.values():
            if value in labels:
                return labels[value]
        return value


def _facets(
    result: SearchResult, labels: _Labels, q: str, active: dict[str, str]
) -> dict[str, list[FacetLink]]:
    out: dict[str, list[FacetLink]] = {}
    for name, counts in result.facets.items():
        links = []
        for facet in counts:
            value, label = facet.value, facet.value
            if name == "unit":
                value, label = labels.units.get(int(facet.value), (facet.value, facet.value))
            elif name == "kind":
                label = labels.kind(facet.value)
            elif name == "document_type":
                label = labels.document_type(facet.value)
            elif name == "status":
                label = labels.status(facet.value, facet.kind)
            is_active = active.get(name) == value
            url = ""
            if is_active:
                rest = {k: v for k, v in active.items() if k != name}
                url = _results_url({"q": q, **rest})
            elif value:  # "No type" cannot be filtered on
                params = {**active, name: value}
                if name == "status" and facet.kind:
                    params["kind"] = facet.kind  # a status belongs to its kind
                url = _results_url({"q": q, **params})
            links.append(FacetLink(label=label, count=facet.count, url=url, active=is_active))
        out[name] = links
    return out


def _active_filters(form: SearchForm, labels: _Labels, q: str) -> list[ActiveFilter]:
    active = form.active()
    shown = []
    for name, value in active.items():
        text = value
        unit = form.value("unit")
        if name == "unit" and unit is not None:
            text = unit.short_name or unit.full_name
        elif name == "kind":
            text = labels.kind(value)
        elif name == "document_type":
            text = labels.document_type(value)
        elif name == "status":
            text = labels.status(value, active.get("kind", ""))
        elif name == "secrecy":
            text = str(SecrecyChoices(int(Secrecy.from_code(value))).label)
        rest = {k: v for k, v in active.items() if k != name}
        shown.append(
            ActiveFilter(
                name=str(form.fields[name].label),
                value=text,
                remove_url=_results_url({"q": q, **rest}),
            )
        )
    return shown


def _shown(hits: list[Hit], labels: _Labels) -> list[ShownHit]:
    return [
        ShownHit(
            hit=hit,
            url=document_url(hit.kind, hit.source_id),
            kind_label=labels.kind(hit.kind),
            unit_name=labels.units.get(hit.unit_id, ("", ""))[1],
            snippet=mark_safe(hit.snippet),  # noqa: S308 (escaped by search.text.highlight)
        )
        for hit in hits
    ]


@login_required
@require_GET
def search_results(request: HttpRequest) -> HttpResponse:
    """The full results page: the words, the facets to narrow by, one page of results."""
    user = _user(request)
    form = SearchForm(request.GET)
    form.is_valid()
    for problem in form.problems():
        messages.error(request, problem)
    q = form.cleaned_data.get("q") or ""
    active = form.active()
    page = form.value("page") or 1
    context: dict[str, Any] = {
        "form": form,
        "q": q,
        "active": active,
        "saved_searches": list(saved_searches_of(user=user)),
        "save_form": SaveSearchForm(),
        "searched": False,
    }
    query = None
    if "q" in request.GET or active:
        try:
            query = parse(q)
        except QueryError as error:
            messages.error(request, query_error_message(error))
    if query is not None:
        result = search_documents(
            user=user,
            query=query,
            filters=form.filters(),
            offset=(page - 1) * PER_PAGE,
            limit=PER_PAGE,
            actings=request_actings(request),  # read once, with the layout's
        )
        unit_ids = {h.unit_id for h in result.hits} | {
            int(f.value) for f in result.facets["unit"] if f.value.isdigit()
        }
        if (unit := form.value("unit")) is not None:
            unit_ids.add(unit.pk)
        labels = _Labels(unit_ids)
        pages = min(MAX_PAGE, max(1, -(-result.count // PER_PAGE)))
        here = {"q": q, **active}
        context.update(
            searched=True,
            result=result,
            hits=_shown(result.hits, labels),
            facets=_facets(result, labels, q, active),
            active_filters=_active_filters(form, labels, q),
            page=page,
            pages=pages,
            first_number=(page - 1) * PER_PAGE + 1,
            previous_url=_results_url({**here, "page": page - 1}) if page > 1 else "",
            next_url=_results_url({**here, "page": page + 1}) if page < pages else "",
            this_query=urlencode(here),
        )
    return render(request, "search/results.html", context)


def _fragment(context: dict[str, Any]) -> HttpResponse:
    # Rendered without the request: the layout's context (acting role, navigation) is not
    # needed in a fragment and would cost queries on every key typed.
    return HttpResponse(render_to_string("search/_suggest.html", context))


@login_required
@require_GET
def search_suggest(request: HttpRequest) -> HttpResponse:
    """The header box's dropdown: up to eight documents matching what has been typed so far
    (the last word as a prefix), or the person's saved searches while the box is empty."""
    user = _user(request)
    q = (request.GET.get("q") or "").strip()
    context: dict[str, Any] = {"q": q, "hits": [], "saved_searches": []}
    if not q:
        context["saved_searches"] = list(saved_searches_of(user=user)[:SUGGESTIONS])
        return _fragment(context)
    try:
        query = parse(q, prefix_last=True)
    except QueryError:
        return _fragment(context)
    result = search_documents(
        user=user, query=query, limit=SUGGESTIONS, actings=request_actings(request)
    )
    labels = _Labels(set())
    context.update(
        hits=_shown(result.hits[:SUGGESTIONS], labels),
        count=result.count,
        count_is_lower_bound=result.count_is_lower_bound,
        all_url=_results_url({"q": q}),
    )
    return _fragment(context)


def _back(request: HttpRequest) -> str:
    """The results page the form was sent from (its query string only)."""
    query = QueryDict(request.POST.get("back", ""))
    return _results_url({k: query.get(k) for k in ("q", *FILTER_PARAMS)})


@login_required
@require_POST
def saved_search_save(request: HttpRequest) -> HttpResponse:
    """Keep the current words and filters under a name."""
    form = SaveSearchForm(request.POST)
    back = QueryDict(request.POST.get("back", ""))
    search = SearchForm(back)
    search.is_valid()
    if not form.is_valid():
        messages.error(request, _("Give the search a name (at most 100 characters)."))
        return redirect(_back(request))
    try:
        saved = saved_search_create(
            by=_user(request),
            name=form.cleaned_data["name"],
            query=search.cleaned_data.get("q") or "",
            filters=search.active(),
        )
    except (InvalidInput, Conflict) as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, _("Search saved as “%(name)s”.") % {"name": saved.name})
    return redirect(_back(request))


@login_required
@require_POST
@domain_errors
def saved_search_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one of the person's saved searches (someone else's is not found)."""
    saved_search_delete(by=_user(request), saved_search_id=pk)
    messages.success(request, _("Saved search deleted."))
    return redirect(_back(request))
