"""Listing pages: tags and the archive, paginated at 100 briefs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from newsbrief.archive import load_archive
from newsbrief.briefs import Entry
from newsbrief.listing import (
    PAGE_SIZE,
    TAGS_A_TO_Z,
    TAGS_INDEX,
    archive_pages,
    page_uris,
    tag_indexes,
    tag_pages,
)


@pytest.fixture
def many(archive_root) -> list[Entry]:
    """250 briefs, one a day from 1 January 2025 backwards, newest first."""
    (entry,) = load_archive(archive_root({"2025/05/04-kim-tank-factory.md": "valid"})).entries
    first = dt.date(2025, 1, 1)
    return [
        dataclasses.replace(
            entry,
            slug=f"brief-{n}",
            brief=dataclasses.replace(entry.brief, date=first - dt.timedelta(days=n)),
        )
        for n in range(250)
    ]


def test_page_paths() -> None:
    assert page_uris("tags/military.md", 3) == [
        "tags/military.md",
        "tags/military/page/2.md",
        "tags/military/page/3.md",
    ]
    assert page_uris("archive/2025/05/index.md", 2)[1] == "archive/2025/05/page/2.md"


def test_tag_pages_hold_at_most_a_hundred_briefs_and_link_each_other(many, archive_root) -> None:
    vocabulary = load_archive(archive_root({})).vocabulary
    pages = tag_pages("military", vocabulary.tags["military"], many)
    assert list(pages) == page_uris("tags/military.md", 3)
    counts = [text.count("<li>") for text in pages.values()]
    assert counts == [PAGE_SIZE, PAGE_SIZE, 50]
    second = pages["tags/military/page/2.md"]
    assert "Page 2 of 3 · [← Newer](../../military.md) · [Older →](3.md)" in second
    assert "feed_title: Military" in pages["tags/military.md"] and "feed_title" not in second


def test_archive_by_year_and_month(many) -> None:
    pages = archive_pages(many)
    index = pages["archive/index.md"]
    assert re.findall(r"## \[(\d{4})\]", index) == ["2025", "2024"]
    assert "- [January 2025](2025/01/index.md) (1)" in index
    assert "- [December 2024](2024/12/index.md) (31)" in index
    assert (
        "1 briefs" in pages["archive/2025/index.md"] or "1 brief" in pages["archive/2025/index.md"]
    )
    december = pages["archive/2024/12/index.md"]
    assert december.count("<li>") == 31
    assert "[2024](../index.md) · [All years](../../index.md)" in december


def test_empty_archive_says_so() -> None:
    assert "No briefs are published yet." in archive_pages([])["archive/index.md"]


def test_tag_index_orders_tags_by_use_within_each_kind(archive_root) -> None:
    archive = load_archive(archive_root({"2025/05/04-kim-tank-factory.md": "valid"}))
    index = tag_indexes(archive.vocabulary, archive.by_tag())[TAGS_INDEX]
    assert "2 of 6 tags are in use." in index
    countries = index[index.index("## Countries") : index.index("## Topics")]
    assert countries.index("North Korea") < countries.index("South Korea")
    assert "| [North Korea](north-korea.md) | 1 |" in countries
    assert "| [South Korea](south-korea.md) | 0 |" in countries


def test_tag_index_a_to_z_is_the_readers_other_choice(archive_root) -> None:
    archive = load_archive(archive_root({"2025/05/04-kim-tank-factory.md": "valid"}))
    indexes = tag_indexes(archive.vocabulary, archive.by_tag())
    assert "Order: by briefs · [A to Z](a-z.md)" in indexes[TAGS_INDEX]
    a_to_z = indexes[TAGS_A_TO_Z]
    assert "Order: [by briefs](index.md) · A to Z" in a_to_z
    titles = re.findall(r"^\| \[([^\]]+)\]", a_to_z, flags=re.MULTILINE)
    assert titles == sorted(titles, key=str.casefold) and len(titles) == 6
