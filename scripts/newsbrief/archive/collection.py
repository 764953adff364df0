"""The whole archive: the vocabulary and every brief, checked together.

Per-file checks live in :mod:`newsbrief.archive.brief`; this module adds what only the
whole archive can tell (duplicate slugs and sources, stray files) and the
indexes the site is built from.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import stat
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsbrief.archive.addresses import EntityAddresses
from newsbrief.archive.brief import Entry, read_brief
from newsbrief.archive.collector import collector_paused
from newsbrief.archive.cores import map_on_two_cores
from newsbrief.archive.fsio import file_state
from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.saved_briefs import SavedBriefs, VocabularyState, read_briefs
from newsbrief.archive.vocabulary import STORIES_FILE, Vocabulary, read_vocabulary

VOCABULARY_FILE = "tags.yml"
VOCABULARY_FILES = (VOCABULARY_FILE, STORIES_FILE)  # the briefs folder's files but briefs


@dataclass
class Archive:
    """Every brief of the archive, newest first, with the vocabulary they use."""

    vocabulary: Vocabulary
    entries: list[Entry]
    _by_tag: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _by_story: dict[str, list[Entry]] | None = field(default=None, repr=False)
    _addresses: EntityAddresses | None = field(default=None, repr=False)
    _place: dict[str, int] | None = field(default=None, repr=False, compare=False)
    _corrected: list[Entry] | None = field(default=None, repr=False, compare=False)
    _edited: tuple[weakref.ref[Archive], list[tuple[Entry, Entry]]] | None = field(
        default=None, repr=False, compare=False
    )

    def published(self, include_drafts: bool) -> Archive:
        """The archive as the site shows it: without drafts unless asked for."""
        if include_drafts:
            return self
        return Archive(self.vocabulary, [e for e in self.entries if not e.brief.draft])

    def by_tag(self) -> dict[str, list[Entry]]:
        """The briefs of every vocabulary tag (none for an unused one), newest first."""
        if not self._by_tag:
            index: dict[str, list[Entry]] = {slug: [] for slug in self.vocabulary.tags}
            for entry in self.entries:
                for tag in entry.brief.tags:
                    index[tag].append(entry)
            self._by_tag = index
        return self._by_tag

    def by_story(self) -> dict[str, list[Entry]]:
        """The briefs of every story that has any, newest first, the story with the
        newest brief first (a story of briefs/stories.yml no brief follows is left out)."""
        if self._by_story is None:
            index: dict[str, list[Entry]] = {}
            for entry in self.entries:
                if entry.brief.story is not None:
                    index.setdefault(entry.brief.story, []).append(entry)
            self._by_story = index
        return self._by_story

    def corrected(self) -> list[Entry]:
        """The briefs with corrections, newest first."""
        if self._corrected is None:
            self._corrected = [entry for entry in self.entries if entry.brief.corrections]
        return self._corrected

    def tags_in_use(self) -> dict[str, list[Entry]]:
        """The briefs of every tag some brief carries, newest first: only these tags have
        pages, feeds and a place in search."""
        return {slug: entries for slug, entries in self.by_tag().items() if entries}

    def entity_addresses(self) -> EntityAddresses:
        """The page of every person, organisation and place the briefs name."""
        if self._addresses is None:
            self._addresses = entity_addresses(self.entries)
        return self._addresses

    def edited(self, edits: Sequence[tuple[Entry, Entry]]) -> Archive:
        """This archive with each brief ``old`` of ``edits`` replaced by ``new``, edited
        in place: the same date, slug and source article (so in the same place, and no
        other brief's duplicate). The tags' and stories' lists are kept, each brief
        replaced in place, where the briefs edited kept their tags and story."""
        place = self._places()
        entries = list(self.entries)
        for old, new in edits:
            entries[place[old.src_uri]] = new
        archive = Archive(self.vocabulary, entries)
        archive._place = place
        archive._edited = (weakref.ref(self), list(edits))
        if not any(old.brief.corrections or new.brief.corrections for old, new in edits):
            archive._corrected = self._corrected
        if all(old.brief.tags == new.brief.tags for old, new in edits) and self._by_tag:
            archive._by_tag = _replaced(self._by_tag, edits, lambda e: e.brief.tags, place)
        if all(old.brief.story == new.brief.story for old, new in edits) and self._by_story:
            stories = _replaced(self._by_story, edits, _story_of, place)
            archive._by_story = stories
        return archive

    def edits_since(self, before: Archive) -> list[tuple[Entry, Entry]] | None:
        """The briefs edited in place (each as it was and is) where this archive is
        ``before`` with them edited (:meth:`edited`); else None."""
        if self._edited is None or self._edited[0]() is not before:
            return None
        return self._edited[1]

    def _places(self) -> dict[str, int]:
        """Each brief's place among the entries, by source path."""
        if self._place is None:
            self._place = {entry.src_uri: index for index, entry in enumerate(self.entries)}
        return self._place


def _story_of(entry: Entry) -> list[str]:
    return [] if entry.brief.story is None else [entry.brief.story]


def _replaced(
    lists: dict[str, list[Entry]],
    edits: Sequence[tuple[Entry, Entry]],
    keys: Callable[[Entry], Iterable[str]],
    place: dict[str, int],
) -> dict[str, list[Entry]]:
    """``lists`` (of briefs in the archive's order, by key) with each edited brief ``old``
    replaced by ``new`` in the lists of its ``keys``, found by its ``place``."""
    copied = dict(lists)
    for old, new in edits:
        for key in keys(old):
            briefs = copied[key] = list(copied[key]) if copied[key] is lists[key] else copied[key]
            index = bisect.bisect_left(briefs, place[old.src_uri], key=lambda e: place[e.src_uri])
            briefs[index] = new
    return copied


def entity_addresses(entries: Sequence[Entry]) -> EntityAddresses:
    """The page of every person, organisation and place ``entries`` (newest first) name:
    where two names meet at one slug, the older brief's name keeps it."""
    return EntityAddresses(entry.brief for entry in reversed(entries))


class BriefCache:
    """Checked briefs kept between the builds of ``mkdocs serve``: a brief is read again
    only when its file, its source article or the vocabulary changed.

    Each build looks at the state of every brief and article (a ``stat``), unless it was
    told which files changed (:meth:`expect_changes`)."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, ...], Entry]] = {}
        self._vocabulary: tuple[tuple[int, ...], Vocabulary] | None = None
        self._changed: Collection[str] | None = None
        self._listing: _Listing | None = None
        self._last: _Reading | None = None
        self._archive: tuple[_Reading, Archive] | None = None  # kept: a reading that had no problem
        self._edits: tuple[_Reading, list[tuple[Entry, Entry]]] | None = None  # since a reading

    def expect_changes(self, changed: Collection[str] | None) -> None:
        """The files (paths as text) changed since the cache last read the archive, as
        the system's file events told them: the next reading takes every other brief as
        it was, without looking at its file. None: look at every file."""
        self._changed = changed

    def vocabulary(self, folder: Path, display: str, problems: list[Problem]) -> Vocabulary:
        """The vocabulary, the same object while ``tags.yml`` and ``stories.yml`` are
        unchanged."""
        stamp = tuple(n for name in VOCABULARY_FILES for n in _state_or_none(folder / name))
        if self._vocabulary is None or self._vocabulary[0] != stamp:
            self._changed = None  # every brief is checked against it again
            vocabulary = _vocabulary(folder, display, problems)
            if problems:
                return vocabulary
            self._vocabulary = (stamp, vocabulary)
        return self._vocabulary[1]

    def brief_files(self, folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
        """:func:`_brief_files`, listed again only where the files changed may be other
        than briefs come or gone (:meth:`_Listing.after`)."""
        changed, listing = self._changed, self._listing
        after = None if changed is None or listing is None else listing.after(changed, folder)
        if after is None:
            found: list[Problem] = []
            files = _brief_files(folder, root, found)
            after = _Listing(files, found, frozenset(map(str, files)))
        self._listing = after
        problems.extend(after.problems)
        return after.files

    def read_every(
        self, files: list[Path], root: Path, read: Callable[[Path], Entry | list[Problem]]
    ) -> list[Entry | list[Problem]]:
        """``read`` of each of ``files`` (:meth:`read`, its problems caught). Told what
        changed (:meth:`expect_changes`), with the files of the previous reading, only
        the briefs changed, those whose source article changed and those that had
        problems are read again: the others are not even looked up (with 100,000
        briefs, that took a third of a second)."""
        changed, last = self._changed, self._last
        self._edits = None
        if changed is None or last is None or last.root != root:
            results = [read(file) for file in files]
            self._last = _Reading.of(files, results, root)
            return results
        if last.files is not files:  # briefs came or went
            results = last.results_for(files, changed, read)
            self._last = _Reading.of(files, results, root)
            return results
        results = list(last.results)
        again = last.to_read_again(changed)
        for index in again:
            results[index] = read(files[index])
        self._last = last.after(results, again)
        edits = [(last.results[index], results[index]) for index in again]
        if all(_in_place(old, new) for old, new in edits):
            self._edits = (last, [(old, new) for old, new in edits if old is not new])  # type: ignore[misc]
        return results

    def edited_archive(self, vocabulary: Vocabulary) -> Archive | None:
        """The archive the last reading found, where it only edited briefs in place (see
        :meth:`Archive.edited`) of the archive the one before found, with the same
        ``vocabulary``: no need to check, sort and index every brief again."""
        if self._archive is None or self._edits is None:
            return None
        (kept, before), (since, edits) = self._archive, self._edits
        if kept is not since or before.vocabulary is not vocabulary:  # not the reading before
            return None
        return self.keep(before.edited(edits))

    def keep(self, archive: Archive) -> Archive:
        """Keep ``archive``, the one the last reading found (with no problem)."""
        if self._last is not None:
            self._archive = (self._last, archive)
        return archive

    def read(self, file: Path, root: Path, folder: Path, vocabulary: Vocabulary) -> Entry:
        """The brief in ``file``, read again only if it, its source article or the
        vocabulary (as :meth:`vocabulary` last found it) changed."""
        cached = self._entries.get(file)
        if cached is not None and self._unchanged(file, root, cached):
            return cached[1]
        entry = read_brief(file, root, folder, vocabulary)
        self._entries[file] = (self._stamp(file, root, entry), entry)
        return entry

    def _unchanged(self, file: Path, root: Path, cached: tuple[tuple[int, ...], Entry]) -> bool:
        changed = self._changed
        if changed is None:
            return cached[0] == self._stamp(file, root, cached[1])
        source = f"{root}/{cached[1].brief.source.path}"
        return str(file) not in changed and source not in changed

    def _stamp(self, file: Path, root: Path, entry: Entry) -> tuple[int, ...]:
        """The state of the brief's file and source article (by path as a string: two
        ``Path`` joins a brief were half the time a serve rebuild took to find the
        briefs unchanged), with the vocabulary's."""
        vocabulary = self._vocabulary[0] if self._vocabulary is not None else ()
        try:
            brief = os.stat(file)  # noqa: PTH116
            source = os.stat(f"{root}/{entry.brief.source.path}")  # noqa: PTH116
        except OSError:
            return ()  # a file is gone: read the brief again, which says what is missing
        return (brief.st_mtime_ns, brief.st_size, source.st_mtime_ns, source.st_size, *vocabulary)


