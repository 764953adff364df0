"""Fetching pages and feeds, against a real HTTP server on 127.0.0.1: every failure is a
located error, and a page that cannot be fetched leaves the project as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.vocabulary import load_vocabulary
from newsbrief.ingest.fetch import Limits, fetch_page, is_address, read_feed
from newsbrief.ingest.writer import ExistingBriefs, ingest_address

from ..conftest import FIXTURES, REPO

PAGE = (FIXTURES / "html/kim-tank-factory.html").read_bytes()
SHORT_ARTICLE = b"Seoul and Tokyo agree\n\nSEOUL (Yonhap) -- They agreed.\n"
FRENCH = "Séoul et Tokyo\n\nSÉOUL (Yonhap) -- Accord.\n"
PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
SMALL = Limits(connect_timeout=2, read_timeout=1, max_bytes=1_000)
"""Limits a test can exceed at once: the slow page takes longer, the saved page is larger."""


@dataclass(frozen=True)
class Reply:
    """What the test server answers at one path."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    sized: bool = True  # sends a Content-Length


def html(body: bytes) -> Reply:
    return Reply(headers={"Content-Type": "text/html; charset=utf-8"}, body=body)


def moved(location: str) -> Reply:
    return Reply(302, {"Location": location})


def rss(base: str) -> bytes:
    """An RSS feed of four items: the page, a short article, a redirect to the page, and the
    page's bytes at another address."""
    items = "".join(
        f"<item><title>{name}</title><link>{base}/{name}</link></item>"
        for name in ("kim.html", "short.txt", "moved", "kim-again.html")
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Test news</title><link>{base}/</link>{items}</channel></rss>"
    ).encode()


