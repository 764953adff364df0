"""Roles: what an article calls a person where it names them, and who is an outside expert.

A role comes from an appositive after the name ("Ruth Okafor, chief economist at the
Resolution Foundation, said"), which the parse must attach to the name, or from the
words before the name in its noun phrase ("Franz Ferdinand frontman Alex Kapranos",
"Business Secretary Tom Harland"). Honorifics (Mr, Dr, Sir) and a bare age are not roles.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsbrief.ingest import gazetteer as g
from newsbrief.ingest.language import written

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAX_ROLE = 120
_FINITE_VERBS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_TITLE_WORD = re.compile(rf"^(?:{g.TITLES})$")
_PARTY_LABEL = re.compile(r"^[DRI]-[A-Z][\w.]*$")
_APPOSITIVE_END = re.compile(
    rf"\s*(?:[,;:(“”\"—–]|\s-\s|\b(?:{g.SPEECH_VERBS}|who|which|whose)\b"
    r"|(?<=[a-z]{3}|[A-Z][a-z]{2})\.(?=\s+[A-Z]))"  # a full stop, not "U.S." nor "Dr."
)
_NOT_A_ROLE = re.compile(
    r"^(?:\d+$|\d+-year-old|who|which|whose|whom|herself|himself|themselves|itself|his|her|their|"
    r"its|he|she|they|it|now|then|also|both|all|each|one|too)\b",
    re.IGNORECASE,
)
_LEADING_WORDS = re.compile(r"^(?:(?:the|a|an|his|her|their|its|our)\s+)+", re.IGNORECASE)
_TRAILING_HONORIFIC = re.compile(r"\s+(?:" + "|".join(g.HONORIFICS) + r")\.?$", re.IGNORECASE)


def role_of(doc: Doc, span: Span, name: str, title: str | None = None) -> str | None:
    """The role the article gives ``name`` (the person named by ``span``) at this mention;
    ``title`` is one the name carried ("Sen."), kept with a party label after the name
    ("Sen. Ben Sasse, R-Neb." is "Sen., R-Neb.")."""
    after = _appositive(doc, span)
    title = title or _title_before(doc, span)
    if after and title and _PARTY_LABEL.match(after):
        return f"{title}, {after}."
    return after or _before_name(doc, span, name) or title or _nouns_before(doc, span)


def _title_before(doc: Doc, span: Span) -> str | None:
    """A title written just before the name and outside it ("Sen." in "Sen. Ben Sasse")."""
    word = doc[span.start - 1].text if span.start else ""
    return (
        word if _TITLE_WORD.match(word) and word.rstrip(".").lower() not in g.HONORIFICS else None
    )


def _appositive(doc: Doc, span: Span) -> str | None:
    """``X, chief executive of Acme, said``: the words after the comma, when the parse
    makes them an appositive of the name; a place after a further comma is kept
    ("physician in Aberdeen, Scotland")."""
    sentence_end = span.sent.end_char
    text = written(doc)
    after = text[span.end_char : sentence_end]
    age = re.match(r",\s+\d{1,3}(?=,)", after)  # "Tom Harland, 45, a teacher from Leeds"
    skipped = age.end() if age else 0
    if not re.match(r",\s+\S", after[skipped:]):
        return None
    start = span.end_char + skipped + 1  # after the comma
    end = _appositive_end(doc, text, start, sentence_end)
    words = doc.char_span(start, end, alignment_mode="contract")
    if words is None or not any(
        t.dep_ == "appos" and span.start <= t.head.i < span.end for t in words
    ):
        return None
    if any(t.tag_ in _FINITE_VERBS for t in words) or not _has_noun(words):
        return None  # "Swift, her label and two senators looks ...": a list, not a role
    return as_role(text[start:end])


def _has_noun(words: Span) -> bool:
    return any(t.pos_ in ("NOUN", "PROPN") for t in words)


def _appositive_end(doc: Doc, text: str, start: int, limit: int) -> int:
    """Where the appositive starting at ``start`` ends: at a comma, a dash, a verb of
    speech or a full stop, but not inside a name ("Council on Energy, Environment and
    Water"); a place or an organisation after a further comma is kept ("physician in
    Aberdeen, Scotland", "Director, IIFL Securities")."""
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("ORG", "GPE", "FAC")]
    stops = (
        stop.start()
        for stop in _APPOSITIVE_END.finditer(text, start + 1, limit)
        if not any(first < stop.start() < last for first, last in names)
    )
    end = next(stops, limit)
    after = re.match(r",\s+([A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)(?=[,.]|\s*$)", text[end:limit])
    if after and any(
        e.label_ in ("GPE", "ORG") and e.text == after[1].rstrip(".") for e in doc.ents
    ):
        end += after.end()
    return end


