"""Real MkDocs builds of a small fixture archive, asserting on the built site."""

from __future__ import annotations

import gc
import gzip
import json
import logging
import posixpath
import re
import shutil
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage

from newsbrief.archive import collector
from newsbrief.archive.addresses import SCHEMA_REFERENCE
from newsbrief.archive.schema import Brief, describe, json_schema
from newsbrief.mkdocs_adapter.plugin import NAV_PAGES
from tests.conftest import REPO, make_site, set_plugin_options
from tests.mkdocs_adapter.test_git_history import git

BRIEFS = {
    "2025/05/04-kim-tank-factory.md": "valid",
    "2025/06/10-exports.md": "economy",
    "2025/06/11-markup.md": "evil-title",
    "2025/06/12-missiles.md": "draft",
}
KIM = "2025/05/04/kim-tank-factory/index.html"
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default when NEWSBRIEF_SITE_URL is unset
DRAFT = "2025/06/12/missiles/index.html"


def build_site(root: Path, command: str = "build") -> Path:
    """Build like the ``mkdocs`` command does: startup event, strict build, shutdown."""
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
    finally:
        config.plugins.on_shutdown()
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(make_site(tmp_path_factory.mktemp("built"), BRIEFS))


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def article(site: Path, page: str) -> str:
    """The page's content, without the theme's header, navigation and footer."""
    html = read(site, page)
    return html[html.index("<article") : html.index("</article>")]


def text_of(html: str) -> str:
    """The words of some HTML, without tags and heading permalinks."""
    html = html.replace("&para;</a>", "</a>")
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


class Attributes(HTMLParser):
    """Every (tag, attribute, value) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs]


def attributes(html: str) -> list[tuple[str, str, str]]:
    parser = Attributes()
    parser.feed(html)
    return parser.found


def test_brief_page_shows_every_part_of_the_brief(site: Path) -> None:
    text = text_of(article(site, KIM))
    for expected in (
        "Kim Jong-un inspects an upgraded tank factory",
        "4 May 2025 · Seoul · NationPress · citing Yonhap and KCNA",
        "Synopsis North Korean leader Kim Jong-un inspected a tank factory.",
        "Key takeaways Kim Jong-un inspected an upgraded tank factory.",
        "Summary Kim toured a tank plant and called for a modern army.",
        "What they said Modernizing our army … is crucial for strengthening our armed forces. "
        "— Kim Jong-un , North Korean leader",
        "Expert commentary Outside experts' views on these events; they are not parties to them. "
        "Conventional weaponry like artillery and missiles … are pivotal in determining the "
        "success or failure in modern warfare. — Yang Moo-jin , president of the "
        "University of North Korean Studies in Seoul",
        "Source article: seeds/tank-factory.txt",
    ):
        assert expected in text


def test_commentary_is_set_apart_from_principals_quotes(site: Path) -> None:
    html = article(site, KIM)
    principal = html[html.index("nb-quotes--principal") : html.index("nb-quotes--expert")]
    expert = html[html.index("nb-quotes--expert") :]
    assert "Kim Jong-un" in principal and "Yang Moo-jin" not in principal
    assert "Yang Moo-jin" in expert and "Modernizing" not in expert


def test_tag_chips_lead_to_each_tags_own_page(site: Path) -> None:
    chips = [v for tag, name, v in attributes(article(site, KIM)) if tag == "a" and name == "href"]
    assert "../../../../tags/north-korea/" in chips
    assert "../../../../tags/military/" in chips
    assert (site / "tags/north-korea/index.html").is_file()


def test_tag_page_lists_its_briefs_newest_first(site: Path) -> None:
    text = text_of(article(site, "tags/east-asia/index.html"))
    assert "2 briefs" in text
    markup, exports = text.index("[click]"), text.index("South Korea's exports rise")
    assert markup < exports
    assert "Kim Jong-un" not in text


def table_rows(html: str) -> dict[str, str]:
    """First cell -> second cell of every row of the page's tables, as text."""
    return {
        text_of(row.split("</td>")[0]): text_of(row.split("</td>")[1])
        for row in html.split("<tr>")[2:]
        if "</td>" in row
    }


def test_tag_index_lists_the_tags_in_use_and_names_the_others_apart(site: Path) -> None:
    for index in ("tags/index.html", "tags/a-z/index.html"):
        html = article(site, index)
        used, _, unused = html.partition('id="tags-not-used-yet"')
        assert table_rows(used) == {
            "East Asia": "2",
            "North Korea": "1",
            "South Korea": "1",
            "Military": "1",
            "Economy": "1",
        }
        assert table_rows(unused) == {"Russia–Ukraine war": "russia-ukraine-war"}
        assert "russia-ukraine-war/" not in html  # named, never linked
    assert not (site / "tags/russia-ukraine-war").exists()  # no page, no feeds
    sitemap = read(site, "sitemap.xml")
    assert "/tags/east-asia/" in sitemap and "russia-ukraine-war" not in sitemap