def atom(base: str) -> bytes:
    """An Atom feed of three entries: a short article, a missing page and one without a link."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Test news</title><id>{base}/atom.xml</id><updated>2025-05-04T00:00:00Z</updated>"
        f'<entry><title>Short</title><id>1</id><link href="{base}/short.txt"/></entry>'
        f'<entry><title>Gone</title><id>2</id><link href="{base}/missing"/></entry>'
        "<entry><title>Linkless</title><id>tag:test,2025:3</id></entry></feed>"
    ).encode()


def replies(base: str) -> dict[str, Reply]:
    return {
        "/kim.html": html(PAGE),
        "/kim-again.html": html(PAGE),
        "/short.txt": Reply(headers={"Content-Type": "text/plain"}, body=SHORT_ARTICLE),
        "/feed.xml": Reply(headers={"Content-Type": "application/rss+xml"}, body=rss(base)),
        "/atom.xml": Reply(headers={"Content-Type": "application/atom+xml"}, body=atom(base)),
        "/moved": moved("/kim.html"),
        "/loop": moved("/loop"),
        "/missing": Reply(404, {"Content-Type": "text/html"}, b"<p>Not here</p>"),
        "/slow": dataclasses.replace(html(PAGE), delay=3.0),
        "/huge": html(PAGE),
        "/huge-unsized": dataclasses.replace(html(PAGE), sized=False),
        "/latin-1.txt": Reply(
            headers={"Content-Type": "text/plain; charset=iso-8859-1"},
            body=FRENCH.encode("latin-1"),
        ),
        "/photo.png": Reply(headers={"Content-Type": "image/png"}, body=b"\x89PNG\r\n"),
        "/to-file": moved("file:///etc/passwd"),
        "/to-ftp": moved("ftp://127.0.0.1/article.html"),
    }


class Site(ThreadingHTTPServer):
    """The test server: it answers from ``replies`` and notes each path requested."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.replies = replies(self.base)
        self.requested: list[str] = []

    def url(self, path: str) -> str:
        return self.base + path

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (on the slow page) is no error of the server's."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: Site

    def do_GET(self) -> None:
        self.server.requested.append(self.path)
        reply = self.server.replies.get(self.path, Reply(404))
        time.sleep(reply.delay)
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.sized:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests say what was requested."""


@contextmanager
def serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """The test server, running until the ``with`` block ends; reached directly, whatever
    proxy the environment names."""
    for name in PROXIES:
        monkeypatch.delenv(name, raising=False)
    site = Site()
    thread = threading.Thread(target=site.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.shutdown()
        site.server_close()
        thread.join()


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    with serving(monkeypatch) as server:
        yield server


def problem_of(url: str, limits: Limits = SMALL) -> str:
    with pytest.raises(NewsbriefError) as raised:
        fetch_page(url, limits)
    (problem,) = raised.value.problems
    return str(problem)


ADVICE = "save the page and ingest the file"
FAILURES = {
    "/loop": f"source: redirected more than 5 times; open it in a browser, then {ADVICE}",
    "/missing": "source: 404 Not Found; check the address",
    "/slow": f"source: timed out after 1 s; try again later or {ADVICE}",
    "/huge": "source: is 5 kB, more than the 1 kB limit",
    "/huge-unsized": "source: is more than the 1 kB limit",
    "/photo.png": "source: is image/png, not a web page",
    "/to-file": "source: redirects to file:///etc/passwd, which is not an http or https address",
    "/to-ftp": "source: redirects to ftp://127.0.0.1/article.html, which is not an http or "
    "https address",
}


def test_a_page_is_fetched_as_received(site: Site) -> None:
    page = fetch_page(site.url("/kim.html"))
    assert (page.url, page.data, page.content_type, page.suffix) == (
        site.url("/kim.html"),
        PAGE,
        "text/html",
        ".html",
    )


def test_a_page_in_another_charset_is_given_in_utf_8(site: Site) -> None:
    page = fetch_page(site.url("/latin-1.txt"))
    assert (page.data, page.suffix) == (FRENCH.encode("utf-8"), ".txt")


def test_a_redirect_is_followed_and_the_final_address_kept(site: Site) -> None:
    assert fetch_page(site.url("/moved")).url == site.url("/kim.html")
    assert site.requested == ["/moved", "/kim.html"]


@pytest.mark.parametrize("path", FAILURES)
def test_each_failure_is_a_located_error(site: Site, path: str) -> None:
    assert problem_of(site.url(path)) == f"{site.url(path)}:1: {FAILURES[path]}"


def test_a_redirect_loop_stops_after_five_redirects(site: Site) -> None:
    problem_of(site.url("/loop"))
    assert site.requested == ["/loop"] * 6


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/article.html", "javascript:alert(1)"]
)
def test_other_schemes_are_refused_before_any_request(site: Site, url: str) -> None:
    assert problem_of(url) == (
        f"{url}:1: source: is not an http or https address; only those are fetched"
    )
    assert site.requested == []


def test_a_server_that_is_not_there_is_a_located_error(site: Site) -> None:
    url = site.url("/kim.html")
    site.shutdown()
    site.server_close()
    assert problem_of(url).startswith(f"{url}:1: source: cannot connect (")


def test_addresses_are_told_from_files() -> None:
    assert is_address("https://example.org/a") and is_address("http://example.org")
    assert not is_address("seeds/a.html") and not is_address("C:\\Downloads\\a.html")


def test_a_feed_is_read_from_an_address_and_from_a_file(site: Site, tmp_path: Path) -> None:
    links = [item.link for item in read_feed(site.url("/feed.xml"))]
    assert links == [
        site.url(f"/{n}") for n in ("kim.html", "short.txt", "moved", "kim-again.html")
    ]
    saved = tmp_path / "atom.xml"
    saved.write_bytes(atom(site.base))
    items = read_feed(str(saved))
    assert [(i.title, i.link) for i in items] == [
        ("Short", site.url("/short.txt")),
        ("Gone", site.url("/missing")),
        ("Linkless", None),
    ]


def test_what_is_not_a_feed_is_a_located_error(site: Site, tmp_path: Path) -> None:
    with pytest.raises(NewsbriefError) as raised:
        read_feed(site.url("/kim.html"))
    assert (
        str(raised.value)
        == f"{site.url('/kim.html')}:1: feed: is text/html, not an RSS or Atom feed"
    )
    saved = tmp_path / "feed.xml"
    saved.write_text("<html><body>Not a feed</body></html>", encoding="utf-8")
    with pytest.raises(NewsbriefError) as raised:
        read_feed(str(saved))
    assert str(raised.value) == f"{saved}:1: feed: is not an RSS or Atom feed"
    with pytest.raises(NewsbriefError) as raised:
        read_feed(str(tmp_path / "gone.xml"))
    assert (
        str(raised.value)
        == f"{tmp_path / 'gone.xml'}:1: feed: cannot be read: No such file or directory"
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "briefs").mkdir()
    shutil.copy(REPO / "briefs/tags.yml", tmp_path / "briefs/tags.yml")
    (tmp_path / "seeds").mkdir()
    return tmp_path


def ingest(project: Path, url: str, limits: Limits = SMALL, **options: bool):
    vocabulary = load_vocabulary(project / "briefs/tags.yml", "briefs/tags.yml")
    archive = ExistingBriefs(project / "briefs", project)
    today = dt.date(2026, 11, 24)
    return ingest_address(url, archive, vocabulary, today=today, limits=limits, **options)


def files_in(project: Path) -> list[Path]:
    return sorted(project.rglob("*"))


@pytest.mark.parametrize("path", FAILURES)
def test_a_page_that_cannot_be_fetched_leaves_the_project_as_it_was(
    site: Site, project: Path, path: str
) -> None:
    before = files_in(project)
    outcome = ingest(project, site.url(path))
    assert (outcome.status, outcome.detail) == ("failed", f"{site.url(path)}:1: {FAILURES[path]}")
    assert files_in(project) == before


def test_a_fetched_page_is_saved_in_seeds_and_drafted_with_its_address(
    site: Site, project: Path
) -> None:
    outcome = ingest(project, site.url("/moved"), Limits())
    slug = "did-north-koreas-kim-inspect-an-upgraded-tank-factory"
    assert (outcome.status, outcome.copy) == ("written", f"seeds/2025-05-04-{slug}.html")
    assert (project / outcome.copy).read_bytes() == PAGE
    brief = (project / outcome.brief).read_text(encoding="utf-8")
    assert f"  url: {site.url('/kim.html')}\n" in brief
    assert f"  path: {outcome.copy}\n" in brief
    assert "the page names https://www.nationpress.com/international/" in brief
    again = ingest(project, site.url("/kim-again.html"), Limits())  # the same bytes
    assert (again.status, again.detail) == ("duplicate", f"already the source of {outcome.brief}")
    assert [p.name for p in (project / "seeds").iterdir()] == [Path(outcome.copy).name]
