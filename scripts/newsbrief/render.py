"""Briefs to page Markdown: pure functions, no I/O.

Everything a reader should find with the site's search is written into the
page's Markdown here (Material's search indexes page content, not what a
template draws). Text from front matter goes through :func:`md_text`, so a
title like ``<img src=x onerror=alert(1)>`` shows as text and runs nothing.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Iterable, Sequence

import yaml

from newsbrief.briefs import Entry
from newsbrief.schema import Brief, Quote, Source
from newsbrief.slugs import slugify
from newsbrief.vocabulary import Vocabulary

TAGS_INDEX = "tags/index.md"
KIND_HEADINGS = {
    "region": "Regions",
    "country": "Countries",
    "topic": "Topics",
    "conflict": "Conflicts",
}
# The characters that start markup anywhere in a line ('<', '>' and '&' are HTML-escaped
# instead), and the ones that do only at the start of a line. Escaping no more than
# these keeps the Markdown small and fast to convert.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # LibYAML's, where PyYAML has it
_MD_INLINE = re.compile(r"([\\`*_{}\[\]])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))", re.MULTILINE)


def md_text(text: str) -> str:
    """``text`` as literal Markdown: no markup, links or HTML take effect."""
    escaped = _MD_INLINE.sub(r"\\\1", html.escape(text, quote=False))
    return _MD_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark = match.groups()
    if mark[0].isdigit():  # "1. " would start a list: escape the dot after the number
        return f"{indent}{mark}\\"
    return f"{indent}\\{mark}"


def cell(text: str) -> str:
    """``text`` as the content of a Markdown table cell."""
    return md_text(" ".join(text.split())).replace("|", "\\|")


def format_date(day: dt.date) -> str:
    """A date as readers of international news expect it: 4 May 2025."""
    return f"{day.day} {day:%B %Y}"


def link(from_uri: str, to_uri: str) -> str:
    """A relative link between two pages, written to their source files.

    MkDocs turns ``.md`` links into page URLs and, with ``--strict``, fails the
    build on a link to a page that does not exist.
    """
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def tag_uri(slug: str) -> str:
    """The page of a tag: ``tags/<slug>.md``, served at /tags/<slug>/."""
    return f"tags/{slug}.md"


def page_meta(
    title: str,
    description: str | None = None,
    published: dt.date | None = None,
    feed_title: str | None = None,
) -> str:
    """A generated page's own front matter, read by MkDocs for ``<title>`` and ``<meta>``.

    The theme writes these values into the HTML unescaped (it expects titles to be
    HTML already), so they are HTML-escaped here.
    """
    meta = {"title": html.escape(title)}
    if description:
        meta["description"] = html.escape(description)
    if feed_title:  # the page has feeds of its own, in its folder (see overrides/main.html)
        meta["feed_title"] = html.escape(feed_title)
    if published:  # a brief: OpenGraph calls it an article
        meta["og_article"] = True
        meta["published"] = published.isoformat()
    dumped = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n\n"


def briefs_count(count: int) -> str:
    """``1 brief``, ``2 briefs``."""
    return f"{count} brief{'' if count == 1 else 's'}"


def and_list(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) < 3:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def brief_page(
    entry: Entry,
    vocabulary: Vocabulary,
    newer: Entry | None = None,
    older: Entry | None = None,
    related: Sequence[Entry] = (),
) -> str:
    """The Markdown of a brief's page; ``newer`` and ``older`` are its neighbours in time."""
    brief = entry.brief
    parts = [
        page_meta(brief.title, brief.synopsis, published=brief.date),
        f"# {md_text(brief.title)}\n",
    ]
    if brief.draft:
        parts.append(draft_notice(brief.review))
    parts += [
        f"{byline(brief)} · {reading_minutes(entry)} min read\n{{: .nb-byline }}\n",
        tag_chips(entry.src_uri, brief.tags, vocabulary) + "\n{: .nb-chips }\n",
        '!!! abstract "Synopsis"\n    ' + md_text(brief.synopsis) + "\n",
        "## Key takeaways\n\n" + bullets(brief.takeaways),
        "## Summary\n\n" + entry.body,
    ]
    if brief.quotes:
        parts.append(quotes_section("What they said", "principal", brief.quotes))
    if brief.commentary:
        parts.append(
            quotes_section(
                "Expert commentary",
                "expert",
                brief.commentary,
                "Outside experts' views on these events; they are not parties to them.",
            )
        )
    parts += [
        who_and_where(entry.src_uri, brief),
        source_section(brief.source, brief.cites),
        "## Related briefs\n\n" + brief_list(entry.src_uri, related) if related else "",
        neighbours(entry.src_uri, newer, older),
    ]
    return "\n".join(part for part in parts if part)


def neighbours(from_uri: str, newer: Entry | None, older: Entry | None) -> str:
    """Links to the previous (older) and next (newer) brief."""
    links = []
    if older:
        links.append(f"← Previous: [{md_text(older.brief.title)}]({link(from_uri, older.src_uri)})")
    if newer:
        links.append(f"Next: [{md_text(newer.brief.title)}]({link(from_uri, newer.src_uri)}) →")
    return " · ".join(links) + "\n{: .nb-neighbours }\n" if links else ""


