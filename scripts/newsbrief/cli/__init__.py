"""The ``newsbrief`` command: ``main(argv) -> int``, and its parser assembled from one module
per subcommand (``<name>_command.py``, each with its ``add_parser`` and its run function)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from newsbrief import __version__
from newsbrief.cli import (
    check_command,
    evaluate_command,
    ingest_command,
    new_command,
    publish_command,
    review_command,
    schema_command,
    summary_command,
)

COMMANDS = (
    check_command,
    summary_command,
    review_command,
    publish_command,
    schema_command,
    ingest_command,
    new_command,
    evaluate_command,
)
"""The subcommands, in the order ``newsbrief --help`` lists them."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv``; return the exit code (0 ok, 1 problems, 2 usage)."""
    parser = make_parser()
    args = parser.parse_args(argv)
    return int(args.run(args))


def main_entry() -> None:
    """The console script's entry point."""
    sys.exit(main())


def make_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line, each command's part added by its module."""
    parser = argparse.ArgumentParser(
        prog="newsbrief", description="Check and publish a curated archive of news briefs."
    )
    parser.add_argument("--version", action="version", version=f"newsbrief {__version__}")
    parser.add_argument(
        "--root", type=Path, default=Path(), help="the project folder (default: the current one)"
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser
