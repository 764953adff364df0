"""Generated pages and files as MkDocs' objects (newsbrief.mkdocs_adapter.generated)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_build_date

from newsbrief.mkdocs_adapter.generated import (
    HtmlPage,
    add_generated,
    generated_file,
    listed_file,
    page_dest,
)
from newsbrief.site.content import PageContent
from tests.conftest import make_site

OUT = InclusionLevel.NOT_IN_NAV
IN = InclusionLevel.UNDEFINED


@pytest.fixture
def config(tmp_path: Path) -> MkDocsConfig:
    root = make_site(tmp_path, {})
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins._current_plugin = "newsbrief"  # as while the plugin's events run
    return config


def page(title: str) -> PageContent:
    return PageContent.start(title, f"About {title}.")


@pytest.mark.parametrize(
    "site_url", ["http://127.0.0.1:8000/", "https://example.org/news", "https://example.org/?q=1"]
)
@pytest.mark.parametrize("uri", ["2025/05/04/kim.md", "tags/a-z.md", "people/o'neil.md"])
def test_generated_pages_have_the_addresses_mkdocs_gives(
    config: MkDocsConfig, site_url: str, uri: str
) -> None:
    config.site_url = site_url
    ours = HtmlPage(None, File.generated(config, uri, content=""), config)
    theirs = MkDocsPage(None, File.generated(config, uri, content=""), config)
    assert (ours.canonical_url, ours.abs_url) == (theirs.canonical_url, theirs.abs_url)
    listed = listed_file(uri, site_url, get_build_date())  # put in the site by the cache
    if listed is not None:
        sitemap = (listed.page.canonical_url, listed.page.abs_url, listed.page.update_date)
        assert sitemap == (theirs.canonical_url, theirs.abs_url, theirs.update_date)
        assert not listed.page.is_link
        assert page_dest(uri) == theirs.file.dest_uri
    else:  # left to MkDocs: an address it would quote, or a site address with a query
        assert "'" in uri or "?" in site_url


def test_only_html_pages_out_of_the_navigation_get_their_page_object(config) -> None:
    assert isinstance(generated_file("tags/war.md", page("War"), OUT, config).page, HtmlPage)
    assert generated_file("tags/index.md", page("Tags"), IN, config).page is None  # MkDocs'
    assert generated_file("feed.xml", "<rss/>", IN, config).page is None


def test_added_files_keep_what_was_kept_and_refuse_to_replace_a_page(config) -> None:
    kept = generated_file("tags/war.md", page("War"), OUT, config)
    files = Files([File("about.md", config.docs_dir, config.site_dir, True)])
    generated = [("tags/war.md", page("War"), OUT), ("feed.xml", "<rss/>", IN)]
    added = add_generated(files, generated, config, {"tags/war.md": kept})
    assert added[0] is kept and files.get_file_from_path("tags/war.md") is kept
    assert files.get_file_from_path("feed.xml").content_string == "<rss/>"
    with pytest.raises(PluginError, match=r"for about/index\.md would replace docs/about\.md"):
        add_generated(files, [("about/index.md", page("About"), OUT)], config, {})


def test_no_added_page_may_take_the_address_of_one_the_cache_placed(config) -> None:
    files = Files([])
    placed = ["tags/war.md"]  # in the site from the build's cache, not in files
    with pytest.raises(PluginError, match=r"for tags/war/index\.md would replace the generated"):
        add_generated(files, [("tags/war/index.md", page("War"), OUT)], config, {}, placed)


def test_no_file_written_into_the_site_may_take_a_documentation_file_s_address(config) -> None:
    """A feed written into the site is not one of MkDocs' files, which would copy the
    documentation file over it."""
    files = Files([File("tags/feed.xml", config.docs_dir, config.site_dir, True)])
    written = ["tags/war/feed.xml", "tags/feed.xml"]
    with pytest.raises(PluginError, match=r"for tags/feed\.xml would replace docs/tags/feed\.xml"):
        add_generated(files, [], config, {}, written=written)
    add_generated(files, [], config, {}, written=written[:1])  # the other is free
