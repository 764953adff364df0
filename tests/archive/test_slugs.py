"""Slugs for addresses, from names in any script."""

from __future__ import annotations

import pytest

from newsbrief.archive.slugs import MAX_SLUG, slugify


def test_slugs_are_ascii_short_and_hyphenated() -> None:
    assert slugify("Türkiye’s central bank: rates up 2.5%!") == "turkiyes-central-bank-rates-up-2-5"
    assert slugify("Kim's tank factory") == "kims-tank-factory"
    assert slugify("¿¡") == "brief"


def test_a_long_title_is_cut_at_a_word_end() -> None:
    slug = slugify("transliteration " * 10)
    assert len(slug) <= MAX_SLUG and slug.endswith("transliteration")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("Кремль", "kreml"),
        ("Владимир Путин", "vladimir-putin"),
        ("北京", "bei-jing"),
        ("习近平", "xi-jin-ping"),
        ("عبد الله", "bd-llh"),
        ("Ελλάδα", "ellada"),
    ],
)
def test_names_in_any_script_are_transliterated(name: str, slug: str) -> None:
    assert slugify(name) == slug
