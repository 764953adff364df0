"""Datelines in the forms wire copy uses, and dates inferred from them."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief.ingest.dateline import infer_date, parse_dateline

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("opening", "place", "agency", "month_day", "rest"),
    [
        ("Seoul, May 4 (NationPress) North Korean leader", "Seoul", "NationPress", (5, 4), "North"),
        ("WASHINGTON (Reuters) - The U.S. Senate", "Washington", "Reuters", None, "The"),
        ("HANOI, Vietnam (AP) — Vietnam's exports", "Hanoi", "AP", None, "Vietnam's"),
        ("NEW DELHI: Prime Minister Narendra Modi", "New Delhi", None, None, "Prime"),
        ("(Reuters) — Shares of Apple rose", None, "Reuters", None, "Shares"),
        ("LONDON, March 3 (AFP) - Britain's economy", "London", "AFP", (3, 3), "Britain's"),
        ("North Korean leader Kim Jong-un said", None, None, None, "North"),
    ],
)
def test_dateline_forms(opening, place, agency, month_day, rest) -> None:
    dateline = parse_dateline(opening)
    assert (dateline.place, dateline.agency, dateline.month_day) == (place, agency, month_day)
    assert dateline.text.split()[0] == rest


def test_weekday_picks_the_latest_matching_year_and_says_so() -> None:
    dateline = parse_dateline("Seoul, May 4 (NationPress) Kim inspected a factory.")
    inferred = infer_date(dateline, "as state media reported on Sunday.", None, TODAY)
    assert inferred.date == dt.date(2025, 5, 4)
    assert inferred.note == (
        'date: year inferred: May 4 fell on a Sunday ("on Sunday" in the text) most recently '
        "in 2025; check it"
    )


def test_month_day_without_weekday_assumes_the_latest_past_year() -> None:
    dateline = parse_dateline("LONDON, Dec 3 (AFP) - Britain said.")
    inferred = infer_date(dateline, "Britain said.", None, TODAY)
    assert inferred.date == dt.date(2025, 12, 3)
    assert inferred.note == "date: the article gives no year; 2025 was assumed, check it"


def test_a_date_elsewhere_in_the_text_is_only_offered_to_the_editor() -> None:
    dateline = parse_dateline("(Reuters) - Shares fell.")
    text = "Shares have fallen since March 3, 2021, after the report."
    inferred = infer_date(dateline, text, None, TODAY)
    assert inferred.date == TODAY
    assert inferred.note.startswith("date: the article gives no date")
    assert inferred.note.endswith("the text mentions March 3, 2021")


def test_page_metadata_and_a_dated_dateline_give_the_date() -> None:
    text = "Shares fell on March 3, 2024, after the report."
    page = infer_date(parse_dateline("(Reuters) - Shares fell."), text, dt.date(2024, 3, 4), TODAY)
    assert (page.date, page.note) == (dt.date(2024, 3, 4), None)
    dated = infer_date(parse_dateline("LONDON, March 3 (AFP) - Shares fell."), text, None, TODAY)
    assert (dated.date, dated.note) == (dt.date(2024, 3, 3), None)


def test_no_date_at_all_uses_today_with_a_note() -> None:
    inferred = infer_date(parse_dateline("Shares fell."), "Shares fell.", None, TODAY)
    assert inferred.date == TODAY
    assert inferred.note.startswith("date: the article gives no date")


@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        ("Indianapolis – Several thousand teachers rallied.", "Indianapolis", None),
        ("Kyiv, Ukraine — The war went on.", "Kyiv", None),
        ("Hong Kong (CNN Business) Shares fell.", "Hong Kong", "CNN Business"),
        ("WASHINGTON, Nov 19 (Reuters) - The U.S. acted.", "Washington", "Reuters"),
        ("NEW DELHI: The minister spoke.", "New Delhi", None),
        ("BREAKING: Markets fall sharply.", None, None),
    ],
)
def test_every_common_dateline_style(opening: str, place: str | None, agency: str | None) -> None:
    dateline = parse_dateline(opening)
    assert (dateline.place, dateline.agency) == (place, agency)


def test_a_place_named_like_a_label_is_still_a_dateline() -> None:
    assert parse_dateline("LIVE OAK, Fla. (AP) — A storm hit.").place == "Live Oak"
    assert parse_dateline("LIVE: Markets open lower").place is None
