"""``newsbrief new``: drafts that explain themselves and pass the checker, and what the
command prints."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from newsbrief.archive.schema import Brief, describe, json_schema
from newsbrief.archive.vocabulary import load_vocabulary
from newsbrief.cli import main
from newsbrief.cli.new_command import Request, ScaffoldError, new_brief
from tests.conftest import FIXTURES, problems_of

DAY = dt.date(2025, 6, 1)


@pytest.fixture
def root(archive_root) -> Path:
    return archive_root({"2025/05/04-kim-tank-factory.md": "valid"})


def vocabulary(root: Path):
    return load_vocabulary(root / "briefs/tags.yml", "briefs/tags.yml")


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_a_draft_without_a_source_gets_a_seed_and_passes_the_check(root: Path) -> None:
    request = Request("Seoul and Tokyo share missile data", DAY, ["north-korea"], None)
    brief, seed = new_brief(request, root, vocabulary(root))
    slug = "seoul-and-tokyo-share-missile-data"
    assert brief == root / f"briefs/2025/06/01-{slug}.md"
    assert seed == root / f"seeds/2025-06-01-{slug}.md"
    assert problems_of(root) == []
    fields = front_matter(brief)
    assert fields["draft"] is True and fields["tags"] == ["north-korea"]
    assert fields["source"]["path"] == f"seeds/2025-06-01-{slug}.md"
    assert any(note.startswith("source: paste the article into") for note in fields["review"])


def test_a_draft_from_an_article_is_what_ingest_makes_of_it_under_the_given_title(
    root: Path,
) -> None:
    shutil.copy(FIXTURES / "seeds/economy.txt", root / "seeds/exports.txt")
    request = Request("South Korea's exports grow", DAY, [], root / "seeds/exports.txt")
    (brief,) = new_brief(request, root, vocabulary(root))
    assert brief == root / "briefs/2025/06/01-south-koreas-exports-grow.md"
    fields = front_matter(brief)
    assert fields["title"] == "South Korea's exports grow" and fields["date"] == DAY
    assert fields["source"]["path"] == "seeds/exports.txt" and fields["tags"]  # from ingest
    assert problems_of(root) == []


def test_every_field_is_written_under_its_description(root: Path) -> None:
    request = Request("A title", DAY, ["military"], None)
    brief, _ = new_brief(request, root, vocabulary(root))
    text = brief.read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=../../../schemas/")
    assert (brief.parent / "../../../schemas/brief.schema.json").resolve() == (
        root / "schemas/brief.schema.json"
    ).resolve()
    keys = [
        line.split(":")[0] for line in text.split("---\n")[1].splitlines() if line[:1].isalpha()
    ]
    assert keys == [info.name for info in describe(Brief)]
    for info in describe(Brief):
        assert f"# {info.description.split()[0]}" in text, info.name
    fields = front_matter(brief)
    fields["date"] = fields["date"].isoformat()  # JSON has no dates: editors' YAML support
    jsonschema.validate(fields, json_schema())
    assert text.endswith("\n\nThe editor's summary of the article, in Markdown.\n")


@pytest.mark.parametrize(
    ("request_", "says"),
    [
        (Request("A", DAY, ["millitary"], None), "unknown tag 'millitary'; did you mean"),
        (Request("Kim tank factory", DAY, ["military"], None), "the slug 'kim-tank-factory'"),
        (Request("A", DAY, [], Path("seeds/tank-factory.txt")), "is already the source of"),
    ],
)
def test_nothing_is_written_when_the_request_cannot_be_met(root, request_, says) -> None:
    if request_.source is not None:
        request_ = Request("A", DAY, [], root / request_.source)
    before = sorted(root.rglob("*"))
    with pytest.raises(ScaffoldError, match=says):
        new_brief(request_, root, vocabulary(root))
    assert sorted(root.rglob("*")) == before


def test_an_existing_file_is_never_replaced(root: Path) -> None:
    (root / "seeds/2025-06-01-a.md").write_text("the editor's article\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match=r"seeds/2025-06-01-a\.md already exists"):
        new_brief(Request("A", DAY, ["military"], None), root, vocabulary(root))
    assert (root / "seeds/2025-06-01-a.md").read_text(encoding="utf-8") == "the editor's article\n"


def test_new_prints_what_it_wrote_and_refuses_plainly(archive_root, run, capsys) -> None:
    root = archive_root({})
    argv = ["--root", str(root), "new", "Talks resume", "--date", "2025-06-01"]
    code, out, err = run([*argv, "--tags", "military"])
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "briefs/2025/06/01-talks-resume.md",
        "seeds/2025-06-01-talks-resume.md",
    ]
    code, out, err = run([*argv, "--tags", "military"])
    assert (code, out) == (1, "")
    assert err == (
        "newsbrief new: the slug 'talks-resume' is taken by another brief; change the title\n"
    )
    assert run(argv)[0] == 2  # neither tags nor an article
    with pytest.raises(SystemExit) as usage:
        main(["--root", str(root), "new", "X", "--date", "2025-13-45", "--tags", "military"])
    assert usage.value.code == 2
    assert "'2025-13-45' is not a date like 2025-05-04" in capsys.readouterr().err
