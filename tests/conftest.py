"""Shared fixtures: small but real archives and sites built in a temporary folder."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from browsing import CHROMIUM, FLAGS
from newsbrief.archive import collection
from newsbrief.archive.brief import read_brief
from newsbrief.archive.collection import load_archive
from newsbrief.archive.problems import NewsbriefError

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BRIEF_FIXTURES = FIXTURES / "briefs"


def make_archive(root: Path, briefs: dict[str, str]) -> Path:
    """An archive in ``root``: the test vocabulary and stories, the seed article, and ``briefs``.

    ``briefs`` maps a path under ``briefs/`` (``2025/05/04-slug.md``) to a fixture
    name in ``tests/fixtures/briefs/`` (without ``.md``).
    """
    (root / "briefs").mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "tags.yml", root / "briefs" / "tags.yml")
    shutil.copy(FIXTURES / "stories.yml", root / "briefs" / "stories.yml")
    shutil.copytree(FIXTURES / "seeds", root / "seeds", dirs_exist_ok=True)
    for target, fixture in briefs.items():
        destination = root / "briefs" / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BRIEF_FIXTURES / f"{fixture}.md", destination)
    return root


def make_site(root: Path, briefs: dict[str, str]) -> Path:
    """A whole project in ``root``: the repository's site set-up and an archive."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    return make_archive(root, briefs)


def set_plugin_options(root: Path, **options: object) -> None:
    """Set newsbrief plugin options in the project's mkdocs.yml (``parallel=False``, ...)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      latest: 12\n"
    assert anchor in text, "mkdocs.yml's newsbrief plugin options moved"
    lines = "".join(f"      {name}: {str(value).lower()}\n" for name, value in options.items())
    config.write_text(text.replace(anchor, anchor + lines), encoding="utf-8")


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by path, but the search index, whose files' names and
    bytes vary between two builds of the same site (Pagefind writes its filters in hash
    map order): so does the name of its metadata, which the search page prefetches."""
    return {
        str(path.relative_to(site)): _INDEX_METADATA.sub(rb"pagefind.*.pf_meta", path.read_bytes())
        for path in sorted(site.rglob("*"))
        if path.is_file() and "pagefind" not in path.parts and path.suffix != ".gz"
    }


_INDEX_METADATA = re.compile(rb"pagefind\.\w+\.pf_meta")


@pytest.fixture(autouse=True, scope="session")
def default_site_url():
    """Builds use mkdocs.yml's default site_url, whatever the environment sets."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("NEWSBRIEF_SITE_URL", raising=False)
        yield


def problems_of(root: Path) -> list[str]:
    """Every problem ``newsbrief check`` would print for the archive in ``root``."""
    try:
        load_archive(root)
    except NewsbriefError as error:
        return [str(problem) for problem in error.problems]
    return []


@pytest.fixture
def archive_root(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Build an archive of fixture briefs in a temporary folder."""
    return lambda briefs: make_archive(tmp_path / "project", briefs)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright (`make test` installs it)."""
    assert Path(CHROMIUM).exists(), "no chromium: run `make test`, which installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The briefs read from their files from now on, by file name."""
    read: list[str] = []

    def reading(file: Path, *args: Any) -> Any:
        read.append(file.name)
        return read_brief(file, *args)

    monkeypatch.setattr(collection, "read_brief", reading)
    return read
