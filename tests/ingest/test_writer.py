"""Writing drafts: valid briefs, duplicates skipped, editors' files never clobbered."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import shutil
import stat
from pathlib import Path
from unittest import mock

import pytest

from newsbrief.archive.collection import load_archive
from newsbrief.archive.vocabulary import load_vocabulary
from newsbrief.ingest.writer import SCHEMA_LINE, ExistingBriefs, ingest_one

from ..conftest import FIXTURES, REPO, problems_of

SEED_NAME = "2025-05-04-nationpress-kim-jong-un-inspects-tank-factory.txt"
TARGET = "briefs/2025/05/04-did-north-koreas-kim-inspect-an-upgraded-tank-factory.md"
TODAY = dt.date(2026, 11, 24)
SEED_SHA256 = hashlib.sha256((REPO / "seeds" / SEED_NAME).read_bytes()).hexdigest()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "briefs").mkdir()
    shutil.copy(REPO / "briefs/tags.yml", tmp_path / "briefs/tags.yml")
    (tmp_path / "seeds").mkdir()
    shutil.copy(REPO / "seeds" / SEED_NAME, tmp_path / "seeds" / SEED_NAME)
    return tmp_path


def ingest(project: Path, source: Path, **options: bool):
    vocabulary = load_vocabulary(project / "briefs/tags.yml", "briefs/tags.yml")
    archive = ExistingBriefs(project / "briefs", project)
    return ingest_one(source, archive, vocabulary, today=TODAY, **options)


def test_written_draft_passes_the_checker_and_keeps_key_order(project: Path) -> None:
    outcome = ingest(project, project / "seeds" / SEED_NAME)
    assert (outcome.status, outcome.brief) == ("written", TARGET)
    text = (project / TARGET).read_text(encoding="utf-8")
    assert text.startswith(
        "---\n# yaml-language-server: $schema=../../../schemas/brief.schema.json\n"
        "title: Did North Korea's Kim Inspect an Upgraded Tank Factory?\n"
    )
    assert text.index("\ndate:") < text.index("\nsource:") < text.index("\ntags:")
    assert text.endswith(".\n") and not text.endswith("\n\n")
    (entry,) = load_archive(project).entries
    assert entry.brief.draft is True


def test_same_source_again_is_a_duplicate_and_changes_nothing(project: Path) -> None:
    ingest(project, project / "seeds" / SEED_NAME)
    edited = (project / TARGET).read_text() + "\nAn editor's addition.\n"
    (project / TARGET).write_text(edited)
    outcome = ingest(project, project / "seeds" / SEED_NAME)
    assert (outcome.status, outcome.detail) == ("duplicate", f"already the source of {TARGET}")
    assert (project / TARGET).read_text() == edited


# The seed's source entry in YAML styles a line-by-line scan for "sha256: <hex>" misses or
# misreads; each is how an editor may well write it.
SOURCE_STYLES = {
    "flow mapping, keys reordered, sha256 quoted": (
        f'source: {{sha256: "{SEED_SHA256}", path: seeds/{SEED_NAME}, name: NationPress}}\n'
    ),
    "sha256 on the line below its key, after a comment": (
        f"source:\n  name: NationPress  # the print edition\n  path: seeds/{SEED_NAME}\n"
        f"  sha256:  # sha256sum seeds/{SEED_NAME}\n    {SEED_SHA256}\n"
    ),
    "another sha256 quoted in a note above the source": (
        f"review:\n  - |\n    An earlier version of the article had\n    sha256: {'0' * 64}\n"
        f"source:\n  name: NationPress\n  path: seeds/{SEED_NAME}\n  sha256: '{SEED_SHA256}'\n"
    ),
}
UNRELATED_PROBLEM = "takeway: a typo for takeaways, which the checker refuses\n"


def an_editor_s_draft(source: str, extra: str) -> str:
    """A draft brief on the seed article, its source entry written as ``source``."""
    return (
        "---\ntitle: Kim inspects a tank factory\ndate: 2025-05-04\ndraft: true\n"
        "synopsis: Kim inspected a tank factory.\ntakeaways: [Kim inspected a tank factory.]\n"
        f"tags: [north-korea]\n{source}{extra}"
        "---\n\nTo be written.\n"
    )


@pytest.mark.parametrize("style", SOURCE_STYLES)
@pytest.mark.parametrize("extra", ["", UNRELATED_PROBLEM], ids=["checked", "refused"])
def test_a_draft_s_source_is_a_duplicate_however_its_yaml_writes_it(
    project: Path, style: str, extra: str
) -> None:
    draft = project / "briefs/2025/05/04-kim-inspects-a-tank-factory.md"
    draft.parent.mkdir(parents=True)
    draft.write_text(an_editor_s_draft(SOURCE_STYLES[style], extra), encoding="utf-8")
    problems = problems_of(project)
    assert [p.split(" ", 2)[1] for p in problems] == (["takeway:"] if extra else [])
    outcome = ingest(project, project / "seeds" / SEED_NAME)
    owner = "briefs/2025/05/04-kim-inspects-a-tank-factory.md"
    assert (outcome.status, outcome.detail) == ("duplicate", f"already the source of {owner}")
    assert [p.name for p in draft.parent.iterdir()] == [draft.name]


def test_existing_brief_is_replaced_only_with_force(project: Path) -> None:
    (project / TARGET).parent.mkdir(parents=True)
    (project / TARGET).write_text("an editor's file\n")
    outcome = ingest(project, project / "seeds" / SEED_NAME)
    assert outcome.brief == TARGET.replace("factory.md", "factory-2.md")
    assert (project / TARGET).read_text() == "an editor's file\n"
    assert ingest(project, project / "seeds" / SEED_NAME, force=True).brief == TARGET
    assert (project / TARGET).read_text().startswith(f"---\n{SCHEMA_LINE}\ntitle:")
    assert {p.name for p in (project / TARGET).parent.iterdir()} == {
        Path(TARGET).name,
        Path(TARGET).name.replace("factory.md", "factory-2.md"),
    }


def test_dry_run_writes_nothing(project: Path) -> None:
    outcome = ingest(project, project / "seeds" / SEED_NAME, dry_run=True)
    assert outcome.status == "dry-run" and outcome.text.startswith(f"---\n{SCHEMA_LINE}\ntitle:")
    assert not (project / TARGET).exists()


def test_a_taken_slug_gets_a_number(project: Path) -> None:
    other = project / "briefs/2024/01/02-did-north-koreas-kim-inspect-an-upgraded-tank-factory.md"
    other.parent.mkdir(parents=True)
    other.write_text("---\n---\n")
    outcome = ingest(project, project / "seeds" / SEED_NAME)
    assert outcome.brief == TARGET.replace("factory.md", "factory-2.md")


def test_links_in_seeds_that_lead_outside_are_refused(project: Path, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "article.txt"
    outside.write_text("Seoul and Tokyo agree\n\nSEOUL (Yonhap) -- They agreed.\n")
    (project / "seeds/link.txt").symlink_to(outside)
    (project / "seeds/folder").symlink_to(outside.parent, target_is_directory=True)
    for link in ("seeds/link.txt", "seeds/folder/article.txt"):
        outcome = ingest(project, project / link)
        assert outcome.status == "failed"
        assert "is not inside seeds/ (a link may point outside it)" in outcome.detail
    assert not (project / "briefs/2025").exists()
    assert {p.name for p in (project / "seeds").iterdir()} == {SEED_NAME, "folder", "link.txt"}


PAGE = FIXTURES / "html/kim-tank-factory.html"
PAGE_COPY = "seeds/2025-05-04-did-north-koreas-kim-inspect-an-upgraded-tank-factory.html"


@pytest.fixture
def downloaded(tmp_path_factory) -> Path:
    """A saved page outside the project, as in ~/Downloads."""
    page = tmp_path_factory.mktemp("Downloads") / "page.HTML"
    shutil.copy(PAGE, page)
    return page


def seeds_of(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (project / "seeds").iterdir()}


def test_a_source_from_outside_is_copied_into_seeds_and_drafted_from_the_copy(
    project: Path, downloaded: Path
) -> None:
    outcome = ingest(project, downloaded)
    assert (outcome.status, outcome.brief, outcome.copy) == ("written", TARGET, PAGE_COPY)
    assert (project / PAGE_COPY).read_bytes() == PAGE.read_bytes()
    assert downloaded.read_bytes() == PAGE.read_bytes()  # the original stays where it was
    (entry,) = load_archive(project).entries  # the checker accepts it: path and sha256 agree
    assert entry.brief.source.path == PAGE_COPY
    assert entry.brief.source.url.endswith("/did-north-koreas-kim-inspect-an-upgraded-tank-factory")


def test_the_briefs_sources_are_known_by_sha256_and_by_address(
    project: Path, downloaded: Path
) -> None:
    ingest(project, downloaded)
    archive = ExistingBriefs(project / "briefs", project)
    assert archive.sources == {hashlib.sha256(PAGE.read_bytes()).hexdigest(): TARGET}
    assert archive.addresses == {
        "https://www.nationpress.com/international/"
        "did-north-koreas-kim-inspect-an-upgraded-tank-factory": TARGET
    }


def test_an_outside_source_again_is_found_by_its_copy_s_sha256(
    project: Path, downloaded: Path
) -> None:
    ingest(project, downloaded)
    before = seeds_of(project)
    outcome = ingest(project, downloaded)
    assert (outcome.status, outcome.brief, outcome.copy) == ("duplicate", TARGET, None)
    (project / TARGET).unlink()  # the editor threw the draft away: it is drafted again ...
    outcome = ingest(project, downloaded)
    assert (outcome.status, outcome.copy) == ("written", None)  # ... from the earlier copy
    assert seeds_of(project) == before
    (entry,) = load_archive(project).entries
    assert entry.brief.source.path == PAGE_COPY


def test_a_taken_seed_name_gets_a_number_and_no_file_is_replaced(
    project: Path, downloaded: Path
) -> None:
    (project / PAGE_COPY).write_text("another article\n", encoding="utf-8")
    (project / PAGE_COPY.replace(".html", "-2.html")).write_text("a third\n", encoding="utf-8")
    outcome = ingest(project, downloaded)
    assert outcome.copy == PAGE_COPY.replace(".html", "-3.html")
    assert (project / PAGE_COPY).read_text(encoding="utf-8") == "another article\n"
    assert (project / outcome.copy).read_bytes() == PAGE.read_bytes()
    assert load_archive(project).entries[0].brief.source.path == outcome.copy


def test_an_outside_source_that_cannot_be_drafted_leaves_no_copy(
    project: Path, tmp_path_factory
) -> None:
    pasted = tmp_path_factory.mktemp("Downloads") / "phishing.txt"
    pasted.write_text(
        "North Korea phishing\n\nSEOUL (Yonhap) -- It hid in [a link](javascript:alert(1)).\n",
        encoding="utf-8",
    )
    before = seeds_of(project)
    outcome = ingest(project, pasted)
    assert outcome.status == "failed"
    assert outcome.detail.startswith(f"{pasted}:1: draft: would not pass the check: ")
    assert seeds_of(project) == before
    assert not list((project / "briefs").rglob("*.md"))


def test_a_dry_run_of_an_outside_source_names_its_copy_and_leaves_none(
    project: Path, downloaded: Path
) -> None:
    before = seeds_of(project)
    outcome = ingest(project, downloaded, dry_run=True)
    assert (outcome.status, outcome.copy) == ("dry-run", PAGE_COPY)
    assert f"  path: {PAGE_COPY}\n" in outcome.text
    assert seeds_of(project) == before


def test_a_short_article_drafts_with_its_synopsis_as_the_takeaway(project: Path) -> None:
    source = project / "seeds/short.txt"
    source.write_text("Seoul and Tokyo agree\n\nSEOUL (Yonhap) -- They agreed.\n", encoding="utf-8")
    outcome = ingest(project, source)
    assert outcome.status == "written", outcome
    (entry,) = load_archive(project).entries
    assert entry.brief.takeaways == [entry.brief.synopsis]
    assert any(
        note.startswith("takeaways: the article is too short") for note in entry.brief.review
    )


def test_text_that_looks_like_html_stays_text_in_the_draft(project: Path) -> None:
    source = project / "seeds/markup.txt"
    text = "North Korea browsers patched\n\nSEOUL (Yonhap) -- A flaw let <script> tags run.\n"
    source.write_text(text, encoding="utf-8")
    assert ingest(project, source).status == "written"
    (entry,) = load_archive(project).entries
    assert "let &lt;script> tags run" in entry.body


def test_a_draft_the_checker_would_refuse_is_not_written(project: Path) -> None:
    source = project / "seeds/link.txt"
    text = "North Korea phishing\n\nSEOUL (Yonhap) -- It hid in [a link](javascript:alert(1)).\n"
    source.write_text(text, encoding="utf-8")
    outcome = ingest(project, source)
    assert outcome.status == "failed"
    assert outcome.detail.startswith(
        "seeds/link.txt:1: draft: would not pass the check: "
        "briefs/2026/11/24-north-korea-phishing.md:"
    )
    assert "body: link address 'javascript:alert(1)' is not allowed" in outcome.detail
    assert not (project / "briefs/2026").exists()


def test_drafts_written_under_another_folder_are_checked_there(project: Path) -> None:
    vocabulary = load_vocabulary(project / "briefs/tags.yml", "briefs/tags.yml")
    archive = ExistingBriefs(project / "drafts", project)  # `newsbrief ingest --out drafts`
    outcome = ingest_one(project / "seeds" / SEED_NAME, archive, vocabulary, today=TODAY)
    assert (outcome.status, outcome.brief) == ("written", TARGET.replace("briefs/", "drafts/"))


def refuse_to_create_files_in(folder: Path, monkeypatch) -> None:
    """Make creating a file in ``folder`` fail as in a folder one may not write to (tests
    may run as root, who may write anywhere, so the folder's mode would not do)."""
    real_open = os.open

    def guarded_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and Path(path).parent == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)


