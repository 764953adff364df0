"""Quick rebuilds in ``mkdocs serve --dirty`` (``make serve``): after an edit, only the pages
whose content changed are rendered and written again.

MkDocs' dirty builds skip a page when its file reports no change; a generated page has
no file to compare, so :class:`GeneratedFile` reports a change only when its content
differs from the previous build's. Everything is rebuilt when anything besides the
briefs may have changed (mkdocs.yml, docs/, the theme overrides), as that can change
every page. Parsed briefs are kept by :class:`newsbrief.archive.collection.BriefCache`, and the
pages built from unchanged briefs by :class:`Memo`, so little is computed again.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Collection, Hashable, Iterable
from pathlib import Path
from typing import Any, Generic, TypeVar

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from newsbrief.archive.brief import Entry
from newsbrief.archive.fsio import file_state
from newsbrief.site.calls import call_directly
from newsbrief.site.content import PageContent
from newsbrief.site.listings import PAGE_SIZE

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class CompiledTemplates(BytecodeCache):
    """The theme's templates as Jinja compiled them, kept in memory between the builds of
    a serve session: MkDocs makes a new Jinja environment for each build, which compiled
    Material's templates again (a tenth of a second of every rebuild). Jinja checks each
    template's source against what was compiled."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


class GeneratedFile(File):
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
        self.contents: dict[str, tuple[PageContent | str | bytes, int]] = {}
        self.files: dict[str, File] = {}

    def unchanged(
        self, stamp: tuple[tuple[str, int, int], ...], pages: dict[str, PageContent | str | bytes]
    ) -> set[str]:
        """Source paths of generated pages and files the same as in the previous build.
        A page not given (left in the site as it was) keeps its content of then."""
        same_setup = stamp == self.stamp
        contents: dict[str, tuple[PageContent | str | bytes, int]] = (
            self.contents if same_setup else {}
        )
        unchanged = set()
        for uri, content in pages.items():
            before = contents.get(uri)
            if before is not None and before[0] is content:  # kept by the memo: same page
                contents[uri] = before
            else:
                contents[uri] = (content, _fingerprint(content))
            if same_setup and before is not None and before[1] == contents[uri][1]:
                unchanged.add(uri)
        self.stamp, self.contents = stamp, contents
        return unchanged

    def keep_files(self, files: Iterable[File]) -> None:
        """Keep the generated files, as they are added, for the next build to reuse those
        of unchanged pages: making 15,000 file and page objects anew costs more than the
        rest of a rebuild after one brief is edited. A Markdown page's file is not kept:
        MkDocs gives it a page object later in the build, anew each build."""
        self.files = {
            file.src_uri: file
            for file in files
            if file.page is not None or not file.is_documentation_page()
        }


class KeptPages(Generic[K]):
    """Pages of one kind made per key (a brief's page by its source path; an entity's
    pages by its kind and name), kept between the builds of a serve session: a build
    makes again only the keys an edit may change, where nothing else they depend on
    (the ``setting``) changed since."""

    def __init__(self) -> None:
        self.setting: tuple[Any, ...] | None = None
        self.uris: dict[K, Collection[str]] = {}  # each key's pages
        self.by_uri: dict[str, Any] = {}  # every key's pages

    def update(
        self,
        setting: tuple[Any, ...],
        keys: Collection[K],
        dirty: Iterable[K] | None,
        make: Callable[[K], dict[str, Any]],
    ) -> tuple[dict[str, Any] | None, list[str]]:
        """Make the pages of every key of ``keys`` that is ``dirty`` (None: every key),
        and drop those of the keys no longer there; the pages made (None where every
        key's pages were made anew: with every key dirty, or where the setting changed)
        and the paths of the pages dropped."""
        if dirty is None or setting != self.setting:
            before = self.by_uri
            self.setting, self.uris, self.by_uri = setting, {}, {}
            for key in keys:
                self._take(key, make(key))
            return None, list(before.keys() - self.by_uri.keys())
        fresh: dict[str, Any] = {}
        gone: list[str] = []
        for key in set(dirty):
            before = self.uris.pop(key, ())
            for uri in before:
                del self.by_uri[uri]
            made = self._take(key, make(key)) if key in keys else {}
            fresh |= made
            gone += [uri for uri in before if uri not in made]
        return fresh, gone

    def _take(self, key: K, pages: dict[str, Any]) -> dict[str, Any]:
        self.uris[key] = tuple(pages)
        self.by_uri |= pages
        return pages


