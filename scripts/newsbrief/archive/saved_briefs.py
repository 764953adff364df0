"""Checked briefs saved on disk, so that a build parses only the briefs that changed.

``mkdocs build`` starts a new process each time, and :class:`~newsbrief.archive.collection.
BriefCache` lives in one. :class:`SavedBriefs` keeps every checked :class:`Entry` in a
folder the caller chooses (CI restores it between runs), spread over files by path so that
an edit rewrites one of them, under a key the caller gives: a digest of newsbrief's code
and versions, so that a saved entry is never used by other code. A brief's saved entry is
used again only while the digest of all it was checked against is the same: its path, its
bytes, its source article's bytes and those of the vocabulary. File contents, not times: a
restored folder's files have new ones.

Reading and digesting every brief and article took 0.8 to 1.2 s of CPU in a build of 10,000
briefs, so the store also keeps each file's stamp (:data:`Stamp`: inode, size, modification
and change times) as it was when its bytes were digested, where that was long enough after
its last change (:data:`SETTLED_NS`). A brief whose files have the stamps they had then is
the same without being read; any other is read and digested as before. Writing a file
gives it a new change time, which no program can set back, so a file written after its
stamp was taken never has that stamp again.

Only briefs without problems are saved: one with problems is read again each time and
reports them as it would without the store.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from newsbrief.archive.brief import Entry, brief_text, parse_brief, read_brief
from newsbrief.archive.collector import collector_paused
from newsbrief.archive.cores import map_on_two_cores
from newsbrief.archive.fsio import display_path, write_atomic
from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.vocabulary import Vocabulary

SHARDS = 256
"""The files the saved briefs are spread over, by path: an edit or an addition rewrites
one, not all (at 100,000 briefs, half a gigabyte)."""
_SUFFIX = ".pickle"
_MAGIC = b"newsbrief saved briefs\n"
_FORMAT = 2
UNPICKLING_ERRORS = (
    pickle.UnpicklingError,
    EOFError,
    AttributeError,
    ImportError,
    IndexError,
    KeyError,
    TypeError,
    ValueError,
)
"""What unpickling bytes another format or another version of newsbrief wrote raises."""


STAMPS = "stamps.pickle"
"""The file of the briefs' stamps (:class:`Stamped`), beside the saved briefs."""
SETTLED_NS = 2_000_000_000
"""How long before a build a file must last have changed for its stamp to be kept. A
file's times have a coarse grain (a few milliseconds): one written again within that grain
of being stamped could keep its stamp, and one last changed before this margin cannot."""

Stamp = tuple[int, int, int, int, int]
"""What tells a file from any later state of it without reading it: its device, inode, size,
and modification and change times in nanoseconds (``os.lstat``)."""


class Stamped(NamedTuple):
    """The stamps of a saved brief's file and of its source article when the digest of all it
    was checked against (:func:`_digest`) was ``digest``."""

    digest: bytes
    brief: Stamp
    article: Stamp


class Saved(NamedTuple):
    """A checked brief as saved: the source article it names (relative to the project), the
    digest of all it was checked against (:func:`_digest`), and its entry."""

    source: str
    digest: bytes
    entry: Entry


