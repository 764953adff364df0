"""What several commands share: the briefs a command line selects (paths given, or changed
on a branch), the project's tag vocabulary read in, and located problems printed out, for
people or as GitHub Actions annotations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsbrief.archive.changes import GitError, changed_briefs
from newsbrief.archive.collection import VOCABULARY_FILE, VOCABULARY_FILES, Archive, load_archive
from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.vocabulary import Vocabulary, load_vocabulary


class UsageError(Exception):
    """A command line that names what is not there; the command prints it and exits 2."""


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments that select briefs: ``PATH ...`` and ``--changed [BASE]``."""
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


def selected_paths(args: argparse.Namespace, command: str) -> list[Path]:
    """The paths given, and with ``--changed`` the briefs changed since BASE; raise
    :class:`UsageError` when git cannot tell or a path does not exist."""
    paths: list[Path] = args.paths
    if args.changed is not None:
        try:
            paths = paths + changed_briefs(args.root, args.changed)
        except GitError as error:
            raise UsageError(f"newsbrief {command} --changed: {error}") from None
    missing = [path for path in paths if not path.exists()]
    if missing:
        raise UsageError("\n".join(f"{path}: no such file or folder" for path in missing))
    return paths


def concerns(problem: Problem, selected: list[str]) -> bool:
    """Whether a problem concerns one of the ``selected`` paths (as shown; none selected:
    all), or the vocabulary (tags and stories), which every brief uses."""
    if not selected or problem.path.endswith(VOCABULARY_FILES):
        return True
    return any(
        problem.path == path or problem.path.startswith(path.rstrip("/") + "/") for path in selected
    )


def checked_archive(root: Path) -> tuple[Archive | None, list[Problem]]:
    """The archive at ``root`` and no problems, or no archive and every problem ``check``
    finds in it."""
    try:
        return load_archive(root), []
    except NewsbriefError as error:
        return None, error.problems


def project_vocabulary(root: Path) -> Vocabulary:
    """The tag vocabulary of the project at ``root`` (briefs/tags.yml)."""
    return load_vocabulary(root / "briefs" / VOCABULARY_FILE, f"briefs/{VOCABULARY_FILE}")


def print_problems(problems: list[Problem], form: str = "text") -> None:
    """Print ``problems`` on stderr, one a line (``form`` github: as annotations), then a count."""
    for problem in problems:
        print(github_annotation(problem) if form == "github" else problem, file=sys.stderr)
    files = len({problem.path for problem in problems})
    print(
        f"{len(problems)} problem(s) in {files} file(s); fix them and run `newsbrief check` again",
        file=sys.stderr,
    )


def github_annotation(problem: Problem) -> str:
    """``problem`` as a GitHub Actions workflow command: an error shown on its file's line."""
    path, field = _escaped(problem.path, ":,"), _escaped(problem.field, ":,")
    return f"::error file={path},line={problem.line},title={field}::{_escaped(problem.message, '')}"


def _escaped(text: str, also: str) -> str:
    """``text`` escaped as GitHub's workflow commands need (``also``: in a property)."""
    for character in "%\r\n" + also:
        text = text.replace(character, f"%{ord(character):02X}")
    return text
