"""Pages for the people, organisations and places briefs name.

Each kind has an index (``/people/``, ``/organizations/``, ``/places/``) and a page per
entity listing the briefs that name it, newest first, with its feeds (made by
:func:`newsbrief.site.feeds.entity_feeds` in the page's folder). People quoted as outside
experts also get their commentary on their page. Built in one pass over the published
briefs, so no name has a page without one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsbrief.archive.addresses import EntityAddresses, entity_index_uri, feeds_folder
from newsbrief.archive.brief import Entry
from newsbrief.archive.collection import archive_order
from newsbrief.archive.schema import Quote
from newsbrief.site.brief_page import (
    ENTITY_HEADINGS,
    brief_list,
    byline_of,
    feed_links,
)
from newsbrief.site.calls import call_directly
from newsbrief.site.content import (
    PageContent,
    blockquote,
    link,
    paragraph,
    table,
)
from newsbrief.site.listings import first_page_count, paginated, paginated_briefs
from newsbrief.site.markup import Html
from newsbrief.site.search_page import narrowed_search

KINDS = ENTITY_HEADINGS
INDEX_PAGE_SIZE = 200


@dataclass
class Named:
    """One person, organisation or place, and the briefs that name it (newest first)."""

    name: str
    uri: str
    entries: list[Entry] = field(default_factory=list)
    commentary: list[tuple[Entry, Quote]] = field(default_factory=list)


EntityIndex = dict[str, dict[str, Named]]
"""Every entity by kind and name."""


class EntityKeys(Collection[tuple[str, str]]):
    """The (kind, name) of every entity of an index, looked up in it, not copied."""

    def __init__(self, index: EntityIndex) -> None:
        self._index = index

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or len(key) != 2:
            return False
        kind, name = key
        return kind in self._index and name in self._index[kind]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((kind, name) for kind, names in self._index.items() for name in names)

    def __len__(self) -> int:
        return sum(map(len, self._index.values()))


def index_entities(entries: Sequence[Entry], addresses: EntityAddresses) -> EntityIndex:
    """Every entity by kind and name, with its page; a speaker counts as a person the
    brief names. Names that share a slug are two entities with pages of their own."""
    index: dict[str, dict[str, Named]] = {kind: {} for kind in KINDS}
    for entry in entries:
        for kind, names in entry.brief.named().items():
            for name in names:
                named = index[kind].get(name)
                if named is None:
                    named = index[kind][name] = Named(name, addresses.uri(kind, name))
                named.entries.append(entry)
        for quote in entry.brief.commentary:
            index["people"][quote.speaker].commentary.append((entry, quote))
    return index


def index_entities_again(
    index: EntityIndex,
    replaced: Collection[str],
    was: Iterable[Entry],
    now: Sequence[Entry],
    addresses: EntityAddresses,
) -> tuple[EntityIndex, set[tuple[str, str]]]:
    """:func:`index_entities` after briefs changed, from the ``index`` of before: only the
    entities the briefs changed name, before (``was``) or now, are indexed again. The
    briefs ``replaced`` are those changed or gone (source paths). The new index, and
    those entities by kind and name."""
    was, named = list(was), {id(entry): entry.brief.named() for entry in (*was, *now)}
    naming = {
        (kind, name): (
            {entry.src_uri: entry for entry in was if name in named[id(entry)][kind]},
            {entry.src_uri: entry for entry in now if name in named[id(entry)][kind]},
        )
        for entry in (*was, *now)
        for kind, names in named[id(entry)].items()
        for name in names
    }
    again = {kind: dict(items) for kind, items in index.items()}
    for (kind, name), (before_naming, now_naming) in naming.items():
        before = index[kind].get(name) or Named(name, "")
        if before_naming.keys() == now_naming.keys():  # edited in place: the same places
            swap = {id(before_naming[uri]): now_naming[uri] for uri in now_naming}
            entries = [swap.get(id(entry), entry) for entry in before.entries]
        else:
            entries = [entry for entry in before.entries if entry.src_uri not in replaced]
            entries += now_naming.values()
            entries.sort(key=archive_order, reverse=True)
        if not entries:
            again[kind].pop(name, None)
            continue
        said = [(e, quote) for e, quote in before.commentary if e.src_uri not in replaced]
        if kind == "people":
            said += [
                (e, q) for e in now_naming.values() for q in e.brief.commentary if q.speaker == name
            ]
            said.sort(key=lambda item: archive_order(item[0]), reverse=True)  # stable: in order
        again[kind][name] = Named(name, addresses.uri(kind, name), entries, said)
    return again, set(naming)


def entity_pages(index: dict[str, dict[str, Named]]) -> dict[str, PageContent]:
    """The index page of each kind and the page of every entity."""
    pages: dict[str, PageContent] = {}
    for kind, named in sorted_entities(index).items():
        pages.update(index_pages(kind, [(n.name, n.uri, len(n.entries)) for n in named]))
        for item in named:
            pages.update(pages_of(kind, item.name, item.uri, item.entries, item.commentary))
    return pages


def sorted_entities(index: dict[str, dict[str, Named]]) -> dict[str, list[Named]]:
    """Each kind's entities, A to Z (names alike but for case, in order of code points)."""
    return {kind: sorted(index[kind].values(), key=_alphabetical) for kind in KINDS}


