"""Ingesting sources into the archive without ever losing an editor's work.

* a source whose sha256 is already some brief's source is a duplicate and is skipped, and
  so is a web address that is already some brief's ``source.url``;
* a web page is fetched (``ingest.fetch``) and ingested as a file from elsewhere, its
  ``source.url`` being where it was fetched from after redirects;
* a source outside seeds/ (briefs record a seed's path) is drafted from a copy in seeds/:
  an earlier copy with the same sha256 when there is one, else a new copy named after
  the draft's date and slug (``seeds/2019-11-19-two-officers-charged.html``), never
  replacing a file, and removed again (with seeds/ if it was made for it) if the draft
  is not written: a dry run leaves the file system as it was;
* an existing brief file is never overwritten without ``force``: a draft whose slug is
  taken gets a numbered one (slugs are unique archive-wide);
* writes are atomic (temporary file, then rename): a crash leaves no half-written brief;
* front matter keeps the schema's key order and ends with a newline, so diffs stay small;
* a draft close to a recent brief of a story gets a review note suggesting the story
  (``ingest.stories``), never the story itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import frontmatter

from newsbrief.archive.brief import parse_brief, read_front_matter
from newsbrief.archive.cores import map_on_two_cores
from newsbrief.archive.fsio import display_path, write_atomic
from newsbrief.archive.problems import NewsbriefError, Problem
from newsbrief.archive.vocabulary import Vocabulary
from newsbrief.ingest.article import Article
from newsbrief.ingest.draft import Draft, draft_brief
from newsbrief.ingest.fetch import PAGE_LIMITS, Limits, fetch_page
from newsbrief.ingest.readers import (
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    TEXT_SUFFIXES,
    read_source,
)
from newsbrief.ingest.stories import Followed, followed, story_note

SEEDS = "seeds"
SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/brief.schema.json"
"""A brief's first front-matter line: editors' YAML support checks it against the schema."""
SUFFIXES = (TEXT_SUFFIXES - {""}) | MARKDOWN_SUFFIXES | HTML_SUFFIXES


@dataclass(frozen=True)
class Outcome:
    """What became of one source: ``written``, ``dry-run``, ``duplicate`` or ``failed``;
    ``copy`` is the copy in seeds/ an outside source was (or, in a dry run, would be)
    drafted from."""

    source: str
    status: str
    detail: str
    brief: str | None = None
    text: str | None = None
    copy: str | None = None


class ExistingBriefs:
    """What ingest needs to know of the briefs already there: their sources' sha256 and
    addresses, their slugs, and those that follow a story.

    A brief's source is what the archive's reader finds in its front matter, unchecked: a
    draft an editor has half written, or a brief the checker refuses for another reason,
    still has its source, and ingest must not draft it again.
    """

    def __init__(self, briefs: Path, root: Path) -> None:
        self.folder = briefs
        self.root = root
        self.sources: dict[str, str] = {}
        self.addresses: dict[str, str] = {}
        self.slugs: set[str] = set()
        self.followed: list[Followed] = []
        files = sorted(briefs.rglob("*.md")) if briefs.is_dir() else []
        displays = [display_path(file, root) for file in files]
        # Reading every front matter is most of ingest's start in a large archive.
        found = map_on_two_cores(_known_of, list(zip(files, displays, strict=True)))
        for file, display, (sha256, url, thread) in zip(files, displays, found, strict=True):
            if sha256 is not None:
                self.sources[sha256] = display
            if url is not None:
                self.addresses[url] = display
            if thread is not None:
                self.followed.append(thread)
            self.slugs.add(file.stem.split("-", 1)[-1])

    def target(self, draft: Draft) -> Path:
        return self.folder / f"{draft.date:%Y/%m}" / f"{draft.date:%d}-{draft.slug}.md"


def _known_of(
    brief_and_display: tuple[Path, str],
) -> tuple[str | None, str | None, Followed | None]:
    """The sha256 and address of the brief's source article as its front matter gives
    them, and the story it follows; None for each it does not give, or when it has no
    front matter that can be read (``newsbrief check`` says why)."""
    brief, display = brief_and_display
    try:
        front_matter = read_front_matter(brief, display)
    except NewsbriefError:
        return None, None, None
    source = front_matter.get("source")
    fields = source if isinstance(source, dict) else {}
    sha256, url = fields.get("sha256"), fields.get("url")
    return (
        sha256 if isinstance(sha256, str) else None,
        url if isinstance(url, str) else None,
        followed(front_matter, display),
    )


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Each source file; a folder gives its article files, sorted."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            yield path


def ingest_one(
    source: Path,
    archive: ExistingBriefs,
    vocabulary: Vocabulary,
    *,
    today: dt.date,
    force: bool = False,
    dry_run: bool = False,
) -> Outcome:
    """Read, analyse and write one source; every problem becomes a ``failed`` outcome."""
    display = display_path(source, archive.root)
    return _ingest(source, display, archive, vocabulary, today, force, dry_run, address=None)


def ingest_address(
    url: str,
    archive: ExistingBriefs,
    vocabulary: Vocabulary,
    *,
    today: dt.date,
    force: bool = False,
    dry_run: bool = False,
    limits: Limits = PAGE_LIMITS,
) -> Outcome:
    """Fetch the web page at ``url`` and ingest it as a file from outside seeds/ (saved
    there as fetched, then drafted from that copy); every problem becomes a ``failed``
    outcome. A page whose address, as given or after redirects, is already some brief's
    ``source.url`` is a duplicate, found before anything is saved."""
    owner = _owner_of(url, archive, force)
    if owner is not None:
        return _duplicate(url, owner)
    try:
        page = fetch_page(url, limits)
    except NewsbriefError as error:
        return _failure(url, error)
    owner = _owner_of(page.url, archive, force)
    if owner is not None:
        return _duplicate(url, owner)
    with tempfile.TemporaryDirectory(prefix="newsbrief-") as folder:
        received = Path(folder) / f"page{page.suffix}"  # read as the suffix says
        try:
            received.write_bytes(page.data)
        except OSError as error:
            return _failure(url, _refused(url, f"cannot be saved to be read: {error.strerror}"))
        return _ingest(received, url, archive, vocabulary, today, force, dry_run, page.url)


def _owner_of(url: str, archive: ExistingBriefs, force: bool) -> str | None:
    """The brief whose ``source.url`` is ``url``, unless ``force`` ingests it again."""
    return None if force else archive.addresses.get(url)


def _ingest(
    source: Path,
    display: str,
    archive: ExistingBriefs,
    vocabulary: Vocabulary,
    today: dt.date,
    force: bool,
    dry_run: bool,
    address: str | None,
) -> Outcome:
    """Ingest the file ``source``, shown as ``display``; ``address`` is the web address it
    was fetched from, if it was."""
    try:
        article, seed = _read(source, archive.root, display)
        if article.sha256 in archive.sources and not force:
            return _duplicate(display, archive.sources[article.sha256])
        draft = _unique(draft_brief(article, vocabulary, today), archive, force)
        draft = draft if address is None else _fetched_from(draft, address)
        draft = _with_story_note(draft, archive.followed, vocabulary)
        target = archive.target(draft)
        with _in_seeds(source, display, seed, draft, archive.root, keep=not dry_run) as placed:
            draft = _with_source_path(draft, placed)
            text = render_draft(draft)
            passing(text, target, archive, vocabulary, display)
            if not dry_run:
                _write_brief(target, text, archive.root)
    except NewsbriefError as error:
        return _failure(display, error)
    shown = display_path(target, archive.root)
    copy = None if placed == seed else placed
    if dry_run:
        return Outcome(display, "dry-run", "not written", shown, text, copy)
    archive.sources[article.sha256] = shown
    if address is not None:
        archive.addresses[address] = shown
    archive.slugs.add(draft.slug)
    return Outcome(display, "written", "draft brief", shown, copy=copy)


def _duplicate(display: str, owner: str) -> Outcome:
    return Outcome(display, "duplicate", f"already the source of {owner}", owner)


def _failure(display: str, error: NewsbriefError) -> Outcome:
    return Outcome(display, "failed", "; ".join(str(p) for p in error.problems))


def _read(source: Path, root: Path, display: str) -> tuple[Article, str | None]:
    """The source's article and its path in seeds/: its own; for a file from elsewhere, an
    earlier copy's with the same sha256, or None when there is no copy yet."""
    seed = seed_path(source, root)
    article = read_source(source, seed or display)
    return article, seed or earlier_copy(source, article.sha256, root, display)


