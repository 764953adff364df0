"""``newsbrief evaluate``: ingest scored against hand-made gold annotations."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from newsbrief.cli.project_io import project_vocabulary
from newsbrief.ingest.evaluate import (
    CORPUS_VARIABLE,
    GROUPS,
    cases,
    corpus_folder,
    evaluate,
    score_tables,
)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``evaluate`` with the ``commands`` of the parser."""
    parser = commands.add_parser(
        "evaluate",
        help="score ingest against hand-made gold annotations",
        description="Ingest every annotated article in memory and print per-field precision, "
        "recall and F1 against FOLDER/gold, for each group: the regression cases of "
        "FOLDER/articles, and the real corpus's development and test halves (read from "
        f"../shared/eval-corpus, or ${CORPUS_VARIABLE}).",
    )
    parser.add_argument("folder", nargs="?", type=Path, default=Path("tests/eval"))
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument(
        "--group",
        choices=GROUPS,
        action="append",
        help="score only this group (repeatable); the test half is for reporting, not tuning",
    )
    parser.set_defaults(run=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    """Print the evaluation tables of ingest on the gold annotations."""
    vocabulary = project_vocabulary(args.root)
    folder = args.folder if args.folder.is_absolute() else args.root / args.folder
    if not (folder / "gold").is_dir():
        print(f"{folder}/gold: no such folder of gold annotations", file=sys.stderr)
        return 2
    corpus: Path | None = corpus_folder(args.root)
    if not corpus.is_dir():
        print(
            f"the evaluation corpus is not at {corpus} (set {CORPUS_VARIABLE} to its folder): "
            "scoring the regression cases only",
            file=sys.stderr,
        )
        corpus = None
    groups = set(args.group or GROUPS)
    selected = [case for case in cases(folder, corpus) if case.group in groups]
    if not selected:
        print(f"no annotated articles in the group(s) {', '.join(sorted(groups))}", file=sys.stderr)
        return 2
    print(score_tables(evaluate(selected, vocabulary, dt.date.today()), verbose=args.verbose))
    return 0
