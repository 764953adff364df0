"""`make serve` rebuilds: after one edit only the pages whose content changed are written."""

from __future__ import annotations

import dataclasses
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment
from mkdocs.commands import build as mkdocs_build
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

import synthetic
from newsbrief.archive.collection import BriefCache, load_archive
from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.schema import Story
from newsbrief.mkdocs_adapter import plugin
from newsbrief.mkdocs_adapter.incremental import LONG, Memo
from newsbrief.site import (
    brief_page,
    entity_pages,
    listings,
    search_documents,
    search_volumes,
)
from newsbrief.site.brief_page import StoryThread
from tests.conftest import REPO, counting_reads, make_site, set_plugin_options, site_files
from tests.mkdocs_adapter.test_file_events import signalled_after
from tests.mkdocs_adapter.test_plugin import BRIEFS

SERVE_URL = "http://127.0.0.1:8000/"
KIM = "briefs/2025/05/04-kim-tank-factory.md"


def dirty_build(root: Path) -> None:
    """One build of ``mkdocs serve --dirty --no-strict`` (the plugin instance persists)."""
    config = load_config(str(root / "mkdocs.yml"), strict=False)
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL, dirty=True)


def written_after(site: Path, moment: float) -> set[str]:
    return {
        str(page.relative_to(site))
        for page in site.rglob("*.html")
        if page.stat().st_mtime > moment
    }


def test_serve_rebuild_writes_only_what_the_edit_changed(tmp_path: Path) -> None:
    root = make_site(tmp_path, BRIEFS)
    with serving(root) as served:
        dirty_build(root)
        site = root / "site"
        pages = {str(page.relative_to(site)) for page in site.rglob("*.html")}
        moment = time.time()
        time.sleep(0.01)
        dirty_build(root)  # nothing changed
        assert written_after(site, moment) <= {"index.html", "404.html"}

        brief = root / KIM
        text = brief.read_text(encoding="utf-8")
        changed(served, lambda: brief.write_text(text + "\nA sentence added.\n"))
        moment = time.time()
        time.sleep(0.01)
        dirty_build(root)
        written = written_after(site, moment) - {"index.html", "404.html"}
        assert written == {"2025/05/04/kim-tank-factory/index.html"}
        assert "A sentence added." in (site / next(iter(written))).read_text(encoding="utf-8")
        assert len(pages) > 20  # the rest stayed as they were


