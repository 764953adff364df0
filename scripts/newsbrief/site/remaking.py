"""Which brief pages an edit changes, so that ``make serve`` makes only those again.

Besides the brief itself, a brief's page shows the titles of its neighbours in time and
of its related briefs, its story's briefs, the addresses of the pages of the people,
organisations and places it names, and the day of its last commit. After briefs are
added, edited or deleted, a page is made again only where one of those may differ
(:func:`briefs_to_remake`); every other page is the previous build's, untouched. With
100,000 briefs, making every page's arguments to compare them took seconds of each
rebuild after one edit.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from newsbrief.archive.addresses import EntityAddresses
from newsbrief.archive.brief import Entry
from newsbrief.site.brief_page import StoryThread

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class EntryChanges:
    """The briefs changed between two builds: those added or edited (as they are now),
    the source paths of those gone (deleted, or renamed to another path), and what the
    briefs edited or gone were (``was``)."""

    changed: list[Entry]
    gone: set[str]
    was: list[Entry]

    def names(self) -> set[str]:
        """The source paths of every brief changed or gone."""
        return {entry.src_uri for entry in self.changed} | self.gone

    def in_place(self) -> bool:
        """Whether the briefs were only edited, each keeping its source path (and so its
        date): none added, none gone."""
        return not self.gone and len(self.was) == len(self.changed)

    def touched(self, keys: Callable[[Entry], Iterable[K]]) -> set[K]:
        """The ``keys`` (tags, say) of the briefs changed or gone, as they were and are."""
        return {key for entry in (*self.was, *self.changed) for key in keys(entry)}


def entry_changes(before: Mapping[str, Entry], entries: Iterable[Entry]) -> EntryChanges:
    """What changed from the briefs ``before`` (by source path) to ``entries``: a brief
    read again is another object (:class:`newsbrief.archive.collection.BriefCache` keeps
    the same object while a brief's file is unchanged)."""
    now = {entry.src_uri: entry for entry in entries}
    changed = [entry for uri, entry in now.items() if before.get(uri) is not entry]
    gone = set(before.keys() - now.keys())
    was = [before[uri] for uri in {*(entry.src_uri for entry in changed), *gone} if uri in before]
    return EntryChanges(changed, gone, was)


def names_unchanged(before: Mapping[str, Entry], changes: EntryChanges) -> bool:
    """Whether the briefs changed name the same people, organisations and places on the
    same days as before, and none was added or deleted: then every entity's page has
    the address it had (:class:`newsbrief.archive.addresses.EntityAddresses`)."""
    if changes.gone:
        return False
    for entry in changes.changed:
        old = before.get(entry.src_uri)
        if old is None or old.brief.date != entry.brief.date:
            return False
        if old.brief.named() != entry.brief.named():
            return False
    return True


@dataclass(frozen=True)
class BriefPages:
    """The briefs of one build of ``make serve``, as their pages see them: what the next
    build needs to tell which pages to make again."""

    entries: Sequence[Entry]  # newest first
    threads: Mapping[str, StoryThread]
    addresses: EntityAddresses
    setting: tuple[Any, ...]  # what every page depends on (see :func:`briefs_to_remake`)
    by_uri: dict[str, Entry]
    position: dict[str, int]  # each brief's place among ``entries``

    @classmethod
    def of(
        cls,
        entries: Sequence[Entry],
        threads: Mapping[str, StoryThread],
        addresses: EntityAddresses,
        setting: tuple[Any, ...],
        before: BriefPages | None = None,
        changes: EntryChanges | None = None,
    ) -> BriefPages:
        """The briefs ``entries`` as their pages see them; where they are those ``before``
        with ``changes`` made in place, found from those."""
        if before is not None and changes is not None and changes.in_place():
            by_uri = before.by_uri | {entry.src_uri: entry for entry in changes.changed}
            return cls(entries, threads, addresses, setting, by_uri, before.position)
        by_uri = {entry.src_uri: entry for entry in entries}
        position = {entry.src_uri: index for index, entry in enumerate(entries)}
        return cls(entries, threads, addresses, setting, by_uri, position)

    def neighbours(self, uri: str) -> list[str]:
        """The source paths of the briefs just newer and older than the one at ``uri``
        (none where it is not here)."""
        index = self.position.get(uri)
        if index is None:
            return []
        around = (index - 1, index + 1)
        return [self.entries[i].src_uri for i in around if 0 <= i < len(self.entries)]

    def story_members(self, uri: str) -> list[str]:
        """The source paths of every brief in the story of the brief at ``uri``."""
        thread = self.threads.get(uri)
        return [] if thread is None else [entry.src_uri for entry in thread.entries]


def briefs_to_remake(
    before: BriefPages | None,
    after: BriefPages,
    changes: EntryChanges,
    listing: Callable[[Iterable[str]], Iterable[str]],
    related_differ: Iterable[str],
) -> set[str]:
    """The source paths of the brief pages of ``after`` that may differ from ``before``,
    and of the briefs gone (whose pages go): every page where there was no previous
    build or the setting differs (the Markdown converter, the vocabulary, the entity
    addresses, the site's setup, the days of the last commits); else the briefs changed
    or gone, their neighbours before and after, the briefs whose related briefs differ
    (``related_differ``) or list a brief changed (as ``listing`` tells), and every brief
    of a story a brief changed was or is in."""
    if before is None or before.setting != after.setting:
        return set(after.position)
    names = changes.names()
    remake = set(names)
    for pages in (before, after):
        for uri in names:
            remake.update(pages.neighbours(uri))
            remake.update(pages.story_members(uri))
    remake.update(related_differ)
    remake.update(listing(names))
    return remake & (after.position.keys() | changes.gone)
