"""What ``make serve`` keeps between the builds of a session, for a rebuild to work out
again only what an edit may change.

A rebuild starts from the briefs changed since the previous build (:meth:`changes`):
known from the archive where briefs were only edited in place (:meth:`.Archive.edits_since`),
else found by comparing every brief. From those it keeps, where it can, the previous
build's entity addresses, search volumes, archive overview, entity index and order, and
related briefs, and tells which brief pages to make again (:meth:`brief_pages_to_remake`).
With 100,000 briefs, working each of these out from every brief took seconds of every
rebuild. What the pages themselves are is :class:`.incremental.ServedPages`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from newsbrief.archive.addresses import EntityAddresses, page_url
from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import Archive, entity_addresses
from newsbrief.mkdocs_adapter.incremental import ServedPages
from newsbrief.site import entity_pages, listings, search_volumes
from newsbrief.site.related import LiveRelating, featured
from newsbrief.site.remaking import (
    BriefPages,
    EntryChanges,
    briefs_to_remake,
    entry_changes,
    names_unchanged,
)

Overview = tuple[dict[str, Any], dict[listings.Month, list[Entry]]]
"""The archive's overview pages and each month's briefs (:func:`.listings.archive_overview`)."""


class ServeSession:
    """The previous build of a serve session, as the next one needs it."""

    def __init__(self) -> None:
        self.archive: Archive | None = None
        self._archive_before: Archive | None = None
        self.brief_pages: BriefPages | None = None
        self.index: entity_pages.EntityIndex | None = None
        self.named: dict[str, list[entity_pages.Named]] | None = None
        self.same_names = False  # this build's entity index has the previous one's names
        self.volumes: search_volumes.Volumes | None = None
        self.volume_options: tuple[int, int] | None = None
        self.overview: Overview | None = None
        self.relating: LiveRelating | None = None
        self.served = ServedPages()

    def forget(self) -> None:
        """After a failed build, whose pages may be unwritten: the next makes them all."""
        self.brief_pages, self.index, self.named, self.overview = None, None, None, None
        self.served = ServedPages()

    def begin(self, archive: Archive) -> None:
        """A build of ``archive`` begins."""
        self._archive_before, self.archive = self.archive, archive

    def changes(self, archive: Archive) -> EntryChanges | None:
        """The briefs changed since the previous build (None for a first build)."""
        before = self.brief_pages
        if before is None:
            return None
        edits = None if self._archive_before is None else archive.edits_since(self._archive_before)
        if edits is None:
            return entry_changes(before.by_uri, archive.entries)
        return EntryChanges([new for _, new in edits], set(), [old for old, _ in edits])

    def entity_addresses(
        self, archive: Archive, changes: EntryChanges | None, call: Callable[..., Any]
    ) -> EntityAddresses:
        """Every entity's page: the previous build's addresses while the briefs changed
        name the same entities on the same days, or the addresses come out the same;
        with the names new to the archive placed, where no other address can change
        (:meth:`.EntityAddresses.placing`); else worked out again over every brief."""
        before = self.brief_pages
        if before is None or changes is None:
            return call(entity_addresses, archive.entries)  # type: ignore[no-any-return]
        if names_unchanged(before.by_uri, changes):
            return before.addresses
        briefs, briefs_were = [e.brief for e in changes.changed], [e.brief for e in changes.was]
        placed = before.addresses.placing(briefs, briefs_were)
        if placed is not None:
            return placed
        addresses = entity_addresses(archive.entries)
        return before.addresses if addresses.same_as(before.addresses) else addresses

    def search_volumes(
        self, archive: Archive, changes: EntryChanges | None, options: tuple[int, int]
    ) -> search_volumes.Volumes:
        """The volumes of the search index, ``options`` the most briefs of a volume and of
        a first search: where briefs were only edited in place, the previous build's."""
        same_options, self.volume_options = self.volume_options == options, options
        in_place = changes is not None and changes.in_place()
        if self.volumes is not None and same_options and in_place:
            return self.volumes
        return search_volumes.search_volumes(archive.entries, *options)

    def briefs_to_index(
        self,
        archive: Archive,
        volumes: search_volumes.Volumes,
        changes: EntryChanges | None,
        documents_kept: bool,
    ) -> tuple[Iterable[Entry], Collection[str] | None]:
        """The briefs whose search documents to make, and the addresses of the briefs gone
        (None: every document is given). Where the volumes hold the months they held (each
        brief in the volume it was in) and the indexer kept the previous build's documents
        (``documents_kept``), only the briefs changed (:meth:`.SearchIndexer.start`)."""
        before, self.volumes = self.volumes, volumes
        if before is None or changes is None or not documents_kept:
            return archive.entries, None
        if volumes.months() != before.months():
            return archive.entries, None
        return changes.changed, [page_url(uri) for uri in changes.gone]

    def archive_overview(self, archive: Archive, changes: EntryChanges | None) -> Overview:
        """:func:`.listings.archive_overview`; where briefs were only edited in place, the
        previous build's pages (their counts are the same) and months, each brief edited
        replaced in its month."""
        before = self.overview
        if before is None or changes is None or not changes.in_place():
            self.overview = listings.archive_overview(archive.entries)
            return self.overview
        pages, months = before
        now = {entry.src_uri: entry for entry in changes.changed}
        swap = {id(old): now[old.src_uri] for old in changes.was}
        months = dict(months)
        for month in changes.touched(month_of):
            months[month] = [swap.get(id(entry), entry) for entry in months[month]]
        self.overview = (pages, months)
        return self.overview

    def entity_index(
        self,
        archive: Archive,
        addresses: EntityAddresses,
        changes: EntryChanges | None,
        call: Callable[..., Any],
    ) -> tuple[entity_pages.EntityIndex, set[tuple[str, str]] | None]:
        """Every entity by kind and name, with its briefs, indexed again only for the
        entities the briefs changed name; those entities (None: all)."""
        before, index = self.brief_pages, self.index
        self.same_names = False
        if before is None or changes is None or index is None or addresses is not before.addresses:
            index, dirty = call(entity_pages.index_entities, archive.entries, addresses), None
        else:
            args = (index, changes.names(), changes.was, changes.changed, addresses)
            again, dirty = entity_pages.index_entities_again(*args)
            self.same_names = all(
                (name in index[kind]) == (name in again[kind]) for kind, name in dirty
            )
            index = again
        self.index = index
        return index, dirty

    def sorted_entities(
        self, index: entity_pages.EntityIndex
    ) -> dict[str, list[entity_pages.Named]]:
        """Each kind's entities, A to Z: where the index has the names it had, in the
        previous build's order."""
        before = self.named
        if before is not None and self.same_names:
            named = {
                kind: [index[kind][item.name] for item in items] for kind, items in before.items()
            }
        else:
            named = entity_pages.sorted_entities(index)
        self.named = named
        return named

    def brief_pages_to_remake(
        self, made: BriefPages, changes: EntryChanges | None
    ) -> tuple[Mapping[str, tuple[str, ...]], set[str] | None]:
        """Every brief's related briefs, brought up to date, and the brief pages of
        ``made`` an edit may change (None: every page)."""
        before, self.brief_pages = self.brief_pages, made
        if self.relating is None or changes is None:
            self.relating = LiveRelating(list(map(featured, made.entries)))
            return self.relating.related, None
        differ = self.relating.update(changes.gone, list(map(featured, changes.changed)))
        if before is None:
            return self.relating.related, None
        listing = self.relating.listing
        return self.relating.related, briefs_to_remake(before, made, changes, listing, differ)


def month_of(entry: Entry) -> list[listings.Month]:
    """A brief's month (as a list: :meth:`.EntryChanges.touched` takes keys)."""
    return [(entry.brief.date.year, entry.brief.date.month)]
