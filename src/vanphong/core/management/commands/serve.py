from __future__ import annotations

import signal
import subprocess
import sys
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Migrate, then serve the web application and run background workers on this machine "
        "(default 127.0.0.1:8000)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=1, help="Task workers to run (0: none).")
        parser.add_argument("--threads", type=int, default=8, help="Web server threads.")
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        host, _, port = options["addrport"].rpartition(":")
        host = host.strip("[]") or "127.0.0.1"
        if not port.isdigit():
            raise CommandError(f"Not an ADDR:PORT: {options['addrport']!r}")

        def stop(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        # Before any worker starts: a SIGTERM must always reach the code that stops them.
        signal.signal(signal.SIGTERM, stop)
        workers: list[subprocess.Popen[bytes]] = []
        stopping = threading.Event()
        # Held while the supervisor looks at the workers, so that it never restarts a worker
        # that is being stopped (which would leave a worker running after serve has exited).
        supervising = threading.Lock()

        def supervise() -> None:
            # A worker that dies (out of memory, a bug) is started again.
            while not stopping.wait(2):
                with supervising:
                    if stopping.is_set():
                        return
                    for i, proc in enumerate(workers):
                        if proc.poll() is not None:
                            self.stderr.write(f"worker exited with {proc.returncode}; restarting")
                            workers[i] = self._start_worker()

        try:
            if not options["no_migrate"]:
                call_command("migrate", interactive=False, verbosity=0)
            if settings.STATIC_MANIFEST:
                # Pages name their CSS and scripts by content hash: the manifest of those
                # names must exist before the first page is served.
                call_command("collectstatic", interactive=False, verbosity=0)
            workers.extend(self._start_worker() for _ in range(options["workers"]))
            threading.Thread(target=supervise, daemon=True).start()

            from waitress import serve as waitress_serve

            from vanphong.config.wsgi import application

            self.stdout.write(
                f"vanphong serving on http://{host}:{port}/ with {len(workers)} worker(s); "
                f"data in {settings.DATA_DIR}. Ctrl+C stops."
            )
            waitress_serve(
                application,
                host=host,
                port=int(port),
                threads=options["threads"],
                # Refuse an oversized body from its declared length, before buffering it.
                max_request_body_size=settings.MAX_REQUEST_BYTES,
                ident="vanphong",
                _quiet=True,
            )
        except KeyboardInterrupt:
            pass
        finally:
            # A second SIGTERM must not cut the shutdown short and leave workers behind.
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            with supervising:
                stopping.set()
            for proc in workers:
                proc.terminate()
            for proc in workers:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()

    def _start_worker(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "vanphong.cli", "worker", "--verbosity", "1"]
        )