class ServedPages:
    """What a serve session generated, for a dirty rebuild to give MkDocs only the pages
    an edit may change (:class:`KeptPages`), and delete from the site what is no longer
    generated: the page of a deleted brief, of a name no brief names any more."""

    def __init__(self) -> None:
        self.briefs: KeptPages[str] = KeptPages()
        self.entities: KeptPages[tuple[str, str]] = KeptPages()
        self.entity_feeds: KeptPages[tuple[str, str]] = KeptPages()
        self.tags: KeptPages[str] = KeptPages()
        self.months: KeptPages[tuple[int, int]] = KeptPages()
        self._others: set[str] = set()  # the previous build's other generated pages and files
        self._from_kept: set[str] = set()  # this build's, given by :meth:`kept`
        self._gone: list[str] = []  # this build's
        self._memos: dict[Hashable, Memo] = {}

    def memo_of(self, key: Hashable, count: int) -> Callable[..., Any]:
        """How to make the pages of a listing of ``count`` briefs: where they fill more
        than a page, through a memo of the listing's own, which keeps every page of it
        between builds, so that an edit makes again only the page that lists the brief
        edited (the session's memo forgets what a build did not ask for, and most builds
        do not ask for this listing's pages)."""
        if count < PAGE_SIZE:  # one page (listings.paginated_briefs)
            return call_directly
        return self.memo(key)

    def memo(self, key: Hashable) -> Memo:
        """The memo of the listing ``key`` (see :meth:`memo_of`), which from now on keeps
        only what this build asks of it."""
        memo = self._memos.setdefault(key, Memo(enabled=True))
        memo.next_build()
        return memo

    def kept(
        self,
        kept: KeptPages[K],
        dirty_build: bool,
        setting: tuple[Any, ...],
        keys: Collection[K],
        dirty: Iterable[K] | None,
        make: Callable[[K], dict[str, Any]],
    ) -> dict[str, Any]:
        """The pages of ``kept`` (see :meth:`KeptPages.update`) to give MkDocs: in a
        ``dirty_build`` where not every page was made, only those made (the rest are in
        the site as they were written), else every one."""
        fresh, gone = kept.update(setting, keys, dirty, make)
        self._gone += gone
        if fresh is not None and dirty_build:
            self._from_kept |= fresh.keys()
            return fresh
        self._from_kept |= kept.by_uri.keys()
        return dict(kept.by_uri)

    def page(self, uri: str) -> Any:
        """The page or file at ``uri`` of one of the kinds kept, as last made (None where
        there is none)."""
        for kept in (self.briefs, self.entities, self.entity_feeds, self.tags, self.months):
            if uri in kept.by_uri:
                return kept.by_uri[uri]
        return None

    def no_longer_generated(self, generated: Iterable[str]) -> list[str]:
        """The paths the previous build generated and this one, which ``generated`` these
        besides those of :meth:`kept`, did not."""
        now = set(generated) - self._from_kept
        stale = [*(self._others - now), *self._gone]
        self._others, self._from_kept, self._gone = now, set(), []
        return stale


def _fingerprint(content: PageContent | str | bytes) -> int:
    if isinstance(content, PageContent):
        return hash((content.html, repr(content.meta), repr(content.toc_tokens)))
    return hash(content)


def mark_unchanged(files: Iterable[File], unchanged: set[str]) -> None:
    for file in files:
        if isinstance(file, GeneratedFile):
            file.unchanged = file.src_uri in unchanged


def freeze_after_full_build() -> None:
    """After a serve build that made every page anew, keep the garbage collector off
    what it leaves, which later builds reuse.

    That is the archive, the memo and some 15,000 page objects: with them in its oldest
    generation the collector went through a million objects (0.8 s) in every other
    rebuild, to find almost nothing. Frozen, they are left alone; what a rebuild makes
    is collected as usual. The previous full build's objects are unfrozen and
    collected first. Until the next full build, what was frozen and later dropped in
    a reference cycle stays in memory: a few objects for each edited brief.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Memo:
    """Results of the pure page functions, kept between the builds of a serve session.

    A call's key is its arguments' identity: briefs and the vocabulary are immutable
    and, through :class:`newsbrief.archive.collection.BriefCache`, the very same objects
    while their files are unchanged, so an unchanged key means an unchanged result. A
    result is kept with its arguments (so their identities cannot be reused) for one
    more build only.
    Disabled, it simply calls the function.
    """

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled
        self._kept: dict[Hashable, tuple[Any, tuple[Any, ...]]] = {}
        self._used: dict[Hashable, tuple[Any, tuple[Any, ...]]] = {}
        self._keys: dict[int, tuple[Any, Hashable]] = {}  # this build's, of long sequences

    def __call__(self, function: Callable[..., T], *args: Any) -> T:
        if not self.enabled:
            return call_directly(function, *args)
        key = (function, *map(self._identity, args))
        kept = self._used.get(key) or self._kept.get(key)
        if kept is None:
            kept = (function(*args), args)
        self._used[key] = kept
        return kept[0]

    def next_build(self) -> None:
        """Forget what the build that just ended did not use."""
        self._kept, self._used, self._keys = self._used, {}, {}

    def _identity(self, value: Any) -> Hashable:
        """Lists and dicts by their items; briefs by identity (hashing one by value goes
        through every field, and the archive's listings pass thousands); other values that
        hash (text, dates, frozen records such as a feed's spec) by value; anything else
        by identity.

        A sequence of briefs only is keyed by their identities in one pass in C, as a
        listing's are. A long list or tuple is keyed once a build (by identity, held
        meanwhile): a story's briefs are passed with each of its briefs' pages, which went
        through all of them for each.
        """
        kind = type(value)
        if kind is Entry:
            return id(value)
        if kind in _KEYED_BY_VALUE:
            return value
        if isinstance(value, list | tuple):  # a named tuple too, such as a story's thread
            return self._sequence_identity(value)
        if isinstance(value, dict):
            items = tuple(value.items())
            try:
                hash(items)  # names and addresses, say: hashed in C
            except TypeError:
                return tuple((key, self._identity(item)) for key, item in items)
            return items
        try:
            hash(value)
        except TypeError:
            return id(value)
        return value

    def _sequence_identity(self, value: list[Any] | tuple[Any, ...]) -> Hashable:
        if len(value) < LONG:
            return self._items_identity(value)
        known = self._keys.get(id(value))
        if known is None:
            known = self._keys[id(value)] = (value, self._items_identity(value))
        return known[1]

    def _items_identity(self, value: list[Any] | tuple[Any, ...]) -> Hashable:
        if set(map(type, value)) == _ENTRIES_ONLY:
            return tuple(map(id, value))
        return tuple(map(self._identity, value))


_KEYED_BY_VALUE = frozenset({str, int, bool, float, type(None), dt.date, dt.datetime})
_ENTRIES_ONLY = {Entry}
LONG = 16
"""The length from which :meth:`Memo._identity` keys a sequence once a build."""
