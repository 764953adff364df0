"""Feeds of the newest briefs: RSS 2.0 and Atom through feedgen, and JSON Feed 1.1.

Each entry carries the brief's title, date, synopsis, takeaways, corrections, tags and
address; a corrected brief's entry is updated on its latest correction's date. Besides
the whole archive's feeds and each used tag's, the corrections feeds list the corrected
briefs, the latest corrected first, and every person, organisation and place has feeds
of the briefs that name it (:func:`entity_feeds`). Feed addresses must be absolute, so
feeds need the site's ``site_url``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from feedgen.feed import FeedGenerator

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
    """One feed's identity: its title, description, home page and folder in the site."""

    title: str
    description: str
    home_url: str
    folder_url: str  # the absolute URL the feed files sit under, ending in "/"


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
    specs = [("", FeedSpec(site_name, site_description or "", site_url, site_url), archive.entries)]
    vocabulary = archive.vocabulary
    for slug, entries in archive.tags_in_use().items():
        tag = vocabulary.tags[slug]
        feeds = _beside(tag_uri(slug), f"{site_name}: {tag.title}", tag.description, site_url)
        specs.append((*feeds, entries))
    for slug, entries in archive.by_story().items():
        story = vocabulary.stories[slug]
        title = f"{site_name}: {story.title}"
        specs.append((*_beside(story_uri(slug), title, story.description, site_url), entries))
    folder = site_url + CORRECTIONS_FEEDS
    spec = FeedSpec(f"{site_name}: Corrections", CORRECTIONS_DESCRIPTION, folder, folder)
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
    title = f"{site_name}: {item.name}"
    folder, spec = _beside(item.uri, title, description(item.name), site_url)
    newest = item.entries[:TAG_LIMIT]
    return (
        folder,
        functools.partial(render_feeds, spec, newest, vocabulary, site_url, TAG_LIMIT),
    )


def _beside(page_uri: str, title: str, description: str, site_url: str) -> tuple[str, FeedSpec]:
    """The folder of the feeds of the page at ``page_uri``, beside it, and what they are."""
    folder = feeds_folder(page_uri)
    return folder, FeedSpec(title, description, site_url + folder, site_url + folder)


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
    newest = list(entries[:limit])
    generator = FeedGenerator()
    generator.id(spec.home_url)
    generator.title(spec.title)
    generator.description(spec.description)
    generator.subtitle(spec.description)
    generator.language("en")
    generator.updated(max(map(_updated, newest), default=_midnight(dt.date(1970, 1, 1))))
    contents = [content_html(entry) for entry in newest]  # once for both formats that carry it
    for entry, content in reversed(list(zip(newest, contents, strict=True))):
        _add(generator, entry, content, vocabulary, site_url)  # feedgen lists the last added first
    documents = {}
    for name, render in (
        (FEED_FILES["RSS"], generator.rss_str),
        (FEED_FILES["Atom"], generator.atom_str),
    ):
        links = [{"href": spec.folder_url + name, "rel": "self"}]
        generator.link([*links, {"href": spec.home_url, "rel": "alternate"}], replace=True)
        documents[name] = render(pretty=True).decode("utf-8")
    documents[FEED_FILES["JSON Feed"]] = _json_feed(spec, newest, contents, vocabulary, site_url)
    return documents


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


def _add(
    generator: FeedGenerator,
    entry: Entry,
    content: QuotedHtml,
    vocabulary: Vocabulary,
    site_url: str,
) -> None:
    url = entry_url(site_url, entry)
    item = generator.add_entry()
    item.id(url)
    item.guid(url, permalink=True)
    item.title(entry.brief.title)
    item.link(href=url)
    item.published(_published(entry))
    item.updated(_updated(entry))
    item.description(entry.brief.synopsis)
    item.content(content, type="CDATA")
    for slug in entry.brief.tags:
        item.category(term=slug, label=vocabulary.tags[slug].title)


def _json_feed(
    spec: FeedSpec,
    entries: Sequence[Entry],
    contents: Sequence[QuotedHtml],
    vocabulary: Vocabulary,
    site_url: str,
) -> str:
    items = [
        {
            "id": entry_url(site_url, entry),
            "url": entry_url(site_url, entry),
            "title": entry.brief.title,
            "summary": entry.brief.synopsis,
            "content_html": content,
            "date_published": _published(entry).isoformat(),
            "date_modified": _updated(entry).isoformat(),
            "tags": [vocabulary.tags[slug].title for slug in entry.brief.tags],
        }
        for entry, content in zip(entries, contents, strict=True)
    ]
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "description": spec.description,
        "home_page_url": spec.home_url,
        "feed_url": spec.folder_url + FEED_FILES["JSON Feed"],
        "language": "en",
        "items": items,
    }
    # Without indent, json uses its C encoder: there are thousands of feeds.
    return json.dumps(document, ensure_ascii=False) + "\n"
