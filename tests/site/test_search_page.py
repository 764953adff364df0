"""The search page and the forms that open it narrowed (newsbrief.site.search_page)."""

from __future__ import annotations

import re

import pytest

from newsbrief.archive.addresses import SEARCH, SEARCH_SCRIPT, tag_uri, year_uri
from newsbrief.site.search_documents import SEARCH_FILTERS
from newsbrief.site.search_page import (
    FILTERS_OPEN_UP_TO,
    narrowed_search,
    search_page,
    with_index_prefetched,
)
from newsbrief.site.search_volumes import Volume, Volumes

NO_VOLUMES = Volumes((), 0)


def test_search_page_is_a_get_form_of_the_query_and_every_filter() -> None:
    page = search_page(3, NO_VOLUMES)
    html = page.html
    assert page.meta["title"] == "Search"
    form = html[html.index("<form") : html.index("</form>")]
    assert (
        '<form class="nb-search__form" method="get" action="./" data-filter-shards="8" '
        "data-filters-open>" in form
    )
    assert '<label for="nb-search-query">' in form
    assert '<input type="search" id="nb-search-query" name="query"' in form
    assert '<button type="submit"' in form
    groups = re.findall(r'<fieldset data-filter="(\w+)" hidden><legend>(\w+)</legend>', form)
    assert dict(groups) == SEARCH_FILTERS
    assert form.count('<button type="button" class="md-button">Show every ') == len(groups)
    assert 'name="years"' not in form  # the first search covers every brief


def test_a_search_that_leaves_older_volumes_out_offers_every_year() -> None:
    volumes = (Volume("2025-01", "2025-06", ("a",)), Volume("2017-03", "2024-12", ("b",)))
    html = search_page(2, Volumes(volumes, searched_first=1)).html
    assert (
        '<p class="nb-search__years"><label><input type="checkbox" name="years" value="all">'
        " Search every year, back to March 2017</label></p>" in html
    )
    assert html.index('name="years"') < html.index("<fieldset")  # under the words
    assert 'name="years"' not in search_page(2, Volumes(volumes, searched_first=2)).html


def test_a_large_archive_s_filters_wait_for_the_reader_to_open_them() -> None:
    assert "data-filters-open" in search_page(FILTERS_OPEN_UP_TO, NO_VOLUMES).html
    assert "data-filters-open" not in search_page(FILTERS_OPEN_UP_TO + 1, NO_VOLUMES).html


def test_search_page_announces_counts_loads_its_script_and_says_it_needs_javascript() -> None:
    html = search_page(3, NO_VOLUMES).html
    assert '<p id="nb-search-status" class="nb-search__status" role="status"></p>' in html
    assert '<ol id="nb-search-results"' in html
    assert html.count("<script") == 1
    assert f'<script src="../{SEARCH_SCRIPT}"></script>' in html
    preloads = (  # the modules it and its worker import first, asked for beside it, before it
        '<link rel="modulepreload" href="../assets/javascripts/newsbrief-search-text.js">'
        '<link rel="modulepreload" href="../assets/javascripts/newsbrief-search-page-worker.js">'
        '<link rel="modulepreload" href="../pagefind/pagefind.js">'
        f'<script src="../{SEARCH_SCRIPT}">'
    )
    assert preloads in html
    found = html[html.index('<div class="nb-search__found">') :]
    assert found.startswith(  # where results go: the script hides it and nothing shifts
        '<div class="nb-search__found">\n<p id="nb-search-no-script">Search needs JavaScript'
    )


def test_a_narrowed_search_form_sends_its_filter_to_the_search_page() -> None:
    form = narrowed_search(
        tag_uri("military"), "tag", "Military", "Search the briefs tagged Military"
    )
    assert form.startswith('<form class="nb-search-here" method="get" action="../../search/">')
    assert '<label for="nb-search-here">Search the briefs tagged Military</label>' in form
    assert '<input type="search" id="nb-search-here" name="query"' in form
    assert '<input type="hidden" name="tag" value="Military">' in form
    year = narrowed_search(year_uri(2025), "year", "2025", "Search the briefs of 2025")
    assert 'action="../../search/"' in year and 'name="year" value="2025"' in year
    assert SEARCH == "search/index.md"


def test_a_narrowed_search_escapes_the_value_and_refuses_an_unknown_filter() -> None:
    form = narrowed_search("people/x.md", "person", '"><script>', 'Search "><script>')
    assert 'value="&quot;&gt;&lt;script&gt;"' in form and "<script>" not in form
    with pytest.raises(ValueError, match="no search filter 'place': one of tag, year"):
        narrowed_search("places/x.md", "place", "Seoul", "Search")


def test_the_built_search_page_prefetches_the_index_s_first_files_before_its_script() -> None:
    html = str(search_page(3, NO_VOLUMES).html)
    files = ["pagefind/wasm.en.pagefind", "pagefind/pagefind.en_0123abcd.pf_meta"]
    links = (
        '<link rel="prefetch" href="../pagefind/wasm.en.pagefind">'
        '<link rel="prefetch" href="../pagefind/pagefind.en_0123abcd.pf_meta">'
    )
    prefetched = with_index_prefetched(html, files)
    assert links + f'<script src="../{SEARCH_SCRIPT}">' in prefetched
    assert prefetched.replace(links, "") == html  # and nothing else changed
    with pytest.raises(ValueError, match="is it the search page"):
        with_index_prefetched("<p>the home page</p>", files)
