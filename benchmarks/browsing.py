"""A built site served on loopback and the flags Debian's Chromium runs with, shared by
the browser tests and the benchmark."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class CountingServer(ThreadingHTTPServer):
    """A file server that counts the bytes of the files it sends."""

    sent = 0

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/"


class QuietHandler(SimpleHTTPRequestHandler):
    server: CountingServer

    def log_message(self, format: str, *args: object) -> None:
        """Keep the output clean."""

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        outputfile.write(data)
        self.server.sent += len(data)


@contextmanager
def served(site: Path) -> Iterator[CountingServer]:
    """``site`` served by Python's plain file server on 127.0.0.1."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = CountingServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
