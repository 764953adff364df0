"""Reading one brief file: bytes to a checked :class:`Entry`, or located problems.

A brief lives at ``briefs/YYYY/MM/DD-slug.md``: YAML front matter (the fields
of :class:`newsbrief.archive.schema.Brief`) between two ``---`` lines, then the
editor's summary in Markdown.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from newsbrief.archive.addresses import brief_uri
from newsbrief.archive.fsio import decode_text, display_path
from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.quotations import SourceText
from newsbrief.archive.safety import unsafe_markup
from newsbrief.archive.schema import Brief, Source, published_minimums
from newsbrief.archive.validation import INVALID, Converter
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.archive.yamlio import LocatedData, load_located

BRIEF_PATH = re.compile(
    r"(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md"
)
_HANDLER = YAMLHandler()
# The fields whose lines an entry keeps, for the checks across the archive that point at
# them (:mod:`newsbrief.archive.collection`). The line of every other field is needed only
# while the brief itself is checked; kept, they took about 3 KB a brief.
LOCATED_ACROSS_BRIEFS = ("source.sha256",)


@dataclass(frozen=True)
class Entry:
    """A checked brief: its front matter, summary and place in the archive."""

    path: str
    slug: str
    brief: Brief
    body: str
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, where: str) -> int:
        """The line of a field of :data:`LOCATED_ACROSS_BRIEFS` in the brief's file (1 if
        unknown)."""
        return self.lines.get(where, 1)

    @functools.cached_property
    def src_uri(self) -> str:
        """The brief's page in the site, e.g. ``2025/05/04/slug.md`` for /2025/05/04/slug/
        (kept: a build asks each brief's hundreds of times)."""
        return brief_uri(self.brief.date, self.slug)


def read_brief(file: Path, root: Path, briefs_dir: Path, vocabulary: Vocabulary) -> Entry:
    """Read, parse and check one brief; raise :class:`NewsbriefError` with every problem."""
    display = display_path(file, root)
    return parse_brief(read_brief_text(file, display), file, root, briefs_dir, vocabulary, display)


def read_front_matter(file: Path, display: str) -> dict[str, Any]:
    """The front matter of the brief at ``file`` (shown as ``display``) as the strict YAML
    reader gives it, not checked against the schema: a draft an editor has half written has
    one too.

    Raises :class:`NewsbriefError` when there is none to read: a file that is not UTF-8
    text, has no front matter, or whose front matter is not a YAML mapping.
    """
    located, _body, _body_line = split_front_matter(read_brief_text(file, display), display)
    return located.value


def parse_brief(
    text: str,
    file: Path,
    root: Path,
    briefs_dir: Path,
    vocabulary: Vocabulary,
    display: str | None = None,
) -> Entry:
    """Parse and check ``text`` as the brief at ``file`` (which need not exist yet), shown
    in messages as ``display`` (by default, :func:`display_path`: given, as a reading
    worked it out already, it is not worked out again, which costs a look at each folder
    of the path)."""
    display = display or display_path(file, root)
    located, body, body_line = split_front_matter(text, display)
    converter = Converter(located, display)
    values = converter.fields(Brief, located.value)
    slug = _check_path(file, briefs_dir, values.get("date", INVALID), converter)
    _check_corrections(values, converter)
    if values.get("tags", INVALID) is not INVALID:
        _check_tags(values["tags"], vocabulary, converter)
    story = values.get("story")
    if story is not None and story is not INVALID and story not in vocabulary.stories:
        converter.problem("story", vocabulary.unknown_story(story))
    if not values.get("draft", False):
        _check_published(values, converter)
    if values.get("source", INVALID) is not INVALID:
        article = _check_source(values["source"], root, converter)
        if article is not None:
            _check_quotations(values, SourceText.of(article, values["source"].path), converter)
    if not body.strip():
        converter.problems.append(
            Problem(
                display,
                body_line,
                "body",
                "the summary is empty; write a short summary in Markdown below the closing '---'",
            )
        )
    for line, message in unsafe_markup(body):
        converter.problems.append(Problem(display, body_line + line, "body", message))
    if converter.problems:
        raise NewsbriefError(converter.problems)
    lines = {
        where: located.lines[where] for where in LOCATED_ACROSS_BRIEFS if where in located.lines
    }
    return Entry(display, slug, Brief(**values), body.strip() + "\n", lines)


def _check_published(values: dict[str, Any], converter: Converter) -> None:
    """What a published brief needs beyond a draft (at least one tag); a field left out
    counts as empty."""
    for name, least in published_minimums().items():
        value = values.get(name, [])
        if value is not INVALID and len(value) < least:
            converter.problem(
                name,
                f"a published brief needs at least {least}; add "
                f"{'one' if least == 1 else least}, or keep the brief a draft (draft: true) "
                "until it has",
            )


def read_brief_text(file: Path, display: str) -> str:
    """The text of the brief at ``file``, or a located error saying why it cannot be read."""
    try:
        data = file.read_bytes()
    except OSError as error:
        raise NewsbriefError(
            [Problem(display, 1, "file", f"cannot be read: {error.strerror}")]
        ) from None
    return brief_text(data, display)


def brief_text(data: bytes, display: str) -> str:
    """The text of a brief's bytes, or a located error saying why they are not a brief's."""
    return decode_text(
        data, display, "file", binary="is binary, not a Markdown brief", advice="save it as UTF-8"
    )


def split_front_matter(text: str, display: str) -> tuple[LocatedData, str, int]:
    """Front matter (located in the file) and body, and the line the body starts on."""
    if not _HANDLER.detect(text):
        raise NewsbriefError(
            [
                Problem(
                    display,
                    1,
                    "front matter",
                    "missing; a brief starts with a '---' line, its YAML fields, and another '---'",
                )
            ]
        )
    try:
        front, body = _HANDLER.split(text)
    except ValueError:
        raise NewsbriefError(
            [
                Problem(
                    display, 1, "front matter", "is not closed; add a '---' line after the fields"
                )
            ]
        ) from None
    opening = _HANDLER.FM_BOUNDARY.match(text)
    before_front = text[: opening.end()] if opening else ""
    located = load_located(front, path=display, start_line=before_front.count("\n") + 1)
    if not isinstance(located.value, dict):
        raise NewsbriefError(
            [Problem(display, 1, "front matter", "must be a mapping of fields ('title: ...')")]
        )
    body_line = (before_front + front).count("\n") + 2
    return located, body, body_line


def _check_path(file: Path, briefs_dir: Path, date: dt.date, converter: Converter) -> str:
    """The slug from the file name; report a path that breaks the scheme or disagrees with date."""
    try:
        relative = PurePosixPath(file.resolve().relative_to(briefs_dir.resolve()).as_posix())
    except ValueError:
        relative = PurePosixPath(file.name)
    match = BRIEF_PATH.fullmatch(str(relative))
    dated = date is not INVALID
    if not match:
        expected = f"{date:%Y/%m/%d}-<slug>.md" if dated else "YYYY/MM/DD-<slug>.md"
        converter.problems.append(
            Problem(
                converter.path,
                1,
                "path",
                f"does not follow briefs/{expected} (slug: lowercase letters, digits and hyphens); "
                "rename the file",
            )
        )
        return relative.stem
    slug = match["slug"]
    if dated and f"{date:%Y/%m/%d}" != f"{match['year']}/{match['month']}/{match['day']}":
        converter.problem(
            "date",
            f"{date} disagrees with the file's path; fix the date or move the file to "
            f"briefs/{date:%Y/%m/%d}-{slug}.md",
        )
    return slug


def _check_corrections(values: dict[str, Any], converter: Converter) -> None:
    """Each correction is dated on or after the brief's date and the correction before it,
    so the list reads oldest first, as the brief's page shows it."""
    corrections = values.get("corrections", INVALID)
    if corrections is INVALID:
        return
    brief_date = values.get("date", INVALID)
    for index, correction in enumerate(corrections):
        where = f"corrections[{index}].date"
        if brief_date is not INVALID and correction.date < brief_date:
            converter.problem(
                where,
                f"{correction.date} is before the brief's date ({brief_date}); "
                "date the correction the day it was made",
            )
        elif index and correction.date < corrections[index - 1].date:
            converter.problem(
                where,
                f"{correction.date} is before the correction above it "
                f"({corrections[index - 1].date}); list corrections oldest first",
            )


def _check_tags(tags: list[str], vocabulary: Vocabulary, converter: Converter) -> None:
    for index, tag in enumerate(tags):
        if tag not in vocabulary:
            converter.problem(f"tags[{index}]", vocabulary.unknown_tag(tag))


def _check_source(source: Source, root: Path, converter: Converter) -> bytes | None:
    """The source article's bytes, if it is there and is the article the brief records."""
    file = root / source.path
    if file.is_symlink():
        converter.problem(
            "source.path", f"{source.path} is a symbolic link; put the article itself in seeds/"
        )
        return None
    try:
        article = file.read_bytes()
    except OSError:
        converter.problem(
            "source.path",
            f"{source.path} does not exist; add the source article there or fix the path",
        )
        return None
    digest = hashlib.sha256(article).hexdigest()
    if digest != source.sha256:
        converter.problem(
            "source.sha256",
            f"does not match {source.path} (its sha256 is {digest}); "
            "if the article was changed on purpose, update the sha256",
        )
        return None
    return article


def _check_quotations(values: dict[str, Any], article: SourceText, converter: Converter) -> None:
    """Every quotation, and its speaker's name, is in the source article."""
    for kind in ("quotes", "commentary"):
        quotes = values.get(kind, INVALID)
        for index, quote in enumerate([] if quotes is INVALID else quotes):
            misquote = article.find(quote.text)
            if misquote is not None:
                converter.problem(f"{kind}[{index}].text", misquote.message())
            if not article.contains_name(quote.speaker):
                converter.problem(
                    f"{kind}[{index}].speaker",
                    f"{quote.speaker!r} is not named in the source article; write the name as "
                    "the article gives it",
                )
