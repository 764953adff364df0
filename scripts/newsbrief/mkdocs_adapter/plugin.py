"""The MkDocs integration: thin event handlers around the site's pure page functions.

Event order, and what each handler does:

* ``on_startup``: remember whether this is ``mkdocs serve`` (drafts are shown there
  only; with ``--dirty``, rebuilds skip what did not change: :mod:`.incremental`);
* ``on_config``: in ``mkdocs build``, open the cache of the previous builds
  (:mod:`.build_cache`); load and check the whole archive once (the briefs unchanged
  since the cache saved them are not read again); any problem stops the build with
  every located message, and the Markdown extensions the pages need are added; read
  each brief's last commit date from git (:mod:`.git_history`; in serve, again only
  after a commit);
* ``on_pre_build``: in ``mkdocs build``, move the previous build's site aside before
  MkDocs empties the folder (:mod:`.old_site`): ``on_files`` moves it back where the
  cache recorded what it holds (what is unchanged stays in place), else deletes it
  beside the build;
* ``on_files``: start the search indexes in the background (the main one and the
  volumes of briefs that changed: :mod:`newsbrief.site.search_volumes`; in ``mkdocs
  build``, a forked process makes their documents too), then add each
  brief, each used tag, the tag index, each followed story and the story index, the
  corrections, the search page, the list of search volumes and the schema reference as
  virtual pages
  (MkDocs 1.6 ``File.generated``, :mod:`.generated`), and the feeds; in a dirty serve,
  only those that changed (and the navigation's) become MkDocs' files, the rest left in
  the site as the previous build wrote them, and the pages and feeds of briefs, entities,
  tags and months are made again only where an edit may have changed them
  (:mod:`.serve_session`, :class:`.incremental.ServedPages`); what is no longer
  generated is deleted from the site. Brief and tag pages are kept out of the
  navigation, which keeps build time linear in the number of briefs. In ``mkdocs
  build``, the pages outside the navigation (briefs, and every tag's, month's, entity's
  and story's pages) are only named here, each made when it is written (the page
  functions' ``call`` puts each off: :mod:`newsbrief.site.calls`), and each feed is
  written into the site as it is made, never one of MkDocs' files
  (:func:`.generated.written_into_site`): MkDocs
  reads every page before it writes one and keeps each page's content and each file's
  to the end, which held every page's HTML and every feed at once (issue 16); a page or
  feed the cache holds is copied into the site instead (or left there), and never made
  into one of MkDocs' files (the sitemap lists a page from a
  :class:`.generated.ListedFile`); where the site's files may be the cache's (hard
  links), those MkDocs is to write are unlinked first
  (:func:`.build_cache.free_for_writing`);
* ``on_nav``: in ``mkdocs build``, fork a second process that renders half of the
  generated pages (:mod:`.parallel`); ``on_template_context`` gives the sitemap the
  pages of both;
* ``on_page_markdown``, ``on_page_content``: give generated pages in the navigation their
  meta, HTML and table of contents, written by :mod:`newsbrief.site` without Markdown;
  append the latest briefs to the home page; keep every page out of Material's own
  search index;
* ``on_env``: have Jinja keep the theme's templates compiled: in ``mkdocs build``, in the
  build's cache (:meth:`.BuildCache.compiled_templates`); in serve, in memory between
  builds (:class:`.incremental.CompiledTemplates`);
* ``on_env``, ``on_page_context``: make each generated page outside the navigation and
  put its meta, HTML and table of contents in place (:class:`.generated.HtmlPage`),
  then render it from a skeleton of Material's template made once per kind of page
  (:mod:`.skeleton`). HTML goes to MkDocs as a plain ``str``: Material's search plugin
  ``re.sub``-s every page's content, which copies a ``str`` subclass such as the site's
  ``Html`` even where there is nothing to replace;
* ``on_post_page``, ``on_post_template``: correct a few accessibility and validity faults
  of Material's HTML (pages, and the 404 page), and point its search box at Pagefind;
  a written page's HTML is let go (by the plugin and by its page object);
* ``on_post_build``: wait for the cache's copies and the second process, delete from an
  old site moved back what the build neither wrote nor kept (while Pagefind indexes),
  wait for the search indexes, name their first files in the search page, and store
  what the build made in the cache (``on_build_error`` stops them and stores nothing);
* ``on_serve``: watch ``briefs/`` and ``seeds/`` so edits there reload the preview: by the
  system's file events where it has them, which also tell the next build which briefs to
  read again (:mod:`.file_events`), else by MkDocs' polling.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import posixpath
import re
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date, is_markdown_file
from mkdocs.utils.templates import TemplateContext

from newsbrief.archive import collector, cores
from newsbrief.archive.addresses import (
    ARCHIVE_INDEX,
    CORRECTIONS,
    ENTITY_KINDS,
    FEEDS,
    FEEDS_OPML,
    HOME,
    JSON_SCHEMA,
    SCHEMA_REFERENCE,
    SEARCH,
    STORIES_INDEX,
    TAGS_INDEX,
    EntityAddresses,
    entity_index_uri,
    page_url,
)
from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import Archive, BriefCache, load_archive
from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.schema import json_schema_text
from newsbrief.mkdocs_adapter import skeleton
from newsbrief.mkdocs_adapter.build_cache import BuildCache, free_for_writing, setup_key
from newsbrief.mkdocs_adapter.file_events import FileEvents
from newsbrief.mkdocs_adapter.generated import (
    Generated,
    HtmlPage,
    ListedFile,
    Rendering,
    add_generated,
    exact_str,
    is_rendering,
    listed_file,
    page_dest,
    remove_generated,
    written_into_site,
)
from newsbrief.mkdocs_adapter.git_history import CommitDates
from newsbrief.mkdocs_adapter.incremental import (
    CompiledTemplates,
    KeptPages,
    Memo,
    PreviousBuild,
    freeze_after_full_build,
    mark_unchanged,
    site_setup_stamp,
)
from newsbrief.mkdocs_adapter.material_fixes import fix_material_html
from newsbrief.mkdocs_adapter.old_site import OldSite
from newsbrief.mkdocs_adapter.pagefind import (
    OUTPUT_DIR,
    SearchIndexer,
    document_path,
    first_files,
    remove_main_index,
    use_search_worker,
)
from newsbrief.mkdocs_adapter.parallel import SecondProcess, WarningCounter
from newsbrief.mkdocs_adapter.serve_session import ServeSession, month_of
from newsbrief.site import brief_page, entity_pages, listings, search_volumes, story_pages
from newsbrief.site.calls import Call, call_directly
from newsbrief.site.content import PageContent
from newsbrief.site.feeds import (
    FeedCall,
    entity_feed,
    entity_feeds,
    feed_paths,
    rendered_feeds,
    site_feeds,
)
from newsbrief.site.feeds_page import feed_groups, feeds_opml, feeds_page
from newsbrief.site.related import Relating, relate
from newsbrief.site.remaking import BriefPages, EntryChanges
from newsbrief.site.schema_page import schema_reference
from newsbrief.site.search_documents import site_documents
from newsbrief.site.search_page import search_page, with_index_prefetched

REQUIRED_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables")
NAV_PAGES = {
    TAGS_INDEX,
    ARCHIVE_INDEX,
    CORRECTIONS,
    STORIES_INDEX,
    SEARCH,
    *map(entity_index_uri, ENTITY_KINDS),
}
LINKED_PAGES = {*NAV_PAGES, FEEDS}  # generated pages every page links to (the footer: /feeds/)
RELATING = "relating"
"""The name the build's cache keeps the related briefs under, for the next build to relate
again only the briefs whose related briefs may have changed (:class:`.related.Relating`)."""
log = logging.getLogger("mkdocs.plugins.newsbrief")


class NewsbriefConfig(Config):
    """The plugin's options in mkdocs.yml."""

    briefs_dir = c.Type(str, default="briefs")
    """The folder of briefs and tags.yml, relative to mkdocs.yml."""
    draft_on_serve = c.Type(bool, default=True)
    """Show drafts (``draft: true``) in ``mkdocs serve``; ``mkdocs build`` never does."""
    latest = c.Type(int, default=12)
    """How many briefs the home page shows."""
    parallel = c.Type(bool, default=True)
    """Read briefs, relate them and render pages on two cores in ``mkdocs build`` (see
    :mod:`newsbrief.archive.cores` and :mod:`newsbrief.mkdocs_adapter.parallel`)."""
    search_volume_briefs = c.Type(int, default=search_volumes.VOLUME_BRIEFS)
    """The most briefs in one volume of the search index (whole months; see
    :mod:`newsbrief.site.search_volumes`): Pagefind's memory grows with it, and so does
    what a build indexes again after one brief changed."""
    search_first_briefs = c.Type(int, default=search_volumes.FIRST_SEARCH_BRIEFS)
    """How many briefs a search covers before the reader asks for every year: the
    newest volumes of the search index, as many as hold this many."""
    cache_dir = c.Type(str, default=".cache/newsbrief")
    """Where ``mkdocs build`` keeps the pages and search volumes it made, relative to
    mkdocs.yml, so that the next build makes again only what changed (see
    :mod:`newsbrief.mkdocs_adapter.build_cache`); empty for no cache."""
    file_events = c.Type(bool, default=True)
    """In ``mkdocs serve``, learn of changes in the briefs folder and ``seeds/`` from the
    system's file events (see :mod:`newsbrief.mkdocs_adapter.file_events`); false: MkDocs
    polls them, for folders whose changes the system does not report (some network
    shares, Windows folders seen from WSL)."""
    skeletons = c.Type(bool, default=True)
    """Render generated pages outside the navigation from one rendering of the theme's
    template per kind of page (see :mod:`newsbrief.mkdocs_adapter.skeleton`)."""


