"""People, organisations and places named in an article, from the pipeline's named entities.

The trained recogniser finds the names (:mod:`newsbrief.ingest.mentions` mends the ones
it cut or joined wrongly); this module decides what each one is and lists them:

- one name gets one kind: the kind most of its mentions were given (an event, a work or
  a nationality is none of the three), corrected by the gazetteer's lists (news agencies,
  known places, generic words) and by the words the article describes it with ("energy
  company Burisma", "Addison, a village");
- an organisation is listed once, by the fullest name the article gives it: its acronyms
  and short forms ("NSC", "Tyvak", "Justice Department") are resolved to it;
- a place counts where the article names it as one, not where it only qualifies a noun
  ("Netflix special", "US-China talks") or begins an organisation's name;
- people are listed by :mod:`newsbrief.ingest.people`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsbrief.ingest import gazetteer as g
from newsbrief.ingest.language import written
from newsbrief.ingest.mentions import KINDS, clean, name_mentions
from newsbrief.ingest.people import Person, count_pronouns, people_named_in, strip_title

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest outskirts".split()
)
_TIE_ORDER = ("person", "org", "place", "other")


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
            if bare in p.handles
            or (len(words) > 1 and p.name.endswith(" " + bare))
            or bare.endswith(" " + p.name)  # "MEP Caroline Lucas", "his friend Liz Yelling"
        ]
        return candidates[0] if candidates else None

    def last_person_before(self, position: int, gender: str | None = None) -> Person | None:
        """Whom "he" or "she" at ``position`` refers to: the person ``gender`` fits who was
        last the subject of a sentence, else who was last mentioned at all."""
        fitting = [p for p in self.people if p.fits(gender)]
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


def find_entities(doc: Doc, exclude: set[str] = frozenset()) -> Entities:
    """People, organisations and places named in ``doc``; ``exclude`` drops names (the source)."""
    mentions = [m for m in name_mentions(doc) if m[1] not in exclude]
    kinds = _kinds(mentions)
    named_people = [(span, name) for span, name in mentions if kinds[name] == "person"]
    people = people_named_in(doc, named_people)
    named = _unique(name for _, name in mentions if kinds[name] == "org")
    # Acronyms and short forms, each resolved to the name the organisation is listed by.
    acronyms = _resolved(_acronyms(written(doc), named) | _short_forms(named))
    organizations = [n for n in named if n not in acronyms and not _pair(n, named)]
    places = _places(mentions, kinds, organizations)
    count_pronouns(doc, people)
    return Entities(people, organizations, places, acronyms)


def _kinds(mentions: list[tuple[Span, str]]) -> dict[str, str]:
    """One kind per name: what most of its mentions were labelled, corrected by the lists
    and by the words the article describes it with ("energy company Burisma")."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for span, name in mentions:
        votes[name][KINDS.get(span.label_, "other")] += 1
    kinds = {name: _corrected(name, _majority(counter)) for name, counter in votes.items()}
    for span, name in mentions:
        described = _described_as(span)
        if described and not _known_place(name):
            kinds[name] = described
        elif " " not in name and name in g.towns() and _locative(span):
            kinds[name] = "place"  # "in Valencia", taken for a person
    _people_with_their_organizations(mentions, kinds)
    return _people_by_their_names(_organizations_by_their_places(kinds))


def _people_with_their_organizations(
    mentions: list[tuple[Span, str]], kinds: dict[str, str]
) -> None:
    """A name of two or three words after another name's possessive, with no word of an
    organisation's, is a person's: "the Observer's Philip French", "Empire's Angie Errigo"."""
    named = {token.i for span, _ in mentions for token in span}
    for span, name in mentions:
        words = name.split()
        if not 1 < len(words) <= 3 or kinds[name] != "org" or span.start < 2:
            continue
        possessive, owner = span.doc[span.start - 1], span.doc[span.start - 2]
        if possessive.dep_ != "case" or owner.i not in named:
            continue
        if not any(w in g.ORGANIZATION_WORDS for w in words):
            kinds[name] = "person"


