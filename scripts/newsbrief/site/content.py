"""A generated page as MkDocs needs it: meta, HTML content and table of contents.

Brief, tag, archive and entity pages are written straight to HTML by pure functions
(:mod:`.brief_page`, :mod:`.listings`, :mod:`.entity_pages`) with the helpers here, not
to Markdown: Python-Markdown took half of a large build to turn generated Markdown back
into this same HTML. The HTML is what Python-Markdown with the site's extensions would
write (``toc`` permalinks, ``attr_list`` classes, admonitions), so the theme's CSS and
tests see no difference. Every text from front matter goes through :func:`text`, so
``<img src=x onerror=alert(1)>`` shows as text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import slugify as toc_slugify

from newsbrief.archive.addresses import url


def text(value: str) -> str:
    """``value`` as HTML text."""
    return html.escape(value, quote=False)


def attribute(value: str) -> str:
    return html.escape(value, quote=True)


def link(from_uri: str, to_uri: str, label: str, css: str = "") -> str:
    """``<a>`` to another page; ``label`` is HTML (escape text with :func:`text`)."""
    css_attribute = f' class="{css}"' if css else ""
    return f'<a{css_attribute} href="{url(from_uri, to_uri)}">{label}</a>'


def paragraph(content: str, css: str = "") -> str:
    css_attribute = f' class="{css}"' if css else ""
    return f"<p{css_attribute}>{content}</p>\n"


def bullets(items: list[str]) -> str:
    """A list of HTML items."""
    return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n"


def table(head: tuple[str, ...], rows: list[tuple[str, ...]], numeric: tuple[int, ...] = ()) -> str:
    """A table as the ``tables`` extension writes it; cells are HTML, ``numeric`` columns
    are aligned right."""

    def cells(tag: str, values: tuple[str, ...]) -> str:
        return "".join(
            f'<{tag} style="text-align: right;">{value}</{tag}>\n'
            if index in numeric
            else f"<{tag}>{value}</{tag}>\n"
            for index, value in enumerate(values)
        )

    body = "".join(f"<tr>\n{cells('td', row)}</tr>\n" for row in rows)
    head_row = f"<thead>\n<tr>\n{cells('th', head)}</tr>\n</thead>\n"
    return f"<table>\n{head_row}<tbody>\n{body}</tbody>\n</table>\n"


def admonition(kind: str, title: str, content: str) -> str:
    """A box as the ``admonition`` extension writes it; ``content`` is HTML."""
    return (
        f'<div class="admonition {kind}">\n<p class="admonition-title">{text(title)}</p>\n'
        f"{content}</div>\n"
    )


@dataclass
class PageContent:
    """A generated page: ``meta`` (HTML-escaped title, description, ...), HTML and headings."""

    meta: dict[str, Any]
    parts: list[str] = field(default_factory=list)
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

        The theme writes these values unescaped (it expects titles to be HTML already),
        so they are HTML-escaped here.
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
        ``content`` is HTML to show instead of the text ``title`` (a link, say)."""
        slug = toc_slugify(title, "-")
        taken = {token["id"] for token in self._tokens()}
        unique, number = slug, 0
        while unique in taken:
            number += 1
            unique = f"{slug}_{number}"
        token = {"level": level, "id": unique, "name": text(title), "children": []}
        if level == 1 or not self.toc_tokens:
            self.toc_tokens.append(token)
        else:
            self.toc_tokens[-1]["children"].append(token)
        permalink = f'<a class="headerlink" href="#{unique}" title="Permanent link">&para;</a>'
        self.parts.append(
            f'<h{level} id="{unique}">{content or text(title)}{permalink}</h{level}>\n'
        )

    def add(self, *html_parts: str) -> None:
        self.parts.extend(html_parts)

    @property
    def html(self) -> str:
        return "".join(self.parts)

    def _tokens(self) -> list[dict[str, Any]]:
        return [t for top in self.toc_tokens for t in (top, *top["children"])]
