"""Listing pages: tags and the archive, paginated at 100 briefs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from newsbrief.archive.addresses import CORRECTIONS, TAGS_A_TO_Z, TAGS_INDEX, page_uris
from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import load_archive
from newsbrief.archive.schema import Correction
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.site.listings import (
    OLDER_PAGE_SIZE,
    PAGE_SIZE,
    archive_pages,
    corrections_newest_first,
    corrections_pages,
    paginated,
    tag_counts,
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


def test_tag_pages_hold_fewer_than_a_hundred_briefs_and_link_each_other(many, archive_root) -> None:
    vocabulary = load_archive(archive_root({})).vocabulary
    pages = tag_pages("military", vocabulary.tags["military"], many)
    older = [f"tags/military/page/{number}.md" for number in (4, 3, 2, 1)]  # 1: the oldest
    assert list(pages) == ["tags/military.md", *older]
    counts = [page.html.count("<li>") for page in pages.values()]
    assert counts == [OLDER_PAGE_SIZE] * 5
    assert '<p class="nb-pager"><a href="../../">← Newer</a> · <a href="../3/">Older →</a></p>' in (
        pages["tags/military/page/4.md"].html
    )
    assert many[-1].slug in pages["tags/military/page/1.md"].html
    assert pages["tags/military.md"].meta["feed_title"] == "Military"
    assert "feed_title" not in pages[older[0]].meta
    assert "250 briefs" in pages["tags/military.md"].html
    assert "250 briefs" not in pages[older[0]].html  # an older page stays as it was


@pytest.mark.parametrize("count", [1, 49, 50, 99, 100, 101, 149, 150, 249])
def test_a_newer_brief_changes_a_listing_s_first_page_only(many, archive_root, count) -> None:
    """Every older page keeps its briefs, its address and its bytes, but the one whose
    newer neighbour becomes a new page; the first page holds 50 to 99 briefs (all of
    fewer)."""
    tag = load_archive(archive_root({})).vocabulary.tags["military"]
    before = tag_pages("military", tag, many[1 : count + 1])
    after = tag_pages("military", tag, many[: count + 1])
    assert (
        min(count + 1, OLDER_PAGE_SIZE) <= after["tags/military.md"].html.count("<li>") < PAGE_SIZE
    )
    changed = {uri for uri, page in after.items() if uri not in before or before[uri] != page}
    expected = {"tags/military.md"}
    if len(after) > len(before):  # a new older page, and the one before it links to it
        older = len(after) - 1
        expected |= {f"tags/military/page/{number}.md" for number in (older, older - 1) if number}
    assert changed == expected
    assert before.keys() <= after.keys()


def test_other_listings_number_their_pages_from_the_first() -> None:
    pages = paginated("people/index.md", list(range(450)), size=200)
    assert [uri for uri, _, _ in pages] == page_uris("people/index.md", 3)
    assert "Page 2 of 3" in pages[1][2]


def test_archive_by_year_and_month(many) -> None:
    pages = archive_pages(many)
    index = pages["archive/index.md"].html
    assert re.findall(r'<h2 id="(\d{4})">', index) == ["2025", "2024"]
    assert '<li><a href="2025/01/">January 2025</a> (1)</li>' in index
    assert '<li><a href="2024/12/">December 2024</a> (31)</li>' in index
    assert "1 brief · " in pages["archive/2025/index.md"].html
    december = pages["archive/2024/12/index.md"].html
    assert december.count("<li>") == 31
    assert '<a href="../">2024</a> · <a href="../../">All years</a>' in december


def test_empty_archive_says_so() -> None:
    assert "No briefs are published yet." in archive_pages([])["archive/index.md"].html


@pytest.fixture
def used_tags(archive_root, many) -> tuple[Vocabulary, dict[str, int]]:
    """The fixture vocabulary, with three of its six tags in use (3, 2 and 1 briefs)."""
    vocabulary = load_archive(archive_root({})).vocabulary
    used = {"south-korea": many[:3], "military": many[:2], "north-korea": many[:1]}
    return vocabulary, tag_counts({slug: used.get(slug, []) for slug in vocabulary.tags})


def test_tag_index_lists_the_tags_in_use_by_use_within_each_kind(used_tags) -> None:
    index = tag_indexes(*used_tags)[TAGS_INDEX].html
    assert "3 of 6 tags are in use." in index
    countries = index[index.index('id="countries"') : index.index('id="topics"')]
    assert countries.index("South Korea") < countries.index("North Korea")
    right = '<td style="text-align: right;">'
    assert f'<td><a href="south-korea/">South Korea</a></td>\n{right}3</td>' in countries
    assert f'<td><a href="north-korea/">North Korea</a></td>\n{right}1</td>' in countries
    assert 'id="regions"' not in index and 'id="conflicts"' not in index  # none in use


def test_tag_index_names_unused_tags_apart_without_links(used_tags) -> None:
    for html in map(str, (page.html for page in tag_indexes(*used_tags).values())):
        used, heading, unused = html.partition('<h2 id="tags-not-used-yet">')
        assert heading and "For contributors: 3 tags of the vocabulary" in unused
        for title, slug in [("East Asia", "east-asia"), ("Economy", "economy")]:
            assert f"<td>{title}</td>\n<td>{slug}</td>" in unused
            assert title not in used and f'href="{slug}/"' not in html
        assert "<a " not in unused.partition("</h2>")[2]
    vocabulary, counts = used_tags
    everything = {slug: counts["south-korea"] for slug in counts}
    assert "tags-not-used-yet" not in tag_indexes(vocabulary, everything)[TAGS_INDEX].html


def test_tag_index_a_to_z_is_the_readers_other_choice(used_tags) -> None:
    indexes = tag_indexes(*used_tags)
    assert 'Order: by briefs · <a href="a-z/">A to Z</a>' in indexes[TAGS_INDEX].html
    a_to_z = indexes[TAGS_A_TO_Z].html
    assert 'Order: <a href="../">by briefs</a> · A to Z' in a_to_z
    titles = re.findall(r'<td><a href="[^"]+">([^<]+)</a></td>', a_to_z)
    assert titles == ["Military", "North Korea", "South Korea"]


def with_corrections(entry: Entry, *days: dt.date) -> Entry:
    corrections = [Correction(date=day, text=f"Fixed on {day}.") for day in days]
    return dataclasses.replace(
        entry, brief=dataclasses.replace(entry.brief, corrections=corrections)
    )


def test_corrections_are_listed_newest_first_with_their_briefs(many) -> None:
    day = dt.date(2025, 2, 1)
    newer = with_corrections(many[0], day, day + dt.timedelta(days=9))
    older = with_corrections(many[1], day + dt.timedelta(days=3))
    corrections = corrections_newest_first([newer, older, *many[2:]])
    assert [(str(c.date), entry.slug) for c, entry in corrections] == [
        ("2025-02-10", "brief-0"),
        ("2025-02-04", "brief-1"),
        ("2025-02-01", "brief-0"),
    ]
    (page,) = corrections_pages(corrections).values()
    html = str(page.html)
    assert "3 corrections" in html
    assert '<a href="../2025/01/01/brief-0/"><strong>' in html
    assert "10 February 2025 — Fixed on 2025-02-10." in html
    assert html.index("Fixed on 2025-02-10") < html.index("Fixed on 2025-02-04")
    assert '<a href="feed.xml">RSS</a>' in html
    assert page.meta["feed_title"] == "Corrections"


def test_corrections_paginate_like_other_listings(many) -> None:
    corrections = corrections_newest_first(
        [with_corrections(entry, dt.date(2025, 2, 1)) for entry in many]
    )
    pages = corrections_pages(corrections)
    older = [f"corrections/page/{number}.md" for number in (4, 3, 2, 1)]
    assert list(pages) == [CORRECTIONS, *older]
    assert "feed_title" not in pages[older[0]].meta
    assert "250 corrections" not in pages[older[0]].html


def test_no_corrections_still_makes_the_page() -> None:
    (page,) = corrections_pages([]).values()
    assert "No brief has been corrected." in page.html
    assert "0 corrections" in page.html


def test_a_hostile_correction_is_text(archive_root) -> None:
    archive = load_archive(archive_root({"2025/05/04-corrected.md": "corrected"}))
    html = str(corrections_pages(corrections_newest_first(archive.entries))[CORRECTIONS].html)
    assert "&lt;img src=x onerror=alert(1)&gt; was not in the source &amp; is gone." in html
    assert "<img" not in html


def test_tag_and_year_pages_open_a_search_narrowed_to_them(many, archive_root) -> None:
    vocabulary = load_archive(archive_root({})).vocabulary
    tag = tag_pages("military", vocabulary.tags["military"], many[:3])["tags/military.md"]
    assert (
        '<form class="nb-search-here" method="get" action="../../search/">'
        '<label for="nb-search-here">Search the briefs tagged Military</label>'
    ) in tag.html
    assert '<input type="hidden" name="tag" value="Military">' in tag.html
    year = archive_pages(many)["archive/2024/index.md"]
    assert '<input type="hidden" name="year" value="2024">' in year.html
    assert 'action="../../search/"' in year.html
