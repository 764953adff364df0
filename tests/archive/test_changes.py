"""Which briefs a change touches, asked of a real git repository (newsbrief.archive.changes)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from newsbrief.archive.changes import GitError, changed_briefs
from tests.conftest import BRIEF_FIXTURES, make_archive


def git(root: Path, *args: str) -> None:
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", *identity, *args], cwd=root, check=True, capture_output=True)


def branched_archive(root: Path, also_on_main: dict[str, str] | None = None) -> Path:
    """An archive committed on main, then a branch that edits, adds and deletes briefs."""
    make_archive(
        root,
        {
            "2025/05/04-kim-tank-factory.md": "valid",
            "2025/06/10-exports.md": "economy",
            "2025/06/11-markup.md": "evil-title",
            **(also_on_main or {}),
        },
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "archive")
    git(root, "checkout", "-q", "-b", "contribution")
    exports = root / "briefs/2025/06/10-exports.md"
    exports.write_text(exports.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "edit a brief")
    (root / "briefs/2025/06/11-markup.md").unlink()
    shutil.copy(BRIEF_FIXTURES / "unknown-tag.md", root / "briefs/2025/05/04-new.md")
    return root


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return branched_archive(tmp_path)


def test_changed_briefs_are_the_edited_and_the_new_not_the_deleted(repository: Path) -> None:
    assert changed_briefs(repository, "main") == [
        repository / "briefs/2025/05/04-new.md",
        repository / "briefs/2025/06/10-exports.md",
    ]


def test_changes_on_main_since_the_branch_left_it_are_not_the_branch_s(repository) -> None:
    git(repository, "stash", "-u", "-q")
    git(repository, "checkout", "-q", "main")
    kim = repository / "briefs/2025/05/04-kim-tank-factory.md"
    kim.write_text(kim.read_text(encoding="utf-8") + "\nLater.\n", encoding="utf-8")
    git(repository, "commit", "-q", "-am", "main moves on")
    git(repository, "checkout", "-q", "contribution")
    assert changed_briefs(repository, "main") == [repository / "briefs/2025/06/10-exports.md"]


def test_an_unknown_base_or_no_repository_is_a_clear_error(repository, tmp_path_factory) -> None:
    with pytest.raises(GitError, match=r"^git merge-base: .*nosuchbranch"):
        changed_briefs(repository, "nosuchbranch")
    with pytest.raises(GitError, match=r"^git merge-base: .*not a git repository"):
        changed_briefs(tmp_path_factory.mktemp("plain"), "main")
