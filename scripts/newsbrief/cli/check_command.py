"""``newsbrief check``: every problem of the archive, or of the briefs given or changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsbrief.archive.changes import GitError, changed_briefs
from newsbrief.archive.collection import load_archive
from newsbrief.archive.fsio import display_path
from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.cli.project_io import print_problems


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``check`` with the ``commands`` of the parser."""
    parser = commands.add_parser(
        "check",
        help="check briefs and the tag vocabulary",
        description="Check every brief and briefs/tags.yml, and print every problem as "
        "path:line: field: problem. Exit 1 if there is any.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="briefs or folders (default: all)"
    )
    parser.add_argument(
        "--changed",
        nargs="?",
        const="main",
        metavar="BASE",
        help="only the briefs changed since the branch left BASE (git; default: main), "
        "committed or not",
    )
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
    paths: list[Path] = args.paths
    if args.changed is not None:
        try:
            paths = paths + changed_briefs(root, args.changed)
        except GitError as error:
            print(f"newsbrief check --changed: {error}", file=sys.stderr)
            return 2
        if not paths:
            print(f"no briefs changed since {args.changed}")
            return 0
    missing = [path for path in paths if not path.exists()]
    if missing:
        for path in missing:
            print(f"{path}: no such file or folder", file=sys.stderr)
        return 2
    selected = [display_path(path, root) for path in paths]
    try:
        archive = load_archive(root)
    except NewsbriefError as error:
        problems = [p for p in error.problems if _selected(p, selected)]
        if problems:
            print_problems(problems, args.format)
            return 1
        print(
            f"no problems in {', '.join(selected)} (other files have some: run `newsbrief check`)"
        )
        return 0
    print(
        f"checked {len(archive.entries)} brief(s) and {len(archive.vocabulary.tags)} tags: "
        "no problems"
    )
    for shared in archive.entity_addresses().shared:
        print(f"note: {shared}")
    return 0


def _selected(problem: Problem, selected: list[str]) -> bool:
    """Whether a problem concerns one of the selected paths; the vocabulary always does."""
    if not selected or problem.path.endswith("tags.yml"):
        return True
    return any(
        problem.path == path or problem.path.startswith(path.rstrip("/") + "/") for path in selected
    )
