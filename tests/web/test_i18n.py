"""The Vietnamese catalogue is complete and compiled, and the interface speaks it by default."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

import vanphong
from tests.conftest import require_binary
from tests.web.dom import parse

PACKAGE = Path(vanphong.__file__).resolve().parent
PO = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def _key(entry: polib.POEntry | polib.MOEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def _translation(entry: polib.POEntry | polib.MOEntry) -> object:
    if entry.msgid_plural:
        return {int(k): v for k, v in entry.msgstr_plural.items()}
    return entry.msgstr


def test_every_vietnamese_entry_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(PO))
    assert po.metadata["Language"] == "vi"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert not po.metadata_is_fuzzy, "the header is marked fuzzy: msgfmt would drop it"
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []


def test_translations_keep_every_placeholder_of_their_source():
    for entry in polib.pofile(str(PO)).translated_entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        translated = _translation(entry)
        for text in translated.values() if isinstance(translated, dict) else [translated]:
            assert sorted(PLACEHOLDER.findall(text)) == wanted, entry.msgid


def test_the_compiled_catalogue_is_the_po_file():
    po = {_key(e): _translation(e) for e in polib.pofile(str(PO)).translated_entries()}
    mo = {_key(e): _translation(e) for e in polib.mofile(str(MO)) if e.msgid}
    assert mo == po, "django.mo is out of date: run `make messages`"


@pytest.mark.slow
def test_the_catalogue_has_every_string_of_the_source(tmp_path, monkeypatch):
    require_binary("xgettext", "gettext")
    # Extract from a copy, so the committed catalogue is never touched by the test.
    source = tmp_path / "vanphong"
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("__pycache__", "locale"))
    (source / "locale").mkdir()
    monkeypatch.chdir(source)
    with override_settings(LOCALE_PATHS=[source / "locale"]):
        call_command("makemessages", locale=["vi"], no_obsolete=True, verbosity=0)
    extracted = {_key(e) for e in polib.pofile(str(source / PO.relative_to(PACKAGE))) if e.msgid}
    committed = {_key(e) for e in polib.pofile(str(PO))}
    assert sorted(extracted - committed, key=str) == [], "new strings: run `make messages`"
    assert sorted(committed - extracted, key=str) == [], "stale strings: run `make messages`"


def test_login_page_is_vietnamese_by_default_even_for_an_english_browser(client):
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}):
        response = client.get("/accounts/login/", **headers)
        login = parse(response.content)
        assert login.find("html").attrs["lang"] == "vi"
        assert login.find("h1").text == "Đăng nhập"
        assert "Tên đăng nhập" in login.find("form").text
        assert response["Content-Language"] == "vi"


def test_login_page_is_english_after_switching_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    login = parse(client.get("/accounts/login/").content)
    assert login.find("html").attrs["lang"] == "en"
    assert login.find("h1").text == "Sign in"
    assert "User name" in login.find("form").text
    # …and back.
    client.post("/i18n/setlang/", {"language": "vi", "next": "/accounts/login/"})
    assert parse(client.get("/accounts/login/").content).find("h1").text == "Đăng nhập"


def test_signed_in_pages_follow_the_chosen_language(network, login):
    client = login(network.user("vanthu.badinh"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    home = parse(client.get("/").content)
    assert home.get("current-unit").text == "Quận ủy Ba Đình · Clerk"
    assert "Organisation" in [a.text for a in home.find("nav", aria_label="Modules").find_all("a")]
