"""``/feeds/`` and its OPML file, made from the feed groups of a small archive."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from newsbrief.archive.addresses import FEEDS
from newsbrief.archive.collection import Archive, entity_addresses, load_archive
from newsbrief.site.entity_pages import Named, index_entities, sorted_entities
from newsbrief.site.feeds_page import (
    MOST_NAMED,
    FeedGroup,
    Followed,
    feed_groups,
    feeds_opml,
    feeds_page,
)

SITE = "https://news.example.org/"


@pytest.fixture
def groups(archive_root) -> list[FeedGroup]:
    archive = load_archive(
        archive_root({"2025/05/04-kim.md": "valid", "2025/06/11-markup.md": "evil-title"})
    )
    named = sorted_entities(index_entities(archive.entries, entity_addresses(archive.entries)))
    return feed_groups(archive, named)


def test_groups_carry_the_archive_the_tags_in_use_and_the_names(groups) -> None:
    assert [group.heading for group in groups] == [
        "The archive",
        "Tags",
        "Stories",
        "People",
        "Organisations",
        "Places",
    ]
    archive, tags, stories, people = groups[:4]
    assert stories.feeds == []  # no brief follows a story
    assert archive.feeds == [
        Followed("Every brief", "index.md", "", 2),
        Followed("Corrections", "corrections/index.md", "corrections/", 0),
    ]
    assert [(tag.title, tag.folder, tag.briefs) for tag in tags.feeds] == [
        ("East Asia", "tags/east-asia/", 1),  # A to Z, in use only
        ("Military", "tags/military/", 1),
        ("North Korea", "tags/north-korea/", 1),
    ]
    yang = next(item for item in people.feeds if item.title == "Yang Moo-jin")
    assert (yang.page_uri, yang.folder) == ("people/yang-moo-jin.md", "people/yang-moo-jin/")
    assert people.more == ("people/index.md", "All people (5), each with its feeds")


def test_each_followed_story_has_its_feeds_in_the_stories_group(archive_root) -> None:
    archive = load_archive(archive_root({"2025/05/04-kim.md": "valid"}))
    (kim,) = archive.entries
    story = dataclasses.replace(kim.brief, story="north-korea-military-modernization")
    followed = Archive(archive.vocabulary, [dataclasses.replace(kim, brief=story)])
    groups = feed_groups(followed, {})
    (stories,) = [group for group in groups if group.heading == "Stories"]
    assert stories.feeds == [
        Followed(
            "North Korea's military modernisation",
            "stories/north-korea-military-modernization.md",
            "stories/north-korea-military-modernization/",
            1,
        )
    ]


def test_only_the_stories_with_the_latest_briefs_are_listed(archive_root) -> None:
    """The page stays the same size as stories grow in number: the 20 with the latest
    briefs, and a link to the stories' index, which lists all with their feeds."""
    archive = load_archive(archive_root({"2025/05/04-kim.md": "valid"}))
    (kim,) = archive.entries
    story = archive.vocabulary.stories["north-korea-military-modernization"]
    stories = {f"story-{n:02}": story for n in range(30)}
    vocabulary = dataclasses.replace(archive.vocabulary, stories=stories)
    entries = [  # story-29's brief the latest
        dataclasses.replace(
            kim,
            slug=f"kim-{n}",
            brief=dataclasses.replace(
                kim.brief, story=f"story-{n:02}", date=kim.brief.date + dt.timedelta(days=n)
            ),
        )
        for n in reversed(range(30))
    ]
    (group,) = [g for g in feed_groups(Archive(vocabulary, entries), {}) if g.heading == "Stories"]
    assert [followed.page_uri for followed in group.feeds] == [
        f"stories/story-{n:02}.md" for n in reversed(range(10, 30))
    ]
    assert group.more == ("stories/index.md", "All stories (30), each with its feeds")


def test_only_the_most_named_are_listed_the_most_first(archive_root) -> None:
    archive = load_archive(archive_root({"2025/05/04-kim.md": "valid"}))
    (entry,) = archive.entries
    people = [  # A to Z, the later named in more briefs
        Named(f"Person {n:02}", f"people/person-{n:02}.md", [entry] * n) for n in range(30)
    ]
    (names,) = feed_groups(archive, {"people": people})[3:]
    counts = [item.briefs for item in names.feeds]
    assert len(counts) == MOST_NAMED and counts == list(range(29, 29 - MOST_NAMED, -1))
    assert names.more == ("people/index.md", "All people (30), each with its feeds")


