"""One incoming document: review and register it while it waits, then its page.

``/incoming/<id>/`` shows the review page (first page beside the proposed metadata) while the
document is received and not registered, and the document page (header, the work on it, files,
history) afterwards; directing it is in ``views_direction``. Actions post to their own URLs and
come back here with a message, or redraw the page with the refusal next to the field it concerns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vanphong.core.errors import Conflict, DomainError
from vanphong.documents.doctypes import by_code
from vanphong.documents.inspect import IMAGE_KINDS, FileKind
from vanphong.documents.models import DocumentFile, TextStatus
from vanphong.documents.services import file_text_retry
from vanphong.incoming.access import (
    access_handle,
    access_incoming,
    can_handle,
    visible_incoming,
)
from vanphong.incoming.forms import (
    FIELD_LABELS,
    MetadataForm,
    ReasonForm,
    document_values,
    typed_over,
)
from vanphong.incoming.history import document_history
from vanphong.incoming.models import IncomingDocument, IncomingStatus
from vanphong.incoming.selectors import incoming_duplicates
from vanphong.incoming.services import (
    incoming_cancel,
    incoming_correct,
    incoming_register,
    incoming_return,
)
from vanphong.incoming.work_panel import processing_context
from vanphong.org.acting import current_acting
from vanphong.org.models import User
from vanphong.signing.selectors import stored_file_signatures
from vanphong.web.errors import domain_errors
from vanphong.work.forms import DirectionForm

# A registration can be corrected or cancelled while it stands; not once returned or cancelled.
STANDING = (IncomingStatus.REGISTERED, IncomingStatus.IN_PROGRESS, IncomingStatus.DONE)
DUPLICATES_SHOWN = 10
FINAL = (TextStatus.DONE, TextStatus.FAILED, TextStatus.NO_OCR)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@dataclass(frozen=True)
class FileProgress:
    """How far the reading of one file has got, as the clerk is told."""

    file: DocumentFile
    state: str  # a TextStatus value, or "ocr" while a scan is being read

    @property
    def final(self) -> bool:
        return self.state in FINAL

    @property
    def label(self) -> str:
        if self.state == "ocr":
            return _("Reading the scan (OCR)…")
        return str(TextStatus(self.state).label)


@dataclass(frozen=True)
class Progress:
    files: list[FileProgress]

    @property
    def working(self) -> bool:
        return not all(item.final for item in self.files)

    @property
    def state(self) -> str:
        """One word for the whole document: the least advanced or the worst of its files."""
        for state in ("pending", "ocr", "running", "failed", "no_ocr"):
            if any(item.state == state for item in self.files):
                return state
        return "done"


def _files(incoming: IncomingDocument) -> list[DocumentFile]:
    return list(incoming.document.files.select_related("file", "file__searchable"))


def _progress(files: list[DocumentFile]) -> Progress:
    items = []
    for item in files:
        state = item.file.text_status
        if state == TextStatus.RUNNING and FileKind(item.file.kind) in IMAGE_KINDS:
            state = "ocr"
        items.append(FileProgress(file=item, state=str(state)))
    return Progress(items)


def _main(files: list[DocumentFile]) -> DocumentFile | None:
    return next((f for f in files if f.is_main), files[0] if files else None)


def _duplicates(request: HttpRequest, incoming: IncomingDocument) -> list[IncomingDocument]:
    """Earlier documents that look like this one, among those the person may open."""
    return list(
        incoming_duplicates(incoming)
        .filter(pk__in=visible_incoming(request).values("pk"))
        .select_related("document")[:DUPLICATES_SHOWN]
    )


def _metadata_form(
    request: HttpRequest, incoming: IncomingDocument, data: Any = None, **kwargs: Any
) -> MetadataForm:
    document = incoming.document
    kwargs.setdefault("initial", document_values(document))
    return MetadataForm(
        data,
        clearance=_user(request).clearance,
        proposal=document.proposal,
        document=document,
        **kwargs,
    )


def _context(request: HttpRequest, incoming: IncomingDocument) -> dict[str, Any]:
    files = _files(incoming)
    main = _main(files)
    doc_type = by_code(incoming.document.document_type) if incoming.document.document_type else None
    return {
        "incoming": incoming,
        "document": incoming.document,
        "document_type_name": doc_type.name if doc_type else incoming.document.document_type,
        "labels": FIELD_LABELS,
        "files": files,
        "main": main,
        "preview": bool(main and main.file.preview_name),
        # A signed PDF is checked on arrival (DOMAIN.md §3.1): who signed, and whether the
        # file is intact and the certificate trusted.
        "signatures": (
            stored_file_signatures(main.file) if main and main.file.kind == "pdf" else []
        ),
        "progress": _progress(files),
        "clerk": can_handle(current_acting(request), incoming),
        "history": document_history(
            incoming.document,
            reply_url=lambda reply: reverse("incoming:reply", args=[incoming.pk, reply]),
        ),
    }


def _review(
    request: HttpRequest,
    incoming: IncomingDocument,
    *,
    form: MetadataForm | None = None,
    reason_form: ReasonForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _context(request, incoming)
    form = form or _metadata_form(request, incoming)
    context.update(
        form=form,
        hints=form.hints(),
        duplicates=_duplicates(request, incoming),
        reason_form=reason_form or ReasonForm(),
    )
    return render(request, "incoming/review.html", context, status=status)


def document_page(
    request: HttpRequest,
    incoming: IncomingDocument,
    *,
    form: MetadataForm | None = None,
    reason_form: ReasonForm | None = None,
    direction_form: DirectionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page of a registered document; the forms given come back with their errors."""
    context = _context(request, incoming)
    context.update(processing_context(request, incoming, form=direction_form))
    standing = incoming.status in STANDING
    form = form or _metadata_form(request, incoming)
    context.update(
        standing=standing,
        form=form,
        hints=form.hints(),
        reason_form=reason_form or ReasonForm(),
        duplicate_of=(
            visible_incoming(request)
            .select_related("document")
            .filter(pk=incoming.duplicate_of_id)
            .first()
            if incoming.duplicate_of_id
            else None
        ),
    )
    return render(request, "incoming/detail.html", context, status=status)


