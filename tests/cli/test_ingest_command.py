"""``newsbrief ingest``, run as a user would run it."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.ingest.test_fetch import PAGE, Site, atom, serving


def test_seed_article_is_in_seeds_under_a_descriptive_name() -> None:
    seeds = sorted(path.name for path in (REPO / "seeds").iterdir())
    assert seeds == ["2025-05-04-nationpress-kim-jong-un-inspects-tank-factory.txt"]
    shared = REPO.parent / "shared/seeds"
    if shared.is_dir():  # the original, where the project's shared files are present
        original = next(shared.iterdir())
        assert (REPO / "seeds" / seeds[0]).read_bytes() == original.read_bytes()


def test_ingest_writes_each_brief_then_skips_it_as_a_duplicate(tmp_path: Path, run) -> None:
    (tmp_path / "briefs").mkdir()
    shutil.copy(REPO / "briefs/tags.yml", tmp_path / "briefs/tags.yml")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copy(REPO / "tests/fixtures/html/no-article.html", tmp_path / "seeds/broken.html")
    root = ["--root", str(tmp_path)]
    code, out, err = run([*root, "ingest", str(tmp_path / "seeds")])
    assert code == 1  # one source failed
    assert out == "briefs/2025/05/04-did-north-koreas-kim-inspect-an-upgraded-tank-factory.md\n"
    assert "seeds/broken.html: failed: seeds/broken.html:1: source: has no article text" in err
    assert "2 sources: 1 written, 1 failed" in err
    assert run([*root, "check"])[0] == 0
    (tmp_path / "seeds/broken.html").unlink()
    code, out, err = run([*root, "ingest", str(tmp_path / "seeds")])
    assert (code, out) == (0, "")
    assert "duplicate: already the source of briefs/2025/05/04-did-north-koreas" in err


def test_ingest_copies_a_page_from_outside_the_project_into_seeds(tmp_path: Path, run) -> None:
    project, downloads = tmp_path / "project", tmp_path / "Downloads"
    (project / "briefs").mkdir(parents=True)
    shutil.copy(REPO / "briefs/tags.yml", project / "briefs/tags.yml")
    downloads.mkdir()
    shutil.copy(REPO / "tests/fixtures/html/kim-tank-factory.html", downloads / "page.html")
    argv = ["--root", str(project), "ingest", str(downloads / "page.html")]
    code, out, err = run(argv)
    slug = "did-north-koreas-kim-inspect-an-upgraded-tank-factory"
    copy = f"seeds/2025-05-04-{slug}.html"
    assert (code, out) == (0, f"briefs/2025/05/04-{slug}.md\n")
    assert err == f"{downloads / 'page.html'}: copied to {copy}\n"
    assert [p.name for p in (project / "seeds").iterdir()] == [Path(copy).name]
    assert run(["--root", str(project), "check"])[0] == 0
    code, out, err = run(argv)
    assert (code, out) == (0, "")
    assert err.startswith(f"{downloads / 'page.html'}: duplicate: already the source of briefs/")
    assert [p.name for p in (project / "seeds").iterdir()] == [Path(copy).name]


def test_a_dry_run_of_a_page_from_outside_leaves_the_project_as_it_was(tmp_path: Path, run) -> None:
    project, downloads = tmp_path / "project", tmp_path / "Downloads"
    (project / "briefs").mkdir(parents=True)  # and no seeds/ yet
    shutil.copy(REPO / "briefs/tags.yml", project / "briefs/tags.yml")
    downloads.mkdir()
    shutil.copy(REPO / "tests/fixtures/html/kim-tank-factory.html", downloads / "page.html")
    before = sorted(project.rglob("*"))
    argv = ["--root", str(project), "ingest", "--dry-run", str(downloads / "page.html")]
    code, out, err = run(argv)
    slug = "did-north-koreas-kim-inspect-an-upgraded-tank-factory"
    assert (code, err) == (
        0,
        f"{downloads / 'page.html'}: would be copied to seeds/2025-05-04-{slug}.html\n",
    )
    assert out.startswith(f"# briefs/2025/05/04-{slug}.md\n---\n")
    assert sorted(project.rglob("*")) == before
    assert not (project / "seeds").exists()


def test_ingest_of_nothing_is_an_error(tmp_path: Path, run) -> None:
    (tmp_path / "briefs").mkdir()
    shutil.copy(REPO / "briefs/tags.yml", tmp_path / "briefs/tags.yml")
    (tmp_path / "seeds").mkdir()
    code, _, err = run(["--root", str(tmp_path), "ingest", str(tmp_path / "seeds")])
    assert code == 1
    assert err.startswith("no source files found in ")


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    with serving(monkeypatch) as server:
        yield server


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with no brief and no seeds/ yet."""
    (tmp_path / "briefs").mkdir()
    shutil.copy(REPO / "briefs/tags.yml", tmp_path / "briefs/tags.yml")
    return tmp_path