@dataclass
class _Reading:
    """The briefs of one reading, in the order of their files, with the places among
    them of each brief file and source article (path as text), and of those that failed."""

    files: list[Path]
    results: list[Entry | list[Problem]]
    root: Path
    places: dict[str, list[int]]
    failed: list[int]

    @classmethod
    def of(cls, files: list[Path], results: list[Entry | list[Problem]], root: Path) -> _Reading:
        places: dict[str, list[int]] = {}
        for index, file in enumerate(files):
            places.setdefault(str(file), []).append(index)
        reading = cls(files, results, root, places, [])
        reading.place(range(len(results)))
        return reading

    def place(self, indexes: Iterable[int]) -> None:
        """Note the source article of each brief read at ``indexes``, or its failure."""
        for index in indexes:
            result = self.results[index]
            if isinstance(result, Entry):
                source = f"{self.root}/{result.brief.source.path}"
                self.places.setdefault(source, []).append(index)
            else:
                self.failed.append(index)

    def to_read_again(self, changed: Collection[str]) -> set[int]:
        """The places of the briefs to read again after the files ``changed`` changed."""
        again = {index for path in changed for index in self.places.get(path, ())}
        return again | set(self.failed)

    def results_for(
        self,
        files: list[Path],
        changed: Collection[str],
        read: Callable[[Path], Entry | list[Problem]],
    ) -> list[Entry | list[Problem]]:
        """The results of a reading of ``files``, another list than this reading's, after
        the files ``changed`` changed: this reading's where it holds (not looked up), and
        ``read`` of the others (briefs come, changed, whose article changed, or failed)."""
        again = {str(self.files[index]) for index in self.to_read_again(changed)}
        places, results = self.places, self.results
        return [
            read(file)
            if (path := str(file)) in again or path not in places
            else results[places[path][0]]
            for file in files
        ]

    def after(self, results: list[Entry | list[Problem]], read: Collection[int]) -> _Reading:
        """The next reading: ``results``, of which those at ``read`` were read again."""
        failed = [index for index in self.failed if index not in read]
        reading = _Reading(self.files, results, self.root, self.places, failed)
        reading.place(read)
        return reading