def test_page_lists_each_feed_with_its_page_and_formats(groups) -> None:
    ((uri, page),) = feeds_page(groups).items()
    html = str(page.html)
    assert uri == FEEDS and page.meta["title"] == "Feeds"
    assert '<a href="feeds.opml">OPML file</a>' in html
    assert [h.split('"')[1] for h in html.split("<h2 id=")[1:]] == [
        "the-archive",
        "tags",
        "stories",
        "people",
        "organisations",
        "places",
    ]
    assert (
        '<td><a href="../tags/military/">Military</a></td>\n'
        '<td style="text-align: right;">1</td>\n'
        '<td>Follow: <a href="../tags/military/feed.xml">RSS</a> · '
        '<a href="../tags/military/atom.xml">Atom</a> · '
        '<a href="../tags/military/feed.json">JSON Feed</a></td>'
    ) in html
    assert '<a href="../feed.xml">RSS</a>' in html  # the whole archive's, at the root
    assert '<a href="../people/">All people (5), each with its feeds</a>' in html
    assert "&lt;img src=x onerror=alert(8)&gt;" in html and "<img" not in html


def test_a_further_group_is_one_more_item(groups) -> None:
    story = FeedGroup(
        "Stories", "Each story's briefs.", [Followed("A story", "stories/a.md", "stories/a/", 2)]
    )
    html = str(feeds_page([*groups, story])[FEEDS].html)
    assert '<h2 id="stories">' in html and '<a href="../stories/a/feed.xml">RSS</a>' in html
    opml = ET.fromstring(feeds_opml("newsbrief", SITE, [*groups, story]))
    assert opml.find("body/outline[@text='Stories']/outline").get("xmlUrl") == (
        SITE + "stories/a/feed.xml"
    )


def test_opml_is_opml_2_with_absolute_addresses_and_escaped_names(groups) -> None:
    text = feeds_opml("news & briefs", SITE.rstrip("/"), groups)
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n<opml version=\"2.0\">")
    assert "&lt;img src=x onerror=alert(8)&gt;" in text and "<img" not in text
    opml = ET.fromstring(text)
    assert opml.findtext("head/title") == "news & briefs: feeds"
    outlines = opml.findall("body/outline")
    assert [o.get("text") for o in outlines] == [group.heading for group in groups]
    every, corrections = outlines[0]
    assert every.attrib == {
        "type": "rss",
        "text": "news & briefs: Every brief",
        "title": "news & briefs: Every brief",
        "xmlUrl": SITE + "feed.xml",
        "htmlUrl": SITE,
    }
    assert corrections.get("xmlUrl") == SITE + "corrections/feed.xml"
    assert corrections.get("htmlUrl") == SITE + "corrections/"
    for group, outline in zip(groups, outlines, strict=True):
        assert len(outline) == len(group.feeds)
    people = {o.get("title"): o.get("xmlUrl") for o in outlines[3]}
    assert people["news & briefs: <img src=x onerror=alert(8)>"] == (
        SITE + "people/img-src-x-onerror-alert-8/feed.xml"
    )


def test_a_group_without_more_has_no_trailing_link(groups) -> None:
    plain = dataclasses.replace(groups[0], heading="Only")
    assert "All " not in str(feeds_page([plain])[FEEDS].html)


def test_an_archive_without_briefs_says_so_in_each_group(archive_root) -> None:
    archive = load_archive(archive_root({}))
    groups = feed_groups(archive, {kind: [] for kind in ("people", "organizations", "places")})
    html = str(feeds_page(groups)[FEEDS].html)
    assert html.count("<p>None yet.</p>") == 5  # tags, stories, people, organisations, places
    assert "most often" not in html
    assert [len(outline) for outline in ET.fromstring(feeds_opml("n", SITE, groups))[1]] == [
        2, 0, 0, 0, 0, 0,
    ]  # fmt: skip
