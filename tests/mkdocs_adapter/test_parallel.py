"""Pages rendered on two cores: the same site as on one, page for page."""

from __future__ import annotations

from pathlib import Path

from newsbrief.archive import cores
from tests.conftest import make_site, set_plugin_options, site_files
from tests.mkdocs_adapter.test_plugin import BRIEFS, build_site


def test_two_cores_build_exactly_the_site_one_core_builds(tmp_path: Path) -> None:
    assert cores.available()  # Linux with 2 cores: the parallel path is the one tested
    (tmp_path / "both").mkdir()
    (tmp_path / "one").mkdir()
    both = build_site(make_site(tmp_path / "both", BRIEFS))
    one_root = make_site(tmp_path / "one", BRIEFS)
    set_plugin_options(one_root, parallel=False)
    one = build_site(one_root)
    two_cores, one_core = site_files(both), site_files(one)
    assert two_cores.keys() == one_core.keys()
    different = [name for name in two_cores if two_cores[name] != one_core[name]]
    assert different == []
    assert two_cores["sitemap.xml"].count(b"<loc>") == sum(
        1 for name in two_cores if name.endswith("index.html")
    )
