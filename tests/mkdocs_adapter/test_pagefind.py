"""The Pagefind runs beside the build (newsbrief.mkdocs_adapter.pagefind)."""

from __future__ import annotations

import gzip
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from newsbrief.mkdocs_adapter import pagefind
from newsbrief.mkdocs_adapter.pagefind import (
    SearchIndexer,
    document_path,
    documents_parent,
    first_files,
    use_search_worker,
)
from newsbrief.site.search_documents import document

MATERIAL_SEARCH = '"search": "../../assets/javascripts/workers/search.a7633da7.min.js", "tags"'
MATERIAL_CONFIG = f'<script id="__config" type="application/json">{{{MATERIAL_SEARCH}}}</script>'
MAY, JUNE = "volumes/2025-05/", "volumes/2025-06/"


def test_documents_land_where_pagefind_gives_them_the_page_url() -> None:
    assert document_path("") == "index.html"
    assert document_path("2025/05/04/kim/") == "2025/05/04/kim/index.html"
    assert document_path("about.html") == "about.html"


def test_material_search_box_is_pointed_at_the_pagefind_worker() -> None:
    worker = '"search": "../../assets/javascripts/newsbrief-search-worker.js", "tags"'
    assert use_search_worker(MATERIAL_CONFIG) == MATERIAL_CONFIG.replace(MATERIAL_SEARCH, worker)


def test_a_brief_s_text_like_the_configuration_is_left_as_written() -> None:
    page = f"<p>{MATERIAL_SEARCH}</p>{MATERIAL_CONFIG}"
    worker = use_search_worker(MATERIAL_CONFIG)
    assert use_search_worker(page) == f"<p>{MATERIAL_SEARCH}</p>{worker}"
    assert use_search_worker(f"<p>{MATERIAL_SEARCH}</p>") == f"<p>{MATERIAL_SEARCH}</p>"


def documents(june_text: str = "one") -> list[tuple[str, str, str]]:
    return [
        ("", "", document("Home")),
        (MAY, "2025/05/04/alpha/", document("Alpha", "tank")),
        (JUNE, "2025/06/10/beta/", document("Beta", june_text)),
    ]


def urls_in(index: Path) -> set[str]:
    """The pages an index holds, from the fragments Pagefind wrote (gzipped JSON)."""
    return {
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
        for f in (index / "fragment").iterdir()
    }


def searchable_text(index: Path) -> str:
    return " ".join(
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))["content"]
        for f in (index / "fragment").iterdir()
    )


def made_by(process_ids: list[int]) -> Iterator[tuple[str, str, str]]:
    """:func:`documents`, noting which process made them."""
    process_ids.append(os.getpid())
    yield from documents()


@pytest.mark.parametrize("forked", [False, True])
def test_indexer_writes_the_main_index_and_each_volume_s_into_the_site(
    tmp_path: Path, forked: bool
) -> None:
    indexer = SearchIndexer()
    makers: list[int] = []
    indexer.start(made_by(makers), str(tmp_path), forked=forked)
    assert indexer.wait() is None
    # forked (mkdocs build), the documents are made by the process that indexes them,
    # which removes them too; serve keeps them for its next build
    assert makers == ([] if forked else [os.getpid()])
    assert indexer._folder is not None
    left = {path.name for path in Path(indexer._folder.name).iterdir() if path.is_dir()}
    assert left == (set() if forked else {"main", "volumes"})
    indexer.stop()
    assert (tmp_path / "pagefind/pagefind.js").is_file()
    assert urls_in(tmp_path / "pagefind") == {"/"}
    assert urls_in(tmp_path / "pagefind" / MAY) == {"/2025/05/04/alpha/"}
    assert urls_in(tmp_path / "pagefind" / JUNE) == {"/2025/06/10/beta/"}
    # a volume keeps its index alone: the main index's script and WebAssembly serve it
    files = {path.name for path in (tmp_path / "pagefind" / MAY).iterdir() if path.is_file()}
    (metadata,) = (tmp_path / "pagefind" / MAY).glob("*.pf_meta")
    assert files == {"pagefind-entry.json", metadata.name}
    assert (tmp_path / "pagefind/wasm.en.pagefind").is_file()


