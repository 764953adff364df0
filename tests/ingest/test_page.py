"""A saved page's facts: from its metadata, and never a crash on odd markup."""

from __future__ import annotations

import datetime as dt

from newsbrief.ingest.page import page_facts

from ..conftest import FIXTURES


def test_the_seed_page_gives_its_headline_publisher_date_and_address() -> None:
    facts = page_facts((FIXTURES / "html/kim-tank-factory.html").read_text(encoding="utf-8"))
    assert facts.site_name == "NationPress"
    assert facts.url and facts.url.startswith("https://www.nationpress.com/")
    assert facts.headline and "Kim" in facts.headline


def test_a_site_name_after_the_headline_is_dropped() -> None:
    page = (
        '<html><head><meta property="og:site_name" content="The Hill">'
        "<title>New York man pleads guilty | TheHill</title></head><body></body></html>"
    )
    assert page_facts(page).headline == "New York man pleads guilty"


def test_odd_markup_and_metadata_give_no_facts_rather_than_an_error() -> None:
    declared = '<?xml version="1.0" encoding="UTF-8"?><html><head><title>T</title></head></html>'
    assert page_facts(declared).headline == "T"
    odd = (
        '<html><head><script type="application/ld+json">{"@type": null, "headline": "X"}'
        '</script><script type="application/ld+json">[{"@type": 5}, {broken</script>'
        '<meta property="article:published_time" content="yesterday">'
        '</head><body><time datetime="2019-11-19T11:45:59.000Z">1 day ago</time></body></html>'
    )
    facts = page_facts(odd)
    assert (facts.headline, facts.date) == (None, dt.date(2019, 11, 19))


def test_text_beyond_ascii_is_read_as_written() -> None:
    page = "<html><head><title>The law that’s helping fuel Delhi’s air</title></head></html>"
    assert page_facts(page).headline == "The law that’s helping fuel Delhi’s air"
