from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from vanphong.signing.demo import signing_demo_load
from vanphong.signing.services import DEMO_CA_NAME, DEMO_PASSPHRASE


class Command(BaseCommand):
    help = (
        "Trust the demo CA and create demo signing keys (passphrase vanphong-demo) for every "
        "leader and office leader and every committee of the demo network. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = signing_demo_load()
        self.stdout.write(
            f"demo signing keys: {summary.personal} personal and {summary.agency} agency key(s) "
            f"added, passphrase {DEMO_PASSPHRASE!r}; demo CA trusted: {DEMO_CA_NAME}"
        )