def _described_as(span: Span) -> str | None:
    """``org`` or ``place`` when a word for one goes with the name: before it ("energy
    company Burisma", "analysts Ovum"), after it ("Walter Reed hospital", "Kowloon West
    district") or in apposition ("Addison, a village", "Fortress Investment Group, a
    private equity firm")."""
    for word in _describing_words(span):
        if word.text in g.ORGANIZATION_NOUNS:
            return "org"
        if word.text in g.SETTLEMENT_NOUNS:
            return "place"
    return None


def _describing_words(span: Span) -> list[Token]:
    """The nouns that may say what a name is: one right before it that goes with it, one
    right after it that it qualifies (singular: "Telecom analysts" are people), and an
    appositive with an article ("a village", not "her record label") with its modifiers
    ("a village southwest of Ithaca")."""
    doc, root = span.doc, span.root
    words = [
        word
        for child in root.children
        if child.dep_ == "appos"
        and child.i >= span.end
        and any(t.dep_ == "det" and t.lower_ in ("a", "an", "the") for t in child.children)
        for word in (child, *(t for t in child.children if t.dep_ == "compound"))
    ]
    if span.start > 1 and doc[span.start - 2].text != "-":  # not "the 25-state EU"
        before = doc[span.start - 1]
        words += [before] if before.head in span or root.head == before else []
    if span.end < len(doc) and root.dep_ == "compound" and root.head == doc[span.end]:
        words += [doc[span.end]] if doc[span.end].tag_ == "NN" else []
    return [word for word in words if word.pos_ == "NOUN"]


def _majority(votes: Counter[str]) -> str:
    """The kind most mentions were given; on a tie, a person before an organisation before
    a place (the recogniser labels a club or a government by its city or country) before
    anything else."""
    return max(votes, key=lambda kind: (votes[kind], -_TIE_ORDER.index(kind)))


def _corrected(name: str, kind: str) -> str:
    """``kind`` corrected by what the lists know about the name."""
    words = [w.strip(".,") for w in name.split()]
    if name in g.NOT_ORGANIZATIONS:
        return "other"
    if name in g.PARTIES:
        return "org"
    if name in g.NEWS_AGENCIES or name in g.PLATFORMS or re.fullmatch(r"[A-Z]{2,6}", name):
        return "place" if name in g.PLACES else "org"
    if name in g.PLACES or canonical_place(name) in g.PLACES:
        return "place"
    if words[-1] in g.EVENT_WORDS:  # "the American Music Awards", "the Premier League"
        return "other"
    if kind == "person" and (any(w in g.ORGANIZATION_WORDS for w in words) or _camel_case(name)):
        return "org"
    return kind


def _camel_case(name: str) -> bool:
    """A one-word name with a capital inside, as companies write theirs ("SpaceX",
    "GateHouse"), not as surnames do ("McDowell", "DeShawn", "O'Brien")."""
    return " " not in name and bool(
        re.fullmatch(r"(?!Mc|Mac|O'|D'|De|Di|Da|La|Le)[A-Z][a-z]+[A-Z]\w*", name)
    )


def _organizations_by_their_places(kinds: dict[str, str]) -> dict[str, str]:
    """A "person" whose first word is a city, or a place or an organisation the article
    names on its own, and whose last word never stands alone for a person, is an
    organisation named after it: "Miami Herald", "Tottenham Hotspur" after "Tottenham".
    A country the article does not name is a given name ("Jordan Henderson")."""
    alone = {name for name, kind in kinds.items() if kind in ("org", "place")} | g.CITIES
    people_alone = {name for name, kind in kinds.items() if kind == "person" and " " not in name}
    for name, kind in kinds.items():
        words = name.split()
        if kind == "person" and len(words) > 1 and words[0] in alone:
            kinds[name] = "person" if words[-1] in people_alone else "org"
    return kinds


