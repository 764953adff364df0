"""The built site in a real browser: Debian's headless Chromium driven by Playwright,
the site served by Python's plain file server on 127.0.0.1.

`make test` installs Chromium with apt-get where it is missing, so these tests never
skip: without a browser they fail.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from browsing import served
from tests.mkdocs_adapter.test_plugin import BRIEFS, SITE_URL, STORY, build_site, make_story_site

from .conftest import REPO, make_site, set_plugin_options

SCREENSHOTS = REPO / "build/screenshots"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site, built and served by a plain file server on loopback."""
    site = build_site(make_site(tmp_path_factory.mktemp("browser"), BRIEFS))
    with served(site) as server:
        yield server.address


@pytest.fixture(scope="module")
def story_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site with two briefs of a story, built and served like ``base_url``."""
    site = build_site(make_story_site(tmp_path_factory.mktemp("browser-stories")))
    with served(site) as server:
        yield server.address


@pytest.fixture(scope="module")
def volumes_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site with its briefs indexed in volumes of one month (May's tank
    factory; June's exports and markup), a search covering June's first."""
    root = make_site(tmp_path_factory.mktemp("browser-volumes"), BRIEFS)
    set_plugin_options(root, search_volume_briefs=1, search_first_briefs=1)
    with served(build_site(root)) as server:
        yield server.address


class Watched:
    """A page, with every host it requested, console error and dialog it raised."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.hosts: set[str] = set()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.hosts.add(urlparse(request.url).netloc))
        page.on("response", lambda r: r.status >= 400 and self.errors.append(f"{r.status} {r.url}"))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def watched(browser: Browser, base_url: str) -> Iterator[Watched]:
    yield from watched_on(browser, base_url)


@pytest.fixture
def watched_volumes(browser: Browser, volumes_url: str) -> Iterator[Watched]:
    yield from watched_on(browser, volumes_url)


def watched_on(browser: Browser, site_url: str) -> Iterator[Watched]:
    """A page that must raise no error and ask no host but the site's."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = Watched(context.new_page())
    yield page
    assert page.errors == []
    assert page.hosts <= {urlparse(site_url).netloc}, page.hosts
    context.close()


def heading(page: Page) -> str:
    """The page's h1 without its permalink mark."""
    return page.locator("article h1").evaluate("el => el.childNodes[0].textContent")


def test_brief_page_reads_right_and_chips_lead_on(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "2025/05/04/kim-tank-factory/")
    assert heading(page) == "Kim Jong-un inspects an upgraded tank factory"
    expert = page.locator(".nb-quotes--expert")
    assert "Yang Moo-jin" in expert.inner_text() and expert.is_visible()
    border = "el => getComputedStyle(el).borderLeftColor"
    principal_color = page.locator(".nb-quotes--principal").evaluate(border)
    assert principal_color != expert.evaluate(border)
    page.get_by_role("link", name="North Korea", exact=True).first.click()
    page.wait_for_url("**/tags/north-korea/")
    assert heading(page) == "North Korea"
    page.goto(base_url + "2025/06/10/exports/")
    page.get_by_role("link", name="East Asia", exact=True).first.click()
    page.wait_for_url("**/tags/east-asia/")
    page.get_by_role(
        "link", name="<img src=x onerror=alert(1)> [click](javascript:alert(3))"
    ).click()
    page.wait_for_url("**/2025/06/11/markup/")  # on to another brief with that tag


@pytest.mark.parametrize(
    "query", ["Yang Moo-jin", "inspected an upgraded tank factory"], ids=["expert", "takeaway"]
)
def test_search_finds_the_brief_and_opens_it(watched: Watched, base_url: str, query: str) -> None:
    page = watched.page
    page.goto(base_url)
    search(page, query)
    result = page.locator(".md-search-result__item", has_text="upgraded tank factory").first
    result.wait_for(timeout=15_000)
    result.locator("a").first.click()
    page.wait_for_url("**/2025/05/04/kim-tank-factory/**")


