"""The review queue: the drafts awaiting an editor, and a draft made a published brief.

A draft is published only when nothing stands in its way: no open ``review`` note, no
problem the checker finds (quotations verified against the source included), and at
least one tag. Publishing removes the ``draft: true`` line and nothing else, so the
editor's file keeps its layout and comments; it is written only once the result passes
the check as a published brief.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newsbrief.archive.brief import (
    parse_brief,
    read_brief_text,
    read_front_matter,
    split_front_matter,
)
from newsbrief.archive.fsio import display_path, write_atomic
from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.archive.yamlio import LocatedData

_DRAFT_LINE = re.compile(r"draft:[ \t]*(?:true|True|TRUE)[ \t]*(?:#.*)?")


@dataclass(frozen=True)
class Draft:
    """A brief awaiting review: where it is, its title and date as written, and its open
    notes (read without the checker, so a draft with problems is listed too)."""

    path: str
    title: str
    date: str
    notes: list[str]


def drafts(briefs: Path, root: Path) -> list[Draft]:
    """Every draft under ``briefs``, oldest first (by the date in its path)."""
    found = []
    for file in sorted(briefs.rglob("*.md")):
        display = display_path(file, root)
        try:
            front = read_front_matter(file, display)
        except NewsbriefError:
            continue  # no front matter to read: `newsbrief check` says why
        if front.get("draft") is True:
            notes = front.get("review") or []
            notes = [str(note) for note in notes] if isinstance(notes, list) else [str(notes)]
            found.append(Draft(display, str(front.get("title", "")), str(front.get("date")), notes))
    return found


def published_text(file: Path, root: Path, briefs: Path, vocabulary: Vocabulary) -> str:
    """The text of the draft at ``file`` as a published brief; raise
    :class:`NewsbriefError` with everything that stands in the way."""
    display = display_path(file, root)
    text = read_brief_text(file, display)
    located, _body, _line = split_front_matter(text, display)
    if located.value.get("draft") is not True:
        raise _refusal(display, 1, "draft", "is published already (it has no 'draft: true')")
    notes = _open_notes(located, display)
    try:
        parse_brief(text, file, root, briefs, vocabulary)
    except NewsbriefError as error:
        raise NewsbriefError(error.problems + notes) from None
    if notes:
        raise NewsbriefError(notes)
    line = located.line_of("draft")
    lines = text.split("\n")
    if not _DRAFT_LINE.fullmatch(lines[line - 1]):
        raise _refusal(display, line, "draft", "is not a plain 'draft: true' line; edit it by hand")
    published = "\n".join(lines[: line - 1] + lines[line:])
    parse_brief(published, file, root, briefs, vocabulary)  # a published brief's own rules
    return published


def _open_notes(located: LocatedData, display: str) -> list[Problem]:
    """Each open review note, on its line, and how to close them."""
    notes = located.value.get("review") or []
    if not isinstance(notes, list) or not notes:
        return []
    return [
        Problem(display, located.line_of(f"review[{index}]"), f"review[{index}]", f"open: {note}")
        for index, note in enumerate(notes)
    ] + [
        Problem(display, located.line_of("review"), "review", "resolve each note, then delete "
                "it (leave 'review: []' or no review at all)")
    ]  # fmt: skip


def publish(file: Path, root: Path, briefs: Path, vocabulary: Vocabulary) -> None:
    """Make the draft at ``file`` a published brief, or change nothing and raise
    :class:`NewsbriefError` with what stands in the way."""
    write_atomic(file, published_text(file, root, briefs, vocabulary))


def _refusal(display: str, line: int, field: str, message: str) -> NewsbriefError:
    return NewsbriefError([Problem(display, line, field, message)])
