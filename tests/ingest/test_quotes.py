"""Quote finding and attribution, one quote style per case."""

from __future__ import annotations

import pytest

from newsbrief.ingest.entities import find_entities, mentions_of
from newsbrief.ingest.quotes import find_quotes, quote_spans

INTRO = (
    "Maria Lopez, the finance minister, presented the budget on Monday. "
    "Daniel Kim, a senior fellow at the Asan Institute for Policy Studies, reviewed it.\n"
)


def quotes_of(text: str) -> list[tuple[str, str, bool]]:
    text = INTRO + text
    entities = find_entities(text)
    mentions_of(entities, text)
    return [(q.speaker, q.text, q.expert) for q in find_quotes(text, entities)[0]]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“The budget protects the poorest households,” Lopez said.", "Maria Lopez"),
        ('"The budget protects the poorest households," said Lopez.', "Maria Lopez"),
        ("Lopez said: “The budget protects the poorest households.”", "Maria Lopez"),
        ('Lopez said, "The budget protects the poorest households."', "Maria Lopez"),
        ("Lopez told reporters: “The budget protects the poorest households.”", "Maria Lopez"),
        (
            "“The budget protects the poorest households,” Lopez was quoted as saying.",
            "Maria Lopez",
        ),
        ("“The budget protects the poorest households,” according to Lopez.", "Maria Lopez"),
        ("“The numbers do not add up at all,” Kim said.", "Daniel Kim"),
    ],
)
def test_quote_styles_are_attributed_to_the_full_name(paragraph: str, speaker: str) -> None:
    ((who, text, _),) = quotes_of(paragraph)
    assert who == speaker
    assert text.rstrip(".") in (
        "The budget protects the poorest households",
        "The numbers do not add up at all",
    )


def test_pronoun_speaker_is_the_last_person_named_and_flagged() -> None:
    text = INTRO + "“The numbers do not add up at all,” he said."
    entities = find_entities(text)
    mentions_of(entities, text)
    (quote,), _ = find_quotes(text, entities)
    assert (quote.speaker, quote.notes) == ("Daniel Kim", ["speaker 'he' resolved to Daniel Kim"])


def test_experts_are_told_from_principals_by_role() -> None:
    found = quotes_of(
        "“The budget protects the poorest households,” Lopez said.\n"
        "“The numbers do not add up at all,” Kim said."
    )
    assert [(who, expert) for who, _, expert in found] == [
        ("Maria Lopez", False),
        ("Daniel Kim", True),
    ]


def test_a_quote_over_two_paragraphs_is_one_quote() -> None:
    text = (
        "“We will cut the deficit by half within three years.\n"
        "“And we will do it without raising taxes on workers,” Lopez said."
    )
    ((who, quote, _),) = quotes_of(text)
    assert who == "Maria Lopez"
    assert quote == (
        "We will cut the deficit by half within three years. "
        "And we will do it without raising taxes on workers"
    )


def test_scare_quotes_are_not_quotes() -> None:
    assert quotes_of("The plan was called “important” and “historic” by supporters.") == []


def test_a_second_quote_in_a_paragraph_keeps_the_speaker() -> None:
    found = quotes_of("“The numbers do not add up,” Kim said. “Nobody believes the forecast.”")
    assert [(who, text) for who, text, _ in found] == [
        ("Daniel Kim", "The numbers do not add up"),
        ("Daniel Kim", "Nobody believes the forecast."),
    ]


def test_unattributed_quotes_are_set_aside_for_the_editor() -> None:
    text = INTRO + "A viral post cites a “new order from the environment department” as proof."
    entities = find_entities(text)
    assert find_quotes(text, entities) == ([], ["new order from the environment department"])


def test_partial_quote_takes_the_sentence_subject() -> None:
    found = quotes_of("Lopez called the plan “a turning point for public finances.”")
    assert found == [("Maria Lopez", "a turning point for public finances", False)]


def test_spans_pair_curly_and_straight_marks() -> None:
    spans = quote_spans('He said “one two three four” and "five six seven eight".')
    assert [span.text for span in spans] == ["one two three four", "five six seven eight"]