class NewsbriefPlugin(BasePlugin[NewsbriefConfig]):
    """Publishes the briefs of ``briefs/`` as pages of the site."""

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.building_dirty = False
        self.rebuilt_everything = False  # in this dirty serve build
        self.archive: Archive | None = None
        self.last_changed: dict[str, dt.date] = {}  # brief path -> day of its last commit
        self.search = SearchIndexer()
        self.rendered: dict[str, Rendering] = {}
        self.nav: Navigation | None = None
        self.skeletons: skeleton.Skeletons | None = None
        self.cache: BuildCache | None = None  # in mkdocs build, with a cache_dir
        self.warnings = WarningCounter()  # a build that warned leaves the cache as it was
        self.old_site = OldSite()  # the previous build's site, deleted beside this one
        self.started_ns = 0
        self.all_pages: list[File | ListedFile] = []  # for the sitemap: those MkDocs renders,
        # and the rest
        self.generated: list[str] = []  # the pages and files generated, by path in the site
        # Kept across the builds of a serve session (plugins with on_startup persist):
        self.briefs = BriefCache()
        self.memo = Memo()
        self.previous = PreviousBuild()
        self.session = ServeSession()  # the previous build's, for the next to start from
        self.entity_indexes: dict[str, tuple[list[tuple[str, str, int]], dict[str, Any]]] = {}
        self.setup_stamp: tuple[tuple[str, int, int], ...] = ()  # a serve build's
        self.second = SecondProcess()
        self.file_events = FileEvents()  # in serve: what changed in briefs/ and seeds/
        self.compiled_templates = CompiledTemplates()
        self.commit_dates = CommitDates()
        self.thresholds: collector.Thresholds | None = None  # the collector's, before

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if self.thresholds is None:  # else a session's startup came twice: keep the first's
            self.thresholds = collector.collect_less()
        self.serving = command == "serve"
        self.file_events = FileEvents()  # a session's: the plugin outlives it in tests
        self.session = ServeSession()
        self.dirty = self.serving and dirty
        self.building_dirty = dirty and not self.serving  # MkDocs writes into the old site
        self.memo.enabled = self.serving

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self._open_cache(config, root)
        if self.serving and self.config.file_events and not self.file_events.tried:
            self.file_events.start(self._watched_folders(root))  # before anything is read
        self.briefs.expect_changes(self.file_events.take())
        try:
            cache = self.briefs if self.serving else None
            saved = None if self.cache is None else self.cache.saved_briefs()
            two_cores = self._two_cores()
            # The archive lives as long as the build: frozen, the garbage collector never
            # goes through its objects, and forks share their memory untouched.
            with collector.made_to_last(freeze=not self.serving):
                archive = load_archive(root, self.config.briefs_dir, cache, two_cores, saved)
        except NewsbriefError as error:
            raise PluginError(
                f"newsbrief: the archive has {len(error.problems)} problem(s); "
                f"run `newsbrief check` for the same list:\n{error}"
            ) from None
        if not config.use_directory_urls:
            raise PluginError(
                "newsbrief: the archive's pages link to each other by folder (2025/05/04/slug/): "
                "remove use_directory_urls: false from mkdocs.yml"
            )
        if not config.site_url:
            raise PluginError(
                "newsbrief: feeds need absolute addresses: set site_url in mkdocs.yml "
                "(or NEWSBRIEF_SITE_URL) to the address the site is published at"
            )
        self.archive = archive.published(self.serving and self.config.draft_on_serve)
        self.session.begin(self.archive)
        self.last_changed = self.commit_dates(root, self.config.briefs_dir)
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        return config

    def _open_cache(self, config: MkDocsConfig, root: Path) -> None:
        """In ``mkdocs build``, open the cache of previous builds and count warnings."""
        self.cache = None
        if self.serving or self.building_dirty or not self.config.cache_dir:
            return
        try:
            setup = setup_key(config, root / self.config.briefs_dir)
        except TypeError as error:  # a setting of mkdocs.yml that cannot be digested
            log.info("newsbrief: building without the cache: %s", error)
            return
        cache_dir, site_dir = root / self.config.cache_dir, Path(config.site_dir)
        self.cache = BuildCache(cache_dir, setup, site_dir)
        self.warnings.count = 0
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.started_ns = time.time_ns()  # what the build writes is newer
        self.old_site = OldSite()  # the plugin outlives a build (see __init__)
        if not self.serving and not self.building_dirty:  # MkDocs would empty it first
            self.old_site.move_aside(Path(config.site_dir))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # What is made here (the pages' calls, their keys, MkDocs' files) lives as long as
        # the build, as the archive does (on_config). Figures: archive/collector.py.
        with collector.made_to_last(freeze=not self.serving):
            self._add_files(files, config)
        return files

    def _add_files(self, files: Files, config: MkDocsConfig) -> None:
        """The generated pages and files, into ``files`` (:meth:`on_files`)."""
        self._reuse_or_delete_old_site(Path(config.site_dir))
        self.setup_stamp = site_setup_stamp(config) if self.serving else ()
        archive = self._archive()
        reference = schema_reference()
        # first, so that Pagefind indexes while the pages are made and rendered:
        docs = [(f.url, f.content_string, f.name) for f in files.documentation_pages()]
        changes = self.session.changes(archive) if self.serving else None
        volumes = self._search_volumes(archive, changes)
        copied, copies = self._copy_cached_volumes(volumes)
        kept = self.search.keeps_documents()
        briefs, gone = self.session.briefs_to_index(archive, volumes, changes, kept)
        args = (archive, volumes, docs, reference, self.memo, copied, briefs)
        documents = site_documents(*args)
        forked = self._two_cores()
        self.search.start(
            documents, config.site_dir, copied, forked, copies, gone, briefs=len(archive.entries)
        )
        if self._two_cores():
            cores.give_way_to_children()  # Pagefind is the longest task: a core of its own
        pages: list[Generated] = [
            (SCHEMA_REFERENCE, reference, InclusionLevel.UNDEFINED),
            (JSON_SCHEMA, json_schema_text(), InclusionLevel.UNDEFINED),
            (
                search_volumes.MANIFEST,
                search_volumes.volumes_manifest(volumes),
                InclusionLevel.UNDEFINED,
            ),
        ]
        if files.get_file_from_path(HOME) is None:
            pages.append((HOME, f"# {config.site_name}\n", InclusionLevel.UNDEFINED))
        addresses = self.session.entity_addresses(archive, changes, self.memo)
        for shared in addresses.shared:
            log.info("newsbrief: %s", shared)
        index, dirty = self.session.entity_index(archive, addresses, changes, self.memo)
        named = self.session.sorted_entities(index)
        groups = feed_groups(archive, named)
        generated = {
            SEARCH: search_page(len(archive.entries), volumes),
            **self._listing_pages(archive, changes),
            **self._entity_pages(named, index, dirty),
            **self._story_pages(archive, addresses),
            **self._brief_pages(archive, addresses, config, changes),
            **feeds_page(groups),
        }
        if self.dirty:  # MkDocs resolves the links of docs/ to generated pages among its files
            generated |= self._linked_from_docs(files, generated)
        reused = self._reuse_cached_pages(generated, config)
        pages += [(uri, page, _inclusion(uri)) for uri, page in generated.items()]
        opml = [(FEEDS_OPML, feeds_opml(config.site_name, config.site_url, groups))]
        written: list[str] = []
        if self.serving:  # each compared with the previous build's (incremental.py)
            feeds = self._served_feeds(archive, index, dirty, config)
            pages += [(path, text, InclusionLevel.UNDEFINED) for path, text in (*feeds, *opml)]
        else:
            written += self._feeds_into_site(self._feed_calls(archive, named, config), config)
            written += written_into_site(config.site_dir, opml)
        docs_pages = files.documentation_pages()
        added = {file.src_uri: file for file in self._add(files, pages, config, reused, written)}
        if self.serving:
            stale = self.session.served.no_longer_generated(uri for uri, _, _ in pages)
            if self.dirty:  # the site is the previous build's
                remove_generated(config.site_dir, stale)
        if self.serving:  # a preview's sitemap lists only the pages MkDocs always has
            listed = [added[uri] for uri, _, inclusion in pages if _kept_by_mkdocs(uri, inclusion)]
        else:  # in the order of a build without the cache
            listed = [reused.get(uri) or added[uri] for uri, _, _ in pages if is_markdown_file(uri)]
        self.all_pages = [*docs_pages, *listed]
        if self.cache is not None:
            self.cache.copy()  # those pages and the volumes, while the build goes on
        self.memo.next_build()

    def _linked_from_docs(self, files: Files, generated: dict[str, Rendering]) -> dict[str, Any]:
        """The pages the documentation's own pages may link to (:func:`_linked_from_docs`)
        that a serve rebuild did not make again, as the previous build made them."""
        served = self.session.served
        linked = {uri: served.page(uri) for uri in _linked_from_docs(files) - generated.keys()}
        return {uri: page for uri, page in linked.items() if page is not None}

    def _reuse_cached_pages(
        self, generated: dict[str, Rendering], config: MkDocsConfig
    ) -> dict[str, ListedFile]:
        """The pages the build's cache holds, by source path, as the sitemap lists them:
        left in the site or copied there (:meth:`.BuildCache.reuse_pages`), and never
        made into MkDocs' files."""
        if self.cache is None:
            return {}
        date, listed = get_build_date(), {}
        for uri, page in generated.items():
            file = (
                listed_file(uri, config.site_url, date)
                if isinstance(page, functools.partial)
                else None
            )
            if file is not None:
                listed[uri] = file
        candidates = [(uri, generated[uri], page_dest(uri)) for uri in listed]
        reused = self.cache.reuse_pages(candidates, self._two_cores())
        return {uri: listed[uri] for uri in reused}

    def _reuse_or_delete_old_site(self, site_dir: Path) -> None:
        """Move the previous build's site back where the cache has its record, less its
        main search index (made again each build: Pagefind does not empty its output
        folder); else start deleting it."""
        reusable = self.cache is not None and self.cache.previous is not None
        if reusable and self.old_site.move_back(site_dir):
            remove_main_index(site_dir / OUTPUT_DIR)
        self.old_site.delete(site_dir)

    def _copy_cached_volumes(
        self, volumes: search_volumes.Volumes
    ) -> tuple[set[str], dict[str, Path]]:
        """The folders of the search volumes the cache has: left in place in the old site,
        or copied into the site with the cached pages (:meth:`.BuildCache.copy`); and
        where the indexing process copies each other one for the cache."""
        if self.cache is None:
            return set(), {}
        entries = {entry.src_uri: entry for entry in self._archive().entries}
        return self.cache.reuse_volumes(volumes, entries, OUTPUT_DIR)

    def _listing_pages(
        self, archive: Archive, changes: EntryChanges | None
    ) -> dict[str, Rendering]:
        """The tag index and the pages of the tags in use, the archive by year and month,
        and the corrections. In a serve rebuild, the pages of a tag or month only where
        a brief changed has or had it."""
        counts = listings.tag_counts(archive.by_tag())
        pages = dict(self.memo(listings.tag_indexes, archive.vocabulary, counts))
        corrections = listings.corrections_newest_first(archive.corrected())
        pages |= self.memo(listings.corrections_pages, corrections)
        in_use = archive.tags_in_use()
        if not self.serving:
            for slug, entries in in_use.items():
                tag = archive.vocabulary.tags[slug]
                pages |= listings.tag_pages(slug, tag, entries, self._page_call())
            return pages | listings.archive_pages(archive.entries, self._page_call())

        served = self.session.served

        def tag_pages(slug: str) -> dict[str, Any]:
            call = served.memo_of(("tag", slug), len(in_use[slug]))
            return listings.tag_pages(slug, archive.vocabulary.tags[slug], in_use[slug], call)

        overview, months = self.session.archive_overview(archive, changes)

        def month_pages(month: listings.Month) -> dict[str, Any]:
            call = served.memo_of(("month", month), len(months[month]))
            return listings.month_pages(*month, months[month], call)

        tags = None if changes is None else changes.touched(lambda entry: entry.brief.tags)
        dated = None if changes is None else changes.touched(month_of)
        setting = (self.setup_stamp, archive.vocabulary)
        pages |= served.kept(served.tags, self.dirty, setting, in_use, tags, tag_pages)
        months_pages = served.kept(served.months, self.dirty, setting, months, dated, month_pages)
        return pages | overview | months_pages

    def _entity_pages(
        self,
        named: dict[str, list[entity_pages.Named]],
        index: entity_pages.EntityIndex,
        dirty: set[tuple[str, str]] | None,
    ) -> dict[str, Rendering]:
        """Each kind's index, and each entity's pages: in a serve rebuild, only those of
        the entities ``dirty``."""
        pages: dict[str, Rendering] = {}
        for kind, items in named.items():
            counts = [(item.name, item.uri, len(item.entries)) for item in items]
            kept = self.entity_indexes.get(kind)
            if kept is None or kept[0] != counts:  # compared: no key of 100,000 names made
                call = self._index_call(kind)
                kept = self.entity_indexes[kind] = (
                    counts,
                    entity_pages.index_pages(kind, counts, call),
                )
            pages |= kept[1]
        if self.serving:
            kept = self.session.served.entities
            return pages | self._kept_entities(kept, index, dirty, (), self._served_entity_pages)
        for kind, items in named.items():
            for item in items:
                args = (kind, item.name, item.uri, item.entries, item.commentary)
                pages |= entity_pages.pages_of(*args, self._page_call())
        return pages

    def _kept_entities(
        self,
        kept: KeptPages[tuple[str, str]],
        index: entity_pages.EntityIndex,
        dirty: set[tuple[str, str]] | None,
        setting: tuple[Any, ...],
        make: Callable[[tuple[str, str], entity_pages.Named], dict[str, Any]],
    ) -> dict[str, Any]:
        """What ``make`` makes of every entity of ``index`` (its pages, or its feeds) that a
        serve build gives MkDocs (:meth:`.ServedPages.kept`)."""

        def pages_of(key: tuple[str, str]) -> dict[str, Any]:
            kind, name = key
            return make(key, index[kind][name])

        keys = entity_pages.EntityKeys(index)
        setting = (self.setup_stamp, *setting)
        return self.session.served.kept(kept, self.dirty, setting, keys, dirty, pages_of)

    def _served_entity_pages(
        self, key: tuple[str, str], item: entity_pages.Named
    ) -> dict[str, Rendering]:
        """The pages of one entity in serve, a long listing through a memo of its own."""
        call = self.session.served.memo_of(key, len(item.entries))
        return entity_pages.pages_of(
            key[0], item.name, item.uri, item.entries, item.commentary, call
        )

    def _story_pages(self, archive: Archive, addresses: EntityAddresses) -> dict[str, Rendering]:
        """``/stories/`` and the timeline of every story with briefs."""
        by_story = archive.by_story()
        stories = archive.vocabulary.stories
        pages = dict(self.memo(story_pages.stories_index, archive.vocabulary, by_story))
        for slug, entries in by_story.items():
            named = self.memo(story_pages.involved, entries, addresses)
            call = self._page_call()
            pages |= story_pages.story_pages(slug, stories[slug], entries, named, call)
        return pages

    def _index_call(self, kind: str) -> Callable[..., Any]:
        """How :func:`.entity_pages.index_pages` makes each page of a kind's index: in
        serve, through a memo of its own (:meth:`.ServedPages.memo`)."""
        return self.session.served.memo(("index", kind)) if self.serving else call_directly

    def _page_call(self) -> Call:
        """How the page functions make each page of a listing (:mod:`newsbrief.site.calls`):
        in ``mkdocs build``, put off until MkDocs writes the page, and made then, in the
        process that writes it; in serve, through the memo, as every page is compared with
        the previous build's."""
        return self.memo if self.serving else functools.partial

    def _served_feeds(
        self,
        archive: Archive,
        index: entity_pages.EntityIndex,
        dirty: set[tuple[str, str]] | None,
        config: MkDocsConfig,
    ) -> list[tuple[str, str]]:
        """The feeds a serve build gives MkDocs: the archive's, each tag's and story's, and
        of the entities, only those ``dirty`` in a rebuild (:meth:`_kept_entities`)."""
        site = (config.site_name, config.site_description, config.site_url)
        feeds = list(rendered_feeds(site_feeds(*site, archive), self.memo))

        def entity_files(key: tuple[str, str], item: entity_pages.Named) -> dict[str, str]:
            call = entity_feed(config.site_name, config.site_url, item, archive.vocabulary)
            return dict(rendered_feeds([call], self.memo))

        setting = (archive.vocabulary, config.site_name, config.site_url)
        kept = self.session.served.entity_feeds
        files = self._kept_entities(kept, index, dirty, setting, entity_files)
        return feeds + list(files.items())

    def _feed_calls(
        self, archive: Archive, named: dict[str, list[entity_pages.Named]], config: MkDocsConfig
    ) -> Iterator[FeedCall]:
        """Each folder's feeds, put off: the archive's, each tag's and story's, and each
        person's, organisation's and place's."""
        site = (config.site_name, config.site_description, config.site_url)
        yield from site_feeds(*site, archive)
        yield from entity_feeds(config.site_name, config.site_url, named, archive.vocabulary)

    def _feeds_into_site(self, calls: Iterable[FeedCall], config: MkDocsConfig) -> Iterator[str]:
        """Each folder's feeds, written into the site as they are made (never MkDocs'
        files: :func:`.generated.written_into_site`), or, where the build's cache has them
        (:meth:`.BuildCache.reuse_files`), left there or copied from the cache: then not
        made; their paths."""
        for folder, render in calls:
            paths = feed_paths(folder)
            if self.cache is not None and self.cache.reuse_files(paths, render):
                yield from paths
            else:
                feeds = rendered_feeds([(folder, render)], self.memo)
                yield from written_into_site(config.site_dir, feeds)

    def _search_volumes(
        self, archive: Archive, changes: EntryChanges | None
    ) -> search_volumes.Volumes:
        """The volumes of the search index (in serve, :meth:`.ServeSession.search_volumes`)."""
        options = (self.config.search_volume_briefs, self.config.search_first_briefs)
        if self.serving:
            return self.session.search_volumes(archive, changes, options)
        return search_volumes.search_volumes(archive.entries, *options)

    def _brief_pages(
        self,
        archive: Archive,
        addresses: EntityAddresses,
        config: MkDocsConfig,
        changes: EntryChanges | None,
    ) -> dict[str, Rendering]:
        """Each brief's page, with its neighbours in time and its related briefs.

        In ``mkdocs build`` a page is made when MkDocs reads it, so that the second
        process makes the pages it renders (:mod:`newsbrief.mkdocs_adapter.parallel`).
        In serve, only the pages an edit may change are made (:mod:`.site.remaking`).
        """
        extensions = (config.markdown_extensions, config.mdx_configs)
        convert = self.memo(brief_page.markdown_converter, *extensions)  # one per serve session
        threads = brief_page.story_threads(archive.by_story(), archive.vocabulary.stories)
        setting = (convert, archive.vocabulary, addresses, self.last_changed, self.setup_stamp)
        args = (archive.entries, threads, addresses, setting, self.session.brief_pages, changes)
        made = BriefPages.of(*args)
        if self.serving:
            return self._served_brief_pages(made, changes)
        related = self._related(archive.entries)
        make = brief_page.converted_brief_page
        return {
            uri: functools.partial(make, *self._brief_page_arguments(made, related, uri))
            for uri in made.position
        }

    @staticmethod
    def _brief_page_arguments(
        made: BriefPages, related: Mapping[str, Sequence[str]], uri: str
    ) -> tuple[Any, ...]:
        """The arguments of :func:`.brief_page.converted_brief_page` for the brief at
        ``uri``."""
        entries, index = made.entries, made.position[uri]
        entry = entries[index]
        convert, vocabulary, addresses, last_changed, _ = made.setting
        return (
            convert,
            entry,
            vocabulary,
            addresses.named_in(entry.brief),
            entries[index - 1] if index else None,
            entries[index + 1] if index + 1 < len(entries) else None,
            list(map(made.by_uri.__getitem__, related[uri])),
            last_changed.get(entry.path),
            made.threads.get(uri),
        )

    def _served_brief_pages(
        self, made: BriefPages, changes: EntryChanges | None
    ) -> dict[str, Rendering]:
        """The brief pages of a serve build: in a rebuild, only those an edit may change
        are made again (:meth:`.ServeSession.brief_pages_to_remake`)."""
        related, dirty = self.session.brief_pages_to_remake(made, changes)

        def page_of(uri: str) -> dict[str, Rendering]:
            arguments = self._brief_page_arguments(made, related, uri)
            return {uri: brief_page.converted_brief_page(*arguments, call=self.memo)}

        served = self.session.served
        return served.kept(served.briefs, self.dirty, made.setting, made.position, dirty, page_of)

    def _related(self, entries: list[Entry]) -> Mapping[str, tuple[str, ...]]:
        """Each brief's related briefs (``mkdocs build``), relating again only those whose
        related briefs may have changed since the build whose result the build's cache
        kept."""
        previous = None if self.cache is None else self.cache.kept_result(RELATING)
        if not isinstance(previous, Relating):
            previous = None
        relating = relate(entries, previous, two_cores=self._two_cores())
        if self.cache is not None:
            self.cache.keep_result(RELATING, relating)
        return relating.related

    def _add(
        self,
        files: Files,
        generated: list[Generated],
        config: MkDocsConfig,
        reused: Collection[str] = (),
        written: Collection[str] = (),
    ) -> list[File]:
        """Add the generated pages and files but those ``reused`` (source paths: in the
        site from the build's cache); the files added. Those ``written`` into the site
        already (paths in the site) are kept in it too. In a dirty serve, those unchanged
        are left in the site (:func:`_left_in_site`) but for the navigation's, which are
        marked unchanged and keep their file and page objects from the previous build."""
        unchanged = self._unchanged(generated, config)
        self.rebuilt_everything = self.dirty and not unchanged
        left = _left_in_site(generated, unchanged, files)
        placed = [*reused, *(uri for uri in left if is_markdown_file(uri))]
        written = [*written, *(uri for uri in left if not is_markdown_file(uri))]
        generated = [page for page in generated if page[0] not in reused and page[0] not in left]
        self.rendered = {
            src_uri: content
            for src_uri, content, _ in generated
            if is_rendering(content)  # on_page_context puts it in place
        }
        kept = {uri: file for uri, file in self.previous.files.items() if uri in unchanged}
        added = add_generated(files, generated, config, kept, placed, written)
        if self.old_site.moved_back or self.building_dirty:  # pages linked to the cache's
            free_for_writing(config.site_dir, [file.dest_uri for file in added])
        self.generated = [file.dest_uri for file in added] + list(map(page_dest, placed))
        self.generated += written
        if self.dirty:
            mark_unchanged(files, unchanged)
            self.previous.keep_files(added)
            home = files.get_file_from_path(HOME)
            if home is not None:  # its latest briefs come from the archive, not its file
                home.is_modified = lambda: True  # type: ignore[method-assign]
        return added

    def _unchanged(self, generated: list[Generated], config: MkDocsConfig) -> set[str]:
        """The pages the same as in the previous build of a dirty serve (else none)."""
        if not self.dirty:
            return set()
        contents = {src_uri: content for src_uri, content, _ in generated}
        return self.previous.unchanged(self.setup_stamp, contents)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav  # before the second process forks: it makes its own skeletons
        if self._two_cores() and cores.available():
            share = [uri for uri in self.rendered if _inclusion(uri).is_not_in_nav()]
            for taken in self.second.start(files, share, config, nav):
                del self.rendered[taken]  # made, rendered and written by the second process
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.cache is not None:
            env.bytecode_cache = self.cache.compiled_templates()
        elif self.serving:
            env.bytecode_cache = self.compiled_templates
        if self.nav is not None and self.config.skeletons:
            env.loader = skeleton.with_skeleton_template(env.loader)
            linkable = [f for f in files if f.generated_by is None or f.src_uri in LINKED_PAGES]
            self.skeletons = skeleton.Skeletons(env, linkable, self.nav, finished)
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if isinstance(page, HtmlPage):  # made now, just before it is written
            page.fill(self._made(page.file.src_uri))
        if page.meta.get("template") == skeleton.SKELETON_TEMPLATE:
            context[skeleton.HTML_VARIABLE] = self._skeletons().render(context)  # type: ignore[literal-required]
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        if template_name == "sitemap.xml" and self.all_pages:
            context["pages"] = self.all_pages  # with those the second process renders or
            # the cache copied
        return context

    def on_page_markdown(
        self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        if isinstance(page, HtmlPage):  # its own meta comes when it is made (on_page_context)
            if self.config.skeletons and skeleton.eligible(page):
                page.meta["template"] = skeleton.SKELETON_TEMPLATE
        elif page.file.src_uri in self.rendered:  # a generated page in the navigation
            page.meta = dict(self._made(page.file.src_uri).meta)
        page.meta["search"] = {
            "exclude": True
        }  # searched with Pagefind, see newsbrief.site.search_documents
        if page.file.src_uri != HOME:
            return markdown
        archive = self._archive()
        latest = archive.entries[: self.config.latest]
        return markdown.rstrip() + "\n\n" + listings.latest_briefs(HOME, latest, archive.vocabulary)

    def on_page_content(
        self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        if isinstance(page, HtmlPage) or page.file.src_uri not in self.rendered:
            return html
        made = self._made(page.file.src_uri)
        page.toc = get_toc(made.toc_tokens)
        return exact_str(made.html)

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        from_skeleton = page.meta.get("template") == skeleton.SKELETON_TEMPLATE
        self.rendered.pop(page.file.src_uri, None)  # written: nothing needs it any more
        if isinstance(page, HtmlPage):
            page.let_go()  # its meta too
        return output if from_skeleton else finished(output)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        return finished(output_content)  # the 404 page

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.cache is not None and not self.cache.wait():
            raise PluginError("newsbrief: copying pages from the build cache failed (above)")
        if not self.second.finish():
            raise PluginError("newsbrief: the second process failed to render its pages (above)")
        if self.serving:
            if self.rebuilt_everything:
                freeze_after_full_build()
            return  # the preview does not wait for search: the index is replaced when ready
        kept = set(self.generated)  # the pages kept in place, and feeds left as they were
        self.old_site.delete_stale(Path(config.site_dir), self.started_ns, kept)  # while
        # Pagefind indexes: it writes only in pagefind/, which is left alone
        failure = self.search.finish()
        if failure is not None:
            raise PluginError(f"newsbrief: building the search index failed:\n{failure}")
        self._prefetch_search_index(Path(config.site_dir))
        self._close_cache(stored=self.warnings.count == 0 and not self.second.warned)
        self.old_site.wait()

    @staticmethod
    def _prefetch_search_index(site_dir: Path) -> None:
        """The search page asks for the index's first files beside its script: they are
        named only now that the index is built."""
        page = site_dir / document_path(page_url(SEARCH))
        html = with_index_prefetched(page.read_text("utf-8"), first_files(site_dir))
        page.write_text(html, "utf-8")

    def _close_cache(self, stored: bool) -> None:
        """Store what the build made in the cache (where it succeeded without a warning)."""
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.cache is not None:
            self.cache.wait()  # a failed build reports its own error; a failed copy says so
            if stored:
                self.cache.store()
            else:
                self.cache.discard()
        self.cache = None

    def on_build_error(self, *, error: Exception) -> None:
        self.previous = PreviousBuild()  # pages may be unwritten: the next build makes all
        self.session.forget()
        self._close_cache(stored=False)
        self.old_site.wait()
        self.search.stop()
        self.second.finish()

    def on_shutdown(self) -> None:
        self.search.stop()
        self.file_events.stop()
        if self.thresholds is not None:
            collector.collect_as_before(self.thresholds)
            self.thresholds = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        folders = self._watched_folders(Path(config.config_file_path).parent)
        signal_dir = self.file_events.signal_dir
        if signal_dir is not None:  # watched since the first build (on_config)
            names = " and ".join(map(str, folders))
            log.info("newsbrief: watching %s by the system's file events", names)
            server.watch(str(signal_dir))
        else:
            for folder in folders:
                server.watch(str(folder))
        return server

    def _watched_folders(self, root: Path) -> list[Path]:
        """The folders ``make serve`` watches besides MkDocs' own: briefs and seeds."""
        folders = [root / self.config.briefs_dir, root / "seeds"]
        return [folder for folder in folders if folder.is_dir()]

    def _made(self, src_uri: str) -> PageContent:
        """The generated page at ``src_uri``, made now if it was left for later."""
        rendered = self.rendered[src_uri]
        return rendered if isinstance(rendered, PageContent) else rendered()

    def _two_cores(self) -> bool:
        """Whether to fork for work: the ``parallel`` option, and never in serve (threads)."""
        return self.config.parallel and not self.serving

    def _skeletons(self) -> skeleton.Skeletons:
        if self.skeletons is None:  # pragma: no cover - MkDocs always calls on_env first
            raise PluginError("newsbrief: the page skeletons were not made (on_env did not run)")
        return self.skeletons

    def _archive(self) -> Archive:
        if self.archive is None:  # pragma: no cover - MkDocs always calls on_config first
            raise PluginError("newsbrief: the archive was not loaded")
        return self.archive


def finished(page_html: str) -> str:
    """A page's HTML with the plugin's corrections: Material's HTML fixed, the search box
    answered by Pagefind."""
    return use_search_worker(fix_material_html(page_html))


def _left_in_site(generated: list[Generated], unchanged: set[str], files: Files) -> set[str]:
    """Of the pages and files a dirty serve build generated, those it leaves in the site as
    the previous build wrote them, never made into MkDocs' files: unchanged since, and not
    needed by MkDocs (:func:`_kept_by_mkdocs`, :func:`_linked_from_docs`). MkDocs goes
    through each of its files several times a build, even where it writes none: with
    100,000 briefs, that was seconds of every rebuild after one edit."""
    if not unchanged:
        return set()
    linked = _linked_from_docs(files)
    return {
        uri
        for uri, _, inclusion in generated
        if uri in unchanged and not _kept_by_mkdocs(uri, inclusion) and uri not in linked
    }


_MARKDOWN_TARGET = re.compile(r"""[^\s()<>"'\[\]]+\.md\b""")


def _linked_from_docs(files: Files) -> set[str]:
    """The pages the documentation's own pages (``docs/``) may link to, by source path:
    anything in their Markdown that reads like a link to a page (``tags/economy.md``).
    A page left in the site is none of MkDocs' files, and MkDocs would leave a link to it
    as it was written."""
    linked = set()
    for file in files.documentation_pages():
        if file.generated_by is None:
            folder = posixpath.dirname(file.src_uri)
            for target in _MARKDOWN_TARGET.findall(file.content_string):
                path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
                linked.add(posixpath.normpath(path))
    return linked


def _kept_by_mkdocs(uri: str, inclusion: InclusionLevel) -> bool:
    """Whether a generated page stays one of MkDocs' files even when unchanged: the pages
    of the navigation, and those every page links to (the skeletons' links,
    :mod:`.skeleton`)."""
    return is_markdown_file(uri) and (uri in LINKED_PAGES or not inclusion.is_not_in_nav())


def _inclusion(uri: str) -> InclusionLevel:
    """Briefs, tag, archive and entity pages stay out of the navigation (see mkdocs.yml)."""
    return InclusionLevel.UNDEFINED if uri in NAV_PAGES else InclusionLevel.NOT_IN_NAV
