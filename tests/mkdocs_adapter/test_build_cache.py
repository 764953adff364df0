"""The build cache: a build that copies what the previous builds made gives the same site
as a clean build, through additions, edits, renames, deletions and a changed vocabulary;
and a cache from another setup is never used."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import jinja2
import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

import synthetic
from newsbrief.archive import brief, saved_briefs
from newsbrief.archive.addresses import FEED_FILES
from newsbrief.archive.collection import load_archive
from newsbrief.mkdocs_adapter import build_cache
from newsbrief.site import brief_page, feeds, related, search_documents
from tests.conftest import REPO, set_plugin_options, site_files
from tests.mkdocs_adapter.test_plugin import build_site

BRIEFS = 40
CACHE = ".cache/newsbrief"


@pytest.fixture(scope="module", autouse=True)
def settled_files() -> Iterator[None]:
    """Every brief and article counts as changed long enough before a build for the saved
    briefs to keep its stamp, as in the builds of an archive edited by hand (these files
    are seconds old): each change is found by its stamp, no other brief is read."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(saved_briefs, "SETTLED_NS", -60 * 10**9)
        yield


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 synthetic briefs, one a day from 1 January 2020 (two months: two search volumes),
    built once, which fills the cache; the newest brief is held back, to be added."""
    root = tmp_path_factory.mktemp("cached")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(synthetic, "BRIEFS_PER_DAY", 1)
        synthetic.make_project(root, BRIEFS)
    set_plugin_options(root, search_volume_briefs=1, search_first_briefs=1)
    newest = briefs_of(root)[-1]
    (root / "held-back.path").write_text(newest.relative_to(root).as_posix(), "utf-8")
    newest.rename(root / "held-back.md")
    build_site(root)
    return root


def briefs_of(root: Path) -> list[Path]:
    return sorted((root / "briefs").rglob("*.md"))


def clean_build(root: Path, tmp_path: Path) -> Path:
    """The site a build of ``root``'s sources makes without a cache."""
    clean = tmp_path / "clean"
    clean.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "briefs", "seeds"):
        copy = shutil.copytree if (root / name).is_dir() else shutil.copy
        copy(root / name, clean / name)
    return build_site(clean)


def search_indexes(site: Path) -> dict[str, tuple[int, list[str]]]:
    """Each index of the site's search by folder: its page count and its pages' fragments
    (named by their content). Pagefind numbers the pages of one index in an order that
    varies between two runs, so its other files do too."""
    indexes = {}
    for entry in site.rglob("pagefind-entry.json"):
        count = json.loads(entry.read_text("utf-8"))["languages"]["en"]["page_count"]
        fragments = sorted(path.name for path in (entry.parent / "fragment").iterdir())
        indexes[entry.parent.relative_to(site).as_posix()] = (count, fragments)
    return indexes


def assert_same_site(cached: Path, clean: Path) -> None:
    ours, theirs = site_files(cached), site_files(clean)
    differing = [path for path in ours.keys() | theirs.keys() if ours.get(path) != theirs.get(path)]
    assert differing == []
    assert search_indexes(cached) == search_indexes(clean)
    assert folders(cached) == folders(clean)  # none left empty


def folders(site: Path) -> list[str]:
    return sorted(str(path.relative_to(site)) for path in site.rglob("*") if path.is_dir())


def add_the_held_back_brief(root: Path) -> None:
    (root / "held-back.md").rename(root / (root / "held-back.path").read_text("utf-8"))


def edit_a_title(root: Path) -> None:
    brief = briefs_of(root)[5]
    text = brief.read_text("utf-8")
    brief.write_text(text.replace("\ntitle: ", "\ntitle: Edited ", 1), "utf-8")


def rename_a_brief(root: Path) -> None:
    brief = briefs_of(root)[-3]
    brief.rename(brief.with_name(brief.name.replace("-", "-renamed-", 1)))


def delete_a_brief(root: Path) -> None:
    briefs_of(root)[10].unlink()


def retitle_a_tag(root: Path) -> None:
    tags = root / "briefs/tags.yml"
    vocabulary = yaml.safe_load(tags.read_text("utf-8"))
    used = yaml.safe_load(briefs_of(root)[0].read_text("utf-8").split("---")[1])["tags"][0]
    vocabulary[used]["title"] = "Retitled tag"
    tags.write_text(yaml.safe_dump(vocabulary, sort_keys=False, allow_unicode=True), "utf-8")


def mention_a_wallet_address(root: Path) -> None:
    """Text that reads like a memory address in a ``repr`` ("at 0x...")."""
    brief = briefs_of(root)[7]
    brief.write_text(brief.read_text("utf-8") + "\nFunds went to a wallet at 0x7a25f.\n", "utf-8")


