"""When each brief last changed, from git: the date of its last commit.

Only git knows: a fresh clone sets every file's time to the moment of cloning, so file
times would say every brief changed today. One ``git log`` over the briefs' folder,
newest commit first, gives every brief its date at once, so the cost does not grow with
the number of briefs. Outside a git repository (or without git) no brief has a date,
and neither has a brief not committed yet.

Nor has any brief in a shallow clone (``actions/checkout``'s default): its oldest commit
looks as if it added every file, so briefs last changed before it would all get its date.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

_COMMIT = "\0"  # starts each commit in the log (written %x00): its date, then its files


def last_commit_dates(root: Path, briefs_dir: str) -> dict[str, dt.date]:
    """The day of each brief's last commit, by its path relative to ``root``
    (``briefs/2025/05/04-slug.md``, as :attr:`Entry.path` has it); empty when ``root``
    is not in a full clone of a git repository, or git is not installed."""
    if _git(root, "rev-parse", "--is-shallow-repository") != "false\n":
        return {}
    # --relative: paths from root, which may be a folder inside the repository
    log = _git(root, "log", "--relative", "--name-only", "--format=%x00%cs", "--", briefs_dir)
    return _parse_log(log or "")


class CommitDates:
    """:func:`last_commit_dates` for the builds of a serve session: ``git log`` goes
    through the whole history of the briefs (seconds, with 100,000 of them), so it runs
    again only once the repository has another commit checked out."""

    def __init__(self) -> None:
        self._read: tuple[Path, str, str] | None = None  # where and at which commit
        self._dates: dict[str, dt.date] = {}

    def __call__(self, root: Path, briefs_dir: str) -> dict[str, dt.date]:
        head = _git(root, "rev-parse", "HEAD")
        if head is None or (root, briefs_dir, head) != self._read:
            self._dates = last_commit_dates(root, briefs_dir)
            self._read = None if head is None else (root, briefs_dir, head)
        return self._dates


def _git(root: Path, *args: str) -> str | None:
    """What git prints, or None if it fails or is not installed."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
    except FileNotFoundError:
        return None
    return None if done.returncode else done.stdout


def _parse_log(log: str) -> dict[str, dt.date]:
    """Each file's newest date in a log of commits, newest first."""
    dates: dict[str, dt.date] = {}
    for commit in log.split(_COMMIT)[1:]:
        day, *files = commit.splitlines()
        for file in filter(None, files):
            dates.setdefault(file, dt.date.fromisoformat(day))
    return dates
