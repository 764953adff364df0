"""Pages made from skeletons of Material's template: the same site as rendered in full."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from newsbrief.mkdocs_adapter import plugin
from newsbrief.mkdocs_adapter.plugin import NewsbriefPlugin, finished
from newsbrief.mkdocs_adapter.skeleton import Skeletons
from tests.conftest import make_site, set_plugin_options, site_files
from tests.mkdocs_adapter.test_plugin import BRIEFS

# A theme override using a page's title in a way the skeleton cannot put back as it is.
SHOUTED_TITLE = (
    '{% if page and page.meta %}<meta name="x-shouted" content="{{ page.meta.title | upper }}">'
    "{% endif %}\n"
)


def build_in_full_and_from_skeletons(
    root: Path, change_project: Callable[[Path], None] = lambda project: None
) -> tuple[dict[str, bytes], dict[str, bytes], Skeletons]:
    """The site's files rendered in full and from skeletons, and the skeletons used
    (on one core, so that every page goes through the same skeletons)."""
    sites = {}
    for name, skeletons in (("full", False), ("skeletons", True)):
        project = root / name
        project.mkdir()
        make_site(project, BRIEFS)
        set_plugin_options(project, parallel=False, skeletons=skeletons)
        change_project(project)
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        sites[name] = site_files(project / "site")
        built = config.plugins["newsbrief"]
        assert isinstance(built, NewsbriefPlugin)
    assert built.skeletons is not None
    return sites["full"], sites["skeletons"], built.skeletons


def assert_same_files(full: dict[str, bytes], from_skeletons: dict[str, bytes]) -> None:
    assert full.keys() == from_skeletons.keys()
    assert [name for name in full if full[name] != from_skeletons[name]] == []


def test_pages_from_skeletons_are_byte_for_byte_the_pages_rendered_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    finished_again: list[str] = []  # whole pages given to be finished, finished already

    def finishing(html: str) -> str:
        done = finished(html)
        if done == html and html.lstrip().startswith("<!doctype html>"):
            finished_again.append(html)
        return done

    monkeypatch.setattr(plugin, "finished", finishing)
    full, from_skeletons, skeletons = build_in_full_and_from_skeletons(tmp_path)
    assert_same_files(full, from_skeletons)
    # briefs; tags, people, organisations, places and archive pages at two depths each...
    assert len(skeletons.known) >= 6
    assert skeletons.unusable == 0  # ...each from its skeleton, none rendered in full
    assert skeletons.unfinished == 0  # ...and finished there
    assert finished_again == []  # ...once


def test_a_theme_override_the_skeleton_cannot_follow_is_rendered_in_full(tmp_path: Path) -> None:
    def shout_titles(project: Path) -> None:
        main = project / "overrides" / "main.html"
        text = main.read_text(encoding="utf-8")
        main.write_text(text.replace("  {{ super() }}\n", "  {{ super() }}\n" + SHOUTED_TITLE))

    full, from_skeletons, skeletons = build_in_full_and_from_skeletons(tmp_path, shout_titles)
    assert_same_files(full, from_skeletons)
    assert b'content="KIM JONG-UN INSPECTS' in full["2025/05/04/kim-tank-factory/index.html"]
    assert skeletons.known and skeletons.unusable == len(skeletons.known)
