"""``newsbrief publish``: a draft becomes a published brief only when nothing stands in
its way, and otherwise nothing changes."""

from __future__ import annotations

from pathlib import Path

from newsbrief.archive.collection import load_archive

DRAFT = "2025/06/12-missiles.md"


def draft_without_notes(archive_root, change: tuple[str, str] = ("", "")) -> Path:
    root = archive_root({DRAFT: "draft"})
    path = root / "briefs" / DRAFT
    text = path.read_text(encoding="utf-8")
    text = text.replace("review:\n  - Confirm the number of missiles.\n", "review: []\n")
    path.write_text(text.replace(*change) if change[0] else text, encoding="utf-8")
    return root


def test_publish_removes_the_draft_line_and_nothing_else(archive_root, run) -> None:
    root = draft_without_notes(archive_root)
    path = root / "briefs" / DRAFT
    before = path.read_text(encoding="utf-8")
    code, out, err = run(["--root", str(root), "publish", str(path)])
    assert (code, out, err) == (0, f"published briefs/{DRAFT}\n", "")
    assert path.read_text(encoding="utf-8") == before.replace("draft: true\n", "")
    (entry,) = load_archive(root).entries
    assert entry.brief.draft is False


def test_an_open_review_note_stands_in_the_way(archive_root, run) -> None:
    root = archive_root({DRAFT: "draft"})
    path = root / "briefs" / DRAFT
    before = path.read_bytes()
    code, out, err = run(["--root", str(root), "publish", str(path)])
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"briefs/{DRAFT}:14: review: resolve each note, then delete it (leave 'review: []' "
        "or no review at all)",
        f"briefs/{DRAFT}:15: review[0]: open: Confirm the number of missiles.",
        "1 draft(s) not published; nothing in them changed",
    ]
    assert path.read_bytes() == before


def test_a_misquote_stands_in_the_way(archive_root, run) -> None:
    quote = "quotes:\n  - speaker: Kim Jong-un\n    text: We fired no missiles.\n"
    root = draft_without_notes(archive_root, ("draft: true\n", quote + "draft: true\n"))
    path = root / "briefs" / DRAFT
    before = path.read_bytes()
    code, _, err = run(["--root", str(root), "publish", str(path)])
    assert code == 1
    assert f"briefs/{DRAFT}:15: quotes[0].text: is not in the source article" in err
    assert f"briefs/{DRAFT}:14: quotes[0].speaker: 'Kim Jong-un' is not named" in err
    assert path.read_bytes() == before


def test_a_draft_needs_a_tag_to_be_published(archive_root, run) -> None:
    root = draft_without_notes(archive_root, ("tags: [north-korea, military]", "tags: []"))
    path = root / "briefs" / DRAFT
    before = path.read_bytes()
    code, _, err = run(["--root", str(root), "publish", str(path)])
    assert code == 1
    assert f"briefs/{DRAFT}:12: tags: a published brief needs at least 1; add one" in err
    assert path.read_bytes() == before


def test_a_published_brief_is_published_already(archive_root, run) -> None:
    root = archive_root({"2025/05/04-kim.md": "valid"})
    code, _, err = run(["--root", str(root), "publish", str(root / "briefs/2025/05/04-kim.md")])
    assert code == 1
    assert "briefs/2025/05/04-kim.md:1: draft: is published already" in err
