"""Quoted passages, found by their marks.

Straight and curly double quotes, «guillemets», and single quotes (‘…’ or '…') told apart
from apostrophes (a mark inside a word, or after a plural's s before a lower-case word,
is an apostrophe). A quote nested in another is part of it. A quote may run over several
paragraphs: by convention such a paragraph has no closing mark and the next one opens
again. A passage split by its attribution (``"A," she said, "B."``) is one quote. Titles
of works, nicknames and words quoted as words are told apart from quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.ingest import gazetteer as g

DOUBLE_OPEN = "“«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
_OPENING_CONTEXT = " \t([{—–-/:;“‘\"'«"
_CLOSING_CONTEXT = " \t)]}—–-/.,;:!?”’\"'»"
_WORDS_AS_WORDS = re.compile(
    r"(?:so-called|the (?:word|words|term|phrase|slogan|hashtag))\s*$", re.I
)


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted passage: its words and its place in the text (marks included); a quote
    split by its attribution has two ``parts``, the attribution between them."""

    text: str
    start: int
    end: int
    parts: tuple[tuple[int, int], ...] = ()

    @property
    def ranges(self) -> tuple[tuple[int, int], ...]:
        return self.parts or ((self.start, self.end),)


def quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted passages of ``text`` (paragraphs one a line), outermost only, in order;
    one continued over paragraphs comes back as one span."""
    spans: list[QuoteSpan] = []
    pending: QuoteSpan | None = None
    offset = 0
    for paragraph in text.split("\n"):
        closed, unclosed = _paragraph_spans(paragraph, offset)
        if pending is not None:
            opened = [*closed, *([unclosed] if unclosed else [])]
            first = min(opened, key=lambda s: s.start, default=None)
            if first is not None and first.start == offset:  # the paragraph opens again
                text = f"{pending.text}\n\n{first.text}"  # one quote, its paragraphs kept
                joined = QuoteSpan(text, pending.start, first.end)
                if first is unclosed:
                    unclosed = joined
                else:
                    closed = [joined if s is first else s for s in closed]
            else:
                spans.append(pending)
            pending = None
        spans.extend(closed)
        pending = unclosed
        offset += len(paragraph) + 1
    if pending is not None:
        spans.append(pending)
    return _outermost(sorted(spans, key=lambda s: s.start))


def _outermost(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    kept: list[QuoteSpan] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue  # nested in the quote before it
        kept.append(span)
    return kept


def _paragraph_spans(paragraph: str, offset: int) -> tuple[list[QuoteSpan], QuoteSpan | None]:
    """The closed quotes of one paragraph, and one left open at its end (if any).

    Text whose paragraph breaks were lost shows a quote running on as a sentence that
    ends with no closing mark before the next opens (``...outset. "Some ...``): the two
    are one quote."""
    spans: list[QuoteSpan] = []
    carried: QuoteSpan | None = None
    index = 0
    while (opening := _next_opening(paragraph, index)) is not None:
        at, family = opening
        closing = _closing(paragraph, at, family)
        if closing is None and family == "single" and at > 0:
            index = at + 1  # an apostrophe, not a quote
            continue
        if closing is None:
            rest = paragraph[at + 1 :].strip()
            part = QuoteSpan(rest, offset + at, offset + len(paragraph)) if rest else None
            return spans, _run_on(carried, part) if part else carried
        end, runs_on = closing
        words = " ".join(paragraph[at + 1 : end].split())
        part = QuoteSpan(
            words if runs_on else _trim(words), offset + at, offset + end + 1 - runs_on
        )
        part = _run_on(carried, part) if carried else part
        carried = part if runs_on else None
        if not runs_on and words:
            spans.append(part)
        index = end if runs_on else end + 1
    if carried is not None:
        spans.append(carried)
    return spans, None


def _run_on(first: QuoteSpan | None, second: QuoteSpan) -> QuoteSpan:
    if first is None:
        return second
    return QuoteSpan(f"{first.text} {second.text}", first.start, second.end)


def _next_opening(paragraph: str, start: int) -> tuple[int, str] | None:
    for at in range(start, len(paragraph)):
        char = paragraph[at]
        before = paragraph[at - 1] if at else " "
        after = paragraph[at + 1] if at + 1 < len(paragraph) else " "
        if char in DOUBLE_OPEN:
            return at, "double"
        if char == '"' and (before in _OPENING_CONTEXT or at == 0) and _opens(paragraph, at):
            return at, "double"
        if char in SINGLE_OPEN + "'" and before in _OPENING_CONTEXT and after.isalnum():
            if char == "'" and re.match(r"'(?:\d0s|em\b|n\b|tis\b)", paragraph[at:]):
                continue
            return at, "single"
    return None


def _opens(paragraph: str, at: int) -> bool:
    """Whether a straight double mark opens a quote: a word follows it, or, after a stray
    space, a capital ('" The course of steroids ...')."""
    return bool(re.match(r'"(?:\S|\s[A-Z])', paragraph[at:]))


def _closing(paragraph: str, opening: int, family: str) -> tuple[int, bool] | None:
    """Where the quote opened at ``opening`` closes in its paragraph, if it does, and
    whether it runs on into a quote opening there (a sentence ended, no closing mark)."""
    for at in range(opening + 1, len(paragraph)):
        char = paragraph[at]
        before = paragraph[at - 1]
        after = paragraph[at + 1] if at + 1 < len(paragraph) else " "
        if family == "double":
            if char in DOUBLE_CLOSE or (char == '"' and not before.isspace()):
                return at, False
            if char in DOUBLE_OPEN or (char == '"' and before.isspace()):
                ended = paragraph[:at].rstrip()[-1:] in ".!?…"
                if ended and char == '"' and re.match(r'"\s*[a-z,]', paragraph[at:]):
                    return at, False  # a stray space before the mark: '... ourselves? " she wrote'
                return (at, True) if ended else None
        elif char in SINGLE_CLOSE + "'" and not before.isspace() and after in _CLOSING_CONTEXT:
            if _plural_possessive(paragraph, at):
                continue
            return at, False
    return None


def _plural_possessive(paragraph: str, at: int) -> bool:
    """``players’ union``: a mark after an s, before a lower-case word, is an apostrophe."""
    return paragraph[at - 1] == "s" and bool(re.match(r".\s+[a-z]", paragraph[at : at + 3]))


def _trim(quote: str) -> str:
    """The quoted words without the comma that ends a quote before its attribution, nor,
    for a partial quote (one starting in lower case), the full stop of the sentence."""
    quote = " ".join(quote.split()).rstrip(",").strip()
    return quote.rstrip(".") if quote[:1].islower() else quote


def joined_halves(spans: list[QuoteSpan], text: str) -> list[QuoteSpan]:
    """``"A," she said, "B."``: the two halves of one quoted sentence as one quote."""
    joined: list[QuoteSpan] = []
    for span in spans:
        if joined:
            last = joined[-1]
            between = text[last.end : span.start]
            ended_with_comma = text[last.start : last.end].rstrip("”\"’'»").endswith(",")
            if (
                ended_with_comma
                and "\n" not in between
                and re.fullmatch(r"\s*[^.!?“”\"]{2,80},\s*", between)
                and span.text[:1].islower()
            ):
                parts = (*last.ranges, *span.ranges)
                second = " ".join(text[span.start + 1 : span.end - 1].split()).rstrip(",")
                # The ellipsis marks the attribution cut from between the halves, so the
                # quotation stays word for word what the source says (archive.quotations).
                first = last.text.rstrip(",")
                joined[-1] = QuoteSpan(f"{first} … {second}", last.start, span.end, parts)
                continue
        joined.append(span)
    return joined


def not_a_quote(span: QuoteSpan, text: str) -> bool:
    """Titles of works, nicknames, acronyms and words quoted as words: "Three Amigos.",
    “Pose”, “DWTS”; a word said aloud keeps its punctuation (“Amazing,” Davis said)."""
    words = span.text.split()
    before = text[max(0, span.start - 30) : span.start]
    if _WORDS_AS_WORDS.search(before) or not words:
        return True
    raw = text[span.start + 1 : span.end - 1].strip()
    if len(words) == 1:
        return words[0][:1].isupper() and (words[0].rstrip(".").isupper() or raw[-1:].isalnum())
    capitalised = [w for w in words if w[:1].isalpha()]
    return (
        len(words) <= 8
        and all(w[:1].isupper() or w.lower() in g.MINOR_WORDS for w in capitalised)
        and any(w[:1].isupper() for w in capitalised[1:])
        and not span.text.rstrip().endswith(("!", "?"))
    )
