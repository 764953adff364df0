"""How the page functions run their steps: through ``call(function, *args)``.

A function that makes many pages takes a ``call`` argument and runs each step through it,
so that the engine publishing the site can keep the results between builds (the MkDocs
adapter's memo does, in ``mkdocs serve``). By default a step is simply called.

Where each step makes one page (:func:`newsbrief.site.listings.tag_pages`,
:func:`~newsbrief.site.listings.archive_pages`, :func:`~newsbrief.site.entity_pages.pages_of`,
:func:`~newsbrief.site.story_pages.story_pages`), ``call`` may also put the step off and
return how to make the page (``functools.partial``): the pages by source path are known at
once, and each is made only when it is written, so a large archive's pages are never all in
memory together.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
Call = Callable[..., Any]


def call_directly(function: Callable[..., T], *args: Any) -> T:
    """Run one step: the default ``call`` of the functions that take one."""
    return function(*args)
