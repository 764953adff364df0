"""Checked briefs saved on disk, so that a build parses only the briefs that changed.

``mkdocs build`` starts a new process each time, and :class:`~newsbrief.archive.collection.
BriefCache` lives in one. :class:`SavedBriefs` keeps every checked :class:`Entry` in one
file of a folder the caller chooses (CI restores it between runs), under a key the caller
gives: a digest of newsbrief's code and versions, so that a saved entry is never used by
other code. A brief's saved entry is used again only while the digest of all it was checked
against is the same: its path, its bytes, its source article's bytes and those of the
vocabulary. File contents, not times: a restored folder's files have new ones.

Only briefs without problems are saved: one with problems is read again each time and
reports them as it would without the store.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

from newsbrief.archive.brief import Entry, brief_text, parse_brief, read_brief
from newsbrief.archive.cores import map_on_two_cores
from newsbrief.archive.fsio import display_path
from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.vocabulary import Vocabulary

FILE_NAME = "saved-briefs.pickle"
_MAGIC = b"newsbrief saved briefs\n"
_FORMAT = 1
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


class Saved(NamedTuple):
    """A checked brief as saved: the source article it names (relative to the project), the
    digest of all it was checked against (:func:`_digest`), and its entry."""

    source: str
    digest: bytes
    entry: Entry


@dataclass(frozen=True)
class SavedBriefs:
    """Checked briefs saved in ``folder`` under ``key``; those saved under another key, or
    in a file that cannot be read whole, are not there."""

    folder: Path
    key: str
    digests: dict[int, tuple[Entry, bytes]] = field(default_factory=dict, compare=False, repr=False)
    """After :func:`read_briefs`: each entry read (by its ``id``; held, so that the ``id``
    is not another's) and the digest of all it was checked against (:func:`_digest`),
    from which it follows with newsbrief's code (in ``key``): the build's cache keys
    pages by it."""

    @property
    def file(self) -> Path:
        return self.folder / FILE_NAME

    def load(self) -> dict[str, Saved]:
        """The saved briefs by path in the briefs folder: none if there is no file, if
        another key saved it, or if it is not whole (truncated, corrupt, another format).

        Other errors, such as a file that may not be read, are raised.
        """
        try:
            stream = self.file.open("rb")
        except FileNotFoundError:
            return {}
        with stream:
            header = self._header()
            if stream.read(len(header)) != header:
                return {}
            checksum = stream.read(32)
            start = stream.tell()
            if hashlib.file_digest(stream, "sha256").digest() != checksum:
                return {}  # the payload is not the one saved: never unpickle a torn file
            stream.seek(start)
            collecting = gc.isenabled()
            gc.disable()  # else it runs over and over as the objects come: twice the time
            try:
                saved = pickle.load(stream)
            except UNPICKLING_ERRORS:
                return {}
            finally:
                if collecting:
                    gc.enable()
        return saved if isinstance(saved, dict) else {}

    def save(self, saved: Mapping[str, Saved]) -> None:
        """Replace the saved briefs with ``saved``, whole or not at all (a killed build
        leaves the file it found, and maybe a temporary file beside it).

        Written as it is pickled, through a temporary file and a rename (as
        :func:`newsbrief.archive.fsio.write_atomic` does), not pickled to bytes first:
        at 100,000 briefs those would be about half a gigabyte, twice over with the header.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=self.folder, prefix=f".{FILE_NAME}.", suffix=".tmp")
        temporary = Path(name)
        try:
            with os.fdopen(handle, "wb") as stream:
                header = self._header()
                stream.write(header + bytes(32))  # the checksum's place
                payload = _Checksummed(stream)
                pickle.dump(dict(saved), payload, pickle.HIGHEST_PROTOCOL)
                stream.seek(len(header))
                stream.write(payload.checksum.digest())
            temporary.replace(self.file)
        finally:
            temporary.unlink(missing_ok=True)

    def _header(self) -> bytes:
        key = self.key.encode("utf-8")
        return _MAGIC + bytes([_FORMAT]) + len(key).to_bytes(4, "big") + key


class _Checksummed:
    """A binary stream's ``write``, and the sha256 of what was written through it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.checksum = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.checksum.update(data)
        return self.stream.write(data)


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

    ``vocabulary_state`` is that of the files ``vocabulary`` was read from, taken before;
    if they changed by the end, what was read may disagree with them and nothing is saved.
    """
    prefix = hashlib.sha256(vocabulary_state.digest)
    _feed(prefix, display_path(folder, root).encode())
    saved = store.load()
    # What a brief's checks see of its path: this, its path in the folder (slug and date),
    # and the folder's in the project (in ``prefix``) before it, as messages and pages show
    # it. No brief file is below a symbolic link (collection._brief_files) to change that.
    paths = [file.relative_to(folder).as_posix() for file in files]

    def unchanged(index: int) -> bool:
        old = saved.get(paths[index])
        if old is None:
            return False
        try:
            data = files[index].read_bytes()
        except OSError:
            return False
        return _digest(prefix, paths[index], data, root, old.source) == old.digest

    def read(index: int) -> tuple[Entry, bytes | None] | list[Problem]:
        file, path = files[index], paths[index]
        try:
            data = file.read_bytes()
        except OSError:
            data = None
        try:
            if data is None:  # it says why it cannot be read
                return read_brief(file, root, folder, vocabulary), None
            entry = parse_brief(
                brief_text(data, display_path(file, root)), file, root, folder, vocabulary
            )
        except NewsbriefError as error:
            return error.problems
        source = entry.brief.source
        return entry, _digest(prefix, path, data, root, source.path, source.sha256)

    reused = map_on_two_cores(unchanged, range(len(files)), two_cores)
    missed = [index for index, hit in enumerate(reused) if not hit]
    fresh = dict(zip(missed, map_on_two_cores(read, missed, two_cores), strict=True))
    results: list[Entry | list[Problem]] = []
    keep: dict[str, Saved] = {}
    for index, path in enumerate(paths):
        if reused[index]:
            keep[path] = saved[path]
            results.append(saved[path].entry)
            continue
        result = fresh[index]
        if isinstance(result, list):
            results.append(result)
            continue
        entry, digest = result
        results.append(entry)
        if digest is not None:
            keep[path] = Saved(entry.brief.source.path, digest, entry)
    store.digests.clear()
    store.digests.update((id(kept.entry), (kept.entry, kept.digest)) for kept in keep.values())
    changed = len(keep) != len(saved) or any(keep[path] is not saved.get(path) for path in keep)
    if changed and vocabulary_state.unchanged():
        store.save(keep)
    return results


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
