"""The ``newsbrief`` command: ``main(argv) -> int``, one small function per subcommand."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from newsbrief import __version__
from newsbrief.archive.changes import GitError, changed_briefs
from newsbrief.archive.collection import VOCABULARY_FILE, load_archive
from newsbrief.archive.fsio import display_path, write_atomic
from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.schema import json_schema_text
from newsbrief.archive.vocabulary import Vocabulary, load_vocabulary
from newsbrief.cli.new_command import Request, ScaffoldError, new_brief
from newsbrief.ingest.evaluate import (
    CORPUS_VARIABLE,
    GROUPS,
    cases,
    corpus_folder,
    evaluate,
    score_tables,
)
from newsbrief.ingest.report import print_outcome, progress, summary_table
from newsbrief.ingest.writer import ExistingBriefs, expand, ingest_one

JSON_SCHEMA_FILE = Path("schemas/brief.schema.json")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv``; return the exit code (0 ok, 1 problems, 2 usage)."""
    parser = make_parser()
    args = parser.parse_args(argv)
    return int(args.run(args))


def main_entry() -> None:
    """The console script's entry point."""
    sys.exit(main())


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbrief", description="Check and publish a curated archive of news briefs."
    )
    parser.add_argument("--version", action="version", version=f"newsbrief {__version__}")
    parser.add_argument(
        "--root", type=Path, default=Path(), help="the project folder (default: the current one)"
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="check briefs and the tag vocabulary",
        description="Check every brief and briefs/tags.yml, and print every problem as "
        "path:line: field: problem. Exit 1 if there is any.",
    )
    check.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="briefs or folders (default: all)"
    )
    check.add_argument(
        "--changed",
        nargs="?",
        const="main",
        metavar="BASE",
        help="only the briefs changed since the branch left BASE (git; default: main), "
        "committed or not",
    )
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: print problems as GitHub Actions annotations on the files' lines",
    )
    check.set_defaults(run=run_check)

    schema = commands.add_parser(
        "schema",
        help="print or write the JSON Schema of a brief's front matter",
        description=f"Print the JSON Schema generated from the code, or write it to "
        f"{JSON_SCHEMA_FILE} (--write), or verify that file is current (--verify).",
    )
    mode = schema.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help=f"write {JSON_SCHEMA_FILE}")
    mode.add_argument(
        "--verify", action="store_true", help=f"exit 1 if {JSON_SCHEMA_FILE} is stale"
    )
    schema.set_defaults(run=run_schema)

    ingest = commands.add_parser(
        "ingest",
        help="turn source articles into draft briefs",
        description="Read each SOURCE (text, Markdown or saved HTML; a folder is read file by "
        "file) and write a draft brief for it under briefs/. A source outside seeds/ is copied "
        "there first, as seeds/<date>-<slug>.<ext>, never replacing a file. Sources already "
        "ingested are skipped; existing briefs are never replaced without --force.",
    )
    ingest.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    ingest.add_argument("--out", type=Path, help="write briefs under DIR instead of briefs/")
    ingest.add_argument(
        "--force", action="store_true", help="ingest duplicates and replace existing briefs"
    )
    ingest.add_argument(
        "--dry-run", action="store_true", help="print the briefs instead of writing them"
    )
    ingest.set_defaults(run=run_ingest)

    new = commands.add_parser(
        "new",
        help="start a draft brief",
        description="Write a draft brief titled TITLE at briefs/YYYY/MM/DD-<slug>.md, each "
        "field under its description, and print its path. From a source article under "
        "seeds/ (--from), the draft is what ingest makes of it; without one, a seed file is "
        "made to paste the article into, and --tags are needed. Nothing is ever replaced.",
    )
    new.add_argument("title", metavar="TITLE")
    new.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today)")
    new.add_argument("--tags", nargs="+", default=[], metavar="TAG", help="slugs of tags.yml")
    new.add_argument("--from", dest="source", type=Path, metavar="SOURCE", help="the article")
    new.set_defaults(run=run_new)

    evaluate = commands.add_parser(
        "evaluate",
        help="score ingest against hand-made gold annotations",
        description="Ingest every annotated article in memory and print per-field precision, "
        "recall and F1 against FOLDER/gold, for each group: the regression cases of "
        "FOLDER/articles, and the real corpus's development and test halves (read from "
        f"../shared/eval-corpus, or ${CORPUS_VARIABLE}).",
    )
    evaluate.add_argument("folder", nargs="?", type=Path, default=Path("tests/eval"))
    evaluate.add_argument("--verbose", action="store_true", help="list every miss")
    evaluate.add_argument(
        "--group",
        choices=GROUPS,
        action="append",
        help="score only this group (repeatable); the test half is for reporting, not tuning",
    )
    evaluate.set_defaults(run=run_evaluate)
    return parser


