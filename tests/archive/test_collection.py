"""Whole-archive checks: what only the set of briefs together can tell."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import synthetic
from newsbrief.archive import collection
from newsbrief.archive.collection import BriefCache, load_archive
from newsbrief.archive.problems import NewsbriefError
from tests.conftest import REPO, counting_reads, problems_of

brief_files = collection._brief_files


def test_briefs_come_newest_first_and_drafts_can_be_left_out(archive_root) -> None:
    root = archive_root(
        {
            "2025/05/04-kim-tank-factory.md": "valid",
            "2025/06/10-exports.md": "economy",
            "2025/06/12-missiles.md": "draft",
        }
    )
    archive = load_archive(root)
    assert [e.slug for e in archive.entries] == ["missiles", "exports", "kim-tank-factory"]
    published = archive.published(include_drafts=False)
    assert [e.slug for e in published.entries] == ["exports", "kim-tank-factory"]
    assert [e.slug for e in published.by_tag()["military"]] == ["kim-tank-factory"]
    assert list(published.tags_in_use()) == [
        "east-asia",
        "north-korea",
        "south-korea",
        "military",
        "economy",
    ]
    assert published.by_tag()["russia-ukraine-war"] == []  # in the vocabulary, on no brief
    assert archive.published(include_drafts=True) is archive


def test_duplicate_slug_on_another_day_is_reported(archive_root) -> None:
    root = archive_root(
        {"2025/05/04-kim-tank-factory.md": "valid", "2025/06/10-kim-tank-factory.md": "economy"}
    )
    assert problems_of(root) == [
        "briefs/2025/06/10-kim-tank-factory.md:1: slug: 'kim-tank-factory' is already the slug "
        "of briefs/2025/05/04-kim-tank-factory.md; give this brief another slug"
    ]


def test_second_brief_of_the_same_source_is_reported(archive_root) -> None:
    root = archive_root({"2025/05/04-kim-tank-factory.md": "valid", "2025/05/04-again.md": "valid"})
    assert problems_of(root) == [
        "briefs/2025/05/04-kim-tank-factory.md:8: source.sha256: the same source article is "
        "already the brief briefs/2025/05/04-again.md; edit that brief instead"
    ]


def test_stray_file_among_briefs_is_reported(archive_root) -> None:
    root = archive_root({"2025/05/04-kim-tank-factory.md": "valid"})
    (root / "briefs/2025/05/04-notes.markdown").write_text("notes\n")
    assert problems_of(root) == [
        "briefs/2025/05/04-notes.markdown:1: file: is not a brief; briefs are Markdown files "
        "named YYYY/MM/DD-slug.md"
    ]


def test_every_problem_of_every_file_is_collected(archive_root) -> None:
    root = archive_root(
        {
            "2025/05/04-missing-title.md": "missing-title",
            "2025/05/04-unknown-tag.md": "unknown-tag",
            "2025/05/04-seed-missing.md": "seed-missing",
        }
    )
    problems = problems_of(root)
    assert [line.split(":")[0] for line in problems] == [
        "briefs/2025/05/04-missing-title.md",
        "briefs/2025/05/04-seed-missing.md",
        "briefs/2025/05/04-unknown-tag.md",
    ]


def test_bad_vocabulary_is_reported_with_the_briefs(archive_root) -> None:
    root = archive_root({"2025/05/04-kim-tank-factory.md": "valid"})
    (root / "briefs/tags.yml").unlink()
    assert problems_of(root) == [
        "briefs/2025/05/04-kim-tank-factory.md:13: tags[0]: unknown tag 'north-korea'; "
        "use a slug from briefs/tags.yml or add the tag there",
        "briefs/2025/05/04-kim-tank-factory.md:13: tags[1]: unknown tag 'military'; "
        "use a slug from briefs/tags.yml or add the tag there",
        "briefs/tags.yml:1: file: the tag vocabulary is missing; create it",
    ]


def test_seed_brief_is_curated_from_the_seed_article() -> None:
    (entry,) = load_archive(REPO).entries
    brief = entry.brief
    article = (REPO / brief.source.path).read_text(encoding="utf-8")
    listed = [line[2:] for line in article.splitlines() if line.startswith("- ")]
    assert brief.takeaways == listed and len(listed) == 5
    assert (brief.date.isoformat(), brief.dateline) == ("2025-05-04", "Seoul")
    assert (brief.source.name, brief.cites) == ("NationPress", ["Yonhap", "KCNA"])
    assert {(q.speaker, q.role) for q in brief.quotes} == {("Kim Jong-un", "North Korean leader")}
    assert [(q.speaker, q.role) for q in brief.commentary] == [
        ("Yang Moo-jin", "president of the University of North Korean Studies in Seoul")
    ]
    flat = " ".join(article.split())
    for quote in brief.quotes + brief.commentary:
        assert " ".join(quote.text.rstrip(".").split()) in flat
    assert brief.draft is False and brief.review == []


def test_a_bad_story_is_reported_and_the_rest_of_the_vocabulary_still_serves(
    archive_root,
) -> None:
    root = archive_root({"2025/05/04-kim-tank-factory.md": "valid"})
    stories = root / "briefs/stories.yml"
    stories.write_text(stories.read_text(encoding="utf-8") + "famine:\n  title: Famine\n")
    assert problems_of(root) == [
        "briefs/stories.yml:8: famine.description: required field is missing; add "
        "'description:' with text"
    ]  # no brief's tags or story is reported unknown for it


def test_a_stories_file_that_is_not_yaml_is_reported_with_the_briefs(archive_root) -> None:
    root = archive_root({"2025/05/04-kim-tank-factory.md": "unknown-story"})
    (root / "briefs/stories.yml").write_text("a: [b\n", encoding="utf-8")
    problems = problems_of(root)
    assert [problem.split(": ")[0] for problem in problems] == [
        "briefs/2025/05/04-kim-tank-factory.md:14",
        "briefs/stories.yml:2",
    ]
    assert "briefs/stories.yml defines no stories" in problems[0]


KIM = "briefs/2025/05/04-kim-tank-factory.md"
EXPORTS = "briefs/2025/06/10-exports.md"


def test_a_cache_told_the_changes_looks_up_only_the_briefs_they_touch(
    archive_root: Callable[[dict[str, str]], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With 100,000 briefs, looking each up in the cache took a third of a second of every
    rebuild: told what changed, the cache looks up only the briefs changed, those whose
    source article changed, and those that failed (until they are sound again)."""
    root = archive_root(
        {KIM.removeprefix("briefs/"): "valid", EXPORTS.removeprefix("briefs/"): "economy"}
    )
    cache = BriefCache()
    load_archive(root, cache=cache)
    looked_up: list[str] = []
    lookup = cache.read

    def counted(file: Path, *args: object) -> object:
        looked_up.append(file.name)
        return lookup(file, *args)

    monkeypatch.setattr(cache, "read", counted)
    kim, exports = root / KIM, root / EXPORTS
    cache.expect_changes({str(kim)})
    load_archive(root, cache=cache)
    assert looked_up == ["04-kim-tank-factory.md"]
    source = load_archive(root, cache=cache).entries[0].brief.source.path  # exports, newest
    looked_up.clear()
    cache.expect_changes({str(root / source)})
    load_archive(root, cache=cache)
    assert looked_up == ["10-exports.md"]
    text = exports.read_text(encoding="utf-8")
    exports.write_text(text.replace("title:", "titel:"))
    cache.expect_changes({str(exports)})
    with pytest.raises(NewsbriefError):
        load_archive(root, cache=cache)
    exports.write_text(text)
    looked_up.clear()
    cache.expect_changes(set())  # told of nothing: the brief that failed is read again
    assert len(load_archive(root, cache=cache).entries) == 2
    assert looked_up == ["10-exports.md"]


