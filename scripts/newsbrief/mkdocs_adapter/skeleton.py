"""Material's page around generated pages, rendered once per kind of page.

Running Material's template (header, palette, navigation, search box, configuration) is
most of the time a large archive takes to build, and for the thousands of generated pages
outside the navigation it writes the same HTML but for a few values. So the template is
rendered once per *kind* of page with unique markers in place of those values: the page's
title and other text meta, its canonical address, its content, and its table of contents
(a skeleton). Each page of that kind is the skeleton with its own values put back; its
table of contents is rendered on its own with Material's ``partials/toc.html``.

A kind is everything else the HTML depends on: the keys and non-text values of the meta,
whether there is a table of contents and whether the content has its own ``<h1>``, and,
for relative links, the depth of the page's folder and how many folders it shares with
each navigation page or file it could link to.

The first page of each kind is also rendered in full and compared with its skeleton's:
where they differ (a theme override that uses a value in another way), pages of that kind
are rendered in full. Only pages outside the navigation, with directory addresses and no
edit link, are rendered this way; the plugin gives them the template
:data:`SKELETON_TEMPLATE`, which writes out what :meth:`Skeletons.render` made.

The plugin's corrections to every page (``finish``: Material's HTML fixed, the search
worker named) are made to the skeleton once, not to each page: made to every page (up
to a hundred KB), they had 6% of the samples of a 10,000-brief build (py-spy). They are
made to the skeleton's HTML with its markers and to each table of contents; where the
first page so finished differs from its full rendering finished, each page of its kind
is finished on its own.
"""

from __future__ import annotations

import copy
import logging
import re
import secrets
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import jinja2
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

log = logging.getLogger("mkdocs.plugins.newsbrief")

SKELETON_TEMPLATE = "newsbrief-skeleton.html"
"""The template of pages rendered here: it writes out the page they were given."""
HTML_VARIABLE = "newsbrief_html"

Values = dict[str, str]
"""The page's own values, by slot name."""


def eligible(page: Page) -> bool:
    """Whether ``page`` can be rendered from a skeleton (see the module's docstring)."""
    return (
        page.file.inclusion.is_not_in_nav()
        and page.parent is None
        and page.previous_page is None
        and page.next_page is None
        and page.edit_url is None
        and page.url.endswith("/")
        and "template" not in page.meta
    )


def with_skeleton_template(loader: jinja2.BaseLoader | None) -> jinja2.BaseLoader:
    """The theme's ``loader`` with :data:`SKELETON_TEMPLATE` added."""
    ours = jinja2.DictLoader({SKELETON_TEMPLATE: "{{ " + HTML_VARIABLE + " }}"})
    return jinja2.ChoiceLoader([ours, loader] if loader is not None else [ours])


class _Skeleton:
    """A template's HTML cut at the markers: literal text, then a slot name, and so on;
    ``finished`` where the plugin's corrections are made to it (then also to its table of
    contents, and not to the page)."""

    def __init__(self, html: str, markers: dict[str, str], mark: str, finished: bool) -> None:
        pattern = "|".join(re.escape(marker) for marker in sorted(markers, key=len, reverse=True))
        self.parts = re.split(f"({pattern})", html)
        self.parts[1::2] = [markers[marker] for marker in self.parts[1::2]]
        self.complete = not any(mark in literal for literal in self.parts[::2])
        self.finished = finished

    def fill(self, values: Values) -> str:
        parts = self.parts[:]
        parts[1::2] = [values[name] for name in parts[1::2]]
        return "".join(parts)


