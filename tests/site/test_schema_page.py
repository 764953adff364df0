"""The schema reference page, generated from the schema."""

from __future__ import annotations

import markdown
import pytest
import yaml

from newsbrief.site.schema_page import cell, md_text, schema_reference


def test_schema_reference_example_is_a_valid_brief_shape() -> None:
    page = schema_reference()
    example = page[page.index("```yaml\n---\n") + 12 : page.index("---\n```")]
    data = yaml.safe_load(example)
    assert data["commentary"][0]["speaker"] == "Yang Moo-jin"
    assert data["source"]["path"].startswith("seeds/")


def test_reference_lists_the_rules_the_checker_enforces() -> None:
    page = schema_reference()
    assert (
        "| `takeaways` | a list of text items | yes | The key points, most important first. "
        "(1 to 7 items; no repeats; each at most 300 characters) |" in page
    )
    assert "| `sha256` | text | yes |" in page and "64 lowercase hexadecimal digits" in page


@pytest.mark.parametrize(
    "text",
    [
        "<img src=x onerror=alert(1)>",
        "[link](javascript:alert(1))",
        "*not emphasis* and _not_ either",
        "# not a heading",
        "1. not a list",
        "`not code` {: .not-attr }",
        "AT&T &amp; 5 < 6 > 4",
    ],
)
def test_md_text_renders_exactly_the_text(text: str) -> None:
    rendered = markdown.markdown(md_text(text), extensions=["attr_list"])
    assert (
        rendered
        == "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>"
    )


def test_cell_keeps_a_table_cell_whole() -> None:
    table = f"| a |\n| --- |\n| {cell('x | y')} |\n"
    assert "<td>x | y</td>" in markdown.markdown(table, extensions=["tables"])


def test_reference_shows_the_corrections_field() -> None:
    (row,) = [line for line in schema_reference().splitlines() if "`corrections`" in line]
    assert "| a list of corrections (date, text) | no |" in row
    assert "oldest first and none dated before the brief" in row