def test_a_seeds_folder_that_cannot_be_written_gives_a_located_error(
    project: Path, downloaded: Path, monkeypatch
) -> None:
    before = seeds_of(project)
    refuse_to_create_files_in(project / "seeds", monkeypatch)
    outcome = ingest(project, downloaded)
    assert (outcome.status, outcome.detail) == (
        "failed",
        f"{downloaded}:1: source: cannot be copied into seeds/: Permission denied",
    )
    assert seeds_of(project) == before
    assert not list((project / "briefs").rglob("*.md"))


def test_without_hard_links_the_copy_is_still_made_and_nothing_else_is_left(
    project: Path, downloaded: Path, monkeypatch
) -> None:
    refused = PermissionError(errno.EPERM, os.strerror(errno.EPERM))
    monkeypatch.setattr(Path, "hardlink_to", mock.Mock(side_effect=refused))  # as on FAT
    (project / PAGE_COPY).write_text("another article\n", encoding="utf-8")
    outcome = ingest(project, downloaded)
    assert (outcome.status, outcome.copy) == ("written", PAGE_COPY.replace(".html", "-2.html"))
    assert (project / PAGE_COPY).read_text(encoding="utf-8") == "another article\n"
    assert seeds_of(project) == {
        SEED_NAME: (REPO / "seeds" / SEED_NAME).read_bytes(),
        Path(PAGE_COPY).name: b"another article\n",
        Path(outcome.copy).name: PAGE.read_bytes(),
    }


