"""Tags from the curated vocabulary: its titles and aliases matched against the text.

A match in the headline counts three times, in the lede twice, elsewhere once; a tag
needs a score of 3 (a headline match, or a lede match and one more) so a passing
mention does not tag a brief. Acronyms and other all-capital names match
case-sensitively ("US" is not "us"); others ignore case. At most six tags are kept,
the best ones, listed countries first, then regions, topics and conflicts.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from newsbrief.archive.vocabulary import Vocabulary

MAX_TAGS = 6
MIN_SCORE = 3
KIND_ORDER = {"country": 0, "region": 1, "topic": 2, "conflict": 3}


@functools.lru_cache(maxsize=8)
def _matchers(vocabulary: Vocabulary) -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    """Two patterns matching every tag name at once, longest first, and name -> slug maps:
    one for acronyms and dotted names (case-sensitive), one for the rest (ignoring case)."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for slug, tag in vocabulary.tags.items():
        for name in (tag.title, *tag.aliases):
            if name.isupper() or "." in name:
                exact[name] = slug
            else:
                folded[name.casefold()] = slug
    return tuple(
        (re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", flags), names)
        for names, flags in ((exact, 0), (folded, re.IGNORECASE))
        if (alternatives := "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    )


def tag_scores(vocabulary: Vocabulary, title: str, lede: str, body: str) -> Counter[str]:
    """How strongly the article names each tag."""
    scores: Counter[str] = Counter()
    for weight, text in ((3, title), (2, lede), (1, body)):
        for pattern, names in _matchers(vocabulary):
            for match in pattern.finditer(text):
                key = match[1] if pattern.flags & re.IGNORECASE == 0 else match[1].casefold()
                scores[names[key]] += weight
    return scores


def suggest_tags(scores: Counter[str], vocabulary: Vocabulary) -> list[str]:
    """The tags the article is about, from :func:`tag_scores`."""
    best = [slug for slug, score in scores.most_common(MAX_TAGS) if score >= MIN_SCORE]
    if not best:  # only passing mentions: the strongest one, which the draft's review flags
        best = [slug for slug, _ in scores.most_common(1)]
    return sorted(best, key=lambda slug: KIND_ORDER[vocabulary.tags[slug].kind])


def untagged(vocabulary: Vocabulary, names: list[str]) -> list[str]:
    """Names (people aside) that no tag title or alias covers: candidates for the vocabulary."""
    return [name for name in names if vocabulary.suggest(name) is None]
