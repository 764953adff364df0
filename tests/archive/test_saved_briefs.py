"""Checked briefs saved on disk: a brief is parsed again only when something it was checked
against changed, and the archive (or its problems) is the one read without them."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import synthetic
from newsbrief.archive import brief, saved_briefs
from newsbrief.archive.collection import Archive, BriefCache, load_archive
from newsbrief.archive.cores import WORTH_A_FORK
from newsbrief.archive.problems import NewsbriefError
from newsbrief.archive.saved_briefs import SavedBriefs, shard_of
from tests.conftest import REPO, make_archive

BRIEFS = {
    "2025/05/04-kim-tank-factory.md": "valid",
    "2025/06/10-exports.md": "economy",
    "2025/06/12-missiles.md": "draft",
}
TANKS, EXPORTS, MISSILES = (f"briefs/{path}" for path in BRIEFS)
EVERY_BRIEF = sorted([TANKS, EXPORTS, MISSILES])

Loaded = tuple[object, ...] | list[str]


def loaded(
    root: Path, saved: SavedBriefs | None = None, two_cores: bool = False, briefs: str = "briefs"
) -> Loaded:
    """What loading the archive gives: every fact of the archive, or every problem."""
    try:
        archive = load_archive(root, briefs, saved=saved, two_cores=two_cores)
    except NewsbriefError as error:
        return [str(problem) for problem in error.problems]
    return facts(archive)


def facts(archive: Archive) -> tuple[object, ...]:
    """The archive's entries in order, with what their equality leaves out (their fields'
    lines), and its vocabulary (compared by identity)."""
    return (
        archive.entries,
        [entry.lines for entry in archive.entries],
        archive.vocabulary.tags,
        archive.vocabulary.names,
        archive.vocabulary.stories,
    )


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The briefs parsed from now on, in order (as problems show their paths)."""
    seen: list[str] = []
    split = brief.split_front_matter

    def counted(text: str, display: str):
        seen.append(display)
        return split(text, display)

    monkeypatch.setattr(brief, "split_front_matter", counted)
    return seen


@pytest.fixture
def store(tmp_path: Path) -> SavedBriefs:
    return SavedBriefs(tmp_path / "cache", "newsbrief 1 abc")


@pytest.fixture
def root(tmp_path: Path, store: SavedBriefs, parsed: list[str]) -> Path:
    """Three briefs (one following a story), loaded once with ``store``."""
    project = make_archive(tmp_path / "project", BRIEFS)
    exports = project / EXPORTS
    exports.write_text(
        exports.read_text(encoding="utf-8").replace("people:", "story: korean-trade\npeople:"),
        encoding="utf-8",
    )
    assert isinstance(loaded(project, store), tuple)
    assert sorted(parsed) == EVERY_BRIEF
    parsed.clear()
    return project


def load_again(root: Path, store: SavedBriefs, parsed: list[str]) -> tuple[Loaded, list[str]]:
    """Load with ``store``: what that gives, the same as without it, and the briefs parsed."""
    start = len(parsed)
    with_store = loaded(root, store)
    reparsed = sorted(parsed[start:])
    assert with_store == loaded(root)
    return with_store, reparsed


def written(store: SavedBriefs) -> dict[str, tuple[int, int]]:
    """Each file of the store, with what tells a rewritten file (inode and time)."""
    return {
        path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in store.folder.iterdir()
    }


def shard_file(store: SavedBriefs, path: str) -> Path:
    """The store's file for the brief at ``path`` (in the project)."""
    return store.file(shard_of(path.removeprefix("briefs/")))


def test_the_three_briefs_are_saved_in_three_files(root: Path, store: SavedBriefs) -> None:
    """What the tests of single files below rely on."""
    files = {shard_file(store, path).name for path in EVERY_BRIEF}
    assert sorted(written(store)) == sorted(files)
    assert len(files) == 3


