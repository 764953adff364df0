"""What a change touches, from git: ``newsbrief check --changed`` checks only that.

A pull request's briefs are the files under ``briefs/`` added, modified or renamed since
the point where its branch left ``BASE`` (their merge base), committed or not, and
new files git does not track yet. A deleted brief has nothing left to check.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git could not tell what changed (not a repository, an unknown BASE, no git)."""


def changed_briefs(root: Path, base: str, briefs_dir: str = "briefs") -> list[Path]:
    """The files under ``briefs_dir`` changed since ``base``, as paths under ``root``."""
    since = _git(root, "merge-base", base, "HEAD").strip()
    changed = _git(
        root, "diff", "--name-only", "--relative", "--diff-filter=d", "-z", since, "--", briefs_dir
    )
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", briefs_dir)
    names = {name for name in (changed + untracked).split("\0") if name}
    return [root / name for name in sorted(names)]


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    except FileNotFoundError:
        raise GitError("git is not installed; check the briefs by path instead") from None
    if done.returncode:
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
        raise GitError(f"git {args[0]}: {message}")
    return done.stdout
