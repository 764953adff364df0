"""``newsbrief publish PATH...``: drafts made published briefs, when nothing stands in the
way; otherwise what does, with nothing changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsbrief.archive.fsio import display_path
from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.publishing import publish
from newsbrief.cli.project_io import print_problems, project_vocabulary


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``publish`` with the ``commands`` of the parser."""
    parser = commands.add_parser(
        "publish",
        help="publish drafts that have no open notes and pass the check",
        description="Publish each draft given: remove its 'draft: true' line, only if it "
        "has no open review notes, passes `newsbrief check` (quotations verified against "
        "the source included) and has at least one tag. Otherwise say what stands in the "
        "way and change nothing. Exit 1 if any draft was not published.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="draft briefs")
    parser.set_defaults(run=run_publish)


def run_publish(args: argparse.Namespace) -> int:
    """Publish each draft given; print each one published, and what stopped the others."""
    root: Path = args.root
    try:
        vocabulary = project_vocabulary(root)
    except NewsbriefError as error:
        print_problems(error.problems)
        return 1
    refused = []
    for path in args.paths:
        try:
            publish(path, root, root / "briefs", vocabulary)
        except NewsbriefError as error:
            refused += error.problems
            continue
        print(f"published {display_path(path, root)}")
    if refused:
        for problem in refused:
            print(problem, file=sys.stderr)
        print(
            f"{len({p.path for p in refused})} draft(s) not published; nothing in them changed",
            file=sys.stderr,
        )
        return 1
    return 0
