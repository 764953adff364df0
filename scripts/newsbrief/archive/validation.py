"""Schema-driven checking: raw YAML values in, typed records and located problems out.

Like Pelican's reader, the checker collects every problem of every file before
it stops; unlike it, nothing is skipped: one bad brief fails the whole check.
The walk follows the dataclasses in :mod:`newsbrief.archive.schema`, so the rules the
checker enforces are the rules the JSON Schema and the reference page show.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import re
import typing
from typing import Any, Literal

from newsbrief.archive.problems import Problem
from newsbrief.archive.schema import FieldInfo, describe, list_item, optional_inner, type_name
from newsbrief.archive.yamlio import LocatedData

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Invalid:
    """Marks a value that failed its checks (its problems are already recorded)."""


INVALID: Any = _Invalid()


def closest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The choice most like ``word``, if any is close enough to be a likely typo."""
    matches = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def describe_value(value: Any) -> str:
    """How a YAML value looks to the person who wrote it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {shortened(value)!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def shortened(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, to quote it in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@functools.cache
def _fields_by_name(record: type) -> dict[str, FieldInfo]:
    return {info.name: info for info in describe(record)}


class Converter:
    """Turns one file's YAML data into schema records, recording every problem."""

    def __init__(self, located: LocatedData, path: str, document: str = "front matter") -> None:
        self.located = located
        self.path = path
        self.document = document
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str) -> None:
        """Record a problem of the field ``where`` ("" for the whole document)."""
        self.problems.append(
            Problem(self.path, self.located.line_of(where), where or self.document, message)
        )

    def record(self, record: type, raw: Any, where: str = "") -> Any:
        """A ``record`` dataclass built from the mapping ``raw``, or INVALID."""
        if not isinstance(raw, dict):
            self.problem(where, f"expected {type_name(record)}, got {describe_value(raw)}")
            return INVALID
        before = len(self.problems)
        values = self.fields(record, raw, where)
        if len(self.problems) > before:
            return INVALID
        return record(**values)

    def fields(self, record: type, raw: dict[Any, Any], where: str = "") -> dict[str, Any]:
        """Each field of ``raw`` that ``record`` knows, checked: INVALID where it failed.

        Callers that check more than the schema (tags against the vocabulary, the
        date against the path) use the fields that passed even if others did not,
        so one run reports every problem.
        """
        fields = _fields_by_name(record)
        self._unknown_keys(raw, fields, where)
        values = {}
        for name, info in fields.items():
            child = f"{where}.{name}" if where else name
            if name in raw:
                values[name] = self._typed(info.hint, info.meta, raw[name], child)
            elif info.required:
                self.problem(
                    child, f"required field is missing; add '{name}:' with {type_name(info.hint)}"
                )
        return values

    def _unknown_keys(self, raw: dict[Any, Any], fields: dict[str, FieldInfo], where: str) -> None:
        for key in raw:
            if key in fields:
                continue
            child = f"{where}.{key}" if where else str(key)
            guess = closest(str(key), fields)
            hint = f"did you mean '{guess}'?" if guess else "allowed: " + ", ".join(fields)
            self.problem(child, f"unknown field; {hint}")

    def _typed(self, hint: Any, meta: dict[str, Any], raw: Any, where: str) -> Any:
        inner = optional_inner(hint)
        if inner is not None:
            return None if raw is None else self._typed(inner, meta, raw, where)
        if raw is None:
            self.problem(where, f"has no value; write {type_name(hint)}")
            return INVALID
        item = list_item(hint)
        if item is not None:
            return self._list(hint, item, meta, raw, where)
        if dataclasses.is_dataclass(hint):
            return self.record(hint, raw, where)
        if hint is str:
            return self._text(meta, raw, where)
        if hint is dt.date:
            return self._date(raw, where)
        if hint is bool and isinstance(raw, bool):
            return raw
        if typing.get_origin(hint) is Literal and raw in typing.get_args(hint):
            return raw
        self.problem(where, f"expected {type_name(hint)}, got {describe_value(raw)}")
        return INVALID

    def _list(self, hint: Any, item: Any, meta: dict[str, Any], raw: Any, where: str) -> Any:
        if not isinstance(raw, list):
            self.problem(
                where,
                f"expected {type_name(hint)}, got {describe_value(raw)}; "
                "write one '- item' per line",
            )
            return INVALID
        values = [self._typed(item, meta, value, f"{where}[{i}]") for i, value in enumerate(raw)]
        self._check_count(len(values), meta, where)
        if meta["unique"]:
            self._check_unique(values, where)
        return INVALID if any(value is INVALID for value in values) else values

    def _check_count(self, count: int, meta: dict[str, Any], where: str) -> None:
        low, high = meta["min_items"], meta["max_items"]
        if low is not None and count < low:
            self.problem(where, f"has {count} items; give at least {low}")
        if high is not None and count > high:
            self.problem(where, f"has {count} items; keep at most {high}")

    def _check_unique(self, values: list[Any], where: str) -> None:
        first: dict[str, int] = {}
        for index, value in enumerate(values):
            if not isinstance(value, str):
                continue
            key = value.casefold()
            if key in first:
                self.problem(
                    f"{where}[{index}]",
                    f"{value!r} is listed twice (also item {first[key] + 1}); remove one",
                )
            first.setdefault(key, index)

    def _text(self, meta: dict[str, Any], raw: Any, where: str) -> Any:
        if not isinstance(raw, str):
            self.problem(
                where,
                f"expected text, got {describe_value(raw)}; put the value in quotes",
            )
            return INVALID
        text = raw.strip()
        if not text:
            self.problem(where, "is empty; write the text or remove the field if it is optional")
            return INVALID
        if meta["max_length"] and len(text) > meta["max_length"]:
            self.problem(
                where, f"is {len(text)} characters long; shorten it to {meta['max_length']} or less"
            )
            return INVALID
        if meta["pattern"] and not re.fullmatch(meta["pattern"], text):
            self.problem(where, f"{shortened(text)!r} is not {meta['pattern_hint']}")
            return INVALID
        return text

    def _date(self, raw: Any, where: str) -> Any:
        text = str(raw).strip()
        try:
            if _DATE.fullmatch(text):
                return dt.date.fromisoformat(text)
        except ValueError:
            self.problem(where, f"{text!r} is not a real date; check the month and day")
            return INVALID
        self.problem(
            where, f"{shortened(text)!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-05-04"
        )
        return INVALID
