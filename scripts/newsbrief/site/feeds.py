"""Feeds of the newest briefs: RSS 2.0, Atom and JSON Feed 1.1.

Each entry carries the brief's title, date, synopsis, takeaways, corrections, tags and
address; a corrected brief's entry is updated on its latest correction's date. Besides
the whole archive's feeds and each used tag's, the corrections feeds list the corrected
briefs, the latest corrected first, and every person, organisation and place has feeds
of the briefs that name it (:func:`entity_feeds`). Feed addresses must be absolute, so
feeds need the site's ``site_url``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsbrief.archive.addresses import (
    CORRECTIONS_FEEDS,
    FEED_FILES,
    absolute_url,
    feeds_folder,
    story_uri,
    tag_uri,
)
from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import Archive
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.site.brief_page import format_date
from newsbrief.site.entity_pages import Named, description
from newsbrief.site.markup import QuotedHtml

LIMIT = 50  # entries in the whole archive's feeds
TAG_LIMIT = (
    20  # entries in each tag's, story's and entity's feeds: there are many, readers want the news
)
CORRECTIONS_DESCRIPTION = "Corrections to published briefs, the latest first."


@dataclass(frozen=True)
class FeedSpec:
    """One feed's identity: its title, description, home page, folder in the site and
    author (the site's name: an Atom feed must name one)."""

    title: str
    description: str
    home_url: str
    folder_url: str  # the absolute URL the feed files sit under, ending in "/"
    author: str


def entry_url(site_url: str, entry: Entry) -> str:
    """The absolute address of a brief's page."""
    return absolute_url(site_url, entry.src_uri)


FeedCall = tuple[str, functools.partial[dict[str, str]]]
"""A folder of feeds (``tags/economy/``, ``""`` at the site's root) and the call of
:func:`render_feeds` that makes its files (:func:`feed_paths`), put off."""


def feed_paths(folder: str) -> list[str]:
    """The files of a folder of feeds, in the order :func:`render_feeds` gives them."""
    return [folder + name for name in FEED_FILES.values()]


def rendered_feeds(
    calls: Iterable[FeedCall], call: Callable[..., Any]
) -> Iterator[tuple[str, str]]:
    """Each feed file of ``calls``, (path, text), made as it is asked for (with 100,000
    briefs, all the feeds at once would take gigabytes). ``call(function, *args)``
    renders each folder's (``mkdocs serve`` passes its memo)."""
    for folder, render in calls:
        rendered = call(render.func, *render.args)
        yield from ((folder + name, text) for name, text in rendered.items())


def site_feeds(
    site_name: str, site_description: str | None, site_url: str, archive: Archive
) -> Iterator[FeedCall]:
    """The whole archive's feeds at the site's root, each tag's and each story's in its
    folder and the corrections' in theirs."""
    site_url = site_url.rstrip("/") + "/"
    whole = FeedSpec(site_name, site_description or "", site_url, site_url, site_name)
    specs = [("", whole, archive.entries)]
    vocabulary = archive.vocabulary
    for slug, entries in archive.tags_in_use().items():
        tag = vocabulary.tags[slug]
        feeds = _beside(tag_uri(slug), site_name, tag.title, tag.description, site_url)
        specs.append((*feeds, entries))
    for slug, entries in archive.by_story().items():
        story = vocabulary.stories[slug]
        feeds = _beside(story_uri(slug), site_name, story.title, story.description, site_url)
        specs.append((*feeds, entries))
    folder = site_url + CORRECTIONS_FEEDS
    title = f"{site_name}: Corrections"
    spec = FeedSpec(title, CORRECTIONS_DESCRIPTION, folder, folder, site_name)
    specs.append((CORRECTIONS_FEEDS, spec, corrected_newest_first(archive.corrected())))
    for prefix, spec, entries in specs:
        limit = TAG_LIMIT if prefix else LIMIT
        yield (
            prefix,
            functools.partial(render_feeds, spec, entries[:limit], vocabulary, site_url, limit),
        )


def entity_feeds(
    site_name: str, site_url: str, named: dict[str, list[Named]], vocabulary: Vocabulary
) -> Iterator[FeedCall]:
    """The feeds of every person, organisation and place: the newest ``TAG_LIMIT`` briefs
    that name it, in its page's folder. ``named`` is each kind's entities
    (:func:`newsbrief.site.entity_pages.sorted_entities`)."""
    for items in named.values():
        for item in items:
            yield entity_feed(site_name, site_url, item, vocabulary)


def entity_feed(site_name: str, site_url: str, item: Named, vocabulary: Vocabulary) -> FeedCall:
    """The feeds of one person, organisation or place (see :func:`entity_feeds`)."""
    site_url = site_url.rstrip("/") + "/"
    folder, spec = _beside(item.uri, site_name, item.name, description(item.name), site_url)
    newest = item.entries[:TAG_LIMIT]
    return (
        folder,
        functools.partial(render_feeds, spec, newest, vocabulary, site_url, TAG_LIMIT),
    )


def _beside(
    page_uri: str, site_name: str, name: str, description: str, site_url: str
) -> tuple[str, FeedSpec]:
    """The folder of the feeds of the page at ``page_uri`` (about ``name``), beside it,
    and what they are."""
    folder, title = feeds_folder(page_uri), f"{site_name}: {name}"
    return folder, FeedSpec(title, description, site_url + folder, site_url + folder, site_name)


def corrected_newest_first(entries: Sequence[Entry]) -> list[Entry]:
    """The corrected briefs of ``entries`` (newest first), the latest corrected first."""
    corrected = [entry for entry in entries if entry.brief.corrections]
    return sorted(corrected, key=_updated, reverse=True)


def render_feeds(
    spec: FeedSpec,
    entries: Sequence[Entry],
    vocabulary: Vocabulary,
    site_url: str,
    limit: int = LIMIT,
) -> dict[str, str]:
    """The three feed documents, by file name, for the newest ``limit`` entries."""
    items = [_FeedItem.of(entry, vocabulary, site_url) for entry in entries[:limit]]
    return {
        FEED_FILES["RSS"]: _rss(spec, items),
        FEED_FILES["Atom"]: _atom(spec, items),
        FEED_FILES["JSON Feed"]: _json_feed(spec, items),
    }


@dataclass(frozen=True)
class _FeedItem:
    """What each format says of a brief, worked out once for the three."""

    entry: Entry
    url: str
    content: str  # HTML, as text: escaped again into the XML formats (see below)
    published: dt.datetime
    updated: dt.datetime
    tags: list[tuple[str, str]]  # (slug, title)

    @classmethod
    def of(cls, entry: Entry, vocabulary: Vocabulary, site_url: str) -> _FeedItem:
        tags = [(slug, vocabulary.tags[slug].title) for slug in entry.brief.tags]
        url = entry_url(site_url, entry)
        content = _as_text(content_html(entry))
        return cls(entry, url, content, _published(entry), _updated(entry), tags)


# The XML of RSS and Atom. Text is escaped by ``%`` (QuotedHtml: quotes too, so it may
# sit in an attribute's value); an item's content is HTML, given as text, so that it is
# escaped once more: Atom's content of type "html", RSS's content:encoded.
_RSS = QuotedHtml(
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    '<rss xmlns:atom="http://www.w3.org/2005/Atom"'
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">\n'
    "  <channel>\n"
    "    <title>%s</title>\n"
    "    <link>%s</link>\n"
    "    <description>%s</description>\n"
    '    <atom:link href="%s" rel="self"/>\n'
    "    <docs>https://www.rssboard.org/rss-specification</docs>\n"
    "    <generator>newsbrief</generator>\n"
    "    <language>en</language>\n"
    "    <lastBuildDate>%s</lastBuildDate>\n"
    "%s"
    "  </channel>\n"
    "</rss>\n"
)
_RSS_ITEM = QuotedHtml(
    "    <item>\n"
    "      <title>%s</title>\n"
    "      <link>%s</link>\n"
    "      <description>%s</description>\n"
    "      <content:encoded>%s</content:encoded>\n"
    '      <guid isPermaLink="true">%s</guid>\n'
    "%s"
    "      <pubDate>%s</pubDate>\n"
    "    </item>\n"
)
_RSS_CATEGORY = QuotedHtml("      <category>%s</category>\n")
_ATOM = QuotedHtml(
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
    "  <id>%s</id>\n"
    "  <title>%s</title>\n"
    "  <updated>%s</updated>\n"
    "  <author>\n"
    "    <name>%s</name>\n"
    "  </author>\n"
    '  <link href="%s" rel="self"/>\n'
    '  <link href="%s" rel="alternate"/>\n'
    "  <generator>newsbrief</generator>\n"
    "  <subtitle>%s</subtitle>\n"
    "%s"
    "</feed>\n"
)
_ATOM_ENTRY = QuotedHtml(
    "  <entry>\n"
    "    <id>%s</id>\n"
    "    <title>%s</title>\n"
    "    <updated>%s</updated>\n"
    '    <content type="html">%s</content>\n'
    '    <link href="%s" rel="alternate"/>\n'
    "%s"
    "    <published>%s</published>\n"
    "  </entry>\n"
)
_ATOM_CATEGORY = QuotedHtml('    <category term="%s" label="%s"/>\n')


def _rss(spec: FeedSpec, items: Sequence[_FeedItem]) -> str:
    self_url = spec.folder_url + FEED_FILES["RSS"]
    last = _rfc_822(_last_updated(items))
    entries = QuotedHtml().join(map(_rss_item, items))
    return _RSS % (spec.title, spec.home_url, spec.description, self_url, last, entries)


def _rss_item(item: _FeedItem) -> QuotedHtml:
    brief = item.entry.brief
    categories = QuotedHtml().join(_RSS_CATEGORY % title for _, title in item.tags)
    published = _rfc_822(item.published)
    return _RSS_ITEM % (
        brief.title,
        item.url,
        brief.synopsis,
        item.content,
        item.url,
        categories,
        published,
    )


def _atom(spec: FeedSpec, items: Sequence[_FeedItem]) -> str:
    self_url = spec.folder_url + FEED_FILES["Atom"]
    updated = _last_updated(items).isoformat()
    entries = QuotedHtml().join(map(_atom_entry, items))
    parts = (spec.home_url, spec.title, updated, spec.author, self_url, spec.home_url)
    return _ATOM % (*parts, spec.description, entries)


def _atom_entry(item: _FeedItem) -> QuotedHtml:
    categories = QuotedHtml().join(_ATOM_CATEGORY % tag for tag in item.tags)
    url, title = item.url, item.entry.brief.title
    dates = item.updated.isoformat(), item.published.isoformat()
    return _ATOM_ENTRY % (url, title, dates[0], item.content, url, categories, dates[1])


def _as_text(markup: QuotedHtml) -> str:
    """HTML as text, which ``%`` escapes again into an XML element (once a brief, for
    RSS and Atom alike)."""
    return str.__str__(markup)


def _rfc_822(moment: dt.datetime) -> str:
    """A date as RSS writes it, in English whatever the locale."""
    return email.utils.format_datetime(moment)


def _last_updated(items: Sequence[_FeedItem]) -> dt.datetime:
    return max((item.updated for item in items), default=_midnight(dt.date(1970, 1, 1)))


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)