@dataclass(frozen=True)
class SavedBriefs:
    """Checked briefs saved in ``folder`` under ``key``, spread over :data:`SHARDS` files by
    path (:func:`shard_of`); those of a file saved under another key, or that cannot be
    read whole, are not there.

    Each brief's entry stands alone, checked against its own digest, so the files need not
    be saved together: each is replaced whole or not at all.
    """

    folder: Path
    key: str
    digests: dict[int, tuple[Entry, bytes]] = field(default_factory=dict, compare=False, repr=False)
    """After :func:`read_briefs`: each entry read (by its ``id``; held, so that the ``id``
    is not another's) and the digest of all it was checked against (:func:`_digest`),
    from which it follows with newsbrief's code (in ``key``): the build's cache keys
    pages by it."""

    def file(self, shard: int) -> Path:
        """The file of the briefs whose path is in ``shard``."""
        return self.folder / f"{shard:02x}{_SUFFIX}"

    def stamps_file(self) -> Path:
        """The file of the briefs' stamps (:class:`Stamped`)."""
        return self.folder / STAMPS

    def load_stamps(self, prefix: bytes) -> dict[str, Stamped]:
        """The briefs' stamps by path, saved under this key with the digest ``prefix`` of the
        vocabulary and the briefs folder (:func:`read_briefs`); none where there are none,
        or the file is not whole."""
        try:
            data = self.stamps_file().read_bytes()
        except FileNotFoundError:
            return {}
        header = self._header() + prefix
        if not data.startswith(header):
            return {}
        try:
            stamps = pickle.loads(memoryview(data)[len(header) :])
        except UNPICKLING_ERRORS:
            return {}
        return stamps if isinstance(stamps, dict) else {}

    def save_stamps(self, prefix: bytes, stamps: Mapping[str, Stamped]) -> None:
        """Replace the briefs' stamps with ``stamps``, under the digest ``prefix``."""
        payload = pickle.dumps(dict(stamps), pickle.HIGHEST_PROTOCOL)
        write_atomic(self.stamps_file(), self._header() + prefix + payload)

    def load(self) -> dict[str, Saved]:
        """The saved briefs by path in the briefs folder, from each file that is whole
        (not truncated, corrupt or of another format) and saved under this key.

        Other errors, such as a file that may not be read, are raised.
        """
        saved: dict[str, Saved] = {}
        with collector_paused():
            for shard in range(SHARDS):
                saved.update(self._load_shard(shard))
        return saved

    def _load_shard(self, shard: int) -> dict[str, Saved]:
        try:
            data = self.file(shard).read_bytes()
        except FileNotFoundError:
            return {}
        header = self._header()
        payload = memoryview(data)[len(header) + 32 :]
        if data[: len(header)] != header:
            return {}
        if hashlib.sha256(payload).digest() != data[len(header) : len(header) + 32]:
            return {}  # the payload is not the one saved: never unpickle a torn file
        try:
            briefs = pickle.loads(payload)
        except UNPICKLING_ERRORS:
            return {}
        if not isinstance(briefs, dict) or any(shard_of(path) != shard for path in briefs):
            return {}
        return briefs

    def save(self, saved: Mapping[str, Saved], loaded: Mapping[str, Saved]) -> None:
        """Replace the saved briefs with ``saved``: rewrite the files whose briefs are not
        those ``loaded`` (what :meth:`load` gave) holds, the same objects, and delete
        those left with none. Any other file in the folder (an older format's) goes too;
        temporary files (named with a dot) stay, as another build may be writing them,
        and so do folders, which newsbrief never makes there.
        """
        new, old = _by_shard(saved), _by_shard(loaded)
        self.folder.mkdir(parents=True, exist_ok=True)
        for shard, briefs in new.items():
            if not _same_objects(briefs, old.get(shard, {})):
                payload = pickle.dumps(briefs, pickle.HIGHEST_PROTOCOL)
                checksum = hashlib.sha256(payload).digest()
                write_atomic(self.file(shard), self._header() + checksum + payload)
        kept = {self.file(shard).name for shard in new} | {STAMPS}
        with os.scandir(self.folder) as found:
            for entry in found:
                stale = entry.name not in kept and not entry.name.startswith(".")
                if stale and not entry.is_dir(follow_symlinks=False):
                    Path(entry.path).unlink()

    def _header(self) -> bytes:
        key = self.key.encode("utf-8")
        return _MAGIC + bytes([_FORMAT]) + len(key).to_bytes(4, "big") + key


def shard_of(path: str) -> int:
    """The file of :class:`SavedBriefs` that the brief at ``path`` (in the briefs folder)
    is saved in."""
    return zlib.crc32(path.encode("utf-8")) % SHARDS


