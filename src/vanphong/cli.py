"""The ``vanphong`` command: Django's management commands with vanphong's settings preset.

Besides Django's own commands: ``serve``, ``worker``, ``demo``, ``createtoken``, ``audit_verify``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["vanphong", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
