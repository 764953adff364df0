"""Files: safe writes (a file is replaced whole or not at all), and telling whether one changed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, *, replace: bool = True) -> None:
    """Write ``data`` (text as UTF-8, or bytes as they are) to ``path`` through a temporary
    file and a rename.

    A crash or Ctrl-C leaves either the old file or the new one, never half of one. With
    ``replace=False`` an existing file is never replaced, even one that appears meanwhile:
    the temporary file is linked to ``path``, which raises FileExistsError if it is taken.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        if replace:
            Path(temporary).replace(path)
        else:
            path.hardlink_to(temporary)
    finally:
        Path(temporary).unlink(missing_ok=True)


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
