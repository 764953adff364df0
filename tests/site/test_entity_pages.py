"""The people, organisations and places of the archive: indexed again after an edit, the
same as indexed afresh."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import synthetic
from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import archive_order, entity_addresses, load_archive
from newsbrief.site.entity_pages import index_entities, index_entities_again, sorted_entities


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory) -> list[Entry]:
    root = tmp_path_factory.mktemp("synthetic")
    synthetic.make_project(root, 80)
    return load_archive(root, two_cores=False).entries


def renamed(entry: Entry, slug: str) -> Entry:
    return dataclasses.replace(entry, slug=slug)


def another_person(entries: list[Entry]) -> list[Entry]:
    """A brief names someone another brief names, and no longer its first person."""
    changed = list(entries)
    other = next(p for e in entries for p in e.brief.people if p not in entries[5].brief.people)
    brief = dataclasses.replace(entries[5].brief, people=[other, *entries[5].brief.people[1:]])
    changed[5] = dataclasses.replace(entries[5], brief=brief)
    return changed


def moved_a_day(entries: list[Entry]) -> list[Entry]:
    """A brief's date changes: its place among every entity's briefs with it."""
    brief = entries[40].brief
    day = brief.date - dt.timedelta(days=9)
    return [
        *entries[:40],
        dataclasses.replace(entries[40], brief=dataclasses.replace(brief, date=day)),
        *entries[41:],
    ]


def deleted(entries: list[Entry]) -> list[Entry]:
    return [*entries[:12], *entries[13:]]


def added(entries: list[Entry]) -> list[Entry]:
    return [renamed(entries[30], "a-copy"), *entries]


def changed_commentary(entries: list[Entry]) -> list[Entry]:
    """An expert's quote is edited: their page's commentary with it."""
    index = next(i for i, entry in enumerate(entries) if entry.brief.commentary)
    quote = entries[index].brief.commentary[0]
    brief = dataclasses.replace(
        entries[index].brief,
        commentary=[
            dataclasses.replace(quote, text="Edited."),
            *entries[index].brief.commentary[1:],
        ],
    )
    return [
        *entries[:index],
        dataclasses.replace(entries[index], brief=brief),
        *entries[index + 1 :],
    ]


@pytest.mark.parametrize(
    "change", [another_person, moved_a_day, deleted, added, changed_commentary]
)
def test_indexing_again_after_a_change_gives_what_indexing_afresh_gives(
    entries: list[Entry], change
) -> None:
    after = sorted(change(entries), key=archive_order, reverse=True)
    addresses = entity_addresses([*entries, *after])  # every name of both
    before = index_entities(entries, addresses)
    was_there = {id(entry) for entry in entries}
    now = [entry for entry in after if id(entry) not in was_there]
    replaced = {entry.src_uri for entry in now} | {e.src_uri for e in entries if e not in after}
    was = [entry for entry in entries if entry.src_uri in replaced]
    again, dirty = index_entities_again(before, replaced, was, now, addresses)
    assert sorted_entities(again) == sorted_entities(index_entities(after, addresses))
    named = {
        (kind, name)
        for e in [*was, *now]
        for kind, names in e.brief.named().items()
        for name in names
    }
    assert dirty == named
    assert len(dirty) < sum(map(len, again.values())) / 4  # only those named by the change