def test_an_unreadable_file_in_seeds_gives_a_located_error(
    project: Path, downloaded: Path, monkeypatch
) -> None:
    locked = project / "seeds/locked.html"
    locked.write_bytes(b"x" * downloaded.stat().st_size)  # compared, as it has the same size
    before = seeds_of(project)
    read_bytes = Path.read_bytes

    def guarded_read_bytes(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)
    outcome = ingest(project, downloaded)
    assert (outcome.status, outcome.detail) == (
        "failed",
        f"{downloaded}:1: source: cannot look for an earlier copy in seeds/: "
        "seeds/locked.html: Permission denied",
    )
    monkeypatch.undo()
    assert seeds_of(project) == before


SHORT_ARTICLE = b"Seoul and Tokyo agree\n\nSEOUL (Yonhap) -- They agreed.\n"


def test_a_source_without_a_suffix_is_copied_once_as_text(project: Path, tmp_path_factory) -> None:
    pasted = tmp_path_factory.mktemp("Downloads") / "article"
    pasted.write_bytes(SHORT_ARTICLE)
    outcome = ingest(project, pasted)
    assert outcome.status == "written" and outcome.copy.endswith("-seoul-and-tokyo-agree.txt")
    before = seeds_of(project)
    again = ingest(project, pasted, force=True)
    assert (again.status, again.copy) == ("written", None)  # drafted from the first copy
    assert seeds_of(project) == before


