"""The review queue (newsbrief.archive.publishing)."""

from __future__ import annotations

import pytest

from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.publishing import drafts, published_text
from newsbrief.archive.vocabulary import load_vocabulary
from tests.conftest import FIXTURES


def test_drafts_are_listed_oldest_first_even_with_problems(archive_root) -> None:
    root = archive_root(
        {
            "2025/06/12-missiles.md": "draft",
            "2025/05/04-kim.md": "valid",
            "2025/01/02-broken.md": "no-front-matter",
            "2025/03/01-older.md": "draft",
        }
    )
    queue = drafts(root / "briefs", root)
    assert [d.path for d in queue] == [
        "briefs/2025/03/01-older.md",  # its date disagrees with its path: listed all the same
        "briefs/2025/06/12-missiles.md",
    ]
    assert queue[1].notes == ["Confirm the number of missiles."]


def test_a_broken_draft_cannot_be_published(archive_root) -> None:
    root = archive_root({"2025/03/01-older.md": "draft"})
    vocabulary = load_vocabulary(FIXTURES / "tags.yml", "briefs/tags.yml")
    with pytest.raises(NewsbriefError) as raised:
        published_text(root / "briefs/2025/03/01-older.md", root, root / "briefs", vocabulary)
    found = [(p.line, p.field) for p in raised.value.problems]  # every obstacle at once
    assert found == [(3, "date"), (14, "review"), (15, "review[0]")]
