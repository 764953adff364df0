"""Who said each quote: speakers and roles, and the split into quotes and commentary.

The speaker is found in the grammar of the sentence around the quote, never inside the
quote itself: the subject of a verb of speech ("said", "told", "added", "called", "was
quoted as saying") or the object of "according to". A name is resolved to the full name
the article introduced; "he" and "she" to the nearest person they can refer to; "the
minister" to the person with that role, "the 57-year-old" to the person last named;
"they", "it" and "the company" to the organisation last named; "a spokesperson for Acme"
to ``spokesperson, Acme``; "a survey by X" to X. A quote standing alone takes the speaker
of a paragraph before ending "Kim said:", of the sentence before it (its verb of speech,
or the person it is about), of the quote beside it in its paragraph, or of the paragraph
before. Short quoted words (under four) count only when a verb of speech
attributes them ("called it “a reckless gamble”"). The passages themselves are found by
:mod:`newsbrief.ingest.quote_marks`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsbrief.ingest import gazetteer as g
from newsbrief.ingest.entities import Entities
from newsbrief.ingest.language import written
from newsbrief.ingest.mentions import clean, proper_noun_phrase
from newsbrief.ingest.people import Person, strip_title
from newsbrief.ingest.quote_marks import QuoteSpan, joined_halves, not_a_quote, quote_spans
from newsbrief.ingest.roles import as_role, is_expert

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    # A rule giving a quote standing alone (its sentences, the quote) a speaker.
    _Rule = Callable[[Span, Span, "_Context"], "_Attribution | None"]

MIN_WORDS = 4
_SPOKESPEOPLE = frozenset("spokesperson spokesman spokeswoman representative spokespeople".split())
_SENTENCES_BACK = 6


@dataclass
class FoundQuote:
    """A direct quote with its attribution; ``notes`` say what an editor should check."""

    text: str
    speaker: str
    role: str | None
    expert: bool
    notes: list[str] = field(default_factory=list)


@dataclass
class _Attribution:
    speaker: str
    person: Person | None = None
    notes: list[str] = field(default_factory=list)
    direct: bool = True  # a verb of speech next to the quote named the speaker
    role: str | None = None  # an unnamed speaker's: "spokesman", "officer"


def find_quotes(
    text: str, doc: Doc, entities: Entities, headline: str = ""
) -> tuple[list[FoundQuote], list[str]]:
    """Every attributed direct quote in ``text`` (paragraphs one a line; ``doc`` is its
    analysis), and the quoted passages nobody could be found to have said. The
    ``headline`` helps tell the story's parties from outside experts."""
    opening = f"{headline}\n{text.split(chr(10), 1)[0]}"
    spans = joined_halves(quote_spans(text), text)
    context = _Context(doc, entities, _inside(doc, spans))
    found: list[tuple[QuoteSpan, _Attribution | None]] = []
    for span in spans:
        if not_a_quote(span, text):
            continue
        attribution = _attribute(span, context)
        if attribution is not None and attribution.person is not None:
            start = doc.char_span(span.start, span.end, alignment_mode="expand")
            context.speakers.append((start.start if start else 0, attribution.person))
        found.append((span, attribution))
    alone = _standing_alone(found, context)
    _attribute_standing_alone(found, alone, context, _introduced_with_a_colon)
    _attribute_standing_alone(found, alone, context, _subject_of_the_sentence_before)
    _fill_from_neighbours(found, text)
    _attribute_standing_alone(found, alone, context, _named_in_the_sentence_after)
    quotes, unattributed = [], []
    for span, attribution in found:
        short = len(span.text.split()) < MIN_WORDS
        if attribution is None or (short and not attribution.direct):
            if not short:
                unattributed.append(span.text)
            continue
        person = attribution.person
        role = person.role if person else attribution.role
        expert = is_expert(attribution.speaker, role, opening)
        quotes.append(FoundQuote(span.text, attribution.speaker, role, expert, attribution.notes))
    return quotes, unattributed


def _inside(doc: Doc, spans: list[QuoteSpan]) -> set[int]:
    """Indices of the tokens inside quotes (marks included)."""
    inside: set[int] = set()
    for span in spans:
        for start, end in span.ranges:
            chars = doc.char_span(start, end, alignment_mode="expand")
            if chars is not None:
                inside.update(range(chars.start, chars.end))
    return inside


def _attribute(span: QuoteSpan, context: _Context) -> _Attribution | None:
    doc, inside = context.doc, context.inside
    chars = doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None:
        return None
    frame = _frame(doc, chars)
    attribution = _attribution_in(frame, chars, context)
    if attribution is not None or not _stands_alone(frame, inside):
        return attribution
    return _from_sentence(_neighbours(doc, frame)[0], chars, context)  # "Kim said. “...”"


