"""Signing and verifying PDFs: time per operation of the outgoing flow and of verification.

`.venv/bin/python -m bench.signing` from the repository root; no Django settings needed.
The first signature of a process also prepares the stamp fonts (shown apart).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import time

from bench.common import machine, percentiles, timed
from vanphong.signing import ca, images
from vanphong.signing.pdf import VIETNAM, fill_issue_fields, sign_agency, sign_personal, verify

PASSPHRASE = "vanphong-bench"  # noqa: S105 - a key made for the benchmark
SIGNER = "Nguyễn Văn An"
AGENCY = "Thành ủy Hà Nội"
WHEN = dt.datetime(2026, 3, 12, 9, 15, tzinfo=VIETNAM)


def draft(pages: int) -> bytes:
    import weasyprint

    body = "".join(
        f"<p style='page-break-before: always'>Trang {i + 2}: nội dung văn bản.</p>"
        for i in range(pages - 1)
    )
    markup = (
        "<html><body style='font-family: DejaVu Serif; font-size: 13pt'>"
        "<p>THÀNH ỦY HÀ NỘI — Số &nbsp;&nbsp;-CT/TU</p>"
        "<p>Hà Nội, ngày &nbsp; tháng &nbsp; năm 2026</p><h3>CHỈ THỊ</h3>"
        f"{body}<p style='margin-left:50%;text-align:center'><b>BÍ THƯ</b><br><br><br><br>"
        f"<b>{html.escape(SIGNER)}</b></p></body></html>"
    )
    return weasyprint.HTML(string=markup).write_pdf()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    print(f"machine: {machine()}")
    start, end = dt.datetime(2020, 1, 1, tzinfo=dt.UTC), dt.datetime(2040, 1, 1, tzinfo=dt.UTC)

    def ec_certificate() -> object:
        issuer = ca.create_root_ca(name="CA", not_before=start, not_after=end)
        return ca.issue_person(
            issuer, full_name=SIGNER, organization=AGENCY, not_before=start, not_after=end
        )

    print(f"EC P-256 CA + signer certificate: {percentiles(timed(ec_certificate, repeat))}")
    rsa_samples = timed(lambda: ca.new_key("rsa"), max(5, repeat // 4))
    print(f"RSA 2048 key: {percentiles(rsa_samples)}")
    root = ca.create_root_ca(name="CA thử nghiệm", not_before=start, not_after=end)
    person = ca.issue_person(
        root, full_name=SIGNER, organization=AGENCY, not_before=start, not_after=end
    )
    agency = ca.issue_agency(root, name=AGENCY, not_before=start, not_after=end)
    person_p12 = ca.to_pkcs12(person, PASSPHRASE)
    agency_p12 = ca.to_pkcs12(agency, PASSPHRASE)
    roots = [ca.to_pem(root.certificate).encode()]
    print(
        f"open a PKCS#12 file ({ca.PKCS12_KDF_ROUNDS} PBKDF2 rounds): "
        f"{percentiles(timed(lambda: ca.from_pkcs12(person_p12, PASSPHRASE), repeat))}"
    )
    signature, seal = images.signature_png(SIGNER), images.seal_png(AGENCY, place="Hà Nội")
    print(f"demo seal image: {percentiles(timed(lambda: images.seal_png(AGENCY), repeat))}")

    for pages in (1, 20):
        document = draft(pages)

        def personal(document: bytes = document) -> bytes:
            return sign_personal(
                document,
                person_p12,
                PASSPHRASE,
                name=SIGNER,
                position="BÍ THƯ",
                image=signature,
                when=WHEN,
            )

        if pages == 1:
            started = time.perf_counter()
            personal()
            print(
                f"first signature in a process (fonts prepared): "
                f"{(time.perf_counter() - started) * 1000:.0f} ms"
            )
        signed = personal()
        numbered = fill_issue_fields(signed, symbol="Số 15-CT/TU", date_text="Hà Nội, ngày 12")
        issued = sign_agency(
            numbered, agency_p12, PASSPHRASE, agency_name=AGENCY, image=seal, when=WHEN
        )
        size = len(document) // 1024
        print(f"\n{pages} page(s), {size} KiB → signed {len(issued) // 1024} KiB")
        print(f"  sign_personal: {percentiles(timed(personal, repeat))}")
        fill = timed(
            lambda signed=signed: fill_issue_fields(
                signed, symbol="Số 15-CT/TU", date_text="Hà Nội, ngày 12 tháng 3 năm 2026"
            ),
            repeat,
        )
        print(f"  fill_issue_fields: {percentiles(fill)}")
        agency_times = timed(
            lambda numbered=numbered: sign_agency(
                numbered, agency_p12, PASSPHRASE, agency_name=AGENCY, image=seal, when=WHEN
            ),
            repeat,
        )
        print(f"  sign_agency: {percentiles(agency_times)}")
        one = timed(lambda signed=signed: verify(signed, roots), repeat)
        two = timed(lambda issued=issued: verify(issued, roots), repeat)
        print(f"  verify 1 signature: {percentiles(one)}")
        print(f"  verify 2 signatures: {percentiles(two)}")


if __name__ == "__main__":
    main()
