"""Time a `make serve` rebuild after one brief is edited, against the first build.

Builds a synthetic archive of N briefs as ``make serve`` (``mkdocs serve --dirty
--no-strict``: MkDocs warns on every dirty build) does (same process,
same plugin instances, a dirty build into one folder), edits one brief's summary,
builds again, and prints both times, their ratio and how many HTML pages the rebuild
wrote.

    python benchmarks/bench_serve.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

import synthetic  # beside this script, which Python puts on the path

SERVE_URL = "http://127.0.0.1:8000/"


def timed_build(project: Path, site: Path) -> float:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.site_url = SERVE_URL
    start = time.perf_counter()
    build(config, serve_url=SERVE_URL, dirty=True)
    return time.perf_counter() - start


def written_since(site: Path, moment: float) -> int:
    return sum(1 for page in site.rglob("*.html") if page.stat().st_mtime > moment)


def measure(count: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        project, site = Path(folder, "project"), Path(folder, "site")
        briefs = synthetic.make_project(project, count)
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        first = timed_build(project, site)
        middle = briefs[len(briefs) // 2]
        edited = project / f"briefs/{middle['date']:%Y/%m/%d}-{middle['slug']}.md"
        edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence.\n")
        moment = time.time()
        again = timed_build(project, site)
        config.plugins.on_shutdown()
        pages = written_since(site, moment)
        return f"{count:>6} {first:>9.1f} {again:>10.2f} {again / first:>6.1%} {pages:>14}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # dirty builds warn every time
    print(f"{'briefs':>6} {'first s':>9} {'rebuild s':>10} {'ratio':>6} {'pages written':>14}")
    for count in args.sizes:
        print(measure(count), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
