"""``newsbrief new``: a draft brief to write, at its place, that the checker accepts.

Like a Hugo archetype, with the schema's own words: above each field goes its
description from :mod:`newsbrief.archive.schema`, so the file explains itself, and a first
comment points editors' YAML support (yaml-language-server) at the JSON Schema.

From a source article (``--from``) the draft is what ingest makes of it, under the
given title, date and tags. Without one, the draft gets a seed file of its own to paste
the article into, and placeholder text the review notes list; ``draft: true`` keeps it
off the site until an editor has written it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

from newsbrief.archive.fsio import display_path, write_atomic
from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.schema import Brief, describe
from newsbrief.archive.slugs import slugify
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.cli.project_io import print_problems, project_vocabulary
from newsbrief.ingest.draft import Draft, draft_brief
from newsbrief.ingest.writer import SCHEMA_LINE, SEEDS, ExistingBriefs, passing, read_seed

SYNOPSIS = "One or two sentences: who did what, where and when."
TAKEAWAY = "The most important point, in one sentence."
SUMMARY = "The editor's summary of the article, in Markdown."


class ScaffoldError(Exception):
    """``newsbrief new`` cannot do what it was asked without harm; the message says why."""


@dataclasses.dataclass(frozen=True)
class Request:
    """What ``newsbrief new`` was asked for."""

    title: str
    date: dt.date
    tags: list[str]
    source: Path | None


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``new`` with the ``commands`` of the parser."""
    parser = commands.add_parser(
        "new",
        help="start a draft brief",
        description="Write a draft brief titled TITLE at briefs/YYYY/MM/DD-<slug>.md, each "
        "field under its description, and print its path. From a source article under "
        "seeds/ (--from), the draft is what ingest makes of it; without one, a seed file is "
        "made to paste the article into, and --tags are needed. Nothing is ever replaced.",
    )
    parser.add_argument("title", metavar="TITLE")
    parser.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today)")
    parser.add_argument("--tags", nargs="+", default=[], metavar="TAG", help="slugs of tags.yml")
    parser.add_argument("--from", dest="source", type=Path, metavar="SOURCE", help="the article")
    parser.set_defaults(run=run_new)


def _date(text: str) -> dt.date:
    """A ``--date`` argument as a date; argparse reports the message of one that is not."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-05-04") from None


def run_new(args: argparse.Namespace) -> int:
    """Write a draft brief (and its seed file when there is no source); print the paths."""
    root: Path = args.root
    if args.source is None and not args.tags:
        print("newsbrief new: give --tags, or an article with --from", file=sys.stderr)
        return 2
    request = Request(args.title, args.date or dt.date.today(), args.tags, args.source)
    try:
        vocabulary = project_vocabulary(root)
        written = new_brief(request, root, vocabulary)
    except NewsbriefError as error:
        print_problems(error.problems)
        return 1
    except ScaffoldError as error:
        print(f"newsbrief new: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(display_path(path, root))
    return 0


def new_brief(request: Request, root: Path, vocabulary: Vocabulary) -> list[Path]:
    """Write the draft (and its seed when there is no source); the files written.

    Raises :class:`ScaffoldError` before writing anything when the request cannot be met (an
    unknown tag, a source already used, a slug or file already taken), and
    :class:`NewsbriefError` for a source article that cannot be read.
    """
    _check_tags(request.tags, vocabulary)
    existing = ExistingBriefs(root / "briefs", root)
    slug = slugify(request.title)
    if slug in existing.slugs:
        raise ScaffoldError(f"the slug {slug!r} is taken by another brief; change the title")
    seed = None
    if request.source is not None:
        draft = _from_source(request, root, vocabulary, existing)
    else:
        seed = root / SEEDS / f"{request.date:%Y-%m-%d}-{slug}.md"
        draft = _placeholder(request, display_path(seed, root))
    draft = dataclasses.replace(draft, slug=slug)
    target = existing.target(draft)
    text = commented_brief(draft)
    if request.source is not None:  # a placeholder draft passes by construction (tested)
        passing(text, target, existing, vocabulary, display_path(request.source, root))
    for path in (target, seed):
        if path is not None and path.exists():
            raise ScaffoldError(f"{display_path(path, root)} already exists; edit it instead")
    written = []
    if seed is not None:
        write_atomic(seed, _seed_text(request.title))
        written.append(seed)
    write_atomic(target, text)
    return [target, *written]


def commented_brief(draft: Draft) -> str:
    """The brief file: every field under its description as a comment, in schema order
    (those the draft lacks with their defaults)."""
    lines = ["---", SCHEMA_LINE]
    for info in describe(Brief):
        lines += textwrap.wrap(info.description, 86, initial_indent="# ", subsequent_indent="# ")
        value = draft.front_matter.get(info.name, info.default)  # a required one is there
        lines.append(_yaml({info.name: value}).rstrip("\n"))
    return "\n".join([*lines, "---", "", draft.body.strip(), ""])


def _yaml(value: dict[str, Any]) -> str:
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=88)


def _from_source(
    request: Request, root: Path, vocabulary: Vocabulary, existing: ExistingBriefs
) -> Draft:
    article = read_seed(request.source, root)  # type: ignore[arg-type]
    if article.sha256 in existing.sources:
        owner = existing.sources[article.sha256]
        raise ScaffoldError(f"{article.path} is already the source of {owner}")
    draft = draft_brief(article, vocabulary, request.date)
    chosen = {"title": request.title, "date": request.date}
    if request.tags:
        chosen["tags"] = request.tags
    return dataclasses.replace(draft, front_matter={**draft.front_matter, **chosen})


def _placeholder(request: Request, seed: str) -> Draft:
    front_matter = {
        "title": request.title,
        "date": request.date,
        "dateline": None,
        "source": {
            "name": "unknown",
            "url": None,
            "path": seed,
            "sha256": hashlib.sha256(_seed_text(request.title).encode()).hexdigest(),
        },
        "synopsis": SYNOPSIS,
        "takeaways": [TAKEAWAY],
        "tags": request.tags,
        "draft": True,
        "review": [
            f"source: paste the article into {seed}, then set sha256 to what "
            "`newsbrief check` reports, and name the publication",
            "dateline, synopsis, takeaways and the summary: write them from the article",
            "people, organizations, places, quotes, commentary: add those the article has",
        ],
    }
    return Draft(front_matter, SUMMARY, "")


def _seed_text(title: str) -> str:
    return f"{title}\n\nPaste the source article here, in place of this line.\n"


def _check_tags(tags: list[str], vocabulary: Vocabulary) -> None:
    unknown = [vocabulary.unknown_tag(tag) for tag in tags if tag not in vocabulary]
    if unknown:
        raise ScaffoldError("; ".join(unknown))
