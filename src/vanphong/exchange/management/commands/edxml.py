"""``vanphong edxml validate FILE``: exit 0 with a summary when valid, 1 with path and reason."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.exchange.validate import validate_bytes


class Command(BaseCommand):
    help = (
        "edXML tools. `validate FILE` checks an edXML package or status message (told apart by "
        "its content; FILE may be - for standard input): exit 0 and a one-line summary when "
        "valid, exit 1 with the element path and the reason when not."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        validate = actions.add_parser("validate", help="check an edXML file")
        validate.add_argument("file", help="the edXML file, or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "validate":
            self.validate(options["file"])

    def validate(self, name: str) -> None:
        try:
            if name == "-":
                data = sys.stdin.buffer.read()
            else:
                with open(name, "rb") as file:
                    data = file.read()
        except OSError as exc:
            raise CommandError(f"cannot read {name}: {exc.strerror or exc}") from None
        verdict = validate_bytes(data)
        if not verdict.ok:
            raise CommandError(f"invalid edXML: {verdict.summary}")
        self.stdout.write(f"valid {verdict.summary}")
