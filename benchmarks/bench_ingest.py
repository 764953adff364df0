"""Ingest speed: 1,000 text articles, on one core.

Articles are the seed article and the evaluation set's articles (tests/eval/articles),
each copied with a distinct last line so every one is a new source. Prints articles
per second for the analysis alone (read + draft, in process) and for the whole
`newsbrief ingest seeds/` command (including writing every brief and the duplicate
index), then the time `newsbrief check` takes on the result.

    python benchmarks/bench_ingest.py [--count 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsbrief.ingest.draft import draft_brief
from newsbrief.ingest.readers import read_source
from newsbrief.vocabulary import load_vocabulary

REPO = Path(__file__).resolve().parent.parent


def make_sources(seeds: Path, count: int) -> list[Path]:
    """``count`` distinct text articles in ``seeds``."""
    originals = sorted((REPO / "seeds").glob("*.txt"))
    originals += sorted((REPO / "tests/eval/articles").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in originals]
    sources = []
    for index in range(count):
        source = seeds / f"article-{index:05d}.txt"
        source.write_text(texts[index % len(texts)] + f"\nCopy {index}.\n", encoding="utf-8")
        sources.append(source)
    return sources


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "briefs").mkdir()
        shutil.copy(REPO / "briefs/tags.yml", root / "briefs/tags.yml")
        (root / "seeds").mkdir()
        sources = make_sources(root / "seeds", args.count)
        vocabulary = load_vocabulary(root / "briefs/tags.yml", "briefs/tags.yml")
        today = dt.date.today()
        start = time.perf_counter()
        for source in sources:
            draft_brief(read_source(source, f"seeds/{source.name}"), vocabulary, today)
        analysis = time.perf_counter() - start
        start = time.perf_counter()
        command = [str(bin_dir / "newsbrief"), "--root", str(root), "ingest", str(root / "seeds")]
        subprocess.run(command, check=True, capture_output=True)
        whole = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([str(bin_dir / "newsbrief"), "--root", str(root), "check"], check=True,
                       capture_output=True)  # fmt: skip
        check = time.perf_counter() - start
    print(f"analysis (read + draft, in process): {args.count / analysis:8.0f} articles/s")
    print(f"newsbrief ingest (whole command):    {args.count / whole:8.0f} articles/s")
    print(f"newsbrief check on the {args.count} drafts:   {check:8.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
