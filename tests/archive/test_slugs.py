"""Slugs for addresses."""

from __future__ import annotations

from newsbrief.archive.slugs import slugify


def test_slugs_are_ascii_short_and_hyphenated() -> None:
    assert slugify("Türkiye’s central bank: rates up 2.5%!") == "turkiyes-central-bank-rates-up-2-5"
    assert len(slugify("word " * 40)) <= 60
    assert slugify("¿¡") == "brief"