def _by_shard(saved: Mapping[str, Saved]) -> dict[int, dict[str, Saved]]:
    shards: dict[int, dict[str, Saved]] = {}
    for path, brief in saved.items():
        shards.setdefault(shard_of(path), {})[path] = brief
    return shards


def _same_objects(new: Mapping[str, Saved], old: Mapping[str, Saved]) -> bool:
    return new.keys() == old.keys() and all(brief is old[path] for path, brief in new.items())


@dataclass(frozen=True)
class VocabularyState:
    """The digest of the vocabulary files' bytes, taken before the vocabulary is read."""

    files: tuple[Path, ...]
    digest: bytes

    @classmethod
    def of(cls, files: Sequence[Path]) -> VocabularyState:
        digest = hashlib.sha256()
        for file in files:
            try:
                _feed(digest, b"\x01", file.read_bytes())
            except OSError as error:  # an absent file is a state of its own (stories.yml)
                _feed(digest, b"\x00", type(error).__name__.encode())
        return cls(tuple(files), digest.digest())

    def unchanged(self) -> bool:
        """Whether the files still hold the bytes they held when the state was taken."""
        return VocabularyState.of(self.files).digest == self.digest


def read_briefs(
    store: SavedBriefs,
    files: Sequence[Path],
    root: Path,
    folder: Path,
    vocabulary: Vocabulary,
    vocabulary_state: VocabularyState,
    two_cores: bool = True,
) -> list[Entry | list[Problem]]:
    """The entry of each brief of ``files``, or its problems, as
    :func:`~newsbrief.archive.brief.read_brief` gives them: from ``store`` where nothing
    the brief was checked against changed, else read (on two cores where ``two_cores``).
    ``store`` is then saved with the checked briefs of ``files`` only.

    A brief whose file and source article have the stamps they had when the store last
    digested them is not read at all (:class:`Stamped`); the others are read and digested.

    ``vocabulary_state`` is that of the files ``vocabulary`` was read from, taken before;
    if they changed by the end, what was read may disagree with them and nothing is saved.
    """
    started = time.time_ns()
    prefix, shown_folder = hashlib.sha256(vocabulary_state.digest), display_path(folder, root)
    _feed(prefix, shown_folder.encode())
    saved, stamps = store.load(), store.load_stamps(prefix.digest())
    # What a brief's checks see of its path: this, its path in the folder (slug and date),
    # and the folder's in the project (in ``prefix``) before it, as messages and pages show
    # it. No brief file is below a symbolic link (collection._brief_files) to change that.
    paths = [_relative_path(file, folder) for file in files]
    # The stamps of each saved brief and its article, taken before either is read.
    current = {
        index: (_stamp(str(files[index])), _stamp(_article_path(root, saved[path].source)))
        for index, path in enumerate(paths)
        if path in saved
    }

    def stamped(index: int) -> bool:
        """Whether the brief and its article have the stamps of the digest saved."""
        path, now = paths[index], current.get(index)
        return (
            now is not None and None not in now and stamps.get(path) == (saved[path].digest, *now)
        )

    def unchanged(index: int) -> bool:
        """Whether the digest of the brief and its article is the one saved."""
        old = saved[paths[index]]
        try:
            data = files[index].read_bytes()
        except OSError:
            return False
        return _digest(prefix, paths[index], data, root, old.source) == old.digest

    def read(index: int) -> tuple[Entry, bytes | None, tuple[Stamp | None, ...]] | list[Problem]:
        file, path = files[index], paths[index]
        brief_stamp = _stamp(str(file))
        try:
            data = file.read_bytes()
        except OSError:
            data = None
        try:
            if data is None:  # it says why it cannot be read
                return read_brief(file, root, folder, vocabulary), None, (None, None)
            display = f"{shown_folder}/{path}"  # display_path's, without a look at each folder
            entry = parse_brief(brief_text(data, display), file, root, folder, vocabulary, display)
        except NewsbriefError as error:
            return error.problems
        source = entry.brief.source
        now = (brief_stamp, _stamp(_article_path(root, source.path)))
        return entry, _digest(prefix, path, data, root, source.path, source.sha256), now

    to_check = [index for index in current if not stamped(index)]
    checked = dict(zip(to_check, map_on_two_cores(unchanged, to_check, two_cores), strict=True))
    missed = [index for index in range(len(files)) if not checked.get(index, index in current)]
    fresh = dict(zip(missed, map_on_two_cores(read, missed, two_cores), strict=True))
    results: list[Entry | list[Problem]] = []
    keep: dict[str, Saved] = {}
    kept_stamps: dict[str, Stamped] = {}
    for index, path in enumerate(paths):
        if index not in fresh:
            keep[path] = saved[path]
            results.append(saved[path].entry)
            _stamp_if_settled(kept_stamps, path, saved[path].digest, current[index], started)
            continue
        result = fresh[index]
        if isinstance(result, list):
            results.append(result)
            continue
        entry, digest, now = result
        results.append(entry)
        if digest is not None:
            keep[path] = Saved(entry.brief.source.path, digest, entry)
            _stamp_if_settled(kept_stamps, path, digest, now, started)
    store.digests.clear()
    store.digests.update((id(kept.entry), (kept.entry, kept.digest)) for kept in keep.values())
    if vocabulary_state.unchanged():
        store.save(keep, saved)
        if kept_stamps != stamps:
            store.save_stamps(prefix.digest(), kept_stamps)
    return results


