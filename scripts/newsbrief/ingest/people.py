"""People: the full name an article introduces, its later short forms, role and pronouns.

A person is listed by the full name the article first introduces ("Boris Johnson"), and
later mentions by one part of it ("Johnson", "Mr Johnson") are resolved to it. Titles are
split off names into roles ("Business Secretary Tom Harland" is Tom Harland, Business
Secretary; see :mod:`newsbrief.ingest.roles`), and the pronouns written after a person's
mentions ("he", "her") tell whether "she said" can refer to them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsbrief.ingest import gazetteer as g
from newsbrief.ingest.roles import role_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_TITLES = sorted(g.TITLES.replace("\\", "").split("|"), key=len, reverse=True)
_TITLE = re.compile(
    r"^(?P<title>(?:(?:" + "|".join(re.escape(t) for t in _TITLES) + r")\s+)+)", re.IGNORECASE
)
_SUFFIXES = frozenset("Jr Sr II III IV".split())
PRONOUNS = {"he": "he", "him": "he", "his": "he", "himself": "he",
            "she": "she", "her": "she", "hers": "she", "herself": "she"}  # fmt: skip


@dataclass(eq=False)
class Person:
    """Someone the article names: full name as first introduced, role, and where mentioned."""

    name: str
    role: str | None = None
    mentions: list[int] = field(default_factory=list)
    pronouns: Counter[str] = field(default_factory=Counter)
    as_subject: list[int] = field(default_factory=list)

    @property
    def handles(self) -> set[str]:
        """The single names the article may use for them: the first and the last name
        ("Kennedy" for James P. Kennedy Jr.)."""
        parts = name_parts(self.name)
        return {parts[0], parts[-1]} if len(parts) > 1 else {parts[0]}

    def fits(self, pronoun: str | None) -> bool:
        """Whether "he" or "she" can refer to them (any person, for no pronoun)."""
        return pronoun is None or self.gender in (None, pronoun)

    @property
    def gender(self) -> str | None:
        """``he`` or ``she`` when the article's pronouns for them agree, else None."""
        if not self.pronouns:
            return None
        (best, count), *rest = self.pronouns.most_common()
        return best if not rest or count > 2 * rest[0][1] else None


def strip_title(name: str) -> tuple[str | None, str]:
    """A title at the start of a name and the name without it: ("Business Secretary", "X")."""
    match = _TITLE.match(name + " ")
    if not match:
        return None, name
    title = match["title"].strip()
    rest = name[len(match["title"]) :].strip() if len(match["title"]) <= len(name) else ""
    return (title if title.lower().rstrip(".") not in g.HONORIFICS else None), rest


def people_named_in(doc: Doc, mentions: list[tuple[Span, str]]) -> list[Person]:
    """Full names in order of first mention; part names resolved to them."""
    people: dict[str, Person] = {}
    singles: list[tuple[Span, str]] = []
    for span, name in mentions:
        title, bare = strip_title(name)
        bare = _without_courtesy(bare)
        if not bare:
            continue
        if len(bare.split()) == 1:
            singles.append((span, bare))
            continue
        person = _same_person(people, bare) or people.setdefault(bare, Person(bare))
        _mentioned(person, doc, span)
        if person.role is None:
            person.role = role_of(doc, span, bare, title)
    for span, bare in singles:
        person = _same_person(people, bare)
        if person is None and _honorific_before(doc, span):
            person = people.setdefault(bare, Person(bare))
        if person is not None:
            _mentioned(person, doc, span)
            if person.role is None:
                person.role = role_of(doc, span, bare)
    _surnames_unrecognised(doc, list(people.values()))
    for person in people.values():
        person.mentions.sort()
    return list(people.values())


def _surnames_unrecognised(doc: Doc, people: list[Person]) -> None:
    """Record the mentions of a surname the recogniser marked elsewhere but not there
    ("Lopez disagreed."), when it is one person's only."""
    owners: dict[str, list[Person]] = {}
    for person in people:
        owners.setdefault(name_parts(person.name)[-1], []).append(person)
    known = {m for person in people for m in person.mentions}
    for token in doc:
        found = owners.get(token.text, [])
        if len(found) == 1 and not token.ent_type_ and token.idx not in known:
            _mentioned(found[0], doc, doc[token.i : token.i + 1])


def _mentioned(person: Person, doc: Doc, span: Span) -> None:
    """Record a mention, and the gender an honorific before it gives ("Mrs Lopez")."""
    person.mentions.append(span.start_char)
    if span.root.dep_ in ("nsubj", "nsubjpass"):
        person.as_subject.append(span.start_char)
    first = span.text.split()[0].lower()
    before = doc[span.start - 1].lower_ if span.start else ""
    for word in (first, before):
        gender = g.HONORIFICS.get(word.rstrip("."))
        if gender:
            person.pronouns[gender] += 3


def _same_person(people: dict[str, Person], name: str) -> Person | None:
    """A person already listed whom ``name`` is part of ("Eriksson Ek", "Parise")."""
    if name in people:
        return people[name]
    words = name_parts(name)
    for person in people.values():
        parts = name_parts(person.name)
        if len(words) == 1 and words[0] in (parts[0], parts[-1]):
            return person
        if len(words) > 1 and (parts[-len(words) :] == words or words[-len(parts) :] == parts):
            return person
        if len(words) == len(parts) == 2 and _same_given_name(words, parts):
            return person  # "Pat Carlineo" and "Patrick Carlineo"
    return None


def _same_given_name(words: list[str], parts: list[str]) -> bool:
    shorter, longer = sorted((words[0], parts[0]), key=len)
    return words[-1] == parts[-1] and len(shorter) > 2 and longer.startswith(shorter)


def name_parts(name: str) -> list[str]:
    """A name's words without a generational suffix ("Jr.", "III") or a middle initial."""
    words = [w for w in name.split() if w.rstrip(".") not in _SUFFIXES]
    last = len(words) - 1
    return [w for i, w in enumerate(words) if not (0 < i < last and len(w.rstrip(".")) == 1)]


def _without_courtesy(bare: str) -> str:
    """The name without an honorific or an acronym title the recogniser included ("Mr
    Tom Harland", "MEP Caroline Lucas")."""
    words = bare.split()
    while words and (
        words[0].lower().rstrip(".") in g.HONORIFICS
        or words[0] in g.NOT_NAMES
        or (words[0].isupper() and len(words) > 2)  # "MEP Caroline Lucas"
    ):
        words = words[1:]
    return " ".join(words)


def _honorific_before(doc: Doc, span: Span) -> bool:
    return span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in g.HONORIFICS


def count_pronouns(doc: Doc, people: list[Person]) -> None:
    """Tally "he"/"she" (as a subject or possessive) in a sentence whose subject is the one
    person it names, after the name: "Lopez said she would stay", "Kim and his team" (not
    "he tipped Swank to win")."""
    by_offset = {m: p for p in people for m in p.mentions}
    for sentence in doc.sents:
        named = [(t.i, by_offset[t.idx]) for t in sentence if t.idx in by_offset]
        if len({id(person) for _, person in named}) != 1:
            continue
        first, person = named[0]
        for token in doc[first + 1 : sentence.end]:
            pronoun = PRONOUNS.get(token.lower_)
            if pronoun and token.dep_ in ("nsubj", "nsubjpass", "poss"):
                person.pronouns[pronoun] += 1
