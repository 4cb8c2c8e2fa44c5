"""Files of an incoming document are streamed only to those who may open the document."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import require
from tests.factories import pdf_bytes, scan_png
from tests.incoming.test_views import META, client_for, receive, registered
from tests.web.dom import parse
from vanphong.documents.text import ocr_available
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.services import incoming_register


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _urls(incoming: IncomingDocument) -> dict[str, str]:
    file_id = incoming.document.files.get().pk
    base = f"/incoming/{incoming.pk}"
    return {
        "file": f"{base}/files/{file_id}/",
        "preview": f"{base}/preview.png",
        "searchable": f"{base}/files/{file_id}/searchable/",
    }


def test_the_original_file_comes_back_byte_for_byte(network, run_jobs):
    content = pdf_bytes()
    incoming = registered(network, content)
    run_jobs()
    urls = _urls(incoming)
    client = client_for(network.user("lanhdao.badinh"))
    response = client.get(urls["file"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "chi-thi.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert _body(response) == content
    preview = client.get(urls["preview"])
    assert preview.status_code == 200
    assert preview["Content-Type"] == "image/png"
    assert _body(preview).startswith(b"\x89PNG")
    # A PDF with a text layer needs no OCR, so it has no searchable copy.
    assert client.get(urls["searchable"]).status_code == 404


def test_a_docx_is_downloaded_not_shown(network):
    from tests.factories import docx_bytes

    incoming = receive(network, docx_bytes(["Công văn"]), name="cong-van.docx")
    response = client_for(network.user("vanthu.badinh")).get(_urls(incoming)["file"])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_nobody_else_gets_the_files(network, run_jobs):
    incoming = registered(network)
    other = registered(network, pdf_bytes(["Văn bản khác"]))
    run_jobs()
    urls = _urls(incoming)
    for username in ("vanthu.hoankiem", "lanhdao.hoankiem", "chuyenvien.badinh"):
        client = client_for(network.user(username))
        for url in urls.values():
            assert client.get(url).status_code == 404, (username, url)
    # A file of another document, under this document's address: not found either.
    clerk = client_for(network.user("vanthu.badinh"))
    stranger = other.document.files.get().pk
    assert clerk.get(f"/incoming/{incoming.pk}/files/{stranger}/").status_code == 404
    anonymous = Client().get(urls["file"])
    assert anonymous.status_code == 302
    assert clerk.post(urls["file"]).status_code == 405


def test_before_the_text_is_read_there_is_no_picture_yet(network):
    incoming = receive(network)
    client = client_for(network.user("vanthu.badinh"))
    assert client.get(_urls(incoming)["preview"]).status_code == 404


@pytest.mark.slow
def test_a_scan_gets_a_searchable_pdf(network, run_jobs):
    require("tesseract-ocr-vie", ocr_available(), "apt-get install tesseract-ocr tesseract-ocr-vie")
    incoming = receive(network, scan_png(), name="ban-chup.png")
    run_jobs()
    client = client_for(network.user("vanthu.badinh"))
    urls = _urls(incoming)
    original = client.get(urls["file"])
    assert original["Content-Type"] == "image/png"
    searchable = client.get(urls["searchable"])
    assert searchable.status_code == 200
    assert searchable["Content-Type"] == "application/pdf"
    assert "ban-chup-ocr.pdf" in searchable["Content-Disposition"]
    assert _body(searchable).startswith(b"%PDF")
    incoming_register(by=network.user("vanthu.badinh"), incoming=incoming, metadata=META)
    files = parse(client.get(f"/incoming/{incoming.pk}/").content).get("files")
    assert files.find("a", data_testid="searchable-link").attrs["href"] == urls["searchable"]