def test_a_second_load_parses_nothing_and_rewrites_nothing(
    root: Path, store: SavedBriefs, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = written(store)
    fresh = loaded(root)
    monkeypatch.setattr(brief, "split_front_matter", _never_parse)
    assert loaded(root, store) == fresh
    assert sorted(store.load()) == sorted(BRIEFS)
    assert written(store) == before


def test_a_brief_with_its_stamps_is_not_read_at_all(
    root: Path, store: SavedBriefs, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = loaded(root)
    settle_every_file(monkeypatch)
    assert loaded(root, store) == fresh  # read and digested: the stamps are saved
    stamps = written(store)[saved_briefs.STAMPS]
    monkeypatch.setattr(saved_briefs, "_digest", _never_digest)
    monkeypatch.setattr(brief, "split_front_matter", _never_parse)
    assert loaded(root, store) == fresh
    assert written(store)[saved_briefs.STAMPS] == stamps  # the same: not written again


def test_a_brief_changed_just_before_a_load_is_read_in_the_next(
    root: Path, store: SavedBriefs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its stamp is not kept: a change within the grain of the file's clock would keep it."""
    digested: list[str] = []
    digest = saved_briefs._digest

    def counted(prefix, path: str, *args):
        digested.append(path)
        return digest(prefix, path, *args)

    monkeypatch.setattr(saved_briefs, "_digest", counted)
    assert isinstance(loaded(root, store), tuple)
    assert sorted(digested) == sorted(BRIEFS)
    assert not store.stamps_file().exists()


def _never_digest(*args: object) -> None:
    raise AssertionError("a brief was read and digested")


def test_the_repository_briefs_come_from_the_store(
    store: SavedBriefs, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = loaded(REPO)
    assert loaded(REPO, store) == fresh
    monkeypatch.setattr(brief, "split_front_matter", _never_parse)
    assert loaded(REPO, store) == fresh


def test_many_briefs_come_from_the_store_on_two_cores(
    tmp_path: Path, store: SavedBriefs, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "synthetic"
    synthetic.make_project(project, WORTH_A_FORK + 10)  # enough to fork a second process
    fresh = loaded(project)
    assert loaded(project, store, two_cores=True) == fresh
    monkeypatch.setattr(brief, "split_front_matter", _never_parse)  # in either process
    assert loaded(project, store, two_cores=True) == fresh
    assert len(fresh[0]) == WORTH_A_FORK + 10


def _never_parse(text: str, display: str):
    raise AssertionError(f"{display} was parsed")


def _append(path: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        with (root / path).open("a", encoding="utf-8") as file:
            file.write(text)

    return change


def _edit_keeping_size_and_time(path: str) -> Callable[[Path], None]:
    """A letter of the brief changed, its size and modification time set back (a tool that
    restores times, or an edit within the grain of the file's clock)."""

    def change(root: Path) -> None:
        file = root / path
        before = file.stat()
        file.write_bytes(file.read_bytes().replace(b"exports", b"Exports", 1))
        os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert (file.stat().st_size, file.stat().st_mtime_ns) == (
            before.st_size,
            before.st_mtime_ns,
        )

    return change


def _replace_by_rename(path: str) -> Callable[[Path], None]:
    """The brief saved as editors save: a new file renamed over the old, with its time."""

    def change(root: Path) -> None:
        file, new = root / path, root / f"{path}.new"
        new.write_bytes(file.read_bytes().replace(b"exports", b"Exports", 1))
        shutil.copystat(file, new)
        new.replace(file)

    return change


def _rename(old: str, new: str) -> Callable[[Path], None]:
    return lambda root: (root / old).rename(root / new)


def _delete(path: str) -> Callable[[Path], None]:
    return lambda root: (root / path).unlink()


def _link_source(root: Path) -> None:
    """The source article becomes a symbolic link to a file of the same bytes."""
    article = root / "seeds/economy.txt"
    shutil.copy(article, root / "economy-copy.txt")
    article.unlink()
    article.symlink_to(root / "economy-copy.txt")


def _drop_story(root: Path) -> None:
    stories = root / "briefs/stories.yml"
    text = stories.read_text(encoding="utf-8")
    stories.write_text(text[: text.index("korean-trade:")], encoding="utf-8")


def _drop_tag(root: Path) -> None:
    tags = root / "briefs/tags.yml"
    text = tags.read_text(encoding="utf-8")
    tags.write_text(
        text[: text.index("economy:")] + text[text.index("russia-ukraine-war:") :], encoding="utf-8"
    )


EXPORTS_PROBLEM = {
    "source.sha256": "briefs/2025/06/10-exports.md:9: source.sha256: does not match",
    "symlink": "briefs/2025/06/10-exports.md:8: source.path: seeds/economy.txt is a symbolic",
    "story": "briefs/2025/06/10-exports.md:15: story: unknown story 'korean-trade'",
    "date": "briefs/2025/06/11-exports.md:3: date: 2025-06-10 disagrees with the file's path",
}
CHANGES = {
    # name: (change, the briefs parsed again, the start of each problem then, if any)
    "brief edited": (_append(EXPORTS, "Chips led.\n"), [EXPORTS], []),
    "brief edited, its size and time kept": (_edit_keeping_size_and_time(EXPORTS), [EXPORTS], []),
    "brief replaced by a renamed file": (_replace_by_rename(EXPORTS), [EXPORTS], []),
    "source article edited": (
        _append("seeds/economy.txt", "More.\n"),
        [EXPORTS],
        [EXPORTS_PROBLEM["source.sha256"]],
    ),
    "source article deleted": (
        _delete("seeds/economy.txt"),
        [EXPORTS],
        ["briefs/2025/06/10-exports.md:8: source.path: seeds/economy.txt does not exist"],
    ),
    "source article a symbolic link": (_link_source, [EXPORTS], [EXPORTS_PROBLEM["symlink"]]),
    "tags.yml edited": (
        _append(
            "briefs/tags.yml", "fishing:\n  title: Fishing\n  kind: topic\n  description: Boats.\n"
        ),
        EVERY_BRIEF,
        [],
    ),
    "tag removed from tags.yml": (
        _drop_tag,
        EVERY_BRIEF,
        ["briefs/2025/06/10-exports.md:14: tags[1]: unknown tag 'economy'"],
    ),
    "stories.yml edited": (_drop_story, EVERY_BRIEF, [EXPORTS_PROBLEM["story"]]),
    "stories.yml deleted": (
        _delete("briefs/stories.yml"),
        EVERY_BRIEF,
        ["briefs/2025/06/10-exports.md:15: story: unknown story 'korean-trade'; briefs/stories"],
    ),
    "brief renamed": (
        _rename(EXPORTS, "briefs/2025/06/10-trade.md"),
        ["briefs/2025/06/10-trade.md"],
        [],
    ),
    "brief moved to another day": (
        _rename(EXPORTS, "briefs/2025/06/11-exports.md"),
        ["briefs/2025/06/11-exports.md"],
        [EXPORTS_PROBLEM["date"]],
    ),
    "brief deleted": (_delete(EXPORTS), [], []),
}


def settle_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, every file counts as changed long enough ago for its stamp to be kept
    (as if each load ran a minute later)."""
    monkeypatch.setattr(saved_briefs, "SETTLED_NS", -60 * 10**9)


@pytest.mark.parametrize("stamped", [False, True], ids=["read", "stamped"])
@pytest.mark.parametrize(("change", "reparsed", "problems"), CHANGES.values(), ids=CHANGES)
def test_a_change_is_picked_up(
    root: Path,
    store: SavedBriefs,
    parsed: list[str],
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path], None],
    reparsed: list[str],
    problems: list[str],
    stamped: bool,
) -> None:
    """Whether the briefs were just written (and so are read and digested again) or the
    store has their stamps (and so they are not read unless their stamps changed)."""
    if stamped:
        settle_every_file(monkeypatch)
        assert load_again(root, store, parsed)[1] == []  # the stamps are saved
        assert store.stamps_file().exists()
    before = loaded(root)
    change(root)
    after, parsed_now = load_again(root, store, parsed)
    assert after != before
    assert parsed_now == reparsed
    if problems:
        assert isinstance(after, list) and len(after) == len(problems)
        assert all(line.startswith(start) for line, start in zip(after, problems, strict=True))
    else:
        assert isinstance(after, tuple)
        again, parsed_again = load_again(root, store, parsed)  # the store has the change now
        assert (again, parsed_again) == (after, [])


RENAMED = "briefs/2025/06/10-chip-exports.md"


@pytest.mark.parametrize(
    ("change", "rewritten"),
    [
        (_append(EXPORTS, "Chips led.\n"), [EXPORTS]),
        (_delete(EXPORTS), []),
        (_rename(EXPORTS, RENAMED), [RENAMED]),
    ],
    ids=["edited", "deleted", "renamed"],
)
def test_a_change_rewrites_only_the_file_of_its_brief(
    root: Path, store: SavedBriefs, change: Callable[[Path], None], rewritten: list[str]
) -> None:
    """At 100,000 briefs the store is half a gigabyte: an edit must not write it all. A
    file left with no brief is deleted."""
    before = written(store)
    change(root)
    assert isinstance(loaded(root, store), tuple)
    after = written(store)
    briefs = [file.relative_to(root).as_posix() for file in root.glob("briefs/*/*/*.md")]
    assert sorted(after) == sorted({shard_file(store, path).name for path in briefs})
    for path in briefs:
        name = shard_file(store, path).name
        assert (after[name] == before.get(name)) is (path not in rewritten)


def test_saving_deletes_files_of_another_format_and_leaves_temporary_ones(
    root: Path, store: SavedBriefs
) -> None:
    (store.folder / "saved-briefs.pickle").write_bytes(b"format 1")
    (store.folder / ".00.pickle.1234.tmp").write_bytes(b"another build's")
    (store.folder / "notes").mkdir()
    _append(EXPORTS, "Chips led.\n")(root)
    assert isinstance(loaded(root, store), tuple)
    expected = {shard_file(store, path).name for path in EVERY_BRIEF}
    assert sorted(written(store)) == sorted({*expected, ".00.pickle.1234.tmp", "notes"})


def test_the_story_change_test_edits_a_brief_that_follows_a_story(root: Path) -> None:
    archive = loaded(root)
    assert isinstance(archive, tuple)
    assert [entry.brief.story for entry in archive[0]] == [None, "korean-trade", None]


def test_briefs_saved_under_another_key_are_not_used(
    root: Path, store: SavedBriefs, parsed: list[str]
) -> None:
    other = SavedBriefs(store.folder, "newsbrief 1 abd")
    assert load_again(root, other, parsed)[1] == EVERY_BRIEF
    assert load_again(root, other, parsed)[1] == []
    assert load_again(root, store, parsed)[1] == EVERY_BRIEF  # each file: the key's last load


def _with_header(payload: bytes) -> Callable[[bytes, SavedBriefs], bytes]:
    """A file of this key and format whose checksum is right but whose payload is not one
    saved briefs have."""
    return lambda data, store: store._header() + hashlib.sha256(payload).digest() + payload


CORRUPTIONS = {
    "empty": lambda data, store: b"",
    "truncated": lambda data, store: data[: len(data) // 2],
    "its last byte changed": lambda data, store: data[:-1] + bytes([data[-1] ^ 1]),
    "a letter of a summary changed": lambda data, store: data.replace(
        b"Chip exports carried", b"Chip exports carries"
    ),
    "another format": lambda data, store: pickle.dumps(store.load()),  # with no header
    "another file's": lambda data, store: shard_file(store, TANKS).read_bytes(),
    "another version of the format": lambda data, store: data.replace(
        b"briefs\n\x02", b"briefs\n\x03", 1
    ),
    "not a pickle": _with_header(b"not a pickle"),
    "a pickle of a class no longer there": _with_header(
        b"cnewsbrief.archive.saved_briefs\nGone\n."
    ),
    "a pickle of a module no longer there": _with_header(b"cnewsbrief.gone\nGone\n."),
    "a pickle of something else": _with_header(pickle.dumps(["briefs"])),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS)
def test_a_store_that_cannot_be_read_is_ignored_and_rewritten(
    root: Path,
    store: SavedBriefs,
    parsed: list[str],
    corrupt: Callable[[bytes, SavedBriefs], bytes],
) -> None:
    """Only the briefs of that file are read again."""
    file = shard_file(store, EXPORTS)
    data = file.read_bytes()
    file.write_bytes(corrupt(data, store))
    assert sorted(store.load()) == sorted(BRIEFS.keys() - {EXPORTS.removeprefix("briefs/")})
    assert load_again(root, store, parsed)[1] == [EXPORTS]
    assert file.read_bytes() == data
    assert load_again(root, store, parsed)[1] == []


def test_a_store_file_that_cannot_be_opened_is_an_error(root: Path, store: SavedBriefs) -> None:
    file = shard_file(store, EXPORTS)
    file.unlink()
    file.mkdir()
    with pytest.raises(IsADirectoryError):
        store.load()
    with pytest.raises(IsADirectoryError):
        load_archive(root, saved=store)


def test_a_brief_with_a_problem_is_read_and_reported_each_time(
    tmp_path: Path, store: SavedBriefs, parsed: list[str]
) -> None:
    project = make_archive(
        tmp_path / "project", {**BRIEFS, "2025/05/04-untitled.md": "missing-title"}
    )
    problem = [
        "briefs/2025/05/04-untitled.md:1: title: required field is missing; add 'title:' with text"
    ]
    first, parsed_first = load_again(project, store, parsed)
    second, parsed_second = load_again(project, store, parsed)
    assert first == second == problem
    assert parsed_first == sorted([*EVERY_BRIEF, "briefs/2025/05/04-untitled.md"])
    assert parsed_second == ["briefs/2025/05/04-untitled.md"]
    assert sorted(store.load()) == sorted(BRIEFS)  # the good briefs are saved all the same


def test_briefs_read_while_the_vocabulary_changes_are_not_saved(
    tmp_path: Path, store: SavedBriefs, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_archive(tmp_path / "project", BRIEFS)
    split = brief.split_front_matter

    def editing_tags(text: str, display: str):
        _append("briefs/tags.yml", "# edited\n")(project)
        return split(text, display)

    monkeypatch.setattr(brief, "split_front_matter", editing_tags)
    assert isinstance(loaded(project, store), tuple)
    assert not store.folder.exists()


def test_a_brief_is_saved_with_the_source_article_it_was_checked_with(
    root: Path, store: SavedBriefs, monkeypatch: pytest.MonkeyPatch, parsed: list[str]
) -> None:
    """An article changed after the brief's check but before its digest is not saved."""
    _append(EXPORTS, "Chips led.\n")(root)
    check = brief._check_quotations

    def then_edit_the_article(*args: object) -> None:
        check(*args)
        if parsed[-1] == EXPORTS:
            _append("seeds/economy.txt", "More.\n")(root)

    monkeypatch.setattr(brief, "_check_quotations", then_edit_the_article)
    assert isinstance(loaded(root, store), tuple)  # checked before the article changed
    assert "2025/06/10-exports.md" not in store.load()
    monkeypatch.undo()
    assert loaded(root, store)[0].startswith(EXPORTS_PROBLEM["source.sha256"])


def test_a_cache_and_saved_briefs_do_not_go_together(root: Path, store: SavedBriefs) -> None:
    with pytest.raises(ValueError, match="not both"):
        load_archive(root, cache=BriefCache(), saved=store)


def test_saving_leaves_a_saved_file_whole_if_it_fails(
    root: Path, store: SavedBriefs, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = shard_file(store, EXPORTS)
    data, names = file.read_bytes(), sorted(written(store))
    _append(EXPORTS, "Chips led.\n")(root)

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", killed)  # as write_atomic renames its file
    with pytest.raises(KeyboardInterrupt):
        load_archive(root, saved=store, two_cores=False)
    assert file.read_bytes() == data
    assert sorted(written(store)) == names


def test_briefs_of_a_renamed_briefs_folder_are_read_again(
    root: Path, store: SavedBriefs, parsed: list[str]
) -> None:
    """A brief's path in messages and pages starts with the folder's."""
    (root / "briefs").rename(root / "news")
    archive = loaded(root, store, briefs="news")
    assert archive == loaded(root, briefs="news")
    assert sorted(parsed) == sorted(path.replace("briefs/", "news/") for path in EVERY_BRIEF * 2)
    assert archive[0][0].path == "news/2025/06/12-missiles.md"


def test_each_vocabulary_file_is_told_apart_absent_or_not(
    tmp_path: Path, store: SavedBriefs
) -> None:
    project = make_archive(tmp_path / "project", {"2025/05/04-kim-tank-factory.md": "valid"})
    (project / "briefs/stories.yml").unlink()
    fresh = loaded(project, store)
    assert isinstance(fresh, tuple)
    (project / "briefs/tags.yml").rename(project / "briefs/stories.yml")
    assert isinstance(loaded(project, store), list)  # the brief's tags are unknown now
    assert loaded(project, store) == loaded(project)


def test_each_entry_read_comes_with_the_digest_of_what_it_was_checked_against(
    root: Path, store: SavedBriefs
) -> None:
    """The build's cache digests a brief by it: another when its file changed, the same
    when it did not, whether parsed or from the store."""
    before = load_archive(root, saved=store, two_cores=False)
    first = {entry.path: store.digests[id(entry)][1] for entry in before.entries}
    (root / TANKS).write_text((root / TANKS).read_text("utf-8") + "\nMore.\n", "utf-8")
    after = load_archive(root, saved=store, two_cores=False)
    again = {entry.path: store.digests[id(entry)][1] for entry in after.entries}
    assert {entry.path for entry in after.entries} == set(first)
    assert all(store.digests[id(entry)][0] is entry for entry in after.entries)
    changed = {path for path in first if first[path] != again[path]}
    assert changed == {TANKS}