def search(page: Page, query: str) -> None:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)


def test_a_brief_result_shows_its_synopsis_with_the_query_marked(
    watched: Watched, base_url: str
) -> None:
    page = watched.page
    page.goto(base_url)
    search(page, "inspected")
    result = page.locator(".md-search-result__item", has_text="upgraded tank factory").first
    result.wait_for(timeout=15_000)
    synopsis = result.locator("article p")
    assert synopsis.inner_text() == "North Korean leader Kim Jong-un inspected a tank factory."
    assert synopsis.locator("mark").all_inner_texts() == ["inspected"]


def test_a_word_only_in_the_body_finds_the_brief(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url)
    search(page, "toured")  # "Kim toured a tank plant …", in no field of the brief
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=15_000)
    assert result.locator("article h1").inner_text() == (
        "Kim Jong-un inspects an upgraded tank factory"
    )
    assert result.locator("article p").inner_text() == (
        "North Korean leader Kim Jong-un inspected a tank factory."
    )


def test_search_fetches_only_pagefind_chunks(watched: Watched, base_url: str) -> None:
    """The query is answered from Pagefind's index, not from Material's whole-site JSON."""
    page = watched.page
    fetched: dict[str, int] = {}
    page.on("requestfinished", lambda r: fetched.update({r.url: r.sizes()["responseBodySize"]}))
    page.goto(base_url)
    search(page, "tank")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"Top \d+ matches"))
    for _ in range(50):  # "requestfinished" may come after the results are shown
        if all(any(part in url for url in fetched) for part in ("/index/", "/fragment/")):
            break
        page.wait_for_timeout(100)
    # the chunk of the main index and of the briefs' one volume; the brief's fragment
    assert any("/pagefind/index/" in url for url in fetched), fetched
    assert any("/pagefind/volumes/2025-05/index/" in url for url in fetched), fetched
    assert any("/pagefind/volumes/2025-05/fragment/" in url for url in fetched), fetched
    material_index = [size for url, size in fetched.items() if "search_index.json" in url]
    assert material_index and max(material_index) < 1000  # every page is excluded from it


def test_search_shows_markup_in_a_result_as_text(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url)
    search(page, "synopsis stars")
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=15_000)
    assert result.locator("h1").inner_text() == (
        "<img src=x onerror=alert(1)> [click](javascript:alert(3))"
    )
    assert "<script>alert(4)</script>" in result.inner_text()
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
    assert watched.dialogs == []


def test_archive_and_entity_pages_lead_to_briefs(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "archive/")
    page.get_by_role("link", name="June 2025").click()
    page.get_by_role(
        "link", name="South Korea's exports rise for a third month on chip demand"
    ).click()
    page.get_by_role("link", name="South Korea", exact=True).last.click()
    page.wait_for_url("**/places/south-korea/")


def fetch_link(page: Page, link: Locator) -> bytes:
    """What a feed reader given the link's address gets (the browser opening a feed
    shows no page: Chromium then asks for a /favicon.ico the site does not have)."""
    response = page.request.get(link.evaluate("link => link.href"))
    assert response.ok, response.url
    return response.body()


def test_a_reader_follows_a_person_from_the_feed_link_on_the_page(
    watched: Watched, base_url: str
) -> None:
    page = watched.page
    page.goto(base_url + "people/")
    page.get_by_role("link", name="Yang Moo-jin", exact=True).click()
    page.wait_for_url(base_url + "people/yang-moo-jin/")
    advertised = page.locator("head link[rel='alternate feed'][title^='Yang Moo-jin']")
    assert advertised.count() == 3
    rss = page.locator("article").get_by_role("link", name="RSS", exact=True)
    feed = ET.fromstring(fetch_link(page, rss))
    assert feed.findtext("channel/title") == "newsbrief: Yang Moo-jin"
    entry = feed.findtext("channel/item/link") or ""
    page.goto(base_url + entry.removeprefix(SITE_URL))  # the feed's address is the site_url's
    assert heading(page) == "Kim Jong-un inspects an upgraded tank factory"


