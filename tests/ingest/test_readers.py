"""Readers: pasted text, Markdown and saved HTML become the same Article; bad files are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.archive.problems import NewsbriefError
from newsbrief.ingest.evaluate import corpus_folder
from newsbrief.ingest.readers import read_source

from ..conftest import FIXTURES, REPO

SEED = REPO / "seeds/2025-05-04-nationpress-kim-jong-un-inspects-tank-factory.txt"
TITLE = "Did North Korea's Kim Inspect an Upgraded Tank Factory?"
CORPUS = corpus_folder(REPO)


def error_of(file: Path) -> str:
    with pytest.raises(NewsbriefError) as error:
        read_source(file, file.name)
    return str(error.value)


def test_seed_text_gives_headline_sections_and_paragraphs() -> None:
    article = read_source(SEED, "seeds/seed.txt")
    assert article.title == TITLE
    assert len(article.takeaways) == 5 and article.synopsis is None
    assert article.paragraphs[0].startswith("Seoul, May 4 (NationPress) North Korean leader")
    assert article.paragraphs[-1].endswith("modern warfare,” Yang stated.")
    assert len(article.paragraphs) == 11


def test_saved_html_page_gives_the_same_article_and_its_metadata() -> None:
    text = read_source(SEED, "seeds/seed.txt")
    page = read_source(FIXTURES / "html/kim-tank-factory.html", "seeds/page.html")
    assert (page.title, page.paragraphs, page.takeaways) == (
        text.title,
        text.paragraphs,
        text.takeaways,
    )
    assert (str(page.date), page.site_name) == ("2025-05-04", "NationPress")
    assert page.url.endswith("/did-north-koreas-kim-inspect-an-upgraded-tank-factory")


def test_markdown_article(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text(
        "# Exports rise for a *third* month\n\n"
        "SEOUL (Reuters) - Exports rose, the [ministry](https://example.org) said.\n\n"
        "## Key takeaways\n\n- Exports rose.\n- Chips led.\n",
        encoding="utf-8",
    )
    article = read_source(source, "a.md")
    assert article.title == "Exports rise for a third month"
    assert article.paragraphs == ["SEOUL (Reuters) - Exports rose, the ministry said."]
    assert article.takeaways == ["Exports rose.", "Chips led."]


def test_bom_crlf_and_hard_wrapped_text_read_as_paragraphs(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    text = (
        "Headline here\r\n\r\nThe first paragraph is wrapped\r\nover two lines\r\n\r\n"
        "A second one.\r\n"
    )
    source.write_bytes(b"\xef\xbb\xbf" + text.encode())
    article = read_source(source, "a.txt")
    assert article.title == "Headline here"
    assert article.paragraphs == ["The first paragraph is wrapped over two lines", "A second one."]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"  \n\n ", "empty.txt:1: source: is empty"),
        ("binary.txt", b"\x89PNG\r\n\x00\x00", "binary.txt:1: source: is a binary file"),
        ("latin1.txt", b"Title\n\nCaf\xe9 opens.\n", "latin1.txt:3: source: is not UTF-8 text"),
        ("only.txt", b"Just a headline\n", "only.txt:1: source: has a headline but no article"),
        ("long.txt", b"word " * 60 + b"\n\nText.", "long.txt:1: source: has no headline"),
        ("notes.docx", b"PK", "notes.docx:1: source: unsupported file type '.docx'"),
    ],
)
def test_bad_sources_get_located_errors(tmp_path: Path, name: str, content: bytes, message: str):
    source = tmp_path / name
    source.write_bytes(content)
    assert error_of(source).startswith(message)


def test_html_with_scripts_and_no_article_is_refused() -> None:
    assert error_of(FIXTURES / "html/no-article.html") == (
        "no-article.html:1: source: has no article text (under 40 words) that could be extracted"
    )


def test_missing_file_is_refused(tmp_path: Path) -> None:
    assert (
        error_of(tmp_path / "gone.txt")
        == "gone.txt:1: source: cannot be read: No such file or directory"
    )


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no evaluation corpus at {CORPUS}")
def test_every_saved_page_of_the_corpus_gives_most_of_its_story() -> None:
    short = []
    for page in sorted(CORPUS.glob("d*.html")):
        story = " ".join(read_source(page, page.name).paragraphs).split()
        if len(story) * 3 < len(page.with_suffix(".txt").read_text(encoding="utf-8").split()) * 2:
            short.append(page.name)
    assert short == []
