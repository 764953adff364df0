"""HTML that is safe by construction: text is escaped unless it was made as markup.

The site writes its HTML as :class:`Html`, a :class:`markupsafe.Markup`. Whatever is put
into it (``Html("<p>%s</p>") % title``, ``+``, ``Html(", ").join(names)``) is escaped
unless it is markup already (``Html``, or anything with ``__html__``). So text from a
brief cannot become markup by a forgotten call, and a function that takes "text or
markup" needs no convention: text is escaped, markup passes through. ``Html("...")``
marks a literal as markup; the one markup made from outside the code, a brief's summary
converted from Markdown, is marked where it is converted
(:func:`newsbrief.site.brief_page.markdown_converter`), with why it is trusted.

markupsafe's own escaping also writes ``'`` and ``"`` as ``&#39;`` and ``&#34;``. The
pages have always escaped as Python-Markdown does, and their bytes stay as they were, so
the subclasses here replace :meth:`Markup.escape`, which every operation of ``Markup``
calls, with :func:`html.escape`:

* :class:`Html`, for pages, escapes text as Python-Markdown does: ``&``, ``<`` and ``>``,
  quotes as written. That is safe between tags, not in an attribute's value: the only
  attributes with values from a brief are written by :mod:`newsbrief.site.content`,
  through :func:`attribute`. (A test fails on a placeholder inside a tag anywhere else.)
* :class:`QuotedHtml`, for documents read by programs (feeds' content, what search
  indexes), escapes quotes too, as those always have (``&quot;``, ``&#x27;``).

The page functions compose with ``%``, which :class:`Html` also does faster than
``Markup``: see :meth:`Html.__mod__`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any, Self

from markupsafe import Markup


class Html(Markup):
    """HTML of a page; text given to it is escaped as Python-Markdown escapes text."""

    __slots__ = ()

    @staticmethod
    def escape_text(text: str) -> str:
        return html.escape(text, quote=False)

    @classmethod
    def markup_of(cls, value: Any) -> str:
        """``value`` as HTML: markup as it is, anything else escaped as text."""
        if type(value) is str:
            return cls.escape_text(value)
        if isinstance(value, Markup):
            return value
        if hasattr(value, "__html__"):
            return value.__html__()
        return cls.escape_text(str(value))

    @classmethod
    def escape(cls, s: Any, /) -> Self:
        if type(s) is cls:
            return s
        return str.__new__(cls, cls.markup_of(s))

    def __mod__(self, values: Any, /) -> Self:
        """``self`` with its ``%s`` placeholders filled with ``values`` (a tuple, or one
        value), escaped as :meth:`markup_of` says.

        Markup's own ``%`` escapes alike at twice the cost, which a page of a hundred
        briefs pays hundreds of times: it wraps each value in a helper object, and checks
        every string it makes for ``__html__``. (``format`` costs more again: a Formatter.)
        """
        if type(values) is not tuple:
            values = (values,)
        return str.__new__(type(self), str.__mod__(self, self._markup_of_each(values)))

    def join(self, parts: Iterable[Any], /) -> Self:
        """``parts``, escaped as :meth:`markup_of` says, with ``self`` between them."""
        return str.__new__(type(self), str.join(self, self._markup_of_each(parts)))

    @classmethod
    def _markup_of_each(cls, values: Iterable[Any]) -> tuple[str, ...]:
        markup_of = cls.markup_of  # not called for markup: most values are
        return tuple([value if isinstance(value, Markup) else markup_of(value) for value in values])


class QuotedHtml(Html):
    """HTML for programs to read; text given to it is escaped with its quotes."""

    __slots__ = ()

    escape_text = staticmethod(html.escape)  # quotes too


def attribute(value: str) -> Html:
    """``value``, text, as the value of an attribute in double quotes."""
    return str.__new__(Html, html.escape(str(value)))  # str: a Markup's replace would escape
