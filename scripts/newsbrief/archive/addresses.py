"""The site's address scheme: where every page and feed of the site lives.

Pages are named by their source path in the site ("uri", as MkDocs calls it:
``tags/economy.md``), served at the folder of the same name (``/tags/economy/``).
Every module that links to a page, or makes one, asks here; a new kind of page
starts here.
"""

from __future__ import annotations

import datetime as dt

from newsbrief.archive.slugs import slugify

HOME = "index.md"
TAGS_INDEX = "tags/index.md"
TAGS_A_TO_Z = "tags/a-z.md"
ARCHIVE_INDEX = "archive/index.md"
SCHEMA_REFERENCE = "reference/brief-schema.md"
JSON_SCHEMA = "reference/brief.schema.json"
ENTITY_KINDS = ("people", "organizations", "places")
FEED_FILES = {"RSS": "feed.xml", "Atom": "atom.xml", "JSON Feed": "feed.json"}


def brief_uri(date: dt.date, slug: str) -> str:
    """A brief's page: ``2025/05/04/<slug>.md``, served at /2025/05/04/<slug>/."""
    return f"{date:%Y/%m/%d}/{slug}.md"


def tag_uri(slug: str) -> str:
    """A tag's page: ``tags/<slug>.md``, served at /tags/<slug>/."""
    return f"tags/{slug}.md"


def tag_feeds_folder(slug: str) -> str:
    """The folder of a tag's feeds, beside its page: ``tags/<slug>/``."""
    return f"tags/{slug}/"


def year_uri(year: int) -> str:
    """The archive of one year: ``archive/2025/index.md``."""
    return f"archive/{year}/index.md"


def month_uri(year: int, month: int) -> str:
    """The archive of one month: ``archive/2025/05/index.md``."""
    return f"archive/{year}/{month:02d}/index.md"


def entity_index_uri(kind: str) -> str:
    """The list of every person, organisation or place: ``people/index.md``."""
    return f"{kind}/index.md"


def entity_uri(kind: str, name: str) -> str:
    """The page of one person, organisation or place: ``people/<slug>.md``."""
    return f"{kind}/{slugify(name)}.md"


def page_uris(first: str, count: int) -> list[str]:
    """The pages of a listing of ``count`` pages: ``first``, then ``<folder>/page/N.md``."""
    folder = first.removesuffix("/index.md").removesuffix(".md")
    return [first] + [f"{folder}/page/{number}.md" for number in range(2, count + 1)]


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
