"""The Pagefind run beside the build (newsbrief.mkdocs_adapter.pagefind)."""

from __future__ import annotations

from pathlib import Path

from newsbrief.mkdocs_adapter.pagefind import SearchIndexer, document_path, use_search_worker
from newsbrief.site.search_documents import document

MATERIAL_CONFIG = '"search": "../../assets/javascripts/workers/search.a7633da7.min.js", "tags"'


def test_documents_land_where_pagefind_gives_them_the_page_url() -> None:
    assert document_path("") == "index.html"
    assert document_path("2025/05/04/kim/") == "2025/05/04/kim/index.html"
    assert document_path("about.html") == "about.html"


def test_material_search_box_is_pointed_at_the_pagefind_worker() -> None:
    assert use_search_worker(MATERIAL_CONFIG) == (
        '"search": "../../assets/javascripts/newsbrief-search-worker.js", "tags"'
    )


def test_indexer_writes_the_index_into_the_site(tmp_path: Path) -> None:
    indexer = SearchIndexer()
    indexer.start([("a/", document("Alpha", "one")), ("", document("Home"))], str(tmp_path))
    assert indexer.finish() is None
    assert (tmp_path / "pagefind/pagefind.js").is_file()


def test_indexer_reports_pagefind_failing(tmp_path: Path) -> None:
    blocker = tmp_path / "site"
    blocker.write_text("a file where the site folder should be", encoding="utf-8")
    indexer = SearchIndexer()
    indexer.start([("a/", document("Alpha", "one"))], str(blocker))
    failure = indexer.finish()
    assert failure is not None and failure != "no output"
