"""One reader per input format: pasted text, Markdown and saved HTML pages.

Every reader fails with a located :class:`NewsbriefError` instead of returning
nothing: an unreadable source is an error the editor must see, never a silent
``None``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsbrief.archive.fsio import decode_text
from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.quotations import SourceText
from newsbrief.ingest.article import Article
from newsbrief.ingest.cleanup import clean_paragraphs
from newsbrief.ingest.dateline import parse_date

MAX_BYTES = 5_000_000
MIN_WORDS = 40
MAX_HEADLINE = 200
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
_BINARY = "is a binary file, not an article"
_BULLET = re.compile(r"^\s*(?:[-*•▪◦‣]|\d+[.)])\s+(?P<item>.+)$")
_SECTION = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*)?(?P<name>key takeaways|takeaways|key points|highlights|"
    r"synopsis|summary|in brief|at a glance)(?:\*\*)?\s*:?\s*$",
    re.IGNORECASE,
)


def read_source(file: Path, display: str) -> Article:
    """Read any supported source file into an :class:`Article`."""
    readers: dict[str, Callable[[str, str, str], Article]] = {}
    readers.update(dict.fromkeys(TEXT_SUFFIXES, read_text))
    readers.update(dict.fromkeys(MARKDOWN_SUFFIXES, read_markdown))
    readers.update(dict.fromkeys(HTML_SUFFIXES, read_html))
    reader = readers.get(file.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(s for s in readers if s))
        raise _error(display, 1, f"unsupported file type {file.suffix!r}; use one of {supported}")
    data = _read_bytes(file, display)
    article = reader(_article_text(data, display), display, hashlib.sha256(data).hexdigest())
    return dataclasses.replace(article, as_checked=SourceText.of(data, display))


def _error(display: str, line: int, message: str) -> NewsbriefError:
    return NewsbriefError([Problem(display, line, "source", message)])


def _read_bytes(file: Path, display: str) -> bytes:
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise _error(
                display, 1, f"is {size / 1e6:.0f} MB; a news article is under 5 MB: is it one?"
            )
        return file.read_bytes()
    except OSError as error:
        raise _error(display, 1, f"cannot be read: {error.strerror}") from None


def _article_text(data: bytes, display: str) -> str:
    """The article's text, as the archive reads text files; an empty one is an error too.

    A NUL byte early on makes a file binary (a photo, a PDF) before any of its bytes are
    judged as text: it is reported as what it is, not as text with a bad byte.
    """
    if b"\x00" in data[:8192]:
        raise _error(display, 1, _BINARY)
    text = decode_text(data, display, "source", binary=_BINARY, advice="convert it to UTF-8 first")
    if not text.strip():
        raise _error(display, 1, "is empty")
    return text


def read_text(text: str, display: str, sha256: str) -> Article:
    """Text as a person pastes it: the headline on the first line, paragraphs after."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:  # Markdown that was all markup
        raise _error(display, 1, "has no text once its markup is removed")
    title = lines[start].strip()
    if len(title) > MAX_HEADLINE:
        raise _error(
            display, start + 1, "has no headline: put the headline alone on the first line"
        )
    blocks = _paragraphs(lines[start + 1 :])
    return _article(display, sha256, title, blocks)