def test_the_footer_leads_to_the_feeds_page_and_its_opml(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "tags/north-korea/")
    page.locator("footer").get_by_role("link", name="Feeds", exact=True).click()
    page.wait_for_url(base_url + "feeds/")
    assert heading(page) == "Feeds"
    opml = ET.fromstring(fetch_link(page, page.get_by_role("link", name="OPML file")))
    feeds = [outline.get("xmlUrl") for outline in opml.iter("outline")]
    assert SITE_URL + "people/yang-moo-jin/feed.xml" in feeds
    archive = ET.fromstring(fetch_link(page, page.get_by_role("link", name="RSS").first))
    assert archive.findtext("channel/title") == "newsbrief"
    page.get_by_role("link", name="All people (5), each with its feeds").click()
    page.wait_for_url(base_url + "people/")


INJECTED = "iframe, [onerror], [onload], [onclick], [ontoggle], [srcdoc], article img"
SHOWN_AS_TEXT = (
    "<script>alert(2)</script>",
    "<b>Wire</b>",
    "<svg onload=alert(5)>",
    "<img src=x onerror=alert(11)>",
    "<details open ontoggle=alert(12)>",
    "<script>alert(14)</script>",
    '<iframe src="https://example.org/"></iframe>',
)


def links(page: Page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("links => links.map(link => link.href)")


def test_markup_in_front_matter_shows_as_text_and_runs_nothing(watched: Watched, base_url: str):
    """A payload in every text field of a brief: on its page, and on every page that lists
    or names it (home, tag, archive month, entity pages), nothing is made of it."""
    page = watched.page
    page.goto(base_url + "2025/06/11/markup/")
    text = "<img src=x onerror=alert(1)> [click](javascript:alert(3))"
    assert heading(page) == text
    assert page.title().startswith("<img src=x onerror=alert(1)>")
    article = page.locator("article").inner_text()
    assert [shown for shown in SHOWN_AS_TEXT if shown not in article] == []
    named = links(page, "article a[href*='/organizations/'], article a[href*='/places/']")
    page.goto(base_url + "people/")
    people = links(page, "article td a")
    assert len(named) == 2 and len(people) >= 3  # the person named and both speakers
    for url in [base_url, base_url + "tags/east-asia/", base_url + "archive/2025/06/"]:
        page.goto(url)
        assert page.locator(INJECTED).count() == 0, url
    for url in [*named, *people]:
        page.goto(url)
        assert page.locator(INJECTED).count() == 0, url
    page.wait_for_timeout(300)  # an onload or ontoggle would have fired by now
    assert watched.dialogs == []


def test_phone_screenshots(browser: Browser, base_url: str) -> None:
    """A 375 px wide phone renders each kind of page without horizontal scrolling."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2)
    page = context.new_page()
    for name, path in (
        ("home", ""),
        ("brief", "2025/05/04/kim-tank-factory/"),
        ("tag", "tags/north-korea/"),
        ("archive", "archive/2025/06/"),
        ("feeds", "feeds/"),
    ):
        page.goto(base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{name} page is {width} px wide"
        page.screenshot(path=SCREENSHOTS / f"phone-{name}.png", full_page=True)
        assert (SCREENSHOTS / f"phone-{name}.png").stat().st_size > 10_000
    context.close()


AXE = REPO / "node_modules/axe-core/axe.min.js"  # installed from package.json by `make test`


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it stands."""
    assert AXE.exists(), "no axe-core: run `make test`, which installs it with npm"
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run()).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return list(found)


@pytest.mark.parametrize(
    "path",
    [
        "",
        "2025/05/04/kim-tank-factory/",
        "tags/north-korea/",
        "archive/2025/06/",
        "people/",
        "people/yang-moo-jin/",
        "feeds/",
    ],
    ids=["home", "brief", "tag", "archive", "people", "person", "feeds"],
)
def test_no_serious_accessibility_violation(watched: Watched, base_url: str, path: str) -> None:
    watched.page.goto(base_url + path)
    assert serious_violations(watched.page) == []


