"""Strict YAML reading with line numbers.

The checker must say on which line a field stands, so documents are composed
into nodes first. Three YAML features are refused or disabled on purpose:

* aliases (``*name``): a "billion laughs" document must not hang a build;
* duplicate keys: YAML silently keeps the last one, losing an editor's text;
* implicit timestamps: ``2025-13-45`` would crash the constructor, so dates stay
  text and the schema parses them with a helpful message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from newsbrief.archive.problems import NewsbriefError, Problem

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that leaves timestamps as plain text."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class LocatedData:
    """A YAML document's value, and the file line of every key and list item.

    ``lines`` maps a field path such as ``title``, ``tags[1]`` or
    ``quotes[0].speaker`` to its 1-based line in the file.
    """

    value: Any
    lines: dict[str, int] = field(default_factory=dict)
    start_line: int = 1

    def line_of(self, path: str) -> int:
        """The line of ``path``, or of its nearest located parent."""
        return nearest_line(self.lines, path, self.start_line)


def nearest_line(lines: dict[str, int], path: str, default: int) -> int:
    """The line of ``path`` in ``lines``, or of its nearest parent there, or ``default``."""
    while path:
        if path in lines:
            return lines[path]
        path = _parent(path)
    return default


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def load_located(text: str, *, path: str, start_line: int = 1) -> LocatedData:
    """Parse one YAML document whose first line is line ``start_line`` of ``path``.

    Raises :class:`NewsbriefError` with located problems for malformed YAML,
    aliases and duplicate keys.
    """
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        located = LocatedData(value=None, start_line=start_line)
        if node is not None:
            problems: list[Problem] = []
            _locate(node, "", located.lines, problems, path, start_line, seen=set())
            if problems:
                raise NewsbriefError(problems)
            located.value = loader.construct_document(node)
        return located
    except yaml.MarkedYAMLError as error:
        raise NewsbriefError([_syntax_problem(error, path, start_line)]) from None
    except yaml.YAMLError as error:
        problem = Problem(path, start_line, "yaml", f"invalid YAML: {error}")
        raise NewsbriefError([problem]) from None
    finally:
        loader.dispose()


def _syntax_problem(error: yaml.MarkedYAMLError, path: str, start_line: int) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = start_line + (mark.line if mark else 0)
    what = " ".join(part for part in (error.context, error.problem) if part)
    return Problem(
        path,
        line,
        "yaml",
        f"invalid YAML: {what}; check the indentation and quote text that contains ': ' or '#'",
    )


def _locate(
    node: yaml.Node,
    where: str,
    lines: dict[str, int],
    problems: list[Problem],
    path: str,
    start_line: int,
    seen: set[int],
) -> None:
    """Record the line of every key and item below ``node``; refuse aliases and repeated keys."""
    if id(node) in seen:
        problems.append(
            Problem(
                path,
                nearest_line(lines, where, start_line),
                where or "yaml",
                "YAML anchors and aliases (&name, *name) are not allowed; write the value out",
            )
        )
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = f"{where}.{key}" if where else key
            line = start_line + key_node.start_mark.line
            if key in first_seen:
                problems.append(
                    Problem(
                        path,
                        line,
                        child,
                        f"duplicate key (first given on line {first_seen[key]}); keep only one",
                    )
                )
                continue
            first_seen[key] = line
            lines[child] = line
            _locate(value_node, child, lines, problems, path, start_line, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = f"{where}[{index}]"
            if id(item) not in seen:  # an alias's mark is its anchor's: locate it by its parent
                lines[child] = start_line + item.start_mark.line
            _locate(item, child, lines, problems, path, start_line, seen)
