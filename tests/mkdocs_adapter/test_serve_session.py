"""What a serve session keeps between builds: an edit in place is known from the archive,
without comparing every brief."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from newsbrief.mkdocs_adapter import serve_session
from tests.conftest import make_site
from tests.mkdocs_adapter.test_incremental import changed, dirty_build, edit, serving
from tests.mkdocs_adapter.test_plugin import BRIEFS

KIM = "2025/05/04-kim-tank-factory.md"


def test_briefs_edited_in_place_are_known_without_comparing_every_brief(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_site(tmp_path, BRIEFS)
    compared: list[int] = []
    entry_changes = serve_session.entry_changes
    monkeypatch.setattr(
        serve_session,
        "entry_changes",
        lambda before, entries: compared.append(1) or entry_changes(before, entries),
    )
    with serving(root) as served:
        dirty_build(root)
        edit(served, root, KIM, "title: Kim Jong-un inspects", "title: Kim sees")
        dirty_build(root)
        assert compared == []  # edited in place: known from the archive
        session = load_config(str(root / "mkdocs.yml")).plugins["newsbrief"].session
        assert session.brief_pages is not None
        assert session.brief_pages.by_uri["2025/05/04/kim-tank-factory.md"].brief.title.startswith(
            "Kim sees"
        )
        brief = root / "briefs" / KIM
        changed(served, lambda: brief.rename(root / "briefs/2025/05/04-kim-renamed.md"))
        dirty_build(root)
        assert compared == [1]  # a brief renamed: every brief compared
        session.forget()
        assert session.brief_pages is None
        assert session.archive is not None and session.changes(session.archive) is None
