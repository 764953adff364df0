"""The schema reference page, generated from the schema."""

from __future__ import annotations

import yaml

from newsbrief.reference import schema_reference


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
