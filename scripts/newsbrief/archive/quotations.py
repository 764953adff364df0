"""Quotations checked against the source article: no misquote reaches the site.

A brief's quotation must be in its source, word for word. What may differ is what
never changes what was said: quotation marks and other punctuation, letter case,
accents, whitespace and line breaks. Two marks an editor may add:

* an ellipsis (``...`` or ``…``) marks a cut: the words on either side must be in the
  source in that order, at most :data:`MAX_CUT` words apart, and the words cut may not
  turn what was said around (a ``not``, ``never``, ``no``...: "I do not support the
  plan" quoted as "I do … support the plan" is refused);
* square brackets mark an editor's insertion ("[The minister] said", for "He said"):
  they stand for at most :data:`MAX_INSERTION` words of the source, again with no
  negation among them.

A quotation of several paragraphs is found paragraph by paragraph, each at most
:data:`MAX_BETWEEN_PARAGRAPHS` words after the one before: between them a saved page
has captions, links and advertisements.

The speaker's name must be in the source too. A saved web page is checked on its text
(its markup, scripts and styles left out). A paraphrase belongs in the brief's summary,
not in ``quotes``; the error says so, with the closest passage of the source.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import lxml.html

MAX_CUT = 80
MAX_INSERTION = 8
MAX_BETWEEN_PARAGRAPHS = 400
# Words split at apostrophes, so "don't" is "don" "t": a lone "t" is a negation.
NEGATIONS = frozenset(
    "not no never nor neither none nothing nobody nowhere without cannot t".split()
)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_WORD = re.compile(r"[^\W_]+")
_MARK = re.compile(r"\.\.\.|…|\[[^\]]*\]|\n\s*\n")


class SourceText:
    """The words of a source article, ready to find quotations in."""

    def __init__(self, text: str) -> None:
        self.text = text
        # _key inlined for the ASCII words: checking a build's 10,000 briefs keys millions
        self._keys = [
            word.lower() if word.isascii() else _key(word) for word in _WORD.findall(text)
        ]
        self._at: dict[str, list[int]] = {}  # where each word looked for is, once looked for

    @functools.cached_property
    def _spans(self) -> list[tuple[int, int]]:
        """Where each word is in the text: needed only to show a passage."""
        return [match.span() for match in _WORD.finditer(self.text)]

    @classmethod
    def of(cls, data: bytes, path: str) -> SourceText:
        """The source file's text: a saved page's words without its markup."""
        text = data.decode("utf-8", errors="replace")
        if path.lower().endswith(HTML_SUFFIXES):
            text = _page_text(text)
        return cls(text)

    def contains_name(self, name: str) -> bool:
        """Whether each part of ``name`` ("spokesperson, Acme": two) is in the text."""
        parts = [_keys_of(part) for part in name.split(",")]
        return all(self._starts(part) for part in parts if part)

    def find(self, quotation: str) -> Misquote | None:
        """None if ``quotation`` is in the text as the module's rules allow, else why not."""
        quoted = Quotation.of(quotation)
        if not any(quoted.pieces) or any(True for _ in self._matches(quoted, 0, None)):
            return None
        return self._misquote(quotation, quoted)

    def _starts(self, keys: Sequence[str]) -> list[int]:
        """Where the run of words ``keys`` starts in the text."""
        if not keys:
            return []
        return [
            start
            for start in self._positions(keys[0])
            if self._keys[start : start + len(keys)] == list(keys)
        ]

    def _positions(self, key: str) -> list[int]:
        """Where the word ``key`` is in the text. Found when first asked for, by
        ``list.index``: a brief's checks ask for a few of its article's hundreds of words.
        Indexing every word took 1.6 s of CPU for the 10,000 articles of the synthetic
        archive, against 1.0 s for this (both with the words' keys)."""
        found = self._at.get(key)
        if found is None:
            found = self._at[key] = []
            with contextlib.suppress(ValueError):  # no more of them
                while True:
                    found.append(self._keys.index(key, found[-1] + 1 if found else 0))
        return found

    def _matches(self, quoted: Quotation, first: int, after: int | None) -> Iterator[int]:
        """End positions of matches of the pieces from ``first`` on, the first of them
        starting after word ``after`` (anywhere if None) within the gap its mark allows."""
        if first == len(quoted.pieces):
            yield after if after is not None else 0
            return
        keys = quoted.pieces[first]
        for start in self._starts(keys) if keys else [after or 0]:
            if after is not None and not self._allowed_gap(after, start, quoted.gap(first)):
                continue
            yield from self._matches(quoted, first + 1, start + len(keys))

    def _allowed_gap(self, after: int, start: int, gap: Gap) -> bool:
        """Whether the words between ``after`` and ``start`` may be left out: few enough,
        and no negation among them unless between paragraphs."""
        if not 0 <= start - after <= gap.words:
            return False
        return gap.negation_allowed or not NEGATIONS.intersection(self._keys[after:start])

    def _misquote(self, quotation: str, quoted: Quotation) -> Misquote:
        """Why ``quoted`` is not found: the first of its pieces the text does not have,
        compared with the closest passage, or else the whole against the passage."""
        missing = [piece for piece in quoted.pieces if not self._starts(piece)]
        words = missing[0] if missing else [key for piece in quoted.pieces for key in piece]
        start, end = self._closest(words)
        passage = " ".join(self.text[self._spans[start][0] : self._spans[end - 1][1]].split())
        differences = _differences(self._keys[start:end], words)
        return Misquote(quotation, passage, differences, self._cut_negation(quoted))

    def _closest(self, quoted: list[str]) -> tuple[int, int]:
        """The run of the text's words most like ``quoted``: of the windows of its length,
        the one sharing most words with it, from its first word in common to its last."""
        size = min(len(quoted), len(self._keys))
        wanted, window = Counter(quoted), Counter(self._keys[:size])
        best, best_start = sum((window & wanted).values()), 0
        for start in range(1, len(self._keys) - size + 1):
            window[self._keys[start - 1]] -= 1
            window[self._keys[start + size - 1]] += 1
            shared = sum((window & wanted).values())
            if shared > best:
                best, best_start = shared, start
        # Widen by the quotation's length, then keep what lines up with it.
        low, high = max(best_start - size, 0), min(best_start + 2 * size, len(self._keys))
        blocks = difflib.SequenceMatcher(a=self._keys[low:high], b=quoted, autojunk=False)
        matched = [block for block in blocks.get_matching_blocks() if block.size]
        if not matched:
            return best_start, best_start + size
        first, last = matched[0], matched[-1]
        start = max(low + first.a - first.b, low)  # the quotation's unmatched first words
        end = min(low + last.a + last.size + len(quoted) - last.b - last.size, high)
        return start, end

    def _cut_negation(self, quoted: Quotation) -> str | None:
        """A negation an ellipsis or insertion cuts where, but for it, the quotation would
        be found: the cut is what turns the source around."""
        pieces = quoted.pieces
        for first_start in self._starts(pieces[0]):
            after = first_start + len(pieces[0])
            for index in range(1, len(pieces)):
                gap = quoted.gap(index).words
                starts = [s for s in self._starts(pieces[index]) if 0 <= s - after <= gap]
                if not starts:
                    break
                cut = NEGATIONS.intersection(self._keys[after : starts[0]])
                if cut and not quoted.gap(index).negation_allowed:
                    return sorted(cut)[0]
                after = starts[0] + len(pieces[index])
        return None