def read_markdown(text: str, display: str, sha256: str) -> Article:
    """Markdown: the first heading is the headline; markup is reduced to plain text."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)  # front matter
    lines = [_plain_markdown(line) for line in text.split("\n")]
    heading = next((i for i, line in enumerate(text.split("\n")) if line.startswith("# ")), None)
    if heading is None:
        return read_text("\n".join(lines), display, sha256)
    title = lines[heading].lstrip("# ").strip()
    rest = lines[:heading] + lines[heading + 1 :]
    return _article(display, sha256, title, _paragraphs(rest))


def _plain_markdown(line: str) -> str:
    line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)  # images
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # links
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    line = re.sub(r"(?<![\w*])[*_](\S.*?\S|\S)[*_](?![\w*])", r"\1", line)
    line = re.sub(r"^>\s?", "", line)
    return re.sub(r"^#{2,6}\s+", "", line)


def read_html(text: str, display: str, sha256: str) -> Article:
    """A saved web page: main text through trafilatura, facts from the page's metadata."""
    from newsbrief.ingest.page import page_facts

    document = _extraction(text)
    body = getattr(document, "text", None) if document is not None else None
    if not body or len(body.split()) < MIN_WORDS:
        raise _error(
            display, 1, f"has no article text (under {MIN_WORDS} words) that could be extracted"
        )
    facts = page_facts(text)
    title = facts.headline or (document.title or "").strip()
    if not title:
        raise _error(display, 1, "has no headline (no <title>, <h1> or og:title) in the HTML")
    headlines = {*facts.headlines, title, (document.title or "").strip()}
    lines = body.split("\n")
    while lines and (not lines[0].strip() or lines[0].strip() in headlines):
        lines.pop(0)  # the headline again, as the page shows it above the story
    article = _article(display, sha256, title, _paragraphs(lines))
    return Article(
        **{
            **article.__dict__,
            "date": facts.date or parse_date(document.date),
            "site_name": facts.site_name or document.sitename or None,
            "url": facts.url or document.url or None,
        }
    )


def _extraction(text: str) -> Any:
    """The page's story as trafilatura extracts it favouring precision, which leaves out
    link boxes, teasers and hover cards around it, unless that drops half the story or
    more; then as it extracts it by default."""
    import trafilatura

    options = {
        "with_metadata": True,
        "include_comments": False,
        "include_tables": False,
        "as_dict": False,
    }
    precise = trafilatura.bare_extraction(text, favor_precision=True, **options)
    default = trafilatura.bare_extraction(text, **options)
    return precise if _words(precise) * 2 > _words(default) else default


def _words(document: Any) -> int:
    return len((getattr(document, "text", None) or "").split()) if document is not None else 0


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs from lines: blank-line separated blocks, or one paragraph a line.

    Pasted text comes both ways; a block whose lines are hard-wrapped (short and not
    ending a sentence) is joined into one paragraph.
    """
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    paragraphs = []
    for block in blocks:
        if _hard_wrapped(block):
            paragraphs.append(" ".join(block))
        else:
            paragraphs.extend(block)
    return paragraphs


def _hard_wrapped(block: list[str]) -> bool:
    if len(block) < 2 or any(_BULLET.match(line) or _SECTION.match(line) for line in block):
        return False
    open_ends = sum(1 for line in block[:-1] if not re.search(r"[.!?:\"”’)]$", line))
    return open_ends >= len(block[:-1]) / 2


def _article(display: str, sha256: str, title: str, paragraphs: list[str]) -> Article:
    """The article every reader gives: the page's furniture (bylines, stamps, captions,
    prompts) removed, and explicit Synopsis / Key Takeaways sections split off the
    running text."""
    body: list[str] = []
    takeaways: list[str] = []
    synopsis: list[str] = []
    section = None
    for paragraph in clean_paragraphs(paragraphs):
        heading = _SECTION.match(paragraph)
        bullet = _BULLET.match(paragraph)
        if heading:
            name = heading["name"].lower()
            section = "synopsis" if name in ("synopsis", "summary", "in brief") else "takeaways"
        elif section == "takeaways" and bullet:
            takeaways.append(bullet["item"].strip())
        elif section == "synopsis" and not bullet and not synopsis and len(paragraph) < 600:
            synopsis.append(paragraph)
            section = None
        else:
            section = None
            body.append(paragraph)
    if not body:
        raise _error(display, 1, "has a headline but no article text")
    return Article(
        path=display,
        sha256=sha256,
        title=title,
        paragraphs=body,
        takeaways=takeaways,
        synopsis=synopsis[0] if synopsis else None,
    )
