"""Datelines and dates: where and when a story was filed, and by which agency.

Wire copy opens with a dateline in a handful of forms::

    Seoul, May 4 (NationPress) North Korean leader ...
    WASHINGTON (Reuters) - The U.S. ...
    HANOI, Vietnam (AP) — Vietnam's ...
    NEW DELHI: Prime Minister ...
    (Reuters) — Shares of ...
    LONDON, March 3 (AFP) - ...
    Kyiv, Ukraine — Russia ...
    Hong Kong (CNN Business) Shares ...

A label at the start ("BREAKING:", "LIVE —") is not a dateline. The story's date is
taken only from the page's metadata or a dated dateline (:func:`infer_date`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# A month's name or its abbreviation, as dates in news copy write it ("Nov. 19").
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DASH = r"\s*(?:-{1,2}|–|—|:)\s*"
_AGENCY = r"\((?P<agency>[A-Z][\w.&' -]{1,40}?)\)"
_CAPS_PLACE = r"(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
_TITLE_PLACE = r"(?P<place>[A-Z][a-zA-Z.'’-]+(?: [A-Z][a-zA-Z.'’-]+){0,3})"
_REGION = r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?"
_MONTH_DAY = rf"(?:,\s*(?P<month_day>{MONTH} \d{{1,2}}))?"
_NOT_PLACES = re.compile(
    r"^(?:BREAKING|UPDATE|UPDATED|EXCLUSIVE|WATCH|LIVE|ANALYSIS|OPINION|EDITORIAL|COMMENT|"
    r"REVIEW|PHOTOS|VIDEO|NOTE|CORRECTION|EXPLAINER|FACT CHECK|SPONSORED)\s*(?::|[-–—]|$)",
    re.IGNORECASE,
)
DATELINES = [
    re.compile(rf"^{_CAPS_PLACE}{_REGION}{_MONTH_DAY}\s*(?:{_AGENCY})?{_DASH}"),
    re.compile(rf"^{_TITLE_PLACE}{_REGION}\s+[–—]\s+"),  # "Kyiv, Ukraine — ", "Indianapolis – "
    re.compile(rf"^{_TITLE_PLACE}{_REGION}{_MONTH_DAY.replace(')?', ')', 1)}\s*{_AGENCY}[\s:–—-]*"),
    re.compile(rf"^{_AGENCY}{_DASH}"),
]
_FULL_DATE = re.compile(rf"\b(?:\d{{1,2}} {MONTH},? \d{{4}}|{MONTH} \d{{1,2}},? \d{{4}})\b")
_WEEKDAY = re.compile(
    r"\b(?:on|last|this|late|early)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


@dataclass(frozen=True)
class Dateline:
    """The parsed opening of a story; ``text`` is the paragraph without its dateline."""

    place: str | None
    agency: str | None
    month_day: tuple[int, int] | None
    text: str


def parse_dateline(paragraph: str) -> Dateline:
    """The dateline at the start of ``paragraph``, if it has one."""
    for pattern in DATELINES:
        match = pattern.match(paragraph)
        if match and _NOT_PLACES.match(paragraph):
            break  # "BREAKING: ..." is a label, not a dateline
        if match and (match.groupdict().get("place") or match.groupdict().get("agency")):
            place = match.groupdict().get("place")
            return Dateline(
                place=_place_name(place) if place else None,
                agency=(match.groupdict().get("agency") or "").strip() or None,
                month_day=_month_day(match.groupdict().get("month_day")),
                text=paragraph[match.end() :].lstrip(),
            )
    return Dateline(None, None, None, paragraph)


def _place_name(place: str) -> str:
    """``NEW DELHI`` -> ``New Delhi``; a place already in title case is kept."""
    if not place.isupper():
        return place
    return " ".join(
        word if word in ("U.S.", "UK", "U.K.") else word.title() for word in place.split()
    )


def _month_day(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    parsed = parse_date(text)
    return (parsed.month, parsed.day) if parsed else None


def parse_date(text: str | None) -> dt.date | None:
    """A date as written ("2019-11-19T23:30:00Z", "Nov. 19", "Mon, 18 Nov 2019 16:07:38
    -0600"), read by dateparser; None for no date, a relative one ("yesterday", which
    would be read against today's clock) or one before 1900 (a placeholder like 0001-01-01)."""
    if not text:
        return None
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        date = _safe_date(*map(int, iso.groups()))
        return date if date and date.year > 1900 else None
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "PARSERS": ["custom-formats", "absolute-time"]},
    )
    return parsed.date() if parsed and parsed.year > 1900 else None


@dataclass(frozen=True)
class InferredDate:
    """A date, and how it was found when that is worth an editor's check."""

    date: dt.date
    note: str | None = None


def infer_date(
    dateline: Dateline, text: str, metadata: dt.date | None, today: dt.date
) -> InferredDate:
    """The story's date, taken only from where a story's date is written: the page's
    metadata, or a dated dateline (its year from a weekday the text names, else the most
    recent past). A date elsewhere in the text ("since March 3, 2021") may be anything,
    so it is only offered to the editor, and today's date is used with a note."""
    if metadata:
        return InferredDate(metadata)
    if dateline.month_day is not None:
        return _from_dateline(dateline.month_day, text, today)
    note = (
        "date: the article gives no date (no dated dateline, no page metadata); "
        "today's date was used, set the real one"
    )
    mentioned = [match.group() for match in _FULL_DATE.finditer(text[:1500])][:3]
    if mentioned:
        note += f"; the text mentions {', '.join(mentioned)}"
    return InferredDate(today, note)


def _from_dateline(month_day: tuple[int, int], text: str, today: dt.date) -> InferredDate:
    month, day = month_day
    weekday = _WEEKDAY.search(text)
    full = next((d for d in map(_full_date, _FULL_DATE.finditer(text)) if d), None)
    if full and (full.month, full.day) == (month, day):
        return InferredDate(full)
    if weekday:
        wanted = WEEKDAYS.index(weekday[1].lower())
        for year in range(today.year, today.year - 12, -1):
            candidate = _safe_date(year, month, day)
            if candidate and candidate <= today and candidate.weekday() == wanted:
                return InferredDate(
                    candidate,
                    f"date: year inferred: {candidate:%B} {day} fell on a {weekday[1]} "
                    f'("{weekday[0]}" in the text) most recently in {year}; check it',
                )
    year = today.year if (_safe_date(today.year, month, day) or today) <= today else today.year - 1
    candidate = _safe_date(year, month, day) or today
    return InferredDate(candidate, f"date: the article gives no year; {year} was assumed, check it")


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_date(match: re.Match[str]) -> dt.date | None:
    return parse_date(match.group())