@dataclass(frozen=True)
class Gap:
    """What a mark between two pieces of a quotation may stand for: at most ``words``
    words of the source, and a negation among them only between paragraphs."""

    words: int
    negation_allowed: bool = False

    def __add__(self, other: Gap) -> Gap:
        return Gap(self.words + other.words, self.negation_allowed and other.negation_allowed)


CUT, INSERTION = Gap(MAX_CUT), Gap(MAX_INSERTION)
PARAGRAPH = Gap(MAX_BETWEEN_PARAGRAPHS, negation_allowed=True)


@dataclass(frozen=True)
class Quotation:
    """A quotation's words, in pieces between the editor's marks (and its paragraph
    breaks), and what each mark may stand for (``gaps[i]``: the one before piece i + 1)."""

    pieces: list[list[str]]
    gaps: list[Gap]

    @classmethod
    def of(cls, quotation: str) -> Quotation:
        pieces, gaps, last = [], [], 0
        for mark in _MARK.finditer(quotation):
            pieces.append(_keys_of(quotation[last : mark.start()]))
            gaps.append(_gap_of(mark.group()))
            last = mark.end()
        pieces.append(_keys_of(quotation[last:]))
        return cls._without_empty_pieces(pieces, gaps)

    @classmethod
    def _without_empty_pieces(cls, pieces: list[list[str]], gaps: list[Gap]) -> Quotation:
        """A mark at either end cuts or inserts nothing that needs finding; marks in a row
        ("… [sic]") stand for as much as all of them."""
        kept: list[list[str]] = []
        kept_gaps: list[Gap] = []
        pending: Gap | None = None  # what the marks since the last piece kept stand for
        for index, piece in enumerate(pieces):
            if index:
                pending = gaps[index - 1] if pending is None else pending + gaps[index - 1]
            if not piece:
                continue
            if kept and pending is not None:
                kept_gaps.append(pending)
            kept.append(piece)
            pending = None
        return cls(kept or [[]], kept_gaps)

    def gap(self, index: int) -> Gap:
        """What may lie between piece ``index`` and the one before."""
        return self.gaps[index - 1]