def test_from_a_brief_to_its_story_and_along_its_timeline(browser: Browser, story_url: str) -> None:
    """A reader follows the story from the older brief, reads its timeline, goes on to the
    newer brief and back again with the links of its place in the story."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(story_url + "2025/05/04/kim-tank-factory/")
    place = page.locator("#in-the-story + p")
    assert place.inner_text() == "North Korea's military modernisation · brief 1 of 2"
    place.get_by_role("link").click()
    page.wait_for_url(f"**/stories/{STORY}/")
    assert heading(page) == "North Korea's military modernisation"
    dates = page.locator(".nb-timeline time").all_inner_texts()
    assert dates == ["12 June 2025", "4 May 2025"]  # newest first
    assert page.locator("link[rel='alternate feed'][href='feed.xml']").count() == 1
    page.locator(".nb-timeline").get_by_role("link", name="North Korea test-fires").click()
    page.wait_for_url("**/2025/06/12/missiles/")
    page.get_by_role("link", name="Kim Jong-un inspects an upgraded tank factory").first.click()
    page.wait_for_url("**/2025/05/04/kim-tank-factory/")
    page.goto(story_url + "stories/")
    page.get_by_role("link", name="North Korea's military modernisation").last.click()
    page.wait_for_url(f"**/stories/{STORY}/")
    assert watched.errors == [] and watched.hosts <= {urlparse(story_url).netloc}
    context.close()


@pytest.mark.parametrize("path", ["stories/", f"stories/{STORY}/"], ids=["index", "story"])
def test_story_pages_have_no_serious_accessibility_violation_and_fit_a_phone(
    browser: Browser, story_url: str, path: str
) -> None:
    for viewport in ({"width": 1280, "height": 900}, {"width": 375, "height": 812}):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(story_url + path)
        assert serious_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        context.close()


def test_search_results_have_no_serious_accessibility_violation(watched: Watched, base_url: str):
    page = watched.page
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Yang", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert serious_violations(page) == []


def test_materials_script_waits_for_the_first_paint(watched: Watched, base_url: str) -> None:
    """Material's script is fetched once the page's content is painted, not beside the
    stylesheets (as a plain ``<script>`` is, then holding up the first paint), and the
    page still gets it: the search box works."""
    page = watched.page
    page.goto(base_url)
    page.wait_for_function(  # the script's entry, once the browser has asked for it
        """() => performance.getEntriesByType("resource")
            .some(entry => entry.name.includes("/javascripts/bundle."))"""
    )
    stylesheets_in, painted, script_asked = page.evaluate(
        """() => {
            const fetched = performance.getEntriesByType("resource");
            const styles = fetched.filter(entry => entry.initiatorType === "link");
            const script = fetched.find(entry => entry.name.includes("/javascripts/bundle."));
            const paint = performance.getEntriesByName("first-contentful-paint")[0];
            return [Math.max(...styles.map(e => e.responseEnd)), paint.startTime, script.startTime];
        }"""
    )
    assert stylesheets_in < painted < script_asked
    search(page, "tank")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)


# The search page, /search/: results narrowed by filters, kept in the address, by
# keyboard and on a phone.

KIM = "Kim Jong-un inspects an upgraded tank factory"
EXPORTS = "South Korea's exports rise for a third month on chip demand"


def results(page: Page) -> list[str]:
    """The titles of the results shown, once the count is announced and the search has
    drawn them and its filters' counts (the region is no longer busy)."""
    expect(page.locator("#nb-search-status")).to_contain_text("result", timeout=15_000)
    expect(page.locator(".nb-search")).not_to_have_attribute("aria-busy", "true")
    return page.locator("#nb-search-results h2").all_inner_texts()


