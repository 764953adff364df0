"""Pagefind over each search index's documents, one index after another.

:class:`newsbrief.mkdocs_adapter.pagefind.SearchIndexer` starts this module as a process
of its own (a thread in the build's process would stop it forking its second process:
:func:`newsbrief.archive.cores.available`) and names a JSON file of the runs as its
argument: a list of :class:`Run`. It stops at the
first run that fails, printing which index and Pagefind's output, and exits with 1.
Only the standard library is imported: it starts in a few milliseconds.

With ``--forget-documents`` it is what the build's forked indexer becomes
(``os.execv``) once it has written the documents: the fork held a copy of the build's
memory for as long as Pagefind ran (140 MB at 10,000 briefs, with Pagefind's own 400 MB
beside it), where this process holds a few. It removes each index's documents once
Pagefind has indexed them (they may be in memory: see
:func:`newsbrief.mkdocs_adapter.pagefind.documents_parent`), then the rest of the
folders beside the JSON file, and writes why a run failed, if one did, into
:data:`FAILURE` beside them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TypedDict

LANGUAGE = "en"  # the index's one language: Pagefind is told so (--force-language)
ENTRY = "pagefind-entry.json"  # an index's entry file, which names its other files
FAILURE = "failure.txt"  # beside the documents: why a run of the forked indexer failed
FORGET_DOCUMENTS = "--forget-documents"


class Run(TypedDict):
    """One Pagefind run: the command that starts Pagefind, the index's name (for a
    failure's message), the folder of its documents, its output folder, whether to keep
    only the index there, and where to copy that folder once made ("" for nowhere: the
    build's cache keeps volumes)."""

    pagefind: list[str]
    name: str
    source: str
    output: str
    index_only: bool
    copy_to: str


def run_all(runs: list[Run], forget_documents: bool = False) -> str | None:
    """Each run in turn; which failed and Pagefind's output, else ``None``. Where
    ``forget_documents``, each run's documents are removed once it is done."""
    for run in runs:
        output = Path(run["output"])
        if run["index_only"] and output.is_dir():  # Pagefind adds to a folder: a volume's
            shutil.rmtree(output)  # last index, left in the site, would keep its pages
        done = subprocess.run(
            [*run["pagefind"], *pagefind_options(Path(run["source"]), output)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            return f"{run['name']}: {done.stdout.strip() or 'no output'}"
        if forget_documents:
            shutil.rmtree(run["source"])
        if run["index_only"]:
            keep_only_the_index(output)
        if run["copy_to"]:
            copy = Path(run["copy_to"])
            if copy.is_dir():  # left by a build stopped halfway
                shutil.rmtree(copy)
            copy_linked(output, copy)
    return None


def copy_linked(folder: Path, copy: Path) -> None:
    """Copy ``folder`` (an index: thousands of small files) to ``copy``, each file a hard
    link where both are on one file system, else copied. On the disk the benchmarks ran
    on, copying a file took about 0.35 ms, linking it 0.05 ms. An index's
    files are never written over in place (Pagefind writes a volume into an emptied
    folder; one copied into the site replaces the folder), so neither copy can change
    the other."""
    shutil.copytree(folder, copy, copy_function=link_or_copy)


def link_or_copy(source: str, target: str) -> None:
    """Make ``target`` a hard link to ``source``, or a copy where it cannot be one."""
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(source, target)


def pagefind_options(source: Path, output: Path) -> list[str]:
    return [
        *("--site", str(source), "--silent"),
        *("--output-path", str(output), "--force-language", LANGUAGE),
    ]


def keep_only_the_index(output: Path) -> None:
    """Leave out of an index's folder what Pagefind writes beside the index: its script,
    WebAssembly and user interfaces (about 600 KB), which a volume merged into the main
    index takes from the main index's."""
    for path in output.iterdir():
        if path.is_file() and path.name != ENTRY and path.suffix != ".pf_meta":
            path.unlink()


def run_listed(listed: Path, forget_documents: bool) -> str | None:
    """:func:`run_all` over the runs listed in the JSON file ``listed``; where
    ``forget_documents``, each run's documents are removed once it is done, then the
    folders left beside the file, and the failure is written into :data:`FAILURE` there."""
    failure = run_all(json.loads(listed.read_text("utf-8")), forget_documents)
    if forget_documents:
        for folder in listed.parent.iterdir():
            if folder.is_dir():
                shutil.rmtree(folder)
        if failure is not None:
            (listed.parent / FAILURE).write_text(failure, encoding="utf-8")
    return failure


if __name__ == "__main__":
    failure = run_listed(Path(sys.argv[1]), FORGET_DOCUMENTS in sys.argv[2:])
    if failure is not None:
        print(failure)
    sys.exit(failure is not None)
