"""``newsbrief summary``: the briefs given or changed, as a reviewer reads them, in Markdown.

The pull-request workflow appends it to the job summary (``$GITHUB_STEP_SUMMARY``), so a
reviewer sees each brief's fields and its problems without downloading the site.

Everything from a brief is a pull request's untrusted text, and GitHub renders the summary
as Markdown with some HTML: :func:`markdown_text` makes each value plain text on one line.
The front matter is shown as the YAML reader gives it, unchecked, so a brief with
problems shows as much of itself as can be read, next to its problems.
"""

from __future__ import annotations

import argparse
import re
import string
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsbrief.archive.brief import read_front_matter
from newsbrief.archive.fsio import display_path
from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.schema import URL_PATTERN
from newsbrief.cli.project_io import (
    UsageError,
    add_selection_arguments,
    checked_archive,
    concerns,
    project_vocabulary,
    selected_paths,
)

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BACKSLASHED = frozenset(string.punctuation) - _ENTITIES.keys()
"""Every other ASCII punctuation character may mean Markdown; escaped, it is itself."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``summary`` with the ``commands`` of the parser."""
    parser = commands.add_parser(
        "summary",
        help="show briefs and their problems in Markdown, for a pull request",
        description="Print, in GitHub Markdown, each brief given or changed as a reviewer "
        "reads it (its fields, quotes and commentary), then its problems. Exit 0 even if "
        "there are problems: `newsbrief check` is the one that fails.",
    )
    add_selection_arguments(parser)
    parser.set_defaults(run=run_summary)


def run_summary(args: argparse.Namespace) -> int:
    """Print the summary of the selected briefs (all when none are given)."""
    root: Path = args.root
    try:
        paths = selected_paths(args, "summary")
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    if args.changed is not None and not paths:
        print(f"No briefs changed since {markdown_text(args.changed)}.")
        return 0
    files = _files(paths or [root / "briefs"], root)
    problems = _problems(root, [display_path(path, root) for path in paths])
    shown = sorted(files.keys() | {problem.path for problem in problems})
    if not shown:
        print("No briefs to show.")
        return 0
    tag_titles = _tag_titles(root)
    sections = []
    for path in shown:
        mine = [problem for problem in problems if problem.path == path]
        sections.append("\n".join(_section(path, files.get(path, root / path), mine, tag_titles)))
    print("# Briefs to review\n\n" + "\n\n".join(sections))
    return 0


def markdown_text(value: object) -> str:
    """``value`` as literal text on one line of GitHub Markdown: no link, image, HTML,
    emphasis, heading, list, table cell or line break of its own, whatever it holds."""
    words = " ".join(str(value).split())
    return "".join(_escaped(character) for character in words)


def _escaped(character: str) -> str:
    if character in _ENTITIES:
        return _ENTITIES[character]
    if character in _BACKSLASHED:
        return "\\" + character
    return "" if unicodedata.category(character) == "Cc" else character


def _files(paths: list[Path], root: Path) -> dict[str, Path]:
    """Each file of ``paths`` (a folder: the files below it) by the path messages show."""
    files = [path for path in paths if path.is_file()]
    files += [file for path in paths if path.is_dir() for file in path.rglob("*") if file.is_file()]
    return {display_path(file, root): file for file in files}


def _problems(root: Path, selected: list[str]) -> list[Problem]:
    """The problems ``newsbrief check`` reports for the ``selected`` paths (none: all)."""
    return [problem for problem in checked_archive(root)[1] if concerns(problem, selected)]


def _tag_titles(root: Path) -> dict[str, str]:
    """The title of every tag of the vocabulary; none when it cannot be read (a problem
    the summary shows)."""
    try:
        vocabulary = project_vocabulary(root)
    except NewsbriefError:
        return {}
    return {slug: tag.title for slug, tag in vocabulary.tags.items()}


def _section(
    path: str, file: Path, problems: list[Problem], tag_titles: dict[str, str]
) -> list[str]:
    """One file's part of the summary: the brief, as far as it can be read, then its problems."""
    lines = [f"## {markdown_text(path)}", ""]
    if file.suffix == ".md":
        try:
            lines += _brief(read_front_matter(file, path), tag_titles)
        except NewsbriefError:
            lines += ["*The front matter cannot be read; see the problems.*", ""]
    return lines + _problem_list(problems)