def search_fragments(site: Path, indexes: str = "pagefind/**/") -> Iterator[dict]:
    """What the Pagefind indexes (the main one and each volume's) hold of each page: URL,
    text, metadata (gzipped JSON); ``indexes`` chooses the index folders."""
    for fragment in site.glob(f"{indexes}fragment/*.pf_fragment"):
        yield json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))


def searchable(site: Path) -> dict[str, str]:
    """The text of every page in the Pagefind index, by URL."""
    return {data["url"]: data["content"] for data in search_fragments(site)}


def test_search_index_holds_briefs_with_their_names_tags_and_docs(site: Path) -> None:
    pages = searchable(site)
    kim = pages["/2025/05/04/kim-tank-factory/"]
    assert "Yang Moo-jin" in kim and "North Korea" in kim
    assert "North Korean leader Kim Jong-un inspected a tank factory." in kim  # the synopsis
    assert {"Modernizing", "toured"} <= set(kim.split())  # from a quote and the body
    assert "Semiconductors" in pages["/2025/06/10/exports/"].split()
    assert pages["/tags/east-asia/"].startswith("East Asia.")
    assert "/tags/russia-ukraine-war/" not in pages  # unused: no page to find
    assert "/about/" in pages
    assert "/people/yang-moo-jin/" not in pages  # found through the briefs that name him
    assert "sha256" in pages["/reference/brief-schema/"]
    assert "/archive/" not in pages  # listings would only repeat the briefs
    assert '"docs":[]' in read(site, "search/search_index.json")  # Material's is left empty


def test_search_index_gives_briefs_their_filters(site: Path) -> None:
    """Pagefind indexed each brief's tags, year, source and people as its filters."""
    filters = {data["url"]: data["filters"] for data in search_fragments(site)}
    assert filters["/2025/05/04/kim-tank-factory/"] == {
        "tag6": ["North Korea", "Military"],
        "year6": ["2025"],
        "source1": ["NationPress"],
        "person4": ["Kim Jong-un"],
        "person5": ["Yang Moo-jin"],
    }
    assert filters["/2025/06/10/exports/"]["source3"] == ["Fixture Wire"]
    assert not filters["/tags/military/"] and not filters["/about/"]  # only briefs have them
    used = {key for page in filters.values() for key in page}
    # the briefs' one volume has a file a filter; the main index's pages have none
    assert len(list(site.glob("pagefind/volumes/2025-05/filter/*"))) == len(used)
    assert not (site / "pagefind/filter").exists()


def test_briefs_are_indexed_in_volumes_of_whole_months(tmp_path: Path) -> None:
    """With volumes of one brief, May's tank factory and June's two briefs (a month is
    never split) are indexed apart from the other pages; a search covers June's first."""
    root = make_site(tmp_path, BRIEFS)
    set_plugin_options(root, search_volume_briefs=1, search_first_briefs=1)
    site = build_site(root)
    manifest = json.loads(read(site, "pagefind/volumes.json"))
    assert manifest["searched_first"] == 1
    assert [(v["path"], v["first_name"], v["briefs"]) for v in manifest["volumes"]] == [
        ("volumes/2025-06/", "June 2025", 2),
        ("volumes/2025-05/", "May 2025", 1),
    ]
    indexed = {
        index: {data["url"] for data in search_fragments(site / "pagefind" / index, "")}
        for index in ("", "volumes/2025-05/", "volumes/2025-06/")
    }
    assert indexed["volumes/2025-05/"] == {"/2025/05/04/kim-tank-factory/"}
    assert indexed["volumes/2025-06/"] == {"/2025/06/10/exports/", "/2025/06/11/markup/"}
    assert "/tags/military/" in indexed[""] and "/about/" in indexed[""]
    assert not any(url.startswith("/2025/") for url in indexed[""])
    page = article(site, "search/index.html")
    assert "Search every year, back to May 2025" in page
    prefetched = re.findall(r'<link rel="prefetch" href="\.\./(pagefind/[^"]+)">', page)
    assert [name.rsplit("/", 1)[0] for name in prefetched[2:]] == [
        "pagefind",
        "pagefind/volumes/2025-06",
    ]


