"""Related briefs: rare shared features count most, newest first among equals, and a
brief is related again only when what its related briefs depend on changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import random
import subprocess
import sys
from collections.abc import Callable

import pytest

from newsbrief.archive.collection import load_archive
from newsbrief.site import related
from newsbrief.site.related import (
    LIMIT,
    MAX_SHARED,
    REFERENCE_SIZE,
    Featured,
    LiveRelating,
    relate,
    relate_features,
)


def test_rarer_shared_features_rank_higher_and_ties_go_newest_first(archive_root) -> None:
    (base,) = load_archive(archive_root({"2025/05/04-kim-tank-factory.md": "valid"})).entries

    def brief(slug: str, day: int, tags: list[str], people: list[str]):
        return dataclasses.replace(
            base,
            slug=slug,
            brief=dataclasses.replace(
                base.brief, date=dt.date(2025, 5, day), tags=tags, people=people
            ),
        )

    entries = [
        brief("a", 9, ["military"], ["Rare Person"]),
        brief("b", 8, ["military"], []),
        brief("c", 7, ["military"], []),
        brief("d", 6, ["military"], ["Rare Person"]),
        brief("e", 5, ["economy"], []),
    ]
    found = relate(entries, limit=3).related
    slugs = {entry.src_uri: entry.slug for entry in entries}
    assert [slugs[uri] for uri in found[entries[0].src_uri]] == ["d", "b", "c"]
    assert [slugs[uri] for uri in found[entries[1].src_uri]] == ["a", "c", "d"]
    assert found[entries[4].src_uri] == ()  # shares nothing


RELATED_OF_RANDOM_BRIEFS = """
import random
from newsbrief.site.related import Featured, relate_features
chooser = random.Random(0)
keys = [f"person:{n}" for n in range(60)] + [f"tag:{n}" for n in range(8)]
briefs = [
    Featured(f"b{n}.md", tuple(sorted(chooser.sample(keys, 6))), chooser.randrange(5))
    for n in range(400)
]
print(relate_features(briefs).related)
"""


def test_related_briefs_do_not_depend_on_the_hash_seed() -> None:
    """Sets of features iterate in a per-process order; scores summed in that order
    differed in the last bit, and ties went either way from one build to the next."""

    def related_with_seed(seed: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", RELATED_OF_RANDOM_BRIEFS],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    assert len({related_with_seed(seed) for seed in ("1", "2", "3", "4")}) == 1


def random_briefs(seed: int, count: int, names: int = 30, tags: int = 4) -> list[Featured]:
    chooser = random.Random(seed)
    keys = [f"person:{n}" for n in range(names)] + [f"tag:{n}" for n in range(tags)]
    return [
        Featured(f"b{n:04}.md", tuple(sorted(chooser.sample(keys, 4))), chooser.randrange(3))
        for n in range(count)
    ]


def test_related_briefs_are_those_of_a_full_sort_ties_included() -> None:
    """Only the briefs scoring as high as the fifth best are sorted: the same as sorting
    every brief that scores, by score, then newest, then by source path."""
    briefs = random_briefs(7, 300)
    sharing = {
        key: [i for i, brief in enumerate(briefs) if key in brief.features]
        for brief in briefs
        for key in brief.features
    }

    def fully_sorted(index: int) -> tuple[str, ...]:
        scores: dict[int, float] = {}
        for key in briefs[index].features:
            weight = math.log(1 + REFERENCE_SIZE / len(sharing[key]))
            for other in sharing[key]:
                if other != index:
                    scores[other] = scores.get(other, 0.0) + weight
        ranked = sorted(scores, key=lambda o: (-scores[o], -briefs[o].day, briefs[o].src_uri))
        return tuple(briefs[other].src_uri for other in ranked[:LIMIT])

    found = relate_features(briefs, two_cores=False).related
    assert found == {brief.src_uri: fully_sorted(index) for index, brief in enumerate(briefs)}
    assert sum(len(best) < LIMIT for best in found.values()) < len(briefs)  # most have five


def add_one(briefs: list[Featured]) -> list[Featured]:
    return [Featured("new.md", ("person:3", "tag:1"), 1), *briefs]


def delete_one(briefs: list[Featured]) -> list[Featured]:
    return briefs[1:]


def rename_one(briefs: list[Featured]) -> list[Featured]:
    return [briefs[0]._replace(src_uri="renamed.md"), *briefs[1:]]


def change_features(briefs: list[Featured]) -> list[Featured]:
    return [briefs[0]._replace(features=("person:29", "person:5")), *briefs[1:]]


def change_a_date(briefs: list[Featured]) -> list[Featured]:
    return [briefs[0]._replace(day=9), *briefs[1:]]


def make_a_feature_common(briefs: list[Featured]) -> list[Featured]:
    """``tag:0`` shared by MAX_SHARED briefs, then by one more: it stops counting for all."""
    having = [index for index, brief in enumerate(briefs) if "tag:0" in brief.features]
    lacking = [index for index in range(len(briefs)) if index not in having]
    changed = list(briefs)
    for index in lacking[: MAX_SHARED + 1 - len(having)]:
        changed[index] = briefs[index]._replace(features=(*briefs[index].features, "tag:0"))
    return changed


def spy(monkeypatch: pytest.MonkeyPatch, name: str, note: Callable[..., object]) -> None:
    """Have ``related.<name>`` give its arguments to ``note`` first."""
    function = getattr(related, name)

    def spied(*args: object) -> object:
        note(*args)
        return function(*args)

    monkeypatch.setattr(related, name, spied)


@pytest.mark.parametrize("live", [False, True], ids=["from a previous result", "live"])
@pytest.mark.parametrize(
    "change",
    [add_one, delete_one, rename_one, change_features, change_a_date, make_a_feature_common],
)
def test_relating_again_after_a_change_gives_what_relating_afresh_gives(
    change, live: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a previous result (``mkdocs build``'s cache) or kept up to date edit by edit
    (``make serve``, which also says whose related briefs differ: the pages to make
    again), only the briefs sharing a feature with the brief changed are related again."""
    briefs = random_briefs(3, 2 * MAX_SHARED, names=60, tags=12)
    before = relate_features(briefs, two_cores=False)
    kept = LiveRelating(briefs)
    assert kept.related == before.related
    changed = change(briefs)
    afresh = relate_features(changed, two_cores=False)
    related_again: list[object] = []
    if live:
        spy(monkeypatch, "_related_to", lambda sharing, limit, uri: related_again.append(uri))
        now = {brief.src_uri for brief in changed}
        gone = [brief.src_uri for brief in briefs if brief.src_uri not in now]
        differ = kept.update(gone, [brief for brief in changed if brief not in briefs])
        assert kept.related == afresh.related
        differing = {uri for uri, best in afresh.related.items() if before.related.get(uri) != best}
        assert differ == differing
        listed_by: dict[str, set[str]] = {}
        for uri, best in afresh.related.items():
            for other in best:
                listed_by.setdefault(other, set()).add(uri)
        assert all(kept.listing([uri]) == listed_by.get(uri, set()) for uri in now)
        assert kept.listing(gone) == set()
    else:
        spy(
            monkeypatch, "map_on_two_cores", lambda run, items, allowed: related_again.extend(items)
        )
        assert relate_features(changed, before, two_cores=False) == afresh
    if change is make_a_feature_common:  # every brief with the feature
        assert len(related_again) > MAX_SHARED
    else:  # those sharing a feature with the brief changed
        assert 0 < len(related_again) < len(changed) / 2


def test_nothing_is_related_again_when_nothing_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = random_briefs(5, 200)
    previous = relate_features(briefs, two_cores=False)

    def refuse(*args: object) -> None:
        raise AssertionError("related again")

    monkeypatch.setattr(related, "map_on_two_cores", refuse)
    assert relate_features(briefs, previous) == previous


def test_live_relating_relates_nothing_again_when_only_a_brief_s_text_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    briefs = random_briefs(5, 200)
    live = LiveRelating(briefs)

    def refuse(*args: object) -> None:
        raise AssertionError("related again")

    monkeypatch.setattr(related, "_related_to", refuse)
    assert live.update([], [briefs[7], briefs[9]]) == set()
