"""A story suggested for a draft: the story of a recent brief that shares its people,
places and tags closely. Ingest only suggests it, in a review note; the editor decides,
so a draft never gets a ``story`` of ingest's choosing.

Closeness is a weighted Jaccard similarity of the two briefs' names and tags:

    similarity = Σ weight · |shared| / Σ weight · |either|

over the people (weight 3; speakers count as people), the places (2) and the tags (1),
from 0 (nothing shared) to 1 (the same names and tags). People weigh most because a story
follows its protagonists; tags least because many unrelated briefs share "military". A
brief of the last ``RECENT_DAYS`` days up to the draft's date whose story
``briefs/stories.yml`` defines is a candidate when the similarity is at least
``THRESHOLD`` and the two share at least one person or place (tags alone make a topic,
not a story). The story of the closest candidate is suggested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newsbrief.archive.vocabulary import Vocabulary

WEIGHTS = {"people": 3, "places": 2, "tags": 1}
THRESHOLD = 0.3
RECENT_DAYS = 60


@dataclass(frozen=True)
class Followed:
    """A brief that follows a story, as a draft is compared with it: its file, date,
    story, and its people (speakers included), places and tags, case-folded."""

    path: str
    date: dt.date
    story: str
    names: Mapping[str, frozenset[str]]


def followed(front_matter: Mapping[str, Any], path: str) -> Followed | None:
    """The brief whose front matter (as read, unchecked) is ``front_matter``, if it names a
    story and a date; None otherwise, or when a field it needs is not what the schema says
    (``newsbrief check`` reports that)."""
    story, date = front_matter.get("story"), _date(front_matter.get("date"))
    if not isinstance(story, str) or date is None:
        return None
    return Followed(path, date, story, _names(front_matter))


def _date(value: Any) -> dt.date | None:
    """The date the strict YAML reader gives as text (``2025-05-04``), if it is one."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _names(front_matter: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """The people (and the speakers of quotes and commentary), places and tags of a front
    matter, case-folded; what is not a list of text counts as none."""
    speakers = [
        quote.get("speaker")
        for kind in ("quotes", "commentary")
        for quote in _items(front_matter.get(kind))
        if isinstance(quote, dict)
    ]
    lists = {
        "people": [*_items(front_matter.get("people")), *speakers],
        "places": _items(front_matter.get("places")),
        "tags": _items(front_matter.get("tags")),
    }
    return {
        kind: frozenset(item.casefold() for item in items if isinstance(item, str))
        for kind, items in lists.items()
    }


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def similarity(one: Mapping[str, frozenset[str]], other: Mapping[str, frozenset[str]]) -> float:
    """The weighted Jaccard similarity of two briefs' people, places and tags (see above)."""
    shared = sum(weight * len(one[kind] & other[kind]) for kind, weight in WEIGHTS.items())
    either = sum(weight * len(one[kind] | other[kind]) for kind, weight in WEIGHTS.items())
    return shared / either if either else 0.0


def story_note(
    front_matter: Mapping[str, Any], briefs: Iterable[Followed], vocabulary: Vocabulary
) -> str | None:
    """The review note suggesting a story for the draft of ``front_matter``, or None when no
    recent brief of a story is close enough."""
    draft = _names(front_matter)
    date: dt.date = front_matter["date"]
    best: tuple[float, Followed] | None = None
    for brief in briefs:
        recent = dt.timedelta(0) <= date - brief.date <= dt.timedelta(days=RECENT_DAYS)
        if not recent or brief.story not in vocabulary.stories:
            continue
        if not (draft["people"] & brief.names["people"] or draft["places"] & brief.names["places"]):
            continue
        score = similarity(draft, brief.names)
        if score >= THRESHOLD and (best is None or score > best[0]):
            best = (score, brief)
    if best is None:
        return None
    score, brief = best
    title = vocabulary.stories[brief.story].title
    return (
        f"story: this may continue the story '{brief.story}' ({title}): it shares people, "
        f"places and tags with {brief.path} of {brief.date} (similarity {score:.2f}); "
        f"add 'story: {brief.story}' if it does"
    )
