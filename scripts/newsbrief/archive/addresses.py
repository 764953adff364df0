"""The site's address scheme: where every page and feed of the site lives.

Pages are named by their source path in the site ("uri", as MkDocs calls it:
``tags/economy.md``), served at the folder of the same name (``/tags/economy/``).
Every module that links to a page, or makes one, asks here; a new kind of page
starts here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from newsbrief.archive.schema import Brief
from newsbrief.archive.slugs import slugify

HOME = "index.md"
TAGS_INDEX = "tags/index.md"
TAGS_A_TO_Z = "tags/a-z.md"
ARCHIVE_INDEX = "archive/index.md"
CORRECTIONS = "corrections/index.md"
CORRECTIONS_FEEDS = "corrections/"  # the corrections feeds' folder, beside the listing
FEEDS = "feeds/index.md"  # the list of the archive's feeds
FEEDS_OPML = "feeds/feeds.opml"  # the same feeds as an OPML file, for feed readers
SCHEMA_REFERENCE = "reference/brief-schema.md"
JSON_SCHEMA = "reference/brief.schema.json"
STORIES_INDEX = "stories/index.md"
SEARCH = "search/index.md"  # the search page: query and filters in its address (?query=…&tag=…)
SEARCH_SCRIPT = "assets/javascripts/newsbrief-search-page.js"  # loaded by that page only
# the modules that script and its worker import first, which the page asks for beside it:
SEARCH_MODULES = (
    "assets/javascripts/newsbrief-search-text.js",
    "assets/javascripts/newsbrief-search-page-worker.js",
    "pagefind/pagefind.js",
)
ENTITY_KINDS = ("people", "organizations", "places")
FEED_FILES = {"RSS": "feed.xml", "Atom": "atom.xml", "JSON Feed": "feed.json"}


def brief_uri(date: dt.date, slug: str) -> str:
    """A brief's page: ``2025/05/04/<slug>.md``, served at /2025/05/04/<slug>/."""
    return f"{date:%Y/%m/%d}/{slug}.md"


def tag_uri(slug: str) -> str:
    """A tag's page: ``tags/<slug>.md``, served at /tags/<slug>/."""
    return f"tags/{slug}.md"


def story_uri(slug: str) -> str:
    """A story's timeline: ``stories/<slug>.md``, served at /stories/<slug>/."""
    return f"stories/{slug}.md"


def feeds_folder(page_uri: str) -> str:
    """The folder of a page's own feeds, beside it: ``tags/<slug>.md`` has them in
    ``tags/<slug>/``, and a person's, a story's, every page with feeds likewise, so they
    follow the page wherever its address goes."""
    return page_url(page_uri)


def year_uri(year: int) -> str:
    """The archive of one year: ``archive/2025/index.md``."""
    return f"archive/{year}/index.md"


def month_uri(year: int, month: int) -> str:
    """The archive of one month: ``archive/2025/05/index.md``."""
    return f"archive/{year}/{month:02d}/index.md"


def entity_index_uri(kind: str) -> str:
    """The list of every person, organisation or place: ``people/index.md``."""
    return f"{kind}/index.md"


@dataclass(frozen=True)
class SharedSlug:
    """Names of one kind that meet at one slug, and the slug each was given instead."""

    kind: str
    slug: str
    names: dict[str, str]  # name -> its own slug, the first name's being ``slug``

    def __str__(self) -> str:
        pages = ", ".join(f"'{name}' at /{self.kind}/{own}/" for name, own in self.names.items())
        return (
            f"{self.kind}: {len(self.names)} names share the address /{self.kind}/{self.slug}/, "
            f"so each has its own: {pages}. If they are one {_SINGULAR[self.kind]}, "
            "write the name the same way in every brief."
        )


_SINGULAR = {"people": "person", "organizations": "organisation", "places": "place"}


