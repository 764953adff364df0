"""Tags from the curated vocabulary: its titles and aliases matched against the text.

A match in the headline counts three times, in the lede twice, elsewhere once; a tag
needs a score of 3 (a headline match, or a lede match and one more) so a passing
mention does not tag a brief. Acronyms and other all-capital names match
case-sensitively ("US" is not "us"); others ignore case. At most six tags are kept,
the best ones, listed countries first, then regions, topics and conflicts.
"""

from __future__ import annotations

import re
from collections import Counter

from newsbrief.vocabulary import Vocabulary

MAX_TAGS = 6
MIN_SCORE = 3
KIND_ORDER = {"country": 0, "region": 1, "topic": 2, "conflict": 3}


def _pattern(name: str) -> re.Pattern[str]:
    flags = 0 if name.isupper() or "." in name else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flags)


def suggest_tags(vocabulary: Vocabulary, title: str, lede: str, body: str) -> list[str]:
    """The vocabulary tags the article is about."""
    scores: Counter[str] = Counter()
    for slug, tag in vocabulary.tags.items():
        for name in (tag.title, *tag.aliases):
            pattern = _pattern(name)
            scores[slug] += 3 * len(pattern.findall(title)) + 2 * len(pattern.findall(lede))
            scores[slug] += len(pattern.findall(body))
    best = [slug for slug, score in scores.most_common(MAX_TAGS) if score >= MIN_SCORE]
    return sorted(best, key=lambda slug: KIND_ORDER[vocabulary.tags[slug].kind])


def untagged(vocabulary: Vocabulary, names: list[str]) -> list[str]:
    """Names (people aside) that no tag title or alias covers: candidates for the vocabulary."""
    return [name for name in names if vocabulary.suggest(name) is None]
