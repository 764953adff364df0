"""The collector in a build: less often while it runs, as before after, and not at exit."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap

from newsbrief.archive import collector


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
