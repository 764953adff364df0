"""Quick rebuilds in ``mkdocs serve --dirty`` (``make serve``): after an edit, only the pages
whose content changed are rendered and written again.

MkDocs' dirty builds skip a page when its file reports no change; a generated page has
no file to compare, so :class:`GeneratedPage` reports a change only when its content
differs from the previous build's. Everything is rebuilt when anything besides the
briefs may have changed (mkdocs.yml, docs/, the theme overrides), as that can change
every page. Parsed briefs are kept by :class:`newsbrief.archive.BriefCache`, and the
pages built from unchanged briefs by :class:`Memo`, so little is computed again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from newsbrief.briefs import Entry
from newsbrief.fsio import file_state
from newsbrief.pages import Page

T = TypeVar("T")


class GeneratedPage(File):
    """A generated page's (or feed's) file, which a dirty build skips when ``unchanged``."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


def site_setup_stamp(config: MkDocsConfig) -> tuple[tuple[str, int, int], ...]:
    """The state of every input besides the briefs: mkdocs.yml, docs/ and theme overrides."""
    files = [Path(config.config_file_path)]
    for folder in (config.docs_dir, config.theme.custom_dir):
        if folder and Path(folder).is_dir():
            files += sorted(path for path in Path(folder).rglob("*") if path.is_file())
    return tuple((str(path), *file_state(path)) for path in files)


class PreviousBuild:
    """What the previous build of a serve session rendered, to tell what changed since."""

    def __init__(self) -> None:
        self.stamp: tuple[tuple[str, int, int], ...] = ()
        self.contents: dict[str, tuple[Page | str | bytes, int]] = {}

    def unchanged(
        self, stamp: tuple[tuple[str, int, int], ...], pages: dict[str, Page | str | bytes]
    ) -> set[str]:
        """Source paths of generated pages and files the same as in the previous build."""
        same_setup = stamp == self.stamp
        contents, unchanged = {}, set()
        for uri, content in pages.items():
            before = self.contents.get(uri)
            if before is not None and before[0] is content:  # kept by the memo: same page
                fingerprint = before[1]
            else:
                fingerprint = _fingerprint(content)
            contents[uri] = (content, fingerprint)
            if same_setup and before is not None and before[1] == fingerprint:
                unchanged.add(uri)
        self.stamp, self.contents = stamp, contents
        return unchanged


def _fingerprint(content: Page | str | bytes) -> int:
    if isinstance(content, Page):
        return hash((content.html, repr(content.meta), repr(content.toc_tokens)))
    return hash(content)


def mark_unchanged(files: Iterable[File], unchanged: set[str]) -> None:
    for file in files:
        if isinstance(file, GeneratedPage):
            file.unchanged = file.src_uri in unchanged


def call_directly(function: Callable[..., T], *args: Any) -> T:
    """What a disabled :class:`Memo` does: the default ``call`` of functions that take one."""
    return function(*args)


class Memo:
    """Results of the pure page functions, kept between the builds of a serve session.

    A call's key is its arguments' identity: briefs and the vocabulary are immutable and,
    through :class:`newsbrief.archive.BriefCache`, the very same objects while their files
    are unchanged, so an unchanged key means an unchanged result. A result is kept with
    its arguments (so their identities cannot be reused) for one more build only.
    Disabled, it simply calls the function.
    """

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled
        self._kept: dict[Hashable, tuple[Any, tuple[Any, ...]]] = {}
        self._used: dict[Hashable, tuple[Any, tuple[Any, ...]]] = {}

    def __call__(self, function: Callable[..., T], *args: Any) -> T:
        if not self.enabled:
            return call_directly(function, *args)
        key = (function, *map(_identity, args))
        kept = self._used.get(key) or self._kept.get(key)
        if kept is None:
            kept = (function(*args), args)
        self._used[key] = kept
        return kept[0]

    def next_build(self) -> None:
        """Forget what the build that just ended did not use."""
        self._kept, self._used = self._used, {}


def _identity(value: Any) -> Hashable:
    """Lists and dicts by their items; briefs by identity (hashing one by value goes through
    every field, and the archive's listings pass thousands); other values that hash (text,
    dates, frozen records such as a feed's spec) by value; anything else by identity."""
    if isinstance(value, Entry):
        return id(value)
    if isinstance(value, list | tuple):
        return tuple(map(_identity, value))
    if isinstance(value, dict):
        return tuple((key, _identity(item)) for key, item in value.items())
    try:
        hash(value)
    except TypeError:
        return id(value)
    return value
