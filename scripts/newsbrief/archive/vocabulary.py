"""The curated vocabulary: the tags of briefs/tags.yml and the stories of
briefs/stories.yml beside it; loading, checking and lookup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.schema import SLUG_PATTERN, Story, Tag
from newsbrief.archive.validation import INVALID, Converter, closest
from newsbrief.archive.yamlio import LocatedData, load_located

STORIES_FILE = "stories.yml"  # beside the tag vocabulary


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Tags by slug, and every name they go by (slug, title, aliases) for lookups; and
    the stories briefs may follow, by slug.

    Compared and hashed by identity, so analyses can cache what they derive from one.
    """

    tags: dict[str, Tag]
    names: dict[str, str]
    stories: dict[str, Story] = field(default_factory=dict)

    def __contains__(self, slug: object) -> bool:
        return slug in self.tags

    def suggest(self, name: str) -> str | None:
        """The tag an unknown tag name most likely means, if any."""
        key = name.casefold().strip()
        if key in self.names:
            return self.names[key]
        guess = closest(key, self.names)
        return self.names[guess] if guess else None

    def unknown_tag(self, tag: str) -> str:
        """What to say of a tag not in the vocabulary, with the one it likely means."""
        guess = self.suggest(tag)
        hint = f"did you mean '{guess}'? " if guess else ""
        return f"unknown tag {tag!r}; {hint}use a slug from briefs/tags.yml or add the tag there"

    def unknown_story(self, story: str) -> str:
        """What to say of a story not in briefs/stories.yml, with the one it likely means."""
        if not self.stories:
            return (
                f"unknown story {story!r}; briefs/stories.yml defines no stories: add it there "
                "with a title and a description"
            )
        guess = closest(story, self.stories)
        hint = f"did you mean '{guess}'? " if guess else ""
        return (
            f"unknown story {story!r}; {hint}use a slug from briefs/stories.yml "
            "or add the story there"
        )


def load_vocabulary(file: Path, display: str) -> Vocabulary:
    """Read and check the tag vocabulary at ``file`` and the stories beside it (none if
    there is no stories file); ``display`` is the tag file's path shown in messages.
    Raises :class:`NewsbriefError` with every problem of both files."""
    problems: list[Problem] = []
    vocabulary = read_vocabulary(file, display, problems)
    if problems:
        raise NewsbriefError(problems)
    return vocabulary


def read_vocabulary(file: Path, display: str, problems: list[Problem]) -> Vocabulary:
    """The vocabulary as far as it is sound, every problem added to ``problems``: no tags
    if the tag file has any, and the stories that have none, so that briefs can still be
    checked against it without a flood of problems that are the vocabulary's."""
    try:
        located = _read(file, display, "the tag vocabulary is missing; create it")
        converter = Converter(located, display, document="vocabulary")
        tags = _slugged(converter, Tag, "tag", "{title, kind, description, aliases}")
        names = _names(tags, converter)
        if converter.problems:
            raise NewsbriefError(converter.problems)
    except NewsbriefError as error:
        problems.extend(error.problems)
        tags, names = {}, {}
    return Vocabulary(tags, names, _stories(file.with_name(STORIES_FILE), display, problems))


def _stories(file: Path, tags_display: str, problems: list[Problem]) -> dict[str, Story]:
    """The sound stories of ``file`` (none if it is not there); problems go to ``problems``."""
    if not file.exists():
        return {}
    display = str(Path(tags_display).with_name(STORIES_FILE))
    try:
        converter = Converter(_read(file, display, ""), display, document="stories")
    except NewsbriefError as error:
        problems.extend(error.problems)
        return {}
    stories = _slugged(converter, Story, "story", "{title, description}")
    problems.extend(converter.problems)
    return stories


def _read(file: Path, display: str, missing: str) -> LocatedData:
    """The located YAML of a vocabulary file; ``missing`` says what to do if it is not there."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NewsbriefError([Problem(display, 1, "file", missing)]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise NewsbriefError([Problem(display, 1, "file", f"cannot be read: {error}")]) from None
    return load_located(text, path=display)


def _slugged(converter: Converter, record: type, noun: str, fields: str) -> dict[str, Any]:
    """The file's ``record`` entries by slug, each checked; problems go to ``converter``."""
    raw_entries = converter.located.value
    if not isinstance(raw_entries, dict) or not raw_entries:
        converter.problem("", f"expected a mapping of {noun} slugs to {fields}")
        return {}
    entries: dict[str, Any] = {}
    for slug, raw in raw_entries.items():
        value = converter.record(record, raw, str(slug))
        if not re.fullmatch(SLUG_PATTERN, str(slug)):
            converter.problem(
                str(slug), f"a {noun} slug is lowercase letters and digits joined by single hyphens"
            )
        elif value is not INVALID:
            entries[str(slug)] = value
    return entries


def _names(tags: dict[str, Tag], converter: Converter) -> dict[str, str]:
    """Map every slug, title and alias (case-folded) to its tag; report clashes."""
    names: dict[str, str] = {}
    for slug, tag in tags.items():
        for index, name in enumerate([slug, tag.title, *tag.aliases]):
            key = name.casefold()
            owner = names.setdefault(key, slug)
            if owner != slug:
                where = f"{slug}.aliases[{index - 2}]" if index >= 2 else f"{slug}.title"
                converter.problem(
                    where, f"{name!r} already names the tag '{owner}'; each name belongs to one tag"
                )
    return names
