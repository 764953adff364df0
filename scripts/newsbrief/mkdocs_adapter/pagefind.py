"""Full-text search: a chunked Pagefind index, built on the other core.

Material's own search puts every page into one JSON file that the browser downloads
whole before the first result (tens of MB for an archive of thousands of briefs).
Pagefind splits its index into chunks by word, so a query fetches only what it needs.
Material's search box stays: a small worker
(``overrides/assets/javascripts/newsbrief-search-worker.js``) answers it from the
Pagefind index. :class:`SearchIndexer` writes the site's search documents
(:mod:`newsbrief.site.search_documents`) to a temporary folder and runs the Pagefind
command over them in the background while MkDocs renders the pages: the main index
(``pagefind/``) and each volume of briefs (``pagefind/volumes/<month>/``,
:mod:`newsbrief.site.search_volumes`), one after another, those whose documents changed
or that the site lacks. ``mkdocs build`` waits for them at the end; ``mkdocs serve``
does not (the preview's index is replaced when ready).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import NoReturn

from newsbrief.archive import cores
from newsbrief.mkdocs_adapter.index_runs import ENTRY, FAILURE, FORGET_DOCUMENTS, LANGUAGE, Run
from newsbrief.site.search_volumes import MAIN_INDEX, MANIFEST, VOLUMES_DIR

OUTPUT_DIR = "pagefind"
RUNS = "runs.json"  # beside the documents: the runs index_runs makes
MEMORY_FOLDER = "/dev/shm"
"""A folder in memory (``tmpfs``), where the system has one: see :func:`documents_parent`."""
DOCUMENT_ROOM = 16_384
"""The bytes of memory a document is given room for: a brief's is about 2.5 KB, held in
pages of 4 KB, with its folders; the main index's few hundred fit in the briefs' room."""
WORKER = "assets/javascripts/newsbrief-search-worker.js"
# Material's search worker, as the page's configuration names it (relative to the page).
_MATERIAL_WORKER = re.compile(
    r'("search": "[^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"'
)


_CONFIGURATION = '<script id="__config"'  # Material's, after the page's content


def use_search_worker(page_html: str) -> str:
    """``page_html`` with Material's search box answered by the Pagefind worker: in the
    page's configuration, the last script of its kind, so neither text in the content
    nor the time to look through it counts."""
    start = page_html.rfind(_CONFIGURATION)
    if start < 0:
        return page_html
    configuration = _MATERIAL_WORKER.sub(rf'\g<1>{WORKER}"', page_html[start:], count=1)
    return page_html[:start] + configuration


def first_files(site_dir: Path) -> list[str]:
    """The files of the built index (addresses from the site's root) that every search
    fetches first, once the indexes' entry files name them: the WebAssembly, the list of
    volumes, and the metadata of the main index and of the volumes a search covers first
    (each named by a hash of its index)."""
    manifest = json.loads((site_dir / MANIFEST).read_text("utf-8"))
    first = [volume["path"] for volume in manifest["volumes"][: manifest["searched_first"]]]
    main = _language(site_dir / OUTPUT_DIR)
    files = [f"{OUTPUT_DIR}/wasm.{main['wasm']}.pagefind", MANIFEST]
    for index in [MAIN_INDEX, *first]:
        metadata = _language(site_dir / OUTPUT_DIR / index)["hash"]
        files.append(f"{OUTPUT_DIR}/{index}pagefind.{metadata}.pf_meta")
    return files


def _language(index: Path) -> dict[str, str]:
    """What an index's entry file says of its one language's files."""
    entry = json.loads((index / ENTRY).read_text("utf-8"))
    return entry["languages"][LANGUAGE]


def document_path(url: str) -> str:
    """Where a page's document goes so that Pagefind gives it the page's URL."""
    if url.endswith(".html"):
        return url
    return f"{url}index.html"


class SearchIndexer:
    """Runs Pagefind over the pages' documents in a background process, one index at a
    time (:mod:`newsbrief.mkdocs_adapter.index_runs`).

    Each index (the main one and each volume: :mod:`newsbrief.site.search_volumes`) is a
    Pagefind run of its own, so Pagefind's memory is bounded by the largest, not the
    archive. The documents stay in their folder until :meth:`stop`: a later run (the
    next build of ``mkdocs serve``) writes only the documents that changed and indexes
    only the indexes that did (or that the site no longer has). ``mkdocs build`` has the
    documents made and written by a forked process too (``forked``), which then runs
    Pagefind: with 10,000 briefs, the 2,000 of a volume that changed took the build 3.5 s.
    """

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._process: subprocess.Popen[str] | None = None
        self._child: int | None = None  # the forked process, in place of _process
        # index -> document path -> a hash of its text (not the text: 30 MB at 10,000)
        self._written: dict[str, dict[str, int]] = {}
        self._unindexed: set[str] = set()  # changed since Pagefind last indexed them

    def start(
        self,
        documents: Iterable[tuple[str, str, str]],
        site_dir: str,
        copied: Collection[str] = (),
        forked: bool = False,
        copies: Mapping[str, Path] | None = None,
        gone: Collection[str] | None = None,
        briefs: int = 0,
    ) -> None:
        """Write ``(index, url, document)`` triples, each as it comes, and start indexing
        the indexes that changed (and those the site lacks) into their folders of
        ``site_dir``'s ``pagefind/``: the main index first, then the volumes, newest
        first (the first searched). The volumes ``copied`` are in the site already
        (from the build's cache), with no documents given. ``forked``: in a forked
        process, where one can be (:func:`newsbrief.archive.cores.available`), which
        writes the documents too; only for a single build (it keeps nothing for a next
        one). ``copies``: where to copy volumes once indexed, by index (for the build's
        cache, which then need not copy them: 2,000 files a volume at 10,000 briefs).
        ``gone`` (a serve rebuild's, where :meth:`keeps_documents`): the documents given
        are every one of the main index but, of the volumes, only those that changed;
        every other document of the volumes is as the previous run left it, but those
        at the URLs ``gone``. ``briefs``: how many documents of briefs there may be, for
        where a forked process writes them (:func:`documents_parent`)."""
        if self._process is not None and self._process.poll() == 0:
            self._unindexed.clear()  # the last runs finished (serve does not wait for them)
        self._kill()
        if self._folder is None:
            parent = documents_parent(briefs) if forked else None
            self._folder = tempfile.TemporaryDirectory(prefix="newsbrief-search-", dir=parent)
        sources = Path(self._folder.name)

        def runs() -> list[Run]:
            return self._runs(sources, documents, site_dir, copied, copies or {}, gone)

        if forked and cores.available():
            self._child = cores.fork(lambda: self._index_in_child(sources, runs))
            return
        made = runs()
        if made:
            self._process = _start_runs(sources / RUNS, made)

    def _index_in_child(self, sources: Path, runs: Callable[[], list[Run]]) -> NoReturn:
        """In the forked process: write the documents and list the runs (``runs``), then
        become :mod:`.index_runs`, which runs Pagefind over the indexes to make, removes
        the documents (at 10,000 briefs, a volume's 2,000 took the build's process half a
        second) and writes why a run failed into its ``FAILURE``, holding none of the
        memory this fork of the build holds. In a session of its own, so that
        :meth:`stop` stops Pagefind with it."""
        os.setsid()
        command = _index_runs_command(_listed(sources / RUNS, runs()), FORGET_DOCUMENTS)
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)

    def _runs(
        self,
        sources: Path,
        documents: Iterable[tuple[str, str, str]],
        site_dir: str,
        copied: Collection[str],
        copies: Mapping[str, Path],
        gone: Collection[str] | None = None,
    ) -> list[Run]:
        """Write the documents into ``sources``; the runs of the indexes to make."""
        current = self._write_documents(sources, documents, self._volumes_but(gone))
        self._unindexed = (self._unindexed & current.keys()) | self._remove_gone(sources, current)
        self._written = current
        output = Path(site_dir) / OUTPUT_DIR
        _remove_other_volumes(output, {*current.keys(), *copied})
        return [
            _run(sources, output, index, copies.get(index))
            for index in _main_then_newest(current)
            if index in self._unindexed or not (output / index / ENTRY).is_file()
        ]

    def keeps_documents(self) -> bool:
        """Whether the documents of the previous run are kept (see :meth:`start`)."""
        return bool(self._written)

    def _volumes_but(self, gone: Collection[str] | None) -> dict[str, dict[str, int]]:
        """The volumes' documents of the previous run but those at the URLs ``gone``
        (none where ``gone`` is None: the documents given are all)."""
        if gone is None:
            return {}
        paths = set(map(document_path, gone))
        volumes = {
            index: dict(docs) for index, docs in self._written.items() if index != MAIN_INDEX
        }
        for docs in volumes.values():
            for path in paths & docs.keys():
                del docs[path]
        return {index: docs for index, docs in volumes.items() if docs}  # as if not given

    def _write_documents(
        self,
        sources: Path,
        documents: Iterable[tuple[str, str, str]],
        current: dict[str, dict[str, int]],
    ) -> dict[str, dict[str, int]]:
        """Write the documents not written already, each as it comes (their indexes are
        then unindexed), into the ``current`` documents; the hash of each one's text, by
        index and path."""
        for index, url, text in documents:
            path, digest = document_path(url), hash(text)
            current.setdefault(index, {})[path] = digest
            if self._written.get(index, {}).get(path) != digest:
                _write(_source(sources, index) / path, text)
                self._unindexed.add(index)
        return current

    def _remove_gone(self, sources: Path, current: dict[str, dict[str, int]]) -> set[str]:
        """Remove the documents of the last run that this one has not; the indexes that
        lost some."""
        lost = set()
        for index, before in self._written.items():
            gone = before.keys() - current.get(index, {}).keys()
            for path in gone:
                (_source(sources, index) / path).unlink(missing_ok=True)
            if gone:
                lost.add(index)
        return lost & current.keys()

    def wait(self) -> str | None:
        """Wait for the indexes; which failed and Pagefind's output, else ``None``."""
        if self._child is not None:
            return self._wait_for_child()
        if self._process is None:
            return None
        output, _ = self._process.communicate()
        failed = self._process.returncode != 0
        self._process = None
        if not failed:
            self._unindexed.clear()
        return (output.strip() or "no output") if failed else None

    def _wait_for_child(self) -> str | None:
        child, self._child = self._child, None
        if child is None or cores.succeeded(child):
            return None
        failure = Path(self._folder.name if self._folder else "", FAILURE)
        return failure.read_text("utf-8") if failure.is_file() else "the indexing process failed"

    def finish(self) -> str | None:
        """:meth:`wait`, then :meth:`stop`: the build is over."""
        failure = self.wait()
        self.stop()
        return failure

    def stop(self) -> None:
        """Stop unfinished runs (the build failed, or serve ended); remove the documents."""
        self._kill()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
        self._written = {}
        self._unindexed = set()

    def _kill(self) -> None:
        if self._child is not None:
            _kill_group(self._child)
            os.waitpid(self._child, 0)
            self._child = None
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
        self._process = None


def documents_parent(briefs: int) -> str | None:
    """Where a build writes the search documents of ``briefs`` briefs: in
    :data:`MEMORY_FOLDER` where the system has it, writable and with room for them (see
    :data:`DOCUMENT_ROOM`), else in the system's temporary folder (``None``).

    The documents live only until Pagefind has read them (each index's are removed once it
    is made: :mod:`.index_runs`). On a disk, each is a file created and deleted in the
    middle of the build (about 20,000 files and folders at 10,000 briefs), and a disk may take
    long over both: on ext4 without a journal, as on the machine the README's figures come
    from, writing 10,000 such documents took 0.7 to 4.2 s and deleting them 1.3 to 1.6 s,
    0.4 to 0.5 s and 0.3 to 0.4 s in memory; and files created on that disk for half a
    minute or more after a deletion take the longer (see ``settle`` in
    ``benchmarks/bench_build.py``)."""
    try:
        free = os.statvfs(MEMORY_FOLDER)
    except OSError:  # no such folder: not Linux
        return None
    room = free.f_bavail * free.f_frsize >= max(briefs, 1) * DOCUMENT_ROOM
    writable = os.access(MEMORY_FOLDER, os.W_OK | os.X_OK)
    return MEMORY_FOLDER if room and writable else None


def _kill_group(leader: int) -> None:
    """Stop the process ``leader`` and those of its session (or it alone, before it
    made one)."""
    try:
        os.killpg(leader, signal.SIGKILL)
    except ProcessLookupError:
        os.kill(leader, signal.SIGKILL)


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _main_then_newest(indexes: Iterable[str]) -> list[str]:
    """The main index first, then the volumes, the newest (the first searched) first."""
    volumes = sorted((index for index in indexes if index != MAIN_INDEX), reverse=True)
    return [MAIN_INDEX, *volumes] if MAIN_INDEX in indexes else volumes


def _run(sources: Path, output: Path, index: str, copy_to: Path | None) -> Run:
    """What :mod:`newsbrief.mkdocs_adapter.index_runs` runs for ``index``."""
    volume = index != MAIN_INDEX
    return {
        "pagefind": _pagefind(),
        "name": f"the index of the briefs from {Path(index).name}" if volume else "the main index",
        "source": str(_source(sources, index)),
        "output": str(output / index),
        "index_only": volume,
        "copy_to": "" if copy_to is None else str(copy_to),
    }


@functools.cache
def _pagefind() -> list[str]:
    """The command that starts Pagefind: its program, found as its Python package finds
    it, so that each run does not start Python to find it (80 ms, at 10,000 briefs
    eighteen times), else the package's own command, which says what is missing."""
    # imported here, where the runs are made (in mkdocs build, by the forked process):
    # the package's service imports asyncio, 65 ms of every build's start otherwise
    from pagefind.service import get_executable

    program = get_executable()
    return [str(program)] if program is not None else [sys.executable, "-m", "pagefind"]


def _start_runs(listed: Path, runs: list[Run]) -> subprocess.Popen[str]:
    """Start :mod:`newsbrief.mkdocs_adapter.index_runs` over ``runs``, listed in the file
    ``listed``."""
    return subprocess.Popen(
        _index_runs_command(_listed(listed, runs)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # stopped with the Pagefind it runs (_kill)
    )


def _listed(listed: Path, runs: list[Run]) -> Path:
    """``listed``, the JSON file ``runs`` are written into."""
    listed.write_text(json.dumps(runs), encoding="utf-8")
    return listed


def _index_runs_command(listed: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "newsbrief.mkdocs_adapter.index_runs", str(listed), *options]


def _source(sources: Path, index: str) -> Path:
    """The folder of an index's documents (the main index's is ``main/``)."""
    return sources / (index or "main")


def remove_main_index(output: Path) -> None:
    """Remove the main index's files from ``output`` (the site's ``pagefind/``), leaving
    the volumes' folders: Pagefind adds its files to a folder without emptying it."""
    if output.is_dir():
        for path in output.iterdir():
            if path.is_dir() and path.name != VOLUMES_DIR:
                shutil.rmtree(path)
            elif not path.is_dir():
                path.unlink()


def _remove_other_volumes(output: Path, indexes: Iterable[str]) -> None:
    """Take the indexes of volumes the site no longer has out of the built site."""
    volumes = output / VOLUMES_DIR
    if volumes.is_dir():
        kept = {Path(index).name for index in indexes}
        for folder in volumes.iterdir():
            if folder.name not in kept:
                shutil.rmtree(folder)