def test_a_serve_rebuild_gives_mkdocs_only_the_changed_and_the_navigation_s_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs goes through each of its files several times a build: the thousands of pages
    an edit left as they were are not among them."""
    root = make_site(tmp_path, BRIEFS)
    read: list[str] = []
    populate = mkdocs_build._populate_page

    def reading(page: Page, *args: Any) -> None:
        read.append(page.file.src_uri)
        populate(page, *args)

    monkeypatch.setattr(mkdocs_build, "_populate_page", reading)
    with serving(root) as served:
        dirty_build(root)
        everything = set(read)
        edit(
            served,
            root,
            "2025/05/04-kim-tank-factory.md",
            "title: Kim Jong-un inspects",
            "title: Kim sees",
        )
        read.clear()
        dirty_build(root)
    navigation = {"index.md", "about.md", "search/index.md", "tags/index.md", "archive/index.md"}
    assert navigation <= everything
    assert len(everything) > 30
    assert navigation <= set(read)
    assert "2025/05/04/kim-tank-factory.md" in read
    assert "2025/06/10/exports.md" in read  # the next brief links to it by its title
    assert "tags/north-korea.md" in read
    unchanged = {"2025/06/11/markup.md", "tags/economy.md", "archive/2025/06/index.md"}
    assert unchanged <= everything
    assert not unchanged & set(read)


@contextmanager
def serving(root: Path) -> Iterator[plugin.NewsbriefPlugin]:
    """A ``mkdocs serve --dirty`` session: builds in it share the plugin's state (given)."""
    config = load_config(str(root / "mkdocs.yml"), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        yield config.plugins["newsbrief"]
    finally:
        config.plugins.on_shutdown()


def changed(served: plugin.NewsbriefPlugin, change: Callable[[], object]) -> None:
    """Make ``change`` to the project of a serve session as MkDocs' server makes a
    rebuild follow it: once the file events told of it (under load they may come after
    the next build started, which would then miss the change)."""
    signalled_after(served.file_events, change)


def edit(served: plugin.NewsbriefPlugin, root: Path, brief: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in a brief of a serve session (:func:`changed`)."""
    path = root / "briefs" / brief
    text = path.read_text(encoding="utf-8")
    assert old in text
    changed(served, lambda: path.write_text(text.replace(old, new), encoding="utf-8"))


def test_rebuilds_after_edits_make_the_site_a_first_build_makes(tmp_path: Path) -> None:
    """Rebuilds reuse the pages an edit left unchanged; the site must not tell."""
    (tmp_path / "edited").mkdir()
    root = make_site(tmp_path / "edited", BRIEFS)
    with serving(root) as served:
        dirty_build(root)
        edit(
            served,
            root,
            "2025/05/04-kim-tank-factory.md",
            "title: Kim Jong-un inspects",
            "title: Kim sees",
        )
        dirty_build(root)
        edit(served, root, "2025/06/10-exports.md", "tags: [", "tags: [north-korea, ")
        dirty_build(root)
        edit(
            served, root, "2025/05/04-kim-tank-factory.md", "dateline: Seoul", "dateline: Pyongyang"
        )
        dirty_build(root)
    made = assert_as_a_first_build_makes(root, tmp_path / "fresh")
    assert "Kim sees" in made["2025/06/10/exports/index.html"].decode()  # the neighbour's link


def assert_as_a_first_build_makes(root: Path, fresh: Path) -> dict[str, bytes]:
    """Assert that the site served from ``root`` is the one a first build makes of a copy
    of the project in ``fresh``; the files of that."""
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("site"))
    with serving(fresh):
        dirty_build(fresh)
    served, made = site_files(root / "site"), site_files(fresh / "site")
    assert [
        path for path in served.keys() | made.keys() if served.get(path) != made.get(path)
    ] == []
    return made


def test_rebuilds_after_names_renames_and_deletions_make_the_site_a_first_build_makes(
    tmp_path: Path,
) -> None:
    """A brief naming someone new moves every entity's address into question; a renamed
    or deleted brief leaves its neighbours, related briefs and listings changed, and its
    own page must go, with the pages and feeds of the names only it named."""
    (tmp_path / "edited").mkdir()
    root = make_site(tmp_path / "edited", BRIEFS)
    briefs = root / "briefs"
    with serving(root) as served:
        dirty_build(root)
        edit(
            served,
            root,
            "2025/05/04-kim-tank-factory.md",
            "tags: [",
            "people: [Choe Son-hui]\ntags: [",
        )
        dirty_build(root)
        renamed = briefs / "2025/06/10-exports-renamed.md"
        changed(served, lambda: (briefs / "2025/06/10-exports.md").rename(renamed))
        dirty_build(root)
        changed(served, (briefs / "2025/06/11-markup.md").unlink)
        dirty_build(root)
    assert not (root / "site/2025/06/11/markup").exists()
    made = assert_as_a_first_build_makes(root, tmp_path / "fresh")
    assert "people/choe-son-hui/index.html" in made


def test_a_rebuild_makes_only_the_pages_an_edit_may_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Of 60 synthetic briefs, an edit to one brief's text makes its page again, and those
    that show its title: its neighbours, its story's and those it is related to; and the
    pages and feeds of the entities it names, of its tags and of its month; and its search
    document. Every other page is left as it was, and the site is still the one a first
    build makes."""
    (tmp_path / "edited").mkdir()
    root = tmp_path / "edited"
    briefs = synthetic.make_project(root, 60)
    made: list[str] = []  # pages whose arguments were worked out: the memo is not asked
    make = brief_page.converted_brief_page

    def counted(convert: Any, entry: Any, *args: Any, **options: Any) -> Any:
        made.append(entry.src_uri)
        return make(convert, entry, *args, **options)

    monkeypatch.setattr(brief_page, "converted_brief_page", counted)
    entities: list[str] = []  # entities whose pages were made
    pages_of = entity_pages.pages_of

    def counted_entity(kind: str, name: str, *args: Any) -> Any:
        entities.append(name)
        return pages_of(kind, name, *args)

    monkeypatch.setattr(entity_pages, "pages_of", counted_entity)
    feeds: list[str] = []  # entities whose feeds were made
    entity_feed = plugin.entity_feed

    def counted_feed(site_name: str, site_url: str, item: Any, vocabulary: Any) -> Any:
        feeds.append(item.name)
        return entity_feed(site_name, site_url, item, vocabulary)

    monkeypatch.setattr(plugin, "entity_feed", counted_feed)
    indexed: list[str] = []  # briefs whose search documents were made
    brief_document = search_documents.brief_document

    def counted_document(entry: Any, *args: Any) -> Any:
        indexed.append(entry.src_uri)
        return brief_document(entry, *args)

    monkeypatch.setattr(search_documents, "brief_document", counted_document)
    listed: list[object] = []  # tags and months whose pages were made
    tag_pages, month_pages = listings.tag_pages, listings.month_pages
    monkeypatch.setattr(
        listings, "tag_pages", lambda slug, *args: listed.append(slug) or tag_pages(slug, *args)
    )

    def counted_month(year: int, month: int, *args: Any) -> Any:
        listed.append((year, month))
        return month_pages(year, month, *args)

    monkeypatch.setattr(listings, "month_pages", counted_month)
    grouped: list[int] = []  # the briefs grouped into search volumes
    group = search_volumes.search_volumes

    def counted_volumes(entries: Any, *args: Any) -> Any:
        grouped.append(len(entries))
        return group(entries, *args)

    monkeypatch.setattr(search_volumes, "search_volumes", counted_volumes)
    edited = briefs[30]
    uri = f"{edited['date']:%Y/%m/%d}/{edited['slug']}.md"
    with serving(root) as served:
        dirty_build(root)
        assert len(made) == 60
        assert len(entities) == len(feeds) > 60
        assert len(indexed) == 60
        assert len(listed) > 3
        assert grouped == [60]
        grouped.clear()
        made.clear()
        entities.clear()
        feeds.clear()
        indexed.clear()
        listed.clear()
        path = root / f"briefs/{edited['date']:%Y/%m/%d}-{edited['slug']}.md"
        text = path.read_text(encoding="utf-8")
        changed(served, lambda: path.write_text(text + "\nOne more sentence.\n"))
        dirty_build(root)
        assert uri in made
        assert 3 <= len(made) < 20
        named = {*edited["people"], *edited["organizations"], *edited["places"]}
        named |= {quote["speaker"] for quote in edited["quotes"] + edited["commentary"]}
        assert sorted(entities) == sorted(feeds) == sorted(named)
        assert indexed == [uri]
        day = edited["date"]
        assert sorted(map(str, listed)) == sorted([*edited["tags"], str((day.year, day.month))])
        assert grouped == []  # edited in place: the volumes hold the same briefs
        made.clear()
        retitled = path.read_text(encoding="utf-8").replace(
            f"title: {edited['title']}", "title: A new title"
        )
        changed(served, lambda: path.write_text(retitled))
        dirty_build(root)
        assert uri in made
        assert len(made) < 20
    assert_as_a_first_build_makes(root, tmp_path / "fresh")


def test_a_brief_added_makes_again_only_its_listings_first_pages_and_its_names_index_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A brief added, as newer than every other, changes the first page of each listing
    it is in (older pages keep their briefs), and the pages of each kind's index that
    count its names: the other pages are not made again, and the site is the one a first
    build makes."""
    (tmp_path / "edited").mkdir()
    root = tmp_path / "edited"
    synthetic.make_project(root, 300)
    monkeypatch.setattr(entity_pages, "INDEX_PAGE_SIZE", 10)
    made: list[str] = []  # listing and index pages made
    for module, name, at in ((listings, "_tag_page", 3), (entity_pages, "_index_page", 2)):
        page = getattr(module, name)
        monkeypatch.setattr(
            module, name, lambda *args, page=page, at=at: made.append(args[at]) or page(*args)
        )
    with serving(root) as served:
        dirty_build(root)
        assert any("/page/" in uri for uri in made if uri.startswith("tags/"))
        index_pages = len([uri for uri in made if not uri.startswith("tags/")])
        newest = sorted((root / "briefs").glob("*/*/*.md"))[-1]
        changed(served, lambda: synthetic.copy_brief(root, newest))
        made.clear()
        dirty_build(root)
        brief = load_archive(root).entries[0].brief  # the copy: newest
        tags_made = [uri for uri in made if uri.startswith("tags/")]
        assert len(tags_made) == len(brief.tags)
        assert all("/page/" not in uri for uri in tags_made)
        index_made = [uri for uri in made if not uri.startswith("tags/")]
        assert 0 < len(index_made) <= sum(map(len, brief.named().values())) < index_pages
    assert_as_a_first_build_makes(root, tmp_path / "fresh")


def test_a_serve_rebuild_compiles_no_template_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs makes a new Jinja environment each build: the theme's templates compiled by
    the first build of a session are kept for the next."""
    root = make_site(tmp_path, BRIEFS)
    compiled: list[str] = []
    compile_template = Environment.compile

    def counted(self: Environment, source: Any, name: Any = None, *args: Any) -> Any:
        compiled.append(name)
        return compile_template(self, source, name, *args)

    monkeypatch.setattr(Environment, "compile", counted)
    with serving(root):
        dirty_build(root)
        assert "main.html" in compiled
        compiled.clear()
        dirty_build(root)
    # Material's search plugin compiles its language partials in an environment of its own
    assert {"main.html", "base.html", "404.html"}.isdisjoint(compiled)
    assert all(name.startswith("partials/language") for name in compiled)


def test_a_failed_build_makes_the_next_one_write_every_page(tmp_path: Path) -> None:
    root = make_site(tmp_path, BRIEFS)
    with serving(root):
        dirty_build(root)
        plugin = load_config(str(root / "mkdocs.yml")).plugins["newsbrief"]
        moment = time.time()
        time.sleep(0.01)
        plugin.on_build_error(error=RuntimeError("a page failed after the pages were listed"))
        dirty_build(root)
    site = root / "site"
    generated = {str(page.relative_to(site)) for page in site.rglob("*.html")}
    assert written_after(site, moment) == generated - {"about/index.html"}  # docs/about.md


def test_brief_cache_reads_a_brief_again_only_when_it_changed(archive_root) -> None:
    root = archive_root({"2025/05/04-kim-tank-factory.md": "valid"})
    cache = BriefCache()
    first = load_archive(root, cache=cache).entries[0]
    assert load_archive(root, cache=cache).entries[0] is first
    brief = root / KIM
    brief.write_text(brief.read_text(encoding="utf-8") + "\nMore.\n")
    again = load_archive(root, cache=cache).entries[0]
    assert again is not first and again.body.endswith("More.\n")


def test_brief_cache_reads_a_brief_again_when_its_stories_change(archive_root) -> None:
    """A brief naming a story stories.yml lacks is refused until the story is added."""
    root = archive_root({"2025/05/04-kim-tank-factory.md": "unknown-story"})
    cache = BriefCache()
    with pytest.raises(NewsbriefError):
        load_archive(root, cache=cache)
    stories = root / "briefs/stories.yml"
    added = "north-korea-military-modernisation:\n  title: Spelt so\n  description: Also.\n"
    stories.write_text(stories.read_text(encoding="utf-8") + added, encoding="utf-8")
    (entry,) = load_archive(root, cache=cache).entries
    assert entry.brief.story == "north-korea-military-modernisation"


def test_brief_cache_reads_a_brief_again_when_its_source_article_changes(archive_root) -> None:
    """The brief then no longer matches its article's digest, which the check says."""
    root = archive_root({"2025/05/04-kim-tank-factory.md": "valid"})
    cache = BriefCache()
    (entry,) = load_archive(root, cache=cache).entries
    article = root / entry.brief.source.path
    article.write_text(article.read_text(encoding="utf-8") + "\nA later paragraph.\n")
    with pytest.raises(NewsbriefError, match="sha256"):
        load_archive(root, cache=cache)


def test_the_memo_keys_a_long_list_by_its_briefs_in_each_build() -> None:
    """A long list is keyed once a build: the next build's list, with one brief replaced,
    makes the call again; with the same briefs in a new list, it does not."""
    entries = load_archive(REPO).entries
    memo, calls = Memo(enabled=True), []

    def titles(listed: list) -> list[str]:
        calls.append(listed)
        return [entry.brief.title for entry in listed]

    listed = [entries[index % len(entries)] for index in range(LONG + 4)]
    assert memo(titles, listed) == memo(titles, listed) and len(calls) == 1
    memo.next_build()
    assert memo(titles, list(listed)) and len(calls) == 1
    memo.next_build()
    retitled = dataclasses.replace(
        listed[-1], brief=dataclasses.replace(listed[-1].brief, title="Retitled")
    )
    assert memo(titles, [*listed[:-1], retitled])[-1] == "Retitled" and len(calls) == 2


def test_the_memo_keys_a_named_tuple_by_its_items() -> None:
    """A brief's story thread is made anew each build, its briefs the same: the call
    is not made again."""
    entries = load_archive(REPO).entries
    memo, calls = Memo(enabled=True), []

    def title(thread: StoryThread) -> str:
        calls.append(thread)
        return thread.entries[thread.index].brief.title

    story = Story(title="A story", description="What it follows.")
    assert memo(title, StoryThread("story", story, list(entries), 0))
    memo.next_build()
    assert memo(title, StoryThread("story", story, list(entries), 0)) and len(calls) == 1


class Server:
    """MkDocs' server, as far as the plugin uses it."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_learns_of_edits_from_file_events_and_reads_only_the_brief_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs polls only the signal file; the rebuild after an edit reads that brief alone."""
    root = make_site(tmp_path, BRIEFS)
    server = Server()
    config = load_config(str(root / "mkdocs.yml"), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    plugin = config.plugins["newsbrief"]
    try:
        dirty_build(root)  # the watch starts before it reads the briefs
        plugin.on_serve(server, config=config, builder=None)
        signal_dir = plugin.file_events.signal_dir
        assert signal_dir is not None and server.watched == [str(signal_dir)]
        read = counting_reads(monkeypatch)
        exports = ("2025/06/10-exports.md", "title: South Korea's", "title: Seoul's")
        edit(plugin, root, *exports)
        dirty_build(root)
    finally:
        config.plugins.on_shutdown()
    assert read == ["10-exports.md"]
    assert "Seoul's exports rise" in (root / "site/2025/06/10/exports/index.html").read_text()
    assert not signal_dir.exists()


def test_without_file_events_mkdocs_polls_briefs_and_seeds(tmp_path: Path) -> None:
    root = make_site(tmp_path, BRIEFS)
    set_plugin_options(root, file_events=False)
    server = Server()
    with serving(root):
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins["newsbrief"].on_serve(server, config=config, builder=None)
        assert config.plugins["newsbrief"].file_events.signal_dir is None
    assert server.watched == [str(root / "briefs"), str(root / "seeds")]


def test_a_docs_page_s_link_to_an_unchanged_generated_page_holds_in_a_rebuild(
    tmp_path: Path,
) -> None:
    """The home page is written again in each rebuild: its link to a tag page left in
    the site still finds the page."""
    root = make_site(tmp_path, BRIEFS)
    home = root / "docs/index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nSee [the economy](tags/economy.md).\n")
    with serving(root) as served:
        dirty_build(root)
        edit(
            served, root, "2025/05/04-kim-tank-factory.md", "dateline: Seoul", "dateline: Pyongyang"
        )
        dirty_build(root)
    html = (root / "site/index.html").read_text(encoding="utf-8")
    assert '<a href="tags/economy/">the economy</a>' in html