def _people_by_their_names(kinds: dict[str, str]) -> dict[str, str]:
    """A person's surname labelled an organisation or a place ("Sasse" after "Ben Sasse",
    "the Bidens"), or a full name labelled one whose surname is elsewhere a person
    ("Montell Figgins"), is a person; a place the lists know stays a place."""
    full = [name.split() for name, kind in kinds.items() if kind == "person" and " " in name]
    single = {name for name, kind in kinds.items() if kind == "person" and " " not in name}
    handles = {parts[-1] for parts in full} | {parts[0] for parts in full}
    for name, kind in kinds.items():
        if kind not in ("org", "place") or name.isupper() or name in g.PLACES:
            continue
        words = name.split()
        if any(w.strip(".,") in g.ORGANIZATION_WORDS for w in words):
            continue
        surname = len(words) == 1 and (name in handles or name.removesuffix("s") in handles)
        if surname or (1 < len(words) <= 3 and words[-1] in single):
            kinds[name] = "person"
    return kinds


def canonical_place(name: str) -> str:
    """A country by its common English name: "U.S." -> "United States"."""
    return g.PLACE_ALIASES.get(name, name)


def _places(
    mentions: list[tuple[Span, str]], kinds: dict[str, str], organizations: list[str]
) -> list[str]:
    """The places named as places, by their common names. A place the lists know (or a
    town GeoNames knows, once the recogniser took it for a place) counts unless only used
    as an adjective ("Ukrainian", "US-China talks"); another counts only
    where the article names it as a place: not only as a modifier ("Netflix special"), nor
    as an organisation's name shortened ("Alden" after "Alden Capital"), and a one-word
    name at least once in a place's context ("in Columbia", "Addison, a village")."""
    first = {name: span.start for span, name in reversed(mentions)}
    places = [(span, name) for span, name in mentions if kinds[name] == "place"]
    listed = {name for _, name in places if _known_place(name) or name in g.towns()}
    named = {name for span, name in places if name in listed and not _adjective(span)}
    unknown: dict[str, list[Span]] = defaultdict(list)
    for span, name in places:
        if name not in listed and not _modifier(span):
            unknown[name].append(span)
    named |= {
        name
        for name, spans in unknown.items()
        if (" " in name or any(_named_as_place(span) for span in spans))
        and not any(_first_words_of(name, o) for o in organizations if first[o] < first[name])
    }
    return _unique(canonical_place(name) for _, name in places if name in named)


def _known_place(name: str) -> bool:
    """Whether the lists know ``name`` for a place ("U.S.", "Manhattan")."""
    return name in g.PLACES or canonical_place(name) in g.PLACES


def _modifier(span: Span) -> bool:
    """A name used as a modifier of another noun ("Netflix special"), not of a word for a
    place ("Kowloon West district")."""
    root = span.root
    return (
        root.dep_ in ("compound", "amod")
        and root.head.pos_ == "NOUN"
        and root.i < root.head.i
        and root.head.text not in g.SETTLEMENT_NOUNS
    )


def _adjective(span: Span) -> bool:
    """A place's name used as an adjective ("Ukrainian officials"), a country's name used
    as one ("a U.S. official", "the UK economy"), or hyphened to another to name a
    relation ("US-China trade talks")."""
    doc = span.doc
    hyphened_after = span.end + 1 < len(doc) and doc[span.end].text == "-"
    hyphened_before = span.start > 1 and doc[span.start - 1].text == "-"
    country = canonical_place(span.text) in g.COUNTRIES and span.root.dep_ == "compound"
    return (
        span.root.dep_ == "amod"
        or country
        or (hyphened_after and doc[span.end + 1].ent_type_ == "GPE")
        or (hyphened_before and doc[span.start - 2].ent_type_ == "GPE")
    )


