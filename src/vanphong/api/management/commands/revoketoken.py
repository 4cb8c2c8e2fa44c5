from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.api.models import ApiToken
from vanphong.api.tokens import token_revoke
from vanphong.core.errors import DomainError


class Command(BaseCommand):
    help = "Revoke API tokens: by PREFIX (as listed), or every token of --user USERNAME."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix", nargs="?", default=None)
        parser.add_argument("--user", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        tokens = ApiToken.objects.filter(revoked_at__isnull=True)
        if options["prefix"]:
            tokens = tokens.filter(prefix=options["prefix"][:10])
        elif options["user"]:
            tokens = tokens.filter(user__username=options["user"])
        else:
            raise CommandError("give a token prefix or --user USERNAME")
        found = list(tokens)
        if not found:
            raise CommandError("no such active token")
        for token in found:
            try:
                token_revoke(by=None, token=token)
            except DomainError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"revoked {token.prefix}… of {token.user.username}")
