"""Clean-up before analysis: the page's furniture goes, the story's text stays whole."""

from __future__ import annotations

import datetime as dt
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.vocabulary import load_vocabulary
from newsbrief.ingest import readers
from newsbrief.ingest.article import Article
from newsbrief.ingest.cleanup import clean_paragraphs, is_furniture, without_opening_masthead
from newsbrief.ingest.draft import draft_brief
from newsbrief.ingest.evaluate import corpus_folder, group_of
from newsbrief.ingest.readers import read_source

from ..conftest import REPO

SEED = REPO / "seeds/2025-05-04-nationpress-kim-jong-un-inspects-tank-factory.txt"
CORPUS = corpus_folder(REPO)
TODAY = dt.date(2026, 11, 24)

FURNITURE = [
    "By Jane Doe",
    "By Jane Doe and John Roe, CNN",
    "By Stefan Becket, Kathryn Watson, Grace Segers",
    "By Jane Doe -",
    "Jane Doe | Reuters",
    "Jane Doe, AP Sports Writer",
    "Published 6:12 p.m. ET Nov. 19, 2019",
    "Updated 6:12 p.m. ET Nov. 19, 2019",
    "Published Nov 18, 2019 at 4:07 PM | Updated at 5:36 PM CST on Nov 18, 2019",
    "Updated 1909 GMT (0309 HKT) November 18, 2019",
    "(Published Monday, Nov. 18, 2019)",
    "Updated at 1:23 p.m.",
    "1:33 am CST, Wednesday, November 20, 2019",
    "1 day ago",
    "(Photo: Jane Doe/USA TODAY)",
    "Getty Images",
    "Jane Doe/AFP via Getty Images",
    "Photo by Jane Doe",
    "Photo: Jane Doe, STF / Associated Press",
    "Image copyright Getty Images",
    "Image caption Kim Jong-un at the factory on Saturday",
    "Kim Jong-un at the factory on Saturday. (AP Photo/Jane Doe)",
    "© Jane Doe",
    "Advertisement",
    "Story continues below advertisement",
    "Read more: North Korea's tanks",
    "RELATED: Seoul and Tokyo share missile data",
    "SEE MORE: Seoul and Tokyo share missile data",
    "More AP news: https://apnews.com/hub/north-korea and https://twitter.com/AP",
    "Sign up for our daily newsletter",
    "Follow us on Twitter",
    "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
    "Share this article",
    "Click here to get the app",
    "CLICK HERE TO GET THE NEWS APP",
    "Reach the reporter on Twitter at http://twitter.com/janedoe",
    "jane.doe@example.com",
    "twitter.com/janedoe",
    "Contributing: Jane Doe",
    "Contributing: Jane Doe and John Roe, USA TODAY",
    "The Associated Press contributed to this report.",
    "Reporting by Jane Doe; Editing by John Roe",
    "___",
]
STORY = [
    "By most accounts, the law worked.",
    "By Tuesday, the factory had stopped.",
    "Share prices fell 3% on Tuesday.",
    "More than 100 people died.",
    "Related to that, the ministry said it would act.",
    "Follow the money, he said.",
    "Updated figures published on Tuesday show a rise.",
    "Advertisement spending rose 5% in 2019, the group said.",
    "Subscribers to the service rose 10%.",
    "The photo (below) shows the factory.",
    "Photos by the agency showed the damage.",
    "The statement was released via AP",
    "More — much more — is needed.",
    "November 20, 2019",  # a date alone heads a section of a timeline
    "Kim Jong-un",
    "UP NEXT",
    "Thunder: Host the Lakers on Friday.",
    "Internal memo: Federal prison guards falsified records of cell checks",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_page_furniture_is_recognised(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", STORY)
def test_the_story_s_own_paragraphs_are_kept(line: str) -> None:
    assert not is_furniture(line)


def pasted(title: str, paragraphs: list[str]) -> str:
    """An article as a person pastes it: the headline, then a paragraph a line."""
    return "\n\n".join([title, *paragraphs]) + "\n"


def read_pasted(tmp_path: Path, title: str, paragraphs: list[str]) -> Article:
    source = tmp_path / "pasted.txt"
    source.write_text(pasted(title, paragraphs), encoding="utf-8")
    return read_source(source, "seeds/pasted.txt")


@pytest.fixture(scope="module")
def seed() -> Article:
    return read_source(SEED, "seeds/seed.txt")


def test_furniture_around_the_seed_article_leaves_the_same_draft(tmp_path, seed) -> None:
    body = seed.paragraphs
    with_furniture = [
        "By Jane Doe and John Roe, NationPress",
        "Published 6:12 p.m. ET May 4, 2025",
        "Image copyright Getty Images",
        "Image caption Kim Jong-un at a tank factory",
        *body[:2],
        "Advertisement",
        "Kim Jong-un at the factory on Saturday. (AP Photo/Jane Doe)",
        "Read more: North Korea's tanks",
        *body[2:5],
        "RELATED: Seoul and Tokyo share missile data",
        "Sign up for our daily newsletter",
        *body[5:],
        "Share this article",
        "Follow us on Twitter",
        "Contributing: Jane Doe",
    ]
    read = read_pasted(tmp_path, seed.title, with_furniture)
    plain = read_pasted(tmp_path, seed.title, body)
    assert read.paragraphs == body
    vocabulary = load_vocabulary(REPO / "briefs/tags.yml", "briefs/tags.yml")
    drafted, expected = (draft_brief(a, vocabulary, TODAY).front_matter for a in (read, plain))
    assert {**drafted, "source": None} == {**expected, "source": None}
    assert "Jane Doe" not in drafted["people"]


@pytest.mark.parametrize(
    "masthead",
    [
        "Jane Doe and John Roe USA TODAY Published 6:12 p.m. ET May 4, 2025",
        "By Jane Doe, CNN",
        "By Jane Doe and John Roe, CNN Updated 6:12 p.m. ET May 4, 2025",
        "Jane Doe, AP Sports Writer Updated 1:33 am CST, Sunday, May 4, 2025",
        "Updated 1909 GMT (0309 HKT) May 4, 2025",
    ],
)
def test_a_masthead_run_into_the_first_paragraph_is_cut_off_it(tmp_path, seed, masthead) -> None:
    first, *rest = seed.paragraphs
    assert read_pasted(tmp_path, seed.title, [f"{masthead} {first}", *rest]).paragraphs == [
        first,
        *rest,
    ]


def test_name_lines_above_a_time_stamp_are_the_masthead(tmp_path, seed) -> None:
    masthead = ["Jane Doe and John Roe", "USA TODAY", "Published 6:12 p.m. ET May 4, 2025"]
    article = read_pasted(tmp_path, seed.title, [*masthead, *seed.paragraphs])
    assert article.paragraphs == seed.paragraphs


@pytest.mark.parametrize(
    "names",
    [
        ["Kevin Johnson and Kevin McCoy", "USA TODAY"],
        ["Jane Doe | Reuters"],
        ["CBS NEWS-WASHINGTON"],
    ],
)
def test_name_and_outlet_lines_above_a_time_stamp_are_the_masthead(seed, names) -> None:
    masthead = [*names, "Updated 6:12 p.m. ET May 4, 2025"]
    assert clean_paragraphs([*masthead, *seed.paragraphs]) == seed.paragraphs


@pytest.mark.parametrize(
    "lede",
    [
        "By Friday, Apple had sold 3 million phones.",
        "By March, Congress had passed the bill.",
        "At 7:30 p.m. Tuesday President Biden addressed the nation.",
        "At 7:30 p.m. ET Tuesday President Biden addressed the nation.",
    ],
)
def test_a_lede_that_starts_like_a_byline_or_stamp_keeps_all_its_words(lede: str) -> None:
    assert without_opening_masthead(lede) == lede
    assert clean_paragraphs([lede, "The rest of the story."]) == [lede, "The rest of the story."]


def test_name_lines_without_a_time_stamp_are_the_story_s(seed) -> None:
    assert clean_paragraphs(["Kim Jong-un", *seed.paragraphs]) == ["Kim Jong-un", *seed.paragraphs]


def test_an_article_that_is_all_furniture_is_refused(tmp_path) -> None:
    with pytest.raises(NewsbriefError, match="has a headline but no article text"):
        read_pasted(tmp_path, "Headline", ["By Jane Doe", "Advertisement", "Share this article"])


def test_a_long_run_of_capitalised_words_is_read_quickly() -> None:
    worst = " ".join(["Jane Doe-Roe"] * 2000) + " Published"
    start = time.perf_counter()
    clean_paragraphs([worst, worst + " 6:12 p.m. ET", "By " + worst])
    assert time.perf_counter() - start < 2


@contextmanager
def finishing_within(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, when the block runs longer than ``seconds``: the regular
    expression engine checks for signals, so an alarm stops a match that runs away."""

    def stop(signum, frame) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_capitals_joined_by_hyphens_are_read_without_backtracking() -> None:
    line = "-".join(["AB"] * 40) + " x"  # "-" joins capitals, and separates names too
    with finishing_within(5):
        assert clean_paragraphs([line, line]) == [line, line]


# What each development article of the corpus loses (the test half is not looked at);
# every other development article loses nothing.
REMOVED = {  # (d11.html's app prompt trafilatura now leaves out itself)
    "d01.html": 1, "d01.txt": 1,  # a contributor line
    "d17.html": 2, "d17.txt": 1,  # a rule, and links to more stories
    "d25.html": 1,  # a prompt to follow the programme
    "d27.html": 2,  # a "see more" link and a "don't miss" label
    "d29.html": 1,  # an update stamp
    "d31.html": 2, "d31.txt": 1,  # a rule, and where to reach the reporters
    "d33.txt": 1,  # a video's publication stamp
    "d37.html": 2,  # the reporter's e-mail and Twitter addresses
}  # fmt: skip


def development_articles() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(
        path
        for path in CORPUS.iterdir()
        if path.suffix in (".txt", ".html") and group_of(path.stem) == "development"
    )


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no evaluation corpus at {CORPUS}")
@pytest.mark.parametrize("article", development_articles(), ids=lambda path: path.name)
def test_development_articles_lose_only_whole_furniture_paragraphs(
    article: Path, monkeypatch
) -> None:
    cleaned = read_source(article, f"seeds/{article.name}").paragraphs
    monkeypatch.setattr(readers, "clean_paragraphs", list)
    raw = read_source(article, f"seeds/{article.name}").paragraphs
    removed = [paragraph for paragraph in raw if paragraph not in cleaned]
    assert cleaned == [paragraph for paragraph in raw if paragraph not in removed]
    assert all(is_furniture(paragraph) for paragraph in removed)
    assert len(removed) == REMOVED.get(article.name, 0), removed
