"""The REST API under /api/v1/: one NinjaAPI, each app contributing its router."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from asgiref.sync import iscoroutinefunction
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from vanphong import __version__
from vanphong.api.auth import AUTH
from vanphong.core.errors import DomainError
from vanphong.documents.api import router as documents_router
from vanphong.documents.storage import rejection_message
from vanphong.documents.uploads import upload_too_large
from vanphong.incoming.api import router as incoming_router
from vanphong.incoming.api_books import router as incoming_books_router
from vanphong.incoming.api_work import router as incoming_work_router
from vanphong.org.api import router as org_router
from vanphong.outgoing.api import router as outgoing_router
from vanphong.outgoing.api_books import router as outgoing_books_router
from vanphong.registers.api import router as registers_router
from vanphong.search.api import router as search_router

logger = logging.getLogger("vanphong.api")


class VanphongAPI(NinjaAPI):
    """django-ninja's API, whose answers to a wrong HTTP method are JSON errors too.

    Ninja answers a method a path does not serve with a plain-text 405 before any of the API's
    exception handlers run; its URL patterns are wrapped here to give the usual error shape.
    """

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        return [_json_not_allowed(p) for p in patterns], app_name, namespace


def _json_not_allowed(pattern: URLResolver | URLPattern) -> URLResolver | URLPattern:
    if not isinstance(pattern, URLPattern) or iscoroutinefunction(pattern.callback):
        return pattern
    view: Callable[..., HttpResponse] = pattern.callback

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        allowed = response["Allow"]
        error = _error(
            request,
            405,
            _("Method %(method)s is not allowed here; use %(allowed)s.")
            % {"method": request.method, "allowed": allowed},
            "method_not_allowed",
        )
        error["Allow"] = allowed
        return error

    return URLPattern(pattern.pattern, wrapped, pattern.default_args, pattern.name)


api = VanphongAPI(
    title="vanphong API",
    version="1",
    description=(
        "REST API of vanphong. Authenticate with `Authorization: Bearer <token>` "
        "(`vanphong createtoken USERNAME`) or the web session. Errors are JSON "
        '`{"detail": …, "code": …}` with a 4xx status.'
    ),
    auth=AUTH,
    urls_namespace="api",
)


def _error(request: HttpRequest, status: int, detail: str, code: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "code": code, **extra}, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


# Pydantic's error types (``errors[].type``) → what the API says of them, in the language of
# the request like its own messages (pydantic writes English); ``%(…)s`` from the error's ctx.
# A type not listed keeps pydantic's message.
_ONE_OF = gettext_lazy("Give one of: %(expected)s.")
_A_DATE = gettext_lazy("Give a date as YYYY-MM-DD.")
_A_WHOLE_NUMBER = gettext_lazy("Give a whole number.")
_AN_OBJECT = gettext_lazy("Give a JSON object.")
VALIDATION_MESSAGES: dict[str, Any] = {
    "missing": gettext_lazy("This field is required."),
    "int_parsing": _A_WHOLE_NUMBER,
    "int_type": _A_WHOLE_NUMBER,
    "int_from_float": _A_WHOLE_NUMBER,
    "float_parsing": gettext_lazy("Give a number."),
    "bool_parsing": gettext_lazy("Give true or false."),
    "string_type": gettext_lazy("Give a text."),
    "string_too_short": gettext_lazy("Give at least %(min_length)s characters."),
    "string_too_long": gettext_lazy("Give at most %(max_length)s characters."),
    "greater_than": gettext_lazy("Give a number greater than %(gt)s."),
    "greater_than_equal": gettext_lazy("Give a number of at least %(ge)s."),
    "less_than": gettext_lazy("Give a number less than %(lt)s."),
    "less_than_equal": gettext_lazy("Give a number of at most %(le)s."),
    "enum": _ONE_OF,
    "literal_error": _ONE_OF,
    "date_parsing": _A_DATE,
    "date_from_datetime_parsing": _A_DATE,
    "date_from_datetime_inexact": _A_DATE,
    "date_type": _A_DATE,
    "datetime_parsing": gettext_lazy("Give a date and time (ISO 8601)."),
    "datetime_from_date_parsing": gettext_lazy("Give a date and time (ISO 8601)."),
    "list_type": gettext_lazy("Give a list."),
    "dict_type": _AN_OBJECT,
    "model_type": _AN_OBJECT,
    "model_attributes_type": _AN_OBJECT,
    "json_invalid": gettext_lazy("The body is not valid JSON."),
    "uuid_parsing": gettext_lazy("Give a UUID."),
    "extra_forbidden": gettext_lazy("Unknown field."),
}


def _message(error: dict[str, Any]) -> str:
    """What one of pydantic's errors says, in the request's language where the type is known
    (``VALIDATION_MESSAGES``); a validator's own message without pydantic's prefix."""
    message = str(error.get("msg", ""))
    template = VALIDATION_MESSAGES.get(str(error.get("type", "")))
    if template is None:
        return message.removeprefix("Value error, ")
    ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    if "expected" in ctx:  # pydantic's "'a', 'b' or 'c'", in words of no language
        ctx["expected"] = ctx["expected"].replace(" or ", ", ")
    try:
        return str(template) % ctx
    except (KeyError, TypeError, ValueError):
        return message


def _describe(error: dict[str, Any]) -> str:
    where = ".".join(
        str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path", "form")
    )
    return f"{where}: {error.get('msg', '')}" if where else str(error.get("msg", ""))


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if upload_too_large(request):
        # The upload handler cut the body off, so the file "is missing": say what happened.
        return _error(request, 413, rejection_message("too_large"), "too_large")
    errors = [
        {"loc": list(e.get("loc", ())), "msg": _message(e), "type": e.get("type", "")}
        for e in exc.errors
    ]
    summary = "; ".join(_describe(e).rstrip(".") for e in errors) + "." if errors else ""
    summary = summary or _("Invalid input.")
    return _error(request, 422, summary, "validation_error", errors=errors)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, _("Sign in or give a valid API token."), "not_authenticated")


@api.exception_handler(AuthorizationError)
def on_forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    return _error(request, 403, _("You are not allowed to do this."), "forbidden")


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or _("You are not allowed to do this."), "forbidden")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, _("Not found."), "not_found")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = {
        400: "bad_request",
        405: "method_not_allowed",
        413: "too_large",
        415: "unsupported_media_type",
        429: "throttled",
    }
    return _error(request, exc.status_code, str(exc.message), code.get(exc.status_code, "error"))


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("unhandled error in %s %s", request.method, request.path)
    return _error(request, 500, _("Internal error; it has been logged."), "server_error")


@api.get("/version", auth=None, summary="Version of the server", tags=["system"])
def version(request: HttpRequest) -> dict[str, str]:
    return {"version": __version__}


api.add_router("/", org_router)
api.add_router("/", documents_router)
api.add_router("/", incoming_router)
api.add_router("/", incoming_books_router)
api.add_router("/", incoming_work_router)
api.add_router("/", outgoing_router)
api.add_router("/", outgoing_books_router)
api.add_router("/", registers_router)
api.add_router("/", search_router)


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Unknown paths under /api/ answer in JSON like the rest of the API."""
    return _error(request, 404, _("No such API endpoint."), "not_found")
