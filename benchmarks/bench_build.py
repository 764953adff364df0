"""Build synthetic archives with newsbrief and with plain Material, and compare them.

For each size N (default 1,000 and 10,000) it writes a realistic archive of N briefs
(see synthetic.py), builds it with ``mkdocs build --strict`` as the project does, and
builds the same briefs as plain Material pages (search and tags plugins, briefs out of
the navigation). For both it prints: wall time, peak memory of the build (all its
processes; "index MB" is the search indexer's, Pagefind's, own peak among them), the CPU
time (user and system) of all its processes ("CPU s": the work done, where the wall time
also holds waits on the disk, see :func:`settle`), milliseconds per brief, site size,
the largest HTML page, and what a reader downloads (measured in Chromium, counted by the
plain file server): the home page, a brief page, and a first search query (after opening
the home page) for the commonest word ("search KB") and for a word in about 1 brief in
100 ("rare KB"), both in the search box, and the commonest word narrowed to the
commonest tag on the search page ("filter KB": /search/?query=…&tag=…, opened from the
home page, without the page's own HTML, as the home page's is not in "search KB"; plain
Material has no such page).

    python benchmarks/bench_build.py [--sizes 1000 10000] [--profile FILE] [--newsbrief-only]
                                     [--settle SECONDS]

Memory is the proportional set size (PSS) of each process, summed: the build's forked
processes share most of their memory with it, which summing their resident sizes counts
once per process. It is sampled as often as a quarter of a core allows (every 50 ms where
samples are cheap): a sample walks the page tables of every process.

Each build starts once the files written before it are on disk (``sync``): right after
a full build of 10,000 briefs, which writes 1.3 GB, a build with nothing changed took
8.1 s, and 6.5 s after a ``sync`` (one run each). And it starts once the files deleted
before it (a site, a project, the search documents of the last build) no longer slow the
files it creates (``--settle``, see :func:`settle`). After the newsbrief build, it times
three more with the cache that build left
(``.cache/newsbrief/``, see ``newsbrief.mkdocs_adapter.build_cache``): with nothing
changed, after one brief's title is edited, and after a brief is added (a copy of one,
under another name and with its own source article), each with its share of the full
build's time ("cached" row); then three more alike ("cached now" row), each starting 2 s
after the last (``QUICK_SETTLE_SECONDS``), with what the build before read still in
memory, as an editor's next build does (after the ``--settle``, the machine the figures
come from had paged the cache out).

``--settle SECONDS`` (default 60) is how long each build waits after the ``sync``.
``--profile FILE`` writes a pyinstrument profile of the newsbrief build of the first
size instead of timing it alone. ``--newsbrief-only`` leaves plain Material out (no
ratio).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import psutil
import yaml
from playwright.sync_api import Browser, Page, sync_playwright

import synthetic  # beside this script, which Python puts on the path
from browsing import CHROMIUM, FLAGS, CountingServer, served

BIN = Path(sys.executable).parent
HEADER = (
    f"{'build':<10} {'briefs':>6} {'wall s':>7} {'ratio':>6} {'CPU s':>6} {'ms/brief':>8} "
    f"{'peak MB':>8} "
    f"{'index MB':>8} "
    f"{'site MB':>8} {'KB/brief':>8} {'largest page KB':>16} {'home KB':>8} "
    f"{'brief KB':>8} {'search KB':>9} {'rare KB':>7} {'filter KB':>9}"
)

REBUILD_HEADER = (
    f"{'build':<10} {'briefs':>6} {'full s':>7}   {'same s':>7} {'share':>6}   "
    f"{'edit s':>7} {'share':>6}   {'add s':>7} {'share':>6}"
)


@dataclass
class Build:
    seconds: float
    cpu_seconds: float  # user and system, of all the build's processes
    peak_mb: float  # all the build's processes together
    index_mb: float  # of those, the search indexer's (Pagefind's) own peak


def _is_search_indexer(process: psutil.Process) -> bool:
    return any("pagefind" in part for part in process.cmdline())


SAMPLING_SHARE = 0.25
"""The most of one core the memory sampling takes: reading a process's PSS walks its
page tables, under its memory lock. At 100,000 briefs a sample of the build's processes
took 0.27 s, and sampling every 50 ms, as this script did, took half a core from the
build. With a tenth of a core, samples of plain Material's one process came too seldom
for its peak: 291 MB where denser samples saw 364 to 394."""
QUICKEST_SAMPLING = 0.05  # seconds between samples where they cost little
SETTLE_SECONDS = 60.0
QUICK_SETTLE_SECONDS = 2.0
"""The wait before the "cached now" builds, which start as an editor's next build does: with
what the last build read still in memory. The machine the figures come from pages out
files untouched for 60 s (its kernel's DAMON reclaim), so a build with the cache after a
``--settle`` of 60 s reads it back from the disk: with nothing changed at 10,000 briefs,
5.0 s where the same build took 2.9 s with the files in memory (one build each)."""


def settle(seconds: float) -> None:
    """Write what is pending to disk and wait ``seconds``, so that a build is not slowed
    by the files deleted before it.

    ext4 without a journal (the disk of the machine the figures come from) avoids giving a
    new file the inode of one deleted in about the last half minute (as the kernel's source
    reads: ``dirty_expire_centisecs``, 5 s more while the inode's block is not written), and
    looks past each such inode, one by one, for every file it creates; the series below
    found creation slower than at rest for longer than that. On that disk, creating 5,000
    files (each in a folder of its own) took 6.0 s right after 40,000 files were deleted,
    2.2 s 15 s later, 0.8 to 1.1 s 30 to 50 s later, and 0.34 s 70 s later (one series).
    Builds of one archive of 10,000 briefs that started right after its last site was
    deleted took 38 to 55 s (17 to 46 s of it system time); 90 s after, 29 to 45 s
    (11 to 28 s). The wait takes out the worst of what the builds and projects deleted
    before a build cost it, not all: the disk's own pace still varies.
    """
    os.sync()
    time.sleep(seconds)


def build(project: Path, settle_seconds: float, profile: Path | None = None) -> Build:
    """Run ``mkdocs build`` in ``project`` once it has :func:`settle`-d, sampling the
    memory of all its processes, as often as :data:`SAMPLING_SHARE` allows."""
    command = [str(BIN / "mkdocs"), "build", "--strict", "--quiet"]
    if profile is not None:
        command = [str(BIN / "pyinstrument"), "-r", "text", "-o", str(profile), *command]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    settle(settle_seconds)
    start, cpu_before = time.perf_counter(), _children_cpu()
    process = psutil.Popen(command, cwd=project, env=env, stderr=subprocess.PIPE)
    peak = index_peak = 0
    while True:
        sampled = time.perf_counter()
        try:
            processes = [process, *process.children(recursive=True)]
            memory = {p: p.memory_full_info().pss for p in processes}
            peak = max(peak, sum(memory.values()))
            index = sum(rss for p, rss in memory.items() if _is_search_indexer(p))
            index_peak = max(index_peak, index)
        except psutil.Error:
            pass  # a process ended while being sampled
        cost = time.perf_counter() - sampled
        try:  # until the next sample, or the build's end (timed to the moment)
            process.wait(max(QUICKEST_SAMPLING, cost * (1 - SAMPLING_SHARE) / SAMPLING_SHARE))
            break
        except psutil.TimeoutExpired:
            continue
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"build failed in {project}:\n{process.stderr.read().decode()}")
    return Build(seconds, _children_cpu() - cpu_before, peak / 1e6, index_peak / 1e6)


def _children_cpu() -> float:
    """User and system CPU seconds of the processes this one has waited for, and of
    those they waited for (a build's forked processes and Pagefind's runs among them)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


class Downloads:
    """Bytes the server sends a fresh browser: a page with all it loads, then a search.

    Counted at the server, once nothing more has been sent for a second, so requests a
    page makes after its load event (Material's search index, Pagefind's chunks) count.
    """

    def __init__(self, server: CountingServer, page: Page) -> None:
        self.server = server
        self.page = page

    def _settled(self, start: int) -> int:
        sent = -1
        while sent != self.server.sent:
            sent = self.server.sent
            self.page.wait_for_timeout(1000)
        return sent - start

    def visit(self, url: str) -> int:
        start = self.server.sent
        self.page.goto(url, wait_until="networkidle")
        return self._settled(start)

    def search_page(self, url: str) -> int:
        """Open the search page at ``url`` (with its query) and wait for its results."""
        start = self.server.sent
        self.page.goto(url)
        self.page.locator("#nb-search-results li").first.wait_for(timeout=120_000)
        return self._settled(start)

    def search(self, query: str) -> int:
        start = self.server.sent
        self.page.locator("input.md-search__input").click()
        self.page.locator("input.md-search__input").press_sequentially(query, delay=50)
        self.page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
        return self._settled(start)


def reader_downloads(
    site: Path, brief_url: str, queries: tuple[str, str], search_page: str | None
) -> list[int | None]:
    """KB for the home page, a brief page, each query as the first search of a reader
    who opened the home page, and the ``search_page`` (an address with its query)
    opened from the home page (``None`` without one)."""
    with served(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        sizes: list[int | None] = []
        for url in (server.address, server.address + brief_url):
            context = browser.new_context()
            sizes.append(Downloads(server, context.new_page()).visit(url))
            context.close()
        for query in queries:
            context = browser.new_context()
            downloads = Downloads(server, context.new_page())
            downloads.visit(server.address)
            sizes.append(downloads.search(query))
            context.close()
        if search_page is None:
            sizes.append(None)
        else:
            html = site / "search/index.html"
            sizes.append(_search_page(server, browser, search_page, html))
        browser.close()
    return [None if size is None else size // 1000 for size in sizes]


def _search_page(server: CountingServer, browser: Browser, address: str, page: Path) -> int:
    """Bytes of opening the search page at ``address`` after the home page, with its
    results, but for the page's own HTML (the file ``page``)."""
    context = browser.new_context()
    downloads = Downloads(server, context.new_page())
    downloads.visit(server.address)
    sent = downloads.search_page(server.address + address)
    context.close()
    return sent - page.stat().st_size


def filtered_search(project: Path, briefs: list[dict], word: str) -> str:
    """The search page's address for ``word`` narrowed to the commonest tag."""
    slug = Counter(tag for brief in briefs for tag in brief["tags"]).most_common(1)[0][0]
    vocabulary = yaml.safe_load((project / "briefs/tags.yml").read_text(encoding="utf-8"))
    return "search/?" + urlencode({"query": word, "tag": vocabulary[slug]["title"]})


def site_row(
    name: str,
    count: int,
    run: Build,
    ratio: str,
    site: Path,
    brief: str,
    queries: tuple[str, str],
    search_page: str | None = None,
) -> str:
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    largest = max(site.rglob("*.html"), key=lambda f: f.stat().st_size)
    home, page, search, rare, narrowed = reader_downloads(site, brief, queries, search_page)
    return (
        f"{name:<10} {count:>6} {run.seconds:>7.1f} {ratio:>6} {run.cpu_seconds:>6.1f} "
        f"{1000 * run.seconds / count:>8.2f} "
        f"{run.peak_mb:>8.0f} {run.index_mb:>8.0f} {size / 1e6:>8.1f} {size / 1e3 / count:>8.1f} "
        f"{largest.stat().st_size / 1e3:>16.0f} {home:>8} {page:>8} {search:>9} {rare:>7} "
        f"{'-' if narrowed is None else narrowed:>9}"
    )


def edit_a_title(project: Path, brief: dict) -> None:
    path = project / f"briefs/{brief['date']:%Y/%m/%d}-{brief['slug']}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")


def add_a_copy(project: Path, brief: dict) -> None:
    synthetic.copy_brief(project, project / f"briefs/{brief['date']:%Y/%m/%d}-{brief['slug']}.md")


def rebuild_row(
    label: str, count: int, project: Path, full: Build, brief: dict, settle_seconds: float
) -> str:
    """Builds with the cache the full build left: unchanged, one edit, one addition."""
    unchanged = build(project, settle_seconds)
    edit_a_title(project, brief)
    edited = build(project, settle_seconds)
    add_a_copy(project, brief)
    added = build(project, settle_seconds)
    cells = [
        f"{run.seconds:>7.1f} {run.seconds / full.seconds:>6.0%}"
        for run in (unchanged, edited, added)
    ]
    return f"{label:<10} {count:>6} {full.seconds:>7.1f}   " + "   ".join(cells)


def measure(
    count: int, profile: Path | None, settle_seconds: float, plain_too: bool = True
) -> Iterator[str]:
    """The rows of one size, each as soon as it is measured (deleting a site of 100,000
    briefs takes minutes)."""
    with tempfile.TemporaryDirectory() as folder:
        project, plain = Path(folder, "newsbrief"), Path(folder, "plain")
        briefs = synthetic.make_project(project, count)
        ours = build(project, settle_seconds, profile)
        middle = briefs[len(briefs) // 2]
        page = f"{middle['date']:%Y/%m/%d}/{middle['slug']}/"
        queries = synthetic.query_words(briefs)
        narrowed = filtered_search(project, briefs, queries[0])
        if not plain_too:
            yield site_row("newsbrief", count, ours, "-", project / "site", page, queries, narrowed)
        else:
            synthetic.make_plain_project(plain, briefs)
            theirs = build(plain, settle_seconds)
            ratio = f"{ours.seconds / theirs.seconds:.2f}x"
            site = project / "site"
            yield site_row("newsbrief", count, ours, ratio, site, page, queries, narrowed)
            plain_page = f"briefs/{page}"
            yield site_row("material", count, theirs, "1.00x", plain / "site", plain_page, queries)
        yield REBUILD_HEADER
        yield rebuild_row("cached", count, project, ours, middle, settle_seconds)
        other = briefs[len(briefs) // 3]
        yield rebuild_row("cached now", count, project, ours, other, QUICK_SETTLE_SECONDS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--profile", type=Path, help="write a profile of the first build here")
    parser.add_argument(
        "--newsbrief-only", action="store_true", help="leave out the plain Material builds"
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=SETTLE_SECONDS,
        metavar="SECONDS",
        help="how long each build waits for the files deleted before it (see settle())",
    )
    args = parser.parse_args()
    cpu = platform.processor() or platform.machine()
    memory = psutil.virtual_memory().total / 2**30
    print(f"# {os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}")
    print("# ratio: newsbrief's wall time over plain Material's for the same briefs")
    print(HEADER)
    for index, count in enumerate(args.sizes):
        profile = args.profile if index == 0 else None
        for row in measure(count, profile, args.settle, plain_too=not args.newsbrief_only):
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
