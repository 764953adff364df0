"""The previous build's site: moved aside before MkDocs empties the site folder, then
moved back for the build cache to keep what is the same in place, or deleted beside the
build.

``mkdocs build`` empties the site folder before it builds, one file at a time: with
10,000 briefs, some 40,000 files, ten seconds on a cloud disk, and the build then writes
them all again. Moved aside first (one rename, before MkDocs looks), the old site is
either moved back, where the build cache knows what it holds
(:class:`newsbrief.mkdocs_adapter.build_cache.SiteRecord`: the build then writes only
what changed and deletes what it no longer makes), or deleted by ``rm -rf`` running
beside the build, which waits for it at its end.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

PREFIX = ".newsbrief-old-site-"


class OldSite:
    """The old site, once moved aside."""

    def __init__(self) -> None:
        self._aside: Path | None = None  # the folder holding it
        self._deleting: subprocess.Popen[bytes] | None = None
        self._leftovers: list[Path] = []  # old sites builds stopped before deleting them

    def move_aside(self, site_dir: Path) -> None:
        """Move ``site_dir`` out of MkDocs' way. Where it cannot be renamed (a mount
        point, say), it is left for MkDocs to empty as usual."""
        self._leftovers = list(site_dir.parent.glob(f"{PREFIX}*"))  # from builds stopped
        if not site_dir.is_dir() or site_dir.is_symlink():
            return
        aside = Path(tempfile.mkdtemp(prefix=PREFIX, dir=site_dir.parent))
        try:
            site_dir.rename(aside / site_dir.name)
        except OSError:
            aside.rmdir()
            return
        self._aside = aside

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
        return True

    def delete(self) -> None:
        """Start deleting the old site beside the build."""
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
