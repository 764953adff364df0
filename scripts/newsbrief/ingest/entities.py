"""People, organisations and places named in an article, from patterns and word lists.

Names are runs of capitalised words. A run is a place if the gazetteer knows it, an
organisation if it carries an organisation word ("Agency", "University", ...) or is a
known agency or an acronym, and a person if it is two to four name-like words. People
keep the role the article gives them ("North Korean leader Kim Jong-un", "Yang
Moo-jin, the president of ..., said") so quotes can be attributed and classified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsbrief.ingest import gazetteer as g

_TOKEN = r"(?:[A-Z](?:\.[A-Z])+\.?|(?:al-|el-)?[A-Z][\w’'\-]*)"
_JOINER = r"(?:of|for|and|the|de|del|da|di|van|von|bin|al|le|la|on)"
NAME_RUN = re.compile(rf"{_TOKEN}(?:(?:\s+{_JOINER})*\s+{_TOKEN})*")
_POSSESSIVE = re.compile(r"[’']s?$")
_TITLES_LONGEST_FIRST = "|".join(sorted(g.TITLES.split("|"), key=len, reverse=True))
_TITLE = re.compile(rf"^(?:(?:{_TITLES_LONGEST_FIRST})\s+)+")
ROLE_NOUNS = (
    "leader|president|minister|spokesperson|spokesman|spokeswoman|analyst|professor|chief|"
    "director|official|ambassador|secretary|chairman|chairwoman|executive|economist|researcher|"
    "fellow|founder|head|governor|mayor|general|commander|lawmaker|senator|envoy|diplomat|"
    "strategist|scientist|author|expert|lecturer|adviser|advisor|negotiator|premier|chancellor|"
    "officer|manager|partner|correspondent|editor|chair|ceo|cfo|co-founder|resident|activist"
)
_ROLE_BEFORE = re.compile(rf"((?:[\w.’'-]+\s+){{0,5}}?(?:{ROLE_NOUNS}))\s+$", re.IGNORECASE)
_CLAUSE_WORDS = re.compile(
    rf"^.*\b(?:{g.SPEECH_VERBS}|by|that|and|but|with|as|to|from|of|when|while|after|according)\s+",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(
    rf"^,\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,;:“”\"()]{{3,160}}?)(?:,|\.(?:\s|$)|$|\s+(?={g.SPEECH_VERBS}\b))"
)
DEMONYMS = frozenset(
    """Korean American Russian Ukrainian Chinese Japanese Indian Pakistani Iranian Iraqi Syrian
    Israeli Palestinian Egyptian Saudi Emirati Qatari Turkish British English French German
    Spanish Italian Polish Dutch Swedish Norwegian Danish Finnish Irish Scottish Welsh European
    African Asian Vietnamese Taiwanese Thai Filipino Indonesian Malaysian Burmese Afghan
    Bangladeshi Nepalese Lebanese Sudanese Somali Nigerian Kenyan Ethiopian Mexican Brazilian
    Argentine Canadian Australian Western Eastern Soviet Communist Democratic Republican Arab
    Jewish Muslim Christian Catholic Kurdish Yemeni Jordanian Libyan Moroccan Algerian Cuban
    Venezuelan Colombian Chilean Peruvian Belarusian Georgian Armenian Azerbaijani Kazakh Uzbek
    Mongolian Singaporean Greek Hungarian Romanian Serbian Czech Austrian Swiss Belgian
    Portuguese Gulf Pacific Atlantic Nordic Baltic Latin Middle""".split()
)
_NOT_ORG_ACRONYMS = frozenset("AI CEO CFO GDP UN II III IV PM AM TV US UK EU UAE DPRK ROK".split())


@dataclass
class Person:
    """Someone the article names: full name as first introduced, role, and where mentioned."""

    name: str
    role: str | None = None
    mentions: list[int] = field(default_factory=list)

    @property
    def handles(self) -> set[str]:
        """The single names the article may use for them: "Kim" or "Yang" (family name first
        in Korean and Chinese names) and the last name."""
        parts = self.name.split()
        return {parts[0], parts[-1]} if len(parts) > 1 else {parts[0]}


@dataclass
class Entities:
    """What an article names, in order of first mention."""

    people: list[Person]
    organizations: list[str]
    places: list[str]

    def person_named(self, name: str, before: int | None = None) -> Person | None:
        """The person a full name or single handle ("Yang") refers to."""
        name = _clean(name)
        candidates = [p for p in self.people if name == p.name or name in p.handles]
        if before is not None:
            candidates = [p for p in candidates if p.mentions and p.mentions[0] <= before]
        return candidates[-1] if candidates else None

    def last_person_before(self, position: int) -> Person | None:
        """The person mentioned most recently before ``position`` (for "he said")."""
        best, best_at = None, -1
        for person in self.people:
            at = max((m for m in person.mentions if m < position), default=-1)
            if at > best_at:
                best, best_at = person, at
        return best


def _clean(run: str) -> str:
    return _POSSESSIVE.sub("", run.strip())


def find_entities(text: str, exclude: set[str] = frozenset()) -> Entities:
    """People, organisations and places named in ``text``; ``exclude`` drops names (the source)."""
    people: dict[str, Person] = {}
    organizations: dict[str, None] = {}
    places: dict[str, None] = {}
    for match in NAME_RUN.finditer(text):
        run = _clean(match.group())
        start = match.start()
        following = re.match(r"\s+([a-z]+)", text[match.end() : match.end() + 20])
        if following and following[1] in g.PLACE_NOUNS:
            continue  # "Cat Lai port", "Yongbyon plant": a facility, not a person
        for kind, name, offset in _classify(run):
            if name in exclude:
                continue
            at = start + offset
            if kind == "place":
                places.setdefault(name)
            elif kind == "org":
                organizations.setdefault(name)
            else:
                title = _title_before(text, start)
                _add_person(people, name, at, text, (start, match.end()), title)
    for acronym in _acronyms_of(text, organizations):
        organizations.pop(acronym, None)
    return Entities(list(people.values()), list(organizations), list(places))


def _acronyms_of(text: str, organizations: dict[str, None]) -> set[str]:
    """Acronyms the article introduces for a named organisation: "... Agency (KCNA)"."""
    return {
        match[2]
        for match in re.finditer(r"([A-Z][\w ]+?) \(([A-Z]{2,6})\)", text)
        if any(name.endswith(match[1].split(" ")[-1]) for name in organizations)
    }


def _classify(run: str) -> list[tuple[str, str, int]]:
    """What a run of capitalised words names: (kind, name, offset in the run) items."""
    words = run.split()
    while words and words[0] in g.NOT_NAMES:
        words = words[1:]
    if not words:
        return []
    offset = len(run) - len(" ".join(words))
    name = " ".join(words)
    if name in g.PLACES:
        return [("place", name, offset)]
    if name in g.NEWS_AGENCIES:
        return [("org", name, offset)]
    if _acronym(name) or (
        len(words) > 1 and any(word.rstrip(".,") in g.ORGANIZATION_WORDS for word in words)
    ):
        return [("org", name, offset)]
    for size in range(len(words) - 1, 0, -1):  # "South Korea President Lee": split the place off
        head = " ".join(words[:size])
        if head in g.PLACES:
            rest = run[offset + len(head) :].strip()
            return [("place", head, offset), *_classify_tail(rest, run)]
    title = _TITLE.match(name)
    bare = name[title.end() :] if title else name
    if _person_like(bare.split()):
        return [("person", bare, offset + (title.end() if title else 0))]
    return []


def _title_before(text: str, start: int) -> str | None:
    """A capitalised title right before a name: "Secretary of State" in "... Marco Rubio"."""
    run = NAME_RUN.match(text, start)
    title = _TITLE.match(run.group()) if run else None
    return title.group().strip() if title else None


def _classify_tail(rest: str, run: str) -> list[tuple[str, str, int]]:
    return [(k, n, run.index(rest) + o) for k, n, o in _classify(rest)] if rest else []


def _acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,6}", name)) and name not in _NOT_ORG_ACRONYMS


def _person_like(words: list[str]) -> bool:
    if not 2 <= len(words) <= 4:
        return False
    if any(w in g.NOT_NAMES or w in DEMONYMS or (w.isupper() and len(w) > 1) for w in words):
        return False
    name_word = r"(?:al-|el-)?[A-Z][a-z’'\-]*[a-z]|[A-Z]\.|[A-Z][a-z]*-[A-Z]?[a-z]+"
    return all(re.fullmatch(name_word, w) for w in words)


def _add_person(
    people: dict[str, Person],
    name: str,
    at: int,
    text: str,
    span: tuple[int, int],
    title: str | None,
) -> None:
    person = people.get(name)
    if person is None:
        person = people[name] = Person(name)
    person.mentions.append(at)
    if person.role is None:
        person.role = role_near(text, *span) or title


def role_near(text: str, start: int, end: int) -> str | None:
    """The role an article gives a name: an appositive after it, or a title before it."""
    after = _APPOSITIVE.match(text[end : end + 220])
    if after and not re.match(rf"(?:{g.SPEECH_VERBS})\b", after["role"]):
        return after["role"].strip()
    before = text[max(0, start - 80) : start]
    before = re.split(r"[.,;:“”\"()]", before)[-1]
    found = _ROLE_BEFORE.search(before + " ") if before.strip() else None
    if found:
        role = _CLAUSE_WORDS.sub("", found.group(1)).strip()
        role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.IGNORECASE)
        return role or None
    return None


def mentions_of(entities: Entities, text: str) -> None:
    """Record every later mention of a person by a single handle ("Kim", "Yang")."""
    for person in entities.people:
        for handle in person.handles:
            for match in re.finditer(rf"\b{re.escape(handle)}\b", text):
                if match.start() not in person.mentions:
                    person.mentions.append(match.start())
        person.mentions.sort()