def _named_as_place(span: Span) -> bool:
    """Whether a mention names a place as one: after "in" or the like, or described as one."""
    return _locative(span) or _described_as(span) == "place"


def _locative(span: Span) -> bool:
    """Whether a mention names a place as one: "in Columbia", "near Evansville", "from
    Aberdeenshire", "Sacramento-based", or in a list or apposition after one."""
    word = span.root
    while word.dep_ in ("conj", "appos") and word.head != word:
        word = word.head
    if word.dep_ == "npadvmod":
        return word.head.lower_ == "based"
    if word.dep_ != "pobj":
        return False
    preposition = word.head
    return preposition.lower_ in g.LOCATIVE_PREPOSITIONS or (
        preposition.lower_ == "of" and preposition.head.lower_ in _DIRECTIONS
    )


def _unique(names: object) -> list[str]:
    return list(dict.fromkeys(names))  # type: ignore[call-overload]


def _short_forms(names: list[str]) -> dict[str, str]:
    """The names the article shortens organisations' names to (``names`` in order of first
    mention), and the fullest name of each: its first words ("Tyvak" for "Tyvak
    Nano-Satellite Systems"), or, after the full name, its last words or its words
    inverted ("Intelligence Committee", "Justice Department")."""
    found = {}
    for at, name in enumerate(names):
        full = [other for other in names if _first_words_of(name, other)]
        full += [other for other in names[:at] if _shortened(name, other)]
        if full:
            found[name] = max(full, key=len)
    return found


def _resolved(other_names: dict[str, str]) -> dict[str, str]:
    """Each other name mapped to the fullest name, through the names in between ("NSC" is
    "National Security Council", which may be short for a longer one)."""
    resolved = {}
    for name, full in other_names.items():
        seen = {name}
        while full in other_names and full not in seen:
            seen.add(full)
            full = other_names[full]
        resolved[name] = full
    return resolved


def _first_words_of(name: str, full: str) -> bool:
    """Whether ``name`` begins the longer name ``full`` ("Edmunds" of "Edmunds.com"); a
    place the lists know is a name of its own ("New York" of "New York Daily News")."""
    return name not in g.PLACES and full.startswith((name + " ", name + "."))


def _shortened(name: str, full: str) -> bool:
    """Whether ``name`` is ``full``'s last words, when more than one (a last word alone,
    "Tribune", often names another than "Chicago Tribune"), or its words inverted
    ("Justice Department" for "Department of Justice")."""
    *modifiers, head = name.split()
    if not modifiers or name == full:
        return False
    return full.endswith(" " + name) or full.replace(" of the ", " of ") == (
        f"{head} of {' '.join(modifiers)}"
    )


def _pair(name: str, names: list[str]) -> bool:
    """Whether ``name`` pairs two others ("the Gannett-GateHouse merger"): not a third."""
    known = {other.casefold() for other in names}
    return "-" in name and all(part.casefold() in known for part in name.split("-"))


def _acronyms(text: str, organizations: list[str]) -> dict[str, str]:
    """Acronyms of the organisations the article names in full: introduced in brackets
    ("... Fund (IMF)"), or the initials of the full name ("NSC", "EU")."""
    found = {}
    for name in organizations:
        match = re.search(re.escape(name) + r"\s+\(([A-Z][A-Za-z&]{1,7})\)", text)
        if match:
            found[match[1]] = name
    for acronym in organizations:
        if acronym in found or not re.fullmatch(r"[A-Z]{2,6}", acronym):
            continue
        full = [name for name in organizations if acronym in _initials(name)]
        if full:
            found[acronym] = full[0]
    return found


def _initials(name: str) -> set[str]:
    """The acronyms a name may be shortened to: "Department of Justice" is DJ or DOJ."""
    words = name.replace("-", " ").split()
    if len(words) < 2:
        return set()
    return {
        "".join(w[0] for w in words if w[0].isupper()),
        "".join(w[0] for w in words).upper(),
    }
