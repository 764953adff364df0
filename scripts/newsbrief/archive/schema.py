"""The brief schema, defined once.

A brief's front matter is described by the dataclasses below. Everything else
derives from them so nothing can drift: the checker (``validation``) walks their
fields and type hints, :func:`json_schema` writes the JSON Schema that editors'
IDEs use, and the site's reference page is rendered from :func:`describe`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import types
import typing
from dataclasses import MISSING, dataclass
from typing import Any, Literal

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
SEED_PATH_PATTERN = r"^seeds/(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._/-]*$"
URL_PATTERN = r"^https?://[^\s<>\"'\\]+$"


def spec(
    description: str,
    *,
    example: Any = None,
    default: Any = MISSING,
    empty_list: bool = False,
    pattern: str | None = None,
    pattern_hint: str | None = None,
    max_length: int | None = None,
    min_items: int | None = None,
    max_items: int | None = None,
    published_min_items: int | None = None,
    unique: bool = False,
) -> Any:
    """A schema field: its documentation and the constraints beyond its type.

    ``pattern`` and ``max_length`` apply to a text value, or to each item of a
    list of text; ``pattern_hint`` says in words what the pattern wants.
    ``published_min_items`` holds once the brief is published (``draft: false``).
    """
    metadata = {
        "description": description,
        "example": example,
        "pattern": pattern,
        "pattern_hint": pattern_hint,
        "max_length": max_length,
        "min_items": min_items,
        "max_items": max_items,
        "published_min_items": published_min_items,
        "unique": unique,
    }
    if empty_list:
        return dataclasses.field(default_factory=list, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclass(frozen=True, kw_only=True, slots=True)
class Quote:
    """Words attributed to one speaker."""

    speaker: str = spec(
        "The speaker's full name, as first introduced in the article (`newsbrief check` "
        "finds it there), or, for an unnamed speaker, the role and organisation the article "
        "gives, each found there (`spokesperson, Acme`).",
        example="Yang Moo-jin",
        max_length=120,
    )
    role: str | None = spec(
        "The speaker's role or affiliation, as the article gives it; null if it gives none.",
        example="president of the University of North Korean Studies in Seoul",
        default=None,
        max_length=300,
    )
    text: str = spec(
        "The quoted words, without the surrounding quotation marks, word for word as the "
        "source article has them: `newsbrief check` finds them there, whatever the "
        "punctuation, case and line breaks. An ellipsis (`...` or `…`) marks a cut and "
        "[square brackets] an editor's insertion; neither may leave out a negation such as "
        "'not'. A quotation of several paragraphs keeps them, separated by blank lines. A "
        "paraphrase belongs in the summary, not here.",
        example=(
            "Conventional weaponry like artillery and missiles … are pivotal in determining "
            "the success or failure in modern warfare."
        ),
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class Source:
    """Where the brief comes from."""

    name: str = spec(
        "The publication the article appeared in.", example="NationPress", max_length=120
    )
    url: str | None = spec(
        "The article's address on the web, if known.",
        example="https://example.org/news/article",
        default=None,
        pattern=URL_PATTERN,
        pattern_hint="an http:// or https:// address",
    )
    path: str = spec(
        "The source article's file in the repository, under seeds/.",
        example="seeds/2025-05-04-nationpress-kim-jong-un-inspects-tank-factory.txt",
        pattern=SEED_PATH_PATTERN,
        pattern_hint="a path under seeds/ made of letters, digits, '.', '_', '-' and '/'",
    )
    sha256: str = spec(
        "The SHA-256 of the source file's bytes (`sha256sum FILE`), so any change to it shows.",
        example="531becf05dd24c4adbcfd8e0dc1720e34caf08f2d49ed270ecc6a08b7340576d",
        pattern=SHA256_PATTERN,
        pattern_hint="64 lowercase hexadecimal digits",
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class Correction:
    """A dated note correcting a published brief, shown on its page above the synopsis."""

    date: dt.date = spec(
        "The day the correction was made: on or after the brief's date, and on or after "
        "the correction before it.",
        example="2025-05-06",
    )
    text: str = spec(
        "What was wrong and what is right now, in a sentence or two.",
        example="An earlier version gave the factory's location as Pyongyang.",
        max_length=600,
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class Brief:
    """A brief's front matter. The Markdown body below it is the editor's summary."""

    title: str = spec(
        "The headline, as a reader should see it.",
        example="Kim Jong-un inspects an upgraded tank factory",
        max_length=200,
    )
    date: dt.date = spec(
        "The day the reported events happened or were reported; must match the file's path.",
        example="2025-05-04",
    )
    dateline: str | None = spec(
        "The place the story was filed from; null if it has none.",
        example="Seoul",
        default=None,
        max_length=80,
    )
    source: Source = spec("The article the brief is based on.")
    cites: list[str] = spec(
        "Agencies and outlets the article relies on.",
        example=["Yonhap", "KCNA"],
        empty_list=True,
        unique=True,
        max_length=120,
    )
    synopsis: str = spec(
        "One or two sentences saying what happened.",
        example="North Korean leader Kim Jong-un inspected a tank factory.",
        max_length=600,
    )
    takeaways: list[str] = spec(
        "The key points, most important first.",
        example=["Kim Jong-un inspected an upgraded tank factory in North Korea."],
        min_items=1,
        max_items=7,
        unique=True,
        max_length=300,
    )
    tags: list[str] = spec(
        "Topic tags, each a slug from briefs/tags.yml. A draft may have none yet; "
        "a published brief needs at least one.",
        example=["north-korea", "military"],
        empty_list=True,
        max_items=8,
        published_min_items=1,
        unique=True,
    )
    story: str | None = spec(
        "The developing story the brief is part of: a slug from briefs/stories.yml. The "
        "story's page shows its briefs as a timeline; null or left out if it is part of none.",
        example="north-korea-military-modernization",
        default=None,
        pattern=SLUG_PATTERN,
        pattern_hint="a story slug: lowercase letters and digits joined by single hyphens",
    )
    people: list[str] = spec(
        "People named in the article, full names.",
        example=["Kim Jong-un"],
        empty_list=True,
        unique=True,
        max_length=120,
    )
    organizations: list[str] = spec(
        "Organisations named in the article.",
        example=["Korean Central News Agency"],
        empty_list=True,
        unique=True,
        max_length=160,
    )
    places: list[str] = spec(
        "Places named in the article.",
        example=["North Korea", "Seoul"],
        empty_list=True,
        unique=True,
        max_length=120,
    )
    quotes: list[Quote] = spec(
        "What the principals said: officials, leaders and the people the story is about.",
        empty_list=True,
    )
    commentary: list[Quote] = spec(
        "What outside experts said about the events: analysts, academics, think-tank fellows.",
        empty_list=True,
    )
    corrections: list[Correction] = spec(
        "Dated notes on what was corrected after publication, oldest first "
        "and none dated before the brief; its page shows them above the synopsis and its "
        "feed entries are updated on the latest. Correct the fields themselves too.",
        empty_list=True,
    )
    draft: bool = spec(
        "true while the brief awaits review; drafts are shown by `make serve` only.",
        example=False,
        default=False,
    )
    review: list[str] = spec(
        "Notes for the editor (doubts, guesses to confirm); not shown on the site.",
        example=[],
        empty_list=True,
    )

    def named(self) -> dict[str, list[str]]:
        """The people, organisations and places the brief names, by kind, in order; a
        speaker counts as a person the brief names."""
        speakers = [quote.speaker for quote in (*self.quotes, *self.commentary)]
        return {
            "people": list(dict.fromkeys([*self.people, *speakers])),
            "organizations": self.organizations,
            "places": self.places,
        }


TagKind = Literal["region", "country", "topic", "conflict"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Tag:
    """One tag of the vocabulary in briefs/tags.yml; its key there is the tag's slug."""

    title: str = spec("The tag's name as readers see it.", example="North Korea", max_length=60)
    kind: TagKind = spec("What sort of tag it is.", example="country")
    description: str = spec(
        "One sentence saying which briefs get this tag.",
        example="The Democratic People's Republic of Korea: its leadership, policy and people.",
        max_length=200,
    )
    aliases: list[str] = spec(
        "Other names the tag goes by in news text; each alias belongs to one tag only.",
        example=["DPRK", "Pyongyang"],
        empty_list=True,
        unique=True,
        max_length=60,
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class Story:
    """One story of briefs/stories.yml; its key there is the story's slug."""

    title: str = spec(
        "The story's name as readers see it.",
        example="North Korea's military modernisation",
        max_length=100,
    )
    description: str = spec(
        "One or two sentences saying which briefs the story follows.",
        example="Kim Jong-un's drive to modernise the army's tanks, artillery and missiles.",
        max_length=300,
    )


@dataclass(frozen=True)
class FieldInfo:
    """One schema field, as the checker, the JSON Schema and the reference page see it."""

    name: str
    hint: Any
    required: bool
    default: Any
    meta: dict[str, Any]

    @property
    def description(self) -> str:
        return str(self.meta["description"])


@functools.cache
def describe(record: type) -> tuple[FieldInfo, ...]:
    """The fields of a schema dataclass, in their documented order.

    Cached: the checker asks for every brief, and resolving type hints is slow.
    """
    hints = typing.get_type_hints(record)
    infos = []
    for item in dataclasses.fields(record):
        required = item.default is MISSING and item.default_factory is MISSING
        default = [] if item.default_factory is list else item.default
        infos.append(FieldInfo(item.name, hints[item.name], required, default, dict(item.metadata)))
    return tuple(infos)


@functools.cache  # asked for every value of every brief
def optional_inner(hint: Any) -> Any | None:
    """``X`` for a hint ``X | None``; None for any other hint."""
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) and type(None) in args:
        return next(arg for arg in args if arg is not type(None))
    return None


