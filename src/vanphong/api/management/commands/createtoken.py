from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.api.tokens import token_create
from vanphong.core.errors import DomainError
from vanphong.org.models import User


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it (it is shown only this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for.")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days until it expires (0: never; default VANPHONG_API_TOKEN_DAYS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no such user: {options['username']}")
        try:
            _token, secret = token_create(
                by=None, user=user, name=options["name"], days=options["days"]
            )
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(secret)
