"""Who published an article, and which agencies and outlets it relies on."""

from __future__ import annotations

import re

from newsbrief.ingest import gazetteer as g

_AGENCY_NAMES = sorted(g.NEWS_AGENCIES, key=len, reverse=True)
_AGENCY = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in _AGENCY_NAMES) + r")(?![\w-])")
_NEWS_AGENCY = re.compile(r"\b((?:[A-Z][\w'-]+ )+News Agency)(?: \(([A-Z]{2,6})\))?")


def canonical(name: str) -> str:
    """The short name an outlet goes by: "Korean Central News Agency" -> "KCNA"."""
    return g.NEWS_AGENCIES.get(name.strip(), name.strip())


def source_name(site_name: str | None, agency: str | None) -> str | None:
    """The publisher: the page's site name, else the agency in the dateline."""
    if site_name:
        return canonical(site_name)
    return canonical(agency) if agency else None


def cited_outlets(text: str, source: str | None) -> list[str]:
    """Agencies and outlets the text names, in order, without the source itself."""
    found: dict[str, int] = {}
    for match in _AGENCY.finditer(text):
        found.setdefault(canonical(match[1]), match.start())
    for match in _NEWS_AGENCY.finditer(text):
        name = match[2] or canonical(match[1])
        found.setdefault(canonical(name), match.start())
    own = canonical(source) if source else None
    return [name for name, _ in sorted(found.items(), key=lambda item: item[1]) if name != own]
