"""``newsbrief summary``: a branch's briefs as a reviewer reads them, in the job summary."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from newsbrief.cli.summary_command import markdown_text
from tests.archive.test_changes import branched_archive, git
from tests.conftest import BRIEF_FIXTURES, REPO
from tests.test_workflows import steps, workflow


def section(summary: str, path: str) -> str:
    """The part of ``summary`` about the file at ``path``."""
    heading = f"## {markdown_text(path)}\n"
    assert heading in summary
    return summary.split(heading, 1)[1].split("\n## ", 1)[0]


@pytest.fixture
def branch(tmp_path: Path) -> Path:
    """A branch that edits a brief and adds three: one with an unknown tag, one with five
    problems that does not parse, one whose every field is hostile markup."""
    root = branched_archive(tmp_path)
    shutil.copy(BRIEF_FIXTURES / "four-problems.md", root / "briefs/2025/05/05-problems.md")
    shutil.copy(BRIEF_FIXTURES / "evil-title.md", root / "briefs/2025/06/11-evil.md")
    return root


def test_summary_shows_each_changed_brief_then_its_problems(branch, run) -> None:
    code, out, err = run(["--root", str(branch), "summary", "--changed", "main"])
    assert (code, err) == (0, "")  # problems or not: `check` is the step that fails
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [
        r"## briefs\/2025\/05\/04\-new\.md",
        r"## briefs\/2025\/05\/05\-problems\.md",
        r"## briefs\/2025\/06\/10\-exports\.md",
        r"## briefs\/2025\/06\/11\-evil\.md",
    ]
    new = section(out, "briefs/2025/05/04-new.md")
    assert new.startswith("\n### Kim Jong\\-un inspects an upgraded tank factory\n")
    assert "- **Source:** NationPress, seeds\\/tank\\-factory\\.txt\n" in new
    assert "- **Tags:** North Korea (north\\-korea), millitary (not in the vocabulary)\n" in new
    assert re.search(r"\n- \*\*Kim Jong\\-un\*\*, North Korean leader: “Modernizing ", new)
    commentary = new.split("**Commentary (outside experts):**\n\n", 1)[1]
    assert commentary.startswith("> - **Yang Moo\\-jin**, president of the University")
    assert new.endswith(
        "#### 1 problem(s)\n\n- line 13, tags\\[1\\]: unknown tag \\'millitary\\'\\; "
        "did you mean \\'military\\'\\? use a slug from briefs\\/tags\\.yml or add the tag there\n"
    )


def test_a_brief_that_does_not_parse_shows_what_can_be_read_and_every_problem(branch, run) -> None:
    _, out, _ = run(["--root", str(branch), "summary", "--changed"])
    broken = section(out, "briefs/2025/05/05-problems.md")
    assert broken.startswith("\n### *(no title)*\n\n- **Date:** 2025\\-13\\-45\n")
    assert "**Quotes:**\n\n- **Kim Jong\\-un**, North Korean leader: “" in broken
    problems = broken.split("#### 5 problem(s)\n\n", 1)[1].splitlines()
    assert [line.split(":")[0] for line in problems] == [
        "- line 1, takeaways",
        "- line 1, title",
        "- line 2, date",
        "- line 10, takeway",
        "- line 12, tags\\[1\\]",
    ]


def test_a_brief_without_problems_says_so_and_links_its_source(branch, run) -> None:
    _, out, _ = run(["--root", str(branch), "summary", "--changed"])
    exports = section(out, "briefs/2025/06/10-exports.md")
    assert "- **Source:** [Fixture Wire](<https://example.org/news/exports>), seeds" in exports
    assert "**Takeaways:**\n\n1. Exports rose for a third straight month\\.\n2. " in exports
    assert exports.endswith("No problems.\n")


def test_hostile_fields_stay_plain_text(branch, run) -> None:
    _, out, _ = run(["--root", str(branch), "summary", "--changed"])
    evil = section(out, "briefs/2025/06/11-evil.md")
    title = "&lt;img src\\=x onerror\\=alert\\(1\\)&gt; \\[click\\]\\(javascript\\:alert\\(3\\)\\)"
    assert evil.startswith(f"\n### {title}\n")
    assert "<" not in evil and "](" not in evil and "`" not in evil.replace("\\`", "")
    assert "- **&lt;svg onload\\=alert\\(5\\)&gt;**, &lt;img src\\=x onerror" in evil


@pytest.mark.parametrize(
    ("hostile", "escaped"),
    [
        ("<img src=x onerror=alert(1)>", "&lt;img src\\=x onerror\\=alert\\(1\\)&gt;"),
        ("[x](javascript:alert(1))", "\\[x\\]\\(javascript\\:alert\\(1\\)\\)"),
        ("![i](https://e.org/i.png)", "\\!\\[i\\]\\(https\\:\\/\\/e\\.org\\/i\\.png\\)"),
        ("a | b", "a \\| b"),
        ("``code``", "\\`\\`code\\`\\`"),
        ("# heading", "\\# heading"),
        ("1. item", "1\\. item"),
        ("line\n\n# two\r\n- three", "line \\# two \\- three"),
        ("&lt; &#60; :tada: @team $x$", "&amp;lt\\; &amp;\\#60\\; \\:tada\\: \\@team \\$x\\$"),
        ("bell\x07 and \x1b[31m", "bell and \\[31m"),
        ("\\*not emphasis\\*", "\\\\\\*not emphasis\\\\\\*"),
        (None, "None"),
    ],
)
def test_markdown_text_leaves_hostile_values_plain_text_on_one_line(hostile, escaped) -> None:
    assert markdown_text(hostile) == escaped


def test_summary_of_the_repository_s_brief(run) -> None:
    brief = "briefs/2025/05/04-kim-jong-un-inspects-upgraded-tank-factory.md"
    code, out, err = run(["--root", str(REPO), "summary", str(REPO / brief)])
    assert (code, err) == (0, "")
    assert out.startswith("# Briefs to review\n\n## briefs\\/2025\\/05\\/04\\-kim\\-jong\\-un")
    shown = section(out, brief)
    assert shown.startswith("\n### Kim Jong\\-un inspects an upgraded tank factory and calls")
    assert "- **Cites:** Yonhap, KCNA\n" in shown
    assert "(north\\-korea), Military (military)" in shown
    assert "- **Story:** north\\-korea\\-military\\-modernization\n" in shown
    assert "\n> - **Yang Moo\\-jin**, president of the University of North Korean" in shown
    assert shown.endswith("No problems.\n")


def test_summary_without_changes_says_so_and_a_bad_base_is_a_usage_error(tmp_path, run) -> None:
    root = branched_archive(tmp_path)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "all of it")
    code, out, _ = run(["--root", str(root), "summary", "--changed", "contribution"])
    assert (code, out) == (0, "No briefs changed since contribution.\n")
    code, out, err = run(["--root", str(root), "summary", "--changed", "nosuchbranch"])
    assert (code, out) == (2, "")
    assert err.startswith("newsbrief summary --changed: git merge-base: ")
    code, _, err = run(["--root", str(root), "summary", str(root / "briefs/nope.md")])
    assert code == 2 and err.endswith("briefs/nope.md: no such file or folder\n")


def test_pull_requests_get_the_summary_even_when_the_check_fails() -> None:
    ids = [step.get("id") for step in steps(workflow("pull-request.yml"))]
    summary = steps(workflow("pull-request.yml"))[ids.index("summary")]
    assert ids.index("check") < ids.index("summary")
    assert (
        summary["run"] == '.venv/bin/newsbrief summary --changed "$BASE" >> "$GITHUB_STEP_SUMMARY"'
    )
    assert summary["if"] == "${{ !cancelled() && steps.check.outcome != 'skipped' }}"


def test_a_draft_shows_its_status_and_open_review_notes(archive_root, run, monkeypatch) -> None:
    root = archive_root({"2025/06/12-missiles.md": "draft", "2025/06/10-exports.md": "economy"})
    monkeypatch.chdir(root)
    code, out, _ = run(["summary", "briefs/2025/06/12-missiles.md"])
    assert code == 0 and "exports" not in out
    draft = section(out, "briefs/2025/06/12-missiles.md")
    assert "- **Status:** **draft**, awaiting review\n" in draft
    assert "**Review notes:**\n\n- Confirm the number of missiles\\.\n" in draft
