"""An article becomes a draft brief: every schema field the article supports, plus review notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.quotations import SourceText
from newsbrief.archive.slugs import slugify
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.ingest import summary
from newsbrief.ingest.article import Article
from newsbrief.ingest.dateline import infer_date, parse_dateline
from newsbrief.ingest.entities import find_entities
from newsbrief.ingest.language import analyse
from newsbrief.ingest.quotes import FoundQuote, find_quotes
from newsbrief.ingest.sources import cited_outlets, source_name
from newsbrief.ingest.tagging import MIN_SCORE, suggest_tags, tag_scores, untagged


@dataclass(frozen=True)
class Draft:
    """A draft brief: its front matter in schema order, its summary, and its slug."""

    front_matter: dict[str, Any]
    body: str
    slug: str

    @property
    def date(self) -> dt.date:
        return self.front_matter["date"]


def draft_brief(article: Article, vocabulary: Vocabulary, today: dt.date) -> Draft:
    """Analyse ``article`` into a draft brief (``draft: true``) with notes for the editor."""
    dateline = parse_dateline(article.paragraphs[0])
    # A dateline on a line of its own ("WASHINGTON (AP) —") leaves no paragraph behind.
    paragraphs = [p for p in (dateline.text, *article.paragraphs[1:]) if p.strip()]
    if not paragraphs:
        raise NewsbriefError(
            [Problem(article.path, 1, "source", "has a dateline but no article text after it")]
        )
    text = "\n".join(paragraphs)
    review: list[str] = []
    date = infer_date(dateline, text, article.date, today)
    review += [date.note] if date.note else []
    source = source_name(article.site_name, dateline.agency)
    if source is None:
        review.append("source.name: the publisher could not be found; write it")
    cites = cited_outlets(text, source)
    doc = analyse(text)
    entities = find_entities(doc, exclude={source or ""})
    if dateline.place and dateline.place not in entities.places:
        entities.places.insert(0, dateline.place)
    found, unattributed = find_quotes(text, doc, entities, article.title)
    found, misquoted = _as_in_the_source(found, article.as_checked)
    review += _quote_notes(found) + misquoted
    review += [f"quote “{_opening(q)}…”: no speaker found; attribute it or leave it out"
               for q in unattributed]  # fmt: skip
    tags = _tags(article, paragraphs, vocabulary, review)
    missing = untagged(vocabulary, entities.places)
    if missing:
        review.append("tags: no tag covers " + ", ".join(missing) + "; add one to briefs/tags.yml?")
    synopsis = summary.synopsis(article, paragraphs[0])
    takeaways = summary.takeaways(article, paragraphs)
    if not takeaways:  # too short an article to choose from
        takeaways = [summary.trimmed(synopsis, summary.MAX_TAKEAWAY)]
        review.append("takeaways: the article is too short to choose them from; write them")
    elif not article.takeaways:
        review.append("takeaways: ranked sentences from the article; rewrite them as takeaways")
    front_matter = {
        "title": summary.trimmed(article.title, 200),
        "date": date.date,
        "dateline": dateline.place,
        "source": {
            "name": source or "unknown",
            "url": article.url,
            "path": article.path,
            "sha256": article.sha256,
        },
        "cites": cites,
        "synopsis": synopsis,
        "takeaways": takeaways,
        "tags": tags,
        "people": [person.name for person in entities.people],
        "organizations": entities.organizations,
        "places": entities.places,
        "quotes": [_quote(q) for q in found if not q.expert],
        "commentary": [_quote(q) for q in found if q.expert],
        "draft": True,
        "review": review,
    }
    return Draft(front_matter, _body(paragraphs), slugify(article.title))


def _tags(
    article: Article, paragraphs: list[str], vocabulary: Vocabulary, review: list[str]
) -> list[str]:
    """The draft's tags; a weak match is flagged, and no match leaves the choice to the
    editor (a draft may have no tags; publishing needs one)."""
    scores = tag_scores(vocabulary, article.title, paragraphs[0], "\n".join(paragraphs))
    tags = suggest_tags(scores, vocabulary)
    if not tags:
        review.append(
            "tags: no tag of briefs/tags.yml matches this article; choose one, or add a "
            "fitting tag or alias there (a brief needs a tag to be published)"
        )
    elif scores[tags[0]] < MIN_SCORE:
        review.append(f"tags: only a passing mention matched ({tags[0]}); choose the tags")
    return tags


def _quote(found: FoundQuote) -> dict[str, Any]:
    return {"speaker": found.speaker, "role": found.role, "text": found.text}


def _opening(text: str) -> str:
    return " ".join(text.split()[:6])


def _as_in_the_source(
    found: list[FoundQuote], source: SourceText | None
) -> tuple[list[FoundQuote], list[str]]:
    """The quotations the checker finds in the source file, and a note for each left out
    (the text reader and the page's own words can differ): a draft always passes the check."""
    if source is None:
        return found, []
    kept, notes = [], []
    for quote in found:
        if source.find(quote.text) is None and source.contains_name(quote.speaker):
            kept.append(quote)
        else:
            notes.append(
                f"quote “{_opening(quote.text)}…” ({quote.speaker}) was left out: it could "
                "not be matched word for word in the source; check it and add it by hand"
            )
    return kept, notes


def _quote_notes(found: list[FoundQuote]) -> list[str]:
    notes = []
    for quote in found:
        opening = _opening(quote.text)
        notes += [f"quote “{opening}…”: {note}" for note in quote.notes]
        if quote.role is None:
            notes.append(f"quote “{opening}…”: no role found for {quote.speaker}")
    return notes


def _body(paragraphs: list[str]) -> str:
    """A starting summary for the editor: the first two paragraphs that are not quotes.

    They are plain text, and the summary is Markdown: a ``<`` is written ``&lt;``, so
    an article about ``<script>`` tags is not taken for HTML.
    """
    chosen = [p.replace("<", "&lt;") for p in paragraphs if not p.startswith(("“", '"'))][:2]
    return "\n\n".join(chosen) + "\n"
