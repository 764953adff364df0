"""What a brief's Markdown may not contain (newsbrief.archive.safety)."""

from __future__ import annotations

import pytest

from newsbrief.archive.safety import unsafe_markup


@pytest.mark.parametrize(
    "body",
    [
        "Yields rose<sup>1</sup>, said <abbr title='Korean Central News Agency'>KCNA</abbr>.",
        "Write to <desk@example.org>, see <https://example.org/a?b=c> or [the list](#list).",
        "[Reuters](https://www.reuters.com/x_(y)) [us](mailto:desk@example.org) [up](../)",
        "A line<br>break, <br/> and a < b > c.",
        "Code is text: `<script>alert(1)</script>` and `[x](javascript:y)`.",
        "```html\n<iframe src=x></iframe>\n[x](javascript:y)\n```",
        "~~~~\n```\n<script>\n```\n~~~~",
        "<!-- an editor's note: check the figures -->",
        "A heading { #id .class title='t' lang=ko dir=ltr }",
    ],
)
def test_harmless_markup_passes(body: str) -> None:
    assert unsafe_markup(body) == []


@pytest.mark.parametrize(
    ("body", "line", "says"),
    [
        ("<script/xss>alert(1)</script>", 0, "raw HTML <script>"),
        ("<!--><script>alert(1)</script> -->", 0, "raw HTML <script>"),
        ("<!-- a --!><script>alert(1)</script> -->", 0, "raw HTML <script>"),
        ("<!-- a note: <iframe src=x> -->", 0, "raw HTML <iframe>"),
        ("text\n\n<SCRIPT SRC=//x></SCRIPT>", 2, "raw HTML <script>"),
        ("Lazy\n    <object data=x>", 1, "raw HTML <object>"),
        ("<svg\nonload=alert(1)>", 0, "raw HTML <svg>"),
        ("<b/onclick=alert(1)>x</b>", 0, "attribute 'onclick' on <b>"),
        ("<q style='x'>y</q>", 0, "attribute 'style' on <q>"),
        ("[a](<javascript:x>)", 0, "link address 'javascript:x'"),
        ("[a]( JaVaScRiPt:x )", 0, "link address 'JaVaScRiPt:x'"),
        ('[a](javascript&#58;x "title")', 0, "link address 'javascript&#58;x \"title\"'"),
        ("[a](java\tscript:x)", 0, "link address 'java"),
        ("x\n[ref]: &#x6A;avascript:x", 1, "link address '&#x6A;avascript:x'"),
        ("<vbscript:msgbox(1)>", 0, "link address 'vbscript:msgbox(1)'"),
        ("![i](data:image/png;base64,AAAA)", 0, "link address 'data:image/png;base64,AAAA'"),
        ("**x**{: onclick='y' }", 0, "attribute 'onclick' in { }"),
        ("[x](https://a.org){ href='javascript:y' }", 0, "attribute 'href' in { }"),
    ],
)
def test_active_markup_is_refused_on_its_line(body: str, line: int, says: str) -> None:
    (problem,) = unsafe_markup(body)
    assert problem[0] == line and problem[1].startswith(says), problem


def test_every_problem_is_reported_once_in_line_order() -> None:
    body = "[a](<javascript:x>)\n\n<iframe></iframe> <embed src=x>"
    assert [line for line, _ in unsafe_markup(body)] == [0, 2, 2]
