"""Feeds: what feed readers see, parsed back with feedparser."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import feedparser
import pytest

from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import Archive, entity_addresses, load_archive
from newsbrief.archive.schema import Correction
from newsbrief.site.calls import call_directly
from newsbrief.site.entity_pages import index_entities, sorted_entities
from newsbrief.site.feeds import (
    TAG_LIMIT,
    FeedSpec,
    corrected_newest_first,
    entity_feeds,
    entry_url,
    feed_paths,
    render_feeds,
    rendered_feeds,
    site_feeds,
)

SITE = "https://news.example.org/"


@pytest.fixture
def archive(archive_root):
    root = archive_root(
        {
            "2025/05/04-kim-tank-factory.md": "valid",
            "2025/06/10-exports.md": "economy",
        }
    )
    return load_archive(root)


def feeds_of(archive, entries=None):
    spec = FeedSpec("newsbrief", "News briefs.", SITE, SITE, "newsbrief")
    return render_feeds(
        spec, archive.entries if entries is None else entries, archive.vocabulary, SITE
    )


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_xml_feeds_carry_every_part_of_an_entry(archive, name: str) -> None:
    parsed = feedparser.parse(feeds_of(archive)[name])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "newsbrief"
    first, second = parsed.entries
    assert first.title == "South Korea's exports rise for a third month on chip demand"
    assert first.link == SITE + "2025/06/10/exports/"
    assert first.published_parsed[:3] == (2025, 6, 10)
    titles = ["South Korea", "Economy", "East Asia"]
    if name == "atom.xml":  # Atom categories carry the slug as term and the title as label
        assert [(tag.term, tag.label) for tag in first.tags] == list(
            zip(["south-korea", "economy", "east-asia"], titles, strict=True)
        )
    else:
        assert [tag.term for tag in first.tags] == titles
    content = first.content[0].value if "content" in first else first.summary
    assert "Semiconductors led the growth." in content
    assert second.link == SITE + "2025/05/04/kim-tank-factory/"


def test_json_feed_follows_version_1_1(archive) -> None:
    document = json.loads(feeds_of(archive)["feed.json"])
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == SITE + "feed.json"
    assert [item["url"] for item in document["items"]] == [
        SITE + "2025/06/10/exports/",
        SITE + "2025/05/04/kim-tank-factory/",
    ]
    assert document["items"][1]["tags"] == ["North Korea", "Military"]
    assert document["items"][1]["date_published"] == "2025-05-04T00:00:00+00:00"


def test_rss_and_atom_name_themselves(archive) -> None:
    feeds = feeds_of(archive)
    assert f'<atom:link href="{SITE}feed.xml" rel="self"/>' in feeds["feed.xml"]
    assert f'<link href="{SITE}atom.xml" rel="self"/>' in feeds["atom.xml"]


def test_an_empty_feed_is_still_valid(archive) -> None:
    parsed = feedparser.parse(feeds_of(archive, entries=[])["atom.xml"])
    assert not parsed.bozo and parsed.entries == []


def test_entry_url_of_a_brief(archive) -> None:
    assert entry_url("https://x.org", archive.entries[0]) == "https://x.org/2025/06/10/exports/"


def corrected(entry: Entry, *days: str) -> Entry:
    """``entry`` with a correction made on each of ``days``."""
    corrections = [Correction(date=dt.date.fromisoformat(day), text="Fixed.") for day in days]
    return dataclasses.replace(
        entry, brief=dataclasses.replace(entry.brief, corrections=corrections)
    )


@pytest.fixture
def corrected_archive(archive_root):
    root = archive_root(
        {"2025/05/04-kim-tank-factory.md": "corrected", "2025/06/10-exports.md": "economy"}
    )
    return load_archive(root)


def test_a_corrected_entry_is_updated_on_its_latest_correction(corrected_archive) -> None:
    parsed = feedparser.parse(feeds_of(corrected_archive)["atom.xml"])
    assert not parsed.bozo, parsed.get("bozo_exception")
    exports, kim = parsed.entries
    assert kim.published_parsed[:3] == (2025, 5, 4)
    assert kim.updated_parsed[:3] == (2025, 5, 9)
    assert exports.updated_parsed[:3] == (2025, 6, 10)
    assert parsed.feed.updated_parsed[:3] == (2025, 6, 10)
    items = json.loads(feeds_of(corrected_archive)["feed.json"])["items"]
    assert items[1]["date_published"] == "2025-05-04T00:00:00+00:00"
    assert items[1]["date_modified"] == "2025-05-09T00:00:00+00:00"
    assert items[0]["date_modified"] == items[0]["date_published"]


def test_corrections_reach_feed_readers_escaped(corrected_archive) -> None:
    content = json.loads(feeds_of(corrected_archive)["feed.json"])["items"][1]["content_html"]
    assert "<p><strong>Correction, 6 May 2025:</strong> An earlier version" in content
    assert "&lt;img src=x onerror=alert(1)&gt; was not in the source &amp; is gone." in content
    assert "<img" not in content


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_markup_in_a_brief_reaches_xml_feeds_as_text(corrected_archive, name: str) -> None:
    parsed = feedparser.parse(feeds_of(corrected_archive)[name])
    assert not parsed.bozo, parsed.get("bozo_exception")
    content = parsed.entries[1].content[0]
    assert content.type == "text/html"  # Atom's content is HTML, escaped into the XML
    assert "&lt;img src=x onerror=alert(1)&gt; was not in the source &amp; is gone." in (
        content.value
    )
    assert "<img" not in content.value


def test_an_atom_feed_names_its_author_and_itself(archive) -> None:
    parsed = feedparser.parse(feeds_of(archive)["atom.xml"])
    assert parsed.feed.author == "newsbrief"  # Atom requires one
    assert parsed.feed.id == SITE
    assert [link.rel for link in parsed.entries[0].links] == ["alternate"]


def test_corrected_briefs_are_listed_latest_corrected_first(archive) -> None:
    exports, kim = archive.entries
    entries = [corrected(exports, "2025-06-11"), corrected(kim, "2025-05-05", "2025-07-01")]
    assert [entry.slug for entry in corrected_newest_first(entries)] == [
        "kim-tank-factory",
        "exports",
    ]
    assert corrected_newest_first(archive.entries) == []


def test_the_corrections_feeds_sit_in_their_folder(corrected_archive) -> None:
    feeds = dict(
        rendered_feeds(
            site_feeds("newsbrief", "News briefs.", SITE, corrected_archive), call_directly
        )
    )
    parsed = feedparser.parse(feeds["corrections/atom.xml"])
    assert parsed.feed.title == "newsbrief: Corrections"
    assert [entry.link for entry in parsed.entries] == [SITE + "2025/05/04/kim-tank-factory/"]
    document = json.loads(feeds["corrections/feed.json"])
    assert document["feed_url"] == SITE + "corrections/feed.json"
    assert "corrections/feed.xml" in feeds


def test_each_followed_story_has_feeds_in_its_folder(archive) -> None:
    (story_entry, other) = archive.entries
    brief = dataclasses.replace(story_entry.brief, story="korean-trade")
    followed = Archive(archive.vocabulary, [dataclasses.replace(story_entry, brief=brief), other])
    feeds = dict(
        rendered_feeds(site_feeds("newsbrief", "News briefs.", SITE, followed), call_directly)
    )
    parsed = feedparser.parse(feeds["stories/korean-trade/atom.xml"])
    assert parsed.feed.title == "newsbrief: Korean trade"
    assert [entry.link for entry in parsed.entries] == [SITE + story_entry.src_uri[:-3] + "/"]
    document = json.loads(feeds["stories/korean-trade/feed.json"])
    assert document["feed_url"] == SITE + "stories/korean-trade/feed.json"
    assert "stories/korean-trade/feed.xml" in feeds
    # a story no brief follows has no feeds
    assert not any(path.startswith("stories/north-korea-military") for path in feeds)


def test_only_tags_in_use_have_feeds(archive) -> None:
    feeds = dict(
        rendered_feeds(site_feeds("newsbrief", "News briefs.", SITE, archive), call_directly)
    )
    tags = {path.split("/")[1] for path in feeds if path.startswith("tags/")}
    assert tags == {"north-korea", "military", "south-korea", "economy", "east-asia"}
    assert "russia-ukraine-war" in archive.vocabulary.tags  # in the vocabulary, unused


def named_of(entries):
    return sorted_entities(index_entities(entries, entity_addresses(entries)))


def test_every_name_has_feeds_in_its_page_folder(archive) -> None:
    calls = entity_feeds("newsbrief", SITE, named_of(archive.entries), archive.vocabulary)
    feeds = dict(rendered_feeds(calls, call_directly))
    folders = {path.rpartition("/")[0] + "/" for path in feeds}
    addresses = entity_addresses(archive.entries)
    assert folders == {  # every name a brief lists or quotes
        addresses.uri(kind, name).removesuffix(".md") + "/"
        for entry in archive.entries
        for kind, names in entry.brief.named().items()
        for name in names
    }
    assert {"people/yang-moo-jin/feed.xml", "places/south-korea/atom.xml"} <= set(feeds)
    parsed = feedparser.parse(feeds["places/south-korea/atom.xml"])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "newsbrief: South Korea"
    assert parsed.feed.subtitle == "Briefs that name South Korea."
    assert [entry.link for entry in parsed.entries] == [SITE + "2025/06/10/exports/"]
    document = json.loads(feeds["people/yang-moo-jin/feed.json"])
    assert document["feed_url"] == SITE + "people/yang-moo-jin/feed.json"
    assert document["home_page_url"] == SITE + "people/yang-moo-jin/"


def test_a_name_that_shares_a_slug_has_feeds_at_its_own_address(archive) -> None:
    kim = archive.entries[1]
    spelled = dataclasses.replace(kim.brief, people=["Kim Jong Un"], commentary=[], quotes=[])
    entries = [dataclasses.replace(kim, slug="later", brief=spelled), kim]  # newest first
    addresses = entity_addresses(entries)
    own = addresses.uri("people", "Kim Jong Un").removesuffix(".md")
    assert own.startswith("people/kim-jong-un-")
    feeds = dict(
        rendered_feeds(
            entity_feeds("newsbrief", SITE, named_of(entries), archive.vocabulary), call_directly
        )
    )
    assert f"{own}/feed.xml" in feeds and "people/kim-jong-un/feed.xml" in feeds
    assert feedparser.parse(feeds[f"{own}/feed.xml"]).feed.title == "newsbrief: Kim Jong Un"


def test_entity_feeds_carry_the_newest_briefs_only(archive) -> None:
    (kim,) = [entry for entry in archive.entries if entry.slug == "kim-tank-factory"]
    many = [
        dataclasses.replace(kim, slug=f"brief-{n}", brief=dataclasses.replace(kim.brief, date=day))
        for n, day in enumerate(dt.date(2025, 5, 30) - dt.timedelta(days=n) for n in range(30))
    ]
    feeds = dict(
        rendered_feeds(
            entity_feeds("newsbrief", SITE, named_of(many), archive.vocabulary), call_directly
        )
    )
    items = json.loads(feeds["people/yang-moo-jin/feed.json"])["items"]
    assert len(items) == TAG_LIMIT < len(many)
    assert items[0]["url"] == SITE + "2025/05/30/brief-0/"


def test_a_folder_s_feed_paths_are_the_files_its_call_renders(archive) -> None:
    for folder, render in site_feeds("newsbrief", "News briefs.", SITE, archive):
        assert [folder + name for name in render()] == feed_paths(folder)
