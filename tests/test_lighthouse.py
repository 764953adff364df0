"""Lighthouse's accessibility, best-practices and SEO audits on every kind of page.

The fixture site is built once and served on loopback; Lighthouse (npm's, installed from
``package.json`` by `make test`) runs once a page with Debian's Chromium, mobile, as the
benchmark does. Performance is not asserted here: timings depend on the machine, and
``make lighthouse`` prints them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browsing import served
from lighthouse import PAGES, lighthouse
from newsbrief.archive.collection import Archive, load_archive
from tests.mkdocs_adapter.test_plugin import build_site, make_story_site

CATEGORIES = ("accessibility", "best-practices", "seo")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_story_site(tmp_path_factory.mktemp("lighthouse"))
    build_site(root)
    return root


@pytest.fixture(scope="module")
def archive(project: Path) -> Archive:
    return load_archive(project).published(include_drafts=False)


@pytest.fixture(scope="module")
def base_url(project: Path) -> Iterator[str]:
    with served(project / "site") as server:
        yield server.address


@pytest.mark.parametrize("page", list(PAGES))
def test_every_kind_of_page_scores_100(page: str, archive: Archive, base_url: str) -> None:
    report = lighthouse(base_url + PAGES[page](archive), CATEGORIES)
    for category in CATEGORIES:
        assert report.scores[category] == 100, (category, report.url, report.failed(category))


def test_lighthouse_notices_what_a_page_lacks(project: Path, base_url: str) -> None:
    """The audits above can fail: a copy of the home page without its language and its
    description loses points, and the report names the audits."""
    home = (project / "site/index.html").read_text(encoding="utf-8")
    lacking = home.replace('<html lang="en"', "<html", 1)
    lacking = lacking.replace('<meta name="description"', '<meta name="summary"', 1)
    assert lacking.count("lang=") < home.count("lang=") and 'name="summary"' in lacking
    (project / "site/lacking.html").write_text(lacking, encoding="utf-8")
    report = lighthouse(base_url + "lacking.html", CATEGORIES)
    assert report.scores["accessibility"] < 100 and report.scores["seo"] < 100
    failed = {audit.split(":")[0] for category in CATEGORIES for audit in report.failed(category)}
    assert {"html-has-lang", "meta-description"} <= failed, failed