def _in_place(old: Entry | list[Problem], new: Entry | list[Problem]) -> bool:
    """Whether ``new`` is the brief ``old`` edited in place: both sound, in the same place
    of the archive, with the same source article."""
    if not isinstance(old, Entry) or not isinstance(new, Entry):
        return False
    same_source = old.brief.source.sha256 == new.brief.source.sha256
    return same_source and archive_order(old) == archive_order(new)


@dataclass(frozen=True)
class _Listing:
    """The briefs folder's files as :func:`_brief_files` found them."""

    files: list[Path]
    problems: list[Problem]
    paths: frozenset[str]  # the files' paths as text

    def after(self, changed: Collection[str], folder: Path) -> _Listing | None:
        """This listing once the files ``changed`` (as the file events name them) changed,
        where each of them below ``folder`` is a brief file come, a listed file gone, or
        as it was; else None, for :func:`_brief_files` to list the folder again and say
        what is wrong (a stray file, a symbolic link). Hidden files are never listed; a
        listing with problems is never kept (a stray file may be gone)."""
        if self.problems:
            return None
        below = f"{folder}{os.sep}"
        vocabulary_files = {str(folder / name) for name in VOCABULARY_FILES}
        come, gone = [], set()
        for path in changed:
            if not path.startswith(below) or path in vocabulary_files or _hidden(path):
                continue
            kind, listed = _kind_of(path), path in self.paths
            if kind == "file" and listed:
                continue  # edited
            if kind == "file" and path.endswith(".md"):
                come.append(path)
            elif kind == "missing" and listed:
                gone.add(path)
            elif kind != "missing":  # a stray file, a symbolic link: listed again, to say so
                return None
        if not come and not gone:
            return self
        files = [file for file in self.files if str(file) not in gone]
        for path in come:
            bisect.insort(files, Path(path), key=_path_parts)
        return _Listing(files, [], self.paths - gone | frozenset(come))


