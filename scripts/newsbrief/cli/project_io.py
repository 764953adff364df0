"""What several commands share: the project's tag vocabulary read in, and located
problems printed out, for people or as GitHub Actions annotations."""

from __future__ import annotations

import sys
from pathlib import Path

from newsbrief.archive.collection import VOCABULARY_FILE
from newsbrief.archive.problems import Problem
from newsbrief.archive.vocabulary import Vocabulary, load_vocabulary


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
