"""Ingest: source articles in ``seeds/`` become draft briefs.

One reader per input format turns a file into an :class:`~newsbrief.ingest.article.Article`
(headline, paragraphs, explicit sections, metadata); the shared text analysis then
finds the dateline, date, citations, synopsis and takeaways, tags, entities and quotes;
:mod:`newsbrief.ingest.draft` assembles the brief and writes it safely.
"""