@dataclass(frozen=True)
class Misquote:
    """A quotation not found in the source, the closest passage, and how they differ."""

    quotation: str
    passage: str
    differences: str
    cut_negation: str | None = None

    def message(self) -> str:
        if self.cut_negation:
            what = f"the cut leaves out “{self.cut_negation}”, which turns the source around"
        else:
            what = f"it differs: {self.differences}"
        return (
            f"is not in the source article; the closest passage is “{self.passage}” ({what}). "
            "Quote the source word for word (an ellipsis … marks a cut, [brackets] an "
            "insertion); a paraphrase belongs in the summary"
        )


def _gap_of(mark: str) -> Gap:
    if mark.startswith("["):
        return INSERTION
    return CUT if mark in ("...", "…") else PARAGRAPH


def _differences(source: list[str], quoted: list[str]) -> str:
    """What the quotation has that the passage does not, and the other way round."""
    changes = []
    matcher = difflib.SequenceMatcher(a=source, b=quoted, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "replace":
            was, now = " ".join(source[a0:a1]), " ".join(quoted[b0:b1])
            changes.append(f"“{now}” where the source has “{was}”")
        elif tag == "insert":
            changes.append(f"“{' '.join(quoted[b0:b1])}” is not in it")
        elif tag == "delete" and a0 > 0 and a1 < len(source):
            changes.append(f"the source has “{' '.join(source[a0:a1])}” in between")
    return "; ".join(changes[:3]) or "its words are there, but not together"


def _keys_of(text: str) -> list[str]:
    return [_key(match.group()) for match in _WORD.finditer(text)]


def _key(word: str) -> str:
    """A word as compared: without case or accents."""
    if word.isascii():  # most words of English news: the quick way
        return word.lower()
    plain = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c))


def _page_text(page: str) -> str:
    """The words a reader sees on a saved page: no markup, scripts or styles."""
    try:
        tree = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return page
    for element in tree.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    # Between elements, a space: a paragraph's last word and the next one's first are two.
    return " ".join(tree.itertext())
