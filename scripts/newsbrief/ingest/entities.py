"""People, organisations and places named in an article, from the pipeline's named entities.

The trained recogniser finds the names; this module only corrects and completes them:

- one name gets one kind: the kind most of its mentions were given, and a news agency,
  a known place or an acronym is corrected by the gazetteer's lists;
- a person is listed by the full name the article first introduces ("Boris Johnson"),
  and later mentions by one part of it ("Johnson", "Mr Johnson") are resolved to it;
- titles are split off names into roles ("Business Secretary Tom Harland" is Tom Harland,
  Business Secretary), and a person's role also comes from an appositive
  ("Ruth Okafor, chief economist at the Resolution Foundation, said");
- the pronouns written after a person's mentions ("he", "her") tell whether "she said"
  can refer to them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsbrief.ingest import gazetteer as g

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_COMPASS = frozenset("North South East West Northeast Northwest Southeast Southwest".split())
KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place"}
_POSSESSIVE = re.compile(r"(?:[’']s?)$")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TITLES = sorted(g.TITLES.replace("\\", "").split("|"), key=len, reverse=True)
_TITLE = re.compile(
    r"^(?P<title>(?:(?:" + "|".join(re.escape(t) for t in _TITLES) + r")\s+)+)", re.IGNORECASE
)
HONORIFICS = {"mr": "he", "mr.": "he", "sir": "he", "lord": "he", "mrs": "she", "mrs.": "she",
              "ms": "she", "ms.": "she", "miss": "she", "lady": "she", "dame": "she"}  # fmt: skip
_NOT_ROLES = frozenset({"dr", "prof", *(h.rstrip(".") for h in HONORIFICS)})
_HONORIFIC_GENDER = {name.rstrip("."): gender for name, gender in HONORIFICS.items()}
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
        """The single names the article may use for them: the first and the last name."""
        parts = self.name.split()
        return {parts[0], parts[-1]} if len(parts) > 1 else {parts[0]}

    @property
    def gender(self) -> str | None:
        """``he`` or ``she`` when the article's pronouns for them agree, else None."""
        if not self.pronouns:
            return None
        (best, count), *rest = self.pronouns.most_common()
        return best if not rest or count > 2 * rest[0][1] else None


@dataclass
class Entities:
    """What an article names, in order of first mention."""

    people: list[Person]
    organizations: list[str]
    places: list[str]
    acronyms: dict[str, str] = field(default_factory=dict)

    def person_named(self, name: str) -> Person | None:
        """The person a full name or one part of it ("Yang", "Mr Yang") refers to."""
        bare = strip_title(clean(name))[1]
        if not bare:
            return None
        exact = [p for p in self.people if p.name == bare]
        if exact:
            return exact[0]
        words = bare.split()
        candidates = [
            p
            for p in self.people
            if bare in p.handles or (len(words) > 1 and p.name.endswith(" " + bare))
        ]
        return candidates[0] if candidates else None

    def last_person_before(self, position: int, gender: str | None = None) -> Person | None:
        """Whom "he" or "she" at ``position`` refers to: the person ``gender`` fits who was
        last the subject of a sentence, else who was last mentioned at all."""
        fitting = [p for p in self.people if not (gender and p.gender and p.gender != gender)]
        for attribute in ("as_subject", "mentions"):
            best, best_at = None, -1
            for person in fitting:
                at = max((m for m in getattr(person, attribute) if m < position), default=-1)
                if at > best_at:
                    best, best_at = person, at
            if best is not None:
                return best
        return None

    def organization_named(self, name: str) -> str | None:
        name = clean(name)
        name = self.acronyms.get(name, name)
        return name if name in self.organizations else None


def clean(text: str) -> str:
    """A name without a leading article, a possessive ending or stray punctuation."""
    text = " ".join(text.split()).strip(" ,.;:–—-“”\"‘’'()")
    text = _POSSESSIVE.sub("", text)
    return _LEADING.sub("", text).strip()


