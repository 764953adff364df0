"""The pages and files newsbrief generates, as MkDocs' file and page objects.

Each brief, tag, archive and entity page, the feeds and the schema reference become
virtual files (MkDocs 1.6 ``File.generated``), added by :func:`add_generated`. Pages
outside the navigation are written as HTML (:mod:`newsbrief.site.content`) and get an
:class:`HtmlPage`, which skips MkDocs' Markdown step. Files MkDocs would only copy (the
feeds) can be written into the site as they are made (:func:`written_into_site`).
``Files.append`` silently replaces a file at the same address, so each addition is
checked against the files already there.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import is_markdown_file

from newsbrief.archive.addresses import page_url
from newsbrief.mkdocs_adapter.incremental import GeneratedFile
from newsbrief.site.content import PageContent

Rendering = PageContent | Callable[[], PageContent]
"""A generated page, or how to make it when MkDocs reads it."""
Generated = tuple[str, str | bytes | Rendering, InclusionLevel]
"""A generated page or file: its source path, its content, and its place in the
navigation."""


_NO_TOC = get_toc([])  # shared: a page's table of contents is only read


def is_rendering(content: str | bytes | Rendering) -> TypeGuard[Rendering]:
    """Whether ``content`` is a page newsbrief writes as HTML (made, or to be made)."""
    return isinstance(content, PageContent) or callable(content)


class HtmlPage(MkDocsPage):
    """A page newsbrief wrote as HTML: MkDocs' Markdown step, costly even for an empty
    text, is skipped.

    MkDocs reads every page before it writes the first, and keeps each page's content to
    the end of the build: thousands of pages' HTML at once. So the plugin puts a page's
    meta, HTML and table of contents in place (:meth:`fill`) only just before the page is
    written, and takes them out (:meth:`empty`) once it is.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.empty()

    def fill(self, made: PageContent) -> None:
        """Put the page ``made`` in place, its meta before what the plugin set already."""
        self.meta = {**made.meta, **self.meta}
        self.toc = get_toc(made.toc_tokens)
        self.content = exact_str(made.html)

    def empty(self) -> None:
        """No content, no table of contents (before the page is made)."""
        self.content = ""
        self.toc = _NO_TOC

    def let_go(self) -> None:
        """Once written: nothing of what it was made with is kept, meta included (MkDocs
        keeps every page object to the end of the build; a second build of a serve
        session reads the page's meta anew)."""
        self.empty()
        self.meta = {}

    def _set_canonical_url(self, base: str | None) -> None:
        """MkDocs' canonical and absolute addresses without a ``urljoin`` for each of
        thousands of pages (:func:`plain_addresses`)."""
        addresses = plain_addresses(base, self.url)
        if addresses is None:
            super()._set_canonical_url(base)
        else:
            self.canonical_url, self.abs_url = addresses


_PLAIN_PATH = re.compile(r"[a-z0-9_/-]*")


def plain_addresses(site_url: str | None, url: str) -> tuple[str, str] | None:
    """A page's canonical and absolute addresses, as MkDocs makes them, where its ``url``
    is a plain path (``2025/05/04/slug/``) and ``site_url`` a plain address: the site's
    address and path followed by the page's; else None."""
    site = _site_address(site_url) if site_url and _PLAIN_PATH.fullmatch(url) else None
    return None if site is None else (site[0] + url, site[1] + url)


@dataclass(frozen=True)
class ListedPage:
    """What MkDocs' sitemap template reads of a page (``file.page``)."""

    canonical_url: str
    abs_url: str
    update_date: str
    is_link: bool = False


@dataclass(frozen=True)
class ListedFile:
    """A page the build cache put into the site, which MkDocs never sees, as the sitemap
    lists it: making MkDocs' file and page objects of 16,000 such pages took a second."""

    page: ListedPage


def page_dest(src_uri: str) -> str:
    """Where MkDocs writes a generated page (``tags/economy.md``: ``tags/economy/index.html``)."""
    return page_url(src_uri) + "index.html"


def listed_file(src_uri: str, site_url: str | None, date: str) -> ListedFile | None:
    """The page at ``src_uri`` as the sitemap lists it, built on ``date`` (MkDocs'
    ``get_build_date``), where its address is plain (see :func:`plain_addresses`); else
    None (it is left to MkDocs)."""
    addresses = plain_addresses(site_url, page_url(src_uri))
    return None if addresses is None else ListedFile(ListedPage(*addresses, date))


