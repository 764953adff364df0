"""Files: safe writes (a file is replaced whole or not at all), text read with located errors,
and telling whether one changed."""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path

from newsbrief.archive.problems import NewsbriefError, Problem


def write_atomic(path: Path, data: str | bytes, *, replace: bool = True) -> None:
    """Write ``data`` (text as UTF-8, or bytes as they are) to ``path`` through a temporary
    file and a rename.

    A crash or Ctrl-C leaves either the old file or the new one, never half of one. The
    file keeps the mode of the one it replaces, and a new one gets the usual mode (0o666
    less the umask), not the temporary file's owner-only one. With ``replace=False`` an
    existing file is never replaced, even one that appears meanwhile: the temporary file
    is linked to ``path``, which raises FileExistsError if it is taken.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        with suppress(OSError):  # a file system without modes (FAT) may refuse them
            temporary.chmod(_mode_for(path))
        if replace:
            temporary.replace(path)
        else:
            _link_new(temporary, path, payload)
    finally:
        temporary.unlink(missing_ok=True)


def _mode_for(path: Path) -> int:
    """The permission bits of a file written at ``path``: those of the file there, which a
    replacement keeps, else those ``open()`` gives a new file (0o666 less the umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0o022)  # the umask is read by setting it: set it back at once
        os.umask(umask)
        return 0o666 & ~umask


def _link_new(temporary: Path, path: Path, payload: bytes) -> None:
    """Give the written ``temporary`` file the name ``path``, which must be free.

    Some file systems (FAT, some network and FUSE ones) refuse hard links: ``path`` is then
    created exclusively and ``payload`` written to it, and removed again if that fails.
    """
    try:
        path.hardlink_to(temporary)
    except FileExistsError:
        raise
    except OSError:
        _create_new(path, payload)


def _create_new(path: Path, payload: bytes) -> None:
    """Write ``payload`` to a new file at ``path``; FileExistsError if one is there."""
    handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def decode_text(data: bytes, display: str, field: str, *, binary: str, advice: str) -> str:
    """``data`` as UTF-8 text (with or without a BOM) with Unix line endings.

    Anything else is a :class:`NewsbriefError` located in the file ``display`` under
    ``field``: a byte that is not UTF-8, on its line, with ``advice`` on what to do, and a
    NUL character with the message ``binary``. Briefs and source articles are read through
    here; each says what it is in its messages.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"is not UTF-8 text (byte 0x{data[error.start]:02x}); {advice}"
        raise NewsbriefError([Problem(display, line, field, message)]) from None
    if "\x00" in text:
        raise NewsbriefError([Problem(display, 1, field, binary)])
    return text.replace("\r\n", "\n").replace("\r", "\n")


def display_path(path: Path, root: Path) -> str:
    """``path`` as messages show it: relative to the project folder when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def file_state(path: Path) -> tuple[int, int]:
    """What tells whether a file changed: its modification time (ns) and size."""
    status = path.stat()
    return status.st_mtime_ns, status.st_size
