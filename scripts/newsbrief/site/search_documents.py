"""What full-text search finds on each page of the site.

What is searchable is decided here, from the briefs themselves (not from the
HTML a template draws): for each page, a small HTML document with its title and
text. A brief's document holds its title and synopsis as written and every other
word of the brief once (:func:`new_words`): every word is found, and a word used
throughout the archive costs each brief one position in the index, not one per use.
The search box shows a brief's synopsis, with the query's words marked, where
other pages get Pagefind's excerpt. A brief's document also gives Pagefind its
filters (:data:`SEARCH_FILTERS`: its tags' titles, year, source and people), by which
the search page narrows results. The MkDocs adapter indexes these documents with
Pagefind (:mod:`newsbrief.mkdocs_adapter.pagefind`).
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Callable, Container, Iterable, Iterator
from typing import Any

from newsbrief.archive.addresses import SCHEMA_REFERENCE, page_url, tag_uri
from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import Archive
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.site.brief_page import format_date
from newsbrief.site.content import element
from newsbrief.site.markup import QuotedHtml
from newsbrief.site.search_volumes import MAIN_INDEX, Volumes

_MARKUP = re.compile(r"\]\([^)]*\)|[#*_`>|\[\]{}]|<[^>]+>")
_PUNCTUATION = string.punctuation + "“”‘’«»–—…·"


SEARCH_FILTERS = {"tag": "Tag", "year": "Year", "source": "Source", "person": "Person"}
"""The filters of a brief, by name (as in the search page's address) and label."""
FILTER_SHARDS = 8
"""Pagefind filters per filter of :data:`SEARCH_FILTERS`, each with a share of its values.

Pagefind keeps each filter in one file that a search narrowed by it downloads whole:
with 10,000 briefs, 86 KB for the tags, more than the commonest word's index chunk and
over the first query's budget with it. Spread over eight filters (``tag0`` ... ``tag7``,
by a hash of the value: :func:`filter_key`), a search narrowed to one tag downloads an
eighth of that. The search page's script finds a value's filter the same way.
"""

_DOCUMENT = QuotedHtml(
    '<!DOCTYPE html>\n<html lang="en"><head><title>%s</title>\n%s</head>'
    "<body>\n<h1>%s</h1>\n%s</body></html>\n"
)
_PARAGRAPH = QuotedHtml("<p>%s</p>\n")
_SYNOPSIS = QuotedHtml('<p data-pagefind-meta="synopsis">%s</p>\n')
_PUBLISHED = QuotedHtml('<p data-pagefind-meta="published">%s</p>\n')


def document(
    title: str,
    *paragraphs: str,
    synopsis: str = "",
    published: str = "",
    filters: dict[str, list[str]] | None = None,
) -> QuotedHtml:
    """A page as Pagefind indexes it: the title (weighted as a heading) and plain text.

    A ``synopsis`` and the ``published`` line (date, dateline, source) are also kept as
    the page's metadata: search results show them for the page instead of an excerpt.
    ``filters`` are the page's values of each filter, given to Pagefind as
    :func:`filter_key` says.
    """
    texts = [_SYNOPSIS % synopsis] if synopsis else []
    texts += [_PUBLISHED % published] if published else []
    texts += [_PARAGRAPH % text for text in paragraphs if text]
    head = QuotedHtml().join(
        element(
            "meta",
            {"data-pagefind-filter": f"{filter_key(name, value)}[content]", "content": value},
        )
        + "\n"
        for name, values in (filters or {}).items()
        for value in values
    )
    return _DOCUMENT % (title, head, title, QuotedHtml().join(texts))


def brief_document(entry: Entry, vocabulary: Vocabulary) -> QuotedHtml:
    """Everything a reader may search a brief by: its text, speakers, tags and names.

    The title and synopsis are given whole; every other field and the body add only the
    words not yet in the document, once each (see :func:`new_words`).
    """
    brief = entry.brief
    said = [
        f"{quote.text} ({quote.speaker}{', ' + quote.role if quote.role else ''})"
        for quote in itertools.chain(brief.quotes, brief.commentary)
    ]
    published = " · ".join(
        filter(None, [format_date(brief.date), brief.dateline, brief.source.name])
    )
    rest = [
        *brief.takeaways,
        *said,
        ", ".join(vocabulary.tags[slug].title for slug in brief.tags),
        ", ".join([*brief.people, *brief.organizations, *brief.places, *brief.cites]),
        _MARKUP.sub(" ", entry.body),
    ]
    known = [brief.title, brief.synopsis, published]
    return document(
        brief.title,
        new_words(rest, known),
        synopsis=brief.synopsis,
        published=published,
        filters=brief_filters(entry, vocabulary),
    )


def filter_key(name: str, value: str) -> str:
    """The Pagefind filter that holds ``value`` of the filter ``name`` (see
    :data:`FILTER_SHARDS`): the name and the value's 32-bit FNV-1a hash (of its UTF-8)
    modulo the shards, as ``newsbrief-search-page.js`` computes it too."""
    digest = 0x811C9DC5
    for byte in value.encode("utf-8"):
        digest = ((digest ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"{name}{digest % FILTER_SHARDS}"


def brief_filters(entry: Entry, vocabulary: Vocabulary) -> dict[str, list[str]]:
    """A brief's value(s) of each of :data:`SEARCH_FILTERS`: its tags by title (as its
    page shows them), its year, its source, and the people it names, speakers included
    (the briefs a person's page lists)."""
    brief = entry.brief
    return {
        "tag": [vocabulary.tags[slug].title for slug in brief.tags],
        "year": [str(brief.date.year)],
        "source": [brief.source.name],
        "person": brief.named()["people"],
    }


def new_words(texts: Iterable[str], known: Iterable[str]) -> str:
    """The words of ``texts`` once each, in order, leaving out those of the ``known`` texts.

    Pagefind keeps the position of every occurrence of every word, and a query fetches
    all the positions of its words. Given whole, the briefs make the index chunk of a
    word used throughout them grow with each use: with 10,000 synthetic briefs, 239 KB
    for the commonest word, 61 KB with each brief's words once.
    """
    seen = {word.lower() for text in known for word in _words(text)}
    fresh = []
    for text in texts:
        for word in _words(text):
            if word.lower() not in seen:
                seen.add(word.lower())
                fresh.append(word)
    return " ".join(fresh)


def _words(text: str) -> Iterator[str]:
    for token in text.split():
        word = token.strip(_PUNCTUATION)
        if word:
            yield word


def markdown_document(markdown: str, fallback_title: str) -> QuotedHtml:
    """A page of docs/ from its Markdown: the first heading as title, the text without markup."""
    text = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    lines = text.splitlines()
    title = next((line[2:] for line in lines if line.startswith("# ")), fallback_title)
    return document(title, _MARKUP.sub(" ", text))


def site_documents(
    archive: Archive,
    volumes: Volumes,
    docs: Iterable[tuple[str, str, str]],
    reference: str,
    call: Callable[..., Any],
    left_out: Container[str] = (),
    briefs: Iterable[Entry] | None = None,
) -> Iterator[tuple[str, str, QuotedHtml]]:
    """``(index, url, document)`` of every page readers search: briefs, in the index of
    their volume (its folder, :mod:`newsbrief.site.search_volumes`), then tags in use, the
    schema ``reference`` and the ``docs`` pages, given as (url, Markdown, file name), in
    the main index (``""``). ``call(function, *args)`` makes each brief's (``mkdocs
    serve`` passes its memo). The briefs of the volumes ``left_out`` are left out (a
    build copies those volumes' indexes from its cache); given ``briefs``, only those
    are (a serve rebuild's changed briefs).

    People, organisations and places are searchable in the briefs that name them; their
    own pages are left out, as every page indexed adds to what the first query loads.
    """
    for entry in archive.entries if briefs is None else briefs:
        index = volumes.of(entry.src_uri).path
        if index not in left_out:
            text = call(brief_document, entry, archive.vocabulary)
            yield index, page_url(entry.src_uri), text
    for slug in archive.tags_in_use():  # an unused tag has no page
        tag = archive.vocabulary.tags[slug]
        yield MAIN_INDEX, page_url(tag_uri(slug)), document(tag.title, tag.description)
    yield MAIN_INDEX, page_url(SCHEMA_REFERENCE), markdown_document(reference, "Brief schema")
    for url, markdown, name in docs:
        yield MAIN_INDEX, url, markdown_document(markdown, name)
