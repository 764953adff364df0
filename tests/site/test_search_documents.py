"""What search finds on each page (newsbrief.site.search_documents)."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from newsbrief.archive.collection import load_archive
from newsbrief.site.search_documents import (
    FILTER_SHARDS,
    SEARCH_FILTERS,
    brief_document,
    document,
    filter_key,
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


def test_brief_document_gives_pagefind_each_filter_value(archive_root) -> None:
    """Tags by title, the year, the source and every person named, speakers included:
    each value once, as an attribute (a name with a comma or a colon stays whole), in
    the Pagefind filter that holds its share of the filter's values."""
    root = archive_root({"2025/05/04-kim-tank-factory.md": "valid"})
    archive = load_archive(root)
    html = brief_document(archive.entries[0], archive.vocabulary)
    found = re.findall(r'<meta data-pagefind-filter="(\w+)\[content\]" content="([^"]*)">', html)
    assert found == [
        ("tag6", "North Korea"),
        ("tag6", "Military"),
        ("year6", "2025"),
        ("source1", "NationPress"),
        ("person4", "Kim Jong-un"),
        ("person5", "Yang Moo-jin"),
    ]
    assert all(key == filter_key(key.rstrip("0123456789"), value) for key, value in found)
    assert {key.rstrip("0123456789") for key, _ in found} == set(SEARCH_FILTERS)
    head = html[: html.index("</head>")]
    assert head.count("<meta ") == len(found)  # in the head: no word of them is indexed twice
    assert '<p data-pagefind-meta="published">4 May 2025 · Seoul · NationPress</p>' in html


def test_filter_values_spread_evenly_over_the_shards() -> None:
    """FNV-1a of the UTF-8 (the search page's script computes the same; the browser tests
    narrow by values of other scripts)."""
    assert filter_key("tag", "Military") == "tag6"
    assert filter_key("person", "Владимир Путин") == "person0"
    assert filter_key("place", "北京") == "place1"
    shards = Counter(filter_key("person", f"Person {n}") for n in range(8000))
    assert len(shards) == FILTER_SHARDS
    assert max(shards.values()) < 1.1 * 8000 / FILTER_SHARDS


def test_filter_values_are_escaped_as_attributes(archive_root) -> None:
    root = archive_root({"2025/06/11-markup.md": "evil-title"})
    archive = load_archive(root)
    html = brief_document(archive.entries[0], archive.vocabulary)
    assert 'content="&lt;b&gt;Wire&lt;/b&gt;"' in html
    assert 'content="&lt;img src=x onerror=alert(8)&gt;"' in html
    assert "<b>" not in html and "<img" not in html
