"""What readers follow, walked in a real browser on two real archives: the repository's
own site and a synthetic archive of a few hundred briefs (benchmarks/synthetic.py).

The fixture sites of ``test_site_in_browser`` are made to show each case; these two
show that the same journeys hold on the archive the project publishes and on one with
hundreds of tags, names and stories: the tag index leads only to tags with briefs, a
brief leads to its story and back, a person's feed carries the briefs naming them, the
footer leads to every feed, and a search narrowed to a tag or a person finds only
their briefs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, Page, expect

import synthetic
from browsing import served
from newsbrief.archive.addresses import page_url, story_uri, tag_uri
from newsbrief.archive.collection import Archive, load_archive
from tests.mkdocs_adapter.test_plugin import build_site
from tests.test_site_in_browser import (
    Watched,
    fetch_link,
    heading,
    results,
    serious_violations,
)

from .conftest import REPO

SYNTHETIC_BRIEFS = 240


@dataclass
class Built:
    """A built archive served on loopback, with the briefs it was built from."""

    address: str
    archive: Archive
    site_url: str

    def url(self, uri: str) -> str:
        return self.address + page_url(uri)


def _repository(folder: Path) -> tuple[Path, Path]:
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(folder / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return REPO, folder / "site"


def _synthetic(folder: Path) -> tuple[Path, Path]:
    root = folder / "project"
    synthetic.make_project(root, SYNTHETIC_BRIEFS)
    return root, build_site(root)


@pytest.fixture(scope="module", params=["repository", "synthetic"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    make = _repository if request.param == "repository" else _synthetic
    root, site = make(tmp_path_factory.mktemp(request.param))
    archive = load_archive(root).published(include_drafts=False)
    site_url = load_config(str(root / "mkdocs.yml")).site_url or ""
    with served(site) as server:
        yield Built(server.address, archive, site_url)


@pytest.fixture
def page(browser: Browser, built: Built) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    yield watched.page
    assert watched.errors == [], watched.errors
    assert watched.hosts <= {urlparse(built.address).netloc}  # nothing from another host
    context.close()


def test_the_tag_index_leads_only_to_tags_with_briefs(page: Page, built: Built) -> None:
    page.goto(built.url("tags/index.md"))
    used = page.locator("article table a")  # the unused tags' table links nowhere
    in_use = built.archive.tags_in_use()
    assert used.count() == len(in_use) > 0
    for href in used.evaluate_all("links => links.map(link => link.href)")[:12]:
        page.goto(href)
        assert page.locator("article ul.nb-briefs > li").count() >= 1, href
    page.goto(built.url("tags/index.md"))
    unused = page.locator("#tags-not-used-yet ~ table")
    assert unused.count() == 1 and unused.locator("a").count() == 0


def test_a_brief_leads_to_its_story_and_the_story_back(page: Page, built: Built) -> None:
    slug, entries = max(built.archive.by_story().items(), key=lambda item: len(item[1]))
    title = built.archive.vocabulary.stories[slug].title
    newest = entries[0]
    page.goto(built.url(newest.src_uri))
    place = page.locator("#in-the-story + p")
    expect(place).to_have_text(f"{title} · brief {len(entries)} of {len(entries)}")
    place.get_by_role("link").click()
    page.wait_for_url(built.url(story_uri(slug)))
    assert heading(page) == title
    timeline = page.locator(".nb-timeline > li")
    assert timeline.count() == min(len(entries), 100)
    timeline.first.get_by_role("link", name=newest.brief.title, exact=True).click()
    page.wait_for_url(built.url(newest.src_uri))
    assert serious_violations(page) == []


def test_a_person_s_feed_carries_the_briefs_naming_them(page: Page, built: Built) -> None:
    counts = Counter(name for entry in built.archive.entries for name in entry.brief.people)
    person, _ = counts.most_common(1)[0]
    page.goto(built.url(built.archive.entity_addresses().uri("people", person)))
    assert heading(page) == person
    advertised = page.locator(f"head link[rel='alternate feed'][title^='{person}']")
    assert advertised.count() == 3
    rss = page.locator("article .nb-byline").get_by_role("link", name="RSS", exact=True)
    channel = ET.fromstring(fetch_link(page, rss)).find("channel")
    assert channel is not None and channel.findtext("title", "").endswith(f": {person}")
    naming = {
        built.site_url + page_url(entry.src_uri)
        for entry in built.archive.entries
        if person in entry.brief.named()["people"]
    }
    items = [item.findtext("link") for item in channel.iter("item")]
    assert items and set(items) <= naming


def test_the_footer_leads_to_every_feed(page: Page, built: Built) -> None:
    page.goto(built.address)
    page.locator("footer").get_by_role("link", name="Feeds", exact=True).click()
    page.wait_for_url(built.address + "feeds/")
    opml = ET.fromstring(fetch_link(page, page.get_by_role("link", name="OPML file")))
    feeds = {outline.get("xmlUrl") for outline in opml.iter("outline")} - {None}
    for slug in built.archive.tags_in_use():
        assert built.site_url + page_url(tag_uri(slug)) + "feed.xml" in feeds, slug
    for slug in built.archive.by_story():
        assert built.site_url + page_url(story_uri(slug)) + "feed.xml" in feeds, slug
    assert serious_violations(page) == []


def test_a_search_narrowed_to_a_tag_finds_only_its_briefs(page: Page, built: Built) -> None:
    slug, entries = max(built.archive.tags_in_use().items(), key=lambda item: len(item[1]))
    tag = built.archive.vocabulary.tags[slug].title
    word = max(entries[0].brief.title.split(), key=len).strip(".,:;'\"")
    page.goto(built.url("search/index.md") + "?" + urlencode({"query": word, "tag": tag}))
    titles = results(page)
    assert entries[0].brief.title in titles
    assert set(titles) <= {entry.brief.title for entry in entries}
    expect(page.locator(f"fieldset[data-filter='tag'] input[value='{tag}']")).to_be_checked()
    assert serious_violations(page) == []


def test_a_person_s_page_opens_a_search_of_their_briefs(page: Page, built: Built) -> None:
    counts = Counter(name for entry in built.archive.entries for name in entry.brief.people)
    person, count = counts.most_common(1)[0]
    page.goto(built.url(built.archive.entity_addresses().uri("people", person)))
    page.locator("form.nb-search-here button").click()
    page.wait_for_url("**/search/?*")
    naming = {e.brief.title for e in built.archive.entries if person in e.brief.people}
    expect(page.locator("#nb-search-status")).to_contain_text(f"{count} result")
    assert set(results(page)) <= naming
