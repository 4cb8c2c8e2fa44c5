"""Packages come from other systems: hostile XML is refused before it can do harm."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from vanphong.exchange import edxml
from vanphong.exchange.edxml import EdxmlError

SAMPLES = Path(__file__).parent / "samples"
NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
DTD_REFUSED = "document type declarations (DTD) are refused: edXML needs no entities"


def refused(data: bytes) -> EdxmlError:
    with pytest.raises(EdxmlError) as caught:
        edxml.decode(data)
    return caught.value


@pytest.fixture
def listener() -> Iterator[list[str]]:
    """An HTTP server on localhost recording every request made to it."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY secret "leaked">')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    requests.append(f"http://127.0.0.1:{server.server_port}")
    yield requests
    server.shutdown()
    server.server_close()


def test_external_entities_are_neither_read_nor_fetched(
    listener: list[str], tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu của văn thư")
    base = listener.pop()
    attacks = [
        f'<!DOCTYPE edXML [<!ENTITY s SYSTEM "file://{secret}">]>',
        f'<!DOCTYPE edXML [<!ENTITY s SYSTEM "{base}/entity">]>',
        f'<!DOCTYPE edXML [<!ENTITY % p SYSTEM "{base}/param.dtd"> %p;]>',
        f'<!DOCTYPE edXML SYSTEM "{base}/external.dtd">',
        f'<!DOCTYPE edXML PUBLIC "-//VN//edXML//VI" "{base}/public.dtd">',
    ]
    for doctype in attacks:
        data = (
            f'<?xml version="1.0"?>\n<?pi before?>\n<!-- a comment -->\n{doctype}\n'
            f'<edXML xmlns="{NS}"><edXMLEnvelope><edXMLHeader><MessageHeader>'
            f"<Subject>&s;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>"
        ).encode()
        error = refused(data)
        assert (error.path, error.reason) == ("edXML", DTD_REFUSED)
        assert "mật khẩu" not in str(error)
    assert listener == []


def test_entity_expansion_is_refused_at_once() -> None:
    started = time.perf_counter()
    error = refused((SAMPLES / "broken" / "billion_laughs.edxml").read_bytes())
    assert error.reason == DTD_REFUSED
    quadratic = (
        '<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY a "' + "x" * 100_000 + '">]>'
        f'<edXML xmlns="{NS}"><Subject>' + "&a;" * 10_000 + "</Subject></edXML>"
    ).encode()
    assert refused(quadratic).reason == DTD_REFUSED
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_documents_are_read_and_their_doctypes_refused(codec: str) -> None:
    text = (SAMPLES / "unnamespaced.edxml").read_text(encoding="utf-8")
    package = edxml.decode_package(text.encode("utf-8"))
    declared = '<?xml version="1.0" encoding="UTF-16"?>' + text
    assert edxml.decode_package(declared.encode(codec)) == package
    attack = '<!DOCTYPE edXML [<!ENTITY s SYSTEM "file:///etc/passwd">]>' + text.lstrip()
    assert refused(attack.encode(codec)).reason == DTD_REFUSED


def test_only_encodings_that_cannot_hide_markup_are_accepted() -> None:
    text = (SAMPLES / "status_minimal.edxml").read_text(encoding="utf-8")
    for name, codec in [("windows-1258", "cp1258"), ("ISO-8859-1", "latin-1")]:
        data = f'<?xml version="1.0" encoding="{name}"?>{text}'.encode(codec)
        assert isinstance(edxml.decode(data), edxml.StatusMessage)
    # UTF-8 with a byte-order mark, as Windows tools write it.
    assert isinstance(edxml.decode(b"\xef\xbb\xbf" + text.encode()), edxml.StatusMessage)
    for name in ("UTF-7", "IBM037", "UTF-32", "x-unknown"):
        data = f'<?xml version="1.0" encoding="{name}"?>{text}'.encode()
        error = refused(data)
        assert (error.path, error.reason) == (
            "edXML",
            f"unsupported encoding {name.lower()!r}: send UTF-8",
        )
    assert refused(text.encode("utf-32")).reason == "unsupported encoding UTF-32: send UTF-8"


def test_a_doctype_hidden_behind_a_long_prolog_is_refused() -> None:
    text = (SAMPLES / "status_minimal.edxml").read_text(encoding="utf-8")
    padding = "<!-- đệm -->\n" * 10_000
    data = f'{padding}<!DOCTYPE edXML [<!ENTITY x "y">]>{text}'.encode()
    assert refused(data).reason == "the prolog before <edXML> is too long"


def test_size_and_element_count_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (SAMPLES / "vpcp_prefixed.edxml").read_bytes()
    limit = len(data) - 1
    monkeypatch.setattr(edxml, "MAX_BYTES", limit)
    assert refused(data).reason == f"document of {len(data)} bytes exceeds the {limit} limit"
    monkeypatch.setattr(edxml, "MAX_BYTES", len(data))
    assert edxml.decode_package(data).document_id.startswith("000.00.00.G22")
    monkeypatch.setattr(edxml, "MAX_ELEMENTS", 50)
    assert refused(data).reason == "more than 50 elements"


def test_empty_and_non_xml_input_is_refused() -> None:
    assert refused(b"").reason == "empty document"
    assert refused(b" \n\t ").reason == "empty document"
    assert refused(b"%PDF-1.4 not xml").reason.startswith("not well-formed XML")
    assert refused(b"<edXML>").reason.startswith("not well-formed XML")
    with pytest.raises(TypeError):
        edxml.decode("<edXML/>")  # type: ignore[arg-type]


def test_large_attachments_are_written_unwrapped_in_one_text_node() -> None:
    """Java's basic Base64 decoder (used by several products) rejects line breaks."""
    data = bytes(range(256)) * 40_000  # 10 MB, several write chunks
    pkg = edxml.Package(
        header=edxml.MessageHeader(
            from_=edxml.Organization(organ_id="000.00.00.H26"),
            to=(edxml.Organization(organ_id="000.01.00.H26"),),
            code=edxml.Code("1", "BC/TU"),
            promulgation_info=edxml.Promulgation("Hà Nội", dt.date(2026, 1, 1)),
            document_type=edxml.DocumentType(type=1),
            subject="Báo cáo",
        ),
        attachments=(edxml.Attachment.new("scan.pdf", data),),
    )
    encoded = edxml.encode_package(pkg)
    start = encoded.index(b"<ContentTransferEncoded>") + len(b"<ContentTransferEncoded>")
    end = encoded.index(b"</ContentTransferEncoded>")
    assert b"\n" not in encoded[start:end]
    assert edxml.decode_package(encoded).attachments[0].data == data