def _write_brief(target: Path, text: str, root: Path) -> None:
    """Write the draft brief, or say where and why it could not be written."""
    try:
        write_atomic(target, text)
    except OSError as error:
        shown = display_path(target, root)
        raise NewsbriefError(
            [Problem(shown, 1, "file", f"cannot be written: {error.strerror}")]
        ) from None


def render_draft(draft: Draft) -> str:
    """The brief file: the schema line, front matter in schema order, the summary, and a
    final newline."""
    post = frontmatter.Post(draft.body, **draft.front_matter)
    text = frontmatter.dumps(post, sort_keys=False, width=88).rstrip("\n") + "\n"
    return text.replace("---\n", f"---\n{SCHEMA_LINE}\n", 1)


def passing(
    text: str, target: Path, archive: ExistingBriefs, vocabulary: Vocabulary, source: str
) -> None:
    """Refuse a brief file ``newsbrief check`` would refuse at ``target`` in the ``archive``'s
    folder (briefs/, or ingest's --out): drafting never writes one. The problems are the
    source's, as it is the source that cannot be drafted."""
    try:
        parse_brief(text, target, archive.root, archive.folder, vocabulary)
    except NewsbriefError as error:
        raise NewsbriefError(
            [Problem(source, 1, "draft", f"would not pass the check: {p}") for p in error.problems]
        ) from None


