"""Story pages: ``/stories/`` and a timeline for each developing story.

A story is a thread of briefs that name it (``story:``, a slug of ``briefs/stories.yml``).
Its page shows its briefs as a dated timeline, newest first, the people and places they
involve, and links to its own feeds, which sit in the folder beside the page as a tag's
do. A story no shown brief follows has no page; the index names it apart, unlinked, for
contributors. Pure functions, like :mod:`newsbrief.site.listings`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from newsbrief.archive.addresses import (
    STORIES_INDEX,
    EntityAddresses,
    feeds_folder,
    story_uri,
)
from newsbrief.archive.brief import Entry
from newsbrief.archive.schema import Story
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.site.brief_page import (
    ENTITY_HEADINGS,
    NamedLinks,
    briefs_count,
    byline_of,
    feed_links,
    format_date,
    who_and_where,
)
from newsbrief.site.calls import call_directly
from newsbrief.site.content import (
    PageContent,
    bullets,
    link,
    paragraph,
    strong,
    table,
    time_element,
)
from newsbrief.site.listings import paginated, paginated_briefs
from newsbrief.site.markup import Html

INVOLVED_KINDS = ("people", "places")
INVOLVED_LIMIT = 12  # of each kind, the most named first: a long story names hundreds
_TIMELINE_ITEM = Html("<li>%s<br>%s<br>%s</li>")


def date_span(entries: Sequence[Entry]) -> str:
    """The days a story's briefs (newest first) cover: ``4 May 2025 – 9 June 2025``."""
    first, last = entries[-1].brief.date, entries[0].brief.date
    if first == last:
        return format_date(first)
    return f"{format_date(first)} – {format_date(last)}"


def involved(entries: Sequence[Entry], addresses: EntityAddresses) -> NamedLinks:
    """The people and places a story's briefs name, each with its page: the most often
    named first (then A to Z), at most ``INVOLVED_LIMIT`` of each kind; organisations are
    left out, as the news agencies every brief cites would lead them."""
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in ENTITY_HEADINGS}
    for entry in entries:
        for kind, names in entry.brief.named().items():
            counts[kind].update(names)
    return {
        kind: tuple(
            (name, addresses.uri(kind, name))
            for name in sorted(counts[kind], key=lambda n: (-counts[kind][n], n.casefold()))[
                :INVOLVED_LIMIT
            ]
        )
        if kind in INVOLVED_KINDS
        else ()
        for kind in ENTITY_HEADINGS
    }


def stories_index(
    vocabulary: Vocabulary, by_story: dict[str, list[Entry]]
) -> dict[str, PageContent]:
    """``/stories/``: every story with briefs, its count and the days it covers, the one
    with the newest brief first (``by_story`` is in that order, as
    :meth:`Archive.by_story` gives it); the stories no brief follows yet, unlinked."""
    description = "Developing stories, each a timeline of its briefs."
    rows = [
        (
            link(STORIES_INDEX, story_uri(slug), vocabulary.stories[slug].title),
            str(len(entries)),
            date_span(entries),
            vocabulary.stories[slug].description,
        )
        for slug, entries in by_story.items()
    ]
    waiting = [story.title for slug, story in vocabulary.stories.items() if slug not in by_story]
    pages = {}
    for uri, chunk, pager in paginated(STORIES_INDEX, rows):
        page = PageContent.start("Stories", description)
        page.add(
            paragraph(
                f"{len(rows)} {'story' if len(rows) == 1 else 'stories'}, the one with the "
                "latest brief first. Each story's page "
                "shows its briefs as a timeline and has its own feeds."
            ),
            table(("Story", "Briefs", "Dates", "Description"), list(chunk), numeric=(1,))
            if chunk
            else paragraph("No brief follows a story yet."),
            pager,
        )
        if waiting and uri == STORIES_INDEX:
            page.heading(2, "Not yet followed")
            page.add(
                paragraph(
                    "Stories of briefs/stories.yml that no published brief follows yet, "
                    "so they have no page: " + ", ".join(waiting) + "."
                )
            )
        pages[uri] = page
    return pages


def story_pages(
    slug: str,
    story: Story,
    entries: Sequence[Entry],
    named: NamedLinks,
    call: Callable[..., Any] = call_directly,
) -> dict[str, PageContent]:
    """The pages of one story: its description, feeds, the people and places its briefs
    involve (``named``, as :func:`involved` gives them) and its timeline, newest first.
    ``call`` makes each page (``mkdocs serve`` passes its memo)."""
    first = story_uri(slug)
    pages = {}
    for uri, chunk, pager in paginated_briefs(first, entries):
        # what the whole story says, on its first page only: an older page keeps its
        # briefs as the story goes on, and stays as it was
        about = (briefs_count(len(entries)), date_span(entries), named) if uri == first else None
        pages[uri] = call(_story_page, slug, story, about, uri, chunk, pager)
    return pages


def _story_page(
    slug: str,
    story: Story,
    about: tuple[str, str, NamedLinks] | None,
    uri: str,
    chunk: Sequence[Entry],
    pager: Html,
) -> PageContent:
    """A page of a story's timeline; ``about`` is the first page's count of briefs, span
    of dates and who and where."""
    first = uri == story_uri(slug)  # feeds sit in the first page's folder
    page = PageContent.start(
        story.title, story.description, feed_title=story.title if first else None
    )
    count, span, named = about or (None, None, None)
    byline = byline_of(
        count,
        span,
        link(uri, STORIES_INDEX, "All stories"),
        feed_links(uri, feeds_folder(story_uri(slug))),
    )
    page.add(paragraph(story.description), byline)
    names = who_and_where(uri, named) if named is not None else []
    if names:
        page.heading(2, "Who and where")
        page.add(bullets(names))
    page.heading(2, "Timeline")
    page.add(timeline(uri, chunk), pager)
    return page


def timeline(from_uri: str, entries: Sequence[Entry]) -> Html:
    """Briefs as a dated timeline: each one's date, its title linked, its dateline and
    synopsis."""
    items = [
        _TIMELINE_ITEM
        % (
            time_element(entry.brief.date, format_date(entry.brief.date)),
            link(from_uri, entry.src_uri, strong(entry.brief.title)),
            f"{entry.brief.dateline} — {entry.brief.synopsis}"
            if entry.brief.dateline
            else entry.brief.synopsis,
        )
        for entry in entries
    ]
    return Html('<ul class="nb-briefs nb-timeline">\n%s\n</ul>\n') % Html("\n").join(items)
