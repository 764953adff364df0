"""Generated pages' HTML helpers (newsbrief.site.content)."""

from __future__ import annotations

import posixpath

import pytest

from newsbrief.archive.addresses import page_url, url
from newsbrief.site.content import PageContent, table
from newsbrief.site.markup import Html

PAGES = ["index.md", "about.md", "tags/index.md", "tags/a-z.md", "tags/north-korea.md"]
PAGES += ["tags/north-korea/page/2.md", "2025/05/04/kim.md", "archive/2025/05/index.md"]


@pytest.mark.parametrize("here", PAGES)
@pytest.mark.parametrize("there", [*PAGES, "feed.xml", "tags/north-korea/atom.xml"])
def test_url_is_the_relative_address_a_browser_resolves_back(here: str, there: str) -> None:
    target = page_url(there) if there.endswith(".md") else there
    relative = url(here, there)
    resolved = posixpath.normpath(posixpath.join(page_url(here), relative))
    assert resolved == (posixpath.normpath(target) if target else ".")
    assert relative.endswith("/") or not there.endswith(".md")


def test_url_examples() -> None:
    assert url("2025/05/04/kim.md", "tags/military.md") == "../../../../tags/military/"
    assert url("tags/index.md", "tags/a-z.md") == "a-z/"
    assert url("tags/a-z.md", "tags/index.md") == "../"
    assert url("index.md", "index.md") == "./"
    assert url("tags/north-korea.md", "tags/north-korea/feed.xml") == "feed.xml"


def test_headings_get_unique_ids_permalinks_and_a_table_of_contents() -> None:
    page = PageContent.start("<Title>", "About <this>")
    page.heading(2, "Briefs")
    page.heading(2, "Briefs")
    assert page.meta == {"title": "&lt;Title&gt;", "description": "About &lt;this&gt;"}
    assert '<h1 id="title">&lt;Title&gt;<a class="headerlink" href="#title"' in page.html
    assert [t["id"] for t in page.toc_tokens[0]["children"]] == ["briefs", "briefs_1"]


def test_table_aligns_numeric_columns_right() -> None:
    html = table(("Tag", "Briefs"), [(Html("<a>x</a>"), "3")], numeric=(1,))
    assert '<th style="text-align: right;">Briefs</th>' in html
    assert '<td><a>x</a></td>\n<td style="text-align: right;">3</td>' in html
