"""A generated page as MkDocs needs it: meta, HTML content and table of contents.

Brief, tag, archive and entity pages are written straight to HTML by pure functions
(:mod:`.brief_page`, :mod:`.listings`, :mod:`.entity_pages`) with the helpers here, not
to Markdown: Python-Markdown took half of a large build to turn generated Markdown back
into this same HTML. The HTML is what Python-Markdown with the site's extensions would
write (``toc`` permalinks, ``attr_list`` classes, admonitions), so the theme's CSS and
tests see no difference.

Every helper takes text or markup and returns :class:`~newsbrief.site.markup.Html`:
text (a ``str``) is escaped, so ``<img src=x onerror=alert(1)>`` from front matter shows
as text, and markup (``Html``) passes through. Attribute values are written here only,
with :func:`~newsbrief.site.markup.attribute`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import slugify as toc_slugify

from newsbrief.archive.addresses import url
from newsbrief.site.markup import Html, attribute

# The helpers every page calls many times make their templates once.
_ANCHOR = Html('<a%s href="%s">%s</a>')
_PARAGRAPH = Html("<p%s>%s</p>\n")
_BULLETS, _BULLET = Html("<ul>\n%s</ul>\n"), Html("<li>%s</li>\n")
_STRONG = Html("<strong>%s</strong>")
_DOTS = Html(" · ")
_HEADING = Html(
    '<h%s id="%s">%s<a class="headerlink" href="#%s" title="Permanent link">&para;</a></h%s>\n'
)
_EMPTY = Html()


def link(from_uri: str, to_uri: str, label: str, css: str = "") -> Html:
    """``<a>`` to another page of the site."""
    return anchor(url(from_uri, to_uri), label, css)


def anchor(href: str, label: str, css: str = "") -> Html:
    """``<a>`` to any address."""
    return _ANCHOR % (_class(css), attribute(href), label)


@functools.cache  # a few class names for every link and paragraph of the site
def _class(css: str) -> Html:
    """The ``class`` attribute, or nothing for no classes."""
    return Html(' class="%s"') % attribute(css) if css else _EMPTY


def element(name: str, attributes: dict[str, str | None], content: str | None = None) -> Html:
    """``<name a="v" b>content</name>``: each attribute written with :func:`attribute`
    (``None`` for one without a value); no closing tag for no ``content`` (a void element).
    ``name`` and the attributes' names come from the code, never from a brief."""
    written = _EMPTY.join(
        Html(" %s") % Html(key)
        if value is None
        else Html(' %s="%s"') % (Html(key), attribute(value))
        for key, value in attributes.items()
    )
    start = Html("<%s%s>") % (Html(name), written)
    return start if content is None else Html("%s%s</%s>") % (start, content, Html(name))


def time_element(day: dt.date, label: str) -> Html:
    """``<time>`` showing ``label`` for ``day``, which its ``datetime`` gives machines."""
    return element("time", {"datetime": day.isoformat()}, label)


def paragraph(content: str, css: str = "") -> Html:
    return _PARAGRAPH % (_class(css), content)


def bullets(items: Iterable[str]) -> Html:
    return _BULLETS % _EMPTY.join(_BULLET % item for item in items)


def strong(content: str) -> Html:
    return _STRONG % content


def dot_separated(*items: str) -> Html:
    """Items on one line, between middle dots: ``a · b · c``."""
    return _DOTS.join(items)


def division(css: str, content: str) -> Html:
    """A ``<div>`` of the classes ``css``, as ``md_in_html`` writes it."""
    return Html("<div%s>\n%s</div>\n") % (_class(css), content)


def blockquote(content: str) -> Html:
    return Html("<blockquote>\n%s</blockquote>\n") % content


def table(
    head: tuple[str, ...], rows: list[tuple[str, ...]], numeric: tuple[int, ...] = ()
) -> Html:
    """A table as the ``tables`` extension writes it; ``numeric`` columns are aligned right."""
    body = Html().join(Html("<tr>\n%s</tr>\n") % _cells("td", row, numeric) for row in rows)
    head_row = Html("<thead>\n<tr>\n%s</tr>\n</thead>\n") % _cells("th", head, numeric)
    return Html("<table>\n%s<tbody>\n%s</tbody>\n</table>\n") % (head_row, body)


_CELLS = {  # (aligned left, aligned right)
    "th": (Html("<th>%s</th>\n"), Html('<th style="text-align: right;">%s</th>\n')),
    "td": (Html("<td>%s</td>\n"), Html('<td style="text-align: right;">%s</td>\n')),
}


def _cells(tag: str, values: tuple[str, ...], numeric: tuple[int, ...]) -> Html:
    left, right = _CELLS[tag]
    return Html().join(
        (right if index in numeric else left) % value for index, value in enumerate(values)
    )


def admonition(kind: str, title: str, content: str) -> Html:
    """A box as the ``admonition`` extension writes it."""
    return division(f"admonition {kind}", paragraph(title, "admonition-title") + content)


@dataclass
class PageContent:
    """A generated page: ``meta`` (HTML-escaped title, description, ...), HTML and headings."""

    meta: dict[str, Any]
    parts: list[Html] = field(default_factory=list)
    toc_tokens: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def start(
        cls,
        title: str,
        description: str | None = None,
        published: str | None = None,
        feed_title: str | None = None,
    ) -> PageContent:
        """A page with its ``<h1>``, and the meta the theme writes into ``<head>``.

        The theme writes these values unescaped, in text and in attributes (it expects
        titles to be HTML already), so they are escaped here as attribute values.
        """
        meta: dict[str, Any] = {"title": attribute(title)}
        if description:
            meta["description"] = attribute(description)
        if feed_title:  # the page has feeds of its own, in its folder (see overrides/main.html)
            meta["feed_title"] = attribute(feed_title)
        if published:  # a brief: OpenGraph calls it an article
            meta["og_article"] = True
            meta["published"] = published
        page = cls(meta)
        page.heading(1, title)
        return page

    def heading(self, level: int, title: str, content: str | None = None) -> None:
        """``<hN>`` with the permalink ``toc`` adds, listed in the table of contents;
        ``content`` is shown instead of ``title`` (a link, say)."""
        unique = self._unique_id(toc_slugify(title, "-"))
        token = {"level": level, "id": unique, "name": Html.escape(title), "children": []}
        if level == 1 or not self.toc_tokens:
            self.toc_tokens.append(token)
        else:
            self.toc_tokens[-1]["children"].append(token)
        anchor_id = attribute(unique)
        self.parts.append(_HEADING % (level, anchor_id, content or title, anchor_id, level))

    def _unique_id(self, slug: str) -> str:
        """``slug``, or ``slug_1``, ``slug_2``... where a heading of the page has it already."""
        taken = {t["id"] for top in self.toc_tokens for t in (top, *top["children"])}
        unique, number = slug, 0
        while unique in taken:
            number += 1
            unique = f"{slug}_{number}"
        return unique

    def add(self, *parts: str) -> None:
        """Add ``parts`` to the page: markup as it is, text escaped."""
        self.parts.extend(map(Html.escape, parts))

    @property
    def html(self) -> Html:
        return Html().join(self.parts)
