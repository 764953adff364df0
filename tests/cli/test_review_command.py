"""``newsbrief review``: the drafts awaiting an editor, with what stands in their way."""

from __future__ import annotations

DRAFT = "briefs/2025/06/12-missiles.md"


def test_review_lists_each_draft_with_its_notes_and_problems(archive_root, run) -> None:
    root = archive_root({"2025/05/04-kim.md": "valid", "2025/06/12-missiles.md": "draft"})
    code, out, err = run(["--root", str(root), "review"])
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "1 draft(s) await review, oldest first; 0 ready to publish",
        "",
        f"{DRAFT} (2025-06-12): North Korea test-fires cruise missiles",
        "  note: Confirm the number of missiles.",
        "  not ready: 1 open note, 0 problems",
        "",
    ]


def test_a_draft_s_problems_are_listed_and_a_clean_one_is_ready(archive_root, run) -> None:
    root = archive_root({"2025/06/12-missiles.md": "draft", "2025/06/13-kim.md": "draft"})
    clean = root / DRAFT
    text = clean.read_text(encoding="utf-8")
    ready = text.replace("review:\n  - Confirm the number of missiles.\n", "review: []\n")
    clean.write_text(ready, encoding="utf-8")
    other = root / "briefs/2025/06/13-kim.md"
    other.write_text(text.replace("date: 2025-06-12", "date: 2025-06-31"), encoding="utf-8")
    code, out, _ = run(["--root", str(root), "review"])
    assert code == 0
    assert out.startswith("2 draft(s) await review, oldest first; 1 ready to publish\n")
    assert f"  ready: newsbrief publish {DRAFT}\n" in out
    assert "  problem: line 3, date: '2025-06-31' is not a real date" in out


def test_review_with_no_drafts_says_so(archive_root, run) -> None:
    root = archive_root({"2025/05/04-kim.md": "valid"})
    assert run(["--root", str(root), "review"]) == (0, "no drafts await review\n", "")
