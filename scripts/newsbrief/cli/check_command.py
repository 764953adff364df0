"""``newsbrief check``: every problem of the archive, or of the briefs given or changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsbrief.archive.fsio import display_path
from newsbrief.cli.project_io import (
    UsageError,
    add_selection_arguments,
    checked_archive,
    concerns,
    print_problems,
    selected_paths,
)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``check`` with the ``commands`` of the parser."""
    parser = commands.add_parser(
        "check",
        help="check briefs and the tag vocabulary",
        description="Check every brief, briefs/tags.yml and briefs/stories.yml, and print "
        "every problem as path:line: field: problem. Exit 1 if there is any.",
    )
    add_selection_arguments(parser)
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: print problems as GitHub Actions annotations on the files' lines",
    )
    parser.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    """Check the archive; report the problems of the given paths (all when none are given)."""
    root: Path = args.root
    try:
        paths = selected_paths(args, "check")
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    if args.changed is not None and not paths:
        print(f"no briefs changed since {args.changed}")
        return 0
    selected = [display_path(path, root) for path in paths]
    archive, found = checked_archive(root)
    if archive is None:
        problems = [p for p in found if concerns(p, selected)]
        if problems:
            print_problems(problems, args.format)
            return 1
        print(
            f"no problems in {', '.join(selected)} (other files have some: run `newsbrief check`)"
        )
        return 0
    stories = len(archive.vocabulary.stories)
    print(
        f"checked {len(archive.entries)} brief(s), {len(archive.vocabulary.tags)} tags and "
        f"{stories} {'story' if stories == 1 else 'stories'}: no problems"
    )
    for shared in archive.entity_addresses().shared:
        print(f"note: {shared}")
    return 0
