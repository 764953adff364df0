"""Briefs to pages: pure functions, no I/O.

A brief's page is built as HTML with :mod:`newsbrief.site.content` (see there why not
Markdown); only the editor's summary is Markdown, converted by the caller. Text from
front matter is put into :class:`~newsbrief.site.markup.Html`, which escapes it, so a
title like ``<img src=x onerror=alert(1)>`` shows as text and runs nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import markdown

from newsbrief.archive.addresses import ENTITY_KINDS, FEED_FILES, story_uri, tag_uri
from newsbrief.archive.brief import Entry
from newsbrief.archive.schema import Brief, Correction, Quote, Source, Story
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.site import prose
from newsbrief.site.calls import Call, call_directly
from newsbrief.site.content import (
    PageContent,
    admonition,
    anchor,
    blockquote,
    bullets,
    division,
    dot_separated,
    link,
    paragraph,
    strong,
)
from newsbrief.site.markup import Html

ENTITY_HEADINGS = dict(zip(ENTITY_KINDS, ("People", "Organisations", "Places"), strict=True))
NamedLinks = Mapping[str, Sequence[tuple[str, str]]]
"""The people, organisations and places a brief lists, by kind: (name, page) pairs."""
KIND_HEADINGS = {
    "region": "Regions",
    "country": "Countries",
    "topic": "Topics",
    "conflict": "Conflicts",
}


class StoryThread(NamedTuple):
    """The story a brief follows: its slug, its record, its briefs newest first, and the
    brief's place among them (``index``; see :func:`story_threads`).

    A tuple, so that ``mkdocs serve``'s memo keys on its parts (the briefs by identity)."""

    slug: str
    story: Story
    entries: Sequence[Entry]
    index: int


def story_threads(
    by_story: Mapping[str, Sequence[Entry]], stories: Mapping[str, Story]
) -> dict[str, StoryThread]:
    """Each brief of a story (by its ``src_uri``) with its thread: the places in one pass
    over each story, where looking each brief up in its story's list would take time
    that grows with the square of the story's length."""
    return {
        entry.src_uri: StoryThread(slug, stories[slug], entries, index)
        for slug, entries in by_story.items()
        for index, entry in enumerate(entries)
    }


@functools.lru_cache(maxsize=4096)  # a brief's date is written on every page listing it
def format_date(day: dt.date) -> str:
    """A date as readers of international news expect it: 4 May 2025."""
    return f"{day.day} {day:%B %Y}"


def briefs_count(count: int) -> str:
    """``1 brief``, ``2 briefs``."""
    return f"{count} brief{'' if count == 1 else 's'}"


def byline_of(*items: str | None) -> Html:
    """A listing's byline: its items, those that are not None, between middle dots."""
    return paragraph(dot_separated(*(item for item in items if item is not None)), "nb-byline")


def and_list(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) < 3:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def markdown_converter(extensions: list[Any], configs: dict[str, Any]) -> Callable[[str], Html]:
    """Markdown to HTML with the site's extensions, for editors' summaries: one converter,
    reset between texts, as building one per page costs more than most conversions."""
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    plain_too = prose.leaves_prose_plain(extensions)  # plain prose without Python-Markdown
    # Trusted as markup because the archive checked the summaries given here: Markdown
    # passes raw HTML through, and the archive refuses a brief whose summary has raw HTML
    # tags but a few inline ones (<sup>, <abbr>, ...) with no attribute but title,
    # attribute lists setting more than an id, classes, title, lang or dir, or link and
    # image addresses with a scheme but http, https and mailto (newsbrief.archive.safety).
    # It looks inside HTML comments too. What it lets through comes out as it is: those
    # tags, ids and classes, and links and images to any http(s) address.

    def convert(source: str) -> Html:
        if plain_too and prose.is_plain(source):
            return prose.plain_html(source)
        return Html(converter.reset().convert(source))

    return convert


