"""The search index in volumes: the briefs of consecutive months, each indexed apart.

Pagefind holds a whole index in memory while it builds it (about 220 KB a synthetic
brief: 2.2 GB at 10,000 briefs), and the metadata every first query downloads grows
with its pages (about 7.5 bytes a page: 750 KB at 100,000). So the briefs are indexed
in volumes of at most :data:`VOLUME_BRIEFS`, one after another, and a search first
covers the newest volumes only, as many as hold :data:`FIRST_SEARCH_BRIEFS`; the reader
widens it to every year on the search page, and a year chosen (a year's page leads
there) brings in the volumes of that year instead. The pages that are not briefs (tags,
the schema reference, docs/) are the main index, in which the volumes are merged in the
browser (Pagefind's ``mergeIndex``).

Why a few volumes first, not all: each index a query searches adds its own chunk of the
query's word, a whole chunk even for a word in one brief of it, so the first query
stays within its budget (300 KB) with the main index and a few small volumes, not the
whole archive's.

A volume holds whole months and is named by its first (``2025-03``). The months are
gathered from the oldest, and a volume is closed once the next month would take it
over its size: a new brief changes its own volume only, and the older volumes keep
their names and briefs as the archive grows (a build, or ``mkdocs serve``, indexes
again only the volumes that changed).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from newsbrief.archive.brief import Entry

VOLUME_BRIEFS = 500
"""The most briefs a volume gathers (a month with more, or any month where this is 0
or less, is a volume of its own). Pagefind cannot add to an index, so an edited brief's
volume is indexed again whole, and a build after one edit waits for it: Pagefind takes
about 2.2 ms and 220 KB a synthetic brief. With 10,000 synthetic briefs, a build after
an edit took 16 to 17 s with volumes of 2,000, about 8.5 s with volumes of 1,500 (3.4 s
of it Pagefind's, the build waiting for it) and about 6.2 s with volumes of 500 (the
build no longer waiting). Smaller volumes cost a search of every year more downloads:
each volume adds a chunk of the word."""
FIRST_SEARCH_BRIEFS = 500
"""How many briefs a search covers before the reader widens it: the newest volumes, as
many as hold this many (at least one volume; all of them in a smaller archive). Each
index a first query searches adds to what it downloads: at 100,000 synthetic briefs in
volumes of 500, a first query covering 1,000 downloaded up to 290 KB (the budget is
300). An archive of thirty briefs a day has months of 900, each a volume: a search
covers the newest month, and the one before while the newest holds under 500."""
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

    @property
    def first_month_name(self) -> str:
        """Its first month as readers read it: ``March 2025``."""
        year, month = map(int, self.first.split("-"))
        return f"{dt.date(year, month, 1):%B %Y}"


@dataclass(frozen=True)
class Volumes:
    """The archive's volumes, newest first, and how many a search covers until the
    reader widens it (:data:`FIRST_SEARCH_BRIEFS`)."""

    volumes: tuple[Volume, ...]
    searched_first: int

    @property
    def older(self) -> tuple[Volume, ...]:
        """The volumes a search covers only once the reader asks."""
        return self.volumes[self.searched_first :]

    def months(self) -> list[tuple[str, str]]:
        """The first and last month of each volume: where they are those of other
        volumes, every brief of a month is in the same volume in both."""
        return [(volume.first, volume.last) for volume in self.volumes]

    def of(self, src_uri: str) -> Volume:
        """The volume that holds the brief at ``src_uri``."""
        return self._by_uri[src_uri]

    @functools.cached_property
    def _by_uri(self) -> dict[str, Volume]:
        return {uri: volume for volume in self.volumes for uri in volume.src_uris}


def search_volumes(
    entries: Iterable[Entry],
    per_volume: int = VOLUME_BRIEFS,
    first_search: int = FIRST_SEARCH_BRIEFS,
) -> Volumes:
    """The volumes of ``entries`` (any order): whole months, gathered from the oldest
    while a volume stays within ``per_volume`` briefs; a search covers the newest first,
    as many as hold ``first_search`` briefs."""
    months: dict[str, list[str]] = {}  # newest first, each month's briefs newest first
    for entry in sorted(entries, key=lambda entry: (entry.brief.date, entry.src_uri), reverse=True):
        months.setdefault(f"{entry.brief.date:%Y-%m}", []).append(entry.src_uri)
    volumes = tuple(
        Volume(group[0], group[-1], tuple(_briefs(months, reversed(group))))
        for group in reversed(_gathered(months, per_volume))
    )
    return Volumes(volumes, _searched_first(volumes, first_search))


def _searched_first(volumes: Sequence[Volume], first_search: int) -> int:
    """How many of the newest ``volumes`` hold ``first_search`` briefs (at least one)."""
    held = 0
    for count, volume in enumerate(volumes, start=1):
        held += len(volume.src_uris)
        if held >= first_search:
            return count
    return len(volumes)


def _gathered(months: dict[str, list[str]], per_volume: int) -> list[list[str]]:
    """The months, oldest first, in groups of at most ``per_volume`` briefs (or one month)."""
    groups: list[list[str]] = []
    count = 0
    for month in reversed(months):
        if not groups or count + len(months[month]) > per_volume:
            groups.append([])
            count = 0
        groups[-1].append(month)
        count += len(months[month])
    return groups


def _briefs(months: dict[str, list[str]], group: Iterable[str]) -> Iterator[str]:
    for month in group:
        yield from months[month]


def volumes_manifest(volumes: Volumes) -> str:
    """The volumes as the search's workers read them (:data:`MANIFEST`): newest first,
    each with its folder, months (and its first month's name, for what readers read)
    and number of briefs, and how many a search covers first."""
    listed = [
        {
            "path": volume.path,
            "first": volume.first,
            "last": volume.last,
            "first_name": volume.first_month_name,
            "briefs": len(volume.src_uris),
        }
        for volume in volumes.volumes
    ]
    return json.dumps({"searched_first": volumes.searched_first, "volumes": listed}, indent=1)
