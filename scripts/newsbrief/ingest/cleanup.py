"""Page furniture removed from an article before it is analysed.

An article pasted from a web page, and sometimes the text extracted from a saved page,
carries lines that belong to the page, not to the story: bylines ("By Jane Doe, CNN"),
time stamps ("Published 6:12 p.m. ET Nov. 19, 2019"), photo captions and credits,
"Advertisement", links to other stories ("Read more: ..."), prompts to sign up, share or
follow, and contributor lines. Left in, they become a draft's synopsis, a takeaway, a
person or an organisation.

Two rules keep the story's own text safe:

* a paragraph is removed only when the whole of it is furniture: nothing is ever cut out
  of a sentence;
* the one exception is the start of the first paragraph. Pasted text often runs the
  masthead into the story's first line ("Jane Doe USA TODAY Published 7:07 PM EST Nov 19,
  2019 WASHINGTON – Two ..."): a byline or time stamp there is cut off it, and so are
  the name lines opening an article above its time stamp.
"""

from __future__ import annotations

import re

from newsbrief.ingest.dateline import MONTH
from newsbrief.ingest.gazetteer import NAME_PARTICLES, NOT_NAMES

MASTHEAD_LINES = 6
"""How far down the article its masthead (bylines, publisher, time stamp) may reach."""
MAX_PROMPT_WORDS = 40
"""Longer than this, a paragraph is the story's, whatever it starts with."""

# Names as bylines write them: "Jane Doe", "Sandee LaMotte", "Ringo H.W. Chiu", "O'Brien".
# Atomic and possessive, so that a long run of capitalised words cannot make it backtrack.
_NAME_WORD = r"(?>(?:[A-Z]\.){1,3}|[A-Z][a-z]*+(?:['’-]?[A-Z]?[a-z]++)*+)"
_PARTICLE = rf"(?:{'|'.join(sorted(NAME_PARTICLES))})"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,3}}"
_NAMES = rf"{_NAME}(?:\s*(?:,|,?\s+and|\s*&)\s+{_NAME})*"
# A line of names and outlets: "Kevin Johnson and Kevin McCoy", "USA TODAY", "Ap Sports Writer".
# A word in capitals takes its hyphens ("CBS NEWS-WASHINGTON") and never gives them back
# as separators: splitting "AB-AB-...-AB" every possible way would take exponential time.
_NAME_OR_CAPS = rf"(?:{_NAME_WORD}|[A-Z][A-Z.&'’-]++)"
_NAME_LINE = rf"{_NAME_OR_CAPS}(?:[\s,|/–—-]+(?:(?:and|&|of)\s+)?{_NAME_OR_CAPS}){{0,9}}"
# Words that start sentences but no name: "By Friday, ...", "At 7:30 p.m. ...".
_NOT_A_NAME = rf"(?:{'|'.join(map(re.escape, sorted(NOT_NAMES)))})\b"
_OUTLET = r"(?:[A-Z]{2,6}|Associated Press|Reuters|Bloomberg|Yonhap|Xinhua)"
_ROLE = r"(?:Writer|Reporter|Correspondent|Editor|Columnist|Contributor|Producer)s?"

# Time stamps: "7:07 PM EST Nov 19, 2019", "1909 GMT (0309 HKT) November 18, 2019", "1 day ago".
_ZONE = r"(?:[ECMP][SD]?T|GMT|UTC|BST|CES?T|HKT|IST|JST|KST|SGT|AE[SD]T)"
_CLOCK = (
    rf"(?:\d{{1,2}}(?::\d{{2}})?\s*(?:[ap]\.?\s?m\.?|AM|PM)|\d{{1,2}}:\d{{2}}|\d{{4}}(?=\s+{_ZONE}))"
    rf"(?:\s+{_ZONE})?"
)
_RELATIVE = r"(?:\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago)"
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_DATE = (
    rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_WEEKDAY})"
)
_MOMENT = rf"(?:{_CLOCK}|{_RELATIVE}|{_DATE}|\({_CLOCK}\))"
_MOMENTS = rf"{_MOMENT}(?:(?:\s*[,/]\s*|\s+(?:at|on)\s+|\s+){_MOMENT}){{0,6}}"
_STAMP_WORD = r"(?:Published|Updated|Posted|Last [Uu]pdated|First [Pp]ublished|Last [Mm]odified)"
_STAMP_PART = rf"(?:{_STAMP_WORD}\s*:?\s*(?:(?:at|on)\s+)?{_MOMENTS}|{_MOMENTS})"
_STAMP = rf"{_STAMP_PART}(?:\s*[|•·]\s*{_STAMP_PART}){{0,3}}"
_STAMP_LINE = re.compile(rf"\(?(?:{_STAMP}|(?i:{_STAMP_WORD}))\)?\.?")
# A bare date is a heading, not a stamp: a stamp names itself or tells the time of day.
_TELLS_TIME = re.compile(rf"^\(?{_STAMP_WORD}|{_CLOCK}|{_RELATIVE}", re.IGNORECASE)
# A story may start with the time of day ("At 7:30 p.m. Tuesday President ..."): a stamp
# run into it must name itself ("Updated ...") or give a time zone.
_SIGNS_STAMP = re.compile(rf"\b(?:{_STAMP_WORD}|{_ZONE})\b")
_STORY_STARTS = r"\s+(?=[A-Z\"“‘'(])"

