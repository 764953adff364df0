"""Every bad input a contributor or a stranger's pull request can bring, in one table.

Each case runs the command a contributor would run (``newsbrief ingest`` for sources,
``newsbrief check`` for briefs) on a project holding the bad input, and must give:
the exit code 1, a message that names the file, line and field, no traceback, and no
file created, changed or removed. Brief fixtures are in ``fixtures/briefs/`` (one per
case); sources are made here, as a 50 MB file or a symlink cannot be committed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsbrief.cli import main

from .conftest import FIXTURES, make_archive

Setup = Callable[[Path], list[str]]  # makes the bad input in a project, gives the arguments


@dataclass(frozen=True)
class Case:
    setup: Setup
    says: str  # the start of the first message, after the project folder


def source(name: str, content: bytes) -> Setup:
    def setup(root: Path) -> list[str]:
        (root / "seeds" / name).write_bytes(content)
        return ["ingest", str(root / "seeds" / name)]

    return setup


def huge_source(root: Path) -> list[str]:
    with (root / "seeds/huge.txt").open("wb") as stream:
        stream.truncate(50_000_000)  # sparse: 50 MB read as zeros, written in no time
    return ["ingest", str(root / "seeds/huge.txt")]


def html_without_article(root: Path) -> list[str]:
    (root / "seeds/page.html").write_bytes((FIXTURES / "html/no-article.html").read_bytes())
    return ["ingest", str(root / "seeds/page.html")]


def missing_source(root: Path) -> list[str]:
    return ["ingest", str(root / "seeds/gone.txt")]


def empty_folder(root: Path) -> list[str]:
    (root / "seeds/empty").mkdir()
    return ["ingest", str(root / "seeds/empty")]


def link_out_of_the_repository(root: Path) -> list[str]:
    outside = root.parent / "outside.txt"
    outside.write_bytes((FIXTURES / "seeds/tank-factory.txt").read_bytes())
    (root / "seeds/link.txt").symlink_to(outside)
    return ["ingest", str(root / "seeds/link.txt")]


def outside_source(name: str, content: bytes) -> Setup:
    """A source outside the project (ingest copies it into seeds/, then drafts it)."""

    def setup(root: Path) -> list[str]:
        (root.parent / name).write_bytes(content)
        return ["ingest", str(root.parent / name)]

    return setup


def brief_linked_out_of_the_repository(root: Path) -> list[str]:
    outside = root.parent / "outside.md"
    outside.write_bytes((FIXTURES / "briefs/valid.md").read_bytes())
    (root / "briefs/2025/05").mkdir(parents=True)
    (root / "briefs/2025/05/04-kim-tank-factory.md").symlink_to(outside)
    return ["check"]


def source_linked_out_of_the_repository(root: Path) -> list[str]:
    make_archive(root, {"2025/05/04-kim-tank-factory.md": "valid"})
    outside = root.parent / "tank-factory.txt"
    (root / "seeds/tank-factory.txt").rename(outside)
    (root / "seeds/tank-factory.txt").symlink_to(outside)
    return ["check"]


def briefs(paths: dict[str, str]) -> Setup:
    """Briefs at ``paths`` under briefs/, copied from the fixtures named."""

    def setup(root: Path) -> list[str]:
        make_archive(root, paths)
        return ["check"]

    return setup


BRIEF_CASES = {
    "no front matter": ("no-front-matter", "1: front matter: missing"),
    "front matter not a mapping": ("front-matter-not-mapping", "1: front matter: must be"),
    "malformed YAML": ("malformed-yaml", "10: yaml: invalid YAML"),
    "YAML aliases": ("yaml-aliases", "14: places: YAML anchors and aliases"),
    "billion laughs": ("billion-laughs", "15: lol1[0]: YAML anchors and aliases"),
    "wrong type": ("title-not-text", "2: title: expected text, got true"),
    "impossible date": ("impossible-date", "3: date: '2025-13-45' is not a real date"),
    "unknown key": ("unknown-field", "11: takeway: unknown field"),
    "unknown tag": ("unknown-tag", "13: tags[1]: unknown tag 'millitary'"),
    "non-UTF-8 brief": ("not-utf8", "4: file: is not UTF-8 text"),
    "brief in the wrong day folder": ("date-disagrees-with-path", "3: date: 2025-05-05"),
    "source path with ..": ("seed-path-escapes", "7: source.path: 'seeds/../mkdocs.yml'"),
    "<script> in the body": ("body-script", "26: body: raw HTML <script>"),
    "<iframe> in the body": ("body-iframe", "26: body: raw HTML <iframe>"),
    "on*= attribute": ("body-event-attribute", "24: body: attribute 'onmouseover'"),
    "javascript: link": ("body-javascript-link", "24: body: link address 'javascript:"),
    "data: URL": ("body-data-image", "26: body: link address 'data:"),
    "attribute list": ("body-attribute-list", "24: body: attribute 'onclick' in { }"),
}

CASES = {
    "empty source": Case(source("empty.txt", b""), "seeds/empty.txt:1: source: is empty"),
    "whitespace-only source": Case(source("blank.md", b" \n\t\n"), "seeds/blank.md:1: source: is"),
    "binary source": Case(
        source("photo.txt", b"\x89PNG\r\n\x00\x00"), "seeds/photo.txt:1: source: is a binary"
    ),
    "non-UTF-8 source": Case(
        source("latin1.txt", b"Title\n\nCaf\xe9.\n"), "seeds/latin1.txt:3: source: is not UTF-8"
    ),
    "50 MB source": Case(huge_source, "seeds/huge.txt:1: source: is 50 MB"),
    "source without headline": Case(
        source("long.txt", b"word " * 60 + b"\n\nText."),
        "seeds/long.txt:1: source: has no headline",
    ),
    "HTML with scripts and no article": Case(
        html_without_article, "seeds/page.html:1: source: has no article"
    ),
    "missing source": Case(missing_source, "seeds/gone.txt:1: source: no such file"),
    "empty folder of sources": Case(empty_folder, "no source files found in "),
    "symlink out of the repository": Case(
        link_out_of_the_repository, "seeds/link.txt:1: source: is not inside seeds/"
    ),
    "outside source without an article": Case(
        outside_source("page.html", (FIXTURES / "html/no-article.html").read_bytes()),
        "page.html:1: source: has no article text",
    ),
    "outside source whose draft the checker refuses": Case(
        outside_source(
            "phishing.txt", b"Phishing\n\nSEOUL (Yonhap) -- A [link](javascript:alert(1)).\n"
        ),
        "phishing.txt:1: draft: would not pass the check: briefs/",
    ),
    "brief that links out of the repository": Case(
        brief_linked_out_of_the_repository,
        "briefs/2025/05/04-kim-tank-factory.md:1: file: is a symbolic link",
    ),
    "brief source that links out of the repository": Case(
        source_linked_out_of_the_repository,
        "briefs/2025/05/04-kim-tank-factory.md:7: source.path: seeds/tank-factory.txt is a "
        "symbolic link",
    ),
    "slug with / (a nested path)": Case(
        briefs({"2025/05/04/kim.md": "valid"}), "briefs/2025/05/04/kim.md:1: path: does not follow"
    ),
    "slug with ..": Case(
        briefs({"2025/05/04-a..b.md": "valid"}),
        "briefs/2025/05/04-a..b.md:1: path: does not follow",
    ),
    "duplicate slugs": Case(
        briefs({"2025/05/04-kim.md": "valid", "2025/06/10-kim.md": "economy"}),
        "briefs/2025/06/10-kim.md:1: slug: 'kim' is already the slug of",
    ),
    "duplicate sources": Case(
        briefs({"2025/05/04-kim.md": "valid", "2025/05/04-again.md": "valid"}),
        "briefs/2025/05/04-kim.md:8: source.sha256: the same source article is already",
    ),
    **{
        name: Case(
            briefs({f"2025/05/04-{fixture}.md": fixture}), f"briefs/2025/05/04-{fixture}.md:{says}"
        )
        for name, (fixture, says) in BRIEF_CASES.items()
    },
}


def tree(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        if path.is_file() and not path.is_symlink()
        else "folder or link"
        for path in root.rglob("*")
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gets_a_located_error_and_changes_nothing(tmp_path, capsys, name) -> None:
    root = make_archive(tmp_path / "project", {})
    argv = ["--root", str(root), *CASES[name].setup(root)]
    before = tree(root)
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert "Traceback" not in out + err
    shown = (err + out).replace(f"{root}/", "")
    assert any(CASES[name].says in line for line in shown.splitlines()), shown
    assert tree(root) == before
