"""What ``mkdocs build`` made, kept on disk for the next build (``.cache/newsbrief/``).

A build after one brief is added or edited should not make 10,000 pages again. The site's
page functions are pure: a page outside the navigation is ``function(*args)``, put off
as a ``functools.partial`` (:mod:`newsbrief.site.calls`), and its HTML follows from that
call, its address and the build's setup. So each such page is cached under a digest of
those (:class:`Digests`), and a later build whose digest matches copies the page into the
site instead of making and rendering it; MkDocs never sees it. The same goes for each
volume of the search index (:mod:`newsbrief.site.search_volumes`): a volume whose briefs
are the same is copied, not indexed again; for the files the build writes into the site
itself, a folder's feeds, by the digest of the call that makes them
(:meth:`BuildCache.reuse_files`); for the related briefs, made again from the last
build's where they may have changed (:meth:`BuildCache.kept_result`); and for the
checked briefs (:mod:`newsbrief.archive.saved_briefs`). The copies are made by a forked
process while the build goes on: tens of thousands of files.

Pages, feeds and volumes go between the site and the cache as hard links where both are
on one file system (:func:`.index_runs.link_or_copy`): on the disk the benchmarks ran on,
creating a file cost about ten times what linking one did, and a first build at 10,000
briefs stores 16,000 pages and 14,000 feeds. So a page in the site is the cache's file,
and no build writes into a file of the site in place: MkDocs does, so the files it is to
write are unlinked first (:func:`free_for_writing`), a feed written again replaces the
site's file (:func:`.generated.written_into_site`), and so does a page copied from the
cache. A page or feed changed in the site by other hands since the last build has
changed the cache's file with it: it is made again (:meth:`BuildCache._place`).

The setup (:func:`setup_key`) is in every digest: newsbrief's own files, the version of
every installed package (MkDocs, Material, Pagefind, Markdown...), Python's, and the
bytes of ``mkdocs.yml``, ``docs/``, the theme overrides and the vocabulary. A cache made
by anything else is never used, and what the build did not use is deleted at its end.

Pages, volumes and results go into the cache only when the build succeeded with no
warning (a page that warned in a strict build must warn again in the next), each made
under a temporary name and renamed into place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import importlib.metadata
import inspect
import io
import os
import pickle
import shutil
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig

import newsbrief
from newsbrief.archive import cores
from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import VOCABULARY_FILES
from newsbrief.archive.fsio import write_atomic
from newsbrief.archive.saved_briefs import UNPICKLING_ERRORS, SavedBriefs
from newsbrief.mkdocs_adapter.index_runs import ENTRY, copy_linked, link_or_copy
from newsbrief.site.search_volumes import Volumes

FORMAT = "newsbrief build cache 2"
"""Changed when what the cache holds, or how it is keyed, changes."""
PAGES = "pages"
FILES = "files"  # the files the build writes into the site itself: feeds
SEARCH = "search"
RESULTS = "results"
BRIEFS = "briefs"
TEMPLATES = "templates"
SITE_RECORD = "site.pickle"
_PLAIN = (str, int, float, bool, type(None), dt.date)
_MISSING = object()  # what :meth:`BuildCache._read_stored` finds where nothing is stored
IN_PLACE, IN_CACHE = "in place", "in the cache"  # where :meth:`BuildCache._place` finds one


CONFIG_KEYS = (
    "site_name site_url site_description site_author copyright use_directory_urls "
    "repo_url repo_name edit_uri extra extra_css extra_javascript extra_templates "
    "markdown_extensions mdx_configs nav not_in_nav exclude_docs draft_docs validation"
).split()
"""The settings of mkdocs.yml, as loaded (environment variables, ``INHERIT`` and the
command line's options resolved), that pages may show; the theme's and plugins' too."""


def setup_key(config: MkDocsConfig, briefs_dir: Path) -> str:
    """A digest of everything besides the briefs that a page's HTML may depend on.

    Raises ``TypeError`` where a setting has no stable digest (an object without a
    ``repr`` of its own): the build then has no cache."""
    settings = f"{FORMAT}\n{sys.version}\n{config.site_dir}\n"
    digest = hashlib.sha256(settings.encode())
    digest.update(_config_digest(config).encode())
    for package in sorted(_installed_packages()):
        digest.update(f"{package}\n".encode())
    for path in _setup_files(config, briefs_dir):
        digest.update(f"{path}\n".encode())
        digest.update(path.read_bytes() if path.is_file() else b"(none)")
    return digest.hexdigest()


def _config_digest(config: MkDocsConfig) -> str:
    values = [(key, config[key]) for key in CONFIG_KEYS]
    values.append(("theme", (config.theme.name, config.theme.dirs, dict(config.theme))))
    values += [(name, dict(plugin.config)) for name, plugin in config.plugins.items()]
    return Digests("").of_call(values)


def _installed_packages() -> Iterable[str]:
    for distribution in importlib.metadata.distributions():
        yield f"{distribution.metadata['Name']}=={distribution.version}"


def _setup_files(config: MkDocsConfig, briefs_dir: Path) -> list[Path]:
    """newsbrief's own files, mkdocs.yml, docs/, the theme overrides and the vocabulary
    (a missing stories.yml is a state too)."""
    folders = [Path(newsbrief.__file__).parent, Path(config.docs_dir)]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    files = [Path(config.config_file_path), *(briefs_dir / name for name in VOCABULARY_FILES)]
    files += [Path(hook.__file__) for hook in config.hooks.values() if hook.__file__]
    for folder in folders:
        files += sorted(
            path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts
        )
    return files


class Digests:
    """Digests of the page functions' arguments, stable from one build to the next.

    Text, numbers and dates are digested by value; lists, tuples, dicts and records
    (dataclasses) by their items (pickled as they are: :class:`_Pickler`), but sets, in
    no stable order (the page functions take none); functions by their name (their code
    is in the setup, and so is what the one closure passed holds: the Markdown converter,
    made from mkdocs.yml's Markdown settings), a bound method with its object; a brief by
    the digest it was checked with (:attr:`entries`), else by its ``repr``, which holds
    every field of its front matter and its summary (one string: digesting its fields one
    by one costs more); anything else by its ``repr``. An object without a ``repr`` of
    its own (``object``'s names a memory address, which differs in every build) raises
    ``TypeError``: the call it is passed to is not cached. Each object's digest but a
    plain value's is computed once per build (by identity: the object is held, so its
    identity is not reused).
    """

    def __init__(self, setup: str) -> None:
        self._setup = setup.encode()
        self._known: dict[int, tuple[Any, bytes]] = {}
        self.entries: Mapping[int, tuple[Entry, bytes]] = {}  # briefs read, by identity
        self._free: list[_Pickler] = []

    def of_call(self, *parts: Any) -> str:
        """The digest of a call, with the setup's."""
        return hashlib.blake2b(self._setup + self._pickled(parts), digest_size=20).hexdigest()

    def _pickled(self, value: Any) -> bytes:
        """``value`` as pickled bytes, where each object but plain values and the lists,
        tuples and dicts holding them stands for its digest (:class:`_Pickler`). Picklers
        are made once and used again (one for each object being digested within another's
        pickling): making one cost more than most of what they pickle."""
        pickler = self._free.pop() if self._free else _Pickler(self)
        try:
            return pickler.pickled(value)
        finally:
            self._free.append(pickler)

    def of(self, value: Any) -> bytes:
        """The digest of an object the pickler does not take as it is."""
        if isinstance(value, _PLAIN):  # a subclass: Html, say
            return f"{type(value).__qualname__}:{value!r}".encode()
        known = self._known.get(id(value))
        if known is not None:
            return known[1]
        digest = hashlib.blake2b(self._described(value), digest_size=16).digest()
        self._known[id(value)] = (value, digest)
        return digest

    def _described(self, value: Any) -> bytes:
        if isinstance(value, list | tuple):  # a named tuple, say
            return b"sequence" + self._pickled(tuple(value))
        if isinstance(value, Mapping):
            return b"mapping" + self._pickled(list(value.items()))
        if isinstance(value, functools.partial):
            return b"partial" + self._pickled((value.func, value.args, value.keywords))
        if callable(value) and hasattr(value, "__qualname__"):
            named = f"function {value.__module__}.{value.__qualname__}".encode()
            bound = getattr(value, "__self__", None)
            return named if bound is None or inspect.ismodule(bound) else named + self.of(bound)
        if isinstance(value, Entry) and id(value) in self.entries:
            return b"checked brief" + self.entries[id(value)][1]
        if dataclasses.is_dataclass(value) and not isinstance(value, Entry | type):
            fields = tuple(getattr(value, field.name) for field in dataclasses.fields(value))
            return type(value).__qualname__.encode() + self._pickled(fields)
        if type(value).__repr__ is object.__repr__:  # names a memory address
            raise TypeError(f"newsbrief: no stable digest for {type(value).__name__}")
        return f"{type(value).__qualname__}:{value!r}".encode()


def _digested(digest: bytes) -> None:
    """What an object :class:`_Pickler` digests is pickled as: a call of this function
    with the digest (never made: the bytes are only digested)."""


class _Pickler(pickle.Pickler):
    """Pickles plain values and the lists, tuples and dicts of them as they are, in C,
    and anything else as its digest (:meth:`Digests.of`): with 10,000 briefs, a million
    objects, which digesting one by one in Python took 2.5 s.

    The pickler asks :meth:`reducer_override` about every object but ``None``, ``True``,
    ``False`` and exact ``int``, ``float``, ``bytes``, ``str``, ``dict``, ``list``,
    ``tuple``, ``set`` and ``frozenset`` (a ``persistent_id`` would be asked about every
    object: four times as many calls in Python). So a set inside another value is
    pickled in its order of iteration, which differs from one process to the next: the
    page functions take none (one would make its call miss the cache, never hit another's).

    No memo (``fast``): equal values give equal bytes, whether or not they are one object.
    """

    def __init__(self, digests: Digests) -> None:
        self._buffer = io.BytesIO()
        super().__init__(self._buffer, pickle.HIGHEST_PROTOCOL)
        self.fast = True
        # In the memo from the start (fast mode adds nothing to it), the function of each
        # digest is pickled as a memo index, not looked up by module and name: a tenth of
        # the time for each object digested.
        self.memo = {id(_digested): (0, _digested)}  # type: ignore[assignment]
        self._digests = digests

    def pickled(self, value: Any) -> bytes:
        """``value`` pickled, alone (the buffer emptied after)."""
        try:
            self.dump(value)
            return self._buffer.getvalue()
        finally:
            self._buffer.seek(0)
            self._buffer.truncate()

    def reducer_override(self, obj: Any) -> Any:
        if obj is _digested:  # not in the memo after all: pickled by module and name
            return NotImplemented
        return _digested, (self._digests.of(obj),)


@dataclass(frozen=True)
class SiteRecord:
    """What a build left in the site, for the next build to keep in place what is the
    same (:mod:`.old_site` moves the site back): each page's and volume's key with its
    file's size and modification time (a page changed since, by hand or by a build
    without the cache, is copied again)."""

    setup: str
    outputs: dict[str, tuple[str, int, int]]


class BuildCache:
    """The pages and search volumes of the previous builds, by the digest of what made
    them, in ``folder``."""

    def __init__(
        self,
        folder: Path,
        setup: str,
        site_dir: Path,
    ) -> None:
        self.folder = folder
        self.setup = setup
        self.digests = Digests(setup)
        self._site_dir = str(site_dir)  # joined with strings: a Path a page cost 0.1 s at 10,000
        self.previous = self._take_site_record()
        self._outputs: dict[str, tuple[str, str, str]] = {}  # for the record: path in the
        # site -> (kind, key, where)
        self._kept: dict[str, tuple[int, int]] = {}  # of those, the ones left in place, with
        # the state they were found in (:func:`_state`): a stat each, not two
        self._made_elsewhere: set[Path] = set()  # where others copy what is to be stored
        self._used: dict[str, set[str]] = {
            PAGES: set(),
            FILES: set(),
            SEARCH: set(),
            RESULTS: set(),
            TEMPLATES: set(),
        }
        self._to_store: list[tuple[str, str, Path]] = []  # (kind, key, where it is built)
        self._to_copy: list[tuple[Path, Path]] = []  # (stored, where it goes in the site)
        self._copier: int | None = None  # the forked process copying them

    def saved_briefs(self) -> SavedBriefs:
        """Where the archive keeps the briefs it checked (:mod:`newsbrief.archive.saved_briefs`);
        a brief read through it is digested by the digest it was checked with, not by its
        ``repr`` (a second for 10,000 briefs)."""
        saved = SavedBriefs(self.folder / BRIEFS, self.setup)
        self.digests.entries = saved.digests
        return saved

    def compiled_templates(self) -> FileSystemBytecodeCache:
        """Where Jinja keeps the theme's templates compiled, for the next build (compiling
        Material's took 1.5 s a build): a folder of this setup's, which holds the theme,
        its overrides and the versions of Jinja and Python (the others' are deleted with
        what else the build did not use: :meth:`store`). Jinja checks each template's
        source too, and replaces a compiled file whole."""
        name = self.setup[:32]
        self._used[TEMPLATES].add(name)
        folder = self.folder / TEMPLATES / name
        folder.mkdir(parents=True, exist_ok=True)
        return FileSystemBytecodeCache(str(folder))

    def kept_result(self, name: str) -> object | None:
        """What a previous build of this setup kept under ``name`` (:meth:`keep_result`),
        or None where none did (or it cannot be read). A result to make the next one from:
        the related briefs, say, of which an edit changes a few."""
        kept = self._read_stored(self._result_key(name))
        return None if kept is _MISSING else kept

    def keep_result(self, name: str, result: object) -> None:
        """Keep ``result`` under ``name`` for the next build (:meth:`kept_result`), once
        this one succeeded (:meth:`store`)."""
        self._write_stored(self._result_key(name), result)

    def _read_stored(self, key: str) -> object:
        """The result stored under ``key``, or :data:`_MISSING` where there is none or it
        cannot be read (damaged by a full disk or a stopped machine: deleted, to be made
        again)."""
        stored = self.folder / RESULTS / key
        try:
            with stored.open("rb") as file:
                return pickle.load(file)
        except FileNotFoundError:
            return _MISSING
        except UNPICKLING_ERRORS:
            stored.unlink()
            return _MISSING

    def _write_stored(self, key: str, result: object) -> None:
        """Store ``result`` under ``key`` once the build succeeded (:meth:`store`)."""
        self._used[RESULTS].add(key)
        made = _made_path(self.folder / RESULTS / key)
        made.parent.mkdir(parents=True, exist_ok=True)
        with made.open("wb") as file:
            pickle.dump(result, file, pickle.HIGHEST_PROTOCOL)
        self._to_store.append((RESULTS, key, made))

    def _result_key(self, name: str) -> str:
        return self.digests.of_call("kept result", name)

    def reuse_pages(
        self, pages: Sequence[tuple[str, functools.partial[Any], str]], two_cores: bool = True
    ) -> list[str]:
        """Of ``pages`` (source path, the call that makes it, where it is written in the
        site), those whose digest the cache holds, which MkDocs is then not to see
        (:meth:`copy` copies them into the site, if they are not there already). The
        others are stored once built (:meth:`store`). With ``two_cores``, a forked child
        digests every other page (:func:`.cores.map_on_two_cores`)."""
        keys = cores.map_on_two_cores(self._page_key, pages, two_cores)
        reused = []
        for (src_uri, _, written), key in zip(pages, keys, strict=True):
            if key is not None and self._found(PAGES, key, written):
                reused.append(src_uri)
        return reused

    def _page_key(self, page: tuple[str, functools.partial[Any], str]) -> str | None:
        src_uri, rendering, _ = page
        return self._key(src_uri, rendering)

    def reuse_volumes(
        self, volumes: Volumes, entries: Mapping[str, Entry], output: str
    ) -> tuple[set[str], dict[str, Path]]:
        """The folders of the volumes of the search index whose briefs are the same as
        when the cache stored them, which :meth:`copy` copies into ``output`` (the
        site's folder of the index); and for each other volume (by folder), where the
        process that indexes it is to copy it for the cache once made (a volume of
        2,000 briefs is 2,000 files): :meth:`store` then only renames it."""
        reused, copies = set(), {}
        for volume in volumes.volumes:
            briefs = [entries[src_uri] for src_uri in volume.src_uris]
            key = self._key(volume.path, briefs)
            if key is None:
                continue
            if self._found(SEARCH, key, f"{output}/{volume.path[:-1]}"):
                reused.add(volume.path)
            else:
                copies[volume.path] = _made_path(self.folder / SEARCH / key)
                _remove(copies[volume.path])  # a stopped build's: only the indexer's is stored
        self._made_elsewhere.update(copies.values())
        return reused, copies

    def reuse_files(self, written: list[str], call: functools.partial[Any]) -> bool:
        """Whether the files ``written`` (paths in the site) that ``call`` makes (a
        folder's feeds, say) are those the last build made from the same call: left in
        the site as it left them, or copied from the cache (:meth:`copy`). If one is not,
        the build is to write them all, and they are stored once it succeeds."""
        key = self._key(call.func, call.args)
        if key is None:
            return False
        named = [(f"{key}-{path.rpartition('/')[2]}", path) for path in written]
        places = [self._place(FILES, name, path) for name, path in named]
        found = None not in places
        for (name, path), place in zip(named, places, strict=True):
            self._plan(FILES, name, path, place if found else None)
        return found

    def _key(self, *call: Any) -> str | None:
        """The digest of a call, or None where one of its arguments has none (it is then
        made every build)."""
        try:
            return self.digests.of_call(*call)
        except TypeError:
            return None

    def _take_site_record(self) -> SiteRecord | None:
        """The record of the site the last build that succeeded left (:class:`SiteRecord`),
        if it was made with this setup. It holds for the builds that failed since: none
        writes a file in place (:func:`free_for_writing`), so a file with the size and
        modification time it records holds what it records."""
        record = self.folder / SITE_RECORD
        try:
            taken = record.read_bytes()
        except FileNotFoundError:
            return None
        try:
            previous = pickle.loads(taken)
        except UNPICKLING_ERRORS:  # damaged, or from another version of newsbrief
            return None
        same = isinstance(previous, SiteRecord) and previous.setup == self.setup
        return previous if same else None

    def _found(self, kind: str, key: str, relative: str) -> bool:
        """Whether the ``kind`` of output under ``key`` is at ``relative`` (its path in
        the site) already or in the cache (:meth:`_place`), to be copied there; if
        neither, it is stored once built."""
        place = self._place(kind, key, relative)
        self._plan(kind, key, relative, place)
        return place is not None

    def _place(self, kind: str, key: str, relative: str) -> str | None:
        """Where the ``kind`` of output under ``key`` is for ``relative`` (its path in the
        site): :data:`IN_PLACE` (left there by the last build, in the site it moved back:
        :attr:`previous`), :data:`IN_CACHE`, or None; recorded for the next build."""
        self._used[kind].add(key)
        target = f"{self._site_dir}/{relative}"
        self._outputs[relative] = (kind, key, target)
        if self._in_place(kind, key, relative):
            return IN_PLACE
        stored = self.folder / kind / key
        if kind != SEARCH and _same_file(stored, target):  # and not in place: changed in
            stored.unlink()  # the site since the last build, in place, so the cache's too
        return IN_CACHE if stored.exists() else None

    def _plan(self, kind: str, key: str, relative: str, place: str | None) -> None:
        """Have an output the cache holds (:data:`IN_CACHE`) copied into the site, and
        one it has nowhere (None) stored once built."""
        if place == IN_PLACE:  # most of them: no Path made (0.15 s at 10,000 briefs)
            return
        target = Path(self._outputs[relative][2])
        if place == IN_CACHE:
            # A volume of the last build's left here is replaced: by the copy (_copy_entry)
            # or by the indexing process (index_runs), not in this one (2,000 files at 10,000).
            self._to_copy.append((self.folder / kind / key, target))
        else:
            self._kept.pop(relative, None)  # in place, but to be written again all the same
            self._to_store.append((kind, key, target))

    def _in_place(self, kind: str, key: str, relative: str) -> bool:
        """Whether the last build left this output at ``relative`` (recorded in
        :attr:`_outputs` first), untouched since (the same size and modification time as
        it recorded; kept in :attr:`_kept` for this build's record)."""
        if self.previous is None:
            return False
        state = _state(kind, self._outputs[relative][2])
        if self.previous.outputs.get(relative) != (key, *state):
            return False
        self._kept[relative] = state
        return True

    def copy(self) -> None:
        """Copy the pages and volumes found into the site, in a forked process where one
        helps (:func:`newsbrief.archive.cores.fork`): tens of thousands of files, while
        this one goes on with the build. :meth:`wait` waits for it."""
        copies, self._to_copy = self._to_copy, []
        if cores.available() and len(copies) >= cores.WORTH_A_FORK:
            self._copier = cores.fork(lambda: _copy_all(copies))
        else:
            _copy_all(copies)

    def wait(self) -> bool:
        """Wait for the copies :meth:`copy` started; whether they succeeded."""
        copier, self._copier = self._copier, None
        return copier is None or cores.succeeded(copier)

    def discard(self) -> None:
        """Leave the cache as it was: call once the build failed or warned."""
        for kind, _, made in self._to_store:
            if kind == RESULTS:
                made.unlink(missing_ok=True)
        for made in self._made_elsewhere:
            _remove(made)
        self._to_store = []

    def store(self) -> None:
        """Keep what this build made, and delete what it did not use: call once the
        build succeeded. The state of each output in the site is recorded
        (:class:`SiteRecord`)."""
        copies = []
        for kind in (PAGES, FILES, SEARCH):
            (self.folder / kind).mkdir(parents=True, exist_ok=True)
        for kind, key, built in self._to_store:
            stored = self.folder / kind / key
            if kind == RESULTS:
                built.replace(stored)
            else:
                made = _made_path(stored)
                copies.append((built, stored, made, made in self._made_elsewhere))
        cores.map_on_two_cores(_store, copies)  # a first build at 10,000 briefs stores
        # some 16,000 pages: 22 s on one core with a Path call more per file
        for kind, used in self._used.items():
            folder = self.folder / kind
            for stored in folder.iterdir() if folder.is_dir() else []:
                if stored.name not in used:
                    _remove(stored)
        self._to_store = []
        self._record_site()

    def _record_site(self) -> None:
        outputs = {
            relative: (key, *(self._kept.get(relative) or _state(kind, target)))
            for relative, (kind, key, target) in self._outputs.items()
        }
        record = SiteRecord(self.setup, outputs)
        write_atomic(self.folder / SITE_RECORD, pickle.dumps(record, pickle.HIGHEST_PROTOCOL))


def _state(kind: str, target: str) -> tuple[int, int]:
    """A page's file's size and modification time (a volume's: its entry file's)."""
    try:
        path = f"{target}/{ENTRY}" if kind == SEARCH else target
        status = os.stat(path)  # noqa: PTH116 - a string: 30,000 of them at 10,000 briefs
    except FileNotFoundError:
        return (-1, -1)
    return (status.st_size, status.st_mtime_ns)


def _store(copy: tuple[Path, Path, Path, bool]) -> None:
    """Copy a page or feed (a file) or volume (a folder) built into the cache (as hard
    links where it can: :func:`_copy_entry`), under a temporary name renamed into place:
    a build stopped halfway never leaves a half-copied entry.
    Where another process copied it under that name already (``made_elsewhere``), it is
    only renamed."""
    built, stored, partial, made_elsewhere = copy
    if stored.exists():
        if made_elsewhere:
            _remove(partial)
        return
    if not made_elsewhere or not partial.exists():
        try:
            _copy_entry(built, partial)  # over any partial a stopped build left
        except FileNotFoundError:  # not written: a page MkDocs left out, say
            return
    partial.replace(stored)


def _copy_all(copies: Iterable[tuple[Path, Path]]) -> bool:
    """Copy each stored page or feed (a file) or volume (a folder) to its place in the
    site."""
    for stored, target in copies:
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_entry(stored, target)
    return True


def _copy_entry(source: Path, target: Path) -> None:
    """Copy a file or folder in place of ``target``, as hard links where it can."""
    if source.is_dir():  # a volume of the search index
        _remove(target)
        copy_linked(source, target)
    else:  # a page or feed: the file at target may be another entry's, never written over
        target.unlink(missing_ok=True)
        link_or_copy(str(source), str(target))


def _same_file(stored: Path, target: str) -> bool:
    """Whether the cache's file ``stored`` is the site's file at ``target`` (a link)."""
    try:
        return stored.samefile(target)
    except FileNotFoundError:
        return False


def free_for_writing(site_dir: str, paths: Iterable[str]) -> None:
    """Unlink the files at ``paths`` in the site, which MkDocs is about to write: each may
    be the cache's file too (a hard link), and MkDocs writes a file in place."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{site_dir}/{path}")  # noqa: PTH108 - a string: thousands of them


def _made_path(stored: Path) -> Path:
    """Where an entry is made before it is stored (renamed to ``stored``): never a name the
    cache looks up, so a build that fails leaves nothing it would use."""
    return stored.with_name(f"{stored.name}.{os.getpid()}.partial")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
