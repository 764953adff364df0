"""Related briefs: the ones sharing the rarest tags, people, organisations and places.

Each shared feature scores its inverse document frequency, so two briefs naming the
same minor official are more related than two tagged "military". Features carried by
more than ``MAX_SHARED`` briefs are skipped: they say little and would make the work
quadratic, so the whole pass stays near linear in the archive's size.
"""

from __future__ import annotations

import functools
import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from typing import Any

from newsbrief.archive.brief import Entry
from newsbrief.archive.cores import map_on_two_cores
from newsbrief.archive.slugs import slugify
from newsbrief.site.calls import call_directly

LIMIT = 5
MAX_SHARED = 300


def features(entry: Entry) -> tuple[str, ...]:
    """What a brief is about, as comparable keys, sorted: a tuple of strings, which the
    build's cache digests in one go (a set's items are digested one by one)."""
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


def related_briefs(
    entries: Sequence[Entry],
    limit: int = LIMIT,
    call: Callable[..., Any] = call_directly,
    two_cores: bool = True,
) -> dict[str, list[Entry]]:
    """Up to ``limit`` related briefs for each brief (by source path), best first,
    newest first among equals. ``call(function, *args)`` runs the steps: ``mkdocs
    serve`` passes its memo (:class:`newsbrief.mkdocs_adapter.incremental.Memo`)."""
    briefs = [(call(features, entry), entry.brief.date.toordinal()) for entry in entries]
    others_of = call(related_indexes, briefs, limit, two_cores)
    return {
        entry.src_uri: [entries[other] for other in others]
        for entry, others in zip(entries, others_of, strict=True)
    }


def related_indexes(
    briefs: Sequence[tuple[Collection[str], int]], limit: int = LIMIT, two_cores: bool = True
) -> list[list[int]]:
    """For each brief given as (features, day number), the positions of its related ones.

    It depends on features and dates only, so ``mkdocs serve`` can keep the result
    while an edit leaves them as they were. With ``two_cores``, a forked child relates
    every other brief where it can (:func:`newsbrief.archive.cores.map_on_two_cores`).
    """
    by_feature: dict[str, list[int]] = defaultdict(list)
    for index, (keys, _) in enumerate(briefs):
        for key in keys:
            by_feature[key].append(index)
    total = len(briefs)

    def related_to(index: int) -> list[int]:
        scores: dict[int, float] = defaultdict(float)
        for key in sorted(briefs[index][0]):  # the same sums, to the last bit, whatever the seed
            sharing = by_feature[key]
            if len(sharing) > MAX_SHARED:
                continue
            weight = math.log(1 + total / len(sharing))
            for other in sharing:
                if other != index:
                    scores[other] += weight
        return _best(scores, briefs, limit)

    return map_on_two_cores(related_to, range(total), two_cores)


def _best(
    scores: dict[int, float], briefs: Sequence[tuple[Collection[str], int]], limit: int
) -> list[int]:
    """The ``limit`` briefs of highest score, then newest, then first given. Only those
    scoring as high as the ``limit``-th best are sorted (hundreds of briefs score for
    each: sorting them all was half of relating 10,000 briefs)."""
    if not scores or limit < 1:
        return []
    cutoff = heapq.nlargest(limit, scores.values())[-1]
    contenders = [other for other, score in scores.items() if score >= cutoff]
    contenders.sort(key=lambda other: (-scores[other], -briefs[other][1], other))
    return contenders[:limit]