def _kind_of(path: str) -> str:
    """``file``, ``missing`` or ``other`` (a folder, a symbolic link...): what is at
    ``path``, a symbolic link not followed."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return "missing"
    return "file" if stat.S_ISREG(mode) else "other"


def _hidden(path: str) -> bool:
    return os.path.basename(path).startswith(".")  # noqa: PTH119 - a string's


def _path_parts(file: Path) -> tuple[str, ...]:
    """What :func:`_brief_files` sorts paths by (folder by folder, as :func:`_parts`)."""
    return file.parts


def _state_or_none(file: Path) -> tuple[int, ...]:
    """The file's state (:func:`file_state`), or ``(0, 0)`` when it is not there."""
    try:
        return file_state(file)
    except OSError:
        return (0, 0)


@collector_paused()  # thousands of new objects: see collector_paused
def load_archive(
    root: Path,
    briefs_dir: str = "briefs",
    cache: BriefCache | None = None,
    two_cores: bool = True,
    saved: SavedBriefs | None = None,
) -> Archive:
    """Load and check the vocabulary and every brief under ``root/briefs_dir``.

    Raises :class:`NewsbriefError` with every problem of every file; a bad brief
    is never skipped. With a ``cache``, briefs unchanged since it read them are not
    read again. Without one, and with ``two_cores``, a forked child reads every other
    brief where it can (:func:`newsbrief.archive.cores.map_on_two_cores`).

    With ``saved`` instead of a ``cache`` (for ``mkdocs build``), briefs whose bytes, source
    article and vocabulary are those they were saved with come from it unparsed, and it is
    then saved with the briefs of this archive that have no problem of their own
    (:func:`newsbrief.archive.saved_briefs.read_briefs`).
    """
    if cache is not None and saved is not None:
        raise ValueError("load_archive takes a cache or saved briefs, not both")
    folder = root / briefs_dir
    problems: list[Problem] = []
    display = f"{briefs_dir}/{VOCABULARY_FILE}"
    if saved is not None:  # before the vocabulary is read: see read_briefs
        vocabulary_state = VocabularyState.of([folder / name for name in VOCABULARY_FILES])
    if cache is not None:
        vocabulary, read = cache.vocabulary(folder, display, problems), cache.read
        files = cache.brief_files(folder, root, problems)
    else:
        vocabulary, read = _vocabulary(folder, display, problems), read_brief
        files = _brief_files(folder, root, problems)

    def entry_or_problems(file: Path) -> Entry | list[Problem]:
        try:
            return read(file, root, folder, vocabulary)
        except NewsbriefError as error:
            return error.problems

    results: list[Entry | list[Problem]]
    if saved is not None:
        results = read_briefs(saved, files, root, folder, vocabulary, vocabulary_state, two_cores)
    elif cache is None:
        results = map_on_two_cores(entry_or_problems, files, two_cores)
    else:  # a cache keeps what it reads: in this process
        results = cache.read_every(files, root, entry_or_problems)
        edited = None if problems else cache.edited_archive(vocabulary)
        if edited is not None:
            return edited
    entries = []
    for result in results:
        if isinstance(result, Entry):
            entries.append(result)
        else:
            problems.extend(result)
    problems.extend(_duplicates(entries))
    if problems:
        raise NewsbriefError(problems)
    entries.sort(key=archive_order, reverse=True)
    archive = Archive(vocabulary, entries)
    return archive if cache is None else cache.keep(archive)


