"""Plain prose to HTML without Python-Markdown, where Python-Markdown gives the same.

Most summaries are paragraphs of plain sentences. Python-Markdown took 0.94 ms for a
synthetic brief's four paragraphs, this module 0.06 ms; for such text Python-Markdown only
wraps each paragraph in ``<p>``. :func:`plain_html` does that directly for a text in
which no Markdown can start: no character that opens markup (``\\ ` * _ { } [ ] < > & #
| ~``), every line starting with a letter, a quotation mark or an opening parenthesis
(so no list, heading, quote, code block, admonition or rule) and ending without a space
(so no line break), and no tab or other unprintable character. Anything else goes to
Python-Markdown, which is also kept wherever an extension outside
:data:`PLAIN_EXTENSIONS` is on, as one may change plain text (``smarty``, for example).
``tests/site/test_prose.py`` compares the two on real articles and on generated text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from newsbrief.site.markup import Html

PLAIN_EXTENSIONS = frozenset(
    {"admonition", "attr_list", "md_in_html", "tables", "toc", "fenced_code"}
)
"""The extensions (MkDocs' defaults and the site's) that leave plain prose as it is."""

_MARKUP = re.compile(r"[\\`*_{}\[\]<>&#|~]")
_OPENING = frozenset("\"'“‘(")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
_PARAGRAPH = Html("<p>%s</p>")
_LINE = Html("\n")


def leaves_prose_plain(extensions: Iterable[Any]) -> bool:
    """Whether every one of Python-Markdown's ``extensions`` (names, as MkDocs gives them)
    leaves plain prose as it is."""
    return all(
        isinstance(name, str) and name.removeprefix("markdown.extensions.") in PLAIN_EXTENSIONS
        for name in extensions
    )


def is_plain(text: str) -> bool:
    """Whether no Markdown can start anywhere in ``text`` (see the module's docstring)."""
    if _MARKUP.search(text):
        return False
    return all(not line or _plain_line(line) for line in text.split("\n"))


def _plain_line(line: str) -> bool:
    first = line[0]
    return (first.isalpha() or first in _OPENING) and line[-1] != " " and line.isprintable()


def plain_html(text: str) -> Html:
    """The HTML of a plain ``text`` (:func:`is_plain`), as Python-Markdown writes it: each
    paragraph in ``<p>``, its lines as they are (escaped, though plain text has nothing
    to escape)."""
    paragraphs = _PARAGRAPH_BREAK.split(text.strip("\n"))
    return _LINE.join(_PARAGRAPH % paragraph for paragraph in paragraphs if paragraph)
