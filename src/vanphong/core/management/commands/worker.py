from __future__ import annotations

import logging
import os
import socket
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.crypto import get_random_string

from vanphong.core.worker import Worker


class Command(BaseCommand):
    help = "Run a background worker: takes jobs from the database queue (any number may run)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queue", default="*", help="Comma-separated queue names, or * for all (default)."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between polls when idle."
        )
        parser.add_argument(
            "--batch", action="store_true", help="Run what is ready now, then exit."
        )
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--worker-id", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verbosity"] > 0:
            logging.getLogger("vanphong.worker").setLevel(logging.INFO)
        else:
            # Quiet means quiet: django-tasks and its database backend log every start and
            # stop of a job at INFO.
            for name in ("django_tasks", "django_tasks_db"):
                logging.getLogger(name).setLevel(logging.WARNING)
        host = socket.gethostname()[:32]
        worker_id = options["worker_id"] or f"{host}-{os.getpid()}-{get_random_string(6)}"
        worker = Worker(
            queue_names=options["queue"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=options["max_tasks"],
            worker_id=worker_id[:64],
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()