def archive_order(entry: Entry) -> tuple[dt.date, str]:
    """What the archive's briefs are sorted by, newest first (``reverse=True``)."""
    return (entry.brief.date, entry.slug)


def _vocabulary(folder: Path, display: str, problems: list[Problem]) -> Vocabulary:
    # Keep checking briefs against what is sound of the vocabulary: every other problem
    # still shows.
    return read_vocabulary(folder / VOCABULARY_FILE, display, problems)


def _brief_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """Every ``.md`` file below ``folder``, in order of path; any other file there is
    reported as stray."""
    if not folder.is_dir():
        problems.append(Problem(str(folder), 1, "folder", "the briefs folder does not exist"))
        return []
    files = []
    for found in sorted(_below(str(folder)), key=_parts):
        file = Path(found.path)
        if found.is_symlink():  # it could bring in any file of the machine that builds
            problems.append(
                Problem(
                    file.relative_to(root).as_posix(),
                    1,
                    "file",
                    "is a symbolic link; put the brief itself in briefs/",
                )
            )
            continue
        if found.is_dir() or found.name.startswith("."):
            continue
        if file.suffix == ".md":
            files.append(file)
        elif file.parent != folder or file.name not in VOCABULARY_FILES:
            problems.append(
                Problem(
                    file.relative_to(root).as_posix(),
                    1,
                    "file",
                    "is not a brief; briefs are Markdown files named YYYY/MM/DD-slug.md",
                )
            )
    return files


def _parts(entry: os.DirEntry[str]) -> list[str]:
    """What paths sort by, as ``Path`` sorts them (folder by folder)."""
    return entry.path.split(os.sep)  # noqa: PTH206 - a string's: no Path made to sort


def _below(folder: str) -> Iterator[os.DirEntry[str]]:
    """Every entry below ``folder``, not following symbolic links: directory entries
    tell files from folders without a ``stat`` each (``Path.rglob`` took a third of the
    time a serve rebuild spent finding 10,000 briefs unchanged)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            yield entry
            if entry.is_dir(follow_symlinks=False):
                yield from _below(entry.path)


def _duplicates(entries: Collection[Entry]) -> list[Problem]:
    """Briefs that reuse another brief's slug or source article (two sets tell whether
    there are any; only then are they looked for, brief by brief)."""
    slugs_unique = len({entry.slug for entry in entries}) == len(entries)
    if slugs_unique and len({entry.brief.source.sha256 for entry in entries}) == len(entries):
        return []
    problems = []
    slugs: dict[str, str] = {}
    sources: dict[str, str] = {}
    for entry in sorted(entries, key=lambda e: e.path):
        owner = slugs.setdefault(entry.slug, entry.path)
        if owner != entry.path:
            problems.append(
                Problem(
                    entry.path,
                    1,
                    "slug",
                    f"{entry.slug!r} is already the slug of {owner}; give this brief another slug",
                )
            )
        owner = sources.setdefault(entry.brief.source.sha256, entry.path)
        if owner != entry.path:
            problems.append(
                Problem(
                    entry.path,
                    entry.line_of("source.sha256"),
                    "source.sha256",
                    f"the same source article is already the brief {owner}; "
                    "edit that brief instead",
                )
            )
    return problems