class Skeletons:
    """The skeletons of one build (one per process), made as pages of new kinds come."""

    def __init__(
        self,
        env: jinja2.Environment,
        linkable: Iterable[File],
        nav: Navigation,
        finish: Callable[[str], str],
    ) -> None:
        """``linkable``: the files the template may link to (not the generated pages);
        ``finish``: the corrections made to every page's HTML (see the module's docstring),
        which must give what they are given where there is nothing to correct."""
        self.finish = finish
        self.template = env.get_template("main.html")
        self.toc_template = env.get_template("partials/toc.html")
        self.language = env.get_template("partials/language.html")
        self.enabled = not env.autoescape  # markers and values must go in as they are
        self.mark = "nbskeleton" + secrets.token_hex(6)
        self.targets = _targets_by_first_folder(linkable, nav)
        self.known: dict[Hashable, _Skeleton | None] = {}
        self.tocs: dict[Hashable, str] = {}
        self.finished_tocs: dict[str, str] = {}
        self.lang: Any = None

    @property
    def unusable(self) -> int:
        """How many kinds of page are rendered in full, their skeleton not matching."""
        return sum(1 for skeleton in self.known.values() if skeleton is None)

    @property
    def unfinished(self) -> int:
        """How many kinds of page are finished page by page, their skeletons not."""
        return sum(1 for made in self.known.values() if made is not None and not made.finished)

    def render(self, context: dict[str, Any]) -> str:
        """The HTML of the page in ``context``, as ``main.html`` would render it, finished."""
        if not self.enabled:
            return self.finish(self.template.render(context))
        page: Page = context["page"]
        kind = self._kind(page)
        if kind not in self.known:
            self.known[kind] = self._make(context)
        skeleton = self.known[kind]
        if skeleton is None:
            return self.finish(self.template.render(context))
        html = skeleton.fill(self._values(page, context, skeleton.finished))
        return html if skeleton.finished else self.finish(html)

    def _kind(self, page: Page) -> Hashable:
        meta = tuple((key, None if isinstance(v, str) else repr(v)) for key, v in page.meta.items())
        folders = page.url.split("/")[:-1]
        targets = self.targets.get(folders[0], ())
        lengths = (_shared_length(folders, target) for target in targets)
        shared = (folders[0], *lengths) if targets else ()  # other first folders: none shared
        return (
            meta,
            bool(page.toc.items),
            "<h1" in (page.content or ""),
            page.canonical_url is None,
            page.abs_url is None,
            len(folders),
            shared,
        )

    def _make(self, context: dict[str, Any]) -> _Skeleton | None:
        """The skeleton of the page's kind, or None where it does not give the page's HTML."""
        page: Page = context["page"]
        stand_in, markers = self._stand_in(page)
        stand_in_context = {**context, "page": stand_in}
        html = self.template.render(stand_in_context)
        toc = self._toc(stand_in_context)
        if html.count(toc) == 1:  # none where the theme puts it elsewhere: then it differs
            markers[toc] = "toc"
        full = self.template.render(context)
        skeleton = _Skeleton(html, markers, self.mark, finished=False)
        if not skeleton.complete or skeleton.fill(self._values(page, context, False)) != full:
            log.debug("newsbrief: pages like %s are rendered in full", page.file.src_uri)
            return None
        finished_markers = {
            self._finished_toc(k) if v == "toc" else k: v for k, v in markers.items()
        }
        finished = _Skeleton(self.finish(html), finished_markers, self.mark, finished=True)
        if finished.complete and finished.fill(self._values(page, context, True)) == (
            self.finish(full)
        ):
            return finished
        log.debug("newsbrief: pages like %s are finished one by one", page.file.src_uri)
        return skeleton

    def _stand_in(self, page: Page) -> tuple[Page, dict[str, str]]:
        """A copy of ``page`` with markers for its own values, and the slot of each marker."""
        slots: dict[str, str] = {}

        def marker(name: str, text: str = "") -> str:
            value = f"{self.mark}{len(slots)}{text}{self.mark}"
            slots[value] = name
            return value

        stand_in = copy.copy(page)
        stand_in.meta = {
            key: marker(f"meta:{key}") if isinstance(value, str) else value
            for key, value in page.meta.items()
        }
        stand_in.title = marker("title")  # type: ignore[misc]  # a weak_property
        # the content partial adds a title where the content has no <h1>:
        has_title = "<h1" in (page.content or "")
        stand_in.content = marker("content", "<h1" if has_title else "")
        for name in ("canonical_url", "abs_url"):
            if getattr(page, name) is not None:
                setattr(stand_in, name, marker(name))
        items = [AnchorLink(marker("toc-title"), marker("toc-id"), 2)] if page.toc.items else []
        stand_in.toc = TableOfContents(items)
        if items:
            slots["#" + items[0].id] = "skip"  # Material's "skip to content" link
        return stand_in, slots

    def _values(self, page: Page, context: dict[str, Any], finished: bool) -> Values:
        """The page's own values; its table of contents finished, for a ``finished``
        skeleton."""
        values = {f"meta:{key}": v for key, v in page.meta.items() if isinstance(v, str)}
        values["title"] = str(page.title)
        values["content"] = page.content or ""
        values["canonical_url"] = page.canonical_url or ""
        values["abs_url"] = page.abs_url or ""
        toc = self._toc(context)
        values["toc"] = self._finished_toc(toc) if finished else toc
        first = page.toc.items[0] if page.toc.items else None
        values["skip"] = first.url if first else ""
        values["toc-title"] = first.title if first else ""
        values["toc-id"] = first.id if first else ""
        return values

    def _finished_toc(self, toc: str) -> str:
        """A table of contents (of :meth:`_toc`) finished, each once."""
        if toc not in self.finished_tocs:
            self.finished_tocs[toc] = self.finish(toc)
        return self.finished_tocs[toc]

    def _toc(self, context: dict[str, Any]) -> str:
        """The page's table of contents as Material's partial writes it.

        Pages share the structure of their headings, so each table is rendered once. The
        partial may leave the page title's entry out (Material's does): where a marker in
        its place is not written, the table does not depend on the title.
        """
        items = context["page"].toc.items
        if items and items[0].level == 1:
            untitled = AnchorLink(self.mark, self.mark, 1)
            untitled.children = items[0].children
            html = self._rendered_toc(context, [untitled, *items[1:]])
            if self.mark not in html:
                return html
        return self._rendered_toc(context, items)

    def _rendered_toc(self, context: dict[str, Any], items: list[AnchorLink]) -> str:
        key = _toc_key(items)
        if key not in self.tocs:
            if self.lang is None:  # as base.html imports it, with the page's context
                self.lang = self.language.make_module(context)
            page = copy.copy(context["page"])
            page.toc = TableOfContents(items)
            self.tocs[key] = self.toc_template.render({**context, "page": page, "lang": self.lang})
        return self.tocs[key]


def _toc_key(items: list[AnchorLink]) -> Hashable:
    return tuple((i.title, i.id, i.level, _toc_key(i.children)) for i in items)


def _targets_by_first_folder(
    linkable: Iterable[File], nav: Navigation
) -> dict[str, list[list[str]]]:
    """The paths the template may link to (navigation items and ``linkable`` files),
    split at ``/`` and grouped by their first part."""
    urls = [item.url for item in _nav_items(nav.items) if getattr(item, "url", None)]
    urls += [file.url for file in linkable]
    targets: dict[str, list[list[str]]] = defaultdict(list)
    for parts in {tuple(part for part in url.split("/") if part) for url in urls}:
        if parts:
            targets[parts[0]].append(list(parts))
    return targets


def _nav_items(items: list[Any]) -> Iterable[Any]:
    for item in items:
        yield item
        yield from _nav_items(getattr(item, "children", None) or [])


def _shared_length(folders: list[str], target: list[str]) -> int:
    """How many leading folders a page shares with a link target: with the depth of the
    page's folder, this decides the target's relative address."""
    shared = 0
    for here, there in zip(folders, target, strict=False):
        if here != there:
            break
        shared += 1
    return shared