def test_search_page_and_the_forms_that_open_it_narrowed(site: Path) -> None:
    page = article(site, "search/index.html")
    assert '<form class="nb-search__form" method="get" action="./" data-filter' in page
    assert '<script src="../assets/javascripts/newsbrief-search-page.js"></script>' in page
    assert (site / "assets/javascripts/newsbrief-search-page.js").is_file()
    assert "newsbrief-search-page.js" not in read(site, "index.html")  # its page's alone
    assert (site / "assets/javascripts/newsbrief-search-page-worker.js").is_file()
    # the index's first files, named once it was built, are asked for beside the script:
    # the WebAssembly, the list of volumes, the main index's and the one volume's metadata
    prefetched = re.findall(r'<link rel="prefetch" href="\.\./(pagefind/[^"]+)">', page)
    assert [name.split(".")[-1] for name in prefetched] == [
        "pagefind",
        "json",
        "pf_meta",
        "pf_meta",
    ]
    assert prefetched[3].startswith("pagefind/volumes/2025-05/pagefind.")
    assert all((site / name).is_file() for name in prefetched)
    assert page.index('rel="prefetch"') < page.index('newsbrief-search-page.js"></script>')
    narrowed = {
        "tags/military/index.html": ("tag", "Military"),
        "archive/2025/index.html": ("year", "2025"),
        "people/yang-moo-jin/index.html": ("person", "Yang Moo-jin"),
    }
    for path, (name, value) in narrowed.items():
        html = article(site, path)
        assert 'action="../../search/"' in html, path
        assert f'<input type="hidden" name="{name}" value="{value}">' in html, path
    assert "nb-search-here" not in read(site, "places/south-korea/index.html")


def test_home_page_shows_latest_briefs_newest_first(site: Path) -> None:
    html = article(site, "index.html")
    links = [v for tag, name, v in attributes(html) if tag == "a" and name == "href"]
    briefs = [link for link in links if re.fullmatch(r"2025/\d\d/\d\d/[a-z-]+/", link)]
    assert briefs == ["2025/06/11/markup/", "2025/06/10/exports/", "2025/05/04/kim-tank-factory/"]


def test_drafts_are_left_out_of_the_built_site(site: Path) -> None:
    assert not (site / DRAFT).exists()
    for page in ("index.html", "tags/military/index.html", "search/search_index.json"):
        assert "cruise missiles" not in read(site, page)


def test_drafts_are_shown_when_serving(tmp_path: Path) -> None:
    served = build_site(make_site(tmp_path, BRIEFS), command="serve")
    draft = text_of(article(served, DRAFT))
    assert "This brief awaits review" in draft
    assert "Notes for the editor: Confirm the number of missiles." in draft
    assert "test-fires cruise missiles" in read(served, "tags/military/index.html")


def test_front_matter_text_is_shown_as_text_never_run(site: Path) -> None:
    html = read(site, "2025/06/11/markup/index.html")
    content = article(site, "2025/06/11/markup/index.html")
    assert "&lt;img src=x onerror=alert(1)&gt;" in content
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in content
    found = attributes(html)
    assert not [a for a in found if a[1].startswith("on")]
    assert not [a for a in found if a[1] in ("href", "src", "action") and "javascript:" in a[2]]
    assert not re.search(r"<(script|iframe|svg)[^>]*>[^<]*alert", html)


def test_no_page_loads_or_links_anything_from_another_host(site: Path) -> None:
    sources = {"https://example.org/news/exports"}
    for page in site.rglob("*.html"):
        for tag, name, value in attributes(page.read_text(encoding="utf-8")):
            if name in ("src", "href") and re.match(r"(https?:)?//", value):
                own = value.startswith(SITE_URL)  # the canonical address: the site's own host
                assert own or (tag == "a" and value in sources), f"{page}: <{tag} {name}={value}>"


def test_schema_reference_and_json_schema_are_published(site: Path) -> None:
    text = text_of(article(site, "reference/brief-schema/index.html"))
    for info in describe(Brief):
        assert info.description.replace("`", "") in text.replace("`", "")
    published = json.loads(read(site, "reference/brief.schema.json"))
    assert published == json_schema()


