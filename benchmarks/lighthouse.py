"""Lighthouse's scores for each kind of page, on the repository's site and a synthetic archive.

Builds the repository's site and a synthetic archive (1,000 briefs unless told; see
synthetic.py), serves each on 127.0.0.1 as a production host does (gzip-compressed text,
cacheable for 10 minutes, like GitHub Pages: ``browsing.HostLikeHandler``), and runs
Lighthouse (npm's ``lighthouse``, from ``package.json``) with Debian's Chromium on every
page of ``PAGES``: mobile, Lighthouse's default simulated throttling (slow 4G, CPU slowed
4x). It prints the four category scores, the metrics behind the performance score
(first and largest contentful paint, total blocking time, cumulative layout shift) and
the kilobytes transferred, and Lighthouse's benchmark index ("BI", how fast the CPU ran
a fixed piece of work during the run: a busy machine's is low, and its blocking time
then high, as Lighthouse slows the observed work down 4x on top).

    python benchmarks/lighthouse.py [--briefs 1000] [--runs 1] [--plain] [--applied]

``--runs N`` runs Lighthouse N times a page and prints the run with the median
performance score. ``--plain`` serves the sites with Python's plain file server instead
(every file uncompressed, no caching header): what the site costs on a host that
compresses nothing. ``--applied`` has Chromium slow its network and CPU for real
(Lighthouse's "devtools" throttling) instead of simulating the slowdown from an
unthrottled load: every figure is slower, but it counts what a page's web worker
fetches, which the simulation leaves out. The search page finds its results in a
worker, so its simulated largest contentful paint is too early; ``--applied`` gives
the one to compare over time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import synthetic  # beside this script, which Python puts on the path
from browsing import CHROMIUM, FLAGS, served
from newsbrief.archive.addresses import HOME, SEARCH, page_url, story_uri, tag_uri
from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import Archive, load_archive

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules/.bin/lighthouse"
BIN = Path(sys.executable).parent
CATEGORIES = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
METRICS = (  # audit, column, scale of Lighthouse's numeric value (ms, bytes), format
    ("first-contentful-paint", "FCP s", 1e-3, ".1f"),
    ("largest-contentful-paint", "LCP s", 1e-3, ".1f"),
    ("total-blocking-time", "TBT ms", 1, ".0f"),
    ("cumulative-layout-shift", "CLS", 1, ".2f"),
    ("total-byte-weight", "sent KB", 1e-3, ".0f"),
)


def _busiest(index: dict[str, list[Entry]]) -> str:
    """The tag or story with the most briefs."""
    return max(index.items(), key=lambda item: len(item[1]))[0]


def _search_word(archive: Archive) -> str:
    """A word of the newest brief's title: a query with results."""
    return max(archive.entries[0].brief.title.split(), key=len).strip(".,:;'\"").lower()


# The pages measured, by name: each gives the page's address in the site, relative to its
# root, from the archive the site was built from. A new kind of page is one more line.
PAGES: dict[str, Callable[[Archive], str]] = {
    "home": lambda archive: page_url(HOME),
    "brief": lambda archive: page_url(archive.entries[0].src_uri),
    "tag": lambda archive: page_url(tag_uri(_busiest(archive.by_tag()))),
    "story": lambda archive: page_url(story_uri(_busiest(archive.by_story()))),
    "search": lambda archive: page_url(SEARCH) + "?query=" + quote(_search_word(archive)),
}


@dataclass
class Report:
    """One Lighthouse run on one page: its category scores (0 to 100) and its audits."""

    url: str
    scores: dict[str, int]
    audits: dict[str, dict]
    categories: dict[str, dict]
    benchmark_index: float  # Lighthouse's measure of the CPU's speed during the run

    def failed(self, category: str) -> list[str]:
        """The audits that cost ``category`` points, each with Lighthouse's title for it."""
        return [
            f"{ref['id']}: {self.audits[ref['id']]['title']}"
            for ref in self.categories[category]["auditRefs"]
            if ref["weight"] and self.audits[ref["id"]]["score"] not in (1, None)
        ]


def lighthouse(
    url: str, categories: tuple[str, ...] = tuple(CATEGORIES), throttling: str = "simulate"
) -> Report:
    """Lighthouse's report on ``url``: mobile, default throttling (or ``devtools``: applied
    by Chromium), Debian's Chromium."""
    assert LIGHTHOUSE.exists(), f"no {LIGHTHOUSE}: run `npm ci` (make test does it)"
    chrome_flags = " ".join(["--headless=new", *FLAGS])
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--form-factor=mobile",
        f"--only-categories={','.join(categories)}",
        f"--throttling-method={throttling}",
        f"--chrome-flags={chrome_flags}",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr}")
    result = json.loads(done.stdout)
    if result.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {url}: {result['runtimeError']}")
    scores = {key: round(100 * (c["score"] or 0)) for key, c in result["categories"].items()}
    speed = result["environment"]["benchmarkIndex"]
    return Report(url, scores, result["audits"], result["categories"], speed)


def build(project: Path, site: Path) -> Archive:
    """Build ``project``'s site into ``site`` as ``make site`` does; its published archive."""
    command = [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"build failed in {project}:\n{done.stderr}")
    return load_archive(project).published(include_drafts=False)


def median_run(url: str, runs: int, throttling: str) -> Report:
    """Of ``runs`` runs on ``url``, the one with the median performance score."""
    reports = sorted(
        (lighthouse(url, throttling=throttling) for _ in range(runs)),
        key=lambda report: report.scores["performance"],
    )
    return reports[(len(reports) - 1) // 2]


def row(site: str, page: str, report: Report) -> str:
    scores = " ".join(f"{report.scores[c]:>5}" for c in CATEGORIES)
    metrics = " ".join(
        f"{report.audits[audit]['numericValue'] * scale:>{len(name)}{form}}"
        for audit, name, scale, form in METRICS
    )
    return f"{site:<12} {page:<8} {scores} {metrics} {report.benchmark_index:>5.0f}"


def measure(site_name: str, project: Path, site: Path, args: argparse.Namespace) -> None:
    archive = build(project, site)
    throttling = "devtools" if args.applied else "simulate"
    with served(site, like_a_host=not args.plain) as server:
        for page, address in PAGES.items():
            report = median_run(server.address + address(archive), args.runs, throttling)
            print(row(site_name, page, report), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000, help="the synthetic archive's size")
    parser.add_argument("--runs", type=int, default=1, help="runs a page; the median is shown")
    parser.add_argument("--plain", action="store_true", help="serve with no compression")
    parser.add_argument("--applied", action="store_true", help="throttle for real, not simulated")
    args = parser.parse_args()
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True)
    host = "Python's plain file server" if args.plain else "gzip and max-age=600, as GitHub Pages"
    throttling = "applied (devtools)" if args.applied else "simulated"
    print(f"# Lighthouse {version.stdout.strip()}, mobile, {throttling} throttling; served: {host}")
    columns = " ".join(f"{column:>5}" for column in CATEGORIES.values())
    metrics = " ".join(metric[1] for metric in METRICS)
    print(f"{'site':<12} {'page':<8} {columns} {metrics} {'BI':>5}")
    with tempfile.TemporaryDirectory() as folder:
        measure("repository", REPO, Path(folder, "repository"), args)
        project = Path(folder, "synthetic")
        synthetic.make_project(project, args.briefs)
        measure(f"{args.briefs:,} briefs", project, project / "site", args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
