"""Fetching articles and feeds from the web, within limits, with a clear error for each failure.

Only http and https addresses are fetched, and every redirect is followed by hand so that
each hop is checked too (a page may not send ingest to ``file:`` or ``ftp:``). A response
must arrive within the timeouts, stay under the size limit (refused as soon as it is
exceeded, or at once when its Content-Length says so) and be of a type ingest reads. The
bytes are kept as received, the seed being the page as the server sent it, unless they are
not UTF-8, the one encoding the readers read: a page declaring another charset is then
saved re-encoded in UTF-8. A feed is parsed from bytes only: feedparser never fetches
anything itself. httpx and feedparser are imported when ingest fetches, not with every
``newsbrief`` command.
"""

from __future__ import annotations

import dataclasses
import re
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsbrief import __version__
from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.ingest.readers import MAX_BYTES

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"newsbrief/{__version__} (newsbrief ingest: drafts news briefs from articles)"
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}
)
_SCHEMES = ("http", "https")
_ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_ADVICE = "save the page and ingest the file"


@dataclass(frozen=True)
class Limits:
    """How long to wait and how much to take: timeouts in seconds, sizes in bytes."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_bytes: int = MAX_BYTES  # no more than the readers accept from a file
    max_redirects: int = 5


PAGE_LIMITS = Limits()
FEED_LIMITS = Limits(max_bytes=10_000_000)


@dataclass(frozen=True)
class Fetched:
    """A response: its final address after redirects, body, media type and declared charset."""

    url: str
    data: bytes
    content_type: str
    charset: str | None = None

    @property
    def suffix(self) -> str:
        """The suffix the readers read it by: plain text is text, anything else HTML."""
        return ".txt" if self.content_type == "text/plain" else ".html"


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: its title, and the address of its article when it gives one."""

    title: str
    link: str | None


def is_address(source: str) -> bool:
    """Whether a source named on the command line is a web address rather than a file."""
    return _ADDRESS.match(source) is not None


def fetch_page(url: str, limits: Limits = PAGE_LIMITS) -> Fetched:
    """The web page at ``url``: HTML or plain text, in UTF-8 as the readers read it."""
    page = fetch(url, PAGE_TYPES, "a web page", limits)
    return dataclasses.replace(page, data=_in_utf8(page.data, page.charset))


def _in_utf8(data: bytes, charset: str | None) -> bytes:
    """``data`` as received when it is UTF-8, else re-encoded from the charset the response
    declares; as received when that fails too, for the reader to say where it is not
    UTF-8. (A charset declared only inside the page is not read: such a page must be saved
    as UTF-8 and ingested as a file.)"""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        with suppress(LookupError, UnicodeDecodeError):
            return data.decode(charset or "utf-8").encode("utf-8")
    return data


def fetch(url: str, accepted: frozenset[str], kind: str, limits: Limits) -> Fetched:
    """The response at ``url``, which must be one of the ``accepted`` media types (``kind``
    names them in messages); a :class:`NewsbriefError` located at ``url`` otherwise."""
    import httpx  # in the ingest extra, as feedparser: imported when ingest fetches

    _check_scheme(url)
    timeout = httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout)
    headers = {"User-Agent": USER_AGENT}
    try:
        with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False) as client:
            return _follow(client, url, accepted, kind, limits)
    except httpx.ConnectTimeout:
        raise _failed(url, f"could not connect within {limits.connect_timeout:g} s; "
                      f"try again later or {_ADVICE}") from None  # fmt: skip
    except httpx.TimeoutException:
        raise _failed(url, f"timed out after {limits.read_timeout:g} s; "
                      f"try again later or {_ADVICE}") from None  # fmt: skip
    except httpx.ConnectError as error:
        raise _failed(url, f"cannot connect ({error}); check the address and "
                      "the connection") from None  # fmt: skip
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise _failed(url, f"is not a valid web address ({error})") from None
    except httpx.HTTPError as error:
        raise _failed(url, f"could not be fetched ({error}); try again later or "
                      f"{_ADVICE}") from None  # fmt: skip