def test_an_earlier_copy_is_found_whatever_its_name(project: Path, tmp_path_factory) -> None:
    (project / "seeds/pasted-without-a-suffix").write_bytes(SHORT_ARTICLE)
    source = tmp_path_factory.mktemp("Downloads") / "article.txt"
    source.write_bytes(SHORT_ARTICLE)
    before = seeds_of(project)
    outcome = ingest(project, source)
    assert (outcome.status, outcome.copy) == ("written", None)
    assert seeds_of(project) == before
    (entry,) = load_archive(project).entries
    assert entry.brief.source.path == "seeds/pasted-without-a-suffix"


def test_an_outside_source_leaves_no_seeds_folder_unless_its_draft_is_written(
    project: Path, downloaded: Path, tmp_path_factory
) -> None:
    shutil.rmtree(project / "seeds")
    assert ingest(project, downloaded, dry_run=True).copy == PAGE_COPY
    assert not (project / "seeds").exists()
    phishing = tmp_path_factory.mktemp("Downloads") / "phishing.txt"
    phishing.write_bytes(b"Phishing\n\nSEOUL (Yonhap) -- A [link](javascript:alert(1)).\n")
    assert ingest(project, phishing).status == "failed"
    assert not (project / "seeds").exists()
    assert ingest(project, downloaded).copy == PAGE_COPY
    assert list(seeds_of(project)) == [Path(PAGE_COPY).name]


def test_copies_and_briefs_get_the_usual_mode(project: Path, downloaded: Path) -> None:
    umask = os.umask(0o027)
    try:
        outcome = ingest(project, downloaded)
    finally:
        os.umask(umask)
    for written in (outcome.copy, outcome.brief):
        assert stat.S_IMODE((project / written).stat().st_mode) == 0o640  # 0o666 less the umask


def test_a_brief_that_cannot_be_written_is_a_located_failure(project: Path) -> None:
    refused = OSError(errno.EACCES, os.strerror(errno.EACCES))
    with mock.patch("newsbrief.ingest.writer.write_atomic", side_effect=refused):
        outcome = ingest(project, project / "seeds" / SEED_NAME)
    assert (outcome.status, outcome.detail) == (
        "failed",
        f"{TARGET}:1: file: cannot be written: Permission denied",
    )
    assert not (project / TARGET).exists()