def test_a_later_run_indexes_only_the_volumes_that_changed(tmp_path: Path) -> None:
    """As in ``mkdocs serve``, whose builds do not wait for the index (no finish)."""
    indexer = SearchIndexer()
    indexer.start(documents(), str(tmp_path))
    assert indexer.wait() is None
    entry = "pagefind-entry.json"
    written = {
        index: (tmp_path / "pagefind" / index / entry).stat().st_mtime_ns
        for index in ("", MAY, JUNE)
    }
    indexer.start(documents(june_text="two"), str(tmp_path))
    assert indexer.wait() is None
    again = {
        index: (tmp_path / "pagefind" / index / entry).stat().st_mtime_ns
        for index in ("", MAY, JUNE)
    }
    assert again[""] == written[""] and again[MAY] == written[MAY]
    assert again[JUNE] > written[JUNE]
    indexer.start(documents()[:2], str(tmp_path))  # June's brief deleted
    assert indexer.finish() is None
    assert not (tmp_path / "pagefind" / JUNE).exists()
    assert (tmp_path / "pagefind" / MAY / entry).is_file()


def test_a_later_run_given_only_the_changes_indexes_as_one_given_every_document(
    tmp_path: Path,
) -> None:
    """A serve rebuild gives the main index's documents and, of the volumes, only the
    briefs changed and the addresses of those gone: the indexer keeps the others'."""
    indexer = SearchIndexer()
    assert not indexer.keeps_documents()
    indexer.start(documents(), str(tmp_path))
    assert indexer.wait() is None
    assert indexer.keeps_documents()
    entry = tmp_path / "pagefind" / MAY / "pagefind-entry.json"
    may = entry.stat().st_mtime_ns
    home, _, june = documents(june_text="two")
    indexer.start([home, june], str(tmp_path), gone=[])
    assert indexer.wait() is None
    assert "two" in searchable_text(tmp_path / "pagefind" / JUNE)
    assert urls_in(tmp_path / "pagefind" / MAY) == {"/2025/05/04/alpha/"}
    assert entry.stat().st_mtime_ns == may  # not indexed again
    indexer.start([home], str(tmp_path), gone=["2025/06/10/beta/"])
    assert indexer.finish() is None
    assert not (tmp_path / "pagefind" / JUNE).exists()
    assert urls_in(tmp_path / "pagefind" / MAY) == {"/2025/05/04/alpha/"}
    indexer.stop()
    assert not indexer.keeps_documents()


def test_a_run_stopped_by_the_next_indexes_its_changes_in_that_one(tmp_path: Path) -> None:
    """A serve build may start before the last one's indexing ended: what that one had
    still to index is indexed by the next, though its documents are written already."""
    indexer = SearchIndexer()
    indexer.start(documents(), str(tmp_path))
    assert indexer.wait() is None
    indexer.start(documents(june_text="two"), str(tmp_path))  # stopped at once, by:
    indexer.start(documents(june_text="two"), str(tmp_path))
    assert indexer.finish() is None
    assert "two" in searchable_text(tmp_path / "pagefind" / JUNE)


def test_an_index_the_site_lost_is_made_again(tmp_path: Path) -> None:
    """A clean build empties the site folder: the volumes are indexed again, unchanged."""
    indexer = SearchIndexer()
    indexer.start(documents(), str(tmp_path / "site"))
    assert indexer.wait() is None
    (tmp_path / "site" / "pagefind" / MAY / "pagefind-entry.json").unlink()
    indexer.start(documents(), str(tmp_path / "site"))
    assert indexer.finish() is None
    assert (tmp_path / "site" / "pagefind" / MAY / "pagefind-entry.json").is_file()


