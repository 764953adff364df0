"""``newsbrief review``: the drafts awaiting an editor, oldest first, each with its open
review notes and the problems ``check`` finds in it."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsbrief.archive.problems import Problem
from newsbrief.archive.publishing import Draft, drafts
from newsbrief.cli.project_io import checked_archive


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``review`` with the ``commands`` of the parser."""
    parser = commands.add_parser(
        "review",
        help="list the drafts awaiting review, with their notes and problems",
        description="List every draft, oldest first, with its open review notes and the "
        "problems `newsbrief check` finds in it, and say which are ready to publish "
        "(`newsbrief publish PATH`).",
    )
    parser.set_defaults(run=run_review)


def run_review(args: argparse.Namespace) -> int:
    """Print the review queue; exit 0 (a queue is not a failure)."""
    root: Path = args.root
    queue = drafts(root / "briefs", root)
    if not queue:
        print("no drafts await review")
        return 0
    problems = _problems_by_file(root)
    ready = [d.path for d in queue if not d.notes and not problems.get(d.path)]
    print(f"{len(queue)} draft(s) await review, oldest first; {len(ready)} ready to publish\n")
    for draft in queue:
        print("\n".join(_entry(draft, problems.get(draft.path, []))) + "\n")
    return 0


def _problems_by_file(root: Path) -> dict[str, list[Problem]]:
    """What ``check`` finds, by file (nothing when the archive passes)."""
    found: dict[str, list[Problem]] = {}
    for problem in checked_archive(root)[1]:
        found.setdefault(problem.path, []).append(problem)
    return found


def _entry(draft: Draft, problems: list[Problem]) -> list[str]:
    """One draft: where it is and its title, then what stands between it and publishing."""
    lines = [f"{draft.path} ({draft.date}): {draft.title}"]
    lines += [f"  note: {note}" for note in draft.notes]
    lines += [f"  problem: line {p.line}, {p.field}: {p.message}" for p in problems]
    if draft.notes or problems:
        lines.append(
            f"  not ready: {_count(draft.notes, 'open note')}, {_count(problems, 'problem')}"
        )
    else:
        lines.append(f"  ready: newsbrief publish {draft.path}")
    return lines


def _count(items: list, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"
