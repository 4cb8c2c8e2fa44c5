"""The interface language: Vietnamese unless the person chose another."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


class LanguageMiddleware:
    """Activate the language the person chose with the language switch, else Vietnamese.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would greet every
    office whose computers were installed in English with an English interface; the product is
    Vietnamese first (DESIGN.md §2.7), English on request. The choice made through Django's
    ``set_language`` view lives in the ``LANGUAGE_COOKIE_NAME`` cookie. API clients are
    programs that state the language they want, so for them Accept-Language still counts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self.language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response

    @staticmethod
    def language_for(request: HttpRequest) -> str:
        if request.path_info.startswith(API_PREFIX):
            return translation.get_language_from_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen:
            try:
                return translation.get_supported_language_variant(chosen)
            except LookupError:
                pass  # a cookie naming a language no longer offered
        return settings.LANGUAGE_CODE
