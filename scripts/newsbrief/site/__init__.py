"""The site: pure functions from briefs to pages.

Brief pages, tag and archive listings, entity pages, related briefs, feeds, the schema
reference page and what search indexes. It imports only the archive, never MkDocs,
Material or Jinja: whatever engine publishes the site calls these functions (today the
MkDocs adapter, :mod:`newsbrief.mkdocs_adapter`).
"""