def _published(entry: Entry) -> dt.datetime:
    return _midnight(entry.brief.date)


def _updated(entry: Entry) -> dt.datetime:
    """The brief's latest correction's date (the checker keeps them in date order), or,
    uncorrected, its own."""
    corrections = entry.brief.corrections
    return _midnight(corrections[-1].date) if corrections else _published(entry)


def content_html(entry: Entry) -> QuotedHtml:
    """The synopsis, the key takeaways and any corrections, as HTML for feed readers."""
    brief = entry.brief
    items = QuotedHtml().join(QuotedHtml("<li>%s</li>") % item for item in brief.takeaways)
    corrections = QuotedHtml().join(
        QuotedHtml("<p><strong>Correction, %s:</strong> %s</p>")
        % (format_date(correction.date), correction.text)
        for correction in brief.corrections
    )
    return QuotedHtml("<p>%s</p><ul>%s</ul>%s") % (brief.synopsis, items, corrections)


def _json_feed(spec: FeedSpec, items: Sequence[_FeedItem]) -> str:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "description": spec.description,
        "home_page_url": spec.home_url,
        "feed_url": spec.folder_url + FEED_FILES["JSON Feed"],
        "language": "en",
        "authors": [{"name": spec.author}],
        "items": [
            {
                "id": item.url,
                "url": item.url,
                "title": item.entry.brief.title,
                "summary": item.entry.brief.synopsis,
                "content_html": item.content,
                "date_published": item.published.isoformat(),
                "date_modified": item.updated.isoformat(),
                "tags": [title for _, title in item.tags],
            }
            for item in items
        ],
    }
    # Without indent, json uses its C encoder: there are thousands of feeds.
    return json.dumps(document, ensure_ascii=False) + "\n"