@functools.cache
def list_item(hint: Any) -> Any | None:
    """``X`` for a hint ``list[X]``; None for any other hint."""
    return typing.get_args(hint)[0] if typing.get_origin(hint) is list else None


def type_name(hint: Any) -> str:
    """The plain-words name of a type, for messages and the reference page."""
    inner = optional_inner(hint)
    if inner is not None:
        return f"{type_name(inner)} or null"
    item = list_item(hint)
    if item is not None:
        return f"a list of {_plural(item)}"
    if typing.get_origin(hint) is Literal:
        return "one of " + ", ".join(typing.get_args(hint))
    names = {str: "text", bool: "true or false", dt.date: "a date (YYYY-MM-DD)"}
    if hint in names:
        return names[hint]
    return f"a {hint.__name__.lower()} mapping ({', '.join(f.name for f in describe(hint))})"


def _plural(hint: Any) -> str:
    if hint is str:
        return "text items"
    return f"{hint.__name__.lower()}s ({', '.join(f.name for f in describe(hint))})"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a brief's front matter, for editors' IDEs."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsbrief.invalid/brief.schema.json",
        "title": "newsbrief brief front matter",
        "$comment": "Generated by `newsbrief schema --write` from schema.py; do not edit.",
    }
    schema.update(_record_schema(Brief))
    published = {name: {"minItems": least} for name, least in published_minimums().items()}
    schema["if"] = {"properties": {"draft": {"const": False}}}
    schema["then"] = {"required": list(published), "properties": published}
    schema["$defs"] = {
        record.__name__: _record_schema(record) for record in (Source, Quote, Correction)
    }
    return schema


