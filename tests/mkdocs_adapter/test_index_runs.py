"""The indexing process's copies of an index: hard links where they can be."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsbrief.mkdocs_adapter.index_runs import copy_linked


def an_index(folder: Path) -> Path:
    (folder / "index/fragment").mkdir(parents=True)
    (folder / "index/pagefind-entry.json").write_text('{"version": "1"}', "utf-8")
    (folder / "index/fragment/en_1.pf_fragment").write_bytes(b"\x1f\x8b fragment")
    return folder / "index"


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_an_index_is_copied_as_hard_links(tmp_path: Path) -> None:
    index = an_index(tmp_path)
    copy_linked(index, tmp_path / "copy")
    assert files_of(tmp_path / "copy") == files_of(index)
    fragment = "fragment/en_1.pf_fragment"
    assert (tmp_path / "copy" / fragment).samefile(index / fragment)


def test_where_a_link_cannot_be_made_the_files_are_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cross_device(source: str, target: str) -> None:
        raise OSError(18, "Invalid cross-device link")

    index = an_index(tmp_path)
    monkeypatch.setattr(os, "link", cross_device)
    copy_linked(index, tmp_path / "copy")
    assert files_of(tmp_path / "copy") == files_of(index)
    entry = "pagefind-entry.json"
    assert not (tmp_path / "copy" / entry).samefile(index / entry)
