"""``newsbrief schema``: the JSON Schema of a brief's front matter, printed, written or verified."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsbrief.archive.fsio import write_atomic
from newsbrief.archive.schema import json_schema_text

JSON_SCHEMA_FILE = Path("schemas/brief.schema.json")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``schema`` with the ``commands`` of the parser."""
    parser = commands.add_parser(
        "schema",
        help="print or write the JSON Schema of a brief's front matter",
        description=f"Print the JSON Schema generated from the code, or write it to "
        f"{JSON_SCHEMA_FILE} (--write), or verify that file is current (--verify).",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help=f"write {JSON_SCHEMA_FILE}")
    mode.add_argument(
        "--verify", action="store_true", help=f"exit 1 if {JSON_SCHEMA_FILE} is stale"
    )
    parser.set_defaults(run=run_schema)


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
                f"{JSON_SCHEMA_FILE}:1: schema: is out of date with newsbrief/archive/schema.py; "
                "run `newsbrief schema --write`",
                file=sys.stderr,
            )
            return 1
        print(f"{JSON_SCHEMA_FILE} is current")
        return 0
    sys.stdout.write(text)
    return 0