def strip_title(name: str) -> tuple[str | None, str]:
    """A title at the start of a name and the name without it: ("Business Secretary", "X")."""
    match = _TITLE.match(name + " ")
    if not match:
        return None, name
    title = match["title"].strip()
    rest = name[len(match["title"]) :].strip() if len(match["title"]) <= len(name) else ""
    return (title if title.lower().rstrip(".") not in _NOT_ROLES else None), rest


def find_entities(doc: Doc, exclude: set[str] = frozenset()) -> Entities:
    """People, organisations and places named in ``doc``; ``exclude`` drops names (the source)."""
    mentions = [m for m in _mentions(doc) if m[1] not in exclude]
    kinds = _kinds(mentions)
    people = _people(doc, [(span, name) for span, name in mentions if kinds[name] == "person"])
    organizations = _unique(name for _, name in mentions if kinds[name] == "org")
    acronyms = _acronyms(doc.text, organizations)
    organizations = [o for o in organizations if o not in acronyms]
    places = _unique(
        canonical_place(name)
        for span, name in mentions
        if kinds[name] == "place" and not _modifier(span)
    )
    _count_pronouns(doc, people)
    return Entities(people, organizations, places, acronyms)


def _mentions(doc: Doc) -> list[tuple[Span, str]]:
    found = []
    for span in doc.ents:
        if span.label_ not in KINDS:
            continue
        name = clean(span.text)
        if not name or not any(c.isupper() for c in name) or "\n" in span.text:
            continue
        if name in _COMPASS:  # "the North", "the West": a direction, not a place's name
            continue
        found.append((span, name))
    return found


