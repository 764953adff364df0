"""What full-text search finds on each page of the site.

What is searchable is decided here, from the briefs themselves (not from the
HTML a template draws): for each page, a small HTML document with its title and
text. A brief's document holds its title and synopsis as written and every other
word of the brief once (:func:`new_words`): every word is found, and a word used
throughout the archive costs each brief one position in the index, not one per use.
The search box shows a brief's synopsis, with the query's words marked, where
other pages get Pagefind's excerpt. The MkDocs adapter indexes these documents with
Pagefind (:mod:`newsbrief.mkdocs_adapter.pagefind`).
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsbrief.archive.addresses import SCHEMA_REFERENCE, page_url, tag_uri
from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import Archive
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.site.brief_page import format_date
from newsbrief.site.markup import QuotedHtml

_MARKUP = re.compile(r"\]\([^)]*\)|[#*_`>|\[\]{}]|<[^>]+>")
_PUNCTUATION = string.punctuation + "“”‘’«»–—…·"


_DOCUMENT = QuotedHtml(
    '<!DOCTYPE html>\n<html lang="en"><head><title>%s</title></head>'
    "<body>\n<h1>%s</h1>\n%s</body></html>\n"
)
_PARAGRAPH = QuotedHtml("<p>%s</p>\n")
_SYNOPSIS = QuotedHtml('<p data-pagefind-meta="synopsis">%s</p>\n')


def document(title: str, *paragraphs: str, synopsis: str = "") -> QuotedHtml:
    """A page as Pagefind indexes it: the title (weighted as a heading) and plain text.

    A ``synopsis`` is also kept as the page's metadata: the search box shows it for the
    page instead of an excerpt.
    """
    texts = [_SYNOPSIS % synopsis] if synopsis else []
    texts += [_PARAGRAPH % text for text in paragraphs if text]
    return _DOCUMENT % (title, title, QuotedHtml().join(texts))


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
    return document(brief.title, published, new_words(rest, known), synopsis=brief.synopsis)


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
    docs: Iterable[tuple[str, str, str]],
    reference: str,
    call: Callable[..., Any],
) -> Iterator[tuple[str, QuotedHtml]]:
    """``(url, document)`` of every page readers search: briefs, tags in use, the schema
    ``reference`` and the ``docs`` pages, given as (url, Markdown, file name).
    ``call(function, *args)`` makes each brief's (``mkdocs serve`` passes its memo).

    People, organisations and places are searchable in the briefs that name them; their
    own pages are left out, as every page indexed adds to what the first query loads.
    """
    for entry in archive.entries:
        yield page_url(entry.src_uri), call(brief_document, entry, archive.vocabulary)
    for slug in archive.tags_in_use():  # an unused tag has no page
        tag = archive.vocabulary.tags[slug]
        yield page_url(tag_uri(slug)), document(tag.title, tag.description)
    yield page_url(SCHEMA_REFERENCE), markdown_document(reference, "Brief schema")
    for url, markdown, name in docs:
        yield url, markdown_document(markdown, name)