def run_check(args: argparse.Namespace) -> int:
    """Check the archive; report the problems of the given paths (all when none are given)."""
    root: Path = args.root
    paths: list[Path] = args.paths
    if args.changed is not None:
        try:
            paths = paths + changed_briefs(root, args.changed)
        except GitError as error:
            print(f"newsbrief check --changed: {error}", file=sys.stderr)
            return 2
        if not paths:
            print(f"no briefs changed since {args.changed}")
            return 0
    missing = [path for path in paths if not path.exists()]
    if missing:
        for path in missing:
            print(f"{path}: no such file or folder", file=sys.stderr)
        return 2
    selected = [display_path(path, root) for path in paths]
    try:
        archive = load_archive(root)
    except NewsbriefError as error:
        problems = [p for p in error.problems if _selected(p, selected)]
        if problems:
            _print_problems(problems, args.format)
            return 1
        print(
            f"no problems in {', '.join(selected)} (other files have some: run `newsbrief check`)"
        )
        return 0
    print(
        f"checked {len(archive.entries)} brief(s) and {len(archive.vocabulary.tags)} tags: "
        "no problems"
    )
    return 0


def _selected(problem: Problem, selected: list[str]) -> bool:
    """Whether a problem concerns one of the selected paths; the vocabulary always does."""
    if not selected or problem.path.endswith("tags.yml"):
        return True
    return any(
        problem.path == path or problem.path.startswith(path.rstrip("/") + "/") for path in selected
    )


def _print_problems(problems: list[Problem], form: str = "text") -> None:
    for problem in problems:
        print(github_annotation(problem) if form == "github" else problem, file=sys.stderr)
    files = len({problem.path for problem in problems})
    print(
        f"{len(problems)} problem(s) in {files} file(s); fix them and run `newsbrief check` again",
        file=sys.stderr,
    )


def github_annotation(problem: Problem) -> str:
    """``problem`` as a GitHub Actions workflow command: an error shown on its file's line."""
    path, field = _escaped(problem.path, ":,"), _escaped(problem.field, ":,")
    return f"::error file={path},line={problem.line},title={field}::{_escaped(problem.message, '')}"


def _escaped(text: str, also: str) -> str:
    """``text`` escaped as GitHub's workflow commands need (``also``: in a property)."""
    for character in "%\r\n" + also:
        text = text.replace(character, f"%{ord(character):02X}")
    return text


def run_schema(args: argparse.Namespace) -> int:
    """Print, write or verify the JSON Schema file."""
    text = json_schema_text()
    target = args.root / JSON_SCHEMA_FILE
    if args.write:
        write_atomic(target, text)
        print(f"wrote {JSON_SCHEMA_FILE}")
        return 0
    if args.verify:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(
                f"{JSON_SCHEMA_FILE}:1: schema: is out of date with newsbrief/schema.py; "
                "run `newsbrief schema --write`",
                file=sys.stderr,
            )
            return 1
        print(f"{JSON_SCHEMA_FILE} is current")
        return 0
    sys.stdout.write(text)
    return 0


def run_ingest(args: argparse.Namespace) -> int:
    """Ingest every source; print each brief written, then a summary when there are many."""
    root: Path = args.root
    try:
        vocabulary = _vocabulary(root)
    except NewsbriefError as error:
        _print_problems(error.problems)
        return 1
    sources = list(expand(args.sources))
    if not sources:
        print("no source files found in " + ", ".join(map(str, args.sources)), file=sys.stderr)
        return 1
    archive = ExistingBriefs(args.out or root / "briefs", root)
    today = dt.date.today()
    outcomes = []
    for source in progress(sources):
        outcome = ingest_one(
            source, archive, vocabulary, today=today, force=args.force, dry_run=args.dry_run
        )
        outcomes.append(outcome)
        print_outcome(outcome)
    if len(outcomes) > 1:
        summary_table(outcomes)
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def run_new(args: argparse.Namespace) -> int:
    """Write a draft brief (and its seed file when there is no source); print the paths."""
    root: Path = args.root
    if args.source is None and not args.tags:
        print("newsbrief new: give --tags, or an article with --from", file=sys.stderr)
        return 2
    request = Request(args.title, args.date or dt.date.today(), args.tags, args.source)
    try:
        vocabulary = _vocabulary(root)
        written = new_brief(request, root, vocabulary)
    except NewsbriefError as error:
        _print_problems(error.problems)
        return 1
    except ScaffoldError as error:
        print(f"newsbrief new: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(display_path(path, root))
    return 0


def _vocabulary(root: Path) -> Vocabulary:
    return load_vocabulary(root / "briefs" / VOCABULARY_FILE, f"briefs/{VOCABULARY_FILE}")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-05-04") from None


def run_evaluate(args: argparse.Namespace) -> int:
    """Print the evaluation tables of ingest on the gold annotations."""
    vocabulary = _vocabulary(args.root)
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
