"""HTML safe by construction (newsbrief.site.markup): text is escaped unless made as markup,
and no code of the site assembles HTML from plain strings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from markupsafe import Markup

import newsbrief.site
from newsbrief.site.content import (
    PageContent,
    admonition,
    bullets,
    element,
    link,
    paragraph,
    table,
)
from newsbrief.site.markup import Html, QuotedHtml, attribute

HOSTILE = "<img src=x onerror=alert(1)>"
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
SITE = Path(newsbrief.site.__file__).parent
ATTRIBUTE_WRITER = "content.py"  # writes every attribute value, with attribute()

_TAG = re.compile(r"<[A-Za-z/]")
_PLACEHOLDER_IN_TAG = re.compile(r'<[^<>]*(%s|\{[^{}]*\})|="[^"]*(%s|\{[^{}]*\})')
_MARKUP_CLASSES = {"Html", "QuotedHtml", "Markup"}
_QUOTING_CLASSES = {"QuotedHtml", "Markup"}  # escape quotes: safe as a quoted value
_QUOTED_VALUE = re.compile(r'="%s"')


def _has_tag(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and bool(_TAG.search(node.value))
    )


def html_from_strings(source: str) -> list[tuple[int, str]]:
    """``(line, what)`` where ``source`` assembles HTML from plain strings: an f-string
    with a tag in its text, or ``+``, ``%`` or ``.format`` on a string literal with one."""
    found = [(node, _assembly(node)) for node in ast.walk(ast.parse(source))]
    return sorted((node.lineno, what) for node, what in found if what)


def _assembly(node: ast.AST) -> str | None:
    """How ``node`` makes HTML from plain strings, if it does."""
    if isinstance(node, ast.JoinedStr) and any(map(_has_tag, node.values)):
        return "f-string"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return "+" if _has_tag(node.left) or _has_tag(node.right) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return "%" if _has_tag(node.left) else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return ".format" if node.func.attr == "format" and _has_tag(node.func.value) else None
    return None


def placeholders_in_tags(source: str) -> list[int]:
    """Lines of the markup templates in ``source`` with a placeholder inside a tag or an
    attribute's value, where text escaped as text (quotes kept) is not safe. A markup
    class that escapes quotes may fill a whole value in double quotes."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _MARKUP_CLASSES
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
        and _PLACEHOLDER_IN_TAG.search(_unsafe_part(node.func.id, node.args[0].value))
    ]


def _unsafe_part(markup_class: str, template: str) -> str:
    if markup_class in _QUOTING_CLASSES:
        return _QUOTED_VALUE.sub('=""', template)
    return template


def site_modules() -> list[Path]:
    modules = sorted(SITE.glob("*.py"))
    assert len(modules) > 5
    return modules


@pytest.mark.parametrize("module", site_modules(), ids=lambda path: path.name)
def test_no_html_is_assembled_from_plain_strings(module: Path) -> None:
    assert html_from_strings(module.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("module", site_modules(), ids=lambda path: path.name)
def test_only_the_content_helpers_put_values_in_tags(module: Path) -> None:
    if module.name != ATTRIBUTE_WRITER:
        assert placeholders_in_tags(module.read_text(encoding="utf-8")) == []


def test_the_checks_find_what_they_look_for() -> None:
    source = """
title = "x"
a = f"<p>{title}</p>"
b = f"{title}" f"</p>"
c = "<p>" + title
d = "<b>%s</b>" % title
e = "<i>{}</i>".format(title)
fine = f"{title} · {title} < 3", "a < b" + title, Html("<p>%s</p>") % title
f = Html('<a href="%s">') % title
g = Html("<p%s>") % title
fine_too = QuotedHtml('<a href="%s">') % title
h = QuotedHtml('<a href="x%s">') % title
i = QuotedHtml("<p %s>") % title
"""
    assert html_from_strings(source) == [
        (3, "f-string"),
        (4, "f-string"),
        (5, "+"),
        (6, "%"),
        (7, ".format"),
    ]
    assert placeholders_in_tags(source) == [9, 10, 12, 13]


@pytest.mark.parametrize(
    "make",
    [
        lambda text: link("index.md", "tags/index.md", text),
        lambda text: paragraph(text),
        lambda text: bullets([text]),
        lambda text: table(("Name",), [(text,)]),
        lambda text: admonition("note", text, paragraph("Body.")),
        lambda text: heading_of(text),
        lambda text: element("label", {"title": text, "hidden": None}, text),
    ],
    ids=[
        "link label",
        "paragraph",
        "bullet",
        "table cell",
        "admonition title",
        "heading",
        "element",
    ],
)
def test_text_is_escaped_and_markup_passes_through(make) -> None:
    escaped = make(HOSTILE)
    assert isinstance(escaped, Html)
    assert ESCAPED in escaped and "<img" not in escaped
    for markup in (Html("<em>kept</em>"), Markup("<em>kept</em>")):
        assert "<em>kept</em>" in make(markup)


def heading_of(text: str) -> Html:
    page = PageContent.start("Page")
    page.heading(2, text)
    return page.html


def test_element_writes_attribute_values_quoted_and_void_elements_unclosed() -> None:
    assert element("input", {"type": "hidden", "value": '"><b>'}) == (
        '<input type="hidden" value="&quot;&gt;&lt;b&gt;">'
    )
    assert element("fieldset", {"hidden": None}, "") == "<fieldset hidden></fieldset>"


def test_heading_shows_markup_content_instead_of_its_title() -> None:
    page = PageContent.start(HOSTILE)
    page.heading(2, "2025", link("archive/index.md", "archive/2025/index.md", "2025"))
    assert page.meta["title"] == ESCAPED
    assert page.toc_tokens[0]["name"] == ESCAPED
    assert '<h2 id="2025"><a href="2025/">2025</a><a class="headerlink"' in page.html


def test_page_escapes_text_added_as_it_is() -> None:
    page = PageContent.start("Page")
    page.add(HOSTILE, Html("<hr>\n"))
    assert page.html.endswith(ESCAPED + "<hr>\n")


def test_escaping_is_the_one_the_pages_always_had() -> None:
    """As html.escape: text between tags keeps its quotes; attribute values and the
    documents for programs escape them as &quot; and &#x27; (not markupsafe's &#34;)."""
    text = 'Seoul\'s "tank" & <factory>'
    assert Html("<p>%s</p>") % text == '<p>Seoul\'s "tank" &amp; &lt;factory&gt;</p>'
    quoted = "Seoul&#x27;s &quot;tank&quot; &amp; &lt;factory&gt;"
    assert attribute(text) == quoted
    assert QuotedHtml("<p>%s</p>") % text == f"<p>{quoted}</p>"
    assert PageContent.start(text).meta["title"] == quoted


def test_every_operation_escapes_text() -> None:
    template = Html("<p>%s</p>")
    assert template % HOSTILE == template % (HOSTILE,) == f"<p>{ESCAPED}</p>"
    assert Html(", ").join([HOSTILE, Html("<br>")]) == f"{ESCAPED}, <br>"
    assert Html("<hr>") + HOSTILE == "<hr>" + ESCAPED
    assert HOSTILE + Html("<hr>") == ESCAPED + "<hr>"
    assert Html("<p>{}</p>").format(HOSTILE) == f"<p>{ESCAPED}</p>"
    assert Html.escape(HOSTILE) == ESCAPED and Html.escape(Html("<b>")) == "<b>"
    assert Html("<p>%s</p>") % 3 == "<p>3</p>"
