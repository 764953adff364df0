"""Names as the trained recogniser found them, mended where it went wrong.

Pieces of one name it split are joined ("Lockheed" "Martin"), a name it cut short is
completed ("U.S. Attorney's" + "Office for the Western District of" + "New York"), a span
that holds two names is split ("Draper, Firefly Aerospace", "Bluewater in Kent"), words
around a name that are not part of it are cut, and what is no name (a direction, a social
media handle, a headline in title case) is left out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsbrief.ingest import gazetteer as g
from newsbrief.ingest.language import written

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_COMPASS = frozenset("North South East West Northeast Northwest Southeast Southwest".split())
KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place"}
# Labels of names that are none of the three (a nationality, a building, an event, a law, a
# work, a product): their mentions still vote on what a name is ("Lakers", once a PRODUCT).
_OTHER_LABELS = frozenset({"NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"})
_POSSESSIVE = re.compile(r"(?:[’']s?)$")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def clean(text: str) -> str:
    """A name without a leading article, a possessive ending or stray punctuation."""
    text = " ".join(text.split()).strip(" ,.;:–—-“”\"‘’'()")
    text = _POSSESSIVE.sub("", text)
    return _LEADING.sub("", text).strip()


def name_mentions(doc: Doc) -> list[tuple[Span, str]]:
    """Each name the recogniser found, with the span of the mention: names it clipped or
    split are mended first, a list it took for one name is split, and what is no name
    (a direction, a social media handle, a headline) is left out."""
    found = []
    for whole in _mended(doc):
        for span in _parts(whole):
            name = clean(written(span))
            if not name or not any(c.isupper() for c in name) or "\n" in span.text:
                continue
            if name in _COMPASS:  # "the North", "the West": a direction, not a place's name
                continue
            if name.startswith("@") or _headline(span):
                continue
            found.append((span, name))
    return found


def _headline(span: Span) -> bool:
    """A headline in title case the recogniser took for a name ("New Safety
    Recommendations Issued After Deadly Flight"): four words or more, one of them a verb
    that is not a command ("Save the Children Fund" is a name)."""
    return len(span) >= 4 and any(t.tag_ in ("VBD", "VBN", "VBZ", "VBP") for t in span)


def _mended(doc: Doc) -> list[Span]:
    """The named entities, with the pieces of one name the recogniser split joined
    ("Lockheed" "Martin", "Department for Education" and "Skills") and an organisation's
    name it clipped completed ("U.S. Attorney's" + "Office for the Western District of" +
    "New York"), and the names it missed that the text says what they are of added."""
    spans = [s for s in doc.ents if s.label_ in KINDS or s.label_ in _OTHER_LABELS]
    spans += _towns_unrecognised(doc) + _organizations_unrecognised(doc)
    spans += _parties_before_roles(doc)
    spans.sort(key=lambda span: span.start)
    mended: list[Span] = []
    for span in spans:
        if mended and _continues(mended[-1], span):
            mended[-1] = _labelled(doc[mended[-1].start : span.end], "ORG")
        else:
            mended.append(span)
    return [_completed(span) for span in mended]


def _towns_unrecognised(doc: Doc) -> list[Span]:
    """Towns the recogniser missed where the article names them as places: a proper noun
    GeoNames knows after "in", "near", "from"... ("a shopping centre in Cardiff")."""
    found = []
    for token in doc:
        if token.ent_type_ or token.pos_ != "PROPN" or token.dep_ != "pobj":
            continue
        if token.head.lower_ not in g.LOCATIVE_PREPOSITIONS:
            continue
        span = proper_noun_phrase(token)
        if not any(t.ent_type_ for t in span) and span.text in g.towns():
            found.append(_labelled(span, "GPE"))
    return found


def proper_noun_phrase(token: Token) -> Span:
    """A proper noun with the proper nouns compounded before it ("Sugar" "Land")."""
    words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return token.doc[words[0].i if words else token.i : token.i + 1]


def _organizations_unrecognised(doc: Doc) -> list[Span]:
    """Organisations the recogniser missed: a run of proper nouns ending in a word of an
    organisation's name ("Deep Space Systems"), one a word for an organisation goes
    before ("energy company Burisma"), or a plural after "the" ("the Boston Celtics")."""
    found = []
    for run in _proper_noun_runs(doc):
        before = doc[run.start - 1] if run.start else None
        named = len(run) > 1 and run[-1].text in g.ORGANIZATION_WORDS
        described = before is not None and before.pos_ == "NOUN"
        team = before is not None and before.lower_ == "the" and _plural(run[-1])
        if named or team or (described and before.text in g.ORGANIZATION_NOUNS):
            found.append(_labelled(run, "ORG"))
    return found


def _parties_before_roles(doc: Doc) -> list[Span]:
    """Parties named before a role, which the recogniser takes for a nationality, a
    person or no name ("Conservative shadow foreign secretary", "Liberal Democrat leader",
    "Green MEP")."""
    found = []
    for token in doc:
        for length in (2, 1):
            span = doc[token.i : token.i + length]
            if span.end >= len(doc) or span.text not in g.PARTIES or not token.is_title:
                continue
            if doc[span.end].pos_ in ("NOUN", "PROPN") and span.label_ != "ORG":
                found.append(_labelled(span, "ORG"))
                break
    return found


def _plural(token: Token) -> bool:
    """A proper noun in the plural, as teams and bands are named ("Lakers", "Celtics"), not
    an acronym's ("AMAs", "MPs")."""
    if token.text[:-1].isupper():
        return False
    return token.tag_ == "NNPS" or (token.text.endswith("s") and not token.text.endswith("ss"))


def _proper_noun_runs(doc: Doc) -> list[Span]:
    """The runs of proper nouns in no named entity, within a sentence."""
    runs, start = [], None
    for token in doc:
        inside = token.pos_ == "PROPN" and not token.ent_type_
        if start is not None and (not inside or token.is_sent_start):
            runs.append(doc[start : token.i])
            start = None
        if inside and start is None:
            start = token.i
    if start is not None:
        runs.append(doc[start:])
    return runs


def _continues(first: Span, second: Span) -> bool:
    """Whether ``second`` is the rest of the organisation's name ``first`` begins:
    "Lockheed" "Martin" (a modifier of the next name), "Department for Education" and
    "Skills" (a conjunct of a word inside the first name, not of the name), "Office for
    the Western District of" "New York" (a name ending in a preposition). A party before
    a person's name is not part of it ("Green" "MEP Caroline Lucas")."""
    if first.label_ != "ORG" or first.text in g.PARTIES:
        return False
    gap = first.doc[first.end : second.start]
    if not gap.text:
        return first[-1].pos_ == "ADP" or (
            first.root.dep_ == "compound" and first.root.head in second
        )
    return (
        gap.text == "and"
        and second.root.dep_ == "conj"
        and second.root.head in first
        and second.root.head != first.root
    )


def _completed(span: Span) -> Span:
    """A name with the words the recogniser left out: at its start, a possessor of an
    organisation ("U.S. Attorney's Office") or a modifier of a place ("Real Madrid"); at its
    end, what a possessive name begins ("St David's Shopping Centre") or the institution a
    place's name is the first word of ("Hong Kong police")."""
    if span.label_ == "ORG":
        span = _with_last_words(_with_possessor(span))
    elif span.label_ in ("GPE", "LOC"):
        span = _with_first_words(span)
    return _with_institution(span)


def _with_first_words(span: Span) -> Span:
    """A place's name with the capitalised words before it that modify it and belong to
    no other name: "Real" + "Madrid" (a club, then, not the city)."""
    doc = span.doc
    start = span.start
    while start > 0 and _first_word(doc[start - 1], doc[start : span.end]):
        start -= 1
    return _labelled(doc[start : span.end], span.label_) if start < span.start else span


def _first_word(token: Token, name: Span) -> bool:
    """Whether ``token`` is a capitalised word that modifies ``name`` and no other name."""
    return (
        token.pos_ == "PROPN"
        and token.dep_ == "compound"
        and not token.ent_type_
        and token.head in name
        and token.is_title
    )


def _with_possessor(span: Span) -> Span:
    """An organisation's name with the capitalised possessor the recogniser left out
    ("U.S. Attorney's" + "Office"); a possessor that is a name of its own ("Manchester's
    Trafford Centre") stays out."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].dep_ != "case":
        return span
    owner = doc[span.start - 2]
    if owner.pos_ != "PROPN" or owner.ent_type_ or owner.head not in span:
        return span
    return _labelled(doc[owner.left_edge.i : span.end], span.label_)


def _with_last_words(span: Span) -> Span:
    """An organisation's name that ends in a possessive, with the capitalised words it
    begins and no other name holds: "St David's" + "Shopping Centre"."""
    doc = span.doc
    if span[-1].dep_ != "case":
        return span
    end = span.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
        if doc[end].ent_type_:
            return span
        end += 1
    if end == span.end or span.root.head.i != end - 1:
        return span
    return _labelled(doc[span.start : end], span.label_)


def _with_institution(span: Span) -> Span:
    """A name followed by a word for an institution it is the first word of: "Hong Kong
    police", "the Punjab government", "Gibson Southern schools"."""
    doc = span.doc
    if span.end >= len(doc) or span.label_ not in ("GPE", "LOC", "ORG", "NORP"):
        return span
    noun = doc[span.end]
    if noun.text not in g.INSTITUTIONS or span.root.pos_ != "PROPN":  # not "Chinese government"
        return span
    if span.root.head != noun and span.root.head != noun.head:  # "a Forest Hill police officer"
        return span
    return _labelled(doc[span.start : span.end + 1], "ORG")


def _parts(span: Span) -> list[Span]:
    """The names in one recognised span: "Draper, Firefly Aerospace" is two companies,
    "Bluewater in Kent" a name and a place, "Wendy Ide of The Times" a person and a
    newspaper, "World Health Organization (WHO" a name and its acronym; words around a
    name that are not part of it ("federal", "that", a score "2-1") are cut."""
    doc = span.doc
    words = [t for t in span if t.i > span.start and doc[t.i - 1].whitespace_]  # not "Jae-in"
    commas = [] if _list_in_name(span) else [t for t in span if t.text == ","]
    cuts = commas + [t for t in span if t.text in ("(", ")")]
    cuts += [t for t in words if t.lower_ == "in"]
    if span.label_ == "PERSON":
        cuts += [t for t in words if t.lower_ == "of" and t.i - span.start >= 2]
    parts, start, label = [], span.start, span.label_
    for cut in sorted(cuts, key=lambda t: t.i):
        parts.append(_labelled(doc[start : cut.i], label))
        start = cut.i + 1
        label = {"in": "GPE", "of": "ORG"}.get(cut.lower_, label)
    parts.append(_labelled(doc[start : span.end], label))
    return [trimmed for part in parts if (trimmed := _trimmed(part)) is not None]


def _list_in_name(span: Span) -> bool:
    """Whether the commas of an organisation's name list what it is for ("Department for
    Environment, Food and Rural Affairs"): a preposition before them, "and" after."""
    commas = [t.i for t in span if t.text == ","]
    if span.label_ != "ORG" or not commas:
        return False
    before = span.doc[span.start : commas[0]]
    after = span.doc[commas[-1] + 1 : span.end]
    return any(t.pos_ == "ADP" for t in before) and any(t.lower_ in ("and", "&") for t in after)


def _trimmed(span: Span) -> Span | None:
    """``span`` without lower-case words and joining words at its ends ("the federal
    Bureau of Prisons", "The Associated Press that"), but for an institution's. A person's
    name keeps the words before it, which are read as a role ("rang Taylor" would make
    "rang" one), but for a verb ("Said Mr Fogg")."""
    tokens = list(span)
    while (
        tokens
        and tokens[0].whitespace_  # not "al-Ansari"
        and (_a_verb(tokens[0]) if span.label_ == "PERSON" else _not_name_word(tokens[0]))
    ):
        tokens.pop(0)
    while len(tokens) > 2 and _a_score(tokens[-3:]):  # "Arsenal 2-1", "Nadal 6-2 7-6"
        del tokens[-3:]
    while (
        len(tokens) > 1
        and tokens[-2].whitespace_  # not "Kim Jong-un"
        and _not_name_word(tokens[-1])
        and tokens[-1].lower_ not in g.INSTITUTIONS
    ):
        tokens.pop()
    if not tokens:
        return None
    return _labelled(span.doc[tokens[0].i : tokens[-1].i + 1], span.label_)


def _a_score(tokens: list[Token]) -> bool:
    """Whether three tokens are a score: a number, a dash, a number."""
    first, dash, second = tokens
    return first.is_digit and dash.text in ("-", "–") and second.is_digit


def _a_verb(token: Token) -> bool:
    """A verb the recogniser took into a person's name ("Said Mr Fogg")."""
    return token.tag_ in ("VBD", "VBZ", "VBP")


def _not_name_word(token: Token) -> bool:
    """A word that does not begin or end a name: a joining word or a lower-case word."""
    if token.is_punct or token.pos_ in ("CCONJ", "ADP", "SCONJ", "DET") or token.dep_ == "mark":
        return True
    return token.is_alpha and token.is_lower and token.lower_ not in g.NAME_PARTICLES


def _labelled(span: Span, label: str) -> Span:
    """``span`` with the recogniser's label ``label`` (a span cut from a named entity has none)."""
    span.label_ = label
    return span
