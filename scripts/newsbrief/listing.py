"""Listing pages: the home page's latest briefs, the tag index and tag pages, and the
archive by year and month, paginated.

No listing page holds more than ``PAGE_SIZE`` briefs: a long listing continues at
``<folder>/page/2/`` and so on, with links between the pages. Pure functions: they
return page Markdown by source path, for the MkDocs integration to add.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby
from typing import TypeVar

from newsbrief.briefs import Entry
from newsbrief.render import (
    KIND_HEADINGS,
    TAGS_INDEX,
    brief_list,
    briefs_count,
    cell,
    feed_links,
    format_date,
    link,
    md_text,
    page_meta,
    tag_chips,
    tag_uri,
)
from newsbrief.schema import Tag
from newsbrief.vocabulary import Vocabulary

PAGE_SIZE = 100
ARCHIVE_INDEX = "archive/index.md"


def page_uris(first: str, count: int) -> list[str]:
    """Source paths of a listing's pages: ``first``, then ``<folder>/page/N.md``."""
    folder = first.removesuffix("/index.md").removesuffix(".md")
    return [first] + [f"{folder}/page/{number}.md" for number in range(2, count + 1)]


T = TypeVar("T")


def paginated(
    first: str, items: Sequence[T], size: int = PAGE_SIZE
) -> list[tuple[str, Sequence[T], str]]:
    """(source path, items, pager line) of each page of a listing."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    uris = page_uris(first, len(chunks))
    return [
        (uri, chunk, _pager(uris, index))
        for index, (uri, chunk) in enumerate(zip(uris, chunks, strict=True))
    ]


def _pager(uris: list[str], index: int) -> str:
    if len(uris) == 1:
        return ""
    parts = [f"Page {index + 1} of {len(uris)}"]
    if index > 0:
        parts.append(f"[← Newer]({link(uris[index], uris[index - 1])})")
    if index + 1 < len(uris):
        parts.append(f"[Older →]({link(uris[index], uris[index + 1])})")
    return " · ".join(parts) + "\n{: .nb-pager }\n"


def tag_pages(slug: str, tag: Tag, entries: Sequence[Entry]) -> dict[str, str]:
    """The pages of one tag: its description, feeds and briefs, newest first."""
    count = briefs_count(len(entries))
    pages = {}
    for uri, chunk, pager in paginated(tag_uri(slug), entries):
        first = uri == tag_uri(slug)  # feeds sit in the first page's folder
        listing = brief_list(uri, chunk)
        pages[uri] = (
            page_meta(tag.title, tag.description, feed_title=tag.title if first else None)
            + f"# {md_text(tag.title)}\n\n{md_text(tag.description)}\n\n"
            + f"{count} · [All tags]({link(uri, TAGS_INDEX)}) · "
            + feed_links(uri, f"tags/{slug}/")
            + "\n{: .nb-byline }\n\n"
            + (listing or "No brief carries this tag yet.\n")
            + (f"\n{pager}" if pager else "")
        )
    return pages


def month_name(year: int, month: int) -> str:
    return f"{dt.date(year, month, 1):%B %Y}"


def archive_pages(entries: Sequence[Entry]) -> dict[str, str]:
    """``/archive/`` (years and months with counts), a page per year, and per month."""
    pages: dict[str, str] = {}
    years = [
        (year, list(group)) for year, group in groupby(entries, key=lambda e: e.brief.date.year)
    ]
    index = [page_meta("Archive", "Every brief, by year and month."), "# Archive\n"]
    if not years:
        index.append("No briefs are published yet.\n")
    for year, year_entries in years:
        year_uri = f"archive/{year}/index.md"
        months = [(m, list(g)) for m, g in groupby(year_entries, key=lambda e: e.brief.date.month)]
        index.append(
            f"## [{year}]({link(ARCHIVE_INDEX, year_uri)})\n\n"
            + _month_list(ARCHIVE_INDEX, year, months)
        )
        all_years = link(year_uri, ARCHIVE_INDEX)
        pages[year_uri] = (
            page_meta(f"Archive {year}", f"Briefs of {year}, by month.")
            + f"# {year}\n\n{briefs_count(len(year_entries))} · [All years]({all_years})\n"
            "{: .nb-byline }\n\n" + _month_list(year_uri, year, months)
        )
        for month, month_entries in months:
            pages.update(_month_pages(year, month, month_entries))
    pages[ARCHIVE_INDEX] = "\n".join(index)
    return pages


def _month_list(from_uri: str, year: int, months: list[tuple[int, list[Entry]]]) -> str:
    return "".join(
        f"- [{month_name(year, month)}]({link(from_uri, f'archive/{year}/{month:02d}/index.md')})"
        f" ({len(group)})\n"
        for month, group in months
    )


def _month_pages(year: int, month: int, entries: Sequence[Entry]) -> dict[str, str]:
    title = month_name(year, month)
    pages = {}
    for uri, chunk, pager in paginated(f"archive/{year}/{month:02d}/index.md", entries):
        pages[uri] = (
            page_meta(f"Archive {title}", f"Briefs of {title}, newest first.")
            + f"# {title}\n\n{briefs_count(len(entries))} · "
            f"[{year}]({link(uri, f'archive/{year}/index.md')}) · "
            f"[All years]({link(uri, ARCHIVE_INDEX)})\n{{: .nb-byline }}\n\n"
            + brief_list(uri, chunk)
            + (f"\n{pager}" if pager else "")
        )
    return pages


TAGS_A_TO_Z = "tags/a-z.md"
_TABLE_HEAD = "| Tag | Briefs | Description |\n| --- | ---: | --- |\n"


def tag_indexes(vocabulary: Vocabulary, by_tag: dict[str, list[Entry]]) -> dict[str, str]:
    """Every tag of the vocabulary with its description and count, two ways for readers to
    choose from: by kind with the most used first (``/tags/``), and A to Z (``/tags/a-z/``).

    ``by_tag`` holds every tag of the vocabulary, as :meth:`Archive.by_tag` gives it.
    """
    used = sum(1 for entries in by_tag.values() if entries)
    intro = (
        f"{used} of {len(vocabulary.tags)} tags are in use. Each tag's page lists its briefs, "
        "newest first, and has its own feeds.\n"
    )
    meta = page_meta(
        "Tags", "Every topic, region, country and conflict the archive is tagged with."
    )
    by_count = [
        meta,
        "# Tags\n",
        intro,
        f"Order: by briefs · [A to Z]({link(TAGS_INDEX, TAGS_A_TO_Z)})\n",
    ]
    for kind, heading in KIND_HEADINGS.items():
        slugs = [slug for slug, tag in vocabulary.tags.items() if tag.kind == kind]
        slugs.sort(key=lambda slug: (-len(by_tag[slug]), vocabulary.tags[slug].title))
        rows = [
            _tag_row(TAGS_INDEX, slug, vocabulary.tags[slug], len(by_tag[slug])) for slug in slugs
        ]
        if rows:
            by_count.append(f"## {heading}\n\n{_TABLE_HEAD}" + "".join(rows))
    alphabetical = sorted(vocabulary.tags, key=lambda slug: vocabulary.tags[slug].title.casefold())
    a_to_z = [
        meta,
        "# Tags\n",
        intro,
        f"Order: [by briefs]({link(TAGS_A_TO_Z, TAGS_INDEX)}) · A to Z\n",
        _TABLE_HEAD
        + "".join(
            _tag_row(TAGS_A_TO_Z, slug, vocabulary.tags[slug], len(by_tag[slug]))
            for slug in alphabetical
        ),
    ]
    return {TAGS_INDEX: "\n".join(by_count), TAGS_A_TO_Z: "\n".join(a_to_z)}


def _tag_row(from_uri: str, slug: str, tag: Tag, count: int) -> str:
    name = f"[{cell(tag.title)}]({link(from_uri, tag_uri(slug))})"
    return f"| {name} | {count} | {cell(tag.description)} |\n"


def latest_briefs(from_uri: str, entries: Sequence[Entry], vocabulary: Vocabulary) -> str:
    """The newest briefs as cards: title, date, dateline, tags and first takeaway."""
    if not entries:
        return "## Latest briefs\n\nNo briefs are published yet.\n"
    cards = []
    for entry in entries:
        brief = entry.brief
        where = f" · {md_text(brief.dateline)}" if brief.dateline else ""
        chips = tag_chips(from_uri, brief.tags, vocabulary)
        cards.append(
            f"-   **[{md_text(brief.title)}]({link(from_uri, entry.src_uri)})**\n\n"
            f"    {format_date(brief.date)}{where}\n\n"
            f"    {md_text(brief.takeaways[0])}\n\n"
            f"    {chips}\n"
        )
    return (
        "## Latest briefs\n\n"
        '<div class="grid cards nb-cards" markdown>\n\n' + "\n".join(cards) + "\n</div>\n\n"
        f"[All tags]({link(from_uri, TAGS_INDEX)}) · "
        f"[Archive]({link(from_uri, 'archive/index.md')}) · {feed_links(from_uri, '')}\n"
    )