def _from_sentence(sentence: Span | None, chars: Span, context: _Context) -> _Attribution | None:
    """The speaker a sentence beside a quote names, if the sentence quotes nobody itself."""
    if sentence is None or context.quotes_in(sentence):
        return None
    attribution = _attribution_in(sentence, chars, context)
    if attribution is not None:
        attribution.direct = False
    return attribution


def _standing_alone(
    found: list[tuple[QuoteSpan, _Attribution | None]], context: _Context
) -> dict[int, tuple[Span, Span]]:
    """The quotes with no speaker that stand alone in their sentences, by their index in
    ``found``: their sentences and their words."""
    doc = context.doc
    alone = {}
    for index, (span, attribution) in enumerate(found):
        chars = doc.char_span(span.start, span.end, alignment_mode="expand")
        if attribution is not None or chars is None:
            continue
        frame = _frame(doc, chars)
        if _stands_alone(frame, context.inside):
            alone[index] = (frame, chars)
    return alone


def _attribute_standing_alone(
    found: list[tuple[QuoteSpan, _Attribution | None]],
    alone: dict[int, tuple[Span, Span]],
    context: _Context,
    rule: _Rule,
) -> None:
    """Give each quote standing alone with no speaker yet the one ``rule`` finds around
    its sentences."""
    for index, (frame, chars) in alone.items():
        span, attribution = found[index]
        if attribution is None:
            found[index] = (span, rule(frame, chars, context))


def _introduced_with_a_colon(frame: Span, chars: Span, context: _Context) -> _Attribution | None:
    """A quote opening its paragraph after one ending "Kim said:", "She told MPs:"."""
    if frame.start == 0:
        return None
    before = context.doc[frame.start - 1].sent
    if not written(before).rstrip().endswith(":"):
        return None
    attribution = _from_sentence(before, chars, context)
    return dataclasses.replace(attribution, direct=True) if attribution else None


def _named_in_the_sentence_after(
    frame: Span, chars: Span, context: _Context
) -> _Attribution | None:
    """“...” Moya admitted afterwards in the next sentence."""
    return _from_sentence(_neighbours(context.doc, frame)[1], chars, context)


def _subject_of_the_sentence_before(
    frame: Span, chars: Span, context: _Context
) -> _Attribution | None:
    """The person the sentence before is about, when it has no verb of speech: "US coach
    Patrick McEnroe wants his players on clay. “I think it will help ...”"."""
    before = _neighbours(context.doc, frame)[0]
    if before is None or context.quotes_in(before):
        return None
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    about = _speaker(context.doc, subject, context) if subject is not None else None
    if about is None or about.person is None:
        return None
    return dataclasses.replace(about, direct=False)


def _attribution_in(words: Span, chars: Span, context: _Context) -> _Attribution | None:
    """The speaker a verb of speech in ``words`` names, the verb nearest the quote first."""
    verbs = [t for t in words if t.i not in context.inside and _speech_verb(t)]
    verbs.sort(key=lambda v: _distance(v, chars))
    for verb in verbs:
        subject = _subject(verb, context.inside)
        if subject is not None:
            attribution = _speaker(context.doc, subject, context)
            if attribution is not None:
                return attribution
    return None


def _stands_alone(frame: Span, inside: set[int]) -> bool:
    """Whether the quote is its sentences, all but a few words."""
    return sum(1 for t in frame if t.i not in inside and not t.is_punct and not t.is_space) < 3


def _neighbours(doc: Doc, frame: Span) -> tuple[Span | None, Span | None]:
    """The sentences just before and after ``frame`` in its paragraph."""
    before = after = None
    if frame.start > 0:
        sentence = doc[frame.start - 1].sent
        if "\n" not in doc[sentence.end - 1 : frame.start + 1].text:
            before = sentence
    if frame.end < len(doc):
        sentence = doc[frame.end].sent
        if "\n" not in doc[frame.end - 1 : sentence.start + 1].text:
            after = sentence
    return before, after


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


