"""Time a `make serve` rebuild after one brief is edited, against the first build.

Builds a synthetic archive of N briefs as ``make serve`` (``mkdocs serve --dirty
--no-strict``: MkDocs warns on every dirty build) does (same process,
same plugin instances, a dirty build into one folder), edits one brief's summary,
builds again, and prints both times, their ratio and how many HTML pages the rebuild
wrote.

With ``--live``, it also runs ``mkdocs serve --dirty --no-strict`` itself on 127.0.0.1,
as an editor does, and prints the server's CPU use while nothing changes (MkDocs polls
what it watches) and the time from saving an edit to the server sending the edited page:
noticing the edit, waiting for more (MkDocs waits a quarter of a second), and the
rebuild.

    python benchmarks/bench_serve.py [--sizes 1000 10000] [--live]
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

import synthetic  # beside this script, which Python puts on the path

SERVE_URL = "http://127.0.0.1:8000/"
IDLE_SECONDS = 10


def timed_build(project: Path, site: Path) -> float:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.site_url = SERVE_URL
    start = time.perf_counter()
    build(config, serve_url=SERVE_URL, dirty=True)
    return time.perf_counter() - start


def written_since(site: Path, moment: float) -> int:
    return sum(1 for page in site.rglob("*.html") if page.stat().st_mtime > moment)


def edit(project: Path, brief: dict[str, Any], sentence: str) -> None:
    """Append ``sentence`` to the synthetic ``brief``'s body."""
    edited = project / f"briefs/{brief['date']:%Y/%m/%d}-{brief['slug']}.md"
    edited.write_text(edited.read_text(encoding="utf-8") + f"\n{sentence}\n")


def cpu_seconds(pid: int) -> float:
    """The CPU time a process has used (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetched(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def waited(condition: Callable[[], bool], seconds: float) -> float:
    """Seconds until ``condition`` held (polled every 20 ms); fails after ``seconds``."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > seconds:
            raise TimeoutError(f"not within {seconds} s")
        time.sleep(0.02)
    return time.perf_counter() - start


def _interruptible() -> None:
    """In the server's process: Ctrl-C (SIGINT) stops it, even where this benchmark runs
    as a shell's background job, which ignores it (MkDocs deletes its site on the way)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def live(project: Path, brief: dict[str, Any]) -> str:
    """Idle CPU share and seconds from an edit to the edited page, in ``mkdocs serve``."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict"]
    log = project / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=output,
            preexec_fn=_interruptible,  # a shell's background job ignores Ctrl-C
        )
    try:
        waited(lambda: b"Serving on" in log.read_bytes(), 7200)
        time.sleep(2)  # MkDocs' observer takes its first look at what it watches
        before = cpu_seconds(server.pid)
        time.sleep(IDLE_SECONDS)
        idle = (cpu_seconds(server.pid) - before) / IDLE_SECONDS
        page = f"http://127.0.0.1:{port}/{brief['date']:%Y/%m/%d}/{brief['slug']}/"
        edit(project, brief, "An edit made live.")
        seconds = waited(lambda: "An edit made live." in fetched(page), 600)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait()  # MkDocs deletes its temporary site: minutes at 100,000 briefs
    return f" {idle:>9.0%} {seconds:>12.2f}"


def measure(count: int, live_too: bool) -> str:
    with tempfile.TemporaryDirectory() as folder:
        project, site = Path(folder, "project"), Path(folder, "site")
        briefs = synthetic.make_project(project, count)
        served = live(project, briefs[len(briefs) // 3]) if live_too else ""
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        first = timed_build(project, site)
        edit(project, briefs[len(briefs) // 2], "One more sentence.")
        moment = time.time()
        again = timed_build(project, site)
        config.plugins.on_shutdown()
        pages = written_since(site, moment)
        return f"{count:>6} {first:>9.1f} {again:>10.2f} {again / first:>6.1%} {pages:>14}{served}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--live", action="store_true", help="also time a real mkdocs serve")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # dirty builds warn every time
    header = f"{'briefs':>6} {'first s':>9} {'rebuild s':>10} {'ratio':>6} {'pages written':>14}"
    print(header + (f" {'idle CPU':>9} {'edit to page':>12}" if args.live else ""))
    for count in args.sizes:
        print(measure(count, args.live), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
