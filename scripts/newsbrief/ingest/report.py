"""What ingest shows: each brief written, a progress bar and a summary table for many sources."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from newsbrief.ingest.writer import Outcome

T = TypeVar("T")
_ERR = Console(stderr=True, highlight=False)


def progress(items: list[T]) -> Iterator[T]:
    """``items``, with a progress bar on the terminal when there are several."""
    if len(items) < 2 or not _ERR.is_terminal:
        yield from items
        return
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=_ERR, transient=True) as bar:
        yield from bar.track(items)


def print_outcome(outcome: Outcome) -> None:
    """One line per source: the brief's path on stdout, or why nothing was written on stderr;
    and on stderr, where a source from outside seeds/ was copied."""
    if outcome.copy:
        copied = "would be copied" if outcome.status == "dry-run" else "copied"
        print(f"{outcome.source}: {copied} to {outcome.copy}", file=sys.stderr)
    if outcome.status == "written":
        print(outcome.brief)
    elif outcome.status == "dry-run":
        sys.stdout.write(f"# {outcome.brief}\n{outcome.text}")
    else:
        print(f"{outcome.source}: {outcome.status}: {outcome.detail}", file=sys.stderr)


def summary_table(outcomes: Iterable[Outcome]) -> None:
    """The totals, and a row for every source that was not written."""
    outcomes = list(outcomes)
    counts = Counter(o.status for o in outcomes)
    table = Table(title="ingest summary", show_lines=False)
    for column in ("source", "result", "detail"):
        table.add_column(column, overflow="fold")
    for outcome in outcomes:
        if outcome.status not in ("written", "dry-run"):
            table.add_row(outcome.source, outcome.status, outcome.detail)
    _ERR.print(table)
    totals = ", ".join(
        f"{counts[s]} {s}" for s in ("written", "dry-run", "duplicate", "failed") if counts[s]
    )
    _ERR.print(f"{len(outcomes)} sources: {totals}")