def _unique(draft: Draft, archive: ExistingBriefs, force: bool) -> Draft:
    """The draft under a slug no other brief uses (slugs are unique archive-wide)."""
    if force:
        return draft
    slug = next(slug for slug in _numbered(draft.slug) if slug not in archive.slugs)
    return dataclasses.replace(draft, slug=slug)


def _numbered(name: str) -> Iterator[str]:
    """``name``, then ``name-2``, ``name-3``...: the names to try in turn until one is free."""
    yield name
    for number in itertools.count(2):
        yield f"{name}-{number}"


def read_seed(source: Path, root: Path) -> Article:
    """The article of a source file, which must be under seeds/ (briefs record its path)."""
    seed = seed_path(source, root)
    if seed is None:
        raise _refused(display_path(source, root), f"is not inside {SEEDS}/; copy the article "
                       f"there, or ingest it with `newsbrief ingest`, which copies it")  # fmt: skip
    return read_source(source, seed)


def seed_path(source: Path, root: Path) -> str | None:
    """The source's path under seeds/, as briefs record it; None for a file elsewhere.

    A file listed in seeds/ that leads out of it (a symbolic link) is refused: a brief
    naming it could bring in any file of the machine that builds the site.
    """
    seeds = (root / SEEDS).resolve()
    display = display_path(source, root)
    if not source.exists():
        raise _refused(display, "no such file")
    if source.resolve().is_relative_to(seeds):
        return f"{SEEDS}/{source.resolve().relative_to(seeds).as_posix()}"
    if _listed_in_seeds(source, root):
        raise _refused(display, f"is not inside {SEEDS}/ (a link may point outside it); "
                       f"copy the article itself into {SEEDS}/")  # fmt: skip
    return None


def _listed_in_seeds(source: Path, root: Path) -> bool:
    """Whether ``source`` is listed in seeds/ or a folder of it, wherever a link leads."""
    seeds = Path(os.path.normpath((root / SEEDS).absolute()))
    listed = Path(os.path.normpath(source.absolute()))
    return listed.is_relative_to(seeds) or source.parent.resolve().is_relative_to(seeds.resolve())


