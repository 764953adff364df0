"""The search index's volumes of briefs (newsbrief.site.search_volumes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import load_archive
from newsbrief.site.search_volumes import (
    MAIN_INDEX,
    Volumes,
    search_volumes,
    volumes_manifest,
)
from tests.conftest import make_archive

# briefs a month: January 2024 to June 2024
MONTHS = {"2024-01": 3, "2024-02": 1, "2024-03": 2, "2024-04": 4, "2024-05": 1, "2024-06": 2}


@pytest.fixture(scope="module")
def one_entry(tmp_path_factory: pytest.TempPathFactory) -> Entry:
    root = make_archive(
        tmp_path_factory.mktemp("volumes"), {"2025/05/04-kim-tank-factory.md": "valid"}
    )
    (entry,) = load_archive(root).entries
    return entry


def dated(entry: Entry, day: dt.date, slug: str) -> Entry:
    return dataclasses.replace(entry, slug=slug, brief=dataclasses.replace(entry.brief, date=day))


@pytest.fixture
def entries(one_entry: Entry) -> list[Entry]:
    """The briefs of MONTHS (copies of the fixture's valid brief), newest first."""
    made = []
    for month, count in MONTHS.items():
        year, number = map(int, month.split("-"))
        for day in range(1, count + 1):
            made.append(dated(one_entry, dt.date(year, number, day), f"brief-{month}-{day}"))
    return made[::-1]


def months_of(volumes: Volumes) -> list[tuple[str, str, int]]:
    return [(v.first, v.last, len(v.src_uris)) for v in volumes.volumes]


def test_volumes_gather_whole_months_from_the_oldest_within_their_size(entries) -> None:
    volumes = search_volumes(entries, per_volume=4, first_search=2)
    assert months_of(volumes) == [  # newest first
        ("2024-05", "2024-06", 3),
        ("2024-04", "2024-04", 4),
        ("2024-03", "2024-03", 2),  # with April's 4, over 4
        ("2024-01", "2024-02", 4),
    ]
    assert [v.path for v in volumes.volumes] == [
        "volumes/2024-05/",
        "volumes/2024-04/",
        "volumes/2024-03/",
        "volumes/2024-01/",
    ]
    assert volumes.searched_first == 1  # the newest holds the 2 briefs searched first
    assert [v.first for v in volumes.older] == ["2024-04", "2024-03", "2024-01"]


def test_a_search_covers_first_as_many_of_the_newest_volumes_as_hold_its_briefs(
    entries,
) -> None:
    """Volumes of 3, 4, 2 and 4 briefs, newest first."""
    for first_search, searched in ((1, 1), (3, 1), (4, 2), (7, 2), (8, 3), (13, 4), (99, 4)):
        volumes = search_volumes(entries, per_volume=4, first_search=first_search)
        assert volumes.searched_first == searched, first_search
        assert len(volumes.older) == 4 - searched


def test_a_small_archive_is_searched_whole_first(entries) -> None:
    volumes = search_volumes(entries, per_volume=10)
    assert months_of(volumes) == [("2024-05", "2024-06", 3), ("2024-01", "2024-04", 10)]
    assert volumes.searched_first == 2 and volumes.older == ()


def test_a_new_brief_changes_only_its_own_volume(entries) -> None:
    before = search_volumes(entries, per_volume=4)
    newer = dated(entries[0], dt.date(2024, 6, 20), "later")
    after = search_volumes([newer, *entries], per_volume=4)
    assert after.volumes[1:] == before.volumes[1:]
    assert after.volumes[0].src_uris == (newer.src_uri, *before.volumes[0].src_uris)


def test_a_month_larger_than_a_volume_is_a_volume_of_its_own(entries) -> None:
    volumes = search_volumes(entries, per_volume=2)
    assert ("2024-04", "2024-04", 4) in months_of(volumes)
    assert sum(len(v.src_uris) for v in volumes.volumes) == len(entries)


def test_an_archive_within_a_volume_is_one_volume_searched_first(entries) -> None:
    volumes = search_volumes(entries)
    assert months_of(volumes) == [("2024-01", "2024-06", len(entries))]
    assert volumes.searched_first == 1 and volumes.older == ()


def test_each_volume_lists_its_briefs_newest_first_and_finds_a_brief_s_volume(entries) -> None:
    volumes = search_volumes(entries, per_volume=4)
    for volume in volumes.volumes:
        dates = [uri[:10] for uri in volume.src_uris]
        assert dates == sorted(dates, reverse=True)
    assert volumes.of(entries[-1].src_uri).first == "2024-01"
    assert volumes.of(entries[0].src_uri).first == "2024-05"
    assert volumes.volumes[-1].first_month_name == "January 2024"


def test_an_empty_archive_has_no_volume() -> None:
    assert search_volumes([]) == Volumes((), 0)
    assert MAIN_INDEX == ""  # the other pages' index is pagefind/ itself


def test_the_manifest_lists_the_volumes_newest_first_for_the_workers(entries) -> None:
    manifest = json.loads(volumes_manifest(search_volumes(entries, per_volume=10)))
    assert manifest == {
        "searched_first": 2,
        "volumes": [
            {
                "path": "volumes/2024-05/",
                "first": "2024-05",
                "last": "2024-06",
                "first_name": "May 2024",
                "briefs": 3,
            },
            {
                "path": "volumes/2024-01/",
                "first": "2024-01",
                "last": "2024-04",
                "first_name": "January 2024",
                "briefs": 10,
            },
        ],
    }


@settings(max_examples=60, deadline=None)
@given(
    days=st.lists(st.integers(min_value=0, max_value=2000), max_size=60),
    per_volume=st.integers(min_value=1, max_value=12),
)
def test_volumes_hold_every_brief_once_in_whole_months_within_their_size(
    one_entry: Entry, days: list[int], per_volume: int
) -> None:
    """What bounds Pagefind's memory: no volume is over its size but a month alone."""
    start = dt.date(2020, 1, 1)
    briefs = [dated(one_entry, start + dt.timedelta(days=d), f"b{i}") for i, d in enumerate(days)]
    volumes = search_volumes(briefs, per_volume).volumes
    held = [uri for volume in volumes for uri in volume.src_uris]
    assert sorted(held) == sorted(entry.src_uri for entry in briefs)
    months = [{uri[:7] for uri in volume.src_uris} for volume in volumes]
    for volume, its_months in zip(volumes, months, strict=True):
        assert len(volume.src_uris) <= per_volume or len(its_months) == 1
    for newer, older in itertools.pairwise(months):
        assert min(newer) > max(older)  # whole months, newest first
    first = search_volumes(briefs, per_volume, first_search=per_volume).searched_first
    assert 0 < first <= 2 or not briefs  # the one before the newest was closed when full
