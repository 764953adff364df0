"""The search index in volumes: the briefs of consecutive months, each indexed apart.

Pagefind holds a whole index in memory while it builds it (about 220 KB a synthetic
brief: 2.2 GB at 10,000 briefs), and the metadata every first query downloads grows
with its pages (about 7.5 bytes a page: 750 KB at 100,000). So the briefs are indexed
in volumes of at most :data:`VOLUME_BRIEFS`, one after another, and a search first
covers the newest volume only; the reader widens it to every year on the search page,
and a year chosen there brings in the volumes of that year. The pages that are not
briefs (tags, the schema reference, docs/) are the main index, in which the volumes are
merged in the browser (Pagefind's ``mergeIndex``).

Why one volume first: each index a query searches adds its own chunk of the query's
word, a whole chunk (about 30 KB) even for a word in one brief of it, so the first
query stays within its budget (300 KB) with the main index and one volume, not five.

A volume holds whole months and is named by its first (``2025-03``). The months are
gathered from the newest, so the newest volume, the one searched first, is as full as
whole months allow.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsbrief.archive.brief import Entry

VOLUME_BRIEFS = 5000
"""The most briefs a volume gathers (a month with more is a volume of its own): about
1.1 GB of Pagefind's memory for synthetic briefs, and what a search covers first."""
VOLUMES_DIR = "volumes"
"""The folder under ``pagefind/`` of the volumes' indexes."""
MAIN_INDEX = ""
"""The folder under ``pagefind/`` of the index of every page but the briefs."""
MANIFEST = "pagefind/volumes.json"
"""Where the site lists its volumes, for the search box's and the search page's workers."""


@dataclass(frozen=True)
class Volume:
    """The briefs of the months ``first`` to ``last`` (``YYYY-MM``), newest first."""

    first: str
    last: str
    src_uris: tuple[str, ...]

    @property
    def path(self) -> str:
        """Its index's folder under ``pagefind/``."""
        return f"{VOLUMES_DIR}/{self.first}/"


@dataclass(frozen=True)
class Volumes:
    """The archive's volumes, newest first: a search covers the first until the reader
    widens it."""

    volumes: tuple[Volume, ...]

    @property
    def older(self) -> tuple[Volume, ...]:
        """The volumes a search covers only once the reader asks."""
        return self.volumes[1:]

    def of(self, src_uri: str) -> Volume:
        """The volume that holds the brief at ``src_uri``."""
        return self._by_uri[src_uri]

    @functools.cached_property
    def _by_uri(self) -> dict[str, Volume]:
        return {uri: volume for volume in self.volumes for uri in volume.src_uris}


def search_volumes(entries: Iterable[Entry], per_volume: int = VOLUME_BRIEFS) -> Volumes:
    """The volumes of ``entries`` (any order): whole months, gathered from the newest
    while a volume stays within ``per_volume`` briefs."""
    months: dict[str, list[str]] = {}
    for entry in sorted(entries, key=lambda entry: (entry.brief.date, entry.src_uri), reverse=True):
        months.setdefault(f"{entry.brief.date:%Y-%m}", []).append(entry.src_uri)
    gathered: list[list[str]] = []  # months, newest first
    for month in months:
        if not gathered or _count(months, gathered[-1]) + len(months[month]) > per_volume:
            gathered.append([])
        gathered[-1].append(month)
    return Volumes(
        tuple(Volume(group[-1], group[0], tuple(_briefs(months, group))) for group in gathered)
    )


def _briefs(months: dict[str, list[str]], group: list[str]) -> Iterator[str]:
    for month in group:
        yield from months[month]


def _count(months: dict[str, list[str]], group: list[str]) -> int:
    return sum(len(months[month]) for month in group)


def volumes_manifest(volumes: Volumes) -> str:
    """The volumes as the search's workers read them (:data:`MANIFEST`): newest first,
    each with its folder, months and number of briefs."""
    return json.dumps(
        {
            "volumes": [
                {"path": v.path, "first": v.first, "last": v.last, "briefs": len(v.src_uris)}
                for v in volumes.volumes
            ],
        },
        indent=1,
    )
