"""The tag vocabulary: the repository's own, and every way a vocabulary can be wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.schema import Story, Tag
from newsbrief.archive.vocabulary import load_vocabulary
from tests.conftest import FIXTURES, REPO


def problems_of(tmp_path: Path, text: str) -> list[str]:
    file = tmp_path / "tags.yml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(NewsbriefError) as error:
        load_vocabulary(file, "briefs/tags.yml")
    return [str(problem) for problem in error.value.problems]


def test_repository_vocabulary_is_a_broad_taxonomy() -> None:
    vocabulary = load_vocabulary(REPO / "briefs/tags.yml", "briefs/tags.yml")
    kinds = [tag.kind for tag in vocabulary.tags.values()]
    assert {
        kind: kinds.count(kind) >= 5 for kind in ("region", "country", "topic", "conflict")
    } == {
        "region": True,
        "country": True,
        "topic": True,
        "conflict": True,
    }
    for topic in ("military", "diplomacy", "economy", "technology", "health", "energy"):
        assert vocabulary.tags[topic].kind == "topic"
    assert vocabulary.suggest("DPRK") == "north-korea"


def test_lookup_by_alias_title_and_typo() -> None:
    vocabulary = load_vocabulary(FIXTURES / "tags.yml", "tags.yml")
    assert vocabulary.tags["north-korea"] == Tag(
        title="North Korea",
        kind="country",
        description="The Democratic People's Republic of Korea.",
        aliases=["DPRK", "Pyongyang"],
    )
    assert "military" in vocabulary
    assert vocabulary.suggest("pyongyang") == "north-korea"
    assert vocabulary.suggest("South Korea") == "south-korea"
    assert vocabulary.suggest("militray") == "military"
    assert vocabulary.suggest("cooking") is None


def test_alias_shared_by_two_tags_is_reported(tmp_path: Path) -> None:
    text = (
        "north-korea:\n  title: North Korea\n  kind: country\n  description: The North.\n"
        "  aliases: [Pyongyang]\n"
        "south-korea:\n  title: South Korea\n  kind: country\n  description: The South.\n"
        "  aliases: [pyongyang]\n"
    )
    assert problems_of(tmp_path, text) == [
        "briefs/tags.yml:10: south-korea.aliases[0]: 'pyongyang' already names the tag "
        "'north-korea'; each name belongs to one tag"
    ]


def test_bad_entries_are_each_located(tmp_path: Path) -> None:
    text = (
        "North_Korea:\n  title: North Korea\n  kind: country\n  description: The North.\n"
        "military:\n  title: Military\n  kind: subject\n  description: Armed forces.\n"
        "economy:\n  title: Economy\n  kind: topic\n"
    )
    assert problems_of(tmp_path, text) == [
        "briefs/tags.yml:1: North_Korea: a tag slug is lowercase letters and digits joined "
        "by single hyphens",
        "briefs/tags.yml:7: military.kind: expected one of region, country, topic, conflict, "
        "got text 'subject'",
        "briefs/tags.yml:9: economy.description: required field is missing; add "
        "'description:' with text",
    ]


def test_vocabulary_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "- military\n- economy\n") == [
        "briefs/tags.yml:1: vocabulary: expected a mapping of tag slugs to "
        "{title, kind, description, aliases}"
    ]


def stories_problems(tmp_path: Path, text: str) -> list[str]:
    shutil.copy(FIXTURES / "tags.yml", tmp_path / "tags.yml")
    (tmp_path / "stories.yml").write_text(text, encoding="utf-8")
    with pytest.raises(NewsbriefError) as error:
        load_vocabulary(tmp_path / "tags.yml", "briefs/tags.yml")
    return [str(problem) for problem in error.value.problems]


def test_stories_load_beside_the_tags() -> None:
    vocabulary = load_vocabulary(FIXTURES / "tags.yml", "briefs/tags.yml")
    assert vocabulary.stories["korean-trade"] == Story(
        title="Korean trade", description="What the two Koreas buy and sell abroad."
    )
    assert list(vocabulary.stories) == ["north-korea-military-modernization", "korean-trade"]


def test_no_stories_file_means_no_stories(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "tags.yml", tmp_path / "tags.yml")
    vocabulary = load_vocabulary(tmp_path / "tags.yml", "briefs/tags.yml")
    assert vocabulary.stories == {}
    assert vocabulary.unknown_story("korean-trade") == (
        "unknown story 'korean-trade'; briefs/stories.yml defines no stories: add it there "
        "with a title and a description"
    )


def test_unknown_story_suggests_the_closest() -> None:
    vocabulary = load_vocabulary(FIXTURES / "tags.yml", "briefs/tags.yml")
    assert vocabulary.unknown_story("korean-trades") == (
        "unknown story 'korean-trades'; did you mean 'korean-trade'? use a slug from "
        "briefs/stories.yml or add the story there"
    )
    assert "did you mean" not in vocabulary.unknown_story("cooking")


def test_bad_stories_are_each_located(tmp_path: Path) -> None:
    text = (
        "Korean_Trade:\n  title: Korean trade\n  description: Trade.\n"
        "famine:\n  title: Famine\n"
        "summit:\n  title: Summit\n  description: Talks.\n  tags: [diplomacy]\n"
    )
    assert stories_problems(tmp_path, text) == [
        "briefs/stories.yml:1: Korean_Trade: a story slug is lowercase letters and digits "
        "joined by single hyphens",
        "briefs/stories.yml:4: famine.description: required field is missing; add "
        "'description:' with text",
        "briefs/stories.yml:9: summit.tags: unknown field; allowed: title, description",
    ]


def test_stories_that_are_not_a_mapping(tmp_path: Path) -> None:
    assert stories_problems(tmp_path, "- korean-trade\n") == [
        "briefs/stories.yml:1: stories: expected a mapping of story slugs to {title, description}"
    ]


def test_stories_are_strict_yaml(tmp_path: Path) -> None:
    text = "a:\n  title: A\n  description: The A.\na:\n  title: B\n  description: The B.\n"
    assert stories_problems(tmp_path, text) == [
        "briefs/stories.yml:4: a: duplicate key (first given on line 1); keep only one"
    ]
