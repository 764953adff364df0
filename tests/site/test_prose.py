"""Plain prose made HTML without Python-Markdown gives what Python-Markdown gives."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.ingest.evaluate import corpus_folder
from newsbrief.site import brief_page, prose
from tests.conftest import BRIEF_FIXTURES, REPO

SITE_EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html"]
PYTHON_MARKDOWN = markdown.Markdown(
    extensions=SITE_EXTENSIONS, extension_configs={"toc": {"permalink": True}}
)


def python_markdown(text: str) -> str:
    return PYTHON_MARKDOWN.reset().convert(text)


def real_texts() -> list[str]:
    """Articles and briefs: the seed, the evaluation set's own articles, the real corpus
    where present, the fixtures' brief bodies; each whole, and each of its paragraphs."""
    files = [
        *(REPO / "seeds").iterdir(),
        *(REPO / "tests/eval/articles").iterdir(),
        *sorted(corpus_folder(REPO).glob("d*.txt")),
        *BRIEF_FIXTURES.glob("*.md"),
    ]
    texts = [file.read_text("utf-8", "replace").split("\n---\n")[-1] for file in files]
    return texts + [part for text in texts for part in re.split(r"\n\s*\n", text)]


def test_real_plain_prose_comes_out_as_python_markdown_writes_it() -> None:
    texts = real_texts()
    plain = [text for text in texts if prose.is_plain(text)]
    assert len(plain) > len(texts) / 3  # most paragraphs of articles are plain
    assert any("\n" in text.strip("\n") for text in plain)  # and some of many lines
    for text in plain:
        assert prose.plain_html(text) == python_markdown(text), text


@pytest.mark.parametrize(
    "text",
    [
        "A list:\n- one\n- two",
        "A list:\n1. one",
        "# A heading",
        "A heading\n=========",
        "A heading\n---------",
        "> A quotation",
        "Code:\n\n    indented",
        "A line break  \nthen more",
        "Some *emphasis*",
        "Some _emphasis_",
        "A [link](https://example.org)",
        "!!! note\n    An admonition",
        "A | table",
        "A paragraph\n{: #anchor }",
        "Tom &amp; Jerry",
        "Tom & Jerry",
        "A <b>bold</b> word",
        "```\ncode\n```",
        "~~~\ncode\n~~~",
        "A `code` word",
        "An escaped \\* star",
        "A\ttab",
        "A non-breaking\u00a0space",
        "Trailing space ",
        " Leading space",
        "A\n \nwhite line",
        "2025 began",
    ],
)
def test_text_where_markdown_may_start_is_not_plain(text: str) -> None:
    assert not prose.is_plain(text)


# Lines of words, each now and then with what may start Markdown before, inside or after it
WORDS = ["The", "minister", "said", "it's", "\u201cgamble\u201d", '"we', 'will"', "(AP)", "3.5%"]
STARTS = [*[""] * 30, " ", "    ", "1. ", "- ", "* ", "# ", "> ", "=", "!!! ", "2025 ", "\t"]
INSIDE = [*[""] * 40, "*", "_", "&", "<b>", "|", "`", "\u00a0", "\u2028", "  ", "é", "한"]
ENDS = [*[""] * 15, " ", "  ", "\\", ":"]
line = st.tuples(
    st.sampled_from(STARTS),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join),
    st.sampled_from(INSIDE),
    st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join),
    st.sampled_from(ENDS),
).map("".join)
text = st.lists(st.tuples(line, st.sampled_from(["\n", "\n", "\n\n", "\n\n\n", "\n \n"])))


@settings(max_examples=1000, deadline=None)
@given(text.map(lambda lines: "".join(line + end for line, end in lines)))
def test_generated_text_that_is_plain_comes_out_as_python_markdown_writes_it(text: str) -> None:
    if prose.is_plain(text):
        assert prose.plain_html(text) == python_markdown(text)


def test_the_converter_keeps_python_markdown_for_extensions_that_change_prose() -> None:
    text = 'The minister called it "a reckless gamble".'
    assert prose.is_plain(text)
    smart = brief_page.markdown_converter(["toc", "smarty"], {})
    assert "&ldquo;" in str(smart(text))
    plain = brief_page.markdown_converter(["markdown.extensions.toc", "tables"], {})
    assert str(plain(text)) == f"<p>{text}</p>"


def test_only_known_extensions_leave_prose_plain() -> None:
    assert prose.leaves_prose_plain(SITE_EXTENSIONS)
    assert prose.leaves_prose_plain([])
    assert not prose.leaves_prose_plain(["toc", "smarty"])
    assert not prose.leaves_prose_plain(["pymdownx.caret"])
    assert not prose.leaves_prose_plain([markdown.extensions.Extension()])


def test_an_empty_summary_is_empty() -> None:
    assert prose.plain_html("") == python_markdown("") == ""
    assert prose.plain_html("\n\nA\n\n") == python_markdown("\n\nA\n\n")
