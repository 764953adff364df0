"""Located problems: the one error type for bad content.

Every check collects :class:`Problem` values instead of stopping at the first;
code that cannot go on raises :class:`NewsbriefError` carrying all of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, and how to fix it."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class NewsbriefError(Exception):
    """Bad content: carries every problem found, each with file, line and field."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
