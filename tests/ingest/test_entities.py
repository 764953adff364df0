"""Names from the language pipeline: the cases that word lists and capitalisation got wrong."""

from __future__ import annotations

from newsbrief.ingest.entities import Entities, find_entities
from newsbrief.ingest.language import analyse


def entities_of(text: str) -> Entities:
    return find_entities(analyse(text))


def test_two_people_joined_by_and_are_two_people() -> None:
    found = entities_of("Sarah Whitcombe and Dave Ellison opened the bakery in 2019.")
    assert [p.name for p in found.people] == ["Sarah Whitcombe", "Dave Ellison"]


def test_two_companies_joined_by_and_are_two_organisations() -> None:
    found = entities_of("Deutsche Bank and HSBC both cut their forecasts on Monday.")
    assert found.organizations == ["Deutsche Bank", "HSBC"]


def test_people_named_like_places_are_people() -> None:
    found = entities_of(
        "Liverpool captain Jordan Henderson praised the team. "
        "Georgia Harrison, the reality star, said she was delighted."
    )
    assert {p.name for p in found.people} == {"Jordan Henderson", "Georgia Harrison"}
    assert "Georgia" not in found.places and "Jordan" not in found.places


def test_companies_named_like_people_are_organisations() -> None:
    found = entities_of(
        "Goldman Sachs advised on the deal, and Getty Images sold the photographs. "
        "Apple and Tesla shares rose, and the Miami Herald reported it."
    )
    assert found.organizations == [
        "Goldman Sachs",
        "Getty Images",
        "Apple",
        "Tesla",
        "Miami Herald",
    ]
    assert found.people == []


def test_a_title_is_split_off_into_the_role_and_surnames_resolve_to_the_full_name() -> None:
    found = entities_of(
        "Business Secretary Tom Harland visited the plant. Harland said the jobs were safe."
    )
    (person,) = found.people
    assert (person.name, person.role, len(person.mentions)) == (
        "Tom Harland",
        "Business Secretary",
        2,
    )


def test_names_are_kept_as_written_accents_and_apostrophes_too() -> None:
    found = entities_of("José Mourinho met Zoë O’Brien-Smith in Łódź on Tuesday.")
    assert {"José Mourinho", "Zoë O’Brien-Smith"} <= {p.name for p in found.people}


def test_names_the_recogniser_missed_are_found_by_what_they_are() -> None:
    found = entities_of(
        "Moonline Orbital Systems won a contract on Monday. "
        "Shoppers crowded a shopping centre in Cardiff."
    )
    assert found.organizations == ["Moonline Orbital Systems"]
    assert found.places == ["Cardiff"]


def test_parties_named_before_a_role_are_organisations() -> None:
    found = entities_of(
        "Tory MP Nigel Hartwell and Lib Dem leader Joan Pryce disagreed. "
        "Green MEP Alice Fenwick said nothing."
    )
    assert found.organizations == ["Tory", "Lib Dem", "Green"]
    assert [p.name for p in found.people] == ["Nigel Hartwell", "Joan Pryce", "Alice Fenwick"]


def test_a_country_named_only_as_a_modifier_is_not_a_place() -> None:
    found = entities_of("A U.S. official said the UK economy would slow, as it did in France.")
    assert found.places == ["France"]


def test_a_verb_the_recogniser_took_into_a_name_is_left_out() -> None:
    found = entities_of("“It is a fine computer.” Said Mr Fogg: “It is very much a computer.”")
    assert [p.name for p in found.people] == ["Fogg"]


def test_an_acronym_in_brackets_and_a_score_are_not_part_of_a_name() -> None:
    found = entities_of(
        "The World Health Organization (WHO) warned on Monday. The WHO urged calm. "
        "Manchester United beat Arsenal 2-1 at home."
    )
    assert found.organizations == ["World Health Organization", "Manchester United", "Arsenal"]


def test_a_team_named_in_the_plural_is_an_organisation() -> None:
    found = entities_of("The Lakers beat the Boston Celtics 112-107 in Los Angeles.")
    assert found.organizations == ["Lakers", "Boston Celtics"]
    assert found.places == ["Los Angeles"]


def test_a_name_listing_what_an_organisation_is_for_keeps_its_commas() -> None:
    found = entities_of("The Department for Environment, Food and Rural Affairs said so.")
    assert found.organizations == ["Department for Environment, Food and Rural Affairs"]


def test_a_venue_is_not_an_organisation() -> None:
    found = entities_of(
        "Thousands of teachers packed the Indiana Statehouse on Tuesday. "
        "Fans filled Wembley Stadium for the final."
    )
    assert found.organizations == []
    assert found.people == []
