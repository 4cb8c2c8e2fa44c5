from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from vanphong.core.errors import DomainError
from vanphong.incoming.demo import demo_documents_index, incoming_demo_load
from vanphong.org.demo import DEMO_PASSWORD, demo_load, reorg_2025_applied, reorg_2025_apply
from vanphong.outgoing.demo import outgoing_demo_documents_load, outgoing_demo_load
from vanphong.outgoing.models import OutgoingStatus
from vanphong.signing.demo import signing_demo_load


class Command(BaseCommand):
    help = (
        "Load the demonstration network (Thành ủy Hà Nội and its 30 district committees of 2016, "
        "with demo users, their demo signing keys and recipient groups) and a few weeks of "
        "documents of four of its offices. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reorg-2025",
            action="store_true",
            help="Also apply the 2025 reorganisation (districts closed, wards and communes open).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = demo_load()
        self.stdout.write(
            f"demo network: {summary.units_created} unit(s), {summary.users_created} user(s), "
            f"{summary.memberships_created} membership(s) added; "
            f"users such as vanthu.thanhuy or lanhdao.badinh, password {DEMO_PASSWORD!r}"
        )
        self._keys()
        groups = outgoing_demo_load()
        self.stdout.write(f"demo recipient groups: {groups} added")
        # Before the reorganisation: the documents are the post of the 2016 network's offices,
        # and the reorganisation then deals with them as with any open work.
        self._documents()
        if options["reorg_2025"]:
            if reorg_2025_applied():
                self.stdout.write("2025 reorganisation: already applied")
                return
            try:
                result = reorg_2025_apply(by=None)
            except DomainError as exc:
                self.stderr.write(str(exc))
                raise SystemExit(1) from exc
            self.stdout.write(
                f"2025 reorganisation applied: {result.units_created} unit(s) opened, "
                f"{result.memberships_created} role(s) carried over"
            )
            self._keys()

    def _keys(self) -> None:
        keys = signing_demo_load()
        self.stdout.write(
            f"demo signing keys: {keys.personal} personal and {keys.agency} agency key(s) added "
            f"(passphrase {DEMO_PASSWORD!r}); the demo certificate authority is trusted"
        )

    def _documents(self) -> None:
        incoming = incoming_demo_load()
        if incoming.skipped:
            self.stdout.write(f"demo incoming documents: none added ({incoming.skipped})")
        else:
            units = ", ".join(f"{slug} {n}" for slug, n in incoming.created.items())
            self.stdout.write(
                f"demo incoming documents: {incoming.total} added ({units}; {incoming.waiting} "
                f"waiting to be registered), {incoming.assignments} assignment(s); see the work "
                "of chuyenvien.badinh or chuyenvien.thanhuy"
            )
        outgoing = outgoing_demo_documents_load()
        if outgoing.skipped:
            self.stdout.write(f"demo outgoing documents: none added ({outgoing.skipped})")
        else:
            with translation.override("en"):  # the command speaks English, as above
                statuses = "; ".join(  # a status's name may hold a comma
                    f"{n} {str(OutgoingStatus(status).label).lower()}"
                    for status, n in sorted(outgoing.by_status.items())
                )
            self.stdout.write(
                f"demo outgoing documents: {outgoing.total} added at thanhuy ({statuses}); the "
                "issued ones reach the districts when a worker runs (vanphong serve starts one)"
            )
        ids = incoming.document_ids + outgoing.document_ids
        if ids:
            indexed = demo_documents_index(ids)
            self.stdout.write(f"demo documents: {indexed} read and indexed for search")