def build_error(root: Path, caplog: pytest.LogCaptureFixture) -> str:
    """What a failed build tells the user (MkDocs logs it, then aborts)."""
    with pytest.raises(Abort):
        build_site(root)
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def test_a_bad_brief_stops_the_build_with_its_located_message(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = make_site(tmp_path, {"2025/05/04-unknown-tag.md": "unknown-tag"})
    assert build_error(root, caplog) == (
        "newsbrief: the archive has 1 problem(s); run `newsbrief check` for the same list:\n"
        "briefs/2025/05/04-unknown-tag.md:13: tags[1]: unknown tag 'millitary'; did you mean "
        "'military'? use a slug from briefs/tags.yml or add the tag there"
    )


def test_a_docs_page_in_the_way_of_a_generated_one_is_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = make_site(tmp_path, {"2025/05/04-kim-tank-factory.md": "valid"})
    (root / "docs/tags").mkdir()
    shutil.copy(root / "docs/about.md", root / "docs/tags/index.md")
    assert build_error(root, caplog) == (
        "newsbrief: the page it generates for tags/index.md would replace docs/tags/index.md "
        "at /tags/; rename or remove docs/tags/index.md"
    )


def test_repository_site_has_the_seed_brief_tags_and_tag_pages(tmp_path: Path) -> None:
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    site = tmp_path / "site"
    page = text_of(
        article(site, "2025/05/04/kim-jong-un-inspects-upgraded-tank-factory/index.html")
    )
    assert "4 May 2025 · Seoul · NationPress · citing Yonhap and KCNA" in page
    assert "— Yang Moo-jin , president of the University of North Korean Studies in Seoul" in page
    assert "In the story North Korea's military modernisation · brief 1 of 1" in unescape(page)
    story = read(site, "stories/north-korea-military-modernization/index.html")
    assert "Kim Jong-un inspects an upgraded tank factory" in story
    for tag in ("north-korea", "military", "defence-industry"):
        assert "Kim Jong-un inspects" in read(site, f"tags/{tag}/index.html")
    vocabulary = yaml.safe_load((REPO / "briefs/tags.yml").read_text(encoding="utf-8"))
    published = [
        yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        for path in (REPO / "briefs").glob("????/??/*.md")
    ]
    used = {tag for brief in published if not brief.get("draft") for tag in brief["tags"]}
    assert used and set(vocabulary) - used  # both kinds, or the test proves nothing
    for slug in vocabulary:
        assert (site / f"tags/{slug}/index.html").is_file() == (slug in used), slug
    unused = article(site, "tags/index.html").partition('id="tags-not-used-yet"')[2]
    assert set(table_rows(unused).values()) == set(vocabulary) - used


def test_feeds_are_built_advertised_and_point_at_built_pages(site: Path) -> None:
    import feedparser

    for folder in ("", "tags/east-asia/"):
        for name in ("feed.xml", "atom.xml"):
            parsed = feedparser.parse(read(site, folder + name))
            assert not parsed.bozo
            for entry in parsed.entries:
                assert (site / entry.link.removeprefix(SITE_URL) / "index.html").is_file()
        json.loads(read(site, folder + "feed.json"))
    east_asia = feedparser.parse(read(site, "tags/east-asia/feed.xml"))
    assert [e.title for e in east_asia.entries] == [
        "<img src=x onerror=alert(1)> [click](javascript:alert(3))",
        "South Korea's exports rise for a third month on chip demand",
    ]
    assert "cruise missiles" not in read(site, "feed.xml")  # drafts stay out of feeds
    page = read(site, "tags/east-asia/index.html")
    assert 'Follow: <a href="feed.xml">RSS</a> · <a href="atom.xml">Atom</a>' in page
    assert (
        '<link rel="alternate feed" type="application/rss+xml" title="East Asia (RSS)" '
        'href="feed.xml">' in page
    )
    assert 'type="application/atom+xml" title="newsbrief (Atom)" href="../../atom.xml"' in page


def test_every_person_organisation_and_place_has_feeds_advertised_and_linked(
    site: Path,
) -> None:
    import feedparser

    for page, title in [
        ("people/yang-moo-jin/", "Yang Moo-jin"),
        ("places/south-korea/", "South Korea"),
        ("organizations/ministry-of-trade-industry-and-energy/", None),
        ("people/img-src-x-onerror-alert-8/", "<img src=x onerror=alert(8)>"),
    ]:
        for name in ("feed.xml", "atom.xml"):
            parsed = feedparser.parse(read(site, page + name))
            assert not parsed.bozo and parsed.entries, page + name
            assert parsed.feed.link == SITE_URL + page
            for entry in parsed.entries:
                assert (site / entry.link.removeprefix(SITE_URL) / "index.html").is_file()
            if title:
                assert parsed.feed.title == f"newsbrief: {title}"
        assert (
            json.loads(read(site, page + "feed.json"))["feed_url"] == SITE_URL + page + "feed.json"
        )
        html = read(site, page + "index.html")
        assert 'Follow: <a href="feed.xml">RSS</a> · <a href="atom.xml">Atom</a>' in html
        assert html.count('<link rel="alternate feed" type="application/rss+xml"') == 2
    yang = read(site, "people/yang-moo-jin/index.html")
    assert 'title="Yang Moo-jin (RSS)" href="feed.xml">' in yang
    evil = read(site, "people/img-src-x-onerror-alert-8/index.html")
    assert 'title="&lt;img src=x onerror=alert(8)&gt; (Atom)" href="atom.xml">' in evil
    assert feedparser.parse(read(site, "places/south-korea/feed.xml")).entries[0].title == (
        "South Korea's exports rise for a third month on chip demand"
    )


def test_feeds_page_lists_the_feeds_and_every_page_links_to_it(site: Path) -> None:
    page = article(site, "feeds/index.html")
    text = text_of(page)
    for name in ("Every brief", "Corrections", "East Asia", "Yang Moo-jin", "South Korea"):
        assert name in text
    assert "Russia–Ukraine war" not in text  # unused: no feeds
    assert '<a href="../tags/east-asia/feed.xml">RSS</a>' in page
    assert '<a href="../people/yang-moo-jin/atom.xml">Atom</a>' in page
    assert '<a href="../people/">All people (5), each with its feeds</a>' in page
    for html in site.rglob("*.html"):
        if html.name != "index.html" and html.name != "404.html":
            continue
        footer = read(site, str(html.relative_to(site))).partition('<footer class="md-footer">')[2]
        folder = html.parent.relative_to(site)
        relative = posixpath.relpath("feeds", folder.as_posix()) + "/"
        expected = "/feeds/" if html.name == "404.html" else relative
        assert f'<a href="{expected}">Feeds</a>' in footer, html


def test_opml_lists_every_feed_of_the_feeds_page_with_absolute_addresses(site: Path) -> None:
    import xml.etree.ElementTree as ET

    opml = ET.fromstring(read(site, "feeds/feeds.opml"))
    assert opml.tag == "opml" and opml.get("version") == "2.0"
    assert opml.findtext("head/title") == "newsbrief: feeds"
    groups = {group.get("text"): group for group in opml.findall("body/outline")}
    assert list(groups) == ["The archive", "Tags", "Stories", "People", "Organisations", "Places"]
    listed = [feed.attrib for feed in opml.iter("outline") if feed.get("xmlUrl")]
    feeds = {feed["htmlUrl"].removeprefix(SITE_URL): feed for feed in listed}
    assert feeds["tags/east-asia/"] == {
        "type": "rss",
        "text": "newsbrief: East Asia",
        "title": "newsbrief: East Asia",
        "xmlUrl": SITE_URL + "tags/east-asia/feed.xml",
        "htmlUrl": SITE_URL + "tags/east-asia/",
    }
    assert feeds[""]["xmlUrl"] == SITE_URL + "feed.xml"  # the whole archive's
    evil = feeds["people/img-src-x-onerror-alert-8/"]["title"]
    assert evil == "newsbrief: <img src=x onerror=alert(8)>"  # escaped in the file, read back
    assert "&lt;img src=x onerror=alert(8)&gt;" in read(site, "feeds/feeds.opml")
    for page, feed in feeds.items():
        assert (site / feed["xmlUrl"].removeprefix(SITE_URL)).is_file()
        assert (site / page / "index.html").is_file()
    assert len(listed) == len(feeds) == article(site, "feeds/index.html").count("Follow:")


def test_names_only_a_draft_lists_get_no_page_or_feeds_but_show_when_serving(
    tmp_path: Path,
) -> None:
    root = make_site(tmp_path, BRIEFS)
    draft = root / "briefs/2025/06/12-missiles.md"
    named = "people: [Only In Draft]\nplaces: [Draftplace]\ndraft: true\n"
    draft.write_text(draft.read_text(encoding="utf-8").replace("draft: true\n", named), "utf-8")
    built = build_site(root)
    assert not (built / "people/only-in-draft").exists()
    assert not (built / "places/draftplace").exists()
    assert "Only In Draft" not in read(built, "people/index.html") + read(built, "feeds/index.html")
    served = build_site(root, command="serve")
    assert "North Korea test-fires" in read(served, "people/only-in-draft/index.html")
    assert (served / "places/draftplace/feed.xml").is_file()


def test_feeds_without_site_url_stop_the_build_clearly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = make_site(tmp_path, {"2025/05/04-kim-tank-factory.md": "valid"})
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(re.sub(r"\nsite_url: .*\n", "\n", config), encoding="utf-8")
    assert build_error(root, caplog) == (
        "newsbrief: feeds need absolute addresses: set site_url in mkdocs.yml "
        "(or NEWSBRIEF_SITE_URL) to the address the site is published at"
    )


def test_file_addresses_are_refused_clearly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = make_site(tmp_path, {"2025/05/04-kim-tank-factory.md": "valid"})
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("use_directory_urls: false\n")
    assert build_error(root, caplog) == (
        "newsbrief: the archive's pages link to each other by folder (2025/05/04/slug/): "
        "remove use_directory_urls: false from mkdocs.yml"
    )


def test_corrections_page_is_in_the_navigation_and_says_when_there_are_none(site: Path) -> None:
    text = text_of(article(site, "corrections/index.html"))
    assert "0 corrections" in text and "No brief has been corrected." in text
    assert '<a href="corrections/" class="md-nav__link">' in read(site, "index.html")
    assert json.loads(read(site, "corrections/feed.json"))["items"] == []


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    briefs = {"2025/05/04-kim-tank-factory.md": "corrected", "2025/06/10-exports.md": "economy"}
    return build_site(make_site(tmp_path_factory.mktemp("corrected"), briefs))


def test_a_corrected_brief_shows_its_corrections_escaped(corrected_site: Path) -> None:
    content = article(corrected_site, KIM)
    text = text_of(content)
    assert (
        "Correction, 6 May 2025 An earlier version called the factory new; it was upgraded. "
        "Correction, 9 May 2025 <img src=x onerror=alert(1)> was not in the source & is gone. "
        "Synopsis North Korean leader" in unescape(text)
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in content
    assert not [a for a in attributes(read(corrected_site, KIM)) if a[1].startswith("on")]


def test_corrections_page_and_feeds_list_the_corrected_brief(corrected_site: Path) -> None:
    import feedparser

    page = article(corrected_site, "corrections/index.html")
    assert text_of(page).startswith("Corrections")
    assert "2 corrections" in text_of(page)
    assert page.index("9 May 2025") < page.index("6 May 2025")
    assert '<a href="../2025/05/04/kim-tank-factory/">' in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page
    corrections = feedparser.parse(read(corrected_site, "corrections/atom.xml"))
    (entry,) = corrections.entries
    assert entry.link == SITE_URL + "2025/05/04/kim-tank-factory/"
    everything = {e.link: e for e in feedparser.parse(read(corrected_site, "atom.xml")).entries}
    kim = everything[SITE_URL + "2025/05/04/kim-tank-factory/"]
    assert kim.published_parsed[:3] == (2025, 5, 4)
    assert kim.updated_parsed[:3] == (2025, 5, 9)


def test_brief_pages_show_their_last_commit_day_from_git_only(site: Path, tmp_path: Path) -> None:
    assert "Last changed" not in read(site, KIM)  # not a git repository: no date at all
    root = make_site(tmp_path, {"2025/05/04-kim-tank-factory.md": "valid"})
    git(root, "init", "-q")
    git(root, "add", "briefs/2025/05/04-kim-tank-factory.md")
    git(root, "commit", "-qm", "Kim", day="2025-05-06")
    assert "min read · Last changed 6 May 2025</p>" in article(build_site(root), KIM)


def test_archive_pages_and_neighbour_links(site: Path) -> None:
    index = text_of(article(site, "archive/index.html"))
    assert "Archive 2025 June 2025 (2) May 2025 (1)" in index  # newest first
    june = text_of(article(site, "archive/2025/06/index.html"))
    assert june.index("[click]") < june.index("South Korea's exports")
    assert "cruise missiles" not in june  # drafts stay out of the archive
    kim = text_of(article(site, KIM))
    assert "Next: South Korea's exports rise for a third month on chip demand →" in kim
    assert "Previous:" not in kim  # the oldest brief
    exports = article(site, "2025/06/10/exports/index.html")
    assert '← Previous: <a href="../../../05/04/kim-tank-factory/">' in exports


def test_entity_pages_list_their_briefs_and_experts_their_commentary(site: Path) -> None:
    yang = text_of(article(site, "people/yang-moo-jin/index.html"))
    assert "Commentary Conventional weaponry like artillery and missiles …" in yang
    assert "Kim Jong-un inspects an upgraded tank factory" in yang
    people = text_of(article(site, "people/index.html"))
    assert "Kim Jong-un 1" in people and "Yang Moo-jin 1" in people
    places = text_of(article(site, "places/south-korea/index.html"))
    assert "South Korea's exports rise" in places
    links = [v for tag, name, v in attributes(article(site, "2025/06/10/exports/index.html"))]
    assert "../../../../places/south-korea/" in links
    assert "../../../../organizations/ministry-of-trade-industry-and-energy/" in links


def test_names_in_any_script_have_pages_of_their_own(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Names in Cyrillic and Chinese get readable addresses, and two names that meet at
    one slug get a page each (the older brief's keeps the slug), and the build says so."""
    root = make_site(tmp_path, {"2025/05/04-kim-tank-factory.md": "valid"})
    brief = root / "briefs/2025/05/04-kim-tank-factory.md"
    named = "people: [Владимир Путин, 习近平, Сергей Лавров, Kim Jong Un]\nplaces: [Łódź, 北京]\n"
    brief.write_text(
        brief.read_text(encoding="utf-8").replace("quotes:\n", named + "quotes:\n", 1),
        encoding="utf-8",
    )
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.newsbrief"):
        site = build_site(root)
    for page, name in [
        ("people/vladimir-putin", "Владимир Путин"),
        ("people/xi-jin-ping", "习近平"),
        ("people/sergei-lavrov", "Сергей Лавров"),
        ("places/lodz", "Łódź"),
        ("places/bei-jing", "北京"),
        ("people/kim-jong-un", "Kim Jong Un"),
    ]:
        assert "<h1 id=" in (html := article(site, f"{page}/index.html"))
        assert text_of(html).startswith(name), page
    spelled_otherwise = [p.parent.name for p in site.glob("people/kim-jong-un-*/index.html")]
    assert len(spelled_otherwise) == 1  # "Kim Jong-un", the speaker
    assert text_of(article(site, f"people/{spelled_otherwise[0]}/index.html")).startswith(
        "Kim Jong-un"
    )
    links = [v for _, _, v in attributes(article(site, "2025/05/04/kim-tank-factory/index.html"))]
    assert "../../../../people/vladimir-putin/" in links and "../../../../places/bei-jing/" in links
    assert any(
        "2 names share the address /people/kim-jong-un/" in r.getMessage() for r in caplog.records
    )


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    """Crawl the whole built site: no broken link, anchor or asset reference."""
    assert broken_links(site) == []


def broken_links(site: Path) -> list[str]:
    """Every link, anchor or asset reference of the built ``site`` that leads nowhere."""
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            found = attributes(page.read_text(encoding="utf-8"))
            ids[page] = {value for _, name, value in found if name == "id"}
        return ids[page]

    broken = []
    for page in site.rglob("*.html"):
        for _, name, value in attributes(page.read_text(encoding="utf-8")):
            if name not in ("href", "src") or re.match(r"(https?:|mailto:|data:|//)", value):
                continue
            path, _, fragment = value.partition("#")
            base = site if path.startswith("/") else page.parent  # 404.html links from the root
            target = (base / path.lstrip("/")).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {value}")
            elif fragment and target.suffix == ".html" and fragment not in anchors(target):
                broken.append(f"{page.relative_to(site)}: {value} (no such anchor)")
    return broken


STORY = "north-korea-military-modernization"
MISSILES = "2025/06/12/missiles/index.html"


def follow_story(root: Path, brief: str, story: str) -> None:
    """Give the brief at ``briefs/<brief>`` a story, and publish it if it is a draft."""
    file = root / "briefs" / brief
    text = file.read_text(encoding="utf-8").replace("draft: true\n", "draft: false\n")
    tags = re.search(r"^tags: .*\n", text, re.MULTILINE)
    assert tags is not None
    file.write_text(text[: tags.end()] + f"story: {story}\n" + text[tags.end() :], "utf-8")


def make_story_site(root: Path) -> Path:
    """The fixture project of ``BRIEFS`` in which the tank factory and, a month later, the
    missiles (published) follow the military story; the exports brief follows none, and
    no brief follows the trade story."""
    make_site(root, BRIEFS)
    follow_story(root, "2025/05/04-kim-tank-factory.md", STORY)
    follow_story(root, "2025/06/12-missiles.md", STORY)
    return root


@pytest.fixture(scope="module")
def story_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(make_story_site(tmp_path_factory.mktemp("stories")))


def test_stories_index_lists_the_followed_stories(story_site: Path) -> None:
    text = text_of(article(story_site, "stories/index.html"))
    assert "North Korea's military modernisation 2 4 May 2025 – 12 June 2025" in unescape(text)
    assert "no page: Korean trade." in text
    assert '<a href="stories/" class="md-nav__link">' in read(story_site, "index.html")


def test_a_story_page_is_a_timeline_with_its_feeds(story_site: Path) -> None:
    import feedparser

    page = article(story_site, f"stories/{STORY}/index.html")
    assert page.index('datetime="2025-06-12"') < page.index('datetime="2025-05-04"')
    assert '<a href="../../2025/05/04/kim-tank-factory/">' in page
    assert '<a href="../../people/kim-jong-un/">Kim Jong-un</a>' in page
    assert "South Korea's exports" not in page
    head = read(story_site, f"stories/{STORY}/index.html")
    assert (
        '<link rel="alternate feed" type="application/rss+xml" '
        'title="North Korea&#x27;s military modernisation (RSS)" href="feed.xml">'
    ) in head
    feed = feedparser.parse(read(story_site, f"stories/{STORY}/atom.xml"))
    assert [entry.link for entry in feed.entries] == [
        SITE_URL + "2025/06/12/missiles/",
        SITE_URL + "2025/05/04/kim-tank-factory/",
    ]


def test_a_story_no_brief_follows_has_no_page_nor_sitemap_entry(story_site: Path) -> None:
    assert not (story_site / "stories/korean-trade").exists()
    sitemap = read(story_site, "sitemap.xml")
    assert f"{SITE_URL}stories/{STORY}/" in sitemap and "korean-trade" not in sitemap


def test_a_brief_page_shows_its_neighbours_in_its_story(story_site: Path) -> None:
    text = unescape(text_of(article(story_site, KIM)))
    assert (
        "In the story North Korea's military modernisation · brief 1 of 2 "
        "After: North Korea test-fires cruise missiles , 12 June 2025"
    ) in text
    missiles = unescape(text_of(article(story_site, MISSILES)))
    assert "brief 2 of 2 Before: Kim Jong-un inspects an upgraded tank factory , 4 May 2025" in (
        missiles
    )
    assert "In the story" not in text_of(article(story_site, "2025/06/10/exports/index.html"))


def test_every_link_of_a_site_with_stories_resolves(story_site: Path) -> None:
    assert broken_links(story_site) == []


def test_brief_pages_carry_reading_time_and_opengraph_meta(site: Path) -> None:
    assert "citing Yonhap and KCNA · 1 min read" in text_of(article(site, KIM))
    head = read(site, KIM)
    for meta in (
        '<meta property="og:type" content="article">',
        '<meta property="og:title" content="Kim Jong-un inspects an upgraded tank factory">',
        '<meta property="article:published_time" content="2025-05-04">',
        f'<meta property="og:url" content="{SITE_URL}2025/05/04/kim-tank-factory/">',
        '<meta name="twitter:card" content="summary">',
    ):
        assert meta in head
    evil = read(site, "2025/06/11/markup/index.html")
    assert 'content="&lt;img src=x onerror=alert(1)&gt; [click](javascript:alert(3))"' in evil


def test_only_pages_written_in_markdown_go_through_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Brief, tag, archive and entity pages outside the navigation are written as HTML;
    MkDocs' Markdown step, costly even for an empty text, is skipped for them."""
    converted = []
    markdown_step = MkDocsPage.render

    def render(page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
        converted.append(page.file.src_uri)
        markdown_step(page, config, files)

    monkeypatch.setattr(MkDocsPage, "render", render)
    root = make_site(tmp_path, BRIEFS)
    set_plugin_options(root, parallel=False)
    build_site(root)
    # the docs pages, and the generated pages in the navigation (MkDocs makes those)
    assert sorted(converted) == sorted({"index.md", "about.md", SCHEMA_REFERENCE, *NAV_PAGES})


def test_what_a_build_makes_of_its_archive_and_pages_is_out_of_the_collectors_way(
    tmp_path: Path,
) -> None:
    """The archive, and the list of the pages and files made from it, live as long as the
    build: frozen, the collector never goes through them (nor writes into the memory the
    build's forked processes share)."""
    root = make_site(tmp_path, BRIEFS)
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["newsbrief"]
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
        collected = {id(found) for found in gc.get_objects()}  # all but the frozen
        assert plugin.generated and plugin.archive.entries
        assert id(plugin.generated) not in collected  # made in on_files
        assert id(plugin.archive.entries) not in collected  # made in on_config
        assert id(plugin.archive.entries[0].brief.quotes) not in collected
    finally:
        config.plugins.on_shutdown()
        gc.unfreeze()


def test_a_build_collects_garbage_less_often_and_as_before_once_done(tmp_path: Path) -> None:
    root = make_site(tmp_path, BRIEFS)
    config = load_config(str(root / "mkdocs.yml"))
    before = gc.get_threshold()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
        assert gc.get_threshold() == collector.BUILD_THRESHOLDS
    finally:
        config.plugins.on_shutdown()
    assert gc.get_threshold() == before
    assert (root / "site/index.html").is_file()
