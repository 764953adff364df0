"""The indexing process: its runs, and its copies of an index (hard links where they can be)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from newsbrief.mkdocs_adapter.index_runs import Run, copy_linked, run_all
from newsbrief.mkdocs_adapter.pagefind import _pagefind
from newsbrief.site.search_documents import document


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


def a_run(tmp_path: Path, name: str, pagefind: list[str]) -> Run:
    source = tmp_path / "documents" / name
    source.mkdir(parents=True)
    (source / "index.html").write_text(document(name.title(), "words"), encoding="utf-8")
    return {
        "pagefind": pagefind,
        "name": name,
        "source": str(source),
        "output": str(tmp_path / "site" / name),
        "index_only": True,
        "copy_to": "",
    }


def test_each_index_s_documents_are_removed_once_it_is_made(tmp_path: Path) -> None:
    """They may be in memory: they are let go of as soon as Pagefind is done with them."""
    first = a_run(tmp_path, "first", _pagefind())
    # the second "Pagefind" fails unless the first index's documents are gone by then
    gone = f"import os, sys; sys.exit(os.path.exists({first['source']!r}))"
    second = a_run(tmp_path, "second", [sys.executable, "-c", gone])
    second["index_only"] = False  # it writes no index to keep
    assert run_all([first, second], forget_documents=True) is None
    assert not Path(second["source"]).exists()
    assert (tmp_path / "site/first/pagefind-entry.json").is_file()


def test_without_forgetting_the_documents_stay(tmp_path: Path) -> None:
    run = a_run(tmp_path, "kept", _pagefind())
    assert run_all([run]) is None
    assert (Path(run["source"]) / "index.html").is_file()
