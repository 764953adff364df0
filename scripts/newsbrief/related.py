"""Related briefs: the ones sharing the rarest tags, people, organisations and places.

Each shared feature scores its inverse document frequency, so two briefs naming the
same minor official are more related than two tagged "military". Features carried by
more than ``MAX_SHARED`` briefs are skipped: they say little and would make the work
quadratic, so the whole pass stays near linear in the archive's size.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from newsbrief.briefs import Entry
from newsbrief.slugs import slugify

LIMIT = 5
MAX_SHARED = 300


def features(entry: Entry) -> set[str]:
    """What a brief is about, as comparable keys."""
    brief = entry.brief
    keys = {f"tag:{slug}" for slug in brief.tags}
    keys |= {f"person:{slugify(name)}" for name in brief.people}
    keys |= {f"org:{slugify(name)}" for name in brief.organizations}
    keys |= {f"place:{slugify(name)}" for name in brief.places}
    return keys


def related_briefs(entries: Sequence[Entry], limit: int = LIMIT) -> dict[str, list[Entry]]:
    """Up to ``limit`` related briefs for each brief (by source path), best first,
    newest first among equals."""
    by_feature: dict[str, list[int]] = defaultdict(list)
    keys = [features(entry) for entry in entries]
    for index, entry_keys in enumerate(keys):
        for key in entry_keys:
            by_feature[key].append(index)
    total = len(entries)
    related = {}
    for index, entry in enumerate(entries):
        scores: dict[int, float] = defaultdict(float)
        for key in keys[index]:
            sharing = by_feature[key]
            if len(sharing) > MAX_SHARED:
                continue
            weight = math.log(1 + total / len(sharing))
            for other in sharing:
                if other != index:
                    scores[other] += weight
        best = sorted(
            scores, key=lambda other: (-scores[other], -entries[other].brief.date.toordinal())
        )
        related[entry.src_uri] = [entries[other] for other in best[:limit]]
    return related
