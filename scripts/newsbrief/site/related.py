"""Related briefs: the ones sharing the rarest tags, people, organisations and places.

Each shared feature scores like an inverse document frequency, so two briefs naming the
same minor official are more related than two tagged "military". Features carried by
more than ``MAX_SHARED`` briefs are skipped: they say little and would make the work
quadratic, so the whole pass stays near linear in the archive's size.

A feature weighs what it would in an archive of ``REFERENCE_SIZE`` briefs, whatever the
archive's size: so a brief's related briefs depend on its features and on the briefs
sharing each (:class:`Relating` keeps a key of those), and after a brief is added,
edited or deleted only the briefs sharing one of its features are related again.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from newsbrief.archive.brief import Entry
from newsbrief.archive.cores import map_on_two_cores
from newsbrief.archive.slugs import slugify
from newsbrief.site.calls import call_directly

LIMIT = 5
MAX_SHARED = 300
REFERENCE_SIZE = 10_000
"""A feature shared by ``n`` briefs weighs ``log(1 + REFERENCE_SIZE / n)``: the weight of
an inverse document frequency in an archive of this many briefs. With the archive's own
size in its place, adding one brief would change every feature's weight, and every
brief's related briefs could change with it."""
_COMMON = "common"  # what a feature shared by more than MAX_SHARED briefs stands for in a key


def features(entry: Entry) -> tuple[str, ...]:
    """What a brief is about, as comparable keys, sorted: a tuple of strings, which each
    brief's key of what its related briefs depend on holds in this order (:func:`_keys`)."""
    brief = entry.brief
    keys = {f"tag:{slug}" for slug in brief.tags}
    keys |= {f"person:{_slug(name)}" for name in brief.people}
    keys |= {f"org:{_slug(name)}" for name in brief.organizations}
    keys |= {f"place:{_slug(name)}" for name in brief.places}
    return tuple(sorted(keys))


@functools.lru_cache(maxsize=1 << 17)
def _slug(name: str) -> str:
    """A name's slug, made once: the archive names the same people over and over, and
    transliterating a name costs more than the rest of a brief's features."""
    return slugify(name)


class Featured(NamedTuple):
    """A brief as relating sees it."""

    src_uri: str
    features: tuple[str, ...]  # sorted
    day: int  # its date's ordinal: the newest first among equals


@dataclass(frozen=True)
class Relating:
    """Every brief's related briefs (source paths, best first), each with the key of
    what they depend on: the brief's source path and features and, for each feature
    shared by at most ``MAX_SHARED`` briefs, the source path and date of each of them.
    Given to :func:`relate_features` the next time, a brief whose key is unchanged keeps
    its related briefs: they are what relating it again would give."""

    keys: dict[str, bytes]
    related: dict[str, tuple[str, ...]]

    def of(self, entries: Sequence[Entry]) -> dict[str, list[Entry]]:
        """Each of ``entries``' related briefs (by source path), among ``entries``."""
        find = {entry.src_uri: entry for entry in entries}.__getitem__
        related = self.related
        return {entry.src_uri: list(map(find, related[entry.src_uri])) for entry in entries}


def relate(
    entries: Sequence[Entry],
    previous: Relating | None = None,
    limit: int = LIMIT,
    call: Callable[..., Any] = call_directly,
    two_cores: bool = True,
) -> Relating:
    """Up to ``limit`` related briefs for each of ``entries``, best first, newest first
    among equals. ``call(function, *args)`` runs the steps: ``mkdocs serve`` passes its
    memo (:class:`newsbrief.mkdocs_adapter.incremental.Memo`). A ``previous`` result is
    reused for the briefs whose related briefs cannot have changed."""
    briefs = [
        Featured(entry.src_uri, call(features, entry), entry.brief.date.toordinal())
        for entry in entries
    ]
    return relate_features(briefs, previous, limit, two_cores)


def relate_features(
    briefs: Sequence[Featured],
    previous: Relating | None = None,
    limit: int = LIMIT,
    two_cores: bool = True,
) -> Relating:
    """:func:`relate` for briefs given by their features. With ``two_cores``, a forked
    child relates every other brief to relate where it can
    (:func:`newsbrief.archive.cores.map_on_two_cores`)."""
    by_feature: dict[str, list[int]] = defaultdict(list)
    for index, brief in enumerate(briefs):
        for key in brief.features:
            by_feature[key].append(index)
    keys = _keys(briefs, by_feature, limit)
    kept = previous or Relating({}, {})
    stale = [
        index for index, brief in enumerate(briefs) if kept.keys.get(brief.src_uri) != keys[index]
    ]
    fresh: dict[int, tuple[str, ...]] = {}
    if stale:
        related_to = functools.partial(_related_to, briefs, by_feature, limit)
        fresh = dict(zip(stale, map_on_two_cores(related_to, stale, two_cores), strict=True))
    return Relating(
        {brief.src_uri: key for brief, key in zip(briefs, keys, strict=True)},
        {
            brief.src_uri: fresh[index] if index in fresh else kept.related[brief.src_uri]
            for index, brief in enumerate(briefs)
        },
    )


def _keys(
    briefs: Sequence[Featured], by_feature: Mapping[str, list[int]], limit: int
) -> list[bytes]:
    """Each brief's key (see :class:`Relating`)."""
    named = [f"{brief.src_uri} {brief.day}" for brief in briefs]
    sharing = {key: _sharing_digest(named, indexes) for key, indexes in by_feature.items()}
    return [
        hashlib.blake2b(
            "\n".join(
                [str(limit), brief.src_uri, *brief.features]
                + [sharing[key] for key in brief.features]
            ).encode(),
            digest_size=16,
        ).digest()
        for brief in briefs
    ]


def _sharing_digest(named: Sequence[str], indexes: list[int]) -> str:
    """What the briefs sharing a feature (their paths and dates, ``named``) give the
    briefs having it: nothing when they are too many (the feature is skipped)."""
    if len(indexes) > MAX_SHARED:
        return _COMMON
    text = "\n".join([named[index] for index in indexes])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _related_to(
    briefs: Sequence[Featured], by_feature: Mapping[str, list[int]], limit: int, index: int
) -> tuple[str, ...]:
    """The source paths of the brief at ``index``'s related briefs, best first."""
    scores: dict[int, float] = defaultdict(float)
    for key in briefs[index].features:  # sorted: the same sums, to the last bit, whatever the seed
        sharing = by_feature[key]
        if len(sharing) > MAX_SHARED:
            continue
        weight = math.log(1 + REFERENCE_SIZE / len(sharing))
        for other in sharing:
            if other != index:
                scores[other] += weight
    return tuple(briefs[other].src_uri for other in _best(scores, briefs, limit))


def _best(scores: dict[int, float], briefs: Sequence[Featured], limit: int) -> list[int]:
    """The ``limit`` briefs of highest score, then newest, then first by source path.
    Only those scoring as high as the ``limit``-th best are sorted (hundreds of briefs
    score for each: sorting them all was half of relating 10,000 briefs)."""
    if not scores or limit < 1:
        return []
    cutoff = heapq.nlargest(limit, scores.values())[-1]
    contenders = [other for other, score in scores.items() if score >= cutoff]
    contenders.sort(key=lambda other: (-scores[other], -briefs[other].day, briefs[other].src_uri))
    return contenders[:limit]