def earlier_copy(source: Path, sha256: str, root: Path, display: str) -> str | None:
    """The path of a file in seeds/ with the same content as ``source``, if there is one.

    Every file counts, whatever its suffix: a copy need not be one ingest would read.
    """
    try:
        size = source.stat().st_size
        for file in sorted((root / SEEDS).rglob("*")):
            same_size = file.is_file() and not file.is_symlink() and file.stat().st_size == size
            if same_size and hashlib.sha256(file.read_bytes()).hexdigest() == sha256:
                return display_path(file, root)
    except OSError as error:
        unreadable = display_path(Path(error.filename), root) if error.filename else SEEDS
        raise _refused(display, f"cannot look for an earlier copy in {SEEDS}/: "
                       f"{unreadable}: {error.strerror}") from None  # fmt: skip
    return None


@contextmanager
def _in_seeds(
    source: Path, display: str, seed: str | None, draft: Draft, root: Path, *, keep: bool
) -> Iterator[str]:
    """The source's path in seeds/ while its draft is checked and written: its own, or for
    a source from elsewhere a new copy. The copy, and seeds/ when it was made for it, are
    removed again unless the draft is written and ``keep`` (a dry run keeps nothing)."""
    if seed is not None:
        yield seed
        return
    with ExitStack() as undo:
        try:
            copy = _copy_into_seeds(source, display, draft, root, undo)
        except OSError as error:
            raise _refused(display, f"cannot be copied into {SEEDS}/: {error.strerror}") from None
        yield display_path(copy, root)
        if keep:
            undo.pop_all()


def _copy_into_seeds(source: Path, display: str, draft: Draft, root: Path, undo: ExitStack) -> Path:
    """An atomic copy of ``source`` at ``seeds/<date>-<slug><suffix>``, numbered ``-2``,
    ``-3``... when the name is taken: an existing file is never replaced. How to remove
    the copy, and seeds/ when it is made here, goes on ``undo``."""
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != draft.front_matter["source"]["sha256"]:
        raise _refused(display, "changed while it was read; ingest it again")
    seeds = root / SEEDS
    if not seeds.is_dir():
        seeds.mkdir()
        undo.callback(seeds.rmdir)
    stem = f"{draft.date:%Y-%m-%d}-{draft.slug}"
    suffix = source.suffix.lower() or ".txt"  # a file without a suffix is read as text
    copies = (seeds / f"{name}{suffix}" for name in _numbered(stem))
    copy = next(copy for copy in copies if _written_unless_taken(copy, data))
    undo.callback(copy.unlink, missing_ok=True)
    return copy


def _written_unless_taken(path: Path, data: bytes) -> bool:
    """Whether ``data`` was written to ``path``: False, writing nothing, if a file is there."""
    try:
        write_atomic(path, data, replace=False)
    except FileExistsError:
        return False
    return True


def _fetched_from(draft: Draft, address: str) -> Draft:
    """The draft of a page fetched from ``address``, its ``source.url``: where the saved
    bytes came from, and what the next run of a feed finds without fetching the page
    again. A page naming another address for itself (its canonical link, which some sites
    get wrong) leaves the choice to the editor in a review note."""
    source = draft.front_matter["source"]
    review = draft.front_matter["review"]
    if source["url"] not in (None, address):
        note = f"source.url: fetched from {address}; the page names {source['url']} as its address"
        review = [*review, note]
    front_matter = {**draft.front_matter, "source": {**source, "url": address}, "review": review}
    return dataclasses.replace(draft, front_matter=front_matter)


def _with_story_note(draft: Draft, briefs: list[Followed], vocabulary: Vocabulary) -> Draft:
    """``draft`` with a review note suggesting the story of a close recent brief, if any."""
    note = story_note(draft.front_matter, briefs, vocabulary)
    if note is None:
        return draft
    review = [*draft.front_matter["review"], note]
    return dataclasses.replace(draft, front_matter={**draft.front_matter, "review": review})


def _with_source_path(draft: Draft, path: str) -> Draft:
    """``draft`` naming ``path`` as its source's path."""
    source = {**draft.front_matter["source"], "path": path}
    return dataclasses.replace(draft, front_matter={**draft.front_matter, "source": source})


def _refused(display: str, message: str) -> NewsbriefError:
    return NewsbriefError([Problem(display, 1, "source", message)])
