"""The previous build's site: moved aside before MkDocs empties the site folder, then
moved back for the build cache to keep what is the same in place, or deleted beside the
build.

``mkdocs build`` empties the site folder before it builds, one file at a time: with
10,000 briefs, some 40,000 files, ten seconds on a cloud disk, and the build then writes
them all again. Moved aside first (one rename, before MkDocs looks), the old site is
either moved back, where the build cache knows what it holds
(:class:`newsbrief.mkdocs_adapter.build_cache.SiteRecord`: the build then writes only
what changed, and :meth:`OldSite.delete_stale` deletes what it did not write or keep),
or deleted by ``rm -rf`` running beside the build, which waits for it at its end. As
MkDocs does, the site's hidden entries (``site/.git``, say) are kept.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PREFIX = ".newsbrief-old-site-"
INDEX = "pagefind"  # the search index's folder, kept whole (see pagefind.py)


class OldSite:
    """The old site, once moved aside."""

    def __init__(self) -> None:
        self._aside: Path | None = None  # the folder holding it
        self._deleting: subprocess.Popen[bytes] | None = None
        self._leftovers: list[Path] = []  # old sites builds stopped before deleting them
        self._moved_back = False

    def move_aside(self, site_dir: Path) -> None:
        """Move ``site_dir`` out of MkDocs' way. Where it cannot be renamed (a mount
        point, say), it is left for MkDocs to empty as usual."""
        self._leftovers = list(site_dir.parent.glob(f"{PREFIX}*"))  # from builds stopped
        if not site_dir.is_dir() or site_dir.is_symlink():
            return
        try:
            aside = Path(tempfile.mkdtemp(prefix=PREFIX, dir=site_dir.parent))
        except OSError:  # a folder the build may not write in, say
            return
        try:
            site_dir.rename(aside / site_dir.name)
        except OSError:
            aside.rmdir()
            return
        self._aside = aside

    @property
    def moved_back(self) -> bool:
        """Whether the old site is back in place, with the files the build cache keeps."""
        return self._moved_back

    def move_back(self, site_dir: Path) -> bool:
        """Put the old site back at ``site_dir`` (which MkDocs left empty); whether there
        was one."""
        if self._aside is None or (site_dir.is_dir() and any(site_dir.iterdir())):
            return False  # none, or something was written there since
        if site_dir.is_dir():
            site_dir.rmdir()
        (self._aside / site_dir.name).rename(site_dir)
        self._aside.rmdir()
        self._aside = None
        self._moved_back = True
        return True

    def delete_stale(self, site_dir: Path, since_ns: int, kept: set[str]) -> None:
        """In the old site moved back, delete each file this build neither wrote (older
        than ``since_ns``) nor kept (``kept``: paths in the site; the search index's
        folder is the search indexer's), and the folders left empty: the site is then
        what a build into an empty folder makes."""
        if not self._moved_back:
            return
        with os.scandir(site_dir) as entries:
            for entry in entries:
                if not (entry.name.startswith(".") or entry.name == INDEX):
                    _delete_stale_entry(entry, "", since_ns, kept)

    def delete(self, site_dir: Path) -> None:
        """Start deleting the old site beside the build, its hidden entries moved into
        ``site_dir`` first."""
        if self._aside is not None:
            _move_hidden_entries(self._aside / site_dir.name, site_dir)
        rm = shutil.which("rm")
        folders = self._to_delete()
        if folders and rm is not None:
            self._deleting = subprocess.Popen([rm, "-rf", *map(str, folders)])

    def wait(self) -> None:
        """Wait until the old site is gone (deleting it here where ``rm`` was missing
        or failed, or where it was neither moved back nor deleted)."""
        deleting, self._deleting = self._deleting, None
        if deleting is not None:
            deleting.wait()
        folders = self._to_delete()
        self._aside, self._leftovers = None, []
        for folder in folders:
            if folder.exists():
                shutil.rmtree(folder)

    def _to_delete(self) -> list[Path]:
        """The old site moved aside, and any that stopped builds left."""
        return [*self._leftovers, *([] if self._aside is None else [self._aside])]


def _delete_stale_entry(
    entry: os.DirEntry[str], folder: str, since_ns: int, kept: set[str]
) -> bool:
    """Delete the file ``entry`` (in ``folder``, relative to the site, ending in ``/``)
    if it is stale, or the stale files of the folder ``entry``, and the folder once
    empty; whether ``entry`` is gone. Plain strings and ``os.scandir``, not ``Path``:
    a site of 10,000 briefs holds 40,000 files."""
    relative = folder + entry.name
    if entry.is_dir(follow_symlinks=False):
        with os.scandir(entry.path) as inside:
            left = [e for e in inside if not _delete_stale_entry(e, relative + "/", since_ns, kept)]
        if not left:
            Path(entry.path).rmdir()
        return not left
    if relative in kept or entry.stat(follow_symlinks=False).st_mtime_ns >= since_ns:
        return False
    Path(entry.path).unlink()
    return True


def _move_hidden_entries(old: Path, site_dir: Path) -> None:
    hidden = (
        [entry for entry in old.iterdir() if entry.name.startswith(".")] if old.is_dir() else []
    )
    if hidden:
        site_dir.mkdir(parents=True, exist_ok=True)
    for entry in hidden:
        entry.rename(site_dir / entry.name)
