"""Briefs to pages: pure functions, no I/O.

A brief's page is built as HTML with :mod:`newsbrief.site.content` (see there why not
Markdown); only the editor's summary is Markdown, converted by the caller. Text from
front matter goes through :func:`newsbrief.site.content.text`, so a title like
``<img src=x onerror=alert(1)>`` shows as text and runs nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import markdown

from newsbrief.archive.addresses import FEED_FILES, tag_uri
from newsbrief.archive.brief import Entry
from newsbrief.archive.schema import Brief, Quote, Source
from newsbrief.archive.slugs import slugify
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.site.content import (
    PageContent,
    admonition,
    attribute,
    bullets,
    link,
    paragraph,
    text,
)

KIND_HEADINGS = {
    "region": "Regions",
    "country": "Countries",
    "topic": "Topics",
    "conflict": "Conflicts",
}


def format_date(day: dt.date) -> str:
    """A date as readers of international news expect it: 4 May 2025."""
    return f"{day.day} {day:%B %Y}"


def briefs_count(count: int) -> str:
    """``1 brief``, ``2 briefs``."""
    return f"{count} brief{'' if count == 1 else 's'}"


def and_list(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) < 3:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def markdown_converter(extensions: list[Any], configs: dict[str, Any]) -> Callable[[str], str]:
    """Markdown to HTML with the site's extensions, for editors' summaries: one converter,
    reset between texts, as building one per page costs more than most conversions."""
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    return lambda source: converter.reset().convert(source)


def brief_page(
    entry: Entry,
    vocabulary: Vocabulary,
    body_html: str,
    newer: Entry | None = None,
    older: Entry | None = None,
    related: Sequence[Entry] = (),
) -> PageContent:
    """A brief's page; ``body_html`` is its summary converted from Markdown, ``newer``
    and ``older`` are its neighbours in time."""
    brief = entry.brief
    uri = entry.src_uri
    page = PageContent.start(brief.title, brief.synopsis, published=brief.date.isoformat())
    if brief.draft:
        page.add(draft_notice(brief.review))
    page.add(
        paragraph(f"{byline(brief)} · {reading_minutes(entry)} min read", "nb-byline"),
        paragraph(tag_chips(uri, brief.tags, vocabulary), "nb-chips"),
        admonition("abstract", "Synopsis", paragraph(text(brief.synopsis))),
    )
    page.heading(2, "Key takeaways")
    page.add(bullets([text(item) for item in brief.takeaways]))
    page.heading(2, "Summary")
    page.add(body_html)
    if brief.quotes:
        page.heading(2, "What they said")
        page.add(quotes_box("principal", brief.quotes))
    if brief.commentary:
        page.heading(2, "Expert commentary")
        intro = "Outside experts' views on these events; they are not parties to them."
        page.add(quotes_box("expert", brief.commentary, intro))
    names = who_and_where(uri, brief)
    if names:
        page.heading(2, "Who and where")
        page.add(bullets(names))
    page.heading(2, "Source")
    page.add(bullets(source_lines(brief.source, brief.cites)))
    if related:
        page.heading(2, "Related briefs")
        page.add(brief_list(uri, related))
    page.add(neighbours(uri, newer, older))
    return page


def neighbours(from_uri: str, newer: Entry | None, older: Entry | None) -> str:
    """Links to the previous (older) and next (newer) brief."""
    links = []
    if older:
        links.append("← Previous: " + link(from_uri, older.src_uri, text(older.brief.title)))
    if newer:
        links.append("Next: " + link(from_uri, newer.src_uri, text(newer.brief.title)) + " →")
    return paragraph(" · ".join(links), "nb-neighbours") if links else ""


def draft_notice(review: Sequence[str]) -> str:
    """The box on a draft's page (drafts appear in ``make serve`` only), with review notes."""
    content = paragraph("This brief awaits review; <code>make site</code> leaves it out.")
    if review:
        content += paragraph("Notes for the editor:") + bullets([text(note) for note in review])
    return admonition("warning", "Draft", content)


WORDS_PER_MINUTE = 220


