"""The MkDocs adapter: the only part of newsbrief that knows MkDocs and Material.

The plugin's thin event handlers, the generated files and page objects, quick rebuilds in
``mkdocs serve``, the skeleton rendering of Material's templates, the second process, the
fixes to Material's HTML and the Pagefind run. Everything it publishes comes from
:mod:`newsbrief.site`; an engine that replaces MkDocs replaces this folder only.
"""