def _alphabetical(named: Named) -> tuple[str, str]:
    return (named.name.casefold(), named.name)


def index_pages(
    kind: str, counts: list[tuple[str, str, int]], call: Callable[..., Any] = call_directly
) -> dict[str, PageContent]:
    """The index of one kind: each name (with its page) and its number of briefs, A to Z,
    paginated. ``call`` makes each page (``mkdocs serve`` passes a memo: a brief added
    makes again the pages of the names it counts for, and those after a new name)."""
    pages = paginated(entity_index_uri(kind), counts, size=INDEX_PAGE_SIZE)
    return {
        uri: call(_index_page, kind, len(counts), uri, chunk, pager) for uri, chunk, pager in pages
    }


def _index_page(
    kind: str, total: int, uri: str, chunk: Sequence[tuple[str, str, int]], pager: Html
) -> PageContent:
    label = KINDS[kind]
    column = "Person" if kind == "people" else label[:-1]
    rows = [(link(uri, page, name), str(n)) for name, page, n in chunk]
    page = PageContent.start(label, f"{label} named in the archive's briefs.")
    page.add(
        paragraph(f"{total} named in the briefs."),
        table((column, "Briefs"), rows, numeric=(1,)) if rows else paragraph("None yet."),
        pager,
    )
    return page


def description(name: str) -> str:
    """What an entity's page and feeds carry."""
    return f"Briefs that name {name}."


def pages_of(
    kind: str,
    name: str,
    first: str,
    entries: list[Entry],
    commentary: list[tuple[Entry, Quote]],
    call: Callable[..., Any] = call_directly,
) -> dict[str, PageContent]:
    """The pages of one entity, the first at ``first``: the briefs that name it, an
    expert's commentary, and links to its feeds (in the first page's folder). ``call``
    makes each page (``mkdocs serve`` passes its memo)."""
    pages = {}
    for uri, chunk, pager in paginated_briefs(first, entries):
        said = _said_in(chunk, commentary) if commentary else []
        count = first_page_count(uri, first, entries)
        pages[uri] = call(_entity_page, kind, name, first, count, uri, chunk, said, pager)
    return pages


def _said_in(
    chunk: Sequence[Entry], commentary: list[tuple[Entry, Quote]]
) -> list[tuple[Entry, Quote]]:
    """The commentary from the briefs of one page: each page carries its own briefs', so no
    page grows without bound."""
    listed = {entry.src_uri for entry in chunk}
    return [(entry, quote) for entry, quote in commentary if entry.src_uri in listed]


def _entity_page(
    kind: str,
    name: str,
    first: str,
    count: str | None,
    uri: str,
    chunk: Sequence[Entry],
    said: list[tuple[Entry, Quote]],
    pager: Html,
) -> PageContent:
    page = PageContent.start(name, description(name), feed_title=name if uri == first else None)
    all_of_kind = link(uri, entity_index_uri(kind), f"All {KINDS[kind].lower()}")
    follow = feed_links(uri, feeds_folder(first))
    page.add(byline_of(count, all_of_kind, follow))
    if kind == "people":  # the one kind search has a filter for
        page.add(narrowed_search(uri, "person", name, f"Search the briefs naming {name}"))
    if said:
        page.heading(2, "Commentary")
        page.add(_commentary(uri, said))
    page.heading(2, "Briefs")
    page.add(brief_list(uri, chunk), pager)
    return page


def _commentary(from_uri: str, commentary: list[tuple[Entry, Quote]]) -> Html:
    return Html().join(_commented(from_uri, entry, quote) for entry, quote in commentary)


def _commented(from_uri: str, entry: Entry, quote: Quote) -> Html:
    """One expert's quote, with the brief it is from."""
    where = Html("— on %s") % link(from_uri, entry.src_uri, entry.brief.title)
    if quote.role:
        where += ", " + quote.role
    return blockquote(paragraph(" ".join(quote.text.split())) + paragraph(where))
