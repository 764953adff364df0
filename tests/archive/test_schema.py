"""The schema is defined once; the JSON Schema and the committed file derive from it."""

from __future__ import annotations

import json

import jsonschema
import pytest

from newsbrief.archive.schema import Brief, describe, json_schema, json_schema_text, type_name
from tests.conftest import REPO

SEED_BRIEF = REPO / "briefs/2025/05/04-kim-jong-un-inspects-upgraded-tank-factory.md"


def test_field_names_and_order_are_the_documented_ones() -> None:
    assert [info.name for info in describe(Brief)] == [
        "title", "date", "dateline", "source", "cites", "synopsis", "takeaways", "tags", "story",
        "people", "organizations", "places", "quotes", "commentary", "corrections", "draft",
        "review",
    ]  # fmt: skip
    required = [info.name for info in describe(Brief) if info.required]
    assert required == ["title", "date", "source", "synopsis", "takeaways"]


def test_type_names_read_as_plain_words() -> None:
    hints = {info.name: info.hint for info in describe(Brief)}
    assert type_name(hints["dateline"]) == "text or null"
    assert type_name(hints["quotes"]) == "a list of quotes (speaker, role, text)"
    assert type_name(hints["corrections"]) == "a list of corrections (date, text)"
    assert type_name(hints["source"]) == "a source mapping (name, url, path, sha256)"


def test_committed_json_schema_file_is_current() -> None:
    committed = (REPO / "schemas/brief.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text()


def test_json_schema_accepts_the_seed_brief_and_rejects_a_typo() -> None:
    import frontmatter

    data = frontmatter.load(SEED_BRIEF).metadata
    data["date"] = data["date"].isoformat()
    validator = jsonschema.Draft202012Validator(json_schema())
    assert list(validator.iter_errors(data)) == []
    data["takeway"] = data.pop("takeaways")
    messages = sorted(error.message for error in validator.iter_errors(data))
    assert messages == [
        "'takeaways' is a required property",
        "Additional properties are not allowed ('takeway' was unexpected)",
    ]


def test_json_schema_lets_a_draft_go_without_tags_but_not_a_published_brief() -> None:
    import frontmatter

    data = frontmatter.load(SEED_BRIEF).metadata
    data |= {"date": data["date"].isoformat(), "tags": [], "draft": True}
    validator = jsonschema.Draft202012Validator(json_schema())
    assert list(validator.iter_errors(data)) == []
    data["draft"] = False
    assert [error.message for error in validator.iter_errors(data)] == ["[] should be non-empty"]
    del data["tags"]
    assert [error.message for error in validator.iter_errors(data)] == [
        "'tags' is a required property"
    ]


def test_json_schema_takes_dated_corrections() -> None:
    import frontmatter

    data = frontmatter.load(SEED_BRIEF).metadata
    data["date"] = data["date"].isoformat()
    validator = jsonschema.Draft202012Validator(json_schema())
    data["corrections"] = [{"date": "2025-05-06", "text": "The factory was upgraded, not new."}]
    assert list(validator.iter_errors(data)) == []
    data["corrections"] = [{"date": "2025-05-06"}]
    assert [error.message for error in validator.iter_errors(data)] == [
        "'text' is a required property"
    ]


@pytest.mark.parametrize("record", ["Source", "Quote", "Correction"])
def test_nested_records_are_closed(record: str) -> None:
    definition = json.loads(json_schema_text())["$defs"][record]
    assert definition["additionalProperties"] is False
