"""``newsbrief ingest``: draft briefs from source articles, never replacing an editor's work."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.cli.project_io import print_problems, project_vocabulary
from newsbrief.ingest.fetch import is_address, read_feed
from newsbrief.ingest.report import print_outcome, progress, summary_table
from newsbrief.ingest.writer import ExistingBriefs, Outcome, expand, ingest_address, ingest_one

Source = Path | str | Outcome
"""A file, a web address, or what became of a source that cannot be ingested at all (a
feed's item without a link)."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``ingest`` with the ``commands`` of the parser."""
    parser = commands.add_parser(
        "ingest",
        help="turn source articles into draft briefs",
        description="Read each SOURCE (text, Markdown or saved HTML; a folder is read file by "
        "file; an http or https address is fetched) and write a draft brief for it under "
        "briefs/. A source outside seeds/ is copied there first, as seeds/<date>-<slug>.<ext>, "
        "never replacing a file. Sources already ingested are skipped; existing briefs are "
        "never replaced without --force.",
    )
    parser.add_argument("sources", nargs="*", metavar="SOURCE")
    parser.add_argument(
        "--feed",
        metavar="FEED",
        help="ingest every item of the RSS or Atom feed FEED (an address or a file) not yet "
        "in the archive",
    )
    parser.add_argument("--out", type=Path, help="write briefs under DIR instead of briefs/")
    parser.add_argument(
        "--force", action="store_true", help="ingest duplicates and replace existing briefs"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the briefs instead of writing them"
    )
    parser.set_defaults(run=run_ingest)


def run_ingest(args: argparse.Namespace) -> int:
    """Ingest every source; print each brief written, then a summary when there are many."""
    root: Path = args.root
    if not args.sources and args.feed is None:
        print("newsbrief ingest: give a SOURCE or --feed FEED", file=sys.stderr)
        return 1
    try:
        vocabulary = project_vocabulary(root)
    except NewsbriefError as error:
        print_problems(error.problems)
        return 1
    try:
        sources = _sources(args.sources) + (_feed_sources(args.feed) if args.feed else [])
    except NewsbriefError as error:  # a feed that cannot be read: nothing to ingest
        print(*error.problems, sep="\n", file=sys.stderr)
        return 1
    if not sources:
        print("no source files found in " + ", ".join(args.sources), file=sys.stderr)
        return 1
    archive = ExistingBriefs(args.out or root / "briefs", root)
    today = dt.date.today()
    outcomes = []
    for source in progress(sources):
        outcome = _ingest(source, archive, vocabulary, args, today)
        outcomes.append(outcome)
        print_outcome(outcome)
    if len(outcomes) > 1:
        summary_table(outcomes)
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def _ingest(
    source: Source,
    archive: ExistingBriefs,
    vocabulary: Vocabulary,
    args: argparse.Namespace,
    today: dt.date,
) -> Outcome:
    """What becomes of one source, as ``args`` ask to ingest it."""
    if isinstance(source, Outcome):
        return source
    options = {"today": today, "force": args.force, "dry_run": args.dry_run}
    if isinstance(source, str):
        return ingest_address(source, archive, vocabulary, **options)
    return ingest_one(source, archive, vocabulary, **options)


def _sources(named: list[str]) -> list[Source]:
    """The sources named on the command line, in order: web addresses as they are, and
    the article files of each file or folder."""
    return [
        source
        for name in named
        for source in ([name] if is_address(name) else expand([Path(name)]))
    ]


def _feed_sources(feed: str) -> list[Source]:
    """The address of each item of ``feed``; an item without one fails on its own, and the
    others are ingested still."""
    return [
        item.link
        if item.link
        else Outcome(f"{feed}: item {number} “{item.title}”", "failed", "has no link to an article")
        for number, item in enumerate(read_feed(feed), start=1)
    ]
