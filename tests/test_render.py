"""Page Markdown from briefs: pure functions, checked on their output."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest

from newsbrief import render
from newsbrief.archive import load_archive
from newsbrief.schema import Quote, Source


@pytest.mark.parametrize(
    "text",
    [
        "<img src=x onerror=alert(1)>",
        "[link](javascript:alert(1))",
        "*not emphasis* and _not_ either",
        "# not a heading",
        "1. not a list",
        "`not code` {: .not-attr }",
        "AT&T &amp; 5 < 6 > 4",
    ],
)
def test_md_text_renders_exactly_the_text(text: str) -> None:
    rendered = markdown.markdown(render.md_text(text), extensions=["attr_list"])
    assert (
        rendered
        == "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>"
    )


def test_cell_keeps_a_table_cell_whole() -> None:
    table = f"| a |\n| --- |\n| {render.cell('x | y')} |\n"
    assert "<td>x | y</td>" in markdown.markdown(table, extensions=["tables"])


def test_dates_links_and_lists() -> None:
    assert render.format_date(dt.date(2025, 5, 4)) == "4 May 2025"
    assert render.link("2025/05/04/kim.md", "tags/military.md") == "../../../tags/military.md"
    assert render.link("tags/index.md", "tags/military.md") == "military.md"
    assert render.link("index.md", "2025/05/04/kim.md") == "2025/05/04/kim.md"
    assert render.and_list(["Yonhap"]) == "Yonhap"
    assert render.and_list(["Yonhap", "KCNA"]) == "Yonhap and KCNA"
    assert render.and_list(["A", "B", "C"]) == "A, B and C"


def test_source_links_only_when_its_address_is_known() -> None:
    source = Source(name="NationPress", path="seeds/a.txt", sha256="0" * 64)
    assert render.source_name(source) == "NationPress"
    linked = Source(name="Wire", url="https://example.org/a", path="seeds/a.txt", sha256="0" * 64)
    assert render.source_name(linked) == "[Wire](<https://example.org/a>)"


def test_quote_over_several_paragraphs_stays_one_block_quote() -> None:
    quote = Quote(speaker="Yang Moo-jin", role="analyst", text="First part.\n\nSecond part.")
    html = markdown.markdown(
        render.quotes_section("Expert commentary", "expert", [quote]), extensions=["md_in_html"]
    )
    assert html.count("<blockquote>") == 1
    assert "<p>First part.</p>\n<p>Second part.</p>" in html
    assert "<strong>Yang Moo-jin</strong>, analyst" in html


def test_brief_page_of_the_seed_brief(archive_root) -> None:
    archive = load_archive(archive_root({"2025/05/04-kim-tank-factory.md": "valid"}))
    page = render.brief_page(archive.entries[0], archive.vocabulary)
    assert page.startswith(
        "---\ntitle: Kim Jong-un inspects an upgraded tank factory\n"
        "description: North Korean leader Kim Jong-un inspected a tank factory.\n"
        "og_article: true\npublished: '2025-05-04'\n---\n"
    )
    assert "[North Korea](../../../tags/north-korea.md){ .nb-chip }" in page
    assert "## Who and where" not in page  # the fixture names nobody: no empty section
