"""``/feeds/``: the archive's feeds, group by group, with what each carries, and the same
feeds as an OPML file (``/feeds/feeds.opml``) that feed readers import in one go.

The page and the file are made from one list of :class:`FeedGroup` (the whole archive
and its corrections, the tags, the stories, the people, organisations and places): a
new kind of feed is one more group. Every person, organisation and place has feeds,
thousands of them in a large archive, so their groups list the most named only and link
to the index of all (each page there has its feeds); the stories, hundreds of them, list
those with the latest briefs and link to the stories' index. The page stays the same
size however large the archive grows.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.archive.addresses import (
    CORRECTIONS,
    CORRECTIONS_FEEDS,
    FEED_FILES,
    FEEDS,
    FEEDS_OPML,
    HOME,
    STORIES_INDEX,
    absolute_url,
    entity_index_uri,
    feeds_folder,
    story_uri,
    tag_uri,
)
from newsbrief.archive.collection import Archive
from newsbrief.site.brief_page import ENTITY_HEADINGS, feed_links
from newsbrief.site.content import PageContent, link, paragraph, table
from newsbrief.site.entity_pages import Named
from newsbrief.site.feeds import LIMIT, TAG_LIMIT
from newsbrief.site.markup import Html

MOST_NAMED = 20  # of each kind of entity on the page and in the OPML file
LATEST_STORIES = 20  # the stories with the latest briefs, on the page and in the OPML file


@dataclass(frozen=True)
class Followed:
    """A page with feeds of its own: its title, its page, its feeds' folder (``""`` for
    the site's root) and how many briefs it lists."""

    title: str
    page_uri: str
    folder: str
    briefs: int


@dataclass(frozen=True)
class FeedGroup:
    """Feeds of one kind, with what they carry (``description``), and optionally a page
    that lists more of them (``more``: its source path and link text)."""

    heading: str
    description: str
    feeds: Sequence[Followed]
    more: tuple[str, str] | None = None


def feed_groups(archive: Archive, named: dict[str, list[Named]]) -> list[FeedGroup]:
    """The archive's feeds: the whole archive and its corrections, every tag in use (A to
    Z), the ``LATEST_STORIES`` stories with the latest briefs (latest first), then the
    ``MOST_NAMED`` people, organisations and places named most (``named`` as
    :func:`newsbrief.site.entity_pages.sorted_entities` gives them)."""
    groups = [_archive_group(archive), _tag_group(archive), _story_group(archive)]
    return groups + [_most_named(kind, items) for kind, items in named.items()]


def _archive_group(archive: Archive) -> FeedGroup:
    corrected = len(archive.corrected())
    return FeedGroup(
        "The archive",
        f"The newest {LIMIT} briefs of the whole archive, and the latest corrected briefs "
        "with their corrections.",
        [
            Followed("Every brief", HOME, "", len(archive.entries)),
            Followed("Corrections", CORRECTIONS, CORRECTIONS_FEEDS, corrected),
        ],
    )


def _tag_group(archive: Archive) -> FeedGroup:
    tags, in_use = archive.vocabulary.tags, archive.tags_in_use()
    return FeedGroup(
        "Tags",
        f"Each tag's newest {TAG_LIMIT} briefs.",
        [
            Followed(tags[slug].title, tag_uri(slug), feeds_folder(tag_uri(slug)), len(entries))
            for slug, entries in sorted(in_use.items(), key=lambda i: tags[i[0]].title.casefold())
        ],
    )


def _story_group(archive: Archive) -> FeedGroup:
    stories, followed = archive.vocabulary.stories, archive.by_story()
    latest = list(followed.items())[:LATEST_STORIES]  # by_story: the latest brief's first
    return FeedGroup(
        "Stories",
        f"Each developing story's newest {TAG_LIMIT} briefs.",
        [
            Followed(
                stories[slug].title, story_uri(slug), feeds_folder(story_uri(slug)), len(entries)
            )
            for slug, entries in latest
        ],
        (STORIES_INDEX, f"All stories ({len(followed)}), each with its feeds")
        if len(followed) > len(latest)
        else None,
    )


def _most_named(kind: str, items: Sequence[Named]) -> FeedGroup:
    heading = ENTITY_HEADINGS[kind]
    most = sorted(items, key=lambda item: -len(item.entries))[:MOST_NAMED]  # stable: A to Z
    description = (
        f"Each of the {heading.lower()} named in the briefs has feeds of the newest "
        f"{TAG_LIMIT} briefs that name it, linked from its page."
    )
    if most:
        description += f" The {len(most)} named most often:"
    return FeedGroup(
        heading,
        description,
        [Followed(i.name, i.uri, feeds_folder(i.uri), len(i.entries)) for i in most],
        (entity_index_uri(kind), f"All {heading.lower()} ({len(items)}), each with its feeds"),
    )


def feeds_page(groups: Sequence[FeedGroup]) -> dict[str, PageContent]:
    """``/feeds/``: each group's feeds with their pages, brief counts and formats."""
    page = PageContent.start(
        "Feeds", "Follow the archive, a tag, a story, a person, an organisation or a place."
    )
    page.add(
        paragraph(
            "Each feed comes in three formats: RSS, Atom and JSON Feed; a feed reader takes "
            "any of them. Feeds list the newest briefs first, each with its synopsis, key "
            "takeaways and corrections."
        ),
        paragraph(
            Html("%s: every feed below in one file, to import into a feed reader.")
            % link(FEEDS, FEEDS_OPML, "OPML file")
        ),
    )
    for group in groups:
        page.heading(2, group.heading)
        rows = [
            (
                link(FEEDS, item.page_uri, item.title),
                str(item.briefs),
                feed_links(FEEDS, item.folder),
            )
            for item in group.feeds
        ]
        page.add(
            paragraph(group.description),
            table(("Page", "Briefs", "Feeds"), rows, numeric=(1,))
            if rows
            else paragraph("None yet."),
        )
        if group.more is not None:
            page.add(paragraph(link(FEEDS, *group.more)))
    return {FEEDS: page}


def feeds_opml(site_name: str, site_url: str, groups: Sequence[FeedGroup]) -> str:
    """The OPML 2.0 file of every feed ``groups`` list: an outline per group, and in it one
    per feed (its RSS address, and its page's), every address absolute."""
    opml = ET.Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = f"{site_name}: feeds"
    body = ET.SubElement(opml, "body")
    for group in groups:
        outline = ET.SubElement(body, "outline", text=group.heading, title=group.heading)
        for item in group.feeds:
            title = f"{site_name}: {item.title}"
            ET.SubElement(
                outline,
                "outline",
                type="rss",
                text=title,
                title=title,
                xmlUrl=absolute_url(site_url, HOME) + item.folder + FEED_FILES["RSS"],
                htmlUrl=absolute_url(site_url, item.page_uri),
            )
    ET.indent(opml)
    return ET.tostring(opml, encoding="unicode", xml_declaration=True) + "\n"
