"""URL slugs: the one way a headline or a name becomes part of an address.

Names in any script are transliterated (python-slugify, with text-unidecode): "Łódź"
is ``lodz``, "Владимир Путин" ``vladimir-putin``, "习近平" ``xi-jin-ping``. Two names can
still meet at one slug ("Kim Jong Un" and "Kim Jong-un"); the entity pages' addresses
tell them apart (:mod:`newsbrief.archive.addresses`).
"""

from __future__ import annotations

import functools

from slugify import slugify as transliterated_slug

MAX_SLUG = 60
FALLBACK = "brief"  # what a title with no letter or digit in any script becomes
# An apostrophe joins the word it is in: "Kim's" is "kims", not "kim-s".
_APOSTROPHES = [["'", ""], ["’", ""]]


@functools.cache  # names recur from brief to brief, and every page links to them
def slugify(title: str) -> str:
    """A URL slug from a headline or name: ASCII, lowercase, hyphenated, at most 60
    characters, cut at a word's end."""
    slug = transliterated_slug(
        title, max_length=MAX_SLUG, word_boundary=True, replacements=_APOSTROPHES
    )
    return slug or FALLBACK