def _brief(front: dict[str, Any], tag_titles: dict[str, str]) -> list[str]:
    """The front matter of a brief, in the order a reviewer reads it."""
    title = front.get("title")
    lines = [f"### {markdown_text(title) if title else '*(no title)*'}", ""]
    lines += [f"- **{name}:** {value}" for name, value in _facts(front, tag_titles) if value]
    lines.append("")
    lines += _paragraph("Synopsis", [markdown_text(front.get("synopsis") or "")])
    takeaways = [
        f"{n}. {markdown_text(item)}" for n, item in enumerate(_items(front, "takeaways"), 1)
    ]
    lines += _paragraph("Takeaways", takeaways)
    lines += _paragraph("Quotes", [f"- {_quote(quote)}" for quote in _items(front, "quotes")])
    commentary = [f"> - {_quote(quote)}" for quote in _items(front, "commentary")]
    lines += _paragraph("Commentary (outside experts)", commentary)
    lines += _paragraph("Review notes", [f"- {markdown_text(n)}" for n in _items(front, "review")])
    return lines


def _facts(front: dict[str, Any], tag_titles: dict[str, str]) -> Iterator[tuple[str, str]]:
    """The brief's short fields as (name, Markdown), empty when the brief has none."""
    yield "Date", markdown_text(front.get("date") or "")
    yield "Dateline", markdown_text(front.get("dateline") or "")
    yield "Source", _source(front.get("source"))
    yield "Cites", _joined(_items(front, "cites"))
    yield "Tags", ", ".join(_tag(tag, tag_titles) for tag in _items(front, "tags"))
    yield "Story", markdown_text(front.get("story") or "")
    yield "People", _joined(_items(front, "people"))
    yield "Organisations", _joined(_items(front, "organizations"))
    yield "Places", _joined(_items(front, "places"))
    yield "Status", _status(front.get("draft", False))


def _items(front: dict[str, Any], name: str) -> list[Any]:
    """The items of a list field; a lone value as one item, a missing field as none."""
    value = front.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _status(draft: object) -> str:
    if isinstance(draft, bool):
        return "**draft**, awaiting review" if draft else "published"
    return f"draft: {markdown_text(draft)} (not true or false)"


def _joined(items: list[Any]) -> str:
    return ", ".join(markdown_text(item) for item in items)


def _paragraph(heading: str, lines: list[str]) -> list[str]:
    """A bold heading and its lines, or nothing when there are none to show."""
    shown = [line for line in lines if line]
    return [f"**{heading}:**", "", *shown, ""] if shown else []


def _source(source: object) -> str:
    """The source's name (a link to its address, if it is a web address) and seed file."""
    if not isinstance(source, dict):
        return markdown_text(source or "")
    name = markdown_text(source.get("name") or "(no name)")
    url = source.get("url")
    if isinstance(url, str) and re.fullmatch(URL_PATTERN, url):
        name = f"[{name}](<{url}>)"  # the pattern leaves out spaces, quotes and angle brackets
    return f"{name}, {markdown_text(source.get('path') or '(no seed path)')}"


def _tag(tag: object, tag_titles: dict[str, str]) -> str:
    title = tag_titles.get(tag) if isinstance(tag, str) else None
    shown = markdown_text(tag)
    return f"{markdown_text(title)} ({shown})" if title else f"{shown} (not in the vocabulary)"


def _quote(quote: object) -> str:
    """A quote as its speaker, role and words."""
    if not isinstance(quote, dict):
        return markdown_text(quote)
    speaker = f"**{markdown_text(quote.get('speaker') or '(no speaker)')}**"
    role = quote.get("role")
    who = f"{speaker}, {markdown_text(role)}" if role else speaker
    return f"{who}: “{markdown_text(quote.get('text') or '')}”"


def _problem_list(problems: list[Problem]) -> list[str]:
    if not problems:
        return ["No problems."]
    lines = [f"#### {len(problems)} problem(s)", ""]
    for problem in problems:
        field = f" {markdown_text(problem.field)}:" if problem.field else ""
        lines.append(f"- line {problem.line},{field} {markdown_text(problem.message)}")
    return lines
