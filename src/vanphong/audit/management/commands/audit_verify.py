from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vanphong.audit.selectors import audit_verify_chain


class Command(BaseCommand):
    help = "Verify the audit journal's hash chain; exit 1 and name the first broken link if any."

    def handle(self, *args: Any, **options: Any) -> None:
        verdict = audit_verify_chain()
        if not verdict.ok and verdict.broken_seq is None:
            raise CommandError(
                f"audit journal broken: {verdict.reason} ({verdict.checked} event(s) checked)"
            )
        if not verdict.ok:
            raise CommandError(
                f"audit journal broken at event #{verdict.broken_seq}: {verdict.reason} "
                f"({verdict.checked} event(s) before it are intact)"
            )
        self.stdout.write(f"audit journal intact: {verdict.checked} event(s) verified")
