"""Property-based tests: arbitrary text and front matter never crash ingest or the checker.

Whatever hypothesis feeds them, reading a source, drafting a brief from it, reading a
brief and checking its body either succeed or raise the project's own error type
(:class:`NewsbriefError`, which the commands print as located messages), never
anything else.
"""

from __future__ import annotations

import datetime as dt
import string
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbrief.archive.brief import read_brief
from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.safety import unsafe_markup
from newsbrief.archive.schema import Brief, Quote, Source, describe
from newsbrief.archive.vocabulary import load_vocabulary
from newsbrief.ingest.draft import draft_brief
from newsbrief.ingest.readers import read_source
from newsbrief.ingest.writer import ExistingBriefs, ingest_one

from .conftest import FIXTURES

TODAY = dt.date(2025, 6, 1)
VOCABULARY = load_vocabulary(FIXTURES / "tags.yml", "briefs/tags.yml")
FIELD_NAMES = sorted({info.name for record in (Brief, Source, Quote) for info in describe(record)})
RUNS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like articles and front matter: words, punctuation, markup, newlines,
# quotes of every kind, and the odd control or non-Latin character.
PIECES = [
    *string.ascii_letters, *string.digits, *" \n\t.,;:!?-—'\"“”‘’()[]<>/#*_`&=|{}",
    "\n\n", "é", "ü", "한", "\x00", "\x0b", "\u2028", "Seoul", " said ", "According to ",
    "---\n", "<script>", "](", "javascript:", "{: ", "&#106;", "```",
]  # fmt: skip
article_text = st.lists(st.sampled_from(PIECES), max_size=250).map("".join)
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
yaml_values = st.recursive(
    scalars | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
front_matter = st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=12), yaml_values)


def _file(folder: str, name: str, data: bytes) -> Path:
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@RUNS
@given(text=article_text, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_ingest_of_any_text_drafts_a_brief_or_says_what_is_wrong(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = _file(folder, f"seeds/article{suffix}", text.encode("utf-8", "surrogatepass"))
        try:
            draft_brief(read_source(source, f"seeds/article{suffix}"), VOCABULARY, TODAY)
        except NewsbriefError as error:
            assert error.problems and all(
                p.path == f"seeds/article{suffix}" for p in error.problems
            )


@RUNS
@given(data=st.binary(max_size=400))
def test_ingest_of_any_bytes_reads_or_says_what_is_wrong(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = _file(folder, "seeds/article.txt", data)
        try:
            read_source(source, "seeds/article.txt")
        except NewsbriefError as error:
            assert error.problems


@RUNS
@given(fields=front_matter, body=article_text)
def test_a_brief_with_any_front_matter_is_read_or_gets_located_problems(fields, body) -> None:
    text = "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body
    check_brief(text.encode("utf-8", "surrogatepass"))


@RUNS
@given(text=article_text)
def test_any_text_as_a_brief_is_read_or_gets_located_problems(text: str) -> None:
    check_brief(("---\n" + text).encode("utf-8", "surrogatepass"))


def check_brief(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        brief = _file(folder, "briefs/2025/05/04-any.md", data)
        try:
            read_brief(brief, root, root / "briefs", VOCABULARY)
        except NewsbriefError as error:
            assert error.problems
            assert all(p.path == "briefs/2025/05/04-any.md" and p.line >= 1 for p in error.problems)


@RUNS
@given(text=article_text)
def test_the_body_check_takes_any_markdown(text: str) -> None:
    lines = text.count("\n")
    assert all(0 <= line <= lines for line, _ in unsafe_markup(text))


@pytest.mark.parametrize("marker", ["<script>", "[x](javascript:y)"])
def test_the_property_tests_would_see_a_crash(marker: str) -> None:
    """The strategies reach the markup the checks care about (so the properties bite)."""
    assert unsafe_markup(f"text {marker}") != []


@RUNS
@given(text=article_text)
def test_a_brief_ingest_writes_passes_the_checker(text: str) -> None:
    """Ingest never writes a brief that ``newsbrief check`` would then refuse."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = _file(folder, "seeds/article.txt", f"A headline\n\n{text}".encode())
        archive = ExistingBriefs(root / "briefs", root)
        outcome = ingest_one(source, archive, VOCABULARY, today=TODAY)
        assert outcome.status in {"written", "failed"}, outcome
        if outcome.status == "written":
            read_brief(root / str(outcome.brief), root, root / "briefs", VOCABULARY)
