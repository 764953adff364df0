"""Feeds: what feed readers see, parsed back with feedparser."""

from __future__ import annotations

import json

import feedparser
import pytest

from newsbrief.archive.collection import load_archive
from newsbrief.site.feeds import FeedSpec, entry_url, render_feeds

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
    spec = FeedSpec("newsbrief", "News briefs.", SITE, SITE)
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
