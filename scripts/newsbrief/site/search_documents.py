"""Full-text search: a chunked Pagefind index, built on the other core.

Material's own search puts every page into one JSON file that the browser
downloads whole before the first result (tens of MB for an archive of
thousands of briefs). Pagefind splits its index into chunks by word, so a query
fetches only what it needs. Material's search box stays: a small worker
(``overrides/assets/javascripts/newsbrief-search-worker.js``) answers it from
the Pagefind index.

What is searchable is decided here, from the briefs themselves (not from the
HTML a template draws): for each page, a small HTML document with its title and
text. A brief's document holds its title and synopsis as written and every other
word of the brief once (:func:`new_words`): every word is found, and a word used
throughout the archive costs each brief one position in the index, not one per use.
The search box shows a brief's synopsis, with the query's words marked, where
other pages get Pagefind's excerpt. :class:`SearchIndexer` writes the documents to
a temporary folder and runs the Pagefind command over them in the background while
MkDocs renders the pages; the build waits for it at the end.
"""

from __future__ import annotations

import html
import itertools
import re
import string
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from newsbrief.archive.addresses import SCHEMA_REFERENCE, page_url, tag_uri
from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import Archive
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.site.brief_page import format_date, source_name

OUTPUT_DIR = "pagefind"
WORKER = "assets/javascripts/newsbrief-search-worker.js"
# Material's search worker, as the page's configuration names it (relative to the page).
_MATERIAL_WORKER = re.compile(
    r'("search": "[^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"'
)
_MARKUP = re.compile(r"\]\([^)]*\)|[#*_`>|\[\]{}]|<[^>]+>")
_PUNCTUATION = string.punctuation + "“”‘’«»–—…·"


def document(title: str, *paragraphs: str, synopsis: str = "") -> str:
    """A page as Pagefind indexes it: the title (weighted as a heading) and plain text.

    A ``synopsis`` is also kept as the page's metadata: the search box shows it for the
    page instead of an excerpt.
    """
    body = "".join(_paragraph(text) for text in paragraphs)
    if synopsis:
        body = _paragraph(synopsis, ' data-pagefind-meta="synopsis"') + body
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><title>{html.escape(title)}</title></head>'
        f"<body>\n<h1>{html.escape(title)}</h1>\n{body}</body></html>\n"
    )


def _paragraph(text: str, attributes: str = "") -> str:
    return f"<p{attributes}>{html.escape(text)}</p>\n" if text else ""


def brief_document(entry: Entry, vocabulary: Vocabulary) -> str:
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
        filter(None, [format_date(brief.date), brief.dateline, source_name(brief.source)])
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


def markdown_document(markdown: str, fallback_title: str) -> str:
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
) -> Iterator[tuple[str, str]]:
    """``(url, document)`` of every page readers search: briefs, tags, the schema
    ``reference`` and the ``docs`` pages, given as (url, Markdown, file name).
    ``call(function, *args)`` makes each brief's (``mkdocs serve`` passes its memo).

    People, organisations and places are searchable in the briefs that name them; their
    own pages are left out, as every page indexed adds to what the first query loads.
    """
    for entry in archive.entries:
        yield page_url(entry.src_uri), call(brief_document, entry, archive.vocabulary)
    for slug, tag in archive.vocabulary.tags.items():
        yield page_url(tag_uri(slug)), document(tag.title, tag.description)
    yield page_url(SCHEMA_REFERENCE), markdown_document(reference, "Brief schema")
    for url, markdown, name in docs:
        yield url, markdown_document(markdown, name)


def use_search_worker(page_html: str) -> str:
    """``page_html`` with Material's search box answered by the Pagefind worker."""
    return _MATERIAL_WORKER.sub(rf'\g<1>{WORKER}"', page_html, count=1)


def document_path(url: str) -> str:
    """Where a page's document goes so that Pagefind gives it the page's URL."""
    if url.endswith(".html"):
        return url
    return f"{url}index.html"


class SearchIndexer:
    """Runs Pagefind over the pages' documents in a background process.

    The documents stay in their folder until :meth:`stop`: a later run (the next build
    of ``mkdocs serve``) writes only those that changed.
    """

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._process: subprocess.Popen[str] | None = None
        self._written: dict[str, str] = {}

    def start(self, documents: Iterable[tuple[str, str]], site_dir: str) -> None:
        """Write ``(url, document)`` pairs and start indexing them into ``site_dir``."""
        self._kill()
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="newsbrief-search-")
        root = Path(self._folder.name)
        current = {document_path(url): text for url, text in documents}
        for gone in self._written.keys() - current.keys():
            (root / gone).unlink(missing_ok=True)
        for path, text in current.items():
            if self._written.get(path) != text:
                target = root / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        self._written = current
        command = [sys.executable, "-m", "pagefind", "--site", str(root), "--silent"]
        command += ["--output-path", str(Path(site_dir) / OUTPUT_DIR), "--force-language", "en"]
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    def finish(self) -> str | None:
        """Wait for the index; Pagefind's output if it failed, else ``None``."""
        if self._process is None:
            return None
        output, _ = self._process.communicate()
        failed = self._process.returncode != 0
        self.stop()
        return (output.strip() or "no output") if failed else None

    def stop(self) -> None:
        """Stop an unfinished run (the build failed, or serve ended); remove the documents."""
        self._kill()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
        self._written = {}

    def _kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = None