def brief_page(
    entry: Entry,
    vocabulary: Vocabulary,
    body_html: Html,
    named: NamedLinks,
    newer: Entry | None = None,
    older: Entry | None = None,
    related: Sequence[Entry] = (),
    last_changed: dt.date | None = None,
    thread: StoryThread | None = None,
) -> PageContent:
    """A brief's page; ``body_html`` is its summary converted from Markdown, ``named``
    the people, organisations and places it lists with their pages' addresses
    (:meth:`EntityAddresses.named_in`), ``newer`` and ``older`` its neighbours in time,
    ``last_changed`` the day of its file's last commit, if known, ``thread`` the story
    it follows, if any."""
    brief = entry.brief
    uri = entry.src_uri
    page = PageContent.start(brief.title, brief.synopsis, published=brief.date.isoformat())
    if brief.draft:
        page.add(draft_notice(brief.review))
    page.add(
        paragraph(dot_separated(*_byline_items(entry, last_changed)), "nb-byline"),
        paragraph(tag_chips(uri, brief.tags, vocabulary), "nb-chips"),
        *map(correction_notice, brief.corrections),
        admonition("abstract", "Synopsis", paragraph(brief.synopsis)),
    )
    page.heading(2, "Key takeaways")
    page.add(bullets(brief.takeaways))
    page.heading(2, "Summary")
    page.add(body_html)
    if brief.quotes:
        page.heading(2, "What they said")
        page.add(quotes_box("principal", brief.quotes))
    if brief.commentary:
        page.heading(2, "Expert commentary")
        intro = "Outside experts' views on these events; they are not parties to them."
        page.add(quotes_box("expert", brief.commentary, intro))
    names = who_and_where(uri, named)
    if names:
        page.heading(2, "Who and where")
        page.add(bullets(names))
    page.heading(2, "Source")
    page.add(bullets(source_lines(brief.source, brief.cites)))
    if thread is not None:
        page.heading(2, "In the story")
        page.add(*story_place(entry, thread))
    if related:
        page.heading(2, "Related briefs")
        page.add(brief_list(uri, related))
    page.add(neighbours(uri, newer, older))
    return page


def converted_brief_page(
    convert: Callable[[str], Html],
    entry: Entry,
    vocabulary: Vocabulary,
    named: NamedLinks,
    newer: Entry | None,
    older: Entry | None,
    related: Sequence[Entry],
    last_changed: dt.date | None,
    thread: StoryThread | None,
    call: Call = call_directly,
) -> PageContent:
    """:func:`brief_page`, its summary converted by ``convert``
    (:func:`markdown_converter`): the whole page from its arguments, which a build can
    put off (and digest) as one call; ``call`` runs the two steps."""
    body = call(convert, entry.body)
    return call(
        brief_page, entry, vocabulary, body, named, newer, older, related, last_changed, thread
    )


def neighbours(from_uri: str, newer: Entry | None, older: Entry | None) -> Html:
    """Links to the previous (older) and next (newer) brief."""
    links = []
    if older:
        links.append(Html("← Previous: %s") % link(from_uri, older.src_uri, older.brief.title))
    if newer:
        links.append(Html("Next: %s →") % link(from_uri, newer.src_uri, newer.brief.title))
    return paragraph(dot_separated(*links), "nb-neighbours") if links else Html()


def story_place(entry: Entry, thread: StoryThread) -> tuple[Html, Html]:
    """Where a brief sits in its story: the story linked with the brief's place in it
    (``2 of 5``, counted from the first brief), and the briefs just before and after
    it, linked and dated."""
    uri, entries, index = entry.src_uri, thread.entries, thread.index
    place = f"brief {len(entries) - index} of {len(entries)}"
    heading = paragraph(
        dot_separated(strong(link(uri, story_uri(thread.slug), thread.story.title)), place)
    )
    around = []
    if index + 1 < len(entries):
        around.append(_story_neighbour(uri, "Before", entries[index + 1]))
    if index > 0:
        around.append(_story_neighbour(uri, "After", entries[index - 1]))
    return heading, bullets(around) if around else paragraph("The story's only brief so far.")


def _story_neighbour(from_uri: str, label: str, other: Entry) -> Html:
    return Html("<strong>%s:</strong> %s, %s") % (
        label,
        link(from_uri, other.src_uri, other.brief.title),
        format_date(other.brief.date),
    )


def draft_notice(review: Sequence[str]) -> Html:
    """The box on a draft's page (drafts appear in ``make serve`` only), with review notes."""
    content = paragraph(Html("This brief awaits review; <code>make site</code> leaves it out."))
    if review:
        content += paragraph("Notes for the editor:") + bullets(review)
    return admonition("warning", "Draft", content)


def correction_notice(correction: Correction) -> Html:
    """The box above the synopsis saying what a correction changed, and when."""
    title = f"Correction, {format_date(correction.date)}"
    return admonition("info nb-correction", title, paragraph(correction.text))


WORDS_PER_MINUTE = 220