def written(project: Path) -> list[str]:
    """Every file under seeds/ and briefs/ but the vocabulary."""
    files = [*project.glob("seeds/**/*"), *project.glob("briefs/**/*.md")]
    return sorted(p.relative_to(project).as_posix() for p in files if p.is_file())


SLUG = "did-north-koreas-kim-inspect-an-upgraded-tank-factory"
KIM = f"2025-05-04-{SLUG}"
"""The name of the saved page's copy in seeds/, without its suffix."""


def test_ingest_of_an_address_saves_the_page_and_records_its_address(
    project: Path, site: Site, run
) -> None:
    url = site.url("/moved")  # redirects to /kim.html
    code, out, err = run(["--root", str(project), "ingest", url])
    brief = f"briefs/2025/05/04-{SLUG}.md"
    assert (code, out, err) == (0, f"{brief}\n", f"{url}: copied to seeds/{KIM}.html\n")
    assert written(project) == [brief, f"seeds/{KIM}.html"]
    assert (project / "seeds" / f"{KIM}.html").read_bytes() == PAGE
    text = (project / brief).read_text(encoding="utf-8")
    assert f"  url: {site.url('/kim.html')}\n  path: seeds/{KIM}.html\n" in text
    assert run(["--root", str(project), "check"])[0] == 0
    code, out, err = run(["--root", str(project), "ingest", url])
    assert (code, out, err) == (0, "", f"{url}: duplicate: already the source of {brief}\n")


def test_a_dry_run_of_an_address_saves_nothing(project: Path, site: Site, run) -> None:
    code, out, err = run(["--root", str(project), "ingest", "--dry-run", site.url("/kim.html")])
    assert (code, err) == (0, f"{site.url('/kim.html')}: would be copied to seeds/{KIM}.html\n")
    assert out.startswith(f"# briefs/2025/05/04-{SLUG}.md\n---\n")
    assert written(project) == []
    assert not (project / "seeds").exists()


def test_an_address_that_cannot_be_fetched_is_a_located_failure(
    project: Path, site: Site, run
) -> None:
    url = site.url("/missing")
    code, out, err = run(["--root", str(project), "ingest", url])
    assert (code, out) == (1, "")
    assert err == f"{url}: failed: {url}:1: source: 404 Not Found; check the address\n"
    assert written(project) == []


def test_a_feed_is_ingested_once(project: Path, site: Site, run) -> None:
    feed = site.url("/feed.xml")
    code, out, err = run(["--root", str(project), "ingest", "--feed", feed])
    assert code == 0, err
    short = f"briefs/{dt.date.today():%Y/%m/%d}-seoul-and-tokyo-agree.md"
    assert out.splitlines() == [f"briefs/2025/05/04-{SLUG}.md", short]
    assert f"{site.url('/moved')}: duplicate: already the source of briefs/2025" in err
    assert f"{site.url('/kim-again.html')}: duplicate: already the source of briefs/" in err
    assert "4 sources: 2 written, 2 duplicate" in err
    seeds = [f"seeds/{KIM}.html", f"seeds/{dt.date.today():%Y-%m-%d}-seoul-and-tokyo-agree.txt"]
    assert written(project) == sorted([f"briefs/2025/05/04-{SLUG}.md", short, *seeds])
    before = {path: (project / path).read_bytes() for path in written(project)}
    site.requested.clear()
    code, out, err = run(["--root", str(project), "ingest", "--feed", feed])
    assert (code, out) == (0, "")
    assert "4 sources: 4 duplicate" in err
    assert {path: (project / path).read_bytes() for path in written(project)} == before
    # Known addresses are not fetched again; a redirect, and new bytes, are checked once fetched.
    assert site.requested == ["/feed.xml", "/moved", "/kim.html", "/kim-again.html"]


def test_one_item_of_a_feed_failing_does_not_stop_the_others(
    project: Path, site: Site, run, tmp_path_factory
) -> None:
    feed = tmp_path_factory.mktemp("Downloads") / "atom.xml"
    feed.write_bytes(atom(site.base))
    code, out, err = run(["--root", str(project), "ingest", "--feed", str(feed)])
    assert code == 1
    assert out == f"briefs/{dt.date.today():%Y/%m/%d}-seoul-and-tokyo-agree.md\n"
    missing = site.url("/missing")
    assert f"{missing}: failed: {missing}:1: source: 404 Not Found; check the address\n" in err
    assert f"{feed}: item 3 “Linkless”: failed: has no link to an article\n" in err
    assert "3 sources: 1 written, 2 failed" in err


def test_a_feed_that_cannot_be_read_is_a_located_error(project: Path, site: Site, run) -> None:
    url = site.url("/photo.png")
    code, out, err = run(["--root", str(project), "ingest", "--feed", url])
    assert (code, out) == (1, "")
    assert err == f"{url}:1: feed: is image/png, not an RSS or Atom feed\n"
    assert written(project) == []


def test_ingest_without_a_source_or_a_feed_is_an_error(project: Path, run) -> None:
    assert run(["--root", str(project), "ingest"]) == (
        1,
        "",
        "newsbrief ingest: give a SOURCE or --feed FEED\n",
    )