def published_minimums() -> dict[str, int]:
    """The lists a published brief (``draft: false``) must fill: field -> least items."""
    return {
        info.name: info.meta["published_min_items"]
        for info in describe(Brief)
        if info.meta["published_min_items"] is not None
    }


def json_schema_text() -> str:
    """:func:`json_schema` as the text of ``schemas/brief.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _record_schema(record: type) -> dict[str, Any]:
    fields = describe(record)
    return {
        "type": "object",
        "description": (record.__doc__ or "").strip(),
        "additionalProperties": False,
        "required": [info.name for info in fields if info.required],
        "properties": {info.name: _field_schema(info) for info in fields},
    }


def _field_schema(info: FieldInfo) -> dict[str, Any]:
    schema = _type_schema(info.hint, info.meta)
    schema["description"] = info.description
    if not info.required:
        schema["default"] = info.default
    if info.meta["example"] is not None:
        schema["examples"] = [info.meta["example"]]
    return schema


def _type_schema(hint: Any, meta: dict[str, Any]) -> dict[str, Any]:
    inner = optional_inner(hint)
    if inner is not None:
        return {"anyOf": [_type_schema(inner, meta), {"type": "null"}]}
    item = list_item(hint)
    if item is not None:
        schema: dict[str, Any] = {"type": "array", "items": _type_schema(item, meta)}
        for key, meta_key in (("minItems", "min_items"), ("maxItems", "max_items")):
            if meta[meta_key] is not None:
                schema[key] = meta[meta_key]
        if meta["unique"]:
            schema["uniqueItems"] = True
        return schema
    if typing.get_origin(hint) is Literal:
        return {"type": "string", "enum": list(typing.get_args(hint))}
    if hint is bool:
        return {"type": "boolean"}
    if hint is dt.date:
        return {"type": "string", "format": "date"}
    if hint is str:
        schema = {"type": "string", "minLength": 1}
        if meta["pattern"]:
            schema["pattern"] = meta["pattern"]
        if meta["max_length"]:
            schema["maxLength"] = meta["max_length"]
        return schema
    return {"$ref": f"#/$defs/{hint.__name__}"}
