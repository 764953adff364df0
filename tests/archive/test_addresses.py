"""The site's address scheme, and a page of its own for every name."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsbrief.archive.addresses import (
    EntityAddresses,
    absolute_url,
    brief_uri,
    feeds_folder,
    page_uris,
    tag_uri,
)
from newsbrief.archive.schema import Brief, Quote, Source


def brief(**names: list[str]) -> Brief:
    source = Source(name="Wire", url=None, path="seeds/a.txt", sha256="0" * 64)
    return Brief(
        title="T", date=dt.date(2025, 5, 4), source=source, cites=[], synopsis="S",
        takeaways=["K"], tags=[], **{"people": [], "organizations": [], "places": [], **names},
    )  # fmt: skip


def test_briefs_and_listings_have_their_addresses() -> None:
    assert brief_uri(dt.date(2025, 5, 4), "kim") == "2025/05/04/kim.md"
    assert page_uris("tags/military.md", 3) == [
        "tags/military.md",
        "tags/military/page/2.md",
        "tags/military/page/3.md",
    ]
    assert absolute_url("https://x.org/", "2025/05/04/kim.md") == "https://x.org/2025/05/04/kim/"
    assert absolute_url("https://x.org", "archive/index.md") == "https://x.org/archive/"


def test_a_page_s_own_feeds_sit_in_its_folder() -> None:
    assert feeds_folder("people/yang-moo-jin.md") == "people/yang-moo-jin/"
    assert feeds_folder(tag_uri("military")) == "tags/military/"
    assert feeds_folder("corrections/index.md") == "corrections/"


def test_names_in_other_scripts_get_pages_of_their_own() -> None:
    addresses = EntityAddresses([brief(people=["Владимир Путин", "习近平", "Сергей Лавров"])])
    uris = [addresses.uri("people", n) for n in ("Владимир Путин", "习近平", "Сергей Лавров")]
    assert uris == ["people/vladimir-putin.md", "people/xi-jin-ping.md", "people/sergei-lavrov.md"]
    assert addresses.shared == []


def test_names_that_meet_at_one_slug_never_share_a_page() -> None:
    older = brief(people=["Kim Jong Un"], places=["Łódź"])
    newer = brief(people=["Kim Jong-un", "KIM JONG UN"], places=["Lodz"])
    addresses = EntityAddresses([older, newer])
    first = addresses.uri("people", "Kim Jong Un")
    others = {addresses.uri("people", n) for n in ("Kim Jong-un", "KIM JONG UN")}
    assert first == "people/kim-jong-un.md"
    assert len(others) == 2 and first not in others
    assert all(uri.startswith("people/kim-jong-un-") for uri in others)
    assert addresses.uri("places", "Łódź") == "places/lodz.md" != addresses.uri("places", "Lodz")
    assert [(s.kind, s.slug, len(s.names)) for s in addresses.shared] == [
        ("people", "kim-jong-un", 3),
        ("places", "lodz", 2),
    ]
    note = str(addresses.shared[0])
    assert "'Kim Jong-un' at /people/kim-jong-un-" in note and "one person" in note


def test_an_address_does_not_depend_on_the_other_names() -> None:
    """A later brief adds a name at the same slug: the earlier names keep their pages,
    and a name's own digest is the same whichever names came before it."""
    alone = EntityAddresses([brief(people=["Kim Jong Un"]), brief(people=["Kim Jong-un"])])
    more = EntityAddresses(
        [
            brief(people=["Kim Jong Un"]),
            brief(people=["KIM JONG UN"]),
            brief(people=["Kim Jong-un"]),
        ]
    )
    for name in ("Kim Jong Un", "Kim Jong-un"):
        assert alone.uri("people", name) == more.uri("people", name)


def test_a_speaker_is_a_person_the_brief_names() -> None:
    quote = Quote(speaker="Анна Петрова", role=None, text="Да.")
    named = dataclasses.replace(brief(), quotes=[quote])
    assert EntityAddresses([named]).uri("people", "Анна Петрова") == "people/anna-petrova.md"


KIM, SEOUL = brief(people=["Kim Jong Un"]), brief(places=["Seoul"])
SHARED = brief(people=["Kim Jong-un"])  # meets Kim Jong Un at one slug


@pytest.mark.parametrize(
    ("before", "after", "kept", "placed"),
    [
        ([KIM, SEOUL], [KIM, SEOUL, brief(people=["Kim Jong Un"])], True, True),
        ([KIM, SEOUL], [brief(places=["Seoul"]), KIM, SEOUL], True, True),  # an older brief
        ([KIM, SEOUL], [KIM, SEOUL, brief(people=["Yoon Suk Yeol"])], False, True),
        ([KIM, SEOUL], [KIM], True, True),  # a name no brief names any more
        ([KIM, SEOUL], [KIM, SEOUL, SHARED], False, False),  # a new name at a known slug
        ([KIM], [KIM, brief(places=["Łódź", "Lodz"])], False, False),  # two at one new slug
        ([KIM, SHARED], [KIM], False, False),  # which name comes first decides
        ([KIM, SHARED, SEOUL], [KIM, SHARED], True, True),  # other names than the shared
    ],
)
def test_placing_the_names_of_briefs_changed_gives_the_addresses_afresh_or_declines(
    before: list[Brief], after: list[Brief], kept: bool, placed: bool
) -> None:
    """``make serve`` places the names of the briefs changed without a pass over the
    archive only where every name then has the address a fresh reckoning gives it."""
    addresses = EntityAddresses(before)
    added = [b for b in after if not any(b is a for a in before)]
    gone = [b for b in before if not any(b is a for a in after)]
    result = addresses.placing(added, gone)
    assert (result is not None) == placed
    assert (result is addresses) == kept
    if result is not None:
        fresh = EntityAddresses(after)
        named = {(kind, name) for b in after for kind, names in b.named().items() for name in names}
        assert all(result.uri(*name) == fresh.uri(*name) for name in named)