@login_required
@require_GET
@domain_errors
def incoming_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The review page of a received document, the document page once registered."""
    incoming = access_incoming(request, pk)
    if incoming.status == IncomingStatus.RECEIVED:
        return _review(request, incoming)
    return document_page(request, incoming)


def _for_htmx(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the parts a page redraws by itself: when the session has ended or the document is
    no longer open to the person, reload the whole page (login form, 404 page) instead of
    polling on in silence or pasting the login form into the page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _htmx(request) and not request.user.is_authenticated:
            response = HttpResponse()
            response["HX-Refresh"] = "true"
            return response
        try:
            return view(request, *args, **kwargs)
        except Http404:
            if not _htmx(request):
                raise
            response = HttpResponse()
            response["HX-Refresh"] = "true"
            return response

    return wrapper


@_for_htmx
@login_required
@require_GET
@domain_errors
def incoming_text_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The reading progress, polled every 2 s by the review page while it runs. When it ends
    the answer says so (``text-ready``) and the page redraws the form with what was read."""
    incoming = access_incoming(request, pk)
    progress = _progress(_files(incoming))
    context = {
        "incoming": incoming,
        "progress": progress,
        "clerk": can_handle(current_acting(request), incoming),
    }
    response = render(request, "incoming/_text_status.html", context)
    if _htmx(request) and not progress.working:
        response["HX-Trigger"] = "text-ready"
    return response


