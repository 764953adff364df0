"""The search page, ``/search/``, and the forms that lead to it already narrowed.

The page is a real form (``method="get"``): the query and the chosen filters are its
fields, so a search is an address (``/search/?query=tank&tag=Military&year=2025``) that
can be bookmarked and shared. Its script
(``overrides/assets/javascripts/newsbrief-search-page.js``, loaded by this page only)
reads the address, asks the Pagefind index, shows the results and, beside them, the
filters' values with their counts (a filter's values are downloaded when the reader
asks to see them, or chooses one), and keeps the address in step as the reader
changes the query or the filters. The filters are Pagefind's, which each brief's
search document gives (:data:`newsbrief.site.search_documents.SEARCH_FILTERS`).
"""

from __future__ import annotations

from newsbrief.archive.addresses import SEARCH, SEARCH_MODULES, SEARCH_SCRIPT, url
from newsbrief.site.content import PageContent, division, element, paragraph
from newsbrief.site.markup import Html
from newsbrief.site.search_documents import FILTER_SHARDS, SEARCH_FILTERS
from newsbrief.site.search_volumes import Volume, Volumes

DESCRIPTION = "Search every brief, narrowed by tag, year, source and person."
FILTERS_OPEN_UP_TO = 2000
"""With at most this many briefs, every filter's values are downloaded with the first
results and shown beside them (about 25 bytes a brief for the four filters); with more,
a filter's values are downloaded when the reader asks to see them (a button), so the
first query stays within its budget (see README, "The site")."""
NO_SCRIPT = (
    "Search needs JavaScript, which this browser does not run for the site. The archive, "
    "the tags and the pages of people, organisations and places list every brief."
)


def search_page(briefs: int, volumes: Volumes) -> PageContent:
    """``/search/`` for an archive of ``briefs`` indexed in ``volumes``: the query and
    filter controls, where the results and the count announced to screen readers go, and
    the page's script."""
    page = PageContent.start("Search", DESCRIPTION)
    query = paragraph(
        Html().join(
            [
                element("label", {"for": "nb-search-query"}, "Words to search for"),
                _query_input("nb-search-query"),
                _submit(),
            ]
        ),
        "nb-search__query",
    )
    filters = division(
        "nb-search__filters",
        Html().join(_filter_fieldset(*item) for item in SEARCH_FILTERS.items()),
    )
    if volumes.older:
        query += _every_year(volumes.volumes[-1])
    attributes = {"class": "nb-search__form", "method": "get", "action": "./"}
    attributes["data-filter-shards"] = str(FILTER_SHARDS)
    if briefs <= FILTERS_OPEN_UP_TO:
        attributes["data-filters-open"] = None
    form = element("form", attributes, query + filters)
    found = Html().join(
        [
            # where the results go, so that the script's hiding it moves nothing in sight
            element("p", {"id": "nb-search-no-script"}, NO_SCRIPT),
            element(
                "p", {"id": "nb-search-status", "class": "nb-search__status", "role": "status"}, ""
            ),
            element("ol", {"id": "nb-search-results", "class": "nb-search__results"}, ""),
            paragraph(
                element(
                    "button",
                    {
                        "type": "button",
                        "id": "nb-search-more",
                        "class": "md-button",
                        "hidden": None,
                    },
                    "More results",
                )
            ),
        ]
    )
    page.add(
        division("nb-search", form + division("nb-search__found", found)),
        *_preloaded_modules(),
        _page_script(),
    )
    return page


def _page_script() -> Html:
    return element("script", {"src": url(SEARCH, SEARCH_SCRIPT)}, "")


def with_index_prefetched(page_html: str, index_files: list[str]) -> str:
    """The built search page ``page_html`` also asking, beside its script, for
    ``index_files`` (addresses from the site's root): the files of the search index that
    every search fetches first (Pagefind's WebAssembly and metadata), named only once the
    index is built. Without them, they were asked for only after the page's script, its
    worker and the index's entry file had come, one after the other: on a slow phone
    network, the first result came a second later (Lighthouse, applied throttling).
    ``prefetch``, not ``preload``: the worker, not the page, uses them, which a preload
    would have the browser warn about."""
    script = _page_script()
    if script not in page_html:
        raise ValueError(f"the search page has no {script}: is it the search page?")
    prefetches = Html().join(
        element("link", {"rel": "prefetch", "href": url(SEARCH, file)}) for file in index_files
    )
    return page_html.replace(script, prefetches + script, 1)


def _preloaded_modules() -> list[Html]:
    """The modules the script imports before its first query, asked for beside the script
    rather than one after the other once it runs: the first results come a few round
    trips sooner on a slow network (Lighthouse's largest contentful paint)."""
    return [
        element("link", {"rel": "modulepreload", "href": url(SEARCH, module)})
        for module in SEARCH_MODULES
    ]


def _every_year(oldest: Volume) -> Html:
    """The choice to search the volumes a search leaves out at first (the field
    ``years=all`` in the page's address)."""
    box = element("input", {"type": "checkbox", "name": "years", "value": "all"})
    label = f" Search every year, back to {oldest.first_month_name}"
    return paragraph(element("label", {}, box + label), "nb-search__years")


def _filter_fieldset(name: str, label: str) -> Html:
    """A group of one filter's choices, which the script fills from the results: the
    values chosen, and the others once the reader asks for them (the button)."""
    choices = element("div", {"class": "nb-search__choices"}, "")
    show = element(
        "button", {"type": "button", "class": "md-button"}, f"Show every {label.lower()}"
    )
    return element(
        "fieldset",
        {"data-filter": name, "hidden": None},
        element("legend", {}, label) + choices + show,
    )


def _query_input(element_id: str) -> Html:
    return element(
        "input",
        {
            "type": "search",
            "id": element_id,
            "name": "query",
            "autocomplete": "off",
            "enterkeyhint": "search",
        },
    )


def _submit() -> Html:
    return element("button", {"type": "submit", "class": "md-button md-button--primary"}, "Search")


def narrowed_search(from_uri: str, filter_name: str, value: str, label: str) -> Html:
    """A small search form on the page at ``from_uri`` (a tag's, a year's, a person's)
    that opens the search page already narrowed to ``value`` of the filter ``filter_name``."""
    if filter_name not in SEARCH_FILTERS:
        raise ValueError(f"no search filter {filter_name!r}: one of {', '.join(SEARCH_FILTERS)}")
    fields = Html().join(
        [
            element("label", {"for": "nb-search-here"}, label),
            _query_input("nb-search-here"),
            element("input", {"type": "hidden", "name": filter_name, "value": value}),
            _submit(),
        ]
    )
    return element(
        "form",
        {"class": "nb-search-here", "method": "get", "action": url(from_uri, SEARCH)},
        fields,
    )
