"""The evaluation: its scoring rules, and ingest's scores on the evaluation set."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from newsbrief.archive import load_archive
from newsbrief.ingest.evaluate import Score, _quotes, evaluate, normalize, report
from newsbrief.ingest.writer import ExistingBriefs, ingest_one
from newsbrief.vocabulary import load_vocabulary

from ..conftest import REPO

EVAL = REPO / "tests/eval"


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary(REPO / "briefs/tags.yml", "briefs/tags.yml")


def test_score_arithmetic() -> None:
    score = Score(tp=8, fp=2, fn=8)
    assert (score.precision, score.recall, round(score.f1, 3)) == (0.8, 0.5, 0.615)
    assert Score().f1 == 1.0  # nothing expected, nothing found


def test_normalize_ignores_marks_case_and_end_punctuation() -> None:
    assert normalize("“Hello  World,” ") == normalize("hello world.") == "hello world"


def test_quotes_match_by_words_then_score_speaker_and_split() -> None:
    scores = {name: Score() for name in ("quotes found", "speaker", "role", "expert/principal")}
    gold = [
        {
            "speaker": "Yang Moo-jin",
            "role": "professor",
            "text": "Tanks still matter.",
            "expert": True,
        },
        {
            "speaker": "Kim Jong-un",
            "role": None,
            "text": "We will build more tanks",
            "expert": False,
        },
    ]
    found = [
        {"speaker": "Kim Jong-un", "role": None, "text": "Tanks still matter", "expert": True},
        {
            "speaker": "Kim Jong-un",
            "role": None,
            "text": "An unrelated sentence here",
            "expert": False,
        },
    ]
    _quotes(scores, "case", gold, found)
    assert (scores["quotes found"].tp, scores["quotes found"].fp, scores["quotes found"].fn) == (
        1,
        1,
        1,
    )
    assert (scores["speaker"].tp, scores["expert/principal"].tp) == (0, 1)


def test_ingest_scores_on_the_evaluation_set(vocabulary) -> None:
    scores = evaluate(EVAL, vocabulary, dt.date(2026, 11, 24))
    table = report(scores)
    for field in ("quotes found", "speaker", "expert/principal", "dateline", "date"):
        assert scores[field].f1 >= 0.9, table
    assert scores["tags"].f1 >= 0.8, table


@pytest.mark.parametrize("article", sorted((EVAL / "articles").iterdir()), ids=lambda p: p.stem)
def test_every_draft_ingest_writes_passes_the_checker(tmp_path: Path, vocabulary, article) -> None:
    (tmp_path / "briefs").mkdir()
    shutil.copy(REPO / "briefs/tags.yml", tmp_path / "briefs/tags.yml")
    (tmp_path / "seeds").mkdir()
    shutil.copy(article, tmp_path / "seeds" / article.name)
    briefs = ExistingBriefs(tmp_path / "briefs", tmp_path)
    outcome = ingest_one(
        tmp_path / "seeds" / article.name, briefs, vocabulary, today=dt.date(2026, 11, 24)
    )
    assert outcome.status == "written", outcome.detail
    (entry,) = load_archive(tmp_path).entries
    assert entry.brief.draft is True
