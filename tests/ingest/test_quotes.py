"""Quote finding and attribution, one quote form per case, through the language pipeline."""

from __future__ import annotations

import pytest

from newsbrief.ingest.entities import find_entities
from newsbrief.ingest.language import analyse
from newsbrief.ingest.quote_marks import quote_spans
from newsbrief.ingest.quotes import FoundQuote, find_quotes

INTRO = (
    "Maria Lopez, the finance minister, presented the budget on Monday.\n"
    "Daniel Kim, a senior fellow at the Asan Institute for Policy Studies, reviewed it.\n"
)


def found_in(text: str) -> tuple[list[FoundQuote], list[str]]:
    text = INTRO + text
    doc = analyse(text)
    return find_quotes(text, doc, find_entities(doc))


def quotes_of(text: str) -> list[tuple[str, str]]:
    return [(q.speaker, q.text) for q in found_in(text)[0]]


BUDGET = "The budget protects the poorest households"


@pytest.mark.parametrize(
    "paragraph",
    [
        f"“{BUDGET},” Lopez said.",
        f'"{BUDGET}," said Lopez.',
        f"Lopez said: “{BUDGET}.”",
        f'Lopez said, "{BUDGET}."',
        f"Lopez told reporters: “{BUDGET}.”",
        f"“{BUDGET},” Lopez was quoted as saying.",
        f"“{BUDGET},” according to Lopez.",
        f"‘{BUDGET},’ Lopez said.",
        f"'{BUDGET},' Lopez said.",
        f"«{BUDGET}», Lopez said.",
        f"“{BUDGET},” said Lopez, the finance minister.",
        f"“{BUDGET},” Finance Minister Lopez said.",
    ],
)
def test_every_common_quote_form_is_attributed_to_the_full_name(paragraph: str) -> None:
    ((speaker, text),) = quotes_of(paragraph)
    assert (speaker, text.rstrip(".")) == ("Maria Lopez", BUDGET)


def test_single_quotes_are_told_apart_from_apostrophes() -> None:
    found = quotes_of(
        "The players’ union said it wasn’t told. ‘We weren’t asked at all,’ Kim said."
    )
    assert found == [("Daniel Kim", "We weren’t asked at all")]


def test_a_quote_split_by_its_attribution_is_one_quote() -> None:
    ((speaker, text),) = quotes_of("“The numbers,” Kim said, “do not add up at all.”")
    # The ellipsis marks the attribution cut out: the quotation stays word for word.
    assert (speaker, text) == ("Daniel Kim", "The numbers … do not add up at all.")


def test_a_quote_over_two_paragraphs_is_one_quote() -> None:
    found = quotes_of(
        "“We will cut the deficit by half within three years.\n"
        "“And we will do it without raising taxes on workers,” Lopez said."
    )
    assert found == [
        (
            "Maria Lopez",
            "We will cut the deficit by half within three years.\n\n"
            "And we will do it without raising taxes on workers",
        )
    ]


def test_pronouns_go_to_the_nearest_person_they_can_refer_to() -> None:
    (quote,), _ = found_in(
        "Mrs Lopez answered questions. Mr Kim spoke after her.\n"
        "“The numbers do not add up at all,” she said."
    )
    assert (quote.speaker, quote.notes) == (
        "Maria Lopez",
        ["speaker 'she' resolved to Maria Lopez"],
    )


def test_a_follow_on_quote_takes_the_speaker_of_the_paragraph_before() -> None:
    found = quotes_of("“The numbers do not add up,” Kim said.\n“Nobody believes the forecast.”")
    assert found == [
        ("Daniel Kim", "The numbers do not add up"),
        ("Daniel Kim", "Nobody believes the forecast."),
    ]


def test_a_quote_after_a_sentence_about_someone_is_theirs() -> None:
    found = quotes_of(
        "“The figures are final,” said Lopez. Kim wants the forecast published in full. "
        "“It would settle the argument for good.”"
    )
    assert found[-1] == ("Daniel Kim", "It would settle the argument for good.")


def test_an_attribution_before_a_colon_belongs_to_the_quote_after_it() -> None:
    found = quotes_of(
        "“The forecast is sound,” Lopez said.\n"
        "“Every budget has its critics.” And Kim says: “I think this one will last.”"
    )
    assert found == [
        ("Maria Lopez", "The forecast is sound"),
        ("Maria Lopez", "Every budget has its critics."),
        ("Daniel Kim", "I think this one will last."),
    ]


def test_a_pronoun_goes_to_the_person_just_introduced_not_the_last_speaker() -> None:
    found = quotes_of(
        "“The budget is fair,” said Lopez. One dissenting voice came from Sarah Whitcombe, "
        "an economist at the Resolution Foundation. She said: “It changes very little.”"
    )
    assert found[-1] == ("Sarah Whitcombe", "It changes very little.")


def test_a_pronoun_is_not_given_to_someone_its_own_subject_mentions() -> None:
    found = quotes_of(
        "But while he backed Lopez on taxes, Kim doubted the growth forecast. Later he tipped "
        "Lopez to win the vote, but he predicted a close contest. "
        "“Everything could turn on one vote,” he told reporters."
    )
    assert found == [("Daniel Kim", "Everything could turn on one vote")]


