"""A built site served on loopback and the flags Debian's Chromium runs with, shared by
the browser tests and the benchmarks.

``served(site)`` is Python's plain file server: every file as it is on disk.
``served(site, like_a_host=True)`` answers as GitHub Pages does, for the Lighthouse
benchmark: text files gzip-compressed when the browser accepts it, compressed on the fly,
and every response cacheable for 10 minutes (``Cache-Control: max-age=600``).
"""

from __future__ import annotations

import functools
import gzip
import io
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# What GitHub Pages compresses: text, whatever its type.
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".webmanifest"}


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


class HostLikeHandler(QuietHandler):
    """Text files gzip-compressed (level 6) and every response cacheable for 10 minutes,
    as GitHub Pages serves a site."""

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


@contextmanager
def served(site: Path, *, like_a_host: bool = False) -> Iterator[CountingServer]:
    """``site`` served on 127.0.0.1 by Python's plain file server, or compressed and
    cacheable like a production host (see above)."""
    kind = HostLikeHandler if like_a_host else QuietHandler
    handler = functools.partial(kind, directory=str(site))
    server = CountingServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
