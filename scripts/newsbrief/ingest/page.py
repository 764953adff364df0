"""What a saved web page says about its article: headline, publisher, date and address.

Publishers describe an article for search engines and social networks, and those
descriptions are more reliable than the page's ``<title>``, which usually carries the
site's name too. Each fact is taken from the first of these that gives it:

- headline: JSON-LD ``headline``, ``og:title``, the first ``<h1>``, ``<title>``;
- publisher: ``og:site_name``, JSON-LD ``publisher.name``;
- date: JSON-LD ``datePublished``, ``article:published_time`` and its kin, the first
  ``<time datetime>`` (read by dateparser, so "Mon, 18 Nov 2019 16:07:38 -0600" is
  understood too);
- address: ``<link rel="canonical">``, ``og:url``.

A headline ending in " - Site name" or " | Site name" loses that ending.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsbrief.ingest.dateline import parse_date

_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting",
                  "AnalysisNewsArticle", "WebPage", "LiveBlogPosting"}  # fmt: skip
_DATE_METAS = ("article:published_time", "og:article:published_time", "datePublished",
               "pubdate", "publishdate", "date", "dc.date", "sailthru.date",
               "parsely-pub-date")  # fmt: skip
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
_DOMAIN_NAME = re.compile(r"(?i)\.(?:com|co\.uk|org|net|ca|in)$")


@dataclass(frozen=True)
class PageFacts:
    """The facts a page gives about its article; None where it gives none."""

    headlines: tuple[str, ...]
    site_name: str | None
    date: dt.date | None
    url: str | None

    @property
    def headline(self) -> str | None:
        return self.headlines[0] if self.headlines else None


def page_facts(html: str) -> PageFacts:
    """Read the metadata of a saved page; a page whose markup cannot be parsed gives none
    (the article text, read by trafilatura, is what matters)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:  # as UTF-8 bytes: lxml refuses text that declares an encoding (<?xml ...?>)
        parser = lxml_html.HTMLParser(encoding="utf-8")
        tree = lxml_html.fromstring(html.encode("utf-8"), parser=parser)
    except (ValueError, etree.ParserError):
        return PageFacts((), None, None, None)
    articles = [item for item in _json_ld(tree) if _types(item) & _ARTICLE_TYPES]
    headlines = [
        *(_text(item.get("headline")) for item in articles),
        _meta(tree, "og:title"),
        *(" ".join(h.text_content().split()) for h in tree.xpath("//h1")[:1]),
        *(" ".join(t.text_content().split()) for t in tree.xpath("//title")[:1]),
    ]
    publishers = [_meta(tree, "og:site_name")] + [
        _text(item.get("publisher", {}).get("name"))
        for item in articles
        if isinstance(item.get("publisher"), dict)
    ]
    dates = [_text(item.get("datePublished")) for item in articles]
    dates += [_meta(tree, name) for name in _DATE_METAS]
    dates += tree.xpath("//article//time/@datetime")[:1] + tree.xpath("//time/@datetime")[:1]
    addresses = [*tree.xpath("//link[@rel='canonical']/@href"), _meta(tree, "og:url")]
    named = [p for p in publishers if p]
    # "USA Today" over "usatoday": the first name that is written as words, else the first.
    site_name = next((_site_name(p) for p in named if " " in p), None) or next(
        (_site_name(p) for p in named), None
    )
    return PageFacts(
        headlines=tuple(dict.fromkeys(_without_site(h, site_name) for h in headlines if h)),
        site_name=site_name,
        date=next((d for d in map(parse_date, dates) if d), None),
        url=next((a.strip() for a in addresses if a and a.strip().startswith("http")), None),
    )


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue  # a page's broken metadata is no reason to refuse its article
        yield from _items(data)


def _items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _items(item)
    elif isinstance(data, dict):
        yield data
        yield from _items(data.get("@graph", []))


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _meta(tree: Any, name: str) -> str | None:
    for attribute in ("property", "name", "itemprop"):
        found = tree.xpath(f"//meta[@{attribute}=$name]/@content", name=name)
        if found and found[0].strip():
            return " ".join(found[0].split())
    return None


def _without_site(headline: str, site_name: str | None) -> str:
    """The headline without a trailing " - SpaceNews.com" or " | The Site" naming the site."""
    suffix = _SITE_SUFFIX.search(headline)
    if suffix is None:
        return headline
    name = suffix.group().strip(" |–—-")
    same = site_name is not None and _letters(_site_name(name)) == _letters(site_name)
    return headline[: suffix.start()] if same or _DOMAIN_NAME.search(name) else headline


def _letters(name: str) -> str:
    """A name compared without case, spaces or punctuation: "TheHill" is "The Hill"."""
    return re.sub(r"\W", "", name).lower()


def _site_name(name: str) -> str:
    """``SpaceNews.com`` -> ``SpaceNews``: a publisher is known by its name, not its domain."""
    return _DOMAIN_NAME.sub("", name) if " " not in name else name