def counting_listings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each listing of the briefs folder from now on, as a 1."""
    listings: list[int] = []
    monkeypatch.setattr(
        collection, "_brief_files", lambda *args: listings.append(1) or brief_files(*args)
    )
    return listings


def test_a_cache_told_the_changes_reads_only_those_and_lists_the_folder_only_for_a_stray(
    archive_root: Callable[[dict[str, str]], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = archive_root(
        {KIM.removeprefix("briefs/"): "valid", EXPORTS.removeprefix("briefs/"): "economy"}
    )
    cache = BriefCache()
    assert len(load_archive(root, cache=cache).entries) == 2
    read, listings = counting_reads(monkeypatch), counting_listings(monkeypatch)
    kim = root / KIM
    kim.write_text(kim.read_text(encoding="utf-8").replace("title: Kim Jong-un", "title: Kim"))
    # told of the edit: read again, and no listing of the folder
    cache.expect_changes({str(kim)})
    titles = {entry.brief.title for entry in load_archive(root, cache=cache).entries}
    assert read == ["04-kim-tank-factory.md"] and listings == []
    assert any(title.startswith("Kim inspects") for title in titles)
    # told of nothing, while a file changed: it is taken as it was, unread
    (root / EXPORTS).write_text("not a brief")
    cache.expect_changes(set())
    assert len(load_archive(root, cache=cache).entries) == 2
    assert read == ["04-kim-tank-factory.md"] and listings == []
    # a brief added: read, with the one changed, and the folder not listed again
    added = root / "briefs/2025/06/11-copy.md"
    added.write_text(kim.read_text(encoding="utf-8"))
    cache.expect_changes({str(added), str(root / EXPORTS)})
    with pytest.raises(NewsbriefError):  # the broken brief, and the copy's slug and source
        load_archive(root, cache=cache)
    assert sorted(read[1:]) == ["10-exports.md", "11-copy.md"] and listings == []
    # a stray file: the folder is listed again, which reports it
    stray = root / "briefs/2025/notes.txt"
    stray.write_text("notes")
    cache.expect_changes({str(stray)})
    with pytest.raises(NewsbriefError, match=r"notes\.txt"):
        load_archive(root, cache=cache)
    assert listings == [1]
    # told nothing: every file is looked at again
    added.unlink()
    stray.unlink()
    cache.expect_changes(None)
    with pytest.raises(NewsbriefError, match=r"10-exports\.md"):
        load_archive(root, cache=cache)


def test_briefs_come_and_gone_make_the_archive_a_fresh_reading_finds_unlisted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Told of briefs added, renamed and deleted, the cache lists no folder (with 100,000
    briefs, a listing took a quarter of a second) and reads only the briefs new to it."""
    briefs = synthetic.make_project(tmp_path, 30)
    cache = BriefCache()
    load_archive(tmp_path, cache=cache)
    read, listings = counting_reads(monkeypatch), counting_listings(monkeypatch)
    paths = [tmp_path / f"briefs/{b['date']:%Y/%m/%d}-{b['slug']}.md" for b in briefs]
    added = synthetic.copy_brief(tmp_path, paths[10])
    renamed = paths[20].with_name(paths[20].name[:3] + "renamed-" + paths[20].name[3:])
    paths[20].rename(renamed)
    paths[5].unlink()
    hidden = paths[6].with_name(".draft.md")
    hidden.write_text("a hidden file is never a brief")
    changed = {str(path) for path in (added, paths[20], renamed, paths[5], hidden)}
    changed.add(str(added.parent / "gone-before-the-build.md"))
    changed |= {str(seed) for seed in (tmp_path / "seeds").rglob("copy-*")}  # the copy's article
    cache.expect_changes(changed)
    archive = load_archive(tmp_path, cache=cache)
    assert listings == [] and sorted(read) == sorted([added.name, renamed.name])
    assert archive.entries == load_archive(tmp_path, two_cores=False).entries
    assert cache.brief_files(tmp_path / "briefs", tmp_path, []) == brief_files(
        tmp_path / "briefs", tmp_path, []
    )