def reading_minutes(entry: Entry) -> int:
    """Minutes a reader needs for the brief's page, at an ordinary reading speed."""
    brief = entry.brief
    texts = [brief.synopsis, *brief.takeaways, entry.body]
    texts += [quote.text for quote in (*brief.quotes, *brief.commentary)]
    return max(1, round(sum(len(text.split()) for text in texts) / WORDS_PER_MINUTE))


def _byline_items(entry: Entry, last_changed: dt.date | None) -> list[str]:
    """The brief page's byline: date and source, reading time, and the last change."""
    items = [byline(entry.brief), f"{reading_minutes(entry)} min read"]
    if last_changed is not None:
        items.append(f"Last changed {format_date(last_changed)}")
    return items


def byline(brief: Brief) -> Html:
    """Date, dateline, source and the agencies it cites, on one line."""
    items = [strong(format_date(brief.date))]
    if brief.dateline:
        items.append(brief.dateline)
    items.append(source_html(brief.source))
    if brief.cites:
        items.append("citing " + and_list(brief.cites))
    return dot_separated(*items)


def source_html(source: Source) -> Html:
    """The source's name, linked to the article when its address is known."""
    if source.url:
        return anchor(source.url, source.name)
    return Html.escape(source.name)


def tag_chips(from_uri: str, tags: Iterable[str], vocabulary: Vocabulary) -> Html:
    """Links to each tag's page, styled as chips."""
    return Html(" ").join(
        link(from_uri, tag_uri(slug), vocabulary.tags[slug].title, "nb-chip") for slug in tags
    )


def quotes_box(kind: str, quotes: Sequence[Quote], intro: str = "") -> Html:
    """Quotes, each a block quote of its paragraphs and attribution, in a box styled by
    ``kind``."""
    blocks = [paragraph(intro, "nb-quotes__intro")] if intro else []
    blocks += [_quote_block(quote) for quote in quotes]
    return division(f"nb-quotes nb-quotes--{kind}", Html().join(blocks))


def _quote_block(quote: Quote) -> Html:
    paragraphs = [" ".join(part.split()) for part in quote.text.split("\n\n")]
    who = Html("— %s") % strong(quote.speaker)
    if quote.role:
        who += ", " + quote.role
    return blockquote(
        Html().join([*(paragraph(part) for part in paragraphs if part), paragraph(who)])
    )


def who_and_where(from_uri: str, named: NamedLinks) -> list[Html]:
    """The people, organisations and places a brief names, each linked to its page."""
    return [
        Html("<strong>%s:</strong> %s")
        % (label, Html(", ").join(link(from_uri, uri, name) for name, uri in named[kind]))
        for kind, label in ENTITY_HEADINGS.items()
        if named[kind]
    ]


def source_lines(source: Source, cites: Sequence[str]) -> list[Html]:
    lines = [Html("<strong>Published by:</strong> %s") % source_html(source)]
    if cites:
        lines.append(Html("<strong>Citing:</strong> %s") % and_list(cites))
    lines.append(
        Html("<strong>Source article:</strong> <code>%s</code> (SHA-256 <code>%s…</code>)")
        % (source.path, source.sha256[:12])
    )
    return lines


def brief_list(from_uri: str, entries: Iterable[Entry]) -> Html:
    """A listing of briefs (linked title, date, dateline, synopsis) as an HTML block.

    Listings are most of the site's pages by volume; written as HTML they skip
    Markdown's inline processing, which halves the build time of a large archive.
    The links are checked by the test that crawls every built page.
    """
    return listing([_brief_item(from_uri, entry) for entry in entries])


def listing(items: Sequence[Html]) -> Html:
    """Items of a listing (``<li>`` each) as its HTML block; nothing for no items."""
    return Html('<ul class="nb-briefs">\n%s\n</ul>\n') % Html("\n").join(items) if items else Html()


def _brief_item(from_uri: str, entry: Entry) -> Html:
    brief = entry.brief
    title = link(from_uri, entry.src_uri, strong(brief.title))
    return Html("<li>%s<br>%s — %s</li>") % (title, dated(brief), brief.synopsis)


def dated(brief: Brief) -> str:
    """The brief's date and dateline, as text: ``4 May 2025 · Seoul``."""
    day = format_date(brief.date)
    return f"{day} · {brief.dateline}" if brief.dateline else day


def feed_links(from_uri: str, folder: str) -> Html:
    """Links to the feeds in ``folder`` (``""`` for the whole archive's)."""
    return Html("Follow: %s") % dot_separated(
        *(link(from_uri, folder + name, label) for label, name in FEED_FILES.items())
    )