def _before_name(doc: Doc, span: Span, name: str) -> str | None:
    """The words before the name in its noun phrase, a title the recogniser took into the
    name included ("Republican state schools Superintendent Jennifer McCormick"), or the
    noun the name stands beside ("their Welsh striker Craig Bellamy")."""
    offset = written(span).find(name)
    name_start = span.start_char + max(offset, 0)
    root = span.root
    if root.dep_ == "appos" and root.head.i < span.start:
        described = _described_noun(root.head)
        root = described if described is not None else root
    left = min(
        (t.i for t in root.subtree if t.i < span.start and t.dep_ != "det" and t.tag_ != "PRP$"),
        default=span.start,
    )
    if left >= span.start and offset <= 0:
        return None
    left = _modifiers_start(doc, left)
    words = doc.char_span(doc[left].idx, name_start, alignment_mode="contract")
    if words is None or not _has_noun(words):
        return None
    return as_role(re.sub(r"[’']s$", "", written(words).strip()).rstrip(" ,"))


def _described_noun(word: Token) -> Token | None:
    """The noun a name stands in apposition to: "Trump's longtime physician, Dr. Harold
    Bornstein", or, through the phrase the parse hung the name on, "The head of Acme,
    John Harris"."""
    while word.pos_ != "NOUN" and word.dep_ in ("pobj", "prep") and word.head is not word:
        word = word.head
    return word if word.pos_ == "NOUN" else None


def _nouns_before(doc: Doc, span: Span) -> str | None:
    """The words right before the name, ending in a singular noun, when the parse did not
    join them to it ("in what host Tom Bergeron described as")."""
    start = _modifiers_start(doc, span.start)
    if start == span.start or doc[span.start - 1].tag_ != "NN":
        return None
    return as_role(written(doc[start : span.start]))


def _modifiers_start(doc: Doc, start: int) -> int:
    """Where the nouns and adjectives before ``start`` begin, lower-case or a party's
    ("Republican state schools Superintendent", which the parse may leave out), with the
    name that owns them ("Acme's chief executive")."""
    while start and doc[start - 1].pos_ in ("NOUN", "ADJ"):
        word = doc[start - 1]
        if not (word.is_lower or word.ent_type_ == "NORP"):
            break
        start -= 1
    if start > 1 and doc[start - 1].tag_ == "POS" and doc[start - 2].pos_ == "PROPN":
        start -= 2  # the owner too: "Acme's chief executive"
        while start and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
    return start


def as_role(text: str) -> str | None:
    role = " ".join(text.split()).strip(" ,;:").removesuffix(".")
    role = _TRAILING_HONORIFIC.sub("", _LEADING_WORDS.sub("", role)).rstrip(" ,")
    if not role or len(role) > MAX_ROLE or _NOT_A_ROLE.match(role):
        return None
    if role.lower().rstrip(".") in g.HONORIFICS:
        return None
    return role


_EXPERT = re.compile(g.EXPERT_ROLE, re.IGNORECASE)
_PRINCIPAL = re.compile(g.PRINCIPAL_ROLE, re.IGNORECASE)


def is_expert(speaker: str, role: str | None, opening: str) -> bool:
    """Whether the speaker comments from outside the events rather than taking part;
    ``opening`` is the story's headline and lede, which say whom it is about.

    Someone the headline or lede names is a party. Otherwise a role of commentary
    (analyst, professor, economist, critic, ...) makes an expert unless it is also one
    of action (minister, spokesperson, chief executive, ...).
    """
    if _named_in(speaker, opening) or not role:
        return False
    return bool(_EXPERT.search(role)) and not _PRINCIPAL.search(role)


def _named_in(speaker: str, opening: str) -> bool:
    name = speaker.split(",")[-1].strip()
    parts = [name, name.split()[-1]] if name else []
    return any(
        re.search(rf"(?<![\w-]){re.escape(part)}(?![\w-])", opening)
        for part in parts
        if len(part) > 2
    )