def _article_path(root: Path, source: str) -> str:
    """The path of the source article at ``source`` (in the project ``root``), as text."""
    return os.path.join(root, source)  # noqa: PTH118 - a string, 10,000 a build


def _stamp(path: str | None) -> Stamp | None:
    """The file's :data:`Stamp`, or None where it is not a regular file (a symbolic link, a
    folder, or nothing)."""
    if path is None:
        return None
    try:
        status = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _stamp_if_settled(
    stamps: dict[str, Stamped],
    path: str,
    digest: bytes,
    now: tuple[Stamp | None, ...],
    started: int,
) -> None:
    """Keep the brief's stamps with its ``digest`` where both files last changed at least
    :data:`SETTLED_NS` before the build ``started``: a later write changes them."""
    settled = started - SETTLED_NS
    if all(stamp is not None and max(stamp[3:]) < settled for stamp in now):
        stamps[path] = Stamped(digest, *now)  # type: ignore[arg-type]


def _relative_path(file: Path, folder: Path) -> str:
    """``file``'s path in ``folder`` (which holds it), with slashes: from their strings,
    in half the time of ``Path.relative_to`` (70 ms for 10,000 briefs)."""
    return str(file)[len(str(folder)) + 1 :].replace(os.sep, "/")


def _digest(
    prefix: hashlib._Hash,
    path: str,
    data: bytes,
    root: Path,
    source: str,
    source_sha256: str | None = None,
) -> bytes | None:
    """The digest of a brief's inputs: ``prefix`` (the vocabulary and briefs folder), its
    ``path`` in the folder, its bytes ``data``, and its source article, or None when that
    is not a file that can be read. With ``source_sha256``, the one the brief was just
    checked with records: if the article's bytes no longer have it, it changed since, and
    None too.
    """
    file = root / source
    if file.is_symlink():  # reported by the check: never reused
        return None
    try:
        article = file.read_bytes()
    except OSError:
        return None
    if source_sha256 is not None and hashlib.sha256(article).hexdigest() != source_sha256:
        return None
    digest = prefix.copy()
    _feed(digest, path.encode(), data, source.encode(), article)
    return digest.digest()


def _feed(digest: hashlib._Hash, *parts: bytes) -> None:
    """Add ``parts`` to ``digest``, each after its length: no two lists of parts feed the
    same bytes."""
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
