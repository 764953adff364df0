"""Time `newsbrief check` and `mkdocs build` on synthetic archives of growing size.

Each archive is the repository's mkdocs.yml, docs/ and tag vocabulary plus N briefs
made from the seed brief (dates, slugs, tags and source articles varied). Prints, per
size: check seconds, build seconds, milliseconds per brief, peak memory (the largest
resident set of any command run so far: sizes go up, so it is the current build's) and
the size of the built site.

    python benchmarks/bench_build.py [--sizes 250 500 1000 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import frontmatter
import yaml

REPO = Path(__file__).resolve().parent.parent
SEED_BRIEF = REPO / "briefs/2025/05/04-kim-jong-un-inspects-upgraded-tank-factory.md"
HEADER = "briefs  check s  build s  ms/brief  peak MB  site MB"
SEED_ARTICLE = REPO / "seeds/2025-05-04-nationpress-kim-jong-un-inspects-tank-factory.txt"


def make_project(root: Path, count: int) -> None:
    """A copy of the project's site set-up with ``count`` synthetic briefs."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "briefs").mkdir()
    (root / "seeds").mkdir()
    shutil.copy(REPO / "briefs/tags.yml", root / "briefs/tags.yml")
    tags = list(yaml.safe_load((REPO / "briefs/tags.yml").read_text(encoding="utf-8")))
    template = frontmatter.load(SEED_BRIEF)
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    chooser = random.Random(20250504)
    first = dt.date(2020, 1, 1)
    for index in range(count):
        day = first + dt.timedelta(days=index % 2000)
        seed = root / f"seeds/article-{index:05d}.txt"
        seed.write_text(f"{article}\nSynthetic copy {index}.\n", encoding="utf-8")
        brief = frontmatter.Post(template.content, **template.metadata)
        brief["title"] = f"{template['title']} ({index})"
        brief["date"] = day.isoformat()
        brief["tags"] = chooser.sample(tags, 4)
        brief["source"] = {
            **template["source"],
            "path": f"seeds/{seed.name}",
            "sha256": hashlib.sha256(seed.read_bytes()).hexdigest(),
        }
        target = root / f"briefs/{day:%Y/%m/%d}-brief-{index:05d}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(frontmatter.dumps(brief, sort_keys=False) + "\n", encoding="utf-8")


def timed(command: list[str], cwd: Path) -> float:
    """Seconds ``command`` took; fails loudly if it fails."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def folder_size(folder: Path) -> int:
    return sum(file.stat().st_size for file in folder.rglob("*") if file.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    print(HEADER)
    for count in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            make_project(root, count)
            check = timed([str(bin_dir / "newsbrief"), "check"], root)
            build = timed([str(bin_dir / "mkdocs"), "build", "--strict", "--quiet"], root)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            size = folder_size(root / "site") / 1e6
            print(
                f"{count:>6} {check:>8.2f} {build:>8.2f} {1000 * build / count:>9.2f} "
                f"{peak:>8.0f} {size:>8.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
