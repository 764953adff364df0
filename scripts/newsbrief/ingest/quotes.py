"""Direct quotes, their speakers and roles, and the split into quotes and commentary.

Quoted passages are found by their marks: straight and curly double quotes, «guillemets»,
and single quotes (‘…’ or '…') told apart from apostrophes (a mark inside a word, or
after a plural's s before a lower-case word, is an apostrophe). A quote nested in another
is part of it. A quote may run over several paragraphs: by convention such a paragraph
has no closing mark and the next one opens again. A passage split by its attribution
(``"A," she said, "B."``) is one quote.

The speaker is found in the grammar of the sentence around the quote, never inside the
quote itself: the subject of a verb of speech ("said", "told", "added", "called", "was
quoted as saying") or the object of "according to". A name is resolved to the full name
the article introduced; "he" and "she" to the nearest person they can refer to; "the
57-year-old" to the person last named; "a spokesperson for Acme" to ``spokesperson,
Acme``. A quote standing alone takes the speaker of the quote beside it in its
paragraph, or of the paragraph before. Short quoted words (under four) count only when
a verb of speech attributes them ("called it “a reckless gamble”"); titles of works and
words quoted as words are not quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsbrief.ingest import gazetteer as g
from newsbrief.ingest.entities import Entities, Person, clean, strip_title

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MIN_WORDS = 4
DOUBLE_OPEN = "“«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
_OPENING_CONTEXT = " \t([{—–-/:;“‘\"'«"
_CLOSING_CONTEXT = " \t)]}—–-/.,;:!?”’\"'»"
_SPOKESPEOPLE = frozenset("spokesperson spokesman spokeswoman representative spokespeople".split())
_WORDS_AS_WORDS = re.compile(
    r"(?:so-called|the (?:word|words|term|phrase|slogan|hashtag))\s*$", re.I
)


@dataclass
class FoundQuote:
    """A direct quote with its attribution; ``notes`` say what an editor should check."""

    text: str
    speaker: str
    role: str | None
    expert: bool
    notes: list[str] = field(default_factory=list)


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


# --- finding quoted passages -------------------------------------------------------------


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
                joined = QuoteSpan(f"{pending.text} {first.text}", pending.start, first.end)
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
        if char == '"' and (before in _OPENING_CONTEXT or at == 0) and not after.isspace():
            return at, "double"
        if char in SINGLE_OPEN + "'" and before in _OPENING_CONTEXT and after.isalnum():
            if char == "'" and re.match(r"'(?:\d0s|em\b|n\b|tis\b)", paragraph[at:]):
                continue
            return at, "single"
    return None


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


# --- attributing them --------------------------------------------------------------------


@dataclass
class _Attribution:
    speaker: str
    person: Person | None
    notes: list[str]
    direct: bool  # a verb of speech next to the quote named the speaker


def find_quotes(text: str, doc: Doc, entities: Entities) -> tuple[list[FoundQuote], list[str]]:
    """Every attributed direct quote in ``text`` (paragraphs one a line; ``doc`` is its
    analysis), and the quoted passages nobody could be found to have said."""
    spans = _joined_halves(quote_spans(text), text)
    inside = _inside(doc, spans)
    found: list[tuple[QuoteSpan, _Attribution | None]] = []
    for span in spans:
        if _not_a_quote(span, text):
            continue
        found.append((span, _attribute(doc, span, inside, entities)))
    _fill_from_neighbours(found, text)
    quotes, unattributed = [], []
    for span, attribution in found:
        short = len(span.text.split()) < MIN_WORDS
        if attribution is None or (short and not attribution.direct):
            if not short:
                unattributed.append(span.text)
            continue
        person = attribution.person
        role = person.role if person else _group_role(attribution.speaker)
        expert = is_expert(role, text[max(0, span.start - 300) : span.start])
        quotes.append(FoundQuote(span.text, attribution.speaker, role, expert, attribution.notes))
    return quotes, unattributed


def _group_role(speaker: str) -> str | None:
    return speaker.split(",")[0] if "," in speaker else None


def _joined_halves(spans: list[QuoteSpan], text: str) -> list[QuoteSpan]:
    """``"A," she said, "B."``: the two halves of one quoted sentence as one quote."""
    joined: list[QuoteSpan] = []
    for span in spans:
        if joined:
            last = joined[-1]
            between = text[last.end : span.start]
            ended_with_comma = text[last.end - 2 : last.end - 1] in (",",) or text[
                last.start : last.end
            ].rstrip("”\"’'»").endswith(",")
            if (
                ended_with_comma
                and "\n" not in between
                and re.fullmatch(r"\s*[^.!?“”\"]{2,80},\s*", between)
                and span.text[:1].islower()
            ):
                parts = (*last.ranges, *span.ranges)
                second = " ".join(text[span.start + 1 : span.end - 1].split()).rstrip(",")
                joined[-1] = QuoteSpan(f"{last.text} {second}", last.start, span.end, parts)
                continue
        joined.append(span)
    return joined


def _not_a_quote(span: QuoteSpan, text: str) -> bool:
    """Titles of works, nicknames and words quoted as words."""
    words = span.text.split()
    before = text[max(0, span.start - 30) : span.start]
    if _WORDS_AS_WORDS.search(before):
        return True
    capitalised = [w for w in words if w[:1].isalpha()]
    return (
        0 < len(words) <= 8
        and all(w[:1].isupper() or w.lower() in g.MINOR_WORDS for w in capitalised)
        and any(w[:1].isupper() for w in capitalised[1:] or capitalised)
        and not span.text.rstrip().endswith(("!", "?", "."))
    )


def _inside(doc: Doc, spans: list[QuoteSpan]) -> set[int]:
    """Indices of the tokens inside quotes (marks included)."""
    inside: set[int] = set()
    for span in spans:
        for start, end in span.ranges:
            chars = doc.char_span(start, end, alignment_mode="expand")
            if chars is not None:
                inside.update(range(chars.start, chars.end))
    return inside


def _attribute(
    doc: Doc, span: QuoteSpan, inside: set[int], entities: Entities
) -> _Attribution | None:
    chars = doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None:
        return None
    frame = _frame(doc, chars)
    attribution = _attribution_in(doc, frame, chars, span, inside, entities)
    if attribution is not None or not _stands_alone(frame, inside):
        return attribution
    for sentence in _neighbours(doc, frame):  # "Kim said. “...”", "Moya admitted: “...”"
        if not any(t.i in inside for t in sentence):
            attribution = _attribution_in(doc, sentence, chars, span, inside, entities)
            if attribution is not None:
                attribution.direct = False
                return attribution
    return None


def _attribution_in(
    doc: Doc, words: Span, chars: Span, span: QuoteSpan, inside: set[int], entities: Entities
) -> _Attribution | None:
    """The speaker a verb of speech in ``words`` names, the verb nearest the quote first."""
    verbs = [t for t in words if t.i not in inside and _speech_verb(t)]
    verbs.sort(key=lambda v: _distance(v, chars))
    for verb in verbs:
        subject = _subject(verb, inside)
        if subject is not None:
            attribution = _speaker(doc, subject, span.start, entities)
            if attribution is not None:
                return attribution
    return None


def _stands_alone(frame: Span, inside: set[int]) -> bool:
    """Whether the quote is its sentences, all but a few words."""
    return sum(1 for t in frame if t.i not in inside and not t.is_punct and not t.is_space) < 3


def _neighbours(doc: Doc, frame: Span) -> list[Span]:
    """The sentences just before and after ``frame`` in its paragraph."""
    found = []
    if frame.start > 0:
        before = doc[frame.start - 1].sent
        if "\n" not in doc[before.end - 1 : frame.start + 1].text:
            found.append(before)
    if frame.end < len(doc):
        after = doc[frame.end].sent
        if "\n" not in doc[frame.end - 1 : after.start + 1].text:
            found.append(after)
    return found


def _frame(doc: Doc, chars: Span) -> Span:
    """The sentences the quote is part of."""
    first = doc[chars.start].sent
    last = doc[chars.end - 1].sent
    return doc[first.start : last.end]


def _distance(verb: Token, chars: Span) -> int:
    if verb.i < chars.start:
        return chars.start - verb.i
    return verb.i - chars.end + 1


def _speech_verb(token: Token) -> bool:
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return True
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in g.SPEECH_LEMMAS


def _subject(verb: Token, inside: set[int]) -> Token | None:
    """Who the verb of speech says spoke: its subject, or the object of "according to"."""
    if verb.lower_ == "according":
        for to in verb.children:
            for obj in to.children:
                if obj.dep_ == "pobj" and obj.i not in inside:
                    return obj
        return None
    head = verb
    for _ in range(3):
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i not in inside:
                return child
        if head.dep_ in ("xcomp", "advcl", "conj", "pcomp") and head.head is not head:
            head = head.head
        else:
            break
    for child in verb.children:  # "..., said Kim" parsed with Kim as the object
        if (
            child.dep_ in ("dobj", "attr", "npadvmod")
            and child.pos_ == "PROPN"
            and child.i not in inside
        ):
            return child
    return None


def _speaker(doc: Doc, subject: Token, position: int, entities: Entities) -> _Attribution | None:
    """The speaker a subject names, resolved to a person where the article names one."""
    notes: list[str] = []
    word = subject.lower_
    if subject.pos_ == "PRON":
        if word in ("he", "she"):
            person = entities.last_person_before(position, word)
            if person is None:
                return None
            notes.append(f"speaker '{subject.text}' resolved to {person.name}")
            return _Attribution(person.name, person, notes, True)
        return None
    name = _name_at(doc, subject)
    if name:
        person = entities.person_named(name)
        if person is not None:
            return _Attribution(person.name, person, notes, True)
        organization = entities.organization_named(name)
        if organization is not None:
            return _Attribution(organization, None, notes, True)
        _, bare = strip_title(clean(name))
        return _Attribution(bare or clean(name), None, notes, True) if bare else None
    if subject.lemma_.lower() in _SPOKESPEOPLE:
        organization = _organization_of(doc, subject, position, entities)
        speaker = (
            f"{subject.text.lower()}, {organization}" if organization else subject.text.lower()
        )
        return _Attribution(speaker, None, notes, True)
    if subject.tag_ in ("NNS", "NNPS"):
        words = [t for t in subject.subtree if t.i <= subject.i and t.dep_ not in ("det", "poss")]
        group = clean(doc[words[0].i : subject.i + 1].text) if words else subject.text
        return _Attribution(group, None, notes, True)
    if subject.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ == "the" for c in subject.children
    ):
        person = entities.last_person_before(position)
        if person is not None:
            notes.append(f"speaker '{_np(doc, subject)}' resolved to {person.name}")
            return _Attribution(person.name, person, notes, True)
    return None


def _name_at(doc: Doc, token: Token) -> str | None:
    """The name a token is part of: its named entity, or its run of proper nouns."""
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                return ent.text
    if token.pos_ == "PROPN":
        parts = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        start = parts[0].i if parts else token.i
        return doc[start : token.i + 1].text
    return None


def _organization_of(doc: Doc, subject: Token, position: int, entities: Entities) -> str | None:
    """The organisation a spokesperson speaks for: "for Acme", "Acme's", "an Acme spokesman"."""
    for token in subject.subtree:
        if token is subject:
            continue
        name = _name_at(doc, token)
        if name:
            return entities.organization_named(name) or clean(name)
    return None


def _np(doc: Doc, token: Token) -> str:
    words = list(token.subtree)
    return doc[words[0].i : words[-1].i + 1].text


def _fill_from_neighbours(found: list[tuple[QuoteSpan, _Attribution | None]], text: str) -> None:
    """A quote standing alone takes the speaker of the quote beside it in its paragraph,
    else, when it opens its paragraph, of the last quote of the paragraph before."""
    paragraph_of = [text.count("\n", 0, span.start) for span, _ in found]
    for index, (span, attribution) in enumerate(found):
        if attribution is not None:
            continue
        same = [
            j
            for j in (index - 1, index + 1)
            if 0 <= j < len(found) and paragraph_of[j] == paragraph_of[index] and found[j][1]
        ]
        before = [
            j
            for j in (index - 1,)
            if j >= 0
            and paragraph_of[j] == paragraph_of[index] - 1
            and found[j][1]
            and _opens_paragraph(span, text)
        ]
        for j in same or before:
            source = found[j][1]
            assert source is not None
            found[index] = (span, _Attribution(source.speaker, source.person, [], False))
            break


def _opens_paragraph(span: QuoteSpan, text: str) -> bool:
    return span.start == 0 or text[span.start - 1] == "\n"


def is_expert(role: str | None, context: str) -> bool:
    """Outside experts comment on events; principals take part in them."""
    if role and _PRINCIPAL.search(role) and not _EXPERT.search(role):
        return False
    if role:
        return bool(_EXPERT.search(role))
    return False


_EXPERT = re.compile(g.EXPERT_ROLE, re.IGNORECASE)
_PRINCIPAL = re.compile(g.PRINCIPAL_ROLE, re.IGNORECASE)
