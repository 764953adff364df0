"""Python's cycle collector in a long build: run less often, and not at exit.

By default the collector runs after every 700 new container objects (dicts, lists,
tuples...) and looks at the older ones every 10 and 100 runs. A build keeps most of
what it makes to its end: the archive, frozen once read (``gc.freeze``), and then the
pages' calls, keys and files, frozen once made (the plugin's ``on_files``). At 10,000
briefs the collector still took 1.5 s of a full build and 0.34 to 0.52 s of a cached
one (a tenth of it) going through those, to find little; and 0.3 s more at exit, when
Python collects once more before the process ends and its memory goes with it. With
:data:`BUILD_THRESHOLDS` it took 0.31 s of the full build and 0.14 to 0.19 s of the
cached one, none at exit, and the full build's peak memory was the same: what forms
cycles is still collected, in larger batches.
Loading the archive and making the pages' calls, it is paused (:func:`collector_paused`),
and what they made is frozen: collections took 4.1 and 4.2 s of two full builds of
100,000 briefs when only the archive was frozen; with the calls frozen too, 1.1 s of one
of 100,000 briefs, 0.07 s of one of 10,000 and 0.02 s of a cached one of 10,000 (the
build's own process, timed with ``gc.callbacks``).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
from collections.abc import Iterator

BUILD_THRESHOLDS = (50_000, 20, 100)
"""``gc.set_threshold``'s: the youngest objects are collected after 50,000 new ones
(not 700), the middle generation after 20 of those runs (a million objects), the
oldest after 100 of these."""

Thresholds = tuple[int, int, int]


def collect_less() -> Thresholds:
    """Collect with :data:`BUILD_THRESHOLDS` until :func:`collect_as_before`, and not at
    this process's exit; the thresholds before, to give that."""
    before: Thresholds = gc.get_threshold()
    gc.set_threshold(*BUILD_THRESHOLDS)
    _no_collection_at_exit()
    return before


def collect_as_before(thresholds: Thresholds) -> None:
    """Collect with ``thresholds`` again (those :func:`collect_less` gave)."""
    gc.set_threshold(*thresholds)


@functools.cache
def _no_collection_at_exit() -> None:
    """At exit, before Python's last collection, move every object out of its reach
    (``gc.freeze``): the memory is the system's again once the process ends."""
    atexit.register(gc.freeze)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection within: the archive's many objects, loaded or read by the
    thousand, set it off again and again, each time through all the objects there are.
    With :data:`BUILD_THRESHOLDS`, collections took 0.18 and 0.21 s of two builds of
    10,000 briefs with the cache and 0.38 s of a full one; with the loading paused and
    the archive then frozen, 0.08 s and 0.22 s. Reading briefs leaves little garbage:
    what a collection would find is collected at the first one after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@contextlib.contextmanager
def made_to_last(freeze: bool = True) -> Iterator[None]:
    """No garbage collection within (:func:`collector_paused`), and then, where ``freeze``,
    every object there is frozen before the collector resumes: for what is made within and
    lives as long as the process. Frozen after it resumes, the first collection would go
    through it all once. Nothing is frozen where the block raises."""
    with collector_paused():
        yield
        if freeze:
            gc.freeze()
