"""`make serve` learns of edits in briefs/ and seeds/ from the system's file events."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from newsbrief.mkdocs_adapter.file_events import SIGNAL_FILE, FileEvents


def signalled_after(events: FileEvents, action: Callable[[], object]) -> None:
    """Run ``action``, and wait for ``events`` to rewrite its signal file (the system's
    events come asynchronously, within milliseconds)."""
    assert events.signal_dir is not None
    signal = events.signal_dir / SIGNAL_FILE
    before = signal.read_text()
    action()
    deadline = time.monotonic() + 5
    while signal.read_text() == before and time.monotonic() < deadline:
        time.sleep(0.02)


def changes_after(events: FileEvents, action: Callable[[], object]) -> set[str] | None:
    """What ``events`` took after ``action`` (and the events it set off: a few more may
    follow the first)."""
    signalled_after(events, action)
    time.sleep(0.2)
    return events.take()


def test_file_events_name_each_file_written_and_rewrite_the_signal(tmp_path: Path) -> None:
    briefs, seeds = tmp_path / "briefs", tmp_path / "seeds"
    (briefs / "2025").mkdir(parents=True)
    seeds.mkdir()
    brief, article, moved = briefs / "2025/a.md", seeds / "a.txt", briefs / "2025/b.md"
    brief.write_text("a brief")
    article.write_text("an article")
    events = FileEvents()
    assert events.take() is None  # not watching: every file may have changed
    assert events.start([briefs, seeds])
    assert events.signal_dir is not None
    signal_dir = events.signal_dir
    try:
        assert events.take() is None  # the first build looks at every file

        def edit() -> None:
            brief.write_text("an edited brief")
            article.write_text("an edited article")

        assert changes_after(events, edit) == {str(brief), str(article)}
        article.read_text()  # reading is no change, and rewrites no signal
        time.sleep(0.2)
        assert events.take() == set()
        assert changes_after(events, lambda: brief.rename(moved)) == {str(brief), str(moved)}
        # a folder moved: its files moved with it, and no event names them
        assert changes_after(events, lambda: (briefs / "2025").rename(briefs / "2026")) is None
        assert events.take() == set()
    finally:
        events.stop()
    assert not signal_dir.exists()