@_for_htmx
@login_required
@require_POST
@domain_errors
def incoming_review_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The page image, duplicates and form, redrawn once the text is read: what the clerk has
    typed meanwhile comes with the request and stays; the proposal fills the rest.

    A POST although it changes nothing: the typed values (a subject, perhaps of a secret
    document) must not travel in a URL, which proxies and servers write to their logs.
    """
    incoming = access_incoming(request, pk)
    if incoming.status != IncomingStatus.RECEIVED:
        # Registered or returned meanwhile (by a colleague): show the page as it is now.
        response = HttpResponse()
        response["HX-Redirect"] = reverse("incoming:detail", args=[pk])
        return response
    context = _context(request, incoming)
    form = _metadata_form(request, incoming, initial=typed_over(incoming.document, request.POST))
    context.update(form=form, hints=form.hints(), duplicates=_duplicates(request, incoming))
    return render(request, "incoming/_review_panel.html", context)


@login_required
@require_POST
@domain_errors
def incoming_register_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Vào sổ: the next số đến, with the metadata as the clerk checked it."""
    incoming = access_incoming(request, pk)
    access_handle(request, incoming)
    if incoming.status != IncomingStatus.RECEIVED:
        messages.error(request, _("This document has already been dealt with."))
        return redirect("incoming:detail", pk=pk)
    form = _metadata_form(request, incoming, request.POST)
    if form.is_valid():
        try:
            incoming = incoming_register(
                by=_user(request), incoming=incoming, metadata=form.metadata()
            )
        except Conflict as exc:
            messages.error(request, exc.detail)
            return redirect("incoming:detail", pk=pk)
        except DomainError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("Registered. Arrival number: %(number)s/%(year)s")
                % {"number": incoming.arrival_number, "year": incoming.arrival_year},
            )
            return redirect("incoming:detail", pk=pk)
    return _review(request, incoming, form=form, status=400)


@login_required
@require_POST
@domain_errors
def incoming_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Trả lại: send a received document back to its sender, with the reason."""
    incoming = access_incoming(request, pk)
    access_handle(request, incoming)
    reason_form = ReasonForm(request.POST)
    if reason_form.is_valid():
        try:
            incoming_return(
                by=_user(request), incoming=incoming, reason=reason_form.cleaned_data["reason"]
            )
        except Conflict as exc:
            messages.error(request, exc.detail)
            return redirect("incoming:detail", pk=pk)
        except DomainError as exc:
            reason_form.add_error("reason", exc.detail)
        else:
            messages.success(
                request,
                _("“%(document)s” was returned to its sender.") % {"document": incoming.document},
            )
            return redirect("incoming:list")
    return _review(request, incoming, reason_form=reason_form, status=400)


@login_required
@require_POST
@domain_errors
def incoming_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Hủy vào sổ: the registration stops standing; its number is never given again."""
    incoming = access_incoming(request, pk)
    access_handle(request, incoming)
    reason_form = ReasonForm(request.POST)
    if reason_form.is_valid():
        try:
            incoming = incoming_cancel(
                by=_user(request), incoming=incoming, reason=reason_form.cleaned_data["reason"]
            )
        except Conflict as exc:
            messages.error(request, exc.detail)
            return redirect("incoming:detail", pk=pk)
        except DomainError as exc:
            reason_form.add_error("reason", exc.detail)
        else:
            messages.success(
                request,
                _("The registration with arrival number %(number)s was cancelled.")
                % {"number": incoming.arrival_number},
            )
            return redirect("incoming:detail", pk=pk)
    return document_page(request, incoming, reason_form=reason_form, status=400)


@login_required
@require_POST
@domain_errors
def incoming_correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Sửa thông tin of a registered document: kept in its history, before and after."""
    incoming = access_incoming(request, pk)
    access_handle(request, incoming)
    if incoming.status not in STANDING:
        messages.error(request, _("Only a standing registration can be corrected."))
        return redirect("incoming:detail", pk=pk)
    form = _metadata_form(request, incoming, request.POST)
    if form.is_valid():
        try:
            incoming_correct(by=_user(request), incoming=incoming, values=form.metadata())
        except DomainError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The information was corrected."))
            return redirect("incoming:detail", pk=pk)
    return document_page(request, incoming, form=form, status=400)


@login_required
@require_POST
@domain_errors
def incoming_retry_view(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    """Thử lại: read a file's text again after a failure (or once OCR is installed)."""
    incoming = access_incoming(request, pk)
    access_handle(request, incoming)
    item = get_object_or_404(
        DocumentFile.objects.select_related("file"), pk=file_id, document=incoming.document
    )
    try:
        file_text_retry(by=_user(request), stored=item.file)
    except Conflict as exc:
        # Already under way: the progress shown says as much.
        if not _htmx(request):
            messages.error(request, exc.detail)
    if _htmx(request):
        return render(request, "incoming/_text_status.html", _context(request, incoming))
    return redirect("incoming:detail", pk=pk)
