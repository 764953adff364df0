"""Strict YAML reading: line numbers, and the features refused on purpose."""

from __future__ import annotations

import pytest

from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.yamlio import load_located

BILLION_LAUGHS = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
)


def problems_of(text: str) -> list[str]:
    with pytest.raises(NewsbriefError) as error:
        load_located(text, path="x.md", start_line=1)
    return [str(problem) for problem in error.value.problems]


def test_lines_of_keys_and_items_in_the_file() -> None:
    located = load_located(
        "title: T\ntags:\n  - a\n  - b\nsource:\n  name: N\n", path="x", start_line=2
    )
    assert located.lines == {
        "title": 2,
        "tags": 3,
        "tags[0]": 4,
        "tags[1]": 5,
        "source": 6,
        "source.name": 7,
    }
    assert located.line_of("source.url") == 6
    assert located.line_of("nothing") == 2


def test_dates_stay_text_so_the_schema_can_explain_them() -> None:
    assert load_located("date: 2025-13-45\nday: 2025-05-04\n", path="x").value == {
        "date": "2025-13-45",
        "day": "2025-05-04",
    }


def test_billion_laughs_is_refused_at_once() -> None:
    problems = problems_of(BILLION_LAUGHS)
    assert problems[0] == (
        "x.md:2: b[0]: YAML anchors and aliases (&name, *name) are not allowed; write the value out"
    )


def test_empty_document_is_none() -> None:
    assert load_located("# only a comment\n", path="x").value is None


def test_syntax_error_is_located() -> None:
    assert problems_of("title: [unclosed\n") == [
        "x.md:2: yaml: invalid YAML: while parsing a flow sequence did not find expected ',' "
        "or ']'; check the indentation and quote text that contains ': ' or '#'"
    ]
