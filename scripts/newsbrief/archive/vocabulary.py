"""The curated tag vocabulary (briefs/tags.yml): loading, checking and lookup."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.schema import SLUG_PATTERN, Tag
from newsbrief.archive.validation import INVALID, Converter, closest
from newsbrief.archive.yamlio import load_located


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Tags by slug, and every name they go by (slug, title, aliases) for lookups.

    Compared and hashed by identity, so analyses can cache what they derive from one.
    """

    tags: dict[str, Tag]
    names: dict[str, str]

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


def load_vocabulary(file: Path, display: str) -> Vocabulary:
    """Read and check the vocabulary; ``display`` is the path shown in messages."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NewsbriefError(
            [Problem(display, 1, "file", "the tag vocabulary is missing; create it")]
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise NewsbriefError([Problem(display, 1, "file", f"cannot be read: {error}")]) from None
    located = load_located(text, path=display)
    converter = Converter(located, display, document="vocabulary")
    if not isinstance(located.value, dict) or not located.value:
        converter.problem(
            "", "expected a mapping of tag slugs to {title, kind, description, aliases}"
        )
        raise NewsbriefError(converter.problems)
    tags: dict[str, Tag] = {}
    for slug, raw in located.value.items():
        tag = converter.record(Tag, raw, str(slug))
        if not re.fullmatch(SLUG_PATTERN, str(slug)):
            converter.problem(
                str(slug), "a tag slug is lowercase letters and digits joined by single hyphens"
            )
        elif tag is not INVALID:
            tags[str(slug)] = tag
    names = _names(tags, converter)
    if converter.problems:
        raise NewsbriefError(converter.problems)
    return Vocabulary(tags, names)


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
