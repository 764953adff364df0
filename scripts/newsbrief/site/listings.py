"""Listing pages: the home page's latest briefs, the tag index and tag pages, the
archive by year and month, and the corrections, paginated.

No listing page holds ``PAGE_SIZE`` briefs or more. A long listing of briefs continues
on older pages numbered from its oldest end (:func:`paginated_briefs`), so that a page
keeps its briefs as newer ones are published; other long listings continue at
``<folder>/page/2/`` and so on (:func:`paginated`). Pure functions: they return pages
(:class:`newsbrief.site.content.PageContent`) by source path, for the MkDocs
integration to add.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from itertools import groupby
from typing import Any, TypeVar

from newsbrief.archive.addresses import (
    ARCHIVE_INDEX,
    CORRECTIONS,
    CORRECTIONS_FEEDS,
    TAGS_A_TO_Z,
    TAGS_INDEX,
    feeds_folder,
    month_uri,
    page_uri,
    page_uris,
    tag_uri,
    year_uri,
)
from newsbrief.archive.brief import Entry
from newsbrief.archive.schema import Correction, Tag
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.site.brief_page import (
    KIND_HEADINGS,
    brief_list,
    briefs_count,
    byline_of,
    dated,
    feed_links,
    format_date,
    listing,
    tag_chips,
)
from newsbrief.site.calls import call_directly
from newsbrief.site.content import (
    PageContent,
    bullets,
    dot_separated,
    link,
    paragraph,
    strong,
    table,
)
from newsbrief.site.markup import Html
from newsbrief.site.search_page import narrowed_search

PAGE_SIZE = 100
OLDER_PAGE_SIZE = PAGE_SIZE // 2  # the briefs on each older page of a listing of briefs


T = TypeVar("T")


def paginated(
    first: str, items: Sequence[T], size: int = PAGE_SIZE
) -> list[tuple[str, Sequence[T], Html]]:
    """(source path, items, pager line) of each page of a listing, ``size`` items a page."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    uris = page_uris(first, len(chunks))
    return [
        (uri, chunk, _pager(uris, index, f"Page {index + 1} of {len(uris)}"))
        for index, (uri, chunk) in enumerate(zip(uris, chunks, strict=True))
    ]


