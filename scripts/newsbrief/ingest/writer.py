"""Ingesting sources into the archive without ever losing an editor's work.

* a source whose sha256 is already some brief's source is a duplicate and is skipped;
* an existing brief file is never overwritten without ``force``: a draft whose slug is
  taken gets a numbered one (slugs are unique archive-wide);
* writes are atomic (temporary file, then rename): a crash leaves no half-written brief;
* front matter keeps the schema's key order and ends with a newline, so diffs stay small.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import frontmatter

from newsbrief.briefs import parse_brief
from newsbrief.fsio import display_path, write_atomic
from newsbrief.ingest.article import Article
from newsbrief.ingest.draft import Draft, draft_brief
from newsbrief.ingest.readers import (
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    TEXT_SUFFIXES,
    read_source,
)
from newsbrief.problems import NewsbriefError, Problem
from newsbrief.vocabulary import Vocabulary

SEEDS = "seeds"
SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/brief.schema.json"
"""A brief's first front-matter line: editors' YAML support checks it against the schema."""
_SHA256 = re.compile(r"^\s*sha256:\s*['\"]?([0-9a-f]{64})", re.MULTILINE)
SUFFIXES = (TEXT_SUFFIXES - {""}) | MARKDOWN_SUFFIXES | HTML_SUFFIXES


@dataclass(frozen=True)
class Outcome:
    """What became of one source: ``written``, ``dry-run``, ``duplicate`` or ``failed``."""

    source: str
    status: str
    detail: str
    brief: str | None = None
    text: str | None = None


class ExistingBriefs:
    """What ingest needs to know of the briefs already there: their sources and slugs."""

    def __init__(self, briefs: Path, root: Path) -> None:
        self.folder = briefs
        self.root = root
        self.sources: dict[str, str] = {}
        self.slugs: set[str] = set()
        for file in briefs.rglob("*.md") if briefs.is_dir() else []:
            head = file.read_text(encoding="utf-8", errors="replace")[:4000]
            found = _SHA256.search(head)
            if found:
                self.sources[found[1]] = display_path(file, root)
            self.slugs.add(file.stem.split("-", 1)[-1])

    def target(self, draft: Draft) -> Path:
        return self.folder / f"{draft.date:%Y/%m}" / f"{draft.date:%d}-{draft.slug}.md"


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Each source file; a folder gives its article files, sorted."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            yield path


def ingest_one(
    source: Path,
    archive: ExistingBriefs,
    vocabulary: Vocabulary,
    *,
    today: dt.date,
    force: bool = False,
    dry_run: bool = False,
) -> Outcome:
    """Read, analyse and write one source; every problem becomes a ``failed`` outcome."""
    display = display_path(source, archive.root)
    try:
        article = read_seed(source, archive.root)
        if article.sha256 in archive.sources and not force:
            owner = archive.sources[article.sha256]
            return Outcome(display, "duplicate", f"already the source of {owner}", owner)
        draft = _unique(draft_brief(article, vocabulary, today), archive, force)
        target = archive.target(draft)
        text = render_draft(draft)
        passing(text, target, archive, vocabulary, display)
    except NewsbriefError as error:
        return Outcome(display, "failed", "; ".join(str(p) for p in error.problems))
    shown = display_path(target, archive.root)
    if dry_run:
        return Outcome(display, "dry-run", "not written", shown, text)
    write_atomic(target, text)
    archive.sources[article.sha256] = shown
    archive.slugs.add(draft.slug)
    return Outcome(display, "written", "draft brief", shown)


def render_draft(draft: Draft) -> str:
    """The brief file: the schema line, front matter in schema order, the summary, and a
    final newline."""
    post = frontmatter.Post(draft.body, **draft.front_matter)
    text = frontmatter.dumps(post, sort_keys=False, width=88).rstrip("\n") + "\n"
    return text.replace("---\n", f"---\n{SCHEMA_LINE}\n", 1)


def passing(
    text: str, target: Path, archive: ExistingBriefs, vocabulary: Vocabulary, source: str
) -> None:
    """Refuse a brief file ``newsbrief check`` would refuse at ``target`` in the ``archive``'s
    folder (briefs/, or ingest's --out): drafting never writes one. The problems are the
    source's, as it is the source that cannot be drafted."""
    try:
        parse_brief(text, target, archive.root, archive.folder, vocabulary)
    except NewsbriefError as error:
        raise NewsbriefError(
            [Problem(source, 1, "draft", f"would not pass the check: {p}") for p in error.problems]
        ) from None


def _unique(draft: Draft, archive: ExistingBriefs, force: bool) -> Draft:
    """The draft under a slug no other brief uses (slugs are unique archive-wide)."""
    if force or draft.slug not in archive.slugs:
        return draft
    number = 2
    while f"{draft.slug}-{number}" in archive.slugs:
        number += 1
    return Draft(draft.front_matter, draft.body, f"{draft.slug}-{number}")


def read_seed(source: Path, root: Path) -> Article:
    """The article of a source file, which must be under seeds/ (briefs record its path)."""
    return read_source(source, _seed_path(source, root, display_path(source, root)))


def _seed_path(source: Path, root: Path, display: str) -> str:
    """The source's path under seeds/, as briefs record it; sources elsewhere are refused."""
    seeds = (root / SEEDS).resolve()
    if not source.exists():
        raise NewsbriefError([Problem(display, 1, "source", "no such file")])
    try:
        relative = source.resolve().relative_to(seeds)
    except ValueError:
        raise NewsbriefError(
            [Problem(display, 1, "source", f"is not inside {SEEDS}/ (a link may point outside "
                     f"it); copy the article into {SEEDS}/ and ingest it from there")]
        ) from None  # fmt: skip
    return f"{SEEDS}/{relative.as_posix()}"
