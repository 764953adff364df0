"""The collector in a build: less often while it runs, as before after, and not at exit."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsbrief.archive import collector
from newsbrief.archive.collection import load_archive
from tests.conftest import make_archive


def test_a_build_collects_less_often_then_as_before() -> None:
    before = gc.get_threshold()
    thresholds = collector.collect_less()
    try:
        assert thresholds == before
        assert gc.get_threshold() == collector.BUILD_THRESHOLDS
        assert collector.BUILD_THRESHOLDS[0] > before[0]
    finally:
        collector.collect_as_before(thresholds)
    assert gc.get_threshold() == before


def test_at_exit_every_object_is_out_of_the_last_collections_reach() -> None:
    """Handlers registered at exit run last first: this one sees what Python's last
    collection would go through."""
    program = textwrap.dedent(
        """
        import atexit, gc
        from newsbrief.archive import collector
        atexit.register(lambda: print(gc.get_freeze_count(), gc.get_count()[0]))
        kept = [[index] for index in range(10_000)]
        collector.collect_as_before(collector.collect_less())
        """
    )
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    frozen, young = map(int, run.stdout.split())
    assert frozen > 10_000
    assert young == 0


def test_the_collector_is_paused_within_and_as_it_was_after() -> None:
    assert gc.isenabled()
    with pytest.raises(KeyError), collector.collector_paused():
        assert not gc.isenabled()
        raise KeyError("a brief")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # paused by someone else: left so
    finally:
        gc.enable()


def test_loading_an_archive_sets_off_no_collection(tmp_path: Path) -> None:
    """A collection there goes through every brief read so far, and all else there is."""
    project = make_archive(tmp_path / "project", {"2025/05/04-kim-tank-factory.md": "valid"})
    within: list[bool] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            within.append(_called_from("load_archive"))

    before = gc.get_threshold()
    gc.set_threshold(1, 1, 1)  # a collection at every chance
    gc.callbacks.append(record)
    try:
        load_archive(project, two_cores=False)
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*before)
    assert within.count(True) == 0
    assert within.count(False) > 0  # just after: what was made within is collected


def _called_from(function: str) -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == function:
            return True
        frame = frame.f_back
    return False


def test_what_is_made_to_last_is_frozen_before_the_collector_resumes() -> None:
    """Frozen before the collector resumes, what the block made is never gone through:
    after it, no collection counts it among the young objects, and none starts as the
    collector resumes (as one did, through everything made, when freezing came after)."""
    collections: list[str] = []

    def count(phase: str, info: dict[str, int]) -> None:
        collections.append(phase)

    gc.callbacks.append(count)
    try:
        with collector.made_to_last():
            assert not gc.isenabled()
            kept = [[index] for index in range(max(gc.get_threshold()[0], 1_000) + 1)]
        assert gc.isenabled()
        assert collections == []
        assert id(kept) not in {id(found) for found in gc.get_objects()}
        assert gc.get_count()[0] < 1_000
    finally:
        gc.callbacks.remove(count)
        gc.unfreeze()


def test_nothing_is_frozen_where_what_is_made_to_last_fails_or_is_not_to_be_frozen() -> None:
    frozen = gc.get_freeze_count()
    with pytest.raises(KeyError), collector.made_to_last():
        raise KeyError("a brief")
    with collector.made_to_last(freeze=False):
        kept = [[index] for index in range(1_000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    assert id(kept) in {id(found) for found in gc.get_objects()}
