"""The previous build's site: moved aside, then moved back or deleted, on real folders."""

from __future__ import annotations

import time
from pathlib import Path

from newsbrief.mkdocs_adapter.old_site import PREFIX, OldSite


def a_site(root: Path) -> Path:
    site = root / "site"
    (site / "2025/05/04/slug").mkdir(parents=True)
    (site / "2025/05/04/slug/index.html").write_text("<p>old</p>", "utf-8")
    return site


def test_the_old_site_moves_aside_and_back_whole(tmp_path: Path) -> None:
    site = a_site(tmp_path)
    old = OldSite()
    old.move_aside(site)
    assert not site.exists() and len(list(tmp_path.glob(f"{PREFIX}*"))) == 1
    site.mkdir()  # MkDocs makes the folder it builds into
    assert old.move_back(site)
    assert (site / "2025/05/04/slug/index.html").read_text("utf-8") == "<p>old</p>"
    old.wait()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_the_old_site_is_deleted_where_it_is_not_moved_back(tmp_path: Path) -> None:
    site = a_site(tmp_path)
    old = OldSite()
    old.move_aside(site)
    (site / "new.html").parent.mkdir()
    (site / "new.html").write_text("new", "utf-8")
    assert not old.move_back(site)  # the folder has new files: they stay
    old.delete(site)
    old.wait()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
    assert [path.name for path in site.iterdir()] == ["new.html"]


def test_a_stopped_build_s_old_site_is_deleted_by_the_next(tmp_path: Path) -> None:
    stopped = tmp_path / f"{PREFIX}stopped/site"
    stopped.mkdir(parents=True)
    site = a_site(tmp_path)
    old = OldSite()
    old.move_aside(site)
    assert old.move_back(site)
    old.delete(site)
    old.wait()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_deleted_old_site_s_hidden_entries_stay(tmp_path: Path) -> None:
    site = a_site(tmp_path)
    (site / ".git").mkdir()
    (site / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n", "utf-8")
    old = OldSite()
    old.move_aside(site)
    old.delete(site)
    old.wait()
    assert [path.name for path in site.iterdir()] == [".git"]
    assert (site / ".git/HEAD").is_file()


def test_what_a_build_neither_wrote_nor_kept_is_deleted(tmp_path: Path) -> None:
    site = a_site(tmp_path)
    for name in ("kept.xml", "pagefind/volumes/2025-05/pagefind-entry.json", ".git/HEAD"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("old", "utf-8")
    old = OldSite()
    old.move_aside(site)
    assert old.move_back(site)
    since = time.time_ns()
    time.sleep(0.05)  # file times come from a coarser clock, a few milliseconds behind
    (site / "written.html").write_text("new", "utf-8")
    old.delete_stale(site, since, {"kept.xml"})
    left = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    assert left == [
        ".git/HEAD",
        "kept.xml",
        "pagefind/volumes/2025-05/pagefind-entry.json",
        "written.html",
    ]
    assert not (site / "2025").exists()  # the folders left empty go too


def test_no_site_nothing_to_move(tmp_path: Path) -> None:
    old = OldSite()
    old.move_aside(tmp_path / "site")
    assert not old.move_back(tmp_path / "site")
    old.wait()
    assert list(tmp_path.iterdir()) == []
