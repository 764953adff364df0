"""Each brief's last commit date, from one git log over a real repository."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from newsbrief.mkdocs_adapter import git_history
from newsbrief.mkdocs_adapter.git_history import CommitDates, last_commit_dates
from tests.conftest import make_archive


def git(root: Path, *args: str, day: str = "2025-05-06") -> None:
    """Run git in ``root`` as an editor, committing on ``day`` (noon, UTC)."""
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    when = f"{day}T12:00:00+00:00"
    env = os.environ | {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *identity, *args], cwd=root, check=True, capture_output=True, env=env)


def committed_archive(root: Path) -> Path:
    """Two briefs committed on 6 May 2025; one changed again on 9 May; a third uncommitted."""
    make_archive(
        root, {"2025/05/04-kim-tank-factory.md": "valid", "2025/06/10-exports.md": "economy"}
    )
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "Two briefs")
    kim = root / "briefs/2025/05/04-kim-tank-factory.md"
    kim.write_text(kim.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    git(root, "commit", "-qam", "Kim, corrected", day="2025-05-09")
    (root / "briefs/2025/06/11-new.md").write_text("not committed\n", encoding="utf-8")
    return root


def test_each_brief_gets_its_last_commit_day(tmp_path: Path) -> None:
    dates = last_commit_dates(committed_archive(tmp_path), "briefs")
    assert dates["briefs/2025/05/04-kim-tank-factory.md"] == dt.date(2025, 5, 9)
    assert dates["briefs/2025/06/10-exports.md"] == dt.date(2025, 5, 6)
    assert "briefs/2025/06/11-new.md" not in dates  # file times never count


def test_paths_are_relative_to_a_project_inside_the_repository(tmp_path: Path) -> None:
    make_archive(tmp_path / "project", {"2025/06/10-exports.md": "economy"})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "A project in a folder of the repository")
    dates = last_commit_dates(tmp_path / "project", "briefs")
    assert dates["briefs/2025/06/10-exports.md"] == dt.date(2025, 5, 6)
    assert not [path for path in dates if path.startswith("project/")]


def test_outside_a_repository_no_brief_has_a_date(tmp_path: Path) -> None:
    make_archive(tmp_path, {"2025/05/04-kim-tank-factory.md": "valid"})
    assert last_commit_dates(tmp_path, "briefs") == {}


def test_a_shallow_clone_gives_no_dates(tmp_path: Path) -> None:
    committed_archive(tmp_path / "origin")
    source = (tmp_path / "origin").as_uri()
    git(tmp_path, "clone", "-q", "--depth", "1", source, "shallow")
    assert last_commit_dates(tmp_path / "shallow", "briefs") == {}
    git(tmp_path, "clone", "-q", source, "full")
    dates = last_commit_dates(tmp_path / "full", "briefs")
    assert dates["briefs/2025/06/10-exports.md"] == dt.date(2025, 5, 6)


def test_a_serve_session_reads_the_log_again_only_after_a_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = committed_archive(tmp_path)
    logs: list[Path] = []
    read_log = git_history.last_commit_dates

    def counted(at: Path, briefs_dir: str) -> dict[str, dt.date]:
        logs.append(at)
        return read_log(at, briefs_dir)

    monkeypatch.setattr(git_history, "last_commit_dates", counted)
    dates = CommitDates()
    assert dates(root, "briefs") == dates(root, "briefs") == read_log(root, "briefs")
    assert len(logs) == 1
    git(root, "add", ".")
    git(root, "commit", "-qm", "A third brief", day="2025-06-12")
    assert dates(root, "briefs")["briefs/2025/06/11-new.md"] == dt.date(2025, 6, 12)
    assert len(logs) == 2
