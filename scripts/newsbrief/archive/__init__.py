"""The archive: what a brief is and how briefs are read and checked.

The brief schema (defined once, in :mod:`~newsbrief.archive.schema`), strict YAML, the
checker and its located problems, the safety rules, the tag vocabulary, reading one brief
and the whole archive, slugs, and the site's address scheme. It imports no other part of
newsbrief: ingest, the site, the MkDocs adapter and the command line all build on it.
"""
