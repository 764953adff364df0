"""Corrections to Material's HTML, and the whole built site through the Nu HTML checker."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from newsbrief.mkdocs_adapter.material_fixes import fix_material_html
from tests.conftest import REPO

VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"  # installed from package.json


def test_fixes_name_the_dialog_drop_toggle_autocomplete_and_orphan_toc_labels() -> None:
    html = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
        'autocomplete="off">\n'
        '<div class="md-search" data-md-component="search" role="dialog">\n'
        '<input type="text" class="md-search__input" autocomplete="off">\n'
        '<label class="md-nav__title" for="__toc">'
    )
    assert fix_material_html(html) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">\n'
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">\n'
        '<input type="text" class="md-search__input" autocomplete="off">\n'
        '<label class="md-nav__title">'
    )
    with_toc = '<input id="__toc"><label class="md-nav__title" for="__toc">'
    assert fix_material_html(with_toc) == with_toc


def test_materials_script_is_fetched_after_the_first_paint() -> None:
    bundle = "../../assets/javascripts/bundle.a5f9d56c.min.js"
    fixed = fix_material_html(f'<p>text</p>\n<script src="{bundle}"></script>')
    assert fixed.startswith("<p>text</p>\n<script>(()=>{const load=") and fixed.count(bundle) == 1
    assert f'{{src:"{bundle}"}}' in fixed and '.observe({type:"paint",buffered:true})' in fixed
    other = '<script src="assets/javascripts/extra.js"></script>'
    assert fix_material_html(other) == other


def test_every_page_of_the_built_site_is_valid_html(tmp_path: Path) -> None:
    from tests.mkdocs_adapter.test_plugin import build_site, make_story_site

    assert VNU.exists() and shutil.which("java"), "run `make test`: it installs java and vnu"
    site = build_site(make_story_site(tmp_path))  # every kind of page, story pages too
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
