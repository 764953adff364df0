"""``newsbrief ingest``, run as a user would run it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import REPO


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
