"""Roles from the grammar around a name, and who is an outside expert."""

from __future__ import annotations

import pytest

from newsbrief.ingest.entities import find_entities
from newsbrief.ingest.language import analyse
from newsbrief.ingest.roles import is_expert


def roles_in(text: str) -> dict[str, str | None]:
    return {person.name: person.role for person in find_entities(analyse(text)).people}


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            "Ruth Okafor, chief economist at the Resolution Foundation, said rates would fall.",
            "Ruth Okafor",
            "chief economist at the Resolution Foundation",
        ),
        ("Business Secretary Tom Harland said the plant would stay.", "Tom Harland",
         "Business Secretary"),
        ("Newcastle fined their Welsh striker Craig Bellamy on Monday.", "Craig Bellamy",
         "Welsh striker"),
        ("Sen. Ben Sasse, R-Neb., said the guards should be fired.", "Ben Sasse", "Sen., R-Neb."),
        ("Martin Taylor, 43, said he felt better.", "Martin Taylor", None),
        ("Tom Harland, 45, a teacher from Leeds, said he was shocked.", "Tom Harland",
         "teacher from Leeds"),
        ("Mr Tom Harland said he would stay.", "Tom Harland", None),
        (
            "Mairi Dunn, a consultant physician at the Albyn Hospital in Aberdeen, Scotland, "
            "said the scan was clear.",
            "Mairi Dunn",
            "consultant physician at the Albyn Hospital in Aberdeen, Scotland",
        ),
        (
            "Priya Raman, an analyst at the Centre for Energy, Water and Land think tank, "
            "said the smog would lift.",
            "Priya Raman",
            "analyst at the Centre for Energy, Water and Land think tank",
        ),
        ("“Prices will rise,” said Arjun Mehta, Director, Kotak Securities.", "Arjun Mehta",
         "Director, Kotak Securities"),
        ("He was voted off in what host Tom Bergeron called a shock.", "Tom Bergeron", "host"),
        ("Acme's chief executive John Harris said profits rose.", "John Harris",
         "Acme's chief executive"),
        ("The head of Acme, John Harris, said profits rose.", "John Harris", "head of Acme"),
        ("Mark Field, the Conservative MP for Cities of London, said he would vote against.",
         "Mark Field", "Conservative MP for Cities of London"),
    ],
)  # fmt: skip
def test_a_role_comes_from_the_words_around_the_name(sentence: str, name: str, role: str) -> None:
    assert roles_in(sentence)[name] == role


def test_someone_the_lede_names_is_a_party_whatever_their_role() -> None:
    opening = "Economist Daniel Kim resigns from the bank\nDaniel Kim quit on Monday."
    assert not is_expert("Daniel Kim", "economist at the bank", opening)
    assert is_expert("Ruth Okafor", "economist at the Resolution Foundation", opening)
    assert not is_expert("Maria Lopez", "finance minister", opening)
    assert not is_expert("Maria Lopez", None, opening)


@pytest.mark.parametrize(
    "role",
    [
        "news editor at Macworld magazine",
        "executive director of industry analysis at Edmunds",
        "film critic for the Observer",
        "technology correspondent",
    ],
)
def test_journalists_and_analysts_commenting_are_experts(role: str) -> None:
    assert is_expert("Ruth Okafor", role, "Apple launches a cheaper Mac\nApple cut its prices.")
