"""What a brief's Markdown may not contain: HTML that acts, and links that run code.

A brief comes from a pull request, so from anyone. Its front-matter fields are escaped
wherever they are shown, but its body is Markdown, which passes raw HTML through and,
with ``attr_list``, lets ``{ ... }`` set any attribute. So the checker refuses, with
the line of each:

* raw HTML tags but a few harmless inline ones (``<sup>``, ``<abbr title>``, ...),
  and any attribute on those but ``title``: no ``<script>``, ``<iframe>``, ``on*=``;
* attribute lists setting anything but an id, classes, ``title``, ``lang`` or ``dir``;
* link and image addresses with a scheme other than http, https and mailto
  (``javascript:``, ``data:``, ...), in inline links, autolinks and reference
  definitions, also when written with character references.

Code is text: fenced code blocks and inline code spans are not looked into. An
indented block is, as inside a list it is no code: HTML shown as an example goes in a
fenced block. An HTML comment is looked into: where one ends is not the same to every
reader (``<!-->`` is a whole comment to a browser, ``--!>`` ends one for Python-Markdown),
so a tag inside one may be a tag outside it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from newsbrief.archive.validation import shortened

SAFE_TAGS = frozenset("abbr b br cite del em i ins kbd mark q s small strong sub sup u wbr".split())
SAFE_ATTRIBUTES = frozenset({"title"})
SAFE_ATTRIBUTE_LIST_KEYS = frozenset({"title", "lang", "dir", "id", "class"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_INSTEAD_OF_HTML = f"write it in Markdown (HTML allowed: {', '.join(sorted(SAFE_TAGS))})"
_LIST_KEYS_ALLOWED = "only #id, .class, title, lang and dir are"

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_EMAIL = re.compile(r"<[^\s<>@]+@[^\s<>]+>")
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")  # an opening tag: a closing one acts not
_ATTRIBUTE_NAME = re.compile(r"""([^\s"'=<>/]+)\s*(?:=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_INLINE_LINK = re.compile(r"\]\(\s*(<[^>\n]*>|(?:[^()\n]|\([^()\n]*\))*)\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)", re.MULTILINE)
_ATTRIBUTE_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ATTRIBUTE_LIST_KEY = re.compile(r"""(?:^|\s)([^\s#.=][^\s=]*)\s*=""")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def unsafe_markup(body: str) -> list[tuple[int, str]]:
    """``(line, problem)`` for each unsafe thing in ``body``; lines count from 0."""
    text = _without_code(body)
    found = [*_unsafe_links(text), *_unsafe_html(text), *_unsafe_attribute_lists(text)]
    return sorted({(text.count("\n", 0, offset), problem) for offset, problem in found})


def _without_code(body: str) -> str:
    """``body`` with code blocks and spans blanked out, keeping every offset and line."""
    lines, fence = [], ""
    for line in body.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            lines.append(" " * len(line))
        elif opening:
            fence = opening.group(1)
            lines.append(" " * len(line))
        else:
            lines.append(_CODE_SPAN.sub(lambda span: " " * len(span.group()), line))
    return "\n".join(lines)


def _unsafe_links(text: str) -> Iterator[tuple[int, str]]:
    for pattern in (_INLINE_LINK, _REFERENCE, _AUTOLINK):
        for match in pattern.finditer(text):
            address = match.group(1).strip().removeprefix("<").removesuffix(">")
            scheme = _SCHEME.match(_INVISIBLE.sub("", html.unescape(address)))
            if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
                yield (
                    match.start(1),
                    (
                        f"link address {shortened(address)!r} is not allowed; "
                        "link with an http://, https:// or mailto: address"
                    ),
                )


def _unsafe_html(text: str) -> Iterator[tuple[int, str]]:
    for autolink in (_AUTOLINK, _EMAIL):
        text = autolink.sub(lambda link: " " * len(link.group()), text)
    for tag in _TAG.finditer(text):
        name = tag.group(1).lower()
        if name not in SAFE_TAGS:
            yield tag.start(), f"raw HTML <{name}> is not allowed; {_INSTEAD_OF_HTML}"
            continue
        for attribute in _ATTRIBUTE_NAME.finditer(tag.group(2)):
            if attribute.group(1).lower() not in SAFE_ATTRIBUTES:
                what = f"attribute {attribute.group(1)!r} on <{name}>"
                yield tag.start(), f"{what} is not allowed; only 'title' is"


def _unsafe_attribute_lists(text: str) -> Iterator[tuple[int, str]]:
    for attributes in _ATTRIBUTE_LIST.finditer(text):
        for key in _ATTRIBUTE_LIST_KEY.finditer(attributes.group(1)):
            if key.group(1).lower() not in SAFE_ATTRIBUTE_LIST_KEYS:
                what = f"attribute {key.group(1)!r} in {{ }}"
                yield attributes.start(), f"{what} is not allowed; {_LIST_KEYS_ALLOWED}"
