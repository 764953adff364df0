"""Small corrections to the HTML Material's templates write, applied to every built page.

Each fixes a finding of the accessibility (axe-core), validity (Nu HTML checker) or
speed (Lighthouse) tests without copying and overriding Material's templates:

* the search dialog gets a name for screen readers (axe: ``aria-dialog-name``);
* the hidden checkbox toggles lose ``autocomplete``, which HTML allows only on
  text-like inputs (Nu: "Attribute autocomplete is only allowed when ...");
* on pages outside the navigation, the table of contents' title label points at a
  ``__toc`` toggle that is not there, so its ``for`` goes (Nu: "The value of the for
  attribute of the label element must be the ID of a non-hidden form control");
* Material's script (114 KB, 35 KB compressed) is fetched once the page's content has
  been painted: as a plain ``<script>`` at the end of the body it was fetched beside the
  stylesheets and held up the first paint until it was downloaded and run (Lighthouse:
  "Eliminate render-blocking resources"; its largest contentful paint waited for it
  too). The page reads and navigates without it; search, the colour toggle and "back to
  top" start a moment later. Its address is Material's relative path, matched to
  characters that cannot leave the script's string.
"""

from __future__ import annotations

import re

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_BUNDLE = re.compile(
    r'<script src="([./]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>'
)
# Material's script, added once the browser reports the first contentful paint (or,
# where it reports no paints, after the first frame).
_BUNDLE_AFTER_PAINT = (
    "<script>(()=>{"
    'const load=()=>document.body.append(Object.assign(document.createElement("script"),'
    '{src:"\\1"}));'
    'if(!PerformanceObserver.supportedEntryTypes.includes("paint"))'
    "return requestAnimationFrame(()=>setTimeout(load));"
    "new PerformanceObserver((list,observer)=>{"
    'if(list.getEntriesByName("first-contentful-paint").length)'
    "{observer.disconnect();setTimeout(load)}"
    '}).observe({type:"paint",buffered:true})'
    "})()</script>"
)


def fix_material_html(html: str) -> str:
    """``html`` with the corrections above."""
    html = html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return _BUNDLE.sub(_BUNDLE_AFTER_PAINT, html, count=1)
