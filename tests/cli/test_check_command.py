"""``newsbrief check``, run as a user would run it."""

from __future__ import annotations

from tests.archive.test_changes import branched_archive, git
from tests.conftest import REPO


def test_check_passes_on_the_repository(run) -> None:
    code, out, err = run(["--root", str(REPO), "check"])
    assert (code, err) == (0, "")
    assert out.startswith("checked 1 brief(s), ")
    assert out.endswith(" tags and 1 story: no problems\n")


def test_check_prints_all_four_problems_with_file_and_line(archive_root, run) -> None:
    root = archive_root({"2025/05/04-four-problems.md": "four-problems"})
    code, out, err = run(["--root", str(root), "check"])
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


def test_check_of_given_paths_reports_only_theirs(archive_root, run, monkeypatch) -> None:
    root = archive_root(
        {"2025/05/04-unknown-tag.md": "unknown-tag", "2025/06/10-exports.md": "economy"}
    )
    monkeypatch.chdir(root)
    code, out, _ = run(["check", "briefs/2025/06/10-exports.md"])
    assert code == 0
    assert out.startswith("no problems in briefs/2025/06/10-exports.md")
    code, _, err = run(["check", "briefs/2025/05"])
    assert code == 1
    assert err.startswith("briefs/2025/05/04-unknown-tag.md:13: tags[1]: unknown tag")


def test_check_of_a_missing_path_is_a_usage_error(archive_root, run) -> None:
    root = archive_root({})
    code, _, err = run(["--root", str(root), "check", str(root / "briefs/nope.md")])
    assert code == 2
    assert err.endswith("briefs/nope.md: no such file or folder\n")


def test_garbage_brief_never_gives_a_traceback(archive_root, run) -> None:
    root = archive_root({})
    garbage = root / "briefs/2025/05/04-garbage.md"
    garbage.parent.mkdir(parents=True)
    garbage.write_bytes(b"---\n\x00\xff\xfe: [\n---\n")
    code, _, err = run(["--root", str(root), "check"])
    assert code == 1
    assert err.startswith("briefs/2025/05/04-garbage.md:2: file: is not UTF-8 text (byte 0xff)")


def test_check_changed_reports_only_the_branch_s_briefs_as_annotations(tmp_path, run) -> None:
    # main already has a bad brief; the branch adds one with an unknown tag
    root = branched_archive(tmp_path, {"2025/05/04-unknown-field.md": "unknown-field"})
    argv = ["--root", str(root), "check", "--changed", "main", "--format", "github"]
    code, out, err = run(argv)
    assert code == 1 and out == ""
    assert err.splitlines()[0] == (
        "::error file=briefs/2025/05/04-new.md,line=13,title=tags[1]::unknown tag 'millitary'; "
        "did you mean 'military'? use a slug from briefs/tags.yml or add the tag there"
    )
    assert "unknown-field" not in err and len(err.splitlines()) == 2  # and the count


def test_check_changed_without_changes_or_git_says_so(tmp_path, run) -> None:
    root = branched_archive(tmp_path)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "all of it")
    code, out, _ = run(["--root", str(root), "check", "--changed", "contribution"])
    assert (code, out) == (0, "no briefs changed since contribution\n")
    code, _, err = run(["--root", str(root), "check", "--changed", "nosuchbranch"])
    assert code == 2 and err.startswith("newsbrief check --changed: git merge-base: ")


def test_check_notes_names_that_would_share_a_page(archive_root, run) -> None:
    root = archive_root(
        {"2025/05/04-kim-tank-factory.md": "valid", "2025/06/10-exports.md": "economy"}
    )
    later = root / "briefs/2025/06/10-exports.md"
    text = later.read_text(encoding="utf-8").replace("people: []", "people: [Kim Jong Un]")
    later.write_text(text, encoding="utf-8")
    code, out, err = run(["--root", str(root), "check"])
    assert (code, err) == (0, "")
    note = out.splitlines()[-1]
    assert note.startswith("note: people: 2 names share the address /people/kim-jong-un/")
    assert "'Kim Jong-un' at /people/kim-jong-un/" in note  # the older brief's spelling
    assert "'Kim Jong Un' at /people/kim-jong-un-" in note