def exact_str(html: str) -> str:
    """``html`` as a plain ``str``, not markup (a ``str`` subclass).

    Material's search plugin rewrites every page's content with ``re.sub``, even a page
    it does not index; given a plain ``str`` with nothing to replace, ``re.sub`` returns it
    as it is, but given a subclass it returns a copy: a second copy of every page's HTML.
    """
    return str(html)  # a copy of a subclass; a plain str itself


@functools.cache
def _site_address(base: str) -> tuple[str, str] | None:
    """``base`` ending in ``/``, and its path; None for one with a query or fragment."""
    address = base if base.endswith("/") else base + "/"
    parts = urlsplit(address)
    return None if parts.query or parts.fragment else (address, parts.path)


def add_generated(
    files: Files,
    generated: Iterable[Generated],
    config: MkDocsConfig,
    kept: dict[str, File],
    placed: Iterable[str] = (),
    written: Iterable[str] = (),
) -> list[File]:
    """Add the ``generated`` pages and files to MkDocs' ``files``; return their files.

    A page in ``kept`` (unchanged since the previous build of a serve session) keeps its
    file and page objects from then. The pages ``placed`` (source paths: the build
    cache's) and the files ``written`` (paths in the site: :func:`written_into_site`) are
    in the site without files of MkDocs': none may take their addresses, and a written
    file may not take a documentation file's.
    """
    docs = Path(config.docs_dir).name
    taken = {file.url: f"{docs}/{file.src_uri}" for file in files}
    taken |= {page_url(src_uri): f"the generated {src_uri}" for src_uri in placed}
    for path in written:
        _claim(taken, path, path)
    added = []
    for src_uri, content, inclusion in generated:
        file = kept.get(src_uri)
        if file is None:
            file = generated_file(src_uri, content, inclusion, config)
        refuse_collision(file, taken)
        files.append(file)
        added.append(file)
    return added


def generated_file(
    src_uri: str,
    content: str | bytes | Rendering,
    inclusion: InclusionLevel,
    config: MkDocsConfig,
) -> File:
    """A generated page's file; a page given as HTML and out of the navigation gets its
    :class:`HtmlPage` now, or MkDocs would make a Markdown page of it."""
    text = "" if is_rendering(content) else content
    file = GeneratedFile.generated(config, src_uri, content=text, inclusion=inclusion)
    if is_rendering(content) and inclusion.is_not_in_nav():
        HtmlPage(None, file, config)
    return file


def written_into_site(site_dir: str, files: Iterable[tuple[str, str]]) -> Iterator[str]:
    """Write each of ``files`` (path in the site, text) into the site as it comes; each
    one's path. Such a file never becomes one of MkDocs' files (:func:`add_generated`).

    MkDocs keeps a generated file's content until it copies the file, after it has read
    every page: with 10,000 briefs, 160 MB of feeds; and making 15,000 files of MkDocs'
    took a second. Written as they are made, the files are never all in memory. A file
    the site has already, byte for byte (the previous build's site, kept by the build
    cache: :mod:`.old_site`), is left as it is: comparing costs a tenth of writing. One
    that differs is replaced, never written into: it may be the build cache's file too (a
    hard link: :mod:`.build_cache`).
    """
    for src_uri, text in files:
        path = Path(site_dir, src_uri)
        encoded = text.encode("utf-8")  # as MkDocs writes a file's text
        if not _holds(path, encoded):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)
            path.write_bytes(encoded)
        yield src_uri


def _holds(path: Path, content: bytes) -> bool:
    """Whether the file at ``path`` holds ``content`` already."""
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except FileNotFoundError:
        return False


def remove_generated(site_dir: str, src_uris: Iterable[str]) -> None:
    """Delete what was generated at ``src_uris`` (pages and files no longer generated)
    from the site, and each one's folder where that leaves it empty."""
    for src_uri in src_uris:
        path = Path(site_dir, page_dest(src_uri) if is_markdown_file(src_uri) else src_uri)
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # not empty: another page's folder too
            path.parent.rmdir()


def refuse_collision(file: File, taken: dict[str, str]) -> None:
    """Fail where a generated page would replace another (``Files.append`` does so silently)."""
    _claim(taken, file.url, file.src_uri)


def _claim(taken: dict[str, str], url: str, src_uri: str) -> None:
    if url in taken:
        raise PluginError(
            f"newsbrief: the page it generates for {src_uri} would replace {taken[url]} "
            f"at /{url}; rename or remove {taken[url]}"
        )
    taken[url] = f"the generated {src_uri}"