def choice(page: Page, filter_name: str, value: str):
    return page.locator(f"fieldset[data-filter='{filter_name}'] input[value='{value}']")


def address(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_a_filter_narrows_the_results_and_goes_into_the_address(watched: Watched, base_url):
    page = watched.page
    page.goto(base_url + "search/?query=Korea")
    assert KIM in results(page) and EXPORTS in results(page)
    military = choice(page, "tag", "Military")
    expect(military.locator("xpath=..")).to_have_text("Military (1)")
    expect(choice(page, "tag", "East Asia").locator("xpath=..")).to_have_text("East Asia (1)")
    military.check()
    expect(page.locator("#nb-search-status")).to_have_text(
        "1 result for “Korea”, narrowed to Military."
    )
    expect(page.locator("fieldset[data-filter='source'] label")).to_have_text(["NationPress (1)"])
    assert results(page) == [KIM]
    assert page.locator("#nb-search-results p.nb-byline").inner_text() == (
        "4 May 2025 · Seoul · NationPress"
    )
    assert address(page) == {"query": ["Korea"], "tag": ["Military"]}
    page.go_back()  # the filter was a step of its own in the history
    expect(page.locator("#nb-search-status")).to_have_text("6 results for “Korea”.")
    assert not choice(page, "tag", "Military").is_checked()


def test_a_shared_address_restores_the_query_and_filters(watched: Watched, base_url):
    page = watched.page
    page.goto(base_url + "search/?query=tank&tag=Military&person=Kim+Jong-un&year=2025")
    assert results(page) == [KIM]
    assert page.locator("#nb-search-query").input_value() == "tank"
    for name, value in (("tag", "Military"), ("person", "Kim Jong-un"), ("year", "2025")):
        expect(choice(page, name, value)).to_be_checked()
    expect(page.locator("#nb-search-status")).to_have_text(
        "1 result for “tank”, narrowed to Military, 2025, Kim Jong-un."
    )
    # Material's own search box, which opens for ?q=, stays shut
    assert not page.locator("#__search").is_checked()
    assert address(page)["query"] == ["tank"]
    page.goto(base_url + "search/?query=Korea&source=Fixture+Wire")
    assert results(page) == [EXPORTS]


def test_filters_alone_list_their_briefs_and_markup_stays_text(watched: Watched, base_url):
    page = watched.page
    page.goto(base_url + "search/?tag=East+Asia")
    titles = results(page)
    assert sorted(titles) == sorted(
        [EXPORTS, "<img src=x onerror=alert(1)> [click](javascript:alert(3))"]
    )
    people = page.locator("fieldset[data-filter='person'] label").all_inner_texts()
    assert "<img src=x onerror=alert(8)> (1)" in people
    assert page.locator(".nb-search img, .nb-search script, .nb-search svg").count() == 0
    page.wait_for_timeout(300)
    assert watched.dialogs == []


def test_the_search_page_works_by_keyboard_alone(watched: Watched, base_url):
    page = watched.page
    page.goto(base_url + "search/")
    tab_to(page, "#nb-search-query")
    page.keyboard.type("Korea")
    page.keyboard.press("Enter")
    assert KIM in results(page)
    tab_to(page, "fieldset[data-filter='tag'] input[value='Military']")
    page.keyboard.press("Space")
    expect(page.locator("#nb-search-status")).to_contain_text("narrowed to Military")
    assert results(page) == [KIM]
    expect(choice(page, "tag", "Military")).to_be_focused()  # redrawn, the place is kept
    tab_to(page, "#nb-search-results a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/2025/05/04/kim-tank-factory/")


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the element at ``selector`` has the focus (at most 40 times)."""
    target = page.locator(selector).first
    target.wait_for(state="attached", timeout=15_000)
    for _ in range(40):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_tag_page_opens_a_search_narrowed_to_its_tag(watched: Watched, base_url):
    page = watched.page
    page.goto(base_url + "tags/military/")
    page.get_by_label("Search the briefs tagged Military").fill("Korea")
    page.get_by_label("Search the briefs tagged Military").press("Enter")
    page.wait_for_url("**/search/?query=Korea&tag=Military")
    assert results(page) == [KIM]
    expect(choice(page, "tag", "Military")).to_be_checked()
    page.goto(base_url + "people/yang-moo-jin/")
    page.locator("form.nb-search-here button").click()  # no words: all his briefs
    assert results(page) == [KIM]
    assert address(page) == {"person": ["Yang Moo-jin"]}


def test_the_search_page_on_a_phone(browser: Browser, base_url):
    context = browser.new_context(
        viewport={"width": 393, "height": 851},
        device_scale_factor=2.75,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.goto(base_url + "search/?query=Korea")
    assert KIM in results(page)
    choice(page, "tag", "Economy").tap()
    expect(page.locator("#nb-search-status")).to_contain_text("narrowed to Economy")
    assert results(page) == [EXPORTS]
    expect(page.locator("fieldset[data-filter='person']")).to_be_hidden()  # none to choose
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 393, f"the search page is {width} px wide"
    filters = page.locator(".nb-search__filters").bounding_box()
    found = page.locator("#nb-search-results").bounding_box()
    assert filters and found and found["y"] < filters["y"]  # one column: results, then filters
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "phone-search.png", full_page=True)
    context.close()


def test_without_javascript_the_page_says_search_needs_it(browser: Browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "search/?query=Korea")
    expect(page.get_by_text("Search needs JavaScript")).to_be_visible()
    context.close()


def test_with_javascript_the_page_does_not_say_it_needs_it(watched: Watched, base_url):
    page = watched.page
    page.goto(base_url + "search/")
    expect(page.locator("#nb-search-status")).to_contain_text("Type words")
    expect(page.get_by_text("Search needs JavaScript")).to_be_hidden()


def test_the_search_runs_in_a_worker_off_the_page_s_thread(watched: Watched, base_url):
    """Pagefind's index is read and searched by the page's worker, never by the page
    itself, which spends its thread drawing (it only prefetches the index's first files
    for the worker)."""
    page = watched.page
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.goto(base_url + "search/?query=Korea")
    assert KIM in results(page)
    assert any(url.endswith("/newsbrief-search-page-worker.js") for url in workers)
    # what a page fetches itself is in its own resource timeline; a worker's is in its own
    fetched = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert any(url.endswith("/newsbrief-search-page.js") for url in fetched)
    searched = (".pf_index", ".pf_fragment", ".pf_filter", "pagefind-entry.json")
    assert not [url for url in fetched if any(kind in url for kind in searched)]


def test_a_search_that_cannot_load_its_index_says_so(browser: Browser, base_url):
    context = browser.new_context()
    context.route("**/pagefind/pagefind-entry.json*", lambda route: route.fulfill(status=404))
    page = context.new_page()
    page.goto(base_url + "search/?query=Korea")
    expect(page.locator("#nb-search-status")).to_contain_text("The search failed")
    expect(page.locator(".nb-search")).not_to_have_attribute("aria-busy", "true")
    context.close()


def test_search_page_has_no_serious_accessibility_violation(watched: Watched, base_url):
    page = watched.page
    page.goto(base_url + "search/?query=Korea&tag=Military")
    assert results(page) == [KIM]
    assert serious_violations(page) == []
    assert re.search(r"\bSearch\b", page.title())


def test_a_large_archive_s_filters_load_when_the_reader_asks(watched: Watched, base_url):
    """Past FILTERS_OPEN_UP_TO briefs the page has no data-filters-open (here taken out
    of the fixture's page): the first query downloads no filter, and a filter chosen in
    the address downloads only the share holding its value."""
    page = watched.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))

    def without_open_filters(route) -> None:
        html = route.fetch().text().replace(" data-filters-open", "")
        route.fulfill(body=html, content_type="text/html")

    page.route(re.compile(r".*/search/(\?.*)?$"), without_open_filters)
    page.goto(base_url + "search/?query=Korea")
    assert KIM in results(page)
    assert [url for url in fetched if "/filter/" in url] == []
    expect(page.locator("fieldset[data-filter='tag'] label")).to_have_count(0)
    show = page.get_by_role("button", name="Show every tag")
    show.focus()
    page.keyboard.press("Enter")
    tags = page.locator("fieldset[data-filter='tag'] label")
    expect(tags).to_have_text(
        ["East Asia (1)", "Economy (1)", "Military (1)", "North Korea (1)", "South Korea (1)"]
    )
    expect(tags.first.locator("input")).to_be_focused()  # on to the values just shown
    assert any("/pagefind/volumes/2025-05/filter/" in url for url in fetched)
    expect(show).to_be_hidden()
    page.goto(base_url + "search/?query=Korea&tag=Military")
    assert results(page) == [KIM]
    expect(page.locator("fieldset[data-filter='tag'] label")).to_have_text(["Military (1)"])


def test_a_search_covers_the_newest_volumes_until_the_reader_asks_for_every_year(
    watched_volumes: Watched, volumes_url: str
) -> None:
    """The first search leaves May's volume out and says so; "Search every year" brings
    it in and goes into the address; back, the search covers June's again."""
    page = watched_volumes.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(volumes_url + "search/?query=crucial")  # in the tank factory brief alone
    assert results(page) == []
    expect(page.locator("#nb-search-status")).to_have_text(
        "No results for “crucial”, among the briefs since June 2025."
    )
    assert not [url for url in fetched if "/volumes/2025-05/" in url]  # not even its entry
    every = page.get_by_label("Search every year, back to May 2025")
    every.check()
    assert results(page) == [KIM]
    expect(page.locator("#nb-search-status")).to_have_text("1 result for “crucial”.")
    assert address(page) == {"query": ["crucial"], "years": ["all"]}
    page.go_back()
    expect(page.locator("#nb-search-status")).to_have_text(
        "No results for “crucial”, among the briefs since June 2025."
    )
    assert not every.is_checked()


def test_a_year_chosen_brings_in_that_year_s_volumes(watched_volumes: Watched, volumes_url):
    page = watched_volumes.page
    page.goto(volumes_url + "search/?query=tank&year=2025")
    assert results(page) == [KIM]
    expect(page.locator("#nb-search-status")).to_have_text("1 result for “tank”, narrowed to 2025.")


def test_the_search_box_leads_to_every_year_on_the_search_page(
    watched_volumes: Watched, volumes_url: str
) -> None:
    page = watched_volumes.page
    page.goto(volumes_url)
    search(page, "Korea")
    last = page.locator(".md-search-result__item").last
    expect(last).to_contain_text("Search every year for “Korea”", timeout=15_000)
    expect(last).to_contain_text(
        "This box searches the briefs since June 2025; the search page goes back to May 2025."
    )
    titles = page.locator(".md-search-result__item article h1").all_inner_texts()
    assert EXPORTS in titles and KIM not in titles
    last.locator("a").first.click()
    page.wait_for_url("**/search/?query=Korea&years=all**")
    assert KIM in results(page) and EXPORTS in results(page)


def test_an_index_without_the_word_adds_no_result_of_a_shorter_one(
    watched_volumes: Watched, volumes_url: str
) -> None:
    """Pagefind answers a word it lacks by a word it has that begins it ("army" by "a"):
    June's volume and the main index lack "army", which May's tank factory has, so they
    add nothing rather than their pages with "a"."""
    page = watched_volumes.page
    page.goto(volumes_url + "search/?query=army&years=all")
    assert results(page) == [KIM]


def test_the_search_box_leaves_out_an_index_without_the_word(watched: Watched, base_url: str):
    page = watched.page
    page.goto(base_url)
    search(page, "army")  # the tank factory's; the main index has pages with "a"
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("^1 match"))
    assert page.locator(".md-search-result__item article h1").all_inner_texts() == [KIM]