_BYLINES = [
    rf"By\s+(?:[Tt]he\s+)?{_NAMES}(?:\s*[,|/–—-]\s*{_NAME_LINE})?\s*[,|–—-]?",  # By Jane Doe, CNN
    rf"{_NAMES}\s*\|\s*{_NAME_LINE}",  # Jane Doe | Reuters
    rf"{_NAMES},\s*(?:{_NAME_OR_CAPS}\s+){{0,3}}{_ROLE}",  # Greg Beacham, AP Sports Writer
]
_CAPTIONS = [  # of any length: a labelled caption is all caption
    r"\(?(?:Photo|Photograph|Picture|Pic|Image)s?\s*(?::|\bcredit\b|\bcopyright\b|\bcaption\b)"
    r".*",  # Photo: ..., Image copyright Getty Images, Image caption ...
    r".*\((?:[A-Z]{2,6}\s+)?Photo(?:\s*[:/]|\s+by\b)[^()]*\)",  # (AP Photo/Jane Doe) at the end
    r".*\([^()]*Getty Images[^()]*\)",
]
_CREDITS = [
    rf"(?:{_NAME_LINE}\s*(?:/|\||\bvia\b)\s*)?(?:Getty Images|Shutterstock|AFP|EPA|Reuters|AP)",
    rf"\(?(?:Photo|Photograph|Picture)s?\s+by\s+{_NAME_LINE}\)?",  # Photo by Jane Doe/Getty Images
    r"©.{0,60}",
]
_ADVERTS = [
    r"(?i:advertisement|sponsored(?: content)?|(?:story|article) continues below"
    r"(?: advertisement)?|continue reading(?: the main story| below)?)",
]
_LINKS = [
    r"(?i:read more|read also|also read|more|related(?: stories| articles| coverage| topics)?"
    r"|see more|see also|don[’']t miss|recommended|trending)(?:\s*[:|].*)?",
    r"[A-Z][\w ]{0,30}:\s*https?://\S+(?:\s+(?:and\s+)?https?://\S+)*",  # More AP NBA: https://...
]
_PROMPTS = [
    r"(?i:sign up|subscribe|click here|tap here|follow us)\b.*",
    r"(?i:follow\s+[@\w.&'’ -]{1,40}?\s+on\s+(?:twitter|x|facebook|instagram|youtube|linkedin"
    r"|tiktok|threads|bluesky|snapchat))\b.*",
    r"(?i:share (?:this|on|via)\b)[^.!?]{0,60}",
    r"(?i:(?:download|get) (?:the|our) [\w ]{1,30}? app)\b.*",
    r"(?i:(?:reach|contact) (?:the )?(?:reporter|writer|author)s?)\b.*",
]
_CONTACTS = [
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # jane.doe@example.com
    r"(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram)\.com/\S+",
    r"@\w{1,30}",
]
_CONTRIBUTORS = [
    r"(?i:contributing(?: to this (?:report|story))?|contributors?)\s*:.*",
    r"[^.!?]{0,80}\bcontributed (?:reporting )?to this (?:report|story|article)\.?",
    r"(?i:(?:additional )?reporting by)\b.*",
]
_SEPARATORS = [r"[_*=~#•·–—-]{3,}|(?:\*\s*){3,}", rf"[/|]\s*{_NAME_LINE}"]  # ___, / CBS News


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


_BYLINE_LINE = _any_of(_BYLINES)
_CAPTION = _any_of(_CAPTIONS)
_SHORT_FURNITURE = _any_of(
    [*_CREDITS, *_ADVERTS, *_LINKS, *_PROMPTS, *_CONTACTS, *_CONTRIBUTORS, *_SEPARATORS]
)
_NAME_LINE_RE = re.compile(_NAME_LINE)
_OPENING_STAMP = re.compile(
    rf"(?:(?P<names>{_NAME_LINE})\s+)??(?P<stamp>(?>{_STAMP})){_STORY_STARTS}"
)
_OPENING_BYLINE = re.compile(
    rf"By\s+(?!{_NOT_A_NAME}){_NAMES}(?:\s*[,|–—-]\s*{_OUTLET})?\s*[,|–—-]?{_STORY_STARTS}"
)


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """The article's paragraphs without the page's furniture."""
    kept = [p for p in _below_masthead(paragraphs) if not is_furniture(p)]
    if kept:
        kept[0] = without_opening_masthead(kept[0])
    return [paragraph for paragraph in kept if paragraph]


def is_furniture(paragraph: str) -> bool:
    """Whether the whole paragraph is page furniture rather than the story's text."""
    text = paragraph.strip()
    if is_time_stamp(text) or _BYLINE_LINE.fullmatch(text) or _CAPTION.fullmatch(text):
        return True
    return len(text.split()) <= MAX_PROMPT_WORDS and bool(_SHORT_FURNITURE.fullmatch(text))


def is_time_stamp(text: str) -> bool:
    """Whether ``text`` is a publication stamp: "Updated at 1:23 p.m.", "1 day ago"."""
    return bool(_STAMP_LINE.fullmatch(text.strip()) and _TELLS_TIME.search(text))


def without_opening_masthead(paragraph: str) -> str:
    """``paragraph`` without the bylines and time stamps run into its start."""
    while True:
        stamp = _OPENING_STAMP.match(paragraph)
        if stamp and _SIGNS_STAMP.search(stamp["stamp"]) and stamp["names"] not in NOT_NAMES:
            paragraph = paragraph[stamp.end() :]
            continue
        byline = _OPENING_BYLINE.match(paragraph)
        if byline is None:
            return paragraph
        paragraph = paragraph[byline.end() :]


def _below_masthead(paragraphs: list[str]) -> list[str]:
    """The paragraphs from the article's time stamp on, when only name lines and bylines
    are above it ("Jane Doe" / "USA TODAY" / "Published ..."); else all of them."""
    for index, paragraph in enumerate(paragraphs[:MASTHEAD_LINES]):
        if is_time_stamp(paragraph):
            return paragraphs[index:]
        if not (_NAME_LINE_RE.fullmatch(paragraph) or _BYLINE_LINE.fullmatch(paragraph)):
            break
    return paragraphs
