"""Rendering pages on two cores.

MkDocs reads and renders pages one after the other, and running the theme's templates is
the largest part of building a large archive. Once the navigation is made (``on_nav``),
:class:`SecondProcess` forks. The child reads and renders every other generated page
outside the navigation with MkDocs' own page functions, and exits. The parent takes
those pages out of the files MkDocs goes on to read and render, and waits for the child
at the end of the build (``on_post_build``). The sitemap still lists every page, because
the plugin hands it the whole list (``on_template_context``).

This happens only in ``mkdocs build``, where ``os.fork`` exists and there is more than
one core. The preview server runs threads, which do not survive a fork.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Sequence

# MkDocs' own page functions; MkDocs 1.6, the last 1.x, is pinned
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from newsbrief.archive.cores import fork, succeeded

log = logging.getLogger("mkdocs.plugins.newsbrief")


class WarningCounter(logging.Handler):
    """Counts MkDocs' warnings, which strict mode turns into a failure (in the child), and
    which keep a build's pages out of the cache (:mod:`.build_cache`)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class SecondProcess:
    """A forked process rendering a share of the pages."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.all_pages: list[File] = []
        self.warned = False  # whether MkDocs warned in the child (it fails only if strict)
        self._warnings: int | None = None  # the pipe the child says so through

    def start(
        self, files: Files, share: Collection[str], config: MkDocsConfig, nav: Navigation
    ) -> list[str]:
        """Fork; the child reads and renders every other page of ``share`` (source paths),
        whose pages are made already (``on_nav``). The source paths of the pages it took."""
        self.all_pages = list(files.documentation_pages())
        shared = set(share)  # looked up once a page: a list made this quadratic
        taken = [file for file in self.all_pages if file.src_uri in shared][1::2]
        reading, writing = os.pipe()
        self.pid = fork(lambda: self._render(taken, files, config, nav, writing))
        os.close(writing)
        self._warnings, self.warned = reading, False
        for file in taken:
            files.remove(file)
        return [file.src_uri for file in taken]

    def _render(
        self,
        pages: Sequence[File],
        files: Files,
        config: MkDocsConfig,
        nav: Navigation,
        said: int,
    ) -> bool:
        warnings = WarningCounter()
        logging.getLogger("mkdocs").addHandler(warnings)
        for file in pages:
            assert file.page is not None
            _populate_page(file.page, config, files)
        env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
        for file in pages:
            assert file.page is not None
            _build_page(file.page, config, self.all_pages, nav, env)
        os.write(said, b"warned" if warnings.count else b"")
        return not (config.strict and warnings.count)

    def finish(self) -> bool:
        """Wait for the child; whether it rendered its pages without a problem."""
        if self.pid is None:
            return True
        pid, self.pid = self.pid, None
        done = succeeded(pid)
        if self._warnings is not None:
            with os.fdopen(self._warnings, "rb") as said:
                self.warned = said.read() != b""
            self._warnings = None
        return done
