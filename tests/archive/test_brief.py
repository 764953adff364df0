"""Per-brief checks: one fixture file per case, each with its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.archive.collection import load_archive
from tests.conftest import problems_of

HERE = "briefs/2025/05/04-{}.md:"
UNKNOWN_TAG = "use a slug from briefs/tags.yml or add the tag there"
RAW_HTML = (
    "is not allowed; write it in Markdown (HTML allowed: abbr, b, br, cite, del, em, i, ins, "
    "kbd, mark, q, s, small, strong, sub, sup, u, wbr)"
)
UNSAFE_LINK = "is not allowed; link with an http://, https:// or mailto: address"

CASES = {
    "missing-title": ["1: title: required field is missing; add 'title:' with text"],
    "empty-title": ["2: title: is empty; write the text or remove the field if it is optional"],
    "title-not-text": ["2: title: expected text, got true; put the value in quotes"],
    "unknown-field": [
        "1: takeaways: required field is missing; add 'takeaways:' with a list of text items",
        "11: takeway: unknown field; did you mean 'takeaways'?",
    ],
    "impossible-date": ["3: date: '2025-13-45' is not a real date; check the month and day"],
    "not-a-date": ["3: date: 'May 4' is not a date; write it as YYYY-MM-DD, e.g. 2025-05-04"],
    "date-disagrees-with-path": [
        "3: date: 2025-05-05 disagrees with the file's path; fix the date or move the file to "
        "briefs/2025/05/05-date-disagrees-with-path.md"
    ],
    "unknown-tag": [
        f"13: tags[1]: unknown tag 'millitary'; did you mean 'military'? {UNKNOWN_TAG}"
    ],
    "tag-alias": [f"13: tags[0]: unknown tag 'DPRK'; did you mean 'north-korea'? {UNKNOWN_TAG}"],
    "unknown-story": [
        "14: story: unknown story 'north-korea-military-modernisation'; did you mean "
        "'north-korea-military-modernization'? use a slug from briefs/stories.yml or add the "
        "story there"
    ],
    "story-not-a-slug": [
        "14: story: 'North Korea' is not a story slug: lowercase letters and digits joined "
        "by single hyphens"
    ],
    "repeated-tag": ["13: tags[2]: 'north-korea' is listed twice (also item 1); remove one"],
    "published-without-tags": [
        "13: tags: a published brief needs at least 1; add one, or keep the brief a draft "
        "(draft: true) until it has"
    ],
    "takeaways-not-a-list": [
        "11: takeaways: expected a list of text items, got text 'Kim Jong-un inspected an "
        "upgraded tank …'; write one '- item' per line"
    ],
    "no-takeaways": ["11: takeaways: has 0 items; give at least 1"],
    "draft-not-bool": ["22: draft: expected true or false, got text 'maybe'"],
    "quote-without-speaker": [
        "15: quotes[0].speaker: required field is missing; add 'speaker:' with text"
    ],
    "quote-unknown-field": ["17: quotes[0].source: unknown field; allowed: speaker, role, text"],
    "script-url": ["7: source.url: 'javascript:alert(1)' is not an http:// or https:// address"],
    "seed-path-escapes": [
        "7: source.path: 'seeds/../mkdocs.yml' is not a path under seeds/ made of letters, "
        "digits, '.', '_', '-' and '/'"
    ],
    "seed-missing": [
        "7: source.path: seeds/missing.txt does not exist; add the source article there or "
        "fix the path"
    ],
    "seed-changed": [
        "8: source.sha256: does not match seeds/tank-factory.txt (its sha256 is "
        "531becf05dd24c4adbcfd8e0dc1720e34caf08f2d49ed270ecc6a08b7340576d); "
        "if the article was changed on purpose, update the sha256"
    ],
    "malformed-yaml": [
        "10: yaml: invalid YAML: mapping values are not allowed in this context; "
        "check the indentation and quote text that contains ': ' or '#'"
    ],
    "duplicate-key": ["5: dateline: duplicate key (first given on line 4); keep only one"],
    "yaml-aliases": [
        "14: places: YAML anchors and aliases (&name, *name) are not allowed; write the value out"
    ],
    "empty-body": [
        "23: body: the summary is empty; write a short summary in Markdown below the closing '---'"
    ],
    "no-front-matter": [
        "1: front matter: missing; a brief starts with a '---' line, its YAML fields, "
        "and another '---'"
    ],
    "unclosed-front-matter": ["1: front matter: is not closed; add a '---' line after the fields"],
    "front-matter-not-mapping": ["1: front matter: must be a mapping of fields ('title: ...')"],
    "not-utf8": ["4: file: is not UTF-8 text (byte 0xe9); save it as UTF-8"],
    "body-script": [f"26: body: raw HTML <script> {RAW_HTML}"],
    "body-iframe": [f"26: body: raw HTML <iframe> {RAW_HTML}"],
    "body-event-attribute": [
        "24: body: attribute 'onmouseover' on <abbr> is not allowed; only 'title' is"
    ],
    "body-javascript-link": [
        f"24: body: link address 'javascript:alert(1)' {UNSAFE_LINK}",
        f"26: body: link address '&#106;avascript:alert(2)' {UNSAFE_LINK}",
    ],
    "body-data-image": [
        f"26: body: link address 'data:image/svg+xml;base64,PHN2Zz48L3N2Z…' {UNSAFE_LINK}"
    ],
    "body-attribute-list": [
        "24: body: attribute 'onclick' in { } is not allowed; only #id, .class, title, lang "
        "and dir are"
    ],
    "corrections-misdated": [
        "17: corrections[1].date: 2025-05-06 is before the correction above it (2025-05-07); "
        "list corrections oldest first",
        "19: corrections[2].date: 2025-05-03 is before the brief's date (2025-05-04); "
        "date the correction the day it was made",
    ],
    "four-problems": [
        "1: takeaways: required field is missing; add 'takeaways:' with a list of text items",
        "1: title: required field is missing; add 'title:' with text",
        "2: date: '2025-13-45' is not a real date; check the month and day",
        "10: takeway: unknown field; did you mean 'takeaways'?",
        f"12: tags[1]: unknown tag 'millitary'; did you mean 'military'? {UNKNOWN_TAG}",
    ],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_brief_gets_exact_located_messages(archive_root, case: str) -> None:
    root = archive_root({f"2025/05/04-{case}.md": case})
    assert problems_of(root) == [HERE.format(case) + line for line in CASES[case]]


def test_every_fixture_is_a_case() -> None:
    fixtures = {
        path.stem for path in (Path(__file__).parent.parent / "fixtures/briefs").glob("*.md")
    }
    billion_laughs = {"billion-laughs"}  # 73 messages: tests/test_bad_inputs.py checks it
    assert (
        fixtures - {"valid", "evil-title", "draft", "economy", "corrected"}
        == set(CASES) | billion_laughs
    )


def test_a_published_brief_without_the_tags_field_is_refused(archive_root) -> None:
    root = archive_root({"2025/05/04-no-tags.md": "valid"})
    brief = root / "briefs/2025/05/04-no-tags.md"
    lines = brief.read_text(encoding="utf-8").splitlines(keepends=True)
    brief.write_text("".join(line for line in lines if not line.startswith("tags:")), "utf-8")
    assert problems_of(root) == [
        "briefs/2025/05/04-no-tags.md:1: tags: a published brief needs at least 1; add one, "
        "or keep the brief a draft (draft: true) until it has"
    ]


def test_a_draft_may_have_no_tags_yet(archive_root) -> None:
    root = archive_root({"2025/06/12-draft.md": "draft"})
    brief = root / "briefs/2025/06/12-draft.md"
    brief.write_text(
        brief.read_text(encoding="utf-8").replace("tags: [north-korea, military]", "tags: []"),
        encoding="utf-8",
    )
    assert problems_of(root) == []
    assert load_archive(root).entries[0].brief.tags == []


def test_valid_brief_loads_with_every_field(archive_root) -> None:
    root = archive_root({"2025/05/04-kim-tank-factory.md": "valid"})
    (entry,) = load_archive(root).entries
    assert entry.slug == "kim-tank-factory"
    assert entry.src_uri == "2025/05/04/kim-tank-factory.md"
    assert entry.brief.cites == ["Yonhap", "KCNA"]
    assert entry.brief.commentary[0].speaker == "Yang Moo-jin"
    assert entry.brief.draft is False
    assert entry.body == "Kim toured a tank plant and called for a modern army.\n"
    # Only the lines the checks across briefs point at outlive the brief's own checks.
    assert entry.lines == {"source.sha256": 8}


def test_corrections_load_oldest_first(archive_root) -> None:
    root = archive_root({"2025/05/04-corrected.md": "corrected"})
    (entry,) = load_archive(root).entries
    assert [str(correction.date) for correction in entry.brief.corrections] == [
        "2025-05-06",
        "2025-05-09",
    ]
    assert entry.brief.corrections[0].text.startswith("An earlier version")


def test_a_brief_without_corrections_has_none(archive_root) -> None:
    root = archive_root({"2025/05/04-valid.md": "valid"})
    assert load_archive(root).entries[0].brief.corrections == []


@pytest.mark.parametrize(
    "target",
    ["2025/5/4-kim.md", "2025/05/04-Kim_Tank.md", "2025/05/04/kim.md", "kim.md"],
)
def test_path_outside_the_scheme_is_reported(archive_root, target: str) -> None:
    root = archive_root({target: "valid"})
    assert problems_of(root) == [
        f"briefs/{target}:1: path: does not follow briefs/2025/05/04-<slug>.md "
        "(slug: lowercase letters, digits and hyphens); rename the file"
    ]


def test_crlf_and_bom_are_read_like_plain_utf8(archive_root) -> None:
    root = archive_root({})
    text = (Path(__file__).parent.parent / "fixtures/briefs/valid.md").read_text(encoding="utf-8")
    target = root / "briefs/2025/05/04-windows.md"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    (entry,) = load_archive(root).entries
    assert entry.brief.title == "Kim Jong-un inspects an upgraded tank factory"
    assert entry.line_of("source.sha256") == 8  # counted as in the file with plain newlines
