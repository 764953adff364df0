"""Small corrections to the HTML Material's templates write, applied to every built page.

Each fixes a finding of the accessibility (axe-core) or validity (Nu HTML checker)
tests without copying and overriding Material's templates:

* the search dialog gets a name for screen readers (axe: ``aria-dialog-name``);
* the hidden checkbox toggles lose ``autocomplete``, which HTML allows only on
  text-like inputs (Nu: "Attribute autocomplete is only allowed when ...");
* on pages outside the navigation, the table of contents' title label points at a
  ``__toc`` toggle that is not there, so its ``for`` goes (Nu: "The value of the for
  attribute of the label element must be the ID of a non-hidden form control").
"""

from __future__ import annotations

import re

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def fix_material_html(html: str) -> str:
    """``html`` with the corrections above."""
    html = html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html
