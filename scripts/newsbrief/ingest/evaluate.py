"""Measure ingest against hand-made gold annotations: per-field precision, recall and F1.

A gold file (``tests/eval/gold/*.yml``) names its article and gives the facts an editor
would write; ``tests/eval/README.md`` says how they are annotated. The articles fall in
three groups: the regression cases kept in ``tests/eval/articles``, and the real corpus
(outside the repository) split once by a fixed rule, odd-numbered articles for
development and even-numbered ones for testing. A corpus article with a saved web page
is ingested twice, from its text and from its page, and each is scored apart.

Quotes are matched one to one by their first words (a gold quote holds at most ten);
speaker, role and the expert/principal split are then scored on the matched pairs
(precision over quotes found, recall over gold quotes). Single-value fields (title,
date, dateline, source, address) count a hit, a wrong value (a false positive and a
miss) or a miss; list fields are scored as sets, summed over all articles.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.ingest.draft import draft_brief
from newsbrief.ingest.readers import read_source

SET_FIELDS = ("cites", "tags", "people", "organizations", "places")
SINGLE_FIELDS = ("title", "date", "dateline", "source", "url")
QUOTE_FIELDS = ("quotes found", "speaker", "role", "expert/principal")
GROUPS = ("regression", "development", "test")
CORPUS_VARIABLE = "NEWSBRIEF_EVAL_CORPUS"
DEFAULT_CORPUS = Path("../shared/eval-corpus")
QUOTE_WORDS = 10
_ORDER = ("text", "text of the pages", "page")
_CORPUS_NAME = re.compile(r"d(\d+)")


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


Scores = dict[str, Score]


@dataclass(frozen=True)
class Case:
    """One article to ingest, and what its annotation expects of that ingest."""

    name: str
    group: str
    source: Path
    gold: dict[str, Any]
    has_page: bool = False  # a text whose saved page is scored too

    @property
    def kind(self) -> str:
        """``text`` or ``page``: which form of the article is ingested."""
        return "page" if self.source.suffix == ".html" else "text"


def corpus_folder(root: Path) -> Path:
    """Where the real corpus is: ``$NEWSBRIEF_EVAL_CORPUS``, else ``../shared/eval-corpus``."""
    configured = os.environ.get(CORPUS_VARIABLE)
    return Path(configured) if configured else (root / DEFAULT_CORPUS).resolve()


def group_of(name: str) -> str:
    """The group of a gold file: ``dNN`` is the corpus, split odd/even; the rest regression."""
    match = _CORPUS_NAME.fullmatch(name)
    if match is None:
        return "regression"
    return "development" if int(match[1]) % 2 else "test"


def cases(folder: Path, corpus: Path | None) -> Iterator[Case]:
    """Every case of ``folder/gold``; corpus cases only when ``corpus`` is given."""
    for gold_file in sorted((folder / "gold").glob("*.yml")):
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        group = group_of(gold_file.stem)
        if group == "regression":
            yield Case(gold_file.stem, group, folder / "articles" / gold["article"], gold)
            continue
        if corpus is None:
            continue
        page = corpus / f"{gold['article']}.html"
        has_page = page.exists() and bool(gold.get("page"))
        yield Case(gold_file.stem, group, corpus / f"{gold['article']}.txt", gold, has_page)
        if has_page:
            yield Case(gold_file.stem, group, page, {**gold, **_page_gold(gold)})


def _page_gold(gold: dict[str, Any]) -> dict[str, Any]:
    """What a saved page should give: its own metadata where the annotation records it."""
    page = gold["page"]
    expected = {"date": page.get("date"), "source": page.get("source"), "url": page.get("url")}
    if page.get("title"):
        expected |= {"title": page["title"], "title_words": page.get("title_words")}
    return expected


def evaluate(selected: Iterable[Case], vocabulary: Vocabulary, today: dt.date) -> dict[str, Scores]:
    """Scores of each group and kind ("development, text"), over the given cases."""
    results: dict[str, Scores] = {}
    for case in selected:
        scores = results.setdefault(f"{case.group}, {case.kind}", _empty())
        found = _ingest(case, vocabulary, today, scores["quotes found"].misses)
        score_case(scores, case, found)
        if case.has_page:  # the same articles as the pages, to compare the two forms
            paired = results.setdefault(f"{case.group}, text of the pages", _empty())
            score_case(paired, case, found)
    return dict(sorted(results.items(), key=lambda item: _order(item[0])))


def _order(label: str) -> tuple[int, int]:
    """Groups in their order, and in each the text, the text of the pages, then the pages."""
    group, kind = label.split(", ")
    return GROUPS.index(group), _ORDER.index(kind)


def _empty() -> Scores:
    return {name: Score() for name in (*SINGLE_FIELDS, *SET_FIELDS, *QUOTE_FIELDS)}


def _ingest(
    case: Case, vocabulary: Vocabulary, today: dt.date, misses: list[str]
) -> dict[str, Any]:
    """The draft's front matter as the gold files write it (unknowns as None); an article
    that could not be ingested finds nothing, and ``misses`` says why."""
    try:
        article = read_source(case.source, f"seeds/{case.source.name}")
        found = draft_brief(article, vocabulary, today).front_matter
    except NewsbriefError as error:
        misses.append(f"{case.name}: not ingested: {error}")
        return {}
    source = found["source"]
    found = {**found, "source": None if source["name"] == "unknown" else source["name"]}
    found["url"] = source["url"]
    if any(note.startswith("date: the article gives no date") for note in found["review"]):
        found["date"] = None  # today's date, used only to keep the draft valid
    return found


def score_case(scores: Scores, case: Case, found: dict[str, Any]) -> None:
    """Add one ingested article's hits and misses to ``scores``."""
    gold = case.gold
    label = f"{case.name} ({case.kind})"
    _single(scores["title"], label, gold.get("title"), found.get("title"), _same_title(gold))
    for name in ("date", "dateline", "source", "url"):
        _single(scores[name], label, _str(gold.get(name)), _str(found.get(name)), _same)
    for name in SET_FIELDS:
        _sets(scores[name], label, gold.get(name) or [], found.get(name) or [])
    _quotes(scores, label, _all_quotes(gold), _all_quotes(found))


