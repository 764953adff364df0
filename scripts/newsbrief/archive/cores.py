"""The second core: forking a child process for half of a piece of work.

Reading the briefs and rendering the pages are the long parts of a build, and each brief
or page is independent of the others. On a machine with ``os.fork`` and more than one
core, a forked child does every other one (it starts with all the parent knows, at no
cost). Only for processes without threads, such as ``mkdocs build`` and the command
line: threads do not survive a fork, so nothing forks while another thread runs.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

log = logging.getLogger("mkdocs.plugins.newsbrief")

Item = TypeVar("Item")
Result = TypeVar("Result")
WORTH_A_FORK = 200
"""Below this many items, forking and pickling cost more than they save."""


def available() -> bool:
    """Whether forking helps and is safe: ``os.fork`` and a second core are there, and no
    other thread runs (a fork copies only the thread that forks)."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


NICENESS = 5
"""This process's niceness once it lowers its priority (0 is the default, 19 the lowest)."""


def give_way_to_children() -> None:
    """Lower this process's priority, and so that of the children it forks from now on,
    below that of the children it started before.

    ``mkdocs build`` starts Pagefind, the longest single task, then renders pages in two
    processes: three processes on two cores. At the same priority, Pagefind, which uses
    one core, got two thirds of one and ran on alone at the end; given way to, it has a
    core to itself throughout. Priority can only be lowered: done once, it stays.
    """
    if hasattr(os, "getpriority") and os.getpriority(os.PRIO_PROCESS, 0) < NICENESS:
        os.setpriority(os.PRIO_PROCESS, 0, NICENESS)


def fork(work: Callable[[], bool]) -> int:
    """Fork a child that runs ``work`` and exits, with 0 where ``work`` returned True;
    the child's process id (see :func:`succeeded`)."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = 0 if work() else 1
        except BaseException:
            log.exception("newsbrief: the second process failed")
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    return pid


def succeeded(pid: int) -> bool:
    """Wait for the child ``pid``; whether it exited with 0."""
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def map_on_two_cores(
    function: Callable[[Item], Result], items: Sequence[Item], allowed: bool = True
) -> list[Result]:
    """``[function(item) for item in items]``, every other item done by a forked child
    (where ``allowed`` and :func:`available`), whose results come back pickled.

    ``function`` must not raise (return problems as values) and its results must pickle.
    """
    if not (allowed and available()) or len(items) < WORTH_A_FORK:
        return [function(item) for item in items]
    reading, writing = os.pipe()

    def send() -> bool:
        os.close(reading)
        with os.fdopen(writing, "wb") as pipe:
            pickle.dump([function(item) for item in items[1::2]], pipe, pickle.HIGHEST_PROTOCOL)
        return True

    pid = fork(send)
    os.close(writing)
    pipe = os.fdopen(reading, "rb")
    try:
        results = [function(item) for item in items[0::2]]
        theirs: list[Result] = pickle.load(pipe)
    except EOFError:  # the child failed before sending: it logged why
        theirs = []
    finally:
        pipe.close()  # first: a child still sending stops, and can be waited for
        child_succeeded = succeeded(pid)
    if not child_succeeded or len(theirs) != len(items[1::2]):
        raise RuntimeError("newsbrief: the second process failed (above)")
    merged = [*results, *theirs]  # of the right length; then each result to its place
    merged[0::2], merged[1::2] = results, theirs
    return merged
