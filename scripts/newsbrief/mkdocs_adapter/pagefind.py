"""Full-text search: a chunked Pagefind index, built on the other core.

Material's own search puts every page into one JSON file that the browser downloads
whole before the first result (tens of MB for an archive of thousands of briefs).
Pagefind splits its index into chunks by word, so a query fetches only what it needs.
Material's search box stays: a small worker
(``overrides/assets/javascripts/newsbrief-search-worker.js``) answers it from the
Pagefind index. :class:`SearchIndexer` writes the site's search documents
(:mod:`newsbrief.site.search_documents`) to a temporary folder and runs the Pagefind
command over them in the background while MkDocs renders the pages; the build waits
for it at the end.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

OUTPUT_DIR = "pagefind"
LANGUAGE = "en"  # the index's one language: Pagefind is told so (--force-language)
WORKER = "assets/javascripts/newsbrief-search-worker.js"
# Material's search worker, as the page's configuration names it (relative to the page).
_MATERIAL_WORKER = re.compile(
    r'("search": "[^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"'
)


def use_search_worker(page_html: str) -> str:
    """``page_html`` with Material's search box answered by the Pagefind worker."""
    return _MATERIAL_WORKER.sub(rf'\g<1>{WORKER}"', page_html, count=1)


def first_files(site_dir: Path) -> list[str]:
    """The files of the built index (addresses from the site's root) that every search
    fetches first, after the index's entry file names them: its WebAssembly and its
    metadata (named by a hash of the index)."""
    entry = json.loads((site_dir / OUTPUT_DIR / "pagefind-entry.json").read_text("utf-8"))
    language = entry["languages"][LANGUAGE]
    return [
        f"{OUTPUT_DIR}/wasm.{language['wasm']}.pagefind",
        f"{OUTPUT_DIR}/pagefind.{language['hash']}.pf_meta",
    ]


def document_path(url: str) -> str:
    """Where a page's document goes so that Pagefind gives it the page's URL."""
    if url.endswith(".html"):
        return url
    return f"{url}index.html"


class SearchIndexer:
    """Runs Pagefind over the pages' documents in a background process.

    The documents stay in their folder until :meth:`stop`: a later run (the next build
    of ``mkdocs serve``) writes only those that changed.
    """

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._process: subprocess.Popen[str] | None = None
        self._written: dict[str, str] = {}

    def start(self, documents: Iterable[tuple[str, str]], site_dir: str) -> None:
        """Write ``(url, document)`` pairs and start indexing them into ``site_dir``."""
        self._kill()
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="newsbrief-search-")
        root = Path(self._folder.name)
        current = {document_path(url): text for url, text in documents}
        for gone in self._written.keys() - current.keys():
            (root / gone).unlink(missing_ok=True)
        for path, text in current.items():
            if self._written.get(path) != text:
                target = root / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        self._written = current
        command = [sys.executable, "-m", "pagefind", "--site", str(root), "--silent"]
        command += ["--output-path", str(Path(site_dir) / OUTPUT_DIR), "--force-language", LANGUAGE]
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    def finish(self) -> str | None:
        """Wait for the index; Pagefind's output if it failed, else ``None``."""
        if self._process is None:
            return None
        output, _ = self._process.communicate()
        failed = self._process.returncode != 0
        self.stop()
        return (output.strip() or "no output") if failed else None

    def stop(self) -> None:
        """Stop an unfinished run (the build failed, or serve ended); remove the documents."""
        self._kill()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
        self._written = {}

    def _kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = None
