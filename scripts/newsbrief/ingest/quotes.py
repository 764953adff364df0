"""Direct quotes, their speakers and roles, and the split into quotes and commentary.

A quote is the words between quotation marks (curly or straight) of four words or
more; shorter ones are scare quotes. A quote may run over several paragraphs: by
convention such a paragraph has no closing mark and the next one opens again. The
speaker comes from the attribution around the quote (``"...," Kim said``,
``X said: "..."``, ``according to X``, ``X was quoted as saying``, ``X told
reporters``), resolved to the full name first introduced ("Yang stated" ->
Yang Moo-jin), else from the sentence's subject. Outside experts (analysts,
academics, think-tank fellows) go to commentary; everyone else is a principal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.ingest import gazetteer as g
from newsbrief.ingest.entities import Entities, Person

MIN_WORDS = 4
_PAIRS = {"“": "”", '"': '"', "«": "»"}
_TITLES = "|".join(sorted(g.TITLES.split("|"), key=len, reverse=True))
_NAME_WORD = r"(?:al-|el-)?[A-Z][\w’'.\-]*"
_SPEAKER = (
    rf"(?P<who>(?:{_TITLES})?\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
    r"|[Hh]e|[Ss]he|[Tt]hey|[Tt]he [a-z][\w-]*(?: [a-z][\w-]*){0,2})"
)
_VERB = rf"(?:{g.SPEECH_VERBS})"
_AFTER = [
    re.compile(rf"^[\s,]*{_VERB}\s+{_SPEAKER}"),
    re.compile(
        rf"^[\s,]*(?:[A-Za-z’'-]+\s+){{0,4}}?{_SPEAKER}(?:,[^,]{{3,160}},)?\s+"
        rf"(?:was quoted as saying|{_VERB})\b"
    ),
    re.compile(rf"^[\s,]*[Aa]ccording to {_SPEAKER}"),
]
_BEFORE = [
    re.compile(
        rf"{_SPEAKER}(?:,[^,]{{3,160}},)?\s+(?:{_VERB}|was quoted as saying)"
        rf"(?:\s+(?:reporters|journalists|the \w+|\w+))?(?:\s+that)?\s*[:,]?\s*$"
    ),
    re.compile(rf"[Aa]ccording to {_SPEAKER}\s*[:,]?\s*$"),
    re.compile(rf"^\s*[Aa]ccording to {_SPEAKER}"),
]
_SUBJECT = re.compile(
    rf"(?:^|[.;]\s+){_SPEAKER}(?:,[^,]{{3,160}},)?\s+(?:also\s+|further\s+)?(?:{_VERB}|\w+ed)\b"
)
_EXPERT = re.compile(g.EXPERT_ROLE, re.IGNORECASE)
_PRINCIPAL = re.compile(g.PRINCIPAL_ROLE, re.IGNORECASE)


@dataclass
class FoundQuote:
    """A direct quote with its attribution; ``notes`` say what an editor should check."""

    text: str
    speaker: str
    role: str | None
    expert: bool
    notes: list[str]


@dataclass(frozen=True)
class _Span:
    text: str
    start: int  # offset of the opening mark in the text
    end: int  # offset just after the closing mark (or the paragraph end)


def find_quotes(text: str, entities: Entities) -> tuple[list[FoundQuote], list[str]]:
    """Every attributed direct quote of four words or more in ``text`` (paragraphs one a
    line), and the quoted passages nobody could be found to have said."""
    found: list[FoundQuote] = []
    unattributed: list[str] = []
    previous: tuple[int, FoundQuote] | None = None
    for span in quote_spans(text):
        if len(span.text.split()) < MIN_WORDS:
            continue
        quote = _attribute(span, text, entities)
        paragraph = text.count("\n", 0, span.start)
        if quote.speaker == "unknown" and previous and previous[0] == paragraph:
            # A second quote in a paragraph continues the speaker of the first.
            quote = FoundQuote(span.text, previous[1].speaker, previous[1].role,
                               previous[1].expert, [])  # fmt: skip
        if quote.speaker == "unknown":
            unattributed.append(quote.text)
            continue
        found.append(quote)
        previous = (text.count("\n", 0, span.end), quote)
    return found, unattributed


def quote_spans(text: str) -> list[_Span]:
    """Quoted passages; one continued over paragraphs comes back as one span."""
    spans: list[_Span] = []
    pending: _Span | None = None
    offset = 0
    for paragraph in text.split("\n"):
        pieces, unclosed = _paragraph_spans(paragraph, offset)
        if pending is not None:
            if pieces and pieces[0].start == offset:
                first = pieces.pop(0)
                pending = _Span(f"{pending.text} {first.text}", pending.start, first.end)
                if first is unclosed:
                    unclosed = pending
                else:
                    spans.append(pending)
                    pending = None
            else:
                spans.append(pending)
                pending = None
        if pending is None and unclosed is not None:
            pieces = [p for p in pieces if p is not unclosed]
            pending = unclosed
        spans.extend(pieces)
        offset += len(paragraph) + 1
    if pending is not None:
        spans.append(pending)
    return sorted(spans, key=lambda span: span.start)


def _paragraph_spans(paragraph: str, offset: int) -> tuple[list[_Span], _Span | None]:
    spans = []
    index = 0
    while True:
        opening = _next_opening(paragraph, index)
        if opening < 0:
            return spans, None
        closer = _PAIRS[paragraph[opening]]
        closing = paragraph.find(closer, opening + 1)
        if closing < 0:
            span = _Span(
                paragraph[opening + 1 :].strip(), offset + opening, offset + len(paragraph)
            )
            return [*spans, span], span
        spans.append(
            _Span(_trim(paragraph[opening + 1 : closing]), offset + opening, offset + closing + 1)
        )
        index = closing + 1


def _next_opening(paragraph: str, start: int) -> int:
    positions = [paragraph.find(mark, start) for mark in _PAIRS]
    positions = [p for p in positions if p >= 0]
    return min(positions) if positions else -1


def _trim(quote: str) -> str:
    """The quoted words without the comma that ends a quote before its attribution, nor,
    for a partial quote (one starting in lower case), the full stop of the sentence."""
    quote = quote.strip().rstrip(",").strip()
    return quote.rstrip(".") if quote[:1].islower() else quote


def _attribute(span: _Span, text: str, entities: Entities) -> FoundQuote:
    sentence_start = max(text.rfind(". ", 0, span.start), text.rfind("\n", 0, span.start)) + 1
    before = text[sentence_start : span.start]
    after_end = min(x for x in (text.find("\n", span.end), len(text)) if x >= 0)
    after = text[span.end : after_end]
    who, how = _speaker_phrase(before, after)
    notes: list[str] = []
    person = _resolve(who, span.start, entities, notes) if who else None
    if person is None and who is None:
        person = _next_paragraph_speaker(span, text, entities)
    speaker = person.name if person else (who or "unknown")
    role = person.role if person else None
    context = f"{role or ''} {text[max(0, span.start - 300) : span.start]}" if person else ""
    expert = _is_expert(role, context)
    if how == "subject":
        notes.append("speaker taken from the sentence's subject")
    return FoundQuote(span.text.rstrip(), speaker, role, expert, notes)


def _speaker_phrase(before: str, after: str) -> tuple[str | None, str | None]:
    """The speaker words next to a quote, and where they were found."""
    for pattern in _AFTER:
        match = pattern.match(after)
        if match:
            return match["who"].strip(" .,"), "after"
    for pattern in _BEFORE:
        match = pattern.search(before)
        if match:
            return match["who"].strip(" .,"), "before"
    subjects = list(_SUBJECT.finditer(before))
    if subjects:
        return subjects[-1]["who"].strip(" .,"), "subject"
    return None, None


def _resolve(who: str, position: int, entities: Entities, notes: list[str]) -> Person | None:
    bare = re.sub(rf"^(?:{_TITLES})\s+", "", who)
    if bare.lower() in ("he", "she", "they"):
        person = entities.last_person_before(position)
        if person:
            notes.append(f"speaker '{bare}' resolved to {person.name}")
        return person
    person = entities.person_named(bare)
    if person is None and not bare[:1].isupper():
        notes.append(f"speaker is '{bare}'; name them if the article does")
    return person


def _next_paragraph_speaker(span: _Span, text: str, entities: Entities) -> Person | None:
    """For a quote standing alone, the person the paragraph or the next one names."""
    paragraph_end = text.find("\n", span.end)
    window = text[span.start : paragraph_end if paragraph_end >= 0 else len(text)]
    for person in entities.people:
        if any(re.search(rf"\b{re.escape(h)}\b", window) for h in person.handles):
            return person
    return None


def _is_expert(role: str | None, context: str) -> bool:
    """Outside experts comment on events; principals take part in them."""
    if role and _PRINCIPAL.search(role) and not _EXPERT.search(role):
        return False
    if role:
        return bool(_EXPERT.search(role))
    return bool(_EXPERT.search(context[-200:]))
