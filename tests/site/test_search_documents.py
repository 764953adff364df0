"""What search finds on each page (newsbrief.site.search_documents)."""

from __future__ import annotations

import dataclasses
import re

from newsbrief.archive.collection import load_archive
from newsbrief.site.search_documents import (
    brief_document,
    document,
    markdown_document,
    new_words,
)


def test_document_escapes_front_matter_text() -> None:
    html = document("<img src=x onerror=alert(1)>", "a <script> b", "")
    assert "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>" in html
    assert "<p>a &lt;script&gt; b</p>" in html and "<p></p>" not in html


def test_brief_document_holds_what_readers_search_by(archive_root) -> None:
    root = archive_root({"2025/05/04-kim-tank-factory.md": "valid"})
    archive = load_archive(root)
    html = brief_document(archive.entries[0], archive.vocabulary)
    for text in ("Yang Moo-jin", "KCNA", "North Korea", "Seoul", "4 May 2025"):
        assert text in html
    words = re.split(r"[\s<>]+", html)
    # from the takeaways, a quote, the commentary, a tag, the body
    for word in ("upgraded", "Modernizing", "pivotal", "Military", "toured", "plant"):
        assert word in words, word
    assert (
        '<p data-pagefind-meta="synopsis">'
        "North Korean leader Kim Jong-un inspected a tank factory.</p>"
    ) in html


def test_brief_document_gives_each_word_of_the_body_once(archive_root) -> None:
    """A word's index chunk grows with each position: a brief gives Pagefind one."""
    root = archive_root({"2025/05/04-kim-tank-factory.md": "valid"})
    archive = load_archive(root)
    body = "Drills, drills and [more drills](https://example.org/drills).\n\n# Drills\n"
    entry = dataclasses.replace(archive.entries[0], body=body)
    words = re.split(r"[\s<>]+", brief_document(entry, archive.vocabulary))
    assert words.count("Drills") == 1 and "drills" not in words
    assert "example.org" not in " ".join(words)  # a link's address is not text


def test_new_words_keeps_the_first_of_each_word_and_leaves_out_known_ones() -> None:
    texts = ["The army, the ARMY and (the) navy’s ships.", "Navy ships — 12 of them"]
    assert new_words(texts, ["Army chief"]) == "The and navy’s ships Navy 12 of them"
    assert new_words([" ... ", ""], []) == ""


def test_markdown_document_takes_the_first_heading_and_drops_markup() -> None:
    html = markdown_document("---\ntitle: x\n---\n# About\n\nSee [the tags](tags.md).\n", "about")
    assert "<h1>About</h1>" in html and "tags.md" not in html and "[" not in html
    assert "<h1>notes</h1>" in markdown_document("No heading here.", "notes")
