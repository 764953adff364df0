"""The command line, run through ``main(argv)`` as a user would run it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsbrief.archive.problems import Problem
from newsbrief.archive.schema import json_schema_text
from newsbrief.cli import github_annotation, main
from tests.archive.test_changes import branched_archive, git
from tests.conftest import REPO


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_passes_on_the_repository(capsys) -> None:
    code, out, err = run(["--root", str(REPO), "check"], capsys)
    assert (code, err) == (0, "")
    assert out.startswith("checked 1 brief(s) and ")
    assert out.endswith(" tags: no problems\n")


def test_check_prints_all_four_problems_with_file_and_line(archive_root, capsys) -> None:
    root = archive_root({"2025/05/04-four-problems.md": "four-problems"})
    code, out, err = run(["--root", str(root), "check"], capsys)
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    where = "briefs/2025/05/04-four-problems.md:"
    assert [" ".join(line.split(" ")[:2]) for line in lines[:-1]] == [
        f"{where}1: takeaways:",
        f"{where}1: title:",
        f"{where}2: date:",
        f"{where}10: takeway:",
        f"{where}12: tags[1]:",
    ]
    assert lines[-1] == "5 problem(s) in 1 file(s); fix them and run `newsbrief check` again"
    assert "Traceback" not in err


def test_check_of_given_paths_reports_only_theirs(archive_root, capsys, monkeypatch) -> None:
    root = archive_root(
        {"2025/05/04-unknown-tag.md": "unknown-tag", "2025/06/10-exports.md": "economy"}
    )
    monkeypatch.chdir(root)
    code, out, _ = run(["check", "briefs/2025/06/10-exports.md"], capsys)
    assert code == 0
    assert out.startswith("no problems in briefs/2025/06/10-exports.md")
    code, _, err = run(["check", "briefs/2025/05"], capsys)
    assert code == 1
    assert err.startswith("briefs/2025/05/04-unknown-tag.md:13: tags[1]: unknown tag")


def test_check_of_a_missing_path_is_a_usage_error(archive_root, capsys) -> None:
    root = archive_root({})
    code, _, err = run(["--root", str(root), "check", str(root / "briefs/nope.md")], capsys)
    assert code == 2
    assert err.endswith("briefs/nope.md: no such file or folder\n")


def test_garbage_brief_never_gives_a_traceback(archive_root, capsys) -> None:
    root = archive_root({})
    garbage = root / "briefs/2025/05/04-garbage.md"
    garbage.parent.mkdir(parents=True)
    garbage.write_bytes(b"---\n\x00\xff\xfe: [\n---\n")
    code, _, err = run(["--root", str(root), "check"], capsys)
    assert code == 1
    assert err.startswith("briefs/2025/05/04-garbage.md:2: file: is not UTF-8 text (byte 0xff)")


def test_schema_write_then_verify(tmp_path: Path, capsys) -> None:
    code, _, _ = run(["--root", str(tmp_path), "schema", "--verify"], capsys)
    assert code == 1
    assert run(["--root", str(tmp_path), "schema", "--write"], capsys)[:2] == (
        0,
        "wrote schemas/brief.schema.json\n",
    )
    assert (tmp_path / "schemas/brief.schema.json").read_text() == json_schema_text()
    assert run(["--root", str(tmp_path), "schema", "--verify"], capsys)[0] == 0
    assert run(["schema"], capsys)[1] == json_schema_text()


def test_repository_schema_file_is_verified_current(capsys) -> None:
    assert run(["--root", str(REPO), "schema", "--verify"], capsys)[0] == 0


def test_version_and_usage(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("newsbrief 0.1.0")
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2


def test_seed_article_is_in_seeds_under_a_descriptive_name() -> None:
    seeds = sorted(path.name for path in (REPO / "seeds").iterdir())
    assert seeds == ["2025-05-04-nationpress-kim-jong-un-inspects-tank-factory.txt"]
    shared = REPO.parent / "shared/seeds"
    if shared.is_dir():  # the original, where the project's shared files are present
        original = next(shared.iterdir())
        assert (REPO / "seeds" / seeds[0]).read_bytes() == original.read_bytes()


def test_ingest_writes_each_brief_then_skips_it_as_a_duplicate(tmp_path: Path, capsys) -> None:
    (tmp_path / "briefs").mkdir()
    shutil.copy(REPO / "briefs/tags.yml", tmp_path / "briefs/tags.yml")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copy(REPO / "tests/fixtures/html/no-article.html", tmp_path / "seeds/broken.html")
    root = ["--root", str(tmp_path)]
    code, out, err = run([*root, "ingest", str(tmp_path / "seeds")], capsys)
    assert code == 1  # one source failed
    assert out == "briefs/2025/05/04-did-north-koreas-kim-inspect-an-upgraded-tank-factory.md\n"
    assert "seeds/broken.html: failed: seeds/broken.html:1: source: has no article text" in err
    assert "2 sources: 1 written, 1 failed" in err
    assert run([*root, "check"], capsys)[0] == 0
    (tmp_path / "seeds/broken.html").unlink()
    code, out, err = run([*root, "ingest", str(tmp_path / "seeds")], capsys)
    assert (code, out) == (0, "")
    assert "duplicate: already the source of briefs/2025/05/04-did-north-koreas" in err


def test_ingest_copies_a_page_from_outside_the_project_into_seeds(tmp_path: Path, capsys) -> None:
    project, downloads = tmp_path / "project", tmp_path / "Downloads"
    (project / "briefs").mkdir(parents=True)
    shutil.copy(REPO / "briefs/tags.yml", project / "briefs/tags.yml")
    downloads.mkdir()
    shutil.copy(REPO / "tests/fixtures/html/kim-tank-factory.html", downloads / "page.html")
    argv = ["--root", str(project), "ingest", str(downloads / "page.html")]
    code, out, err = run(argv, capsys)
    slug = "did-north-koreas-kim-inspect-an-upgraded-tank-factory"
    copy = f"seeds/2025-05-04-{slug}.html"
    assert (code, out) == (0, f"briefs/2025/05/04-{slug}.md\n")
    assert err == f"{downloads / 'page.html'}: copied to {copy}\n"
    assert [p.name for p in (project / "seeds").iterdir()] == [Path(copy).name]
    assert run(["--root", str(project), "check"], capsys)[0] == 0
    code, out, err = run(argv, capsys)
    assert (code, out) == (0, "")
    assert err.startswith(f"{downloads / 'page.html'}: duplicate: already the source of briefs/")
    assert [p.name for p in (project / "seeds").iterdir()] == [Path(copy).name]


def test_a_dry_run_of_a_page_from_outside_leaves_the_project_as_it_was(
    tmp_path: Path, capsys
) -> None:
    project, downloads = tmp_path / "project", tmp_path / "Downloads"
    (project / "briefs").mkdir(parents=True)  # and no seeds/ yet
    shutil.copy(REPO / "briefs/tags.yml", project / "briefs/tags.yml")
    downloads.mkdir()
    shutil.copy(REPO / "tests/fixtures/html/kim-tank-factory.html", downloads / "page.html")
    before = sorted(project.rglob("*"))
    argv = ["--root", str(project), "ingest", "--dry-run", str(downloads / "page.html")]
    code, out, err = run(argv, capsys)
    slug = "did-north-koreas-kim-inspect-an-upgraded-tank-factory"
    assert (code, err) == (
        0,
        f"{downloads / 'page.html'}: would be copied to seeds/2025-05-04-{slug}.html\n",
    )
    assert out.startswith(f"# briefs/2025/05/04-{slug}.md\n---\n")
    assert sorted(project.rglob("*")) == before
    assert not (project / "seeds").exists()


def test_ingest_of_nothing_is_an_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "briefs").mkdir()
    shutil.copy(REPO / "briefs/tags.yml", tmp_path / "briefs/tags.yml")
    (tmp_path / "seeds").mkdir()
    code, _, err = run(["--root", str(tmp_path), "ingest", str(tmp_path / "seeds")], capsys)
    assert code == 1
    assert err.startswith("no source files found in ")


def test_check_changed_reports_only_the_branch_s_briefs_as_annotations(tmp_path, capsys) -> None:
    # main already has a bad brief; the branch adds one with an unknown tag
    root = branched_archive(tmp_path, {"2025/05/04-unknown-field.md": "unknown-field"})
    argv = ["--root", str(root), "check", "--changed", "main", "--format", "github"]
    code, out, err = run(argv, capsys)
    assert code == 1 and out == ""
    assert err.splitlines()[0] == (
        "::error file=briefs/2025/05/04-new.md,line=13,title=tags[1]::unknown tag 'millitary'; "
        "did you mean 'military'? use a slug from briefs/tags.yml or add the tag there"
    )
    assert "unknown-field" not in err and len(err.splitlines()) == 2  # and the count


def test_check_changed_without_changes_or_git_says_so(tmp_path, capsys) -> None:
    root = branched_archive(tmp_path)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "all of it")
    code, out, _ = run(["--root", str(root), "check", "--changed", "contribution"], capsys)
    assert (code, out) == (0, "no briefs changed since contribution\n")
    code, _, err = run(["--root", str(root), "check", "--changed", "nosuchbranch"], capsys)
    assert code == 2 and err.startswith("newsbrief check --changed: git merge-base: ")


def test_annotation_escapes_what_github_reads_as_syntax() -> None:
    problem = Problem("briefs/a,b.md", 3, "quotes[0].text", "100% sure:\nno")
    assert github_annotation(problem) == (
        "::error file=briefs/a%2Cb.md,line=3,title=quotes[0].text::100%25 sure:%0Ano"
    )


def test_new_prints_what_it_wrote_and_refuses_plainly(archive_root, capsys) -> None:
    root = archive_root({})
    argv = ["--root", str(root), "new", "Talks resume", "--date", "2025-06-01"]
    code, out, err = run([*argv, "--tags", "military"], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "briefs/2025/06/01-talks-resume.md",
        "seeds/2025-06-01-talks-resume.md",
    ]
    code, out, err = run([*argv, "--tags", "military"], capsys)
    assert (code, out) == (1, "")
    assert err == (
        "newsbrief new: the slug 'talks-resume' is taken by another brief; change the title\n"
    )
    assert run(argv, capsys)[0] == 2  # neither tags nor an article
    with pytest.raises(SystemExit) as usage:
        main(["--root", str(root), "new", "X", "--date", "2025-13-45", "--tags", "military"])
    assert usage.value.code == 2
    assert "'2025-13-45' is not a date like 2025-05-04" in capsys.readouterr().err
