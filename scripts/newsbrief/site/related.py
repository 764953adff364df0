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
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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
    briefs = [featured(entry, call) for entry in entries]
    return relate_features(briefs, previous, limit, two_cores)


def featured(entry: Entry, call: Callable[..., Any] = call_directly) -> Featured:
    """A brief as relating sees it; ``call`` works out its features."""
    return Featured(entry.src_uri, call(features, entry), entry.brief.date.toordinal())


def relate_features(
    briefs: Sequence[Featured],
    previous: Relating | None = None,
    limit: int = LIMIT,
    two_cores: bool = True,
) -> Relating:
    """:func:`relate` for briefs given by their features. With ``two_cores``, a forked
    child relates every other brief to relate where it can
    (:func:`newsbrief.archive.cores.map_on_two_cores`)."""
    sharing = _Sharing.of(briefs)
    keys = _keys(briefs, sharing.briefs, limit)
    kept = previous or Relating({}, {})
    stale = [
        brief.src_uri
        for brief, key in zip(briefs, keys, strict=True)
        if kept.keys.get(brief.src_uri) != key
    ]
    fresh: dict[str, tuple[str, ...]] = {}
    if stale:
        related_to = functools.partial(_related_to, sharing, limit)
        fresh = dict(zip(stale, map_on_two_cores(related_to, stale, two_cores), strict=True))
    return Relating(
        {brief.src_uri: key for brief, key in zip(briefs, keys, strict=True)},
        {
            brief.src_uri: fresh[brief.src_uri]
            if brief.src_uri in fresh
            else kept.related[brief.src_uri]
            for brief in briefs
        },
    )


@dataclass(frozen=True)
class _Sharing:
    """Who carries what: each brief's features and date, and the briefs carrying each
    feature (in the order they were taken in), all by source path."""

    features: dict[str, tuple[str, ...]] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)
    briefs: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, briefs: Iterable[Featured]) -> _Sharing:
        """Who carries what among ``briefs``."""
        sharing = cls()
        for brief in briefs:
            sharing.take(brief)
        return sharing

    def take(self, brief: Featured) -> None:
        """Count ``brief`` in."""
        self.features[brief.src_uri] = brief.features
        self.days[brief.src_uri] = brief.day
        for key in brief.features:
            self.briefs[key].append(brief.src_uri)

    def drop(self, uri: str) -> None:
        """Count the brief at ``uri`` out."""
        for key in self.features.pop(uri):
            having = self.briefs[key]
            having.remove(uri)
            if not having:
                del self.briefs[key]
        del self.days[uri]

    def count(self, key: str) -> int:
        """How many briefs carry the feature ``key``."""
        return len(self.briefs[key]) if key in self.briefs else 0


class LiveRelating:
    """Every brief's related briefs, kept up to date edit by edit (``mkdocs serve``):
    after briefs are added, edited or deleted, only the briefs sharing a feature with
    them (before or after) are related again, and only where a feature or a date
    changed. The same related briefs as :func:`relate_features` gives afresh."""

    def __init__(self, briefs: Sequence[Featured], limit: int = LIMIT) -> None:
        self.limit = limit
        self._sharing = _Sharing.of(briefs)
        self.related: dict[str, tuple[str, ...]] = {}
        self._listed_by: dict[str, set[str]] = defaultdict(set)  # the briefs listing each
        for brief in briefs:
            self._relate(brief.src_uri, _related_to(self._sharing, limit, brief.src_uri))

    def listing(self, uris: Iterable[str]) -> set[str]:
        """The briefs that list one of ``uris`` among their related briefs."""
        return {other for uri in uris for other in self._listed_by.get(uri, ())}

    def _relate(self, uri: str, related: tuple[str, ...]) -> None:
        for other in self.related.get(uri, ()):
            self._listed_by[other].discard(uri)
        self.related[uri] = related
        for other in related:
            self._listed_by[other].add(uri)

    def update(self, gone: Collection[str], changed: Iterable[Featured]) -> set[str]:
        """Take in the briefs ``gone`` (source paths) and those added or ``changed``; the
        source paths of the briefs whose related briefs changed."""
        sharing = self._sharing
        moved = [
            brief
            for brief in changed
            if (sharing.features.get(brief.src_uri), sharing.days.get(brief.src_uri))
            != (brief.features, brief.day)
        ]
        leaving = [*gone, *(brief.src_uri for brief in moved if brief.src_uri in sharing.days)]
        touched = {key for uri in leaving for key in sharing.features[uri]}
        touched |= {key for brief in moved for key in brief.features}
        sizes = {key: sharing.count(key) for key in touched}
        for uri in leaving:
            sharing.drop(uri)
        for brief in moved:
            sharing.take(brief)
        counted = [key for key in touched if min(sizes[key], sharing.count(key)) <= MAX_SHARED]
        stale = {brief.src_uri for brief in moved}
        stale |= {uri for key in counted if key in sharing.briefs for uri in sharing.briefs[key]}
        for uri in gone:
            self._relate(uri, ())
            del self.related[uri]
        differ = set()
        for uri in stale:
            again = _related_to(sharing, self.limit, uri)
            if self.related.get(uri) != again:
                self._relate(uri, again)
                differ.add(uri)
        return differ


def _keys(
    briefs: Sequence[Featured], by_feature: Mapping[str, list[str]], limit: int
) -> list[bytes]:
    """Each brief's key (see :class:`Relating`)."""
    named = {brief.src_uri: f"{brief.src_uri} {brief.day}" for brief in briefs}
    sharing = {key: _sharing_digest(named, uris) for key, uris in by_feature.items()}
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


def _sharing_digest(named: Mapping[str, str], uris: list[str]) -> str:
    """What the briefs sharing a feature (their paths and dates, ``named``) give the
    briefs having it: nothing when they are too many (the feature is skipped)."""
    if len(uris) > MAX_SHARED:
        return _COMMON
    text = "\n".join([named[uri] for uri in uris])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _related_to(sharing: _Sharing, limit: int, uri: str) -> tuple[str, ...]:
    """The source paths of the brief at ``uri``'s related briefs, best first."""
    scores: dict[str, float] = defaultdict(float)
    for key in sharing.features[uri]:  # sorted: the same sums, to the last bit, whatever the seed
        having = sharing.briefs[key]
        if len(having) > MAX_SHARED:
            continue
        weight = math.log(1 + REFERENCE_SIZE / len(having))
        for other in having:
            if other != uri:
                scores[other] += weight
    return tuple(_best(scores, sharing.days, limit))


def _best(scores: dict[str, float], days: Mapping[str, int], limit: int) -> list[str]:
    """The ``limit`` briefs of highest score, then newest, then first by source path.
    Only those scoring as high as the ``limit``-th best are sorted (hundreds of briefs
    score for each: sorting them all was half of relating 10,000 briefs)."""
    if not scores or limit < 1:
        return []
    cutoff = heapq.nlargest(limit, scores.values())[-1]
    contenders = [other for other, score in scores.items() if score >= cutoff]
    contenders.sort(key=lambda other: (-scores[other], -days[other], other))
    return contenders[:limit]
