"""Quotations checked against the source article (newsbrief.archive.quotations)."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from newsbrief.archive.brief import read_front_matter
from newsbrief.archive.collection import load_archive
from newsbrief.archive.quotations import SourceText
from newsbrief.archive.vocabulary import load_vocabulary
from newsbrief.ingest.evaluate import corpus_folder
from newsbrief.ingest.writer import ExistingBriefs, ingest_one
from tests.conftest import FIXTURES, REPO, problems_of

SEED = (FIXTURES / "seeds/tank-factory.txt").read_bytes()
PAGE = FIXTURES / "html/kim-tank-factory.html"
KIM = "Modernizing our army … is crucial for strengthening our armed forces."
BRIEF = "2025/05/04-kim-tank-factory.md"


@pytest.fixture(scope="module")
def seed() -> SourceText:
    return SourceText.of(SEED, "seeds/tank-factory.txt")


@pytest.mark.parametrize(
    "quotation",
    [
        "a second revolution in armoured force",
        "A SECOND REVOLUTION, in armoured force!",  # case and punctuation
        "Modernizing our army by replacing outdated armoured vehicles\nwith the latest tanks",
        KIM,  # a cut
        "[Kim's] satisfaction with the improved structural design of domestic tanks",
        "... more development-oriented prospect ...",  # marks at the ends cut nothing
        "modernizing its conventional weaponry.\n\nThe ongoing war in Ukraine has illustrated",
    ],
)
def test_the_seed_article_holds_these_quotations(seed: SourceText, quotation: str) -> None:
    assert seed.find(quotation) is None


@pytest.mark.parametrize(
    ("quotation", "says"),
    [
        (  # a word changed
            "Modernizing our army by replacing outdated armoured vehicles with the newest tanks",
            "(it differs: “newest” where the source has “latest”)",
        ),
        (  # a sentence joined from two places, without a mark
            "Modernizing our army is crucial for strengthening our armed forces",
            "the source has “by replacing outdated armoured vehicles with the latest tanks and "
            "armoured machines” in between",
        ),
        (  # an ellipsis that hides a changed meaning
            "the factory was … disclosed",
            "the cut leaves out “not”, which turns the source around",
        ),
        (
            "a proper armoured force [can] be established",  # an insertion for "cannot"
            "the cut leaves out “cannot”, which turns the source around",
        ),
    ],
)
def test_a_misquotation_is_refused_with_the_closest_passage(
    seed: SourceText, quotation: str, says: str
) -> None:
    misquote = seed.find(quotation)
    assert misquote is not None
    message = misquote.message()
    assert message.startswith("is not in the source article; the closest passage is “")
    assert says in message
    assert message.endswith("a paraphrase belongs in the summary")


def test_a_cut_may_not_run_on_for_long(seed: SourceText) -> None:
    """A cut of more than 80 words joins what the article says in two places."""
    assert seed.find("Modernizing our army … the tank industry") is not None


def test_names_are_found_part_by_part(seed: SourceText) -> None:
    assert seed.contains_name("Yang Moo-jin")
    assert seed.contains_name("president, University of North Korean Studies")
    assert not seed.contains_name("Yang Moo-jun")


def test_a_saved_page_is_checked_on_its_words() -> None:
    page = SourceText.of(PAGE.read_bytes(), "seeds/kim.html")
    assert page.find(KIM) is None
    assert page.find("Modernizing our army is vital") is not None
    assert "<" not in page.text and "function(" not in page.text


def write_brief(root: Path, old: str, new: str) -> None:
    brief = root / "briefs" / BRIEF
    brief.write_text(brief.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_the_checker_refuses_a_misquote_on_its_line(archive_root) -> None:
    root = archive_root({BRIEF: "valid"})
    write_brief(root, "    text: Modernizing our army …", "    text: Modernizing our navy …")
    write_brief(root, "  - speaker: Yang Moo-jin", "  - speaker: Yang Moo-jun")
    problems = problems_of(root)
    assert [p.split(": ", 2)[:2] for p in problems] == [
        [f"briefs/{BRIEF}:17", "quotes[0].text"],
        [f"briefs/{BRIEF}:19", "commentary[0].speaker"],
    ]
    assert "“navy” where the source has “army”" in problems[0]
    assert problems[1].endswith(
        "'Yang Moo-jun' is not named in the source article; write the name as the article gives it"
    )


def test_a_brief_from_a_saved_page_is_checked_against_it(archive_root) -> None:
    root = archive_root({BRIEF: "valid"})
    shutil.copy(PAGE, root / "seeds/kim.html")
    digest = hashlib.sha256(PAGE.read_bytes()).hexdigest()
    write_brief(root, "path: seeds/tank-factory.txt", "path: seeds/kim.html")
    write_brief(root, "531becf05dd24c4adbcfd8e0dc1720e34caf08f2d49ed270ecc6a08b7340576d", digest)
    assert problems_of(root) == []
    write_brief(root, "is crucial for strengthening", "is vital for strengthening")
    (problem,) = problems_of(root)
    assert problem.startswith(f"briefs/{BRIEF}:17: quotes[0].text: is not in the source article")


def test_the_archive_s_own_briefs_quote_their_sources() -> None:
    archive = load_archive(REPO)
    quotes = [q for e in archive.entries for q in (*e.brief.quotes, *e.brief.commentary)]
    assert quotes  # the check ran on real quotations, and all were found


CORPUS = corpus_folder(REPO)
# Development-half articles, as text and as saved pages, with quotes split by their
# attribution, over several paragraphs, and between a page's captions.
REAL = ["d01.txt", "d01.html", "d09.html", "d27.html", "d39.html", "d45.txt", "d51.txt"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no evaluation corpus at {CORPUS}")
def test_briefs_drafted_from_real_articles_quote_them_word_for_word(archive_root) -> None:
    """Ingest writes a draft only if it passes the check: each of these keeps every
    quotation it found, and the whole archive checks."""
    root = archive_root({})
    shutil.copy(REPO / "briefs/tags.yml", root / "briefs/tags.yml")
    briefs = ExistingBriefs(root / "briefs", root)
    vocabulary = load_vocabulary(REPO / "briefs/tags.yml", "briefs/tags.yml")
    quoted = 0
    for name in REAL:
        outcome = ingest_one(CORPUS / name, briefs, vocabulary, today=dt.date(2026, 1, 1))
        assert outcome.status == "written", (name, outcome.detail)
        front = read_front_matter(root / outcome.brief, outcome.brief)
        assert not [note for note in front["review"] if "was left out" in note], name
        quoted += len(front["quotes"]) + len(front["commentary"])
    archive = load_archive(root)
    assert len(archive.entries) == len(REAL) and quoted > 50
