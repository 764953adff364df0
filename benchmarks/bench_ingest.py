"""Ingest speed: real articles through the language pipeline, and 1,000 text articles.

First, when the evaluation corpus is there (../shared/eval-corpus, or
$NEWSBRIEF_EVAL_CORPUS), its .txt articles in one process: the model's load time;
articles and words per second for the bare language pipeline (spaCy over each article's
text) and for the whole analysis (`draft_brief`: reading, the pipeline and ingest's
rules); the ratio of the two times; and the peak memory. Both are timed after one
warm-up pass of the pipeline over the articles, which also fills spaCy's vocabulary with
their words: a cost that would otherwise fall on whichever run came first.

Then the synthetic run: the seed article and the evaluation set's articles
(tests/eval/articles), each copied with a distinct last line so every one is a new
source, 1,000 of them. Prints articles per second for the analysis alone (read + draft,
in process) and for the whole `newsbrief ingest seeds/` command (including writing every
brief and the duplicate index), then the time `newsbrief check` takes on the result.

    python benchmarks/bench_ingest.py [--count 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsbrief.archive.vocabulary import Vocabulary, load_vocabulary
from newsbrief.ingest import language
from newsbrief.ingest.draft import draft_brief
from newsbrief.ingest.evaluate import corpus_folder
from newsbrief.ingest.readers import read_source

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


def seconds(work: Callable[[], object]) -> float:
    """How long ``work()`` takes, in seconds."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def bench_corpus(corpus: Path, vocabulary: Vocabulary) -> None:
    """Print the pipeline's and the whole analysis's speed on the corpus's text articles."""
    load = seconds(language.pipeline)  # first use in this process: the model is loaded
    files = sorted(corpus.glob("*.txt"))
    texts = [read_source(file, f"seeds/{file.name}").text for file in files]
    words = sum(len(text.split()) for text in texts)
    nlp = language.pipeline()
    seconds(lambda: [nlp(text) for text in texts])  # warm-up
    bare = seconds(lambda: [nlp(text) for text in texts])
    today = dt.date.today()
    whole = seconds(
        lambda: [
            draft_brief(read_source(file, f"seeds/{file.name}"), vocabulary, today)
            for file in files
        ]
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(f"corpus: {len(files)} text articles, {words} words, from {corpus}")
    print(f"model load:                          {load:8.2f} s")
    for name, took in (("language pipeline alone", bare), ("whole analysis (draft_brief)", whole)):
        print(f"{name + ':':<37}{len(files) / took:8.1f} articles/s {words / took:9.0f} words/s")
    print(f"whole analysis / pipeline alone:     {whole / bare:8.2f}x")
    print(f"peak memory (ru_maxrss):             {peak:8.0f} MB")


def bench_synthetic(count: int) -> None:
    """Print the speed of ingesting ``count`` synthetic articles, in process and by command."""
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "briefs").mkdir()
        shutil.copy(REPO / "briefs/tags.yml", root / "briefs/tags.yml")
        (root / "seeds").mkdir()
        sources = make_sources(root / "seeds", count)
        vocabulary = load_vocabulary(root / "briefs/tags.yml", "briefs/tags.yml")
        today = dt.date.today()
        analysis = seconds(
            lambda: [
                draft_brief(read_source(source, f"seeds/{source.name}"), vocabulary, today)
                for source in sources
            ]
        )
        command = [str(bin_dir / "newsbrief"), "--root", str(root), "ingest", str(root / "seeds")]
        whole = seconds(lambda: subprocess.run(command, check=True, capture_output=True))
        check = [str(bin_dir / "newsbrief"), "--root", str(root), "check"]
        checking = seconds(lambda: subprocess.run(check, check=True, capture_output=True))
    print(f"analysis (read + draft, in process): {count / analysis:8.0f} articles/s")
    print(f"newsbrief ingest (whole command):    {count / whole:8.0f} articles/s")
    print(f"newsbrief check on the {count} drafts:   {checking:8.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    corpus = corpus_folder(REPO)
    if corpus.is_dir():
        bench_corpus(corpus, load_vocabulary(REPO / "briefs/tags.yml", "briefs/tags.yml"))
    else:
        print(f"no evaluation corpus at {corpus}: the corpus run is skipped")
    bench_synthetic(args.count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
