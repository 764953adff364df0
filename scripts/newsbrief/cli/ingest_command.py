"""``newsbrief ingest``: draft briefs from source articles, never replacing an editor's work."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from newsbrief.archive.problems import NewsbriefError
from newsbrief.cli.project_io import print_problems, project_vocabulary
from newsbrief.ingest.report import print_outcome, progress, summary_table
from newsbrief.ingest.writer import ExistingBriefs, expand, ingest_one


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``ingest`` with the ``commands`` of the parser."""
    parser = commands.add_parser(
        "ingest",
        help="turn source articles into draft briefs",
        description="Read each SOURCE (text, Markdown or saved HTML; a folder is read file by "
        "file) and write a draft brief for it under briefs/. A source outside seeds/ is copied "
        "there first, as seeds/<date>-<slug>.<ext>, never replacing a file. Sources already "
        "ingested are skipped; existing briefs are never replaced without --force.",
    )
    parser.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
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
    try:
        vocabulary = project_vocabulary(root)
    except NewsbriefError as error:
        print_problems(error.problems)
        return 1
    sources = list(expand(args.sources))
    if not sources:
        print("no source files found in " + ", ".join(map(str, args.sources)), file=sys.stderr)
        return 1
    archive = ExistingBriefs(args.out or root / "briefs", root)
    today = dt.date.today()
    outcomes = []
    for source in progress(sources):
        outcome = ingest_one(
            source, archive, vocabulary, today=today, force=args.force, dry_run=args.dry_run
        )
        outcomes.append(outcome)
        print_outcome(outcome)
    if len(outcomes) > 1:
        summary_table(outcomes)
    return 1 if any(o.status == "failed" for o in outcomes) else 0
