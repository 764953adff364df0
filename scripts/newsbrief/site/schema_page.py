"""The site's reference page of the brief schema, generated from :mod:`newsbrief.archive.schema`.

The page is Markdown, converted by MkDocs like the pages of ``docs/``, not HTML: the
fields' descriptions are Markdown written in the schema's code, and other text goes in
through :func:`md_text`, which escapes Markdown as well as HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Sequence

import yaml

from newsbrief.archive.schema import (
    Brief,
    FieldInfo,
    Quote,
    Source,
    Story,
    Tag,
    describe,
    list_item,
    type_name,
)

# The characters that start markup anywhere in a line ('<', '>' and '&' are HTML-escaped
# instead), and the ones that do only at the start of a line. Escaping no more than
# these keeps the Markdown small and fast to convert.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))", re.MULTILINE)


def md_text(text: str) -> str:
    """``text`` as literal Markdown: no markup, links or HTML take effect."""
    escaped = _MD_INLINE.sub(r"\\\1", html.escape(text, quote=False))
    return _MD_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark = match.groups()
    if mark[0].isdigit():  # "1. " would start a list: escape the dot after the number
        return f"{indent}{mark}\\"
    return f"{indent}\\{mark}"


def cell(text: str) -> str:
    """``text`` as the content of a Markdown table cell."""
    return md_text(" ".join(text.split())).replace("|", "\\|")


def schema_reference() -> str:
    """The reference page of the brief schema, generated from :mod:`newsbrief.archive.schema`."""
    parts = [
        "---\ntitle: Brief schema\n"
        "description: Every front-matter field of a brief, generated from the code.\n---\n",
        "# Brief schema\n",
        "A brief is a Markdown file at `briefs/YYYY/MM/DD-slug.md`: YAML front matter "
        "between two `---` lines, then the editor's summary in Markdown. This page is "
        "generated from `newsbrief/schema.py`, like the checker (`newsbrief check`) and "
        "the JSON Schema for editors (`schemas/brief.schema.json`), so all three agree. "
        "Unknown fields are errors.\n",
        "## Example\n\n```yaml\n---\n" + _example_yaml() + "---\n```\n",
        _field_table("Brief fields", describe(Brief)),
        _field_table("`source`", describe(Source)),
        _field_table("`quotes` and `commentary` items", describe(Quote)),
        _field_table("Tags in `briefs/tags.yml`", describe(Tag)),
        "Each key of `briefs/tags.yml` is a tag's slug (lowercase letters, digits and "
        "hyphens): the name a brief lists under `tags` and the tag page's address "
        "`/tags/<slug>/`.\n",
        _field_table("Stories in `briefs/stories.yml`", describe(Story)),
        "Each key of `briefs/stories.yml` is a story's slug: the name a brief gives as its "
        "`story` and the story page's address `/stories/<slug>/`. A story without a "
        "published brief has no page.\n",
    ]
    return "\n".join(parts)


def _field_table(heading: str, fields: Sequence[FieldInfo]) -> str:
    rows = "".join(
        f"| `{info.name}` | {cell(type_name(info.hint))} | "
        f"{'yes' if info.required else 'no'} | {_description_cell(info)} |\n"
        for info in fields
    )
    header = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
    return f"## {heading}\n\n{header}{rows}"


def _description_cell(info: FieldInfo) -> str:
    """A field's description (Markdown from the schema's code) and the rules checked on it."""
    meta = info.meta
    rules = []
    if meta["min_items"] is not None and meta["max_items"] is not None:
        rules.append(f"{meta['min_items']} to {meta['max_items']} items")
    elif meta["min_items"] is not None:
        rules.append(f"at least {meta['min_items']} item")
    if meta["published_min_items"] is not None:
        rules.append(f"at least {meta['published_min_items']} once published (`draft: false`)")
    if meta["unique"]:
        rules.append("no repeats")
    if meta["max_length"]:
        each = "each " if list_item(info.hint) is not None else ""
        rules.append(f"{each}at most {meta['max_length']} characters")
    if meta["pattern_hint"]:
        rules.append(str(meta["pattern_hint"]))
    if not info.required:
        rules.append(f"default: {json.dumps(info.default)}")
    text = info.description + (f" ({'; '.join(rules)})" if rules else "")
    return text.replace("|", "\\|")


def _example_yaml() -> str:
    def example(record: type) -> dict[str, object]:
        return {
            info.name: _typed_example(info)
            for info in describe(record)
            if info.meta["example"] is not None
        }

    data = example(Brief)
    data["source"] = example(Source)
    data["commentary"] = [example(Quote)]
    order = [info.name for info in describe(Brief)]
    ordered = {name: data[name] for name in order if name in data}
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=88)


def _typed_example(info: FieldInfo) -> object:
    """The example as YAML should show it: a date unquoted, like editors write it."""
    example = info.meta["example"]
    return dt.date.fromisoformat(example) if info.hint is dt.date else example