def normalize(text: str | None) -> str:
    """Text compared without case, quote marks, a leading "the", punctuation at its ends
    or spacing differences."""
    text = re.sub(r"[“”\"‘’'«»]", "", (text or "").lower())
    text = " ".join(text.replace("—", " ").replace("–", " ").split()).strip(" .,;:!?")
    return re.sub(r"^the ", "", text)


def words(text: str | None) -> list[str]:
    """The words of a text, for comparing quotes and titles: no case, no punctuation."""
    return re.findall(r"[\w]+", re.sub(r"[’'‘]", "", (text or "").lower()))


def _title_words(title: str | None) -> list[str]:
    """A title's words as ``title_words`` counts them: separated by spaces."""
    return [w for w in (normalize(word) for word in (title or "").split()) if w]


def _str(value: Any) -> str | None:
    return None if value is None else str(value).rstrip("/")


def _same(gold: str, found: str | None) -> bool:
    return normalize(gold) == normalize(found)


def _same_title(gold: dict[str, Any]):
    """A title annotated by its first ten words and its length matches a title that starts
    with those words and has that many."""
    length = gold.get("title_words")

    def same(expected: str, found: str | None) -> bool:
        got = _title_words(found)
        want = _title_words(expected)
        return got[: len(want)] == want and len(got) == (length or len(want))

    return same


def _single(score: Score, case: str, gold: str | None, found: str | None, same) -> None:
    if gold is None and found is None:
        return  # rightly found nothing
    if gold is not None and same(gold, found):
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


def same_quote(gold: str, found: str) -> bool:
    """A quote found matches a gold quote when it starts with the gold's first words (at
    most ten), or is itself the start of them."""
    want = words(gold)[:QUOTE_WORDS]
    got = words(found)
    if not want or not got:
        return False
    return got[: len(want)] == want or (len(got) >= 3 and want[: len(got)] == got)


def _quotes(
    scores: Scores, case: str, gold: list[dict[str, Any]], found: list[dict[str, Any]]
) -> None:
    unmatched = list(found)
    pairs = []
    for expected in gold:
        match = next((q for q in unmatched if same_quote(expected["text"], q["text"])), None)
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
        score.fp += len(pairs) - len(right)
        score.fn += len(pairs) - len(right)
        for expected, got in pairs:
            if not same(expected, got):
                key = "expert" if name == "expert/principal" else name
                score.misses.append(
                    f"{case}: “{expected['text'][:40]}” {name}: expected "
                    f"{expected.get(key)!r}, got {got.get(key)!r}"
                )


_HEADER = f"{'field':<18} {'precision':>9} {'recall':>7} {'F1':>6}  {'tp':>4} {'fp':>4} {'fn':>4}"


def score_tables(results: dict[str, Scores], verbose: bool = False) -> str:
    """Each group's scores as a table, and with ``verbose`` every miss."""
    blocks = []
    for group, scores in results.items():
        lines = [group, _HEADER]
        for name, score in scores.items():
            if score.tp + score.fp + score.fn == 0:
                continue
            lines.append(
                f"{name:<18} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f}  "
                f"{score.tp:>4} {score.fp:>4} {score.fn:>4}"
            )
        if verbose:
            for name, score in scores.items():
                if score.misses:
                    lines += [f"\n{name}:"] + [f"  {miss}" for miss in score.misses]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
