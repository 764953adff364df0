"""What every reader produces: an article as plain paragraphs plus what its page says of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from newsbrief.archive.quotations import SourceText


@dataclass(frozen=True)
class Article:
    """A source article, independent of its file format.

    ``paragraphs`` is the running text (the dateline still at the start of the
    first one); ``takeaways`` and ``synopsis`` hold an explicit "Key Takeaways" or
    "Synopsis" section when the article has one.
    """

    path: str
    sha256: str
    title: str
    paragraphs: list[str]
    takeaways: list[str] = field(default_factory=list)
    synopsis: str | None = None
    date: dt.date | None = None
    site_name: str | None = None
    url: str | None = None
    # The source file's words as the checker reads them, to keep a quotation it would
    # not find out of the draft; None for an article made in memory.
    as_checked: SourceText | None = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        """The running text, one paragraph a line."""
        return "\n".join(self.paragraphs)
