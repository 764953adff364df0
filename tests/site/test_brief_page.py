"""Brief pages from briefs: pure functions, checked on their output."""

from __future__ import annotations

import datetime as dt

from newsbrief.archive.collection import Archive, load_archive
from newsbrief.archive.schema import Quote, Source
from newsbrief.site import brief_page
from newsbrief.site.brief_page import NamedLinks
from newsbrief.site.markup import Html


def test_dates_links_and_lists() -> None:
    assert brief_page.format_date(dt.date(2025, 5, 4)) == "4 May 2025"
    assert brief_page.and_list(["Yonhap"]) == "Yonhap"
    assert brief_page.and_list(["Yonhap", "KCNA"]) == "Yonhap and KCNA"
    assert brief_page.and_list(["A", "B", "C"]) == "A, B and C"


def test_source_links_only_when_its_address_is_known() -> None:
    source = Source(name="NationPress", path="seeds/a.txt", sha256="0" * 64)
    assert brief_page.source_html(source) == "NationPress"
    linked = Source(name="<Wire>", url="https://example.org/a?b&c", path="s.txt", sha256="0" * 64)
    assert (
        brief_page.source_html(linked) == '<a href="https://example.org/a?b&amp;c">&lt;Wire&gt;</a>'
    )


def test_quote_over_several_paragraphs_stays_one_block_quote() -> None:
    quote = Quote(speaker="Yang Moo-jin", role="analyst", text="First part.\n\nSecond part.")
    html = brief_page.quotes_box("expert", [quote, quote])
    assert html.count("<blockquote>") == 2  # one per quote, each whole
    assert "<p>First part.</p>\n<p>Second part.</p>" in html
    assert "<strong>Yang Moo-jin</strong>, analyst" in html


def named_in(archive: Archive) -> NamedLinks:
    """What the archive's first brief lists, with the pages' addresses."""
    return archive.entity_addresses().named_in(archive.entries[0].brief)


def test_brief_page_of_the_seed_brief(archive_root) -> None:
    archive = load_archive(archive_root({"2025/05/04-kim-tank-factory.md": "valid"}))
    summary = Html("<p>Summary.</p>\n")  # as the Markdown converter marks it
    page = brief_page.brief_page(archive.entries[0], archive.vocabulary, summary, named_in(archive))
    assert page.meta == {
        "title": "Kim Jong-un inspects an upgraded tank factory",
        "description": "North Korean leader Kim Jong-un inspected a tank factory.",
        "og_article": True,
        "published": "2025-05-04",
    }
    assert '<a class="nb-chip" href="../../../../tags/north-korea/">North Korea</a>' in page.html
    assert "<p>Summary.</p>" in page.html
    assert "Who and where" not in page.html  # the fixture names nobody: no empty section
    headings = [(t["level"], t["name"]) for t in page.toc_tokens]
    assert headings == [(1, "Kim Jong-un inspects an upgraded tank factory")]
    sections = [t["id"] for t in page.toc_tokens[0]["children"]]
    assert sections[:2] == ["key-takeaways", "summary"] and sections[-1] == "source"


def test_markdown_converter_is_reused_and_reset() -> None:
    convert = brief_page.markdown_converter(["toc", "attr_list"], {})
    assert convert("# A\n\nText\n{: .x }") == '<h1 id="a">A</h1>\n<p class="x">Text</p>'
    assert convert("# A") == '<h1 id="a">A</h1>'  # ids start afresh: no "a_1"


def test_summary_is_markup_only_as_the_converter_marks_it(archive_root) -> None:
    archive = load_archive(archive_root({"2025/05/04-kim-tank-factory.md": "valid"}))

    def page_html(summary: str) -> str:
        return brief_page.brief_page(
            archive.entries[0], archive.vocabulary, summary, named_in(archive)
        ).html

    convert = brief_page.markdown_converter([], {})
    assert "<p><em>Summary</em></p>" in page_html(convert("*Summary*"))
    assert "&lt;p&gt;Summary.&lt;/p&gt;" in page_html("<p>Summary.</p>")  # text, not markup


def test_who_and_where_links_each_name_to_its_own_page() -> None:
    named = {
        "people": [("Kim Jong Un", "people/kim-jong-un.md"), ("Kim Jong-un", "people/kim-x.md")],
        "organizations": [],
        "places": [("Łódź", "places/lodz.md")],
    }
    lines = brief_page.who_and_where("2025/05/04/kim.md", named)
    assert lines == [
        '<strong>People:</strong> <a href="../../../../people/kim-jong-un/">Kim Jong Un</a>, '
        '<a href="../../../../people/kim-x/">Kim Jong-un</a>',
        '<strong>Places:</strong> <a href="../../../../places/lodz/">Łódź</a>',
    ]


def test_corrections_show_dated_and_escaped_above_the_synopsis(archive_root) -> None:
    archive = load_archive(archive_root({"2025/05/04-corrected.md": "corrected"}))
    html = brief_page.brief_page(
        archive.entries[0], archive.vocabulary, Html(), named_in(archive)
    ).html
    first = html.index('<p class="admonition-title">Correction, 6 May 2025</p>')
    second = html.index('<p class="admonition-title">Correction, 9 May 2025</p>')
    assert first < second < html.index('<p class="admonition-title">Synopsis</p>')
    assert "<p>&lt;img src=x onerror=alert(1)&gt; was not in the source &amp; is gone.</p>" in html
    assert "<img" not in html


def test_an_uncorrected_brief_has_no_correction_notice(archive_root) -> None:
    archive = load_archive(archive_root({"2025/05/04-kim-tank-factory.md": "valid"}))
    html = brief_page.brief_page(
        archive.entries[0], archive.vocabulary, Html(), named_in(archive)
    ).html
    assert "Correction" not in html


def test_the_last_change_shows_in_the_byline_when_known(archive_root) -> None:
    archive = load_archive(archive_root({"2025/05/04-kim-tank-factory.md": "valid"}))
    entry, args = archive.entries[0], (archive.vocabulary, Html(), named_in(archive))
    changed = brief_page.brief_page(entry, *args, last_changed=dt.date(2025, 5, 6)).html
    assert "min read · Last changed 6 May 2025</p>" in changed
    assert "Last changed" not in brief_page.brief_page(entry, *args).html