def test_the_forked_indexer_holds_none_of_the_build_s_memory_while_pagefind_runs(
    tmp_path: Path,
) -> None:
    """Once it has written the documents, the forked process becomes index_runs: as a fork
    of a build of 10,000 briefs, it held 140 MB beside Pagefind's 400."""
    held = b"x" * 2**28  # the build's memory, which a fork maps as its own
    indexer = SearchIndexer()
    indexer.start(documents(), str(tmp_path), forked=True)
    assert indexer._child is not None
    child = psutil.Process(indexer._child)
    while "newsbrief.mkdocs_adapter.index_runs" not in " ".join(command_line(child)):
        assert child.status() != psutil.STATUS_ZOMBIE, "it ended and never became index_runs"
        time.sleep(0.005)
    assert child.memory_info().rss < len(held) / 4
    assert indexer.finish() is None
    assert urls_in(tmp_path / "pagefind" / MAY) == {"/2025/05/04/alpha/"}


def command_line(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.ZombieProcess:
        return []


def test_the_first_files_are_the_main_index_s_and_the_first_searched_volumes(tmp_path) -> None:
    indexer = SearchIndexer()
    indexer.start(documents(), str(tmp_path))
    assert indexer.finish() is None
    manifest = {"searched_first": 1, "volumes": [{"path": JUNE}, {"path": MAY}]}
    (tmp_path / "pagefind/volumes.json").write_text(json.dumps(manifest), encoding="utf-8")
    files = first_files(tmp_path)
    assert files[:2] == ["pagefind/wasm.en.pagefind", "pagefind/volumes.json"]
    assert [f.rsplit("/", 1)[0] for f in files[2:]] == ["pagefind", "pagefind/volumes/2025-06"]
    assert all((tmp_path / f).is_file() for f in files)


@pytest.mark.parametrize("forked", [False, True])
def test_indexer_reports_pagefind_failing_and_which_index(tmp_path: Path, forked: bool) -> None:
    blocker = tmp_path / "site"
    blocker.write_text("a file where the site folder should be", encoding="utf-8")
    indexer = SearchIndexer()
    indexer.start(documents(), str(blocker), forked=forked)
    failure = indexer.finish()
    assert failure is not None and failure.startswith("the main index: ")
    assert failure != "the main index: no output"


def test_stopping_a_forked_indexer_stops_its_pagefind(tmp_path: Path) -> None:
    """A failed build stops the indexing: nothing is written into the site after."""
    indexer = SearchIndexer()
    indexer.start(documents(), str(tmp_path), forked=True)
    indexer.stop()
    time.sleep(3)  # longer than Pagefind takes to index three documents (0.3 s)
    assert not (tmp_path / "pagefind" / "pagefind-entry.json").exists()


@pytest.mark.skipif(not Path(pagefind.MEMORY_FOLDER).is_dir(), reason="no folder in memory")
def test_a_build_writes_its_documents_in_memory_where_it_has_room(tmp_path: Path) -> None:
    """On disk, each document is a file created and deleted in the middle of the build."""
    indexer = SearchIndexer()
    indexer.start(documents(), str(tmp_path), forked=True, briefs=2)
    assert indexer._folder is not None
    assert Path(indexer._folder.name).parent == Path(pagefind.MEMORY_FOLDER)
    assert indexer.finish() is None
    assert urls_in(tmp_path / "pagefind" / MAY) == {"/2025/05/04/alpha/"}
    serving = SearchIndexer()  # serve keeps its documents all session: not in memory
    serving.start(documents(), str(tmp_path / "served"))
    assert serving._folder is not None
    assert Path(serving._folder.name).parent != Path(pagefind.MEMORY_FOLDER)
    assert serving.finish() is None


def test_documents_go_to_the_temporary_folder_where_memory_has_no_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagefind, "MEMORY_FOLDER", str(tmp_path))
    assert documents_parent(2) == str(tmp_path)
    free = os.statvfs(tmp_path)
    assert documents_parent(free.f_bavail * free.f_frsize // pagefind.DOCUMENT_ROOM + 1) is None
    monkeypatch.setattr(pagefind, "MEMORY_FOLDER", str(tmp_path / "none"))
    assert documents_parent(2) is None
