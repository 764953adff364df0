"""Measure ingest against hand-made gold annotations: per-field precision, recall and F1.

A gold file (``tests/eval/gold/*.yml``) names its article and gives the fields an editor
would write. Quotes are matched one to one by their words; speaker, role and the
expert/principal split are then scored on the matched pairs (precision over quotes
found, recall over gold quotes). Single-value fields (date, dateline, source) count a
hit, a wrong value (a false positive and a miss) or a miss; list fields are scored
as sets, summed over all articles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newsbrief.ingest.draft import draft_brief
from newsbrief.ingest.readers import read_source
from newsbrief.problems import NewsbriefError
from newsbrief.vocabulary import Vocabulary

SET_FIELDS = ("cites", "tags", "people", "organizations", "places")
SINGLE_FIELDS = ("date", "dateline", "source")
QUOTE_FIELDS = ("quotes found", "speaker", "role", "expert/principal")


@dataclass
class Score:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def normalize(text: str | None) -> str:
    """Text compared without case, quote marks, trailing punctuation or spacing differences."""
    text = re.sub(r"[“”\"‘’'«»]", "", (text or "").lower())
    return " ".join(text.replace("—", " ").split()).strip(" .,;:")


def evaluate(folder: Path, vocabulary: Vocabulary, today: dt.date) -> dict[str, Score]:
    """Scores over every gold file in ``folder/gold`` (articles in ``folder/articles``)."""
    scores = {name: Score() for name in (*SINGLE_FIELDS, *SET_FIELDS, *QUOTE_FIELDS)}
    for gold_file in sorted((folder / "gold").glob("*.yml")):
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        article_file = folder / "articles" / gold["article"]
        case = gold_file.stem
        try:
            article = read_source(article_file, f"seeds/{article_file.name}")
            found = draft_brief(article, vocabulary, today).front_matter
            found["source"] = _known(found["source"]["name"])
            if any(note.startswith("date: the article gives no date") for note in found["review"]):
                found["date"] = None  # today's date, used only to keep the draft valid
        except NewsbriefError as error:  # scored as finding nothing, and said why
            found = {}
            scores["quotes found"].misses.append(f"{case}: not ingested: {error}")
        for name in SINGLE_FIELDS:
            _single(scores[name], case, _str(gold.get(name)), _str(found.get(name)))
        for name in SET_FIELDS:
            _sets(scores[name], case, gold.get(name) or [], found.get(name) or [])
        _quotes(scores, case, _all_quotes(gold), _all_quotes(found))
    return scores


def _known(name: str) -> str | None:
    return None if name == "unknown" else name


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _single(score: Score, case: str, gold: str | None, found: str | None) -> None:
    if gold is None and found is None:
        return  # rightly found nothing
    if gold is not None and normalize(gold) == normalize(found):
        score.tp += 1
        return
    if found is not None:
        score.fp += 1
    if gold is not None:
        score.fn += 1
    score.misses.append(f"{case}: expected {gold!r}, got {found!r}")


def _sets(score: Score, case: str, gold: Iterable[str], found: Iterable[str]) -> None:
    expected = {normalize(x) for x in gold}
    got = {normalize(x) for x in found}
    score.tp += len(expected & got)
    score.fp += len(got - expected)
    score.fn += len(expected - got)
    if expected != got:
        score.misses.append(
            f"{case}: missing {sorted(expected - got)}, unexpected {sorted(got - expected)}"
        )


def _all_quotes(brief: dict[str, Any]) -> list[dict[str, Any]]:
    quotes = [{**q, "expert": False} for q in brief.get("quotes") or []]
    return quotes + [{**q, "expert": True} for q in brief.get("commentary") or []]


def _same_words(a: str, b: str) -> bool:
    a, b = normalize(a), normalize(b)
    if a in b or b in a:
        return min(len(a), len(b)) >= 0.6 * max(len(a), len(b))
    words_a, words_b = set(a.split()), set(b.split())
    return len(words_a & words_b) >= 0.8 * max(len(words_a), len(words_b))


def _quotes(
    scores: dict[str, Score], case: str, gold: list[dict[str, Any]], found: list[dict[str, Any]]
) -> None:
    unmatched = list(found)
    pairs = []
    for expected in gold:
        match = next((q for q in unmatched if _same_words(q["text"], expected["text"])), None)
        if match is None:
            scores["quotes found"].misses.append(f"{case}: missed “{expected['text'][:60]}”")
            continue
        unmatched.remove(match)
        pairs.append((expected, match))
    for extra in unmatched:
        scores["quotes found"].misses.append(f"{case}: unexpected “{extra['text'][:60]}”")
    found_score = scores["quotes found"]
    found_score.tp += len(pairs)
    found_score.fp += len(unmatched)
    found_score.fn += len(gold) - len(pairs)
    checks = {
        "speaker": lambda e, f: normalize(e["speaker"]) == normalize(f["speaker"]),
        "role": lambda e, f: normalize(e.get("role")) == normalize(f.get("role")),
        "expert/principal": lambda e, f: e["expert"] == f["expert"],
    }
    for name, same in checks.items():
        score = scores[name]
        right = [pair for pair in pairs if same(*pair)]
        score.tp += len(right)
        score.fp += len(found) - len(right)
        score.fn += len(gold) - len(right)
        for expected, got in pairs:
            if not same(expected, got):
                key = "expert" if name == "expert/principal" else name
                score.misses.append(
                    f"{case}: “{expected['text'][:40]}” {name}: expected "
                    f"{expected.get(key)!r}, got {got.get(key)!r}"
                )


def report(scores: dict[str, Score], verbose: bool = False) -> str:
    """The scores as a table, and with ``verbose`` every miss."""
    lines = [
        f"{'field':<18} {'precision':>9} {'recall':>7} {'F1':>6}  {'tp':>4} {'fp':>4} {'fn':>4}"
    ]
    for name, score in scores.items():
        lines.append(
            f"{name:<18} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f}  "
            f"{score.tp:>4} {score.fp:>4} {score.fn:>4}"
        )
    if verbose:
        for name, score in scores.items():
            lines += [f"\n{name}:"] + [f"  {miss}" for miss in score.misses]
    return "\n".join(lines)
