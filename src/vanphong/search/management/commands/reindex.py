from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from vanphong.search.services import BATCH, index_documents, index_remove_missing
from vanphong.search.sources import sources

BAR = 30


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the documents, in batches, with a progress bar. Safe to "
        "run at any time, also while people work: each document is indexed as it is now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind", help="Only this kind of document: " + ", ".join(s.kind for s in sources())
        )
        parser.add_argument("--batch-size", type=int, default=BATCH * 5)

    def _progress(self, kind: str, done: int, total: int, started: float) -> None:
        share = done / total if total else 1.0
        filled = int(BAR * share)
        rate = done / max(time.monotonic() - started, 1e-6)
        line = (
            f"\r{kind:>9} [{'#' * filled}{'.' * (BAR - filled)}] {done}/{total} "
            f"({share:.0%}, {rate:.0f}/s)"
        )
        self.stdout.write(line, ending="")
        self.stdout.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        chosen = [s for s in sources() if kind is None or s.kind == kind]
        if not chosen:
            raise CommandError(
                f"unknown kind {kind!r}; choose one of " + ", ".join(s.kind for s in sources())
            )
        size = max(1, options["batch_size"])
        written = 0
        for item in chosen:
            ids = list(item.all_ids().order_by("document_id").values_list("document_id", flat=True))
            started = time.monotonic()
            self._progress(item.kind, 0, len(ids), started)
            for start in range(0, len(ids), size):
                written += index_documents(ids[start : start + size])
                self._progress(item.kind, min(start + size, len(ids)), len(ids), started)
            self.stdout.write("")
        removed = index_remove_missing(kind=kind)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                # Merge the indexes' segments: searches read fewer of them afterwards.
                for table in ("search_fts", "search_titles"):
                    cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608
        self.stdout.write(
            f"search index rebuilt: {written} entr{'y' if written == 1 else 'ies'} written, "
            f"{removed} removed"
        )
