"""Turning the services' DomainError into pages a person can read, never a 500."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

from vanphong.core.errors import DomainError, Forbidden, NotFound

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def domain_errors(view: View) -> View:
    """Answer NotFound with the 404 page, Forbidden with the 403 page, and any other
    DomainError a view did not handle itself with a page that says what went wrong.

    Views catch the errors they expect (to show them next to a form); this is the net under
    them, so an unexpected refusal still reaches the person as a 4xx with its reason.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.detail) from exc
        except Forbidden as exc:
            raise PermissionDenied(exc.detail) from exc
        except DomainError as exc:
            return render(request, "web/error.html", {"detail": exc.detail}, status=exc.status)

    return cast(View, wrapper)
