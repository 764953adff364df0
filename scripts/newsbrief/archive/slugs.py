"""URL slugs: the one way a headline or a name becomes part of an address."""

from __future__ import annotations

import functools
import re
import unicodedata

MAX_SLUG = 60


@functools.cache  # names recur from brief to brief, and every page links to them
def slugify(title: str) -> str:
    """A URL slug from a headline or name: ASCII, lowercase, hyphenated, at most 60 characters."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("'", ""))
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > MAX_SLUG:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "brief"
