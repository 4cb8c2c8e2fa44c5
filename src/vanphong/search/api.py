"""API of the search index: full-text search over every document the caller may open."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja import Query as QueryParams
from pydantic import BaseModel

from vanphong.core.errors import InvalidInput
from vanphong.core.paging import check_paging
from vanphong.documents.doctypes import by_code
from vanphong.org.models import Unit, User
from vanphong.org.roles import Secrecy
from vanphong.search.forms import query_invalid
from vanphong.search.query import QueryError, parse
from vanphong.search.selectors import Filters, SearchResult, search_documents
from vanphong.search.sources import source, sources

router = Router(tags=["search"])

MAX_PAGE_SIZE = 50
MAX_PAGE = 1000  # nobody reads further; narrow the search instead
MAX_ID = 2**63 - 1


class SearchParams(Schema):
    q: str = ""
    as_you_type: bool = False
    kind: str | None = None
    unit: str | None = None
    # "register" would shadow a method of the schema class; the API name stays "register".
    register_id: int | None = Field(None, alias="register")
    document_type: str | None = None
    issuer: str | None = None
    year: int | None = None
    status: str | None = None
    secrecy: str | None = None
    page: int = 1
    page_size: int = 20


# The answer's schemas are pydantic's own models, not ninja's Schema: the answer is made of
# plain values (``_body``), which pydantic's core checks in 0.1 ms, where Schema reads each
# field of each result through a Python getter meant for model instances (1.1 ms a page).
class HitOut(BaseModel):
    id: int
    document_id: int
    kind: str
    unit: str
    status: str
    symbol: str
    subject: str
    issuer: str
    issued_date: dt.date | None
    snippet: str


class FacetOut(BaseModel):
    value: str
    label: str
    count: int
    kind: str = ""


class SearchOut(BaseModel):
    count: int = Field(
        description="How many documents match; when count_is_lower_bound, more than this many "
        "(the search stops counting there) and the results are the most relevant of the "
        "`count` newest matches."
    )
    count_is_lower_bound: bool = Field(description="True when more than `count` documents match.")
    facets_are_sampled: bool = Field(
        description="True when the facet counts are those of the `count` newest matches "
        "rather than of every match (whenever count_is_lower_bound)."
    )
    page: int
    page_size: int
    results: list[HitOut]
    facets: dict[str, list[FacetOut]]


def _filters(params: SearchParams) -> Filters:
    unit_id = None
    if params.unit:
        unit_id = Unit.objects.filter(slug=params.unit).values_list("pk", flat=True).first()
        if unit_id is None:
            raise InvalidInput(
                _("No unit %(unit)s.") % {"unit": params.unit}, code="invalid_filter"
            )
    if params.kind is not None and source(params.kind) is None:
        raise InvalidInput(
            _("kind must be one of %(kinds)s.") % {"kinds": ", ".join(s.kind for s in sources())},
            code="invalid_filter",
        )
    if params.document_type and by_code(params.document_type) is None:
        raise InvalidInput(
            _("Unknown document type %(code)s.") % {"code": params.document_type},
            code="invalid_filter",
        )
    known = any(params.status in s.status_labels() for s in sources())
    if params.status is not None and not known:
        raise InvalidInput(
            _("Unknown status %(status)s.") % {"status": params.status}, code="invalid_filter"
        )
    secrecy = None
    if params.secrecy:
        try:
            secrecy = int(Secrecy.from_code(params.secrecy))
        except ValueError:
            raise InvalidInput(
                _("Secrecy must be thuong, mat, toi_mat or tuyet_mat."), code="invalid_filter"
            ) from None
    if params.year is not None and not 1930 <= params.year <= 9999:
        raise InvalidInput(_("Not a plausible year."), code="invalid_filter")
    if params.register_id is not None and not 1 <= params.register_id <= MAX_ID:
        raise InvalidInput(_("No such register."), code="invalid_filter")
    return Filters(
        kind=params.kind,
        unit_id=unit_id,
        register_id=params.register_id,
        document_type=params.document_type or None,
        issuer=(params.issuer or "").strip() or None,
        year=params.year,
        status=params.status,
        secrecy=secrecy,
    )


def _body(result: SearchResult, params: SearchParams) -> dict[str, Any]:
    unit_ids = {h.unit_id for h in result.hits} | {
        int(f.value) for f in result.facets["unit"] if f.value.isdigit()
    }
    units = {
        pk: (slug, short or full)
        for pk, slug, short, full in Unit.objects.filter(pk__in=unit_ids).values_list(
            "pk", "slug", "short_name", "full_name"
        )
    }
    kinds = {s.kind: s for s in sources()}
    statuses = {s.kind: s.status_labels() for s in sources()}

    def label(name: str, value: str, kind: str) -> tuple[str, str]:
        if name == "unit":
            slug, unit_name = units.get(int(value), (value, value))
            return slug, unit_name
        if name == "kind":
            return value, kinds[value].label() if value in kinds else value
        if name == "document_type":
            doctype = by_code(value) if value else None
            return value, doctype.name if doctype is not None else _("No type")
        if name == "status":
            return value, statuses.get(kind, {}).get(value, value)
        return value, value

    facets: dict[str, list[dict[str, Any]]] = {}
    for name, counts in result.facets.items():
        facets[name] = []
        for facet in counts:
            value, text = label(name, facet.value, facet.kind)
            facets[name].append(
                {"value": value, "label": text, "count": facet.count, "kind": facet.kind}
            )
    return {
        "count": result.count,
        "count_is_lower_bound": result.count_is_lower_bound,
        "facets_are_sampled": result.count_is_lower_bound,
        "page": params.page,
        "page_size": params.page_size,
        "results": [
            {
                "id": hit.source_id,
                "document_id": hit.document_id,
                "kind": hit.kind,
                "unit": units.get(hit.unit_id, ("", ""))[0],
                "status": hit.status,
                "symbol": hit.symbol,
                "subject": hit.subject,
                "issuer": hit.issuer,
                "issued_date": hit.issued_date,
                "snippet": hit.snippet,
            }
            for hit in result.hits
        ],
        "facets": facets,
    }


@router.get("/search", response=SearchOut, summary="Search the documents the caller may see")
def search(request: HttpRequest, params: QueryParams[SearchParams]) -> dict[str, Any]:
    """Full-text search over the metadata and the text (OCR included) of the incoming and
    outgoing documents the caller may open, with or without diacritics ("dang uy" finds
    "Đảng ủy").

    ``q``: words (all must appear), "phrases in quotes", prefixes (``muu*``; with
    ``as_you_type=true`` the last word is one too) and symbols (``15-CT/TU``, ``15/CT``,
    ``123/QĐ-UBND``: the documents bearing that symbol come first). Filters: ``kind``
    (incoming, outgoing), ``unit`` (slug), ``register`` (id), ``document_type`` (code),
    ``issuer`` (part of its name), ``year`` (of issue), ``status``, ``secrecy``
    (thuong, mat, toi_mat, tuyet_mat). Ranked by relevance, then newest first; at most 50
    per page.

    Each result's ``id`` is the id of the incoming or outgoing document (as in
    ``/incoming/{id}`` and ``/outgoing/{id}``, per its ``kind``); ``document_id`` is the
    underlying document record's. ``snippet`` is HTML: the text around the first match,
    escaped, with ``<mark>`` around the matching words. ``facets`` counts the matches by
    kind, unit, document_type, year and status (counts never include what the caller may
    not open).

    Counting stops at 1,000 matches: above, ``count`` is 1000 with ``count_is_lower_bound``
    true ("more than 1,000"), and the results, their pages and the facet counts
    (``facets_are_sampled`` true) cover the 1,000 newest matches (latest entered), ranked by
    relevance among themselves. Another word or a filter narrows the search back to exact
    figures.
    """
    check_paging(params.page, params.page_size, max_size=MAX_PAGE_SIZE, max_page=MAX_PAGE)
    try:
        query = parse(params.q, prefix_last=params.as_you_type)
    except QueryError as error:
        raise query_invalid(error) from None
    filters = _filters(params)
    user: User = request.user  # type: ignore[assignment]
    result = search_documents(
        user=user,
        query=query,
        filters=filters,
        offset=(params.page - 1) * params.page_size,
        limit=params.page_size,
    )
    return _body(result, params)
