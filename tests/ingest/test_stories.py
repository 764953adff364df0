"""A story suggested for a draft: real drafts of the repository's seed article, ingested
beside an earlier brief that follows a story, and the similarity it is based on."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from newsbrief.archive.brief import read_front_matter
from newsbrief.archive.vocabulary import load_vocabulary
from newsbrief.cli import main
from newsbrief.ingest.stories import THRESHOLD, similarity
from newsbrief.ingest.writer import ExistingBriefs, ingest_one
from tests.conftest import REPO

SEED_NAME = "2025-05-04-nationpress-kim-jong-un-inspects-tank-factory.txt"
STORY = "north-korea-military-modernization"
EARLIER = """---
title: Kim Jong-un watches a missile launch
date: {date}
source:
  name: Example News
  path: seeds/earlier.txt
  sha256: {sha256}
synopsis: Kim Jong-un watched a missile launch.
takeaways: [Kim Jong-un watched a missile launch.]
tags: [{tags}]
story: {story}
people: [{people}]
places: [{places}]
draft: false
---

Kim watched a launch.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "briefs").mkdir()
    for name in ("tags.yml", "stories.yml"):
        shutil.copy(REPO / "briefs" / name, tmp_path / "briefs" / name)
    (tmp_path / "seeds").mkdir()
    shutil.copy(REPO / "seeds" / SEED_NAME, tmp_path / "seeds" / SEED_NAME)
    return tmp_path


def earlier_brief(project: Path, date: str, **fields: str) -> str:
    """Write a brief of the story, and its source, before the seed's draft (4 May 2025);
    the brief's path."""
    article = b"Kim Jong-un watches a missile launch\n\nKim Jong-un watched a missile launch.\n"
    (project / "seeds/earlier.txt").write_bytes(article)
    values = {
        "date": date,
        "sha256": hashlib.sha256(article).hexdigest(),
        "tags": "north-korea, military",
        "story": STORY,
        "people": "Kim Jong-un",
        "places": "North Korea, Pyongyang",
    }
    values.update(fields)
    path = f"briefs/{date[:4]}/{date[5:7]}/{date[8:]}-kim-watches-a-missile-launch.md"
    (project / path).parent.mkdir(parents=True, exist_ok=True)
    (project / path).write_text(EARLIER.format(**values), encoding="utf-8")
    return path


def review_of_draft(project: Path) -> list[str]:
    vocabulary = load_vocabulary(project / "briefs/tags.yml", "briefs/tags.yml")
    archive = ExistingBriefs(project / "briefs", project)
    outcome = ingest_one(
        project / "seeds" / SEED_NAME, archive, vocabulary, today=dt.date(2026, 11, 24)
    )
    assert outcome.status == "written", outcome.detail  # so it passed the checker
    draft = read_front_matter(project / str(outcome.brief), str(outcome.brief))
    assert "story" not in draft  # suggested, never set
    return draft["review"]


def test_a_draft_close_to_a_recent_brief_of_a_story_is_offered_the_story(project: Path) -> None:
    path = earlier_brief(project, "2025-04-20")
    notes = [note for note in review_of_draft(project) if note.startswith("story:")]
    assert notes == [
        f"story: this may continue the story '{STORY}' (North Korea's military "
        f"modernisation): it shares people, places and tags with {path} of 2025-04-20 "
        f"(similarity 0.35); add 'story: {STORY}' if it does"
    ]


def test_a_brief_older_than_sixty_days_suggests_nothing(project: Path) -> None:
    earlier_brief(project, "2025-03-04")  # 61 days before the draft
    assert not [note for note in review_of_draft(project) if note.startswith("story:")]


def test_sharing_tags_alone_suggests_nothing(project: Path) -> None:
    earlier_brief(project, "2025-04-20", people="Lee Jae-myung", places="Busan")
    assert not [note for note in review_of_draft(project) if note.startswith("story:")]


def test_a_story_briefs_stories_yml_does_not_define_is_not_suggested(project: Path) -> None:
    earlier_brief(project, "2025-04-20", story="kim-dynasty")
    assert not [note for note in review_of_draft(project) if note.startswith("story:")]


def test_review_shows_the_suggestion_of_a_real_ingest(project: Path, capsys) -> None:
    earlier_brief(project, "2025-04-20")
    seed = project / "seeds" / SEED_NAME
    assert main(["--root", str(project), "ingest", str(seed)]) == 0
    capsys.readouterr()
    assert main(["--root", str(project), "review"]) == 0
    out = capsys.readouterr().out
    assert f"  note: story: this may continue the story '{STORY}' (North Korea's" in out
    assert main(["--root", str(project), "check"]) == 0  # the earlier brief is sound too


def names(people: set[str], places: set[str], tags: set[str]) -> dict[str, frozenset[str]]:
    return {"people": frozenset(people), "places": frozenset(places), "tags": frozenset(tags)}


def test_similarity_weighs_people_over_places_over_tags() -> None:
    draft = names({"kim"}, {"seoul"}, {"military"})
    assert similarity(draft, draft) == 1.0
    assert similarity(draft, names(set(), set(), set())) == 0.0
    same_person = similarity(draft, names({"kim"}, set(), set()))
    same_place = similarity(draft, names(set(), {"seoul"}, set()))
    same_tag = similarity(draft, names(set(), set(), {"military"}))
    assert (same_person, same_place, same_tag) == (0.5, 2 / 6, 1 / 6)


def test_the_threshold_tells_a_story_from_a_topic() -> None:
    """The repository's brief against two shorter ones: a follow-up (Kim, at a site in
    North Korea, on the military) and another North Korean brief (the economy)."""
    tank_factory = names(
        {"kim jong-un", "yang moo-jin"},
        {"north korea", "pyongyang", "seoul", "moscow", "russia", "south korea", "ukraine"},
        {"north-korea", "military", "defence-industry"},
    )
    follow_up = names(
        {"kim jong-un"}, {"north korea", "pyongyang", "seoul"}, {"north-korea", "military"}
    )
    economy = names(set(), {"north korea", "pyongyang"}, {"north-korea", "economy"})
    assert similarity(tank_factory, follow_up) >= THRESHOLD > similarity(tank_factory, economy)