class EntityAddresses:
    """The page of every person, organisation and place the archive names.

    A name's page is at its slug. Names that differ can meet at one slug ("Kim Jong Un"
    and "Kim Jong-un", or two scripts transliterated alike); they never share a page.
    The name the archive used first keeps the slug, and each other name gets the slug
    followed by a digest of the name itself, so its address does not depend on which
    other names the archive holds, and later briefs leave every address as it was.
    """

    def __init__(self, briefs_oldest_first: Iterable[Brief]) -> None:
        self._slugs: dict[str, dict[str, str]] = {kind: {} for kind in ENTITY_KINDS}
        self._uris: dict[str, dict[str, str]] = {kind: {} for kind in ENTITY_KINDS}
        self.shared: list[SharedSlug] = []
        self._first_at: dict[tuple[str, str], str] = {}  # the name that has each slug
        for brief in briefs_oldest_first:
            for kind, names in brief.named().items():
                for name in names:
                    self._place(kind, name)

    def placing(
        self, briefs: Iterable[Brief], briefs_were: Iterable[Brief]
    ) -> EntityAddresses | None:
        """The addresses after the briefs ``briefs_were`` became ``briefs`` (added,
        edited, renamed or deleted: ``make serve``), without a pass over the archive,
        where no address can change: each name they name, before or after, shares its
        slug with no other name, and a name new to the archive takes a slug no name has.
        These addresses where no name is new, else a copy with the new names placed;
        None where an address may change (which name the archive used first decides).

        A name the briefs no longer name keeps its address here: no page or link of the
        site asks for a name no brief names, and one named again has that address anew.
        """
        slugs = {named: slugify(named[1]) for named in _names_of([*briefs, *briefs_were])}
        shared = {(entry.kind, entry.slug) for entry in self.shared}
        if any((kind, slug) in shared for (kind, _), slug in slugs.items()):
            return None
        new = {(kind, name) for kind, name in _names_of(briefs) if name not in self._slugs[kind]}
        new_slugs = {(kind, slugs[kind, name]) for kind, name in new}
        if len(new_slugs) < len(new) or not new_slugs.isdisjoint(self._first_at):
            return None
        if not new:
            return self
        placed = EntityAddresses([])
        placed._slugs = {kind: dict(slugs) for kind, slugs in self._slugs.items()}
        placed._uris = {kind: dict(uris) for kind, uris in self._uris.items()}
        placed._first_at = dict(self._first_at)
        for kind, name in new:
            placed._place(kind, name)
        return placed

    def _place(self, kind: str, name: str) -> None:
        slugs = self._slugs[kind]
        if name in slugs:
            return
        slug = slugify(name)
        first = self._first_at.setdefault((kind, slug), name)
        slugs[name] = slug if first == name else f"{slug}-{_digest(name)}"
        self._uris[kind][name] = f"{kind}/{slugs[name]}.md"
        if first != name:
            self._note_shared(kind, slug, first, name)

    def _note_shared(self, kind: str, slug: str, first: str, name: str) -> None:
        for shared in self.shared:
            if shared.kind == kind and shared.slug == slug:
                shared.names[name] = self._slugs[kind][name]
                return
        self.shared.append(SharedSlug(kind, slug, {first: slug, name: self._slugs[kind][name]}))

    def same_as(self, other: EntityAddresses) -> bool:
        """Whether every name has the same page in both."""
        return self._uris == other._uris

    def uri(self, kind: str, name: str) -> str:
        """The page of one person, organisation or place: ``people/<slug>.md``."""
        return self._uris[kind][name]

    def named_in(self, brief: Brief) -> dict[str, tuple[tuple[str, str], ...]]:
        """The people, organisations and places ``brief`` lists, by kind, each with the
        address of its page (asked for every brief in every build: no loop in Python)."""
        lists = (
            ("people", brief.people),
            ("organizations", brief.organizations),
            ("places", brief.places),
        )
        return {
            kind: tuple(zip(names, map(self._uris[kind].__getitem__, names), strict=True))
            for kind, names in lists
        }


def _names_of(briefs: Iterable[Brief]) -> set[tuple[str, str]]:
    """(kind, name) of every person, organisation and place ``briefs`` name."""
    return {
        (kind, name) for brief in briefs for kind, names in brief.named().items() for name in names
    }


def _digest(name: str) -> str:
    """Six hexadecimal digits that tell a name from another with the same slug."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:6]


def page_uris(first: str, count: int) -> list[str]:
    """The pages of a listing of ``count`` pages: ``first``, then ``<folder>/page/N.md``."""
    return [first] + [page_uri(first, number) for number in range(2, count + 1)]


def page_uri(first: str, number: int) -> str:
    """Page ``number`` of the listing whose first page is ``first``: ``<folder>/page/N.md``."""
    folder = first.removesuffix("/index.md").removesuffix(".md")
    return f"{folder}/page/{number}.md"


def page_url(uri: str) -> str:
    """The address of the page at ``uri``, relative to the site's root (``tags/economy/``)."""
    if uri == HOME or uri.endswith("/" + HOME):
        return uri[: -len(HOME)]
    return uri[: -len(".md")] + "/"


def url(from_uri: str, to_uri: str) -> str:
    """The relative address of one page (or file, such as a feed) from another page.

    Written out rather than with ``posixpath.relpath``: every page has dozens of links,
    and ``relpath`` was a tenth of a large build.
    """
    here = page_url(from_uri).split("/")[:-1]
    there = (page_url(to_uri) if to_uri.endswith(".md") else to_uri).split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def absolute_url(site_url: str, uri: str) -> str:
    """The full address of the page at ``uri`` on the site at ``site_url``."""
    return f"{site_url.rstrip('/')}/{page_url(uri)}"