def test_a_symbolic_link_come_among_briefs_is_reported(tmp_path: Path) -> None:
    briefs = synthetic.make_project(tmp_path, 5)
    cache = BriefCache()
    load_archive(tmp_path, cache=cache)
    first = tmp_path / f"briefs/{briefs[0]['date']:%Y/%m/%d}-{briefs[0]['slug']}.md"
    link = first.with_name("01-link.md")
    link.symlink_to(first)
    cache.expect_changes({str(link)})
    with pytest.raises(NewsbriefError, match="symbolic link"):
        load_archive(tmp_path, cache=cache)


def test_an_archive_edited_in_place_is_the_one_a_fresh_reading_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Told of edits that keep each brief in its place (its date, slug and source), the
    cache gives the previous archive with the briefs replaced, its tags' and stories'
    lists too: no brief is checked for duplicates or sorted again."""
    briefs = synthetic.make_project(tmp_path, 40)
    cache = BriefCache()
    before = load_archive(tmp_path, cache=cache)
    before.by_tag(), before.by_story()
    checked: list[int] = []
    duplicates = collection._duplicates
    monkeypatch.setattr(
        collection, "_duplicates", lambda entries: checked.append(1) or duplicates(entries)
    )
    storied = next(brief for brief in briefs if brief["story"])
    path = tmp_path / f"briefs/{storied['date']:%Y/%m/%d}-{storied['slug']}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"title: {storied['title']}", "title: Edited in place"))
    cache.expect_changes({str(path)})
    edited = load_archive(tmp_path, cache=cache)
    assert checked == []
    fresh = load_archive(tmp_path, two_cores=False)
    assert edited.entries == fresh.entries
    assert "Edited in place" in {entry.brief.title for entry in edited.entries}
    assert edited.by_tag() == fresh.by_tag() and edited.by_story() == fresh.by_story()
    assert before.by_tag() != edited.by_tag()  # the previous archive is left as it was
    ((old, new),) = edited.edits_since(before) or []
    assert old.brief.title == storied["title"] and new.brief.title == "Edited in place"
    assert fresh.edits_since(before) is None and edited.edits_since(fresh) is None
    tags = storied["tags"]
    path.write_text(path.read_text(encoding="utf-8").replace(f"- {tags[0]}\n", ""))
    cache.expect_changes({str(path)})
    retagged = load_archive(tmp_path, cache=cache)
    assert retagged.by_tag() == load_archive(tmp_path, two_cores=False).by_tag()
    assert retagged.by_tag() != edited.by_tag()


def test_an_edit_in_place_after_a_reading_that_failed_keeps_the_edits_of_both(
    tmp_path: Path,
) -> None:
    """A reading that found a problem keeps no archive: the next one starts from the last
    archive kept, and must not lose what was edited in between."""
    briefs = synthetic.make_project(tmp_path, 20)
    cache = BriefCache()
    load_archive(tmp_path, cache=cache)
    paths = [tmp_path / f"briefs/{b['date']:%Y/%m/%d}-{b['slug']}.md" for b in briefs[:2]]
    for path in paths:
        path.write_text(path.read_text(encoding="utf-8") + f"\nEdited {path.stem}.\n")
    stray = tmp_path / "briefs/notes.txt"
    stray.write_text("not a brief")
    cache.expect_changes({str(paths[0]), str(stray)})
    with pytest.raises(NewsbriefError, match="not a brief"):
        load_archive(tmp_path, cache=cache)
    stray.unlink()
    cache.expect_changes({str(paths[1]), str(stray)})
    bodies = " ".join(entry.body for entry in load_archive(tmp_path, cache=cache).entries)
    assert all(f"Edited {path.stem}." in bodies for path in paths)