def paginated_briefs(first: str, items: Sequence[T]) -> list[tuple[str, Sequence[T], Html]]:
    """(source path, items, pager line) of each page of a listing of briefs, newest
    first, whose older pages are numbered from its oldest end: ``<folder>/page/1/``
    holds the oldest ``OLDER_PAGE_SIZE`` briefs, page 2 the next, and so on, and the
    first page the newest, from ``OLDER_PAGE_SIZE`` to ``PAGE_SIZE - 1`` of them (all of
    a shorter listing).

    So a page keeps its briefs and its address as newer briefs are published: one more
    changes the first page only, and, once in ``OLDER_PAGE_SIZE`` additions, moves half
    of it to a new older page. A link to an older page stays good, and a build after an
    addition makes again the first page of each of its tags, names and stories, not all
    their pages. No pager says "page 2 of 9", which every addition of a page would change.
    """
    older = max(0, len(items) // OLDER_PAGE_SIZE - 1)
    newest = len(items) - older * OLDER_PAGE_SIZE
    starts = range(newest, len(items), OLDER_PAGE_SIZE)
    chunks = [items[:newest], *(items[start : start + OLDER_PAGE_SIZE] for start in starts)]
    uris = [first, *(page_uri(first, number) for number in range(older, 0, -1))]
    return [
        (uri, chunk, _pager(uris, index))
        for index, (uri, chunk) in enumerate(zip(uris, chunks, strict=True))
    ]


def _pager(uris: list[str], index: int, label: str | None = None) -> Html:
    if len(uris) == 1:
        return Html()
    parts = [label] if label else []
    if index > 0:
        parts.append(link(uris[index], uris[index - 1], "← Newer"))
    if index + 1 < len(uris):
        parts.append(link(uris[index], uris[index + 1], "Older →"))
    return paragraph(dot_separated(*parts), "nb-pager")


def tag_pages(
    slug: str, tag: Tag, entries: Sequence[Entry], call: Callable[..., Any] = call_directly
) -> dict[str, PageContent]:
    """The pages of one tag: its description, feeds and briefs, newest first. ``call``
    makes each page (``mkdocs serve`` passes its memo: an edit remakes one page, not all).
    The first page says how many briefs the tag has: an older page, which keeps its
    briefs as newer ones are added (:func:`paginated_briefs`), does not."""
    first = tag_uri(slug)
    return {
        uri: call(_tag_page, slug, tag, first_page_count(uri, first, entries), uri, chunk, pager)
        for uri, chunk, pager in paginated_briefs(first, entries)
    }


def first_page_count(uri: str, first: str, entries: Sequence[object]) -> str | None:
    """How many briefs a listing has, said on its first page (``first``) only."""
    return briefs_count(len(entries)) if uri == first else None


def _tag_page(
    slug: str, tag: Tag, count: str | None, uri: str, chunk: Sequence[Entry], pager: Html
) -> PageContent:
    first = uri == tag_uri(slug)  # feeds sit in the first page's folder
    page = PageContent.start(tag.title, tag.description, feed_title=tag.title if first else None)
    byline = byline_of(
        count, link(uri, TAGS_INDEX, "All tags"), feed_links(uri, feeds_folder(tag_uri(slug)))
    )
    page.add(paragraph(tag.description), byline)
    page.add(narrowed_search(uri, "tag", tag.title, f"Search the briefs tagged {tag.title}"))
    page.add(brief_list(uri, chunk), pager)
    return page


def month_name(year: int, month: int) -> str:
    return f"{dt.date(year, month, 1):%B %Y}"


Month = tuple[int, int]
"""A year and a month of it."""


def archive_pages(
    entries: Sequence[Entry], call: Callable[..., Any] = call_directly
) -> dict[str, PageContent]:
    """``/archive/`` (years and months with counts), a page per year, and per month;
    ``call`` makes each page of a month (``mkdocs serve`` passes its memo)."""
    pages, months = archive_overview(entries)
    for (year, month), month_entries in months.items():
        pages |= month_pages(year, month, month_entries, call)
    return pages


def archive_overview(
    entries: Sequence[Entry],
) -> tuple[dict[str, PageContent], dict[Month, list[Entry]]]:
    """``/archive/`` and the page of each year; and the briefs of each month, newest
    first, for their pages (:func:`month_pages`)."""
    pages: dict[str, PageContent] = {}
    by_month: dict[Month, list[Entry]] = {}
    years = [
        (year, list(group)) for year, group in groupby(entries, key=lambda e: e.brief.date.year)
    ]
    index = PageContent.start("Archive", "Every brief, by year and month.")
    if not years:
        index.add(paragraph("No briefs are published yet."))
    for year, year_entries in years:
        year_page = year_uri(year)
        months = [(m, list(g)) for m, g in groupby(year_entries, key=lambda e: e.brief.date.month)]
        index.heading(2, str(year), link(ARCHIVE_INDEX, year_page, str(year)))
        index.add(_month_list(ARCHIVE_INDEX, year, months))
        page = PageContent.start(f"Archive {year}", f"Briefs of {year}, by month.")
        all_years = link(year_page, ARCHIVE_INDEX, "All years")
        page.add(
            paragraph(dot_separated(briefs_count(len(year_entries)), all_years), "nb-byline"),
            narrowed_search(year_page, "year", str(year), f"Search the briefs of {year}"),
            _month_list(year_page, year, months),
        )
        pages[year_page] = page
        by_month.update(((year, month), month_entries) for month, month_entries in months)
    pages[ARCHIVE_INDEX] = index
    return pages, by_month


def _month_list(from_uri: str, year: int, months: list[tuple[int, list[Entry]]]) -> Html:
    return bullets(
        Html("%s (%s)")
        % (link(from_uri, month_uri(year, month), month_name(year, month)), len(group))
        for month, group in months
    )


def month_pages(
    year: int, month: int, entries: Sequence[Entry], call: Callable[..., Any]
) -> dict[str, PageContent]:
    """The pages of one month's briefs, newest first; ``call`` makes each."""
    first = month_uri(year, month)
    return {
        uri: call(
            _month_page, year, month, first_page_count(uri, first, entries), uri, chunk, pager
        )
        for uri, chunk, pager in paginated_briefs(first, entries)
    }


def _month_page(
    year: int, month: int, count: str | None, uri: str, chunk: Sequence[Entry], pager: Html
) -> PageContent:
    title = month_name(year, month)
    page = PageContent.start(f"Archive {title}", f"Briefs of {title}, newest first.")
    year_link = link(uri, year_uri(year), str(year))
    all_years = link(uri, ARCHIVE_INDEX, "All years")
    page.add(
        byline_of(count, year_link, all_years),
        brief_list(uri, chunk),
        pager,
    )
    return page


def corrections_newest_first(entries: Sequence[Entry]) -> list[tuple[Correction, Entry]]:
    """Every correction of ``entries`` with its brief, the newest first."""
    corrections = [
        (correction, entry) for entry in entries for correction in reversed(entry.brief.corrections)
    ]
    return sorted(corrections, key=lambda pair: pair[0].date, reverse=True)


def corrections_pages(
    corrections: Sequence[tuple[Correction, Entry]],
) -> dict[str, PageContent]:
    """``/corrections/``: every correction (as :func:`corrections_newest_first` gives them)
    with its brief's title linked, and the corrections feeds; the page is there, saying
    so, when there are none."""
    description = "Every correction to a published brief, the newest first."
    count = f"{len(corrections)} correction{'' if len(corrections) == 1 else 's'}"
    pages = {}
    for uri, chunk, pager in paginated_briefs(CORRECTIONS, corrections):
        first = uri == CORRECTIONS  # feeds sit in the first page's folder
        page = PageContent.start(
            "Corrections", description, feed_title="Corrections" if first else None
        )
        page.add(
            paragraph(description),
            byline_of(count if first else None, feed_links(uri, CORRECTIONS_FEEDS)),
            _correction_list(uri, chunk) or paragraph("No brief has been corrected."),
            pager,
        )
        pages[uri] = page
    return pages


def _correction_list(from_uri: str, corrections: Sequence[tuple[Correction, Entry]]) -> Html:
    items = [
        Html("<li>%s<br>%s — %s</li>")
        % (
            link(from_uri, entry.src_uri, strong(entry.brief.title)),
            format_date(correction.date),
            correction.text,
        )
        for correction, entry in corrections
    ]
    return listing(items)


def tag_counts(by_tag: Mapping[str, Sequence[Entry]]) -> dict[str, int]:
    """The number of briefs of each tag (``by_tag`` as :meth:`Archive.by_tag` gives it)."""
    return {slug: len(entries) for slug, entries in by_tag.items()}


def tag_indexes(vocabulary: Vocabulary, counts: Mapping[str, int]) -> dict[str, PageContent]:
    """Every tag in use with its description and count, two ways for readers to choose
    from: by kind with the most used first (``/tags/``), and A to Z (``/tags/a-z/``).
    Each ends with the vocabulary's tags no brief carries yet, unlinked (they have no
    page), for contributors.

    ``counts`` holds the number of briefs of every tag of the vocabulary (as
    :func:`tag_counts` gives them).
    """
    alphabetical = sorted(vocabulary.tags, key=lambda slug: vocabulary.tags[slug].title.casefold())
    used = [slug for slug in alphabetical if counts[slug]]
    unused = [slug for slug in alphabetical if not counts[slug]]
    intro = paragraph(
        f"{len(used)} of {len(vocabulary.tags)} tags are in use. Each tag's page lists its "
        "briefs, newest first, and has its own feeds."
    )
    description = "Every topic, region, country and conflict the archive is tagged with."
    by_count = PageContent.start("Tags", description)
    by_count.add(
        intro, paragraph(Html("Order: by briefs · %s") % link(TAGS_INDEX, TAGS_A_TO_Z, "A to Z"))
    )
    for kind, heading in KIND_HEADINGS.items():
        slugs = [slug for slug in used if vocabulary.tags[slug].kind == kind]
        slugs.sort(key=lambda slug: -counts[slug])  # stable: A to Z among equals
        if slugs:
            by_count.heading(2, heading)
            by_count.add(_tag_table(TAGS_INDEX, slugs, vocabulary, counts))
    a_to_z = PageContent.start("Tags", description)
    a_to_z.add(
        intro,
        paragraph(Html("Order: %s · A to Z") % link(TAGS_A_TO_Z, TAGS_INDEX, "by briefs")),
        _tag_table(TAGS_A_TO_Z, used, vocabulary, counts),
    )
    for page in (by_count, a_to_z) if unused else ():
        page.heading(2, "Tags not used yet")
        page.add(_unused_tags(vocabulary, unused))
    return {TAGS_INDEX: by_count, TAGS_A_TO_Z: a_to_z}


def _unused_tags(vocabulary: Vocabulary, slugs: list[str]) -> Html:
    """The vocabulary's unused tags ``slugs``, for contributors: no links, as they have no
    page."""
    note = paragraph(
        f"For contributors: {len(slugs)} tags of the vocabulary (briefs/tags.yml) that no "
        "published brief carries yet. A tag gets its page and feeds with its first brief."
    )
    rows = [
        (vocabulary.tags[slug].title, slug, vocabulary.tags[slug].description) for slug in slugs
    ]
    return note + table(("Tag", "Slug", "Description"), rows)


def _tag_table(
    from_uri: str, slugs: list[str], vocabulary: Vocabulary, counts: Mapping[str, int]
) -> Html:
    rows = [
        (
            link(from_uri, tag_uri(slug), vocabulary.tags[slug].title),
            str(counts[slug]),
            vocabulary.tags[slug].description,
        )
        for slug in slugs
    ]
    return table(("Tag", "Briefs", "Description"), rows, numeric=(1,))


def latest_briefs(from_uri: str, entries: Sequence[Entry], vocabulary: Vocabulary) -> str:
    """The newest briefs as cards (title, date, dateline, tags and first takeaway): the
    Markdown the home page ends with, a heading and an HTML block (which Markdown keeps
    as it is)."""
    heading = "## Latest briefs\n\n"
    if not entries:
        return heading + "No briefs are published yet.\n"
    cards = Html().join(_card(from_uri, entry, vocabulary) for entry in entries)
    more = dot_separated(
        link(from_uri, TAGS_INDEX, "All tags"),
        link(from_uri, ARCHIVE_INDEX, "Archive"),
        feed_links(from_uri, ""),
    )
    block = Html('<div class="grid cards nb-cards">\n<ul>\n%s</ul>\n</div>\n\n%s') % (
        cards,
        paragraph(more),
    )
    return heading + str(block)  # Markdown: as Html, added to Markdown it would escape it


def _card(from_uri: str, entry: Entry, vocabulary: Vocabulary) -> Html:
    brief = entry.brief
    return Html("<li>\n%s</li>\n") % Html().join(
        [
            paragraph(strong(link(from_uri, entry.src_uri, brief.title))),
            paragraph(dated(brief)),
            paragraph(brief.takeaways[0]),
            paragraph(tag_chips(from_uri, brief.tags, vocabulary)),
        ]
    )
