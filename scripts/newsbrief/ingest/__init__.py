"""Ingest: source articles become draft briefs.

One reader per input format turns a file into an :class:`~newsbrief.ingest.article.Article`
(headline, paragraphs, explicit sections, a saved page's metadata), with the page's
furniture removed (:mod:`~newsbrief.ingest.cleanup`); the language pipeline
(:mod:`~newsbrief.ingest.language`) reads its text, and the analysis finds the dateline,
date, citations, synopsis and takeaways, tags, people, organisations and places, and
quotes with their speakers; :mod:`~newsbrief.ingest.draft` assembles the brief, and
:mod:`~newsbrief.ingest.writer` writes it (copying a source from outside ``seeds/`` in)
without ever replacing an editor's work.
"""