def draft_notice(review: Sequence[str]) -> str:
    """The box on a draft's page (drafts appear in ``make serve`` only), with review notes."""
    notes = "".join(f"    - {md_text(note)}\n" for note in review)
    heading = "\n    Notes for the editor:\n\n" if notes else ""
    return (
        '!!! warning "Draft"\n    This brief awaits review; `make site` leaves it out.\n'
        + heading
        + notes
    )


WORDS_PER_MINUTE = 220


def reading_minutes(entry: Entry) -> int:
    """Minutes a reader needs for the brief's page, at an ordinary reading speed."""
    brief = entry.brief
    texts = [brief.synopsis, *brief.takeaways, entry.body]
    texts += [quote.text for quote in (*brief.quotes, *brief.commentary)]
    return max(1, round(sum(len(text.split()) for text in texts) / WORDS_PER_MINUTE))


def byline(brief: Brief) -> str:
    """Date, dateline, source and the agencies it cites, on one line."""
    items = [f"**{format_date(brief.date)}**"]
    if brief.dateline:
        items.append(md_text(brief.dateline))
    items.append(source_name(brief.source))
    if brief.cites:
        items.append("citing " + and_list([md_text(name) for name in brief.cites]))
    return " · ".join(items)


def source_name(source: Source) -> str:
    """The source's name, linked to the article when its address is known."""
    if source.url:
        return f"[{md_text(source.name)}](<{source.url}>)"
    return md_text(source.name)


def tag_chips(from_uri: str, tags: Iterable[str], vocabulary: Vocabulary) -> str:
    """Links to each tag's page, styled as chips."""
    return " ".join(
        f"[{md_text(vocabulary.tags[slug].title)}]({link(from_uri, tag_uri(slug))}){{ .nb-chip }}"
        for slug in tags
    )


def bullets(items: Iterable[str]) -> str:
    return "".join(f"- {md_text(item)}\n" for item in items)


def quotes_section(heading: str, kind: str, quotes: Sequence[Quote], intro: str = "") -> str:
    """Quotes as block quotes with their attribution, in a box styled by ``kind``."""
    blocks = [f"## {heading}\n", f'<div class="nb-quotes nb-quotes--{kind}" markdown>\n']
    if intro:
        blocks.append(f"{md_text(intro)}\n{{: .nb-quotes__intro }}\n")
    for quote in quotes:
        lines = [f"> {md_text(line)}" if line.strip() else ">" for line in quote.text.splitlines()]
        who = f"**{md_text(quote.speaker)}**"
        if quote.role:
            who += f", {md_text(quote.role)}"
        blocks.append("\n".join([*lines, ">", f"> — {who}"]) + "\n")
    blocks.append("</div>\n")
    return "\n".join(blocks)


def who_and_where(from_uri: str, brief: Brief) -> str:
    """The people, organisations and places a brief names, each linked to its page."""
    groups = [
        ("People", "people", brief.people),
        ("Organisations", "organizations", brief.organizations),
        ("Places", "places", brief.places),
    ]
    lines = [
        f"- **{label}:** "
        + ", ".join(
            f"[{md_text(name)}]({link(from_uri, f'{kind}/{slugify(name)}.md')})" for name in names
        )
        for label, kind, names in groups
        if names
    ]
    return "## Who and where\n\n" + "\n".join(lines) + "\n" if lines else ""


def source_section(source: Source, cites: Sequence[str]) -> str:
    lines = ["## Source\n", f"- **Published by:** {source_name(source)}"]
    if cites:
        lines.append("- **Citing:** " + and_list([md_text(name) for name in cites]))
    lines.append(f"- **Source article:** `{source.path}` (SHA-256 `{source.sha256[:12]}…`)")
    return "\n".join(lines) + "\n"


def page_url(uri: str) -> str:
    """The address MkDocs gives a page's source path (``use_directory_urls``)."""
    if uri == "index.md" or uri.endswith("/index.md"):
        return uri[: -len("index.md")]
    return uri[: -len(".md")] + "/"


def url(from_uri: str, to_uri: str) -> str:
    """The relative address of one page from another, for links written as HTML."""
    here = page_url(from_uri)
    return posixpath.relpath(page_url(to_uri), here or ".") + "/"


def _html_text(text: str) -> str:
    return html.escape(text, quote=False)


def brief_list(from_uri: str, entries: Iterable[Entry]) -> str:
    """A listing of briefs (linked title, date, dateline, synopsis) as an HTML block.

    Listings are most of the site's pages by volume; written as HTML they skip
    Markdown's inline processing, which halves the build time of a large archive.
    The links are checked by the test that crawls every built page.
    """
    items = []
    for entry in entries:
        brief = entry.brief
        where = f" · {_html_text(brief.dateline)}" if brief.dateline else ""
        title = f"<strong>{_html_text(brief.title)}</strong>"
        items.append(
            f'<li><a href="{url(from_uri, entry.src_uri)}">{title}</a><br>'
            f"{format_date(brief.date)}{where} — {_html_text(brief.synopsis)}</li>"
        )
    return '<ul class="nb-briefs">\n' + "\n".join(items) + "\n</ul>\n" if items else ""


def feed_links(from_uri: str, folder: str) -> str:
    """Links to the feeds in ``folder`` (``""`` for the whole archive's)."""
    names = (("RSS", "feed.xml"), ("Atom", "atom.xml"), ("JSON Feed", "feed.json"))
    return "Follow: " + " · ".join(
        f"[{label}]({link(from_uri, folder + name)})" for label, name in names
    )