def _kinds(mentions: list[tuple[Span, str]]) -> dict[str, str]:
    """One kind per name: what most of its mentions were labelled, corrected by the lists."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for span, name in mentions:
        votes[name][KINDS[span.label_]] += 1
    kinds = {}
    for name, counter in votes.items():
        kind = counter.most_common(1)[0][0]
        words = name.split()
        if name in g.NEWS_AGENCIES or re.fullmatch(r"[A-Z]{2,6}", name):
            kind = "place" if name in g.PLACES else "org"
        elif name in g.PLACES or canonical_place(name) in g.PLACES:
            kind = "place"
        elif kind == "person" and any(w.strip(".,") in g.ORGANIZATION_WORDS for w in words):
            kind = "org"
        kinds[name] = kind
    return _people_by_their_names(kinds)


def _people_by_their_names(kinds: dict[str, str]) -> dict[str, str]:
    """A person's surname labelled an organisation ("Sasse" after "Ben Sasse"), or a full
    name labelled one whose surname is elsewhere a person ("Montell Figgins"), is a person."""
    full = [name.split() for name, kind in kinds.items() if kind == "person" and " " in name]
    single = {name for name, kind in kinds.items() if kind == "person" and " " not in name}
    handles = {parts[-1] for parts in full} | {parts[0] for parts in full}
    for name, kind in kinds.items():
        if kind != "org" or name.isupper():
            continue
        words = name.split()
        if any(w.strip(".,") in g.ORGANIZATION_WORDS for w in words):
            continue
        if (len(words) == 1 and name in handles) or (1 < len(words) <= 3 and words[-1] in single):
            kinds[name] = "person"
    return kinds


def canonical_place(name: str) -> str:
    """A country by its common English name: "U.S." -> "United States"."""
    return g.PLACE_ALIASES.get(name, name)


def _modifier(span: Span) -> bool:
    """A place used as a modifier of another noun ("U.S. attorney"), not named as a place."""
    root = span.root
    return (
        root.dep_ in ("compound", "amod") and root.head.pos_ in ("NOUN",) and root.i < root.head.i
    )


def _unique(names: object) -> list[str]:
    return list(dict.fromkeys(names))  # type: ignore[call-overload]


def _acronyms(text: str, organizations: list[str]) -> dict[str, str]:
    """Acronyms the article introduces for a named organisation: "... Fund (IMF)"."""
    found = {}
    for name in organizations:
        match = re.search(re.escape(name) + r"\s+\(([A-Z][A-Za-z&]{1,7})\)", text)
        if match:
            found[match[1]] = name
    return found


def _people(doc: Doc, mentions: list[tuple[Span, str]]) -> list[Person]:
    """Full names in order of first mention; part names resolved to them."""
    people: dict[str, Person] = {}
    singles: list[tuple[Span, str]] = []
    for span, name in mentions:
        title, bare = strip_title(name)
        bare = _title_before(doc, span, bare)
        if not bare:
            continue
        if len(bare.split()) == 1:
            singles.append((span, bare))
            continue
        person = _same_person(people, bare) or people.setdefault(bare, Person(bare))
        _mentioned(person, doc, span)
        if person.role is None:
            person.role = role_of(doc, span) or title
    for span, bare in singles:
        person = _same_person(people, bare)
        if person is None and _honorific_before(doc, span):
            person = people.setdefault(bare, Person(bare))
        if person is not None:
            _mentioned(person, doc, span)
            if person.role is None:
                person.role = role_of(doc, span)
    for person in people.values():
        person.mentions.sort()
    return list(people.values())


def _mentioned(person: Person, doc: Doc, span: Span) -> None:
    """Record a mention, and the gender an honorific before it gives ("Mrs Lopez")."""
    person.mentions.append(span.start_char)
    if span.root.dep_ in ("nsubj", "nsubjpass"):
        person.as_subject.append(span.start_char)
    first = span.text.split()[0].lower()
    before = doc[span.start - 1].lower_ if span.start else ""
    for word in (first, before):
        if word.rstrip(".") in _HONORIFIC_GENDER:
            person.pronouns[_HONORIFIC_GENDER[word.rstrip(".")]] += 3


def _same_person(people: dict[str, Person], name: str) -> Person | None:
    """A person already listed whom ``name`` is part of ("Eriksson Ek", "Parise")."""
    if name in people:
        return people[name]
    words = name.split()
    for person in people.values():
        parts = person.name.split()
        if len(words) == 1 and words[0] in (parts[0], parts[-1]):
            return person
        if len(words) > 1 and (parts[-len(words) :] == words or words[-len(parts) :] == parts):
            return person
    return None


def _title_before(doc: Doc, span: Span, bare: str) -> str:
    """The name without a title the recogniser included ("Secretary Tom Harland")."""
    words = bare.split()
    while words and (words[0].lower().rstrip(".") in HONORIFICS or words[0] in g.NOT_NAMES):
        words = words[1:]
    return " ".join(words)


def _honorific_before(doc: Doc, span: Span) -> bool:
    return span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in _HONORIFIC_GENDER


def role_of(doc: Doc, span: Span) -> str | None:
    """The role the article gives a name where it is mentioned: an appositive after it
    ("X, the chief executive of Acme,") or the words before it in its noun phrase
    ("Wild coach Bruce Boudreau", "Business Secretary Tom Harland")."""
    root = span.root
    for child in root.rights:
        if child.dep_ == "appos" and child.i >= span.end:
            return _phrase(doc, child)
    before = [
        t
        for t in root.subtree
        if t.i < span.start and t.dep_ not in ("det", "punct", "case") and t.ent_type_ != "PERSON"
    ]
    if (
        before
        and before[-1].i == span.start - 1
        and any(t.pos_ in ("NOUN", "PROPN") for t in before)
    ):
        words = doc[before[0].i : span.start]
        text = clean(words.text)
        if text and text.lower().rstrip(".") not in HONORIFICS:
            return text
    title, _ = strip_title(span.text)
    return title


def _phrase(doc: Doc, head: Token) -> str | None:
    """An appositive's words, up to the clause it may run into."""
    tokens = [
        t for t in head.subtree if (t.dep_ != "relcl" and not t.is_punct) or t.text in "-'’&."
    ]
    if not tokens:
        return None
    start, end = tokens[0].i, tokens[-1].i + 1
    for token in doc[start:end]:
        if token.dep_ == "relcl" or (token.is_punct and token.text in ',;:“”"—'):
            end = token.i
            break
    text = clean(doc[start:end].text)
    return text if 2 < len(text) <= 160 else None


def _count_pronouns(doc: Doc, people: list[Person]) -> None:
    """Tally "he"/"she" (as a subject or possessive) in a sentence that names one person,
    after the name: "Lopez said she would stay", "Kim and his team"."""
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