def _speaker(doc: Doc, subject: Token, context: _Context) -> _Attribution | None:
    """The speaker a subject names, resolved to a person where the article names one."""
    entities = context.entities
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "Shepherd, who accused the striker of “cheating”"
    word = subject.lower_
    if subject.pos_ == "PRON":
        if word in ("they", "it"):  # "Big Machine ... “...,” they said"
            organization = context.organization_before(subject)
            return _Attribution(organization) if organization else None
        if word not in ("he", "she"):
            return None
        return _referred(subject, context.antecedent(subject, word))
    named = [c for c in subject.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    if named and subject.ent_type_ != "PERSON":  # "his predecessor, Fiona Hill, said"
        subject = named[0]
    if subject.ent_type_ == "NORP" and any(c.lower_ == "the" for c in subject.children):
        # "the American said"
        return _referred(subject, context.antecedent(subject, None))
    name = _name_at(doc, subject)
    if name is None and subject.is_title and entities.person_named(subject.text):
        name = subject.text  # a surname the tagger took for an adjective
    if name:
        person = entities.person_named(name)
        if person is not None:
            return _Attribution(person.name, person)
        organization = entities.organization_named(name)
        if organization is not None:
            return _Attribution(organization)
        _, bare = strip_title(clean(name))
        return _Attribution(bare) if bare else None
    if subject.lemma_.lower() in _SPOKESPEOPLE:  # for the organisation just named, if none
        organization = _organization_of(doc, subject, entities) or context.organization_before(
            subject
        )
        noun = written(subject).lower()
        speaker = f"{noun}, {organization}" if organization else noun
        return _Attribution(speaker, role=as_role(_np(doc, subject)) or noun)
    if subject.tag_ in ("NNS", "NNPS") and subject.lemma_.lower() not in g.NOT_SPEAKERS:
        return _Attribution(written(subject))  # "prosecutors said", "Federal prosecutors alleged"
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
    if subject.pos_ == "NOUN" and definite and subject.lower_ in g.ORGANIZATION_NOUNS:
        organization = context.organization_before(subject)  # "the company said"
        return _Attribution(organization) if organization else None
    if subject.lemma_.lower() in g.NOT_SPEAKERS:  # "a survey by X found": X's words
        return _author_of(doc, subject, context)
    if subject.pos_ == "NOUN" and definite:  # "the 57-year-old said", "the coach added"
        described = _np(doc, subject)
        person = context.described_as(subject) or context.antecedent(subject, None)
        if person is not None and person.role is None:  # "the real estate agent said"
            person.role = as_role(described)
        return _referred(subject, person, described)
    if subject.pos_ == "NOUN" and any(c.dep_ == "poss" for c in subject.children):
        described = clean(_np(doc, subject))  # "China's ambassador to Britain said"
        person = context.described_as(subject)
        if person is not None:  # the ambassador the article named before
            return _referred(subject, person, described)
        return _Attribution(described, role=described)
    if subject.pos_ == "NOUN":  # "an officer ordered"
        return _Attribution(subject.lemma_.lower(), role=subject.lemma_.lower())
    return None


def _referred(word: Token, person: Person | None, phrase: str | None = None) -> _Attribution | None:
    if person is None:
        return None
    note = f"speaker '{phrase or word.text}' resolved to {person.name}"
    return _Attribution(person.name, person, [note])


@dataclass
class _Context:
    """What resolving a speaker needs: the names, and where they stand in the sentences."""

    doc: Doc
    entities: Entities
    inside: set[int]

    def __post_init__(self) -> None:
        self.speakers: list[tuple[int, Person]] = []  # (token index, person) as quoted
        self.person_at = {m: p for p in self.entities.people for m in p.mentions}
        self.subject_at = {at for person in self.entities.people for at in person.as_subject}

    def antecedent(self, word: Token, gender: str | None) -> Person | None:
        """Whom "he", "she" or "the coach" refers to: a person who is the subject of a
        clause before it in its sentence; else, going back a sentence at a time, the person
        the sentence has as its subject, the only one it names if it introduces them there,
        the last person quoted (in the sentence just before), or the first it names unless
        its subject is the same pronoun. The gender must fit."""
        sentence = word.sent
        before = self._people_in(self.doc[sentence.start : word.i], gender)
        subjects = [person for at, person in before if at in self.subject_at]
        if subjects:
            return subjects[-1]
        for back, previous in enumerate(_sentences_before(sentence)):
            found = self._people_in(previous, gender)
            subjects = [person for at, person in found if at in self.subject_at]
            if subjects:
                return subjects[0]
            named = {person.name for _, person in found}
            introduced = [p for at, p in found if at == p.mentions[0] and len(named) == 1]
            speaker = self._recent_speaker(previous.start, gender) if back == 0 else None
            if introduced or speaker:
                return (introduced or [speaker])[0]  # who was speaking goes on speaking
            if found and not _same_pronoun_as_subject(previous, word):
                return found[0][1]
        return self.entities.last_person_before(word.idx, gender)

    def described_as(self, noun: Token) -> Person | None:
        """The person last named before "the minister" whose role has that word, or the
        one whose role the description is, wherever named ("China's ambassador to
        Britain" before "China's ambassador to Britain Liu Xiaoming")."""
        word = re.compile(rf"\b{re.escape(noun.lemma_)}\b", re.IGNORECASE)
        named = [
            (max(before), person)
            for person in self.entities.people
            if person.role and word.search(person.role)
            if (before := [m for m in person.mentions if m < noun.idx])
        ]
        if named:
            return max(named, key=lambda found: found[0])[1]
        described = clean(_np(self.doc, noun)).casefold()
        same = [p for p in self.entities.people if (p.role or "").casefold() == described]
        return same[0] if len(same) == 1 else None

    def _recent_speaker(self, since: int, gender: str | None) -> Person | None:
        """The last person quoted, if quoted in the sentence before ``since`` or after."""
        if not self.speakers:
            return None
        at, person = self.speakers[-1]
        start = self.doc[since - 1].sent.start if since else 0
        return person if at >= start and person.fits(gender) else None

    def organization_before(self, word: Token) -> str | None:
        """The organisation "they", "it" or "the company" stands for: the last one the
        article names before it, outside quotes, in its sentence or the few before; one
        named with the word first ("the union" is the last "... Union" named)."""
        earliest = min((s.start for s in _sentences_before(word.sent)), default=word.sent.start)
        window = self.doc[earliest : word.i]
        found = [
            (word.text.title() in name.split(), match.start(), name)
            for name in self.entities.organizations
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", written(window))
            if not self._quoted(window.start_char + match.start())
        ]
        return max(found)[2] if found else None

    def quotes_in(self, sentence: Span) -> bool:
        """Whether a sentence has quoted words of its own."""
        return any(t.i in self.inside for t in sentence)

    def _quoted(self, offset: int) -> bool:
        token = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return token is not None and token.start in self.inside

    def _people_in(self, words: Span, gender: str | None) -> list[tuple[int, Person]]:
        return [
            (token.idx, self.person_at[token.idx])
            for token in words
            if token.idx in self.person_at
            and token.i not in self.inside
            and self.person_at[token.idx].fits(gender)
        ]


def _same_pronoun_as_subject(sentence: Span, pronoun: Token) -> bool:
    """Whether ``sentence`` has ``pronoun`` ("he") as a subject: then it speaks of the same
    person, and the others it names ("he tipped Swank to win") are not whom it means."""
    return any(t.lower_ == pronoun.lower_ and t.dep_ == "nsubj" for t in sentence)


def _sentences_before(sentence: Span) -> list[Span]:
    """The few sentences before ``sentence``, nearest first."""
    found: list[Span] = []
    start = sentence.start
    while start > 0 and len(found) < _SENTENCES_BACK:
        found.append(sentence.doc[start - 1].sent)
        start = found[-1].start
    return found


def _name_at(doc: Doc, token: Token) -> str | None:
    """The name a token is part of: its named entity, or its run of proper nouns."""
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                return written(ent)
    if token.pos_ == "PROPN":
        return written(proper_noun_phrase(token))
    return None


def _author_of(doc: Doc, document: Token, context: _Context) -> _Attribution | None:
    """Who wrote the statement, report or survey that speaks: a person or an organisation
    its own words name ("a 2018 survey by Penelope Abernathy", "a statement from Acme")."""
    for token in document.subtree:
        person = context.person_at.get(token.idx)
        if person is not None and token.i not in context.inside:
            return _Attribution(person.name, person)
    organization = _organization_of(doc, document, context.entities)
    return _Attribution(organization) if organization else None


def _organization_of(doc: Doc, subject: Token, entities: Entities) -> str | None:
    """The organisation a spokesperson speaks for: "for Acme", "Acme's", "an Acme spokesman";
    one the article names as an organisation before others, and the owned before its owner
    ("for Manchester's Trafford Centre")."""
    tokens = sorted(
        (t for t in subject.subtree if t is not subject),
        key=lambda t: "poss" in (t.dep_, t.head.dep_),  # "Manchester" and its "'s" last
    )
    names = [name for token in tokens if (name := _name_at(doc, token))]
    known = [found for name in names if (found := entities.organization_named(name))]
    return known[0] if known else clean(names[0]) if names else None


def _np(doc: Doc, token: Token) -> str:
    words = list(token.subtree)
    return written(doc[words[0].i : words[-1].i + 1])


def _fill_from_neighbours(found: list[tuple[QuoteSpan, _Attribution | None]], text: str) -> None:
    """A quote standing alone takes the speaker of the quote beside it in its paragraph
    (the one after only when no attribution introduces it: in “...” And Yelling says:
    “...” the speaker is the second quote's), else, when it opens its paragraph, of the
    last quote of the paragraph before."""
    paragraph_of = [text.count("\n", 0, span.start) for span, _ in found]
    for index, (span, attribution) in enumerate(found):
        if attribution is not None:
            continue
        same = [
            j
            for j in (index - 1, index + 1)
            if 0 <= j < len(found)
            and paragraph_of[j] == paragraph_of[index]
            and found[j][1]
            and (j < index or not text[span.end : found[j][0].start].rstrip().endswith(":"))
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
            found[index] = (span, dataclasses.replace(source, notes=[], direct=False))
            break


def _opens_paragraph(span: QuoteSpan, text: str) -> bool:
    return span.start == 0 or text[span.start - 1] == "\n"