def _follow(
    client: httpx.Client, url: str, accepted: frozenset[str], kind: str, limits: Limits
) -> Fetched:
    """Request ``url``, following at most ``limits.max_redirects`` redirects, each checked."""
    current: httpx.URL | str = url
    for _ in range(limits.max_redirects + 1):
        with client.stream("GET", current) as response:
            if not response.is_redirect:
                return _received(response, url, accepted, kind, limits)
            location = response.headers["location"]
            current = response.url.join(location)
        if current.scheme not in _SCHEMES:
            raise _failed(url, f"redirects to {location}, which is not an http or https address")
    raise _failed(url, f"redirected more than {limits.max_redirects} times; open it in a "
                  f"browser, then {_ADVICE}")  # fmt: skip


def _received(
    response: httpx.Response, url: str, accepted: frozenset[str], kind: str, limits: Limits
) -> Fetched:
    """The body of a final response, refused for an error status, a type not ``accepted``
    or a size over the limit."""
    if response.is_error:
        advice = "check the address" if response.is_client_error else "try again later"
        raise _failed(url, f"{response.status_code} {response.reason_phrase}; {advice}")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in accepted:
        shown = f"is {content_type}" if content_type else "has no content type"
        raise _failed(url, f"{shown}, not {kind}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _failed(url, f"is {_size(int(declared))}, more than the "
                      f"{_size(limits.max_bytes)} limit")  # fmt: skip
    body = _body(response, url, limits.max_bytes)
    return Fetched(str(response.url), body, content_type, response.charset_encoding)


def _body(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """The body, read until it is complete or exceeds ``max_bytes`` (then refused at once,
    whatever the Content-Length said)."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _failed(url, f"is more than the {_size(max_bytes)} limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _check_scheme(url: str) -> None:
    """Refuse, before any request, an address that is not http or https."""
    if url.split(":", 1)[0].lower() not in _SCHEMES:
        raise _failed(url, "is not an http or https address; only those are fetched")


def _size(count: int) -> str:
    """A size as people read it: 25 MB, 800 kB, 512 bytes."""
    if count >= 1_000_000:
        return f"{count / 1e6:.0f} MB"
    return f"{count / 1e3:.0f} kB" if count >= 1_000 else f"{count} bytes"


def read_feed(feed: str, limits: Limits = FEED_LIMITS) -> list[FeedItem]:
    """The items of the RSS or Atom feed at ``feed``, a web address or a file, in the
    feed's order; relative links are read against the feed's address."""
    import feedparser

    if is_address(feed):
        fetched = _fetch_feed(feed, limits)
        charset = f"; charset={fetched.charset}" if fetched.charset else ""
        content_type = fetched.content_type + charset
        headers = {"content-type": content_type, "content-location": fetched.url}
        data = fetched.data
    else:
        headers, data = {"content-type": "application/xml"}, _feed_file(feed)
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.version:
        reason = f" ({parsed.bozo_exception})" if parsed.get("bozo_exception") else ""
        raise _failed(feed, f"is not an RSS or Atom feed{reason}", "feed")
    if not parsed.entries:
        raise _failed(feed, "has no items", "feed")
    return [FeedItem(entry.get("title", ""), _link(entry)) for entry in parsed.entries]


def _link(entry: dict[str, Any]) -> str | None:
    """The address of an item's article: its first alternate link (feedparser gives an Atom
    entry without one its id as ``link``, which is no address)."""
    links = [link.get("href") for link in entry.get("links", []) if link.get("rel") == "alternate"]
    return next((href for href in links if href), None)


def _fetch_feed(url: str, limits: Limits) -> Fetched:
    """The feed at ``url``; its problems are the feed's, not an article's."""
    try:
        return fetch(url, FEED_TYPES, "an RSS or Atom feed", limits)
    except NewsbriefError as error:
        problems = [dataclasses.replace(problem, field="feed") for problem in error.problems]
        raise NewsbriefError(problems) from None


def _feed_file(feed: str) -> bytes:
    try:
        return Path(feed).read_bytes()
    except OSError as error:
        raise _failed(feed, f"cannot be read: {error.strerror}", "feed") from None


def _failed(url: str, message: str, field: str = "source") -> NewsbriefError:
    return NewsbriefError([Problem(url, 1, field, message)])