def reading_minutes(entry: Entry) -> int:
    """Minutes a reader needs for the brief's page, at an ordinary reading speed."""
    brief = entry.brief
    texts = [brief.synopsis, *brief.takeaways, entry.body]
    texts += [quote.text for quote in (*brief.quotes, *brief.commentary)]
    return max(1, round(sum(len(text.split()) for text in texts) / WORDS_PER_MINUTE))


def byline(brief: Brief) -> str:
    """Date, dateline, source and the agencies it cites, on one line (HTML)."""
    items = [f"<strong>{format_date(brief.date)}</strong>"]
    if brief.dateline:
        items.append(text(brief.dateline))
    items.append(source_html(brief.source))
    if brief.cites:
        items.append("citing " + and_list([text(name) for name in brief.cites]))
    return " · ".join(items)


def source_html(source: Source) -> str:
    """The source's name, linked to the article when its address is known."""
    if source.url:
        return f'<a href="{attribute(source.url)}">{text(source.name)}</a>'
    return text(source.name)


def tag_chips(from_uri: str, tags: Iterable[str], vocabulary: Vocabulary) -> str:
    """Links to each tag's page, styled as chips."""
    return " ".join(
        link(from_uri, tag_uri(slug), text(vocabulary.tags[slug].title), "nb-chip") for slug in tags
    )


def quotes_box(kind: str, quotes: Sequence[Quote], intro: str = "") -> str:
    """Quotes, each a block quote of its paragraphs and attribution, in a box styled by
    ``kind``."""
    blocks = [f'<div class="nb-quotes nb-quotes--{kind}">\n']
    if intro:
        blocks.append(paragraph(text(intro), "nb-quotes__intro"))
    for quote in quotes:
        paragraphs = [" ".join(part.split()) for part in quote.text.split("\n\n")]
        who = f"<strong>{text(quote.speaker)}</strong>"
        if quote.role:
            who += f", {text(quote.role)}"
        blocks.append(
            "<blockquote>\n"
            + "".join(paragraph(text(part)) for part in paragraphs if part)
            + paragraph(f"— {who}")
            + "</blockquote>\n"
        )
    blocks.append("</div>\n")
    return "".join(blocks)


def who_and_where(from_uri: str, brief: Brief) -> list[str]:
    """The people, organisations and places a brief names, each linked to its page."""
    groups = [
        ("People", "people", brief.people),
        ("Organisations", "organizations", brief.organizations),
        ("Places", "places", brief.places),
    ]
    return [
        f"<strong>{label}:</strong> "
        + ", ".join(link(from_uri, f"{kind}/{slugify(name)}.md", text(name)) for name in names)
        for label, kind, names in groups
        if names
    ]


def source_lines(source: Source, cites: Sequence[str]) -> list[str]:
    lines = [f"<strong>Published by:</strong> {source_html(source)}"]
    if cites:
        lines.append("<strong>Citing:</strong> " + and_list([text(name) for name in cites]))
    lines.append(
        f"<strong>Source article:</strong> <code>{text(source.path)}</code> "
        f"(SHA-256 <code>{source.sha256[:12]}…</code>)"
    )
    return lines


def brief_list(from_uri: str, entries: Iterable[Entry]) -> str:
    """A listing of briefs (linked title, date, dateline, synopsis) as an HTML block.

    Listings are most of the site's pages by volume; written as HTML they skip
    Markdown's inline processing, which halves the build time of a large archive.
    The links are checked by the test that crawls every built page.
    """
    items = []
    for entry in entries:
        brief = entry.brief
        where = f" · {text(brief.dateline)}" if brief.dateline else ""
        title = f"<strong>{text(brief.title)}</strong>"
        items.append(
            f"<li>{link(from_uri, entry.src_uri, title)}<br>"
            f"{format_date(brief.date)}{where} — {text(brief.synopsis)}</li>"
        )
    return '<ul class="nb-briefs">\n' + "\n".join(items) + "\n</ul>\n" if items else ""


def feed_links(from_uri: str, folder: str) -> str:
    """Links to the feeds in ``folder`` (``""`` for the whole archive's)."""
    return "Follow: " + " · ".join(
        link(from_uri, folder + name, label) for label, name in FEED_FILES.items()
    )