def test_a_relative_pronoun_speaks_for_the_name_it_follows() -> None:
    found = quotes_of("The claim was denied by Lopez, who accused Kim of “cheating” the voters.")
    assert found == [("Maria Lopez", "cheating")]


def test_the_company_and_a_survey_speak_for_whoever_stands_behind_them() -> None:
    found = quotes_of(
        "Shares in Acme Corp fell. The company said the results were “disappointing but "
        "temporary”. A survey by Helen Marsh found banks “cut staff at every turn”."
    )
    assert found == [
        ("Acme Corp", "disappointing but temporary"),
        ("Helen Marsh", "cut staff at every turn"),
    ]


def test_a_description_standing_for_someone_gives_them_a_role() -> None:
    found, _ = found_in(
        "Sarah Whitcombe came to the meeting on Tuesday. "
        "“He has me thinking now,” the estate agent said."
    )
    assert [(q.speaker, q.role) for q in found] == [("Sarah Whitcombe", "estate agent")]


def test_a_quote_after_a_paragraph_ending_with_a_colon_is_the_attribution_s() -> None:
    found = quotes_of(
        "Kim told the committee on Monday:\n"
        "“The first problem is the deficit.\n"
        "“The second problem is growth.”"
    )
    assert found == [
        ("Daniel Kim", "The first problem is the deficit.\n\nThe second problem is growth.")
    ]


def test_a_surname_the_tagger_mistakes_still_names_the_speaker() -> None:
    assert quotes_of("“It is a fair budget,” Lopez, 52, said.") == [
        ("Maria Lopez", "It is a fair budget")
    ]


def test_a_relative_with_the_same_surname_is_their_own_speaker() -> None:
    assert quotes_of("Daniel Kim's wife, Sarah Kim, said: “He is innocent.”") == [
        ("Sarah Kim", "He is innocent.")
    ]


def test_the_minister_is_the_person_whose_role_it_is() -> None:
    assert quotes_of("“There is no plan B,” the minister told BBC News.") == [
        ("Maria Lopez", "There is no plan B")
    ]


def test_a_surname_the_recogniser_missed_still_leads_a_pronoun() -> None:
    found = quotes_of(
        "Kim told the BBC: “We lost.” Lopez disagreed. “We won the argument,” she said."
    )
    assert found == [("Daniel Kim", "We lost."), ("Maria Lopez", "We won the argument")]


def test_a_description_before_the_name_goes_to_the_person_it_describes() -> None:
    found = quotes_of(
        "Peru’s ambassador to Chile warned that Lima “will not stand by”.\n"
        "Peru’s ambassador to Chile John Harris spoke on Monday."
    )
    assert found == [("John Harris", "will not stand by")]


def test_a_spokesperson_is_named_with_the_organisation() -> None:
    found = quotes_of("“We are reviewing the figures,” a spokesperson for Acme Corp said.")
    assert found == [("spokesperson, Acme Corp", "We are reviewing the figures")]
    found = quotes_of("“It was our best week,” said a spokesman for Leeds's Trinity Centre.")
    assert found == [("spokesman, Trinity Centre", "It was our best week")]
    found = quotes_of("Acme Corp rejected the plan. “It cannot work,” a spokesman said.")
    assert found == [("spokesman, Acme Corp", "It cannot work")]
    (quote,), _ = found_in("“We are busy,” a spokeswoman for the Trinity Centre said.")
    assert (quote.speaker, quote.role) == (
        "spokeswoman, Trinity Centre",
        "spokeswoman for the Trinity Centre",
    )


def test_a_short_quote_counts_when_a_verb_of_speech_attributes_it() -> None:
    assert quotes_of("Lopez called the plan “a reckless gamble”.") == [
        ("Maria Lopez", "a reckless gamble")
    ]


def test_scare_quotes_and_titles_of_works_are_not_quotes() -> None:
    assert found_in("The so-called “fiscal rule” was dropped. She read “War and Peace” twice.") == (
        [],
        [],
    )


def test_the_speaker_is_never_found_inside_the_quote() -> None:
    found = quotes_of("“Kim said the plan would fail, and he was wrong,” Lopez said.")
    assert [speaker for speaker, _ in found] == ["Maria Lopez"]


def test_experts_are_told_from_principals() -> None:
    found, _ = found_in(
        "“The budget protects the poorest households,” Lopez said.\n"
        "“The numbers do not add up at all,” Kim said."
    )
    assert [(q.speaker, q.expert) for q in found] == [("Maria Lopez", False), ("Daniel Kim", True)]


def test_unattributed_quotes_are_set_aside_for_the_editor() -> None:
    assert found_in(
        "A viral post cites a “new order from the environment department” as proof."
    ) == (
        [],
        ["new order from the environment department"],
    )


def test_spans_pair_curly_and_straight_marks() -> None:
    spans = quote_spans('He said “one two three four” and "five six seven eight".')
    assert [span.text for span in spans] == ["one two three four", "five six seven eight"]


def test_stray_spaces_inside_straight_quote_marks_do_not_merge_quotes() -> None:
    spans = quote_spans(
        '"Who are we if we answer with retribution ourselves? " she wrote. '
        '"The answer is compassion." Then: " The course ran for a year.'
    )
    assert [span.text for span in spans] == [
        "Who are we if we answer with retribution ourselves?",
        "The answer is compassion.",
        "The course ran for a year.",
    ]
