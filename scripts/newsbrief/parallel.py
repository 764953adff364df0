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
import sys
from collections.abc import Collection, Sequence

# MkDocs' own page functions; MkDocs 1.6, the last 1.x, is pinned
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.newsbrief")


def available() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


class _WarningCounter(logging.Handler):
    """Counts MkDocs' warnings in the child, which strict mode turns into a failure."""

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

    def start(
        self, files: Files, share: Collection[str], config: MkDocsConfig, nav: Navigation
    ) -> None:
        """Fork; the child reads and renders every other page of ``share`` (source paths)."""
        self.all_pages = list(files.documentation_pages())
        taken = [file for file in self.all_pages if file.src_uri in share][1::2]
        for file in taken:
            if file.page is None:
                Page(None, file, config)  # as MkDocs makes pages outside the navigation
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            self._render_and_exit(taken, files, config, nav)
        self.pid = pid
        for file in taken:
            files.remove(file)

    def _render_and_exit(
        self, pages: Sequence[File], files: Files, config: MkDocsConfig, nav: Navigation
    ) -> None:
        warnings = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(warnings)
        code = 1
        try:
            for file in pages:
                assert file.page is not None
                _populate_page(file.page, config, files)
            env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
            for file in pages:
                assert file.page is not None
                _build_page(file.page, config, self.all_pages, nav, env)
            code = 1 if config.strict and warnings.count else 0
        except BaseException:
            log.exception("newsbrief: rendering pages in the second process failed")
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def finish(self) -> bool:
        """Wait for the child; whether it rendered its pages without a problem."""
        if self.pid is None:
            return True
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return os.waitstatus_to_exitcode(status) == 0
