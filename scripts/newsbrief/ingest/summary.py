"""Synopsis and takeaways: the article's own sections when it has them, else its best sentences.

Sentences are ranked by position (news puts what matters first), by how many of the
headline's words they share, and by how many names they carry; the 3 to 5 best are
kept in article order, never more than the article has.
"""

from __future__ import annotations

import re

from newsbrief.ingest.article import Article

MAX_TAKEAWAY = 300
MAX_SYNOPSIS = 600
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))\s+(?=[“\"A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|St|U\.S|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.$"
)
_STOPWORDS = frozenset(
    "a an the of to in on at for and or but is are was were be by with as from that this it its "
    "his her their he she they has have had will would not after over into than did do does".split()
)


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, not split after abbreviations like "Mr." or "U.S."."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(paragraph.strip()):
        if parts and _ABBREVIATIONS.search(parts[-1]):
            parts[-1] += " " + piece
        elif piece:
            parts.append(piece)
    return parts


def synopsis(article: Article, lede: str) -> str:
    """The article's synopsis section, or the first sentence of its lede (trimmed)."""
    if article.synopsis:
        return trimmed(article.synopsis, MAX_SYNOPSIS)
    first = sentences(lede)
    return trimmed(first[0] if first else article.title, MAX_SYNOPSIS)


def takeaways(article: Article, paragraphs: list[str], count: int = 5) -> list[str]:
    """The article's key takeaways section, or its 3-5 most telling sentences."""
    if article.takeaways:
        return [trimmed(item, MAX_TAKEAWAY) for item in article.takeaways]
    title_words = _words(article.title)
    candidates = []
    for p_index, paragraph in enumerate(paragraphs):
        for s_index, sentence in enumerate(sentences(paragraph)):
            if len(sentence.split()) < 6 or re.search(r"[“”\"]", sentence):
                continue
            score = _score(sentence, title_words, p_index, s_index)
            candidates.append((score, p_index, s_index, sentence))
    wanted = max(3, min(count, len(candidates) // 3)) if len(candidates) >= 3 else len(candidates)
    best = sorted(candidates, reverse=True)[:wanted]
    return [trimmed(s, MAX_TAKEAWAY) for _, _, _, s in sorted(best, key=lambda c: c[1:3])]


def _score(sentence: str, title_words: set[str], paragraph: int, index: int) -> float:
    overlap = len(_words(sentence) & title_words) / (len(title_words) or 1)
    names = len(re.findall(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]+", sentence))
    position = 1.0 / (1 + paragraph) + (0.3 if index == 0 else 0.0)
    return 2.0 * overlap + position + 0.1 * min(names, 5)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOPWORDS and len(w) > 2}


def trimmed(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to fit ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
