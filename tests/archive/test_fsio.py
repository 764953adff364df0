"""Safe writes: whole files, never a replaced one when told so, and the usual modes."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from newsbrief.archive.fsio import write_atomic


@pytest.fixture(autouse=True)
def umask() -> Iterator[int]:
    """A umask other than the usual 0o022, so that a mode that ignores it shows."""
    previous = os.umask(0o027)
    yield 0o027
    os.umask(previous)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    write_atomic(tmp_path / "brief.md", "text\n")
    write_atomic(tmp_path / "seed.html", b"<p>page</p>\n", replace=False)
    assert mode_of(tmp_path / "brief.md") == mode_of(tmp_path / "seed.html") == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md", "seed.html"]


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    (tmp_path / "brief.md").write_text("old\n")
    (tmp_path / "brief.md").chmod(0o664)
    write_atomic(tmp_path / "brief.md", "new\n")
    assert (tmp_path / "brief.md").read_text() == "new\n"
    assert mode_of(tmp_path / "brief.md") == 0o664


def test_an_existing_file_is_not_replaced_when_told_so(tmp_path: Path) -> None:
    (tmp_path / "seed.txt").write_text("an editor's file\n")
    with pytest.raises(FileExistsError):
        write_atomic(tmp_path / "seed.txt", "a copy\n", replace=False)
    assert (tmp_path / "seed.txt").read_text() == "an editor's file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["seed.txt"]


@pytest.fixture
def no_hard_links(monkeypatch) -> None:
    """A file system that refuses hard links, as FAT and some network ones do."""
    refused = PermissionError(errno.EPERM, os.strerror(errno.EPERM))
    monkeypatch.setattr(Path, "hardlink_to", mock.Mock(side_effect=refused))


@pytest.mark.usefixtures("no_hard_links")
def test_without_hard_links_a_new_file_is_written_and_none_replaced(tmp_path: Path) -> None:
    write_atomic(tmp_path / "seed.txt", "a copy\n", replace=False)
    assert (tmp_path / "seed.txt").read_text() == "a copy\n"
    assert mode_of(tmp_path / "seed.txt") == 0o640
    with pytest.raises(FileExistsError):
        write_atomic(tmp_path / "seed.txt", "another copy\n", replace=False)
    assert (tmp_path / "seed.txt").read_text() == "a copy\n"
    assert [p.name for p in tmp_path.iterdir()] == ["seed.txt"]


@pytest.mark.usefixtures("no_hard_links")
def test_without_hard_links_a_failed_write_leaves_no_file(tmp_path: Path, monkeypatch) -> None:
    real_fdopen, opened = os.fdopen, []

    def fdopen(handle: int, *args, **kwargs):
        stream = real_fdopen(handle, *args, **kwargs)
        opened.append(stream)
        if len(opened) == 2:  # the new file's, after the temporary file's: the disk is full
            stream.write = mock.Mock(side_effect=OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
        return stream

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(OSError, match="No space left on device"):
        write_atomic(tmp_path / "seed.txt", "a copy\n", replace=False)
    assert list(tmp_path.iterdir()) == []