CHANGES = [
    add_the_held_back_brief,
    edit_a_title,
    rename_a_brief,
    delete_a_brief,
    mention_a_wallet_address,
    retitle_a_tag,
]


def test_a_build_with_nothing_changed_reads_no_brief_makes_no_page_and_compiles_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = site_files(project / "site")

    def refuse(*args: object) -> None:
        raise AssertionError("made again, though the cache had it")

    monkeypatch.setattr(brief, "split_front_matter", refuse)
    monkeypatch.setattr(saved_briefs, "_digest", refuse)  # not even read: stamped
    monkeypatch.setattr(brief_page, "brief_page", refuse)
    monkeypatch.setattr(search_documents, "brief_document", refuse)
    monkeypatch.setattr(feeds, "_json_feed", refuse)  # the steps inside the functions
    monkeypatch.setattr(related, "map_on_two_cores", refuse)  # the cache keeps the results of
    compiled: list[str | None] = []  # by Jinja: none of the theme's templates
    compile_template = jinja2.Environment.compile

    def recorded(env: jinja2.Environment, source: str, name: str | None = None, *rest: object):
        compiled.append(name)
        return compile_template(env, source, name, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", recorded)
    build_site(project)
    # but the translations that Material's search plugin reads with an environment of its own
    assert all(name and name.startswith("partials/language") for name in compiled)
    assert site_files(project / "site") == before
    stored = (project / CACHE / build_cache.PAGES).iterdir()
    assert len(list(stored)) > BRIEFS - 1  # the briefs' pages, and tags', months', people's...


def test_feeds_are_the_cache_s_files_and_a_build_without_the_site_copies_them(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI restores the cache, not the site: the feeds that the last build left in place
    (and so never rendered) are in the cache for it, as the site's own files."""
    build_site(project)  # nothing changed: every feed left in place
    names = set(FEED_FILES.values())
    written = [path for path in (project / "site").rglob("*") if path.name in names]
    assert len(written) > 3 * BRIEFS
    assert linked(written, (project / CACHE / build_cache.FILES).iterdir())
    before = site_files(project / "site")
    shutil.rmtree(project / "site")

    def refuse(*args: object) -> None:
        raise AssertionError("rendered again, though the cache had it")

    monkeypatch.setattr(feeds, "_json_feed", refuse)
    build_site(project)
    assert site_files(project / "site") == before


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_a_build_after_a_change_is_the_same_as_a_clean_build(
    project: Path, change: Callable[[Path], None], tmp_path: Path
) -> None:
    change(project)  # each on top of the ones before
    build_site(project)
    assert_same_site(project / "site", clean_build(project, tmp_path))


def test_a_build_relates_again_only_the_briefs_whose_related_briefs_may_change(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The related briefs the last build kept hold for a brief whose features, and the
    briefs sharing each, are as they were: after a title's edit, every brief's."""
    related_again: list[object] = []
    map_on_two_cores = related.map_on_two_cores

    def counted(function: Callable, items: list, allowed: bool) -> list:
        related_again.extend(items)
        return map_on_two_cores(function, items, allowed)

    monkeypatch.setattr(related, "map_on_two_cores", counted)
    edit_a_title(project)
    build_site(project)
    assert related_again == []
    brief = briefs_of(project)[12]
    brief.write_text(brief.read_text("utf-8").replace("\npeople:\n", "\npeople:\n- Ana New\n"))
    build_site(project)
    assert 0 < len(related_again) < BRIEFS / 2
    assert_same_site(project / "site", clean_build(project, tmp_path))


def test_a_volume_indexed_again_is_stored_as_the_indexing_process_copied_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The build's own store copies no volume (2,000 files each at 10,000 briefs), and
    what the indexing process copied makes the same site once copied back."""
    copy_entry = build_cache._copy_entry

    def refusing_volumes(source: Path, target: Path) -> None:
        if "pagefind" in source.parts:
            raise AssertionError(f"the build copied the volume {source}")
        copy_entry(source, target)

    monkeypatch.setattr(build_cache, "_copy_entry", refusing_volumes)
    edit_a_title(project)
    build_site(project)
    assert volumes_linked_to_the_cache(project)
    monkeypatch.undo()
    shutil.rmtree(project / "site")  # every page and volume copied from the cache
    build_site(project)
    assert volumes_linked_to_the_cache(project)
    assert_same_site(project / "site", clean_build(project, tmp_path))


def volumes_linked_to_the_cache(project: Path) -> bool:
    """Whether each volume's files in the site are hard links to the cache's (see
    :func:`newsbrief.mkdocs_adapter.index_runs.copy_linked`)."""
    entry = "pagefind-entry.json"
    site = list((project / "site/pagefind/volumes").glob(f"*/{entry}"))
    return len(site) == 2 and linked(
        site, (project / CACHE / build_cache.SEARCH).glob(f"*/{entry}")
    )


def linked(files: Iterable[Path], stored: Iterable[Path]) -> bool:
    """Whether each of the site's ``files`` is one of the cache's files ``stored`` (a hard
    link to it: see newsbrief.mkdocs_adapter.index_runs.link_or_copy)."""
    identities = {_identity(path) for path in stored}
    return all(_identity(path) in identities for path in files)


def _identity(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_dev, status.st_ino


def test_a_page_or_feed_changed_in_the_site_since_the_last_build_is_written_again(
    project: Path,
) -> None:
    """Changed in place, the site's file changed the cache's (one file: a hard link)."""
    site = project / "site"
    before = site_files(site)
    page = next(path for path in sorted(site.glob("2020/*/*/*/index.html")))
    page.write_text("changed by hand", "utf-8")
    sorted(site.glob("tags/*/feed.json"))[0].write_text("changed by hand", "utf-8")
    build_site(project)
    assert site_files(site) == before
    assert not list(project.glob(".newsbrief-old-site-*"))  # the old site moved back


def test_the_cache_keeps_only_what_the_last_build_used(project: Path, tmp_path: Path) -> None:
    site = project / "site"
    pages = len(list((project / CACHE / build_cache.PAGES).iterdir()))
    volumes = sorted(path.name for path in (project / CACHE / build_cache.SEARCH).iterdir())
    delete_a_brief(project)
    build_site(project)
    assert len(list((project / CACHE / build_cache.PAGES).iterdir())) < pages
    assert len(volumes) == len(list((site / "pagefind/volumes").iterdir())) == 2
    assert sorted(path.name for path in (project / CACHE / build_cache.SEARCH).iterdir()) != volumes
    assert not [path for path in (project / CACHE).rglob("*.partial")]


def test_a_build_that_warns_leaves_the_cache_as_it_was(project: Path, tmp_path: Path) -> None:
    before = cache_entries(project)
    edit_a_title(project)
    (project / "docs/broken.md").write_text("# Broken\n\n[gone](nowhere.md)\n", "utf-8")
    with pytest.raises(Abort):  # strict, as the project builds
        build_site(project)
    (project / "docs/broken.md").unlink()
    assert cache_entries(project) == before
    build_site(project)
    assert_same_site(project / "site", clean_build(project, tmp_path))


def test_a_build_without_the_cache_between_two_with_it(project: Path, tmp_path: Path) -> None:
    """A dirty build (no cache) adds a brief's pages; once the brief is deleted, a build with
    the cache deletes them too."""
    added = synthetic.copy_brief(project, briefs_of(project)[3])
    dirty_build(project)
    day, slug = added.stem.split("-", 1)
    page = project / "site" / added.parent.relative_to(project / "briefs") / day / slug
    assert (page / "index.html").is_file()
    added.unlink()
    build_site(project)
    assert_same_site(project / "site", clean_build(project, tmp_path))


def dirty_build(project: Path) -> None:
    """``mkdocs build --dirty``: MkDocs writes into the site as it is, and newsbrief uses
    no cache."""
    config = load_config(str(project / "mkdocs.yml"), strict=False)  # dirty builds warn
    config.plugins.on_startup(command="build", dirty=True)
    build(config, dirty=True)
    config.plugins.on_shutdown()


def test_pages_are_the_cache_s_files_and_no_build_writes_into_them(
    project: Path, tmp_path: Path
) -> None:
    """The site's pages are hard links to the cache's; a build after an edit, and a dirty
    build (no cache), write each page they make as a new file, never into the cache's."""
    build_site(project)
    pages = list((project / "site").glob("20*/*/*/*/index.html"))
    assert len(pages) >= BRIEFS - 2 and linked(
        pages, (project / CACHE / build_cache.PAGES).iterdir()
    )
    aside = tmp_path / "aside"  # the cache's pages, as they were, wherever they go
    aside.mkdir()
    for path in (project / CACHE / build_cache.PAGES).iterdir():
        (aside / path.name).hardlink_to(path)
    before = {path.name: path.read_bytes() for path in aside.iterdir()}
    brief = briefs_of(project)[5]
    original = brief.read_text("utf-8")
    edit_a_title(project)
    build_site(project)
    edit_a_title(project)
    dirty_build(project)
    assert {path.name: path.read_bytes() for path in aside.iterdir()} == before
    brief.write_text(original, "utf-8")
    build_site(project)
    assert_same_site(project / "site", clean_build(project, tmp_path))


def test_the_site_s_hidden_entries_are_kept(project: Path) -> None:
    hidden = project / "site/.git/HEAD"
    hidden.parent.mkdir()
    hidden.write_text("ref: refs/heads/gh-pages\n", "utf-8")
    build_site(project)  # the old site moved back
    assert hidden.is_file()
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text + "\n# another setup\n", "utf-8")
    build_site(project)  # the old site deleted
    config.write_text(text, "utf-8")
    assert hidden.is_file()
    shutil.rmtree(hidden.parent)


def cache_entries(project: Path) -> list[Path]:
    """The pages, volumes and results in the cache (not the saved briefs: see
    tests/archive/test_saved_briefs.py)."""
    kinds = (build_cache.PAGES, build_cache.FILES, build_cache.SEARCH, build_cache.RESULTS)
    return sorted(path for kind in kinds for path in (project / CACHE / kind).rglob("*"))


def setup_of(root: Path) -> str:
    config = load_config(str(root / "mkdocs.yml"))
    return build_cache.setup_key(config, root / "briefs")


def test_another_setup_gives_another_key(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = setup_of(project)
    assert setup_of(project) == key
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text + "\n# a comment\n", "utf-8")
    assert setup_of(project) != key
    config.write_text(text, "utf-8")
    installed = list(build_cache._installed_packages())
    material = next(package for package in installed if package.startswith("mkdocs-material=="))
    others = [package for package in installed if package != material]
    monkeypatch.setattr(build_cache, "_installed_packages", lambda: [*others, material + ".1"])
    assert setup_of(project) != key


def test_equal_arguments_have_one_digest_and_others_another() -> None:
    """Objects made apart, as in two builds, and nested tuples (described in place)."""

    def named(uri: str) -> dict[str, tuple[tuple[str, str], ...]]:
        return {"people": (("Kim", uri), ("Lee", "people/lee.md"))}

    digests = build_cache.Digests("setup")
    key = digests.of_call("page.md", named("people/kim.md"), ("a", "b"))
    assert (
        build_cache.Digests("setup").of_call("page.md", named("people/kim.md"), ("a", "b")) == key
    )
    others = [
        digests.of_call("page.md", named("people/kim-2.md"), ("a", "b")),
        digests.of_call("page.md", named("people/kim.md"), (("a", "b"),)),
        digests.of_call("page.md", named("people/kim.md"), ("a", "b", None)),
        build_cache.Digests("another setup").of_call("page.md", named("people/kim.md"), ("a", "b")),
    ]
    assert len({key, *others}) == 5


def test_no_call_the_cache_digests_in_a_build_takes_a_set(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A set inside an argument is pickled in its order of iteration, which differs from
    one build to the next: its call would never be found in the cache."""
    calls: list[tuple[object, ...]] = []
    of_call = build_cache.Digests.of_call

    def recorded(digests: build_cache.Digests, *parts: object) -> str:
        calls.append(parts)
        return of_call(digests, *parts)

    monkeypatch.setattr(build_cache.Digests, "of_call", recorded)
    build_site(project)
    assert len(calls) > BRIEFS  # every page's, and the long steps'
    assert [found for parts in calls for found in sets_in(parts)] == []


def sets_in(value: object, seen: set[int] | None = None) -> Iterator[object]:
    """The sets and frozensets in ``value``, through sequences, mappings, records and
    the arguments of partial calls."""
    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, str | bytes):
        return
    seen.add(id(value))
    if isinstance(value, set | frozenset):
        yield value
        return
    if isinstance(value, functools.partial):
        inside: Iterable[object] = (value.func, value.args, value.keywords)
    elif isinstance(value, dict):
        inside = itertools.chain(value.keys(), value.values())
    elif isinstance(value, list | tuple):
        inside = value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        inside = [getattr(value, field.name) for field in dataclasses.fields(value)]
    else:
        inside = ()
    for item in inside:
        yield from sets_in(item, seen)


def test_a_brief_read_with_saved_briefs_is_digested_by_what_it_was_checked_against() -> None:
    entry = load_archive(REPO, two_cores=False).entries[0]
    by_repr = build_cache.Digests("setup").of_call(entry)
    checked = []
    for digest in (b"one", b"two", b"one"):
        digests = build_cache.Digests("setup")
        digests.entries = {id(entry): (entry, digest)}
        checked.append(digests.of_call(entry))
    assert checked[0] == checked[2] != checked[1]
    assert by_repr not in checked
