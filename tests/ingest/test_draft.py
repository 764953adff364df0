"""The seed article, ingested, comes out as the curated brief: the acceptance case."""

from __future__ import annotations

import datetime as dt

import frontmatter
import pytest

from newsbrief.archive.vocabulary import load_vocabulary
from newsbrief.ingest.draft import draft_brief
from newsbrief.ingest.readers import read_source, read_text

from ..conftest import FIXTURES, REPO

CURATED = REPO / "briefs/2025/05/04-kim-jong-un-inspects-upgraded-tank-factory.md"
SEED = "seeds/2025-05-04-nationpress-kim-jong-un-inspects-tank-factory.txt"
TODAY = dt.date(2026, 11, 24)
EXACT = ("date", "dateline", "cites", "takeaways", "commentary")
AS_SETS = ("tags", "people", "organizations", "places")


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary(REPO / "briefs/tags.yml", "briefs/tags.yml")


@pytest.mark.parametrize("source", [REPO / SEED, FIXTURES / "html/kim-tank-factory.html"])
def test_seed_article_comes_out_as_the_curated_brief(vocabulary, source) -> None:
    curated = frontmatter.load(CURATED).metadata
    draft = draft_brief(read_source(source, SEED), vocabulary, TODAY).front_matter
    for field in EXACT:
        assert draft[field] == curated[field], field
    for field in AS_SETS:
        assert set(draft[field]) == set(curated[field]), field
    # The editor kept the quotes that matter; ingest also finds the two short ones the
    # article attributes ("He mentioned that a “more development-oriented prospect” ...").
    assert [q for q in draft["quotes"] if q in curated["quotes"]] == curated["quotes"]
    assert [q["text"] for q in draft["quotes"] if q not in curated["quotes"]] == [
        "more development-oriented prospect",
        "further perfecting",
    ]
    assert draft["source"]["name"] == curated["source"]["name"] == "NationPress"
    assert draft["source"]["sha256"] == curated["source"]["sha256"] or source.suffix == ".html"
    assert draft["draft"] is True


def test_seed_draft_tells_the_editor_how_the_date_was_found(vocabulary) -> None:
    draft = draft_brief(read_source(REPO / SEED, SEED), vocabulary, TODAY)
    assert draft.front_matter["review"] == [
        'date: year inferred: May 4 fell on a Sunday ("on Sunday" in the text) most recently '
        "in 2025; check it",
        "quote “a second revolution in armoured force…”: speaker 'he' resolved to Kim Jong-un",
        "quote “more development-oriented prospect…”: speaker 'He' resolved to Kim Jong-un",
        "quote “further perfecting…”: no role found for Korean Central News Agency",
    ]
    assert draft.slug == "did-north-koreas-kim-inspect-an-upgraded-tank-factory"
    assert list(draft.front_matter)[:3] == ["title", "date", "dateline"]


def test_an_article_no_tag_fits_is_drafted_untagged_with_a_note(vocabulary) -> None:
    text = (
        "Bakery wins prize for sourdough\n\n"
        "YORK — A family bakery in the city won a regional prize for its sourdough loaf on "
        "Saturday, beating forty other entries from across the north of the county.\n\n"
        "“We have baked the same loaf for thirty years,” said owner Sarah Whitcombe."
    )
    article = read_text(text, "seeds/bakery.txt", "0" * 64)
    draft = draft_brief(article, vocabulary, TODAY).front_matter
    assert draft["tags"] == []
    assert any(
        note.startswith("tags: no tag of briefs/tags.yml matches") for note in draft["review"]
    )
    assert draft["quotes"][0]["speaker"] == "Sarah Whitcombe"


def test_a_dateline_on_its_own_line_keeps_the_lede(vocabulary) -> None:
    text = (
        "Port strike ends after a week\n\n"
        "WASHINGTON (AP) —\n\n"
        "Dock workers returned to work on Monday after a week-long strike over pay that had "
        "stranded container ships along the coast, the union said in a statement.\n\n"
        "“We won what we came for,” said union leader Sarah Whitcombe."
    )
    draft = draft_brief(read_text(text, "seeds/strike.txt", "0" * 64), vocabulary, TODAY)
    assert draft.front_matter["dateline"] == "Washington"
    assert draft.front_matter["synopsis"].startswith("Dock workers returned to work on Monday")
    assert draft.body.startswith("Dock workers returned")
