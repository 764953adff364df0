"""Realistic synthetic archives for benchmarks and scale tests.

``make_project(root, count)`` writes a whole newsbrief project (the repository's
mkdocs.yml, docs/, overrides/ and tag vocabulary) with ``count`` valid briefs and
their source articles. The briefs look like real ones where it matters for speed
and size: tags drawn from the vocabulary with a Zipf-like distribution (a few
tags on thousands of briefs, most on few), recurring people, organisations and
places (also Zipf-like), quotes and expert commentary, and bodies of varied text
over a vocabulary of tens of thousands of words, so that search indexes grow as
they do for news. One brief in ten follows a developing story of ``briefs/stories.yml``
(one story in 200 briefs; three stories run at a time, each for ``STORY_DAYS`` days
or a few such spans), so story pages and their feeds are built too.

``make_plain_project(root, project)`` writes the same briefs as plain Markdown
pages for plain Material for MkDocs (search and tags plugins, briefs out of the
navigation): the baseline newsbrief's build is compared with.

Everything is deterministic: the same ``count`` gives the same archive.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import hashlib
import itertools
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
FIRST_DAY = dt.date(2020, 1, 1)
BRIEFS_PER_DAY = 20
FUNCTION_WORDS = (
    "the of and to in a that for on is was said with as by at from it its has have "
    "had were be been are an this which will not but their after over more than "
    "also who would about against into they he she his her new two last year week "
    "officials government minister president country forces talks state people"
).split()
SYLLABLES = (
    "ba be bi bo bu ka ke ki ko ku da de di do du la le li lo lu ma me mi mo mu na ne ni "
    "no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zo tra pre str "
    "con ment tion al er in ex pro port sen dor lan vik mar hel gor wen"
).split()
FIRST_NAMES = (
    "Amina Boris Chen Daniela Emeka Farid Grace Hiroshi Ingrid Jamal Katarzyna Luis Mei "
    "Nadia Omar Priya Quentin Rosa Sergei Tanvir Ulla Viktor Wanjiru Xavier Yasmin Zoltan"
).split()
ROLES = ("minister", "spokesperson", "general", "governor", "ambassador", "mayor", "chief")
EXPERT_ROLES = ("analyst at", "professor at", "senior fellow at", "director of research at")
ORG_KINDS = ("Ministry of", "Institute for", "Council of", "Bank of", "Union of", "Agency for")
AGENCIES = ("Reuters", "AFP", "AP", "Yonhap", "Xinhua", "Anadolu", "Kyodo", "PTI")
STORY_SHARE = 0.1  # of the briefs, those that follow a story
STORY_DAYS = 30  # the days three stories run before the next three take over
BRIEFS_PER_STORY = 200  # one story of stories.yml for so many briefs


def _zipf(chooser: random.Random, items: list, count: int, exponent: float = 1.1) -> list:
    """``count`` distinct items, drawn with weight 1/rank**exponent."""
    cumulative = _cumulative_weights(len(items), exponent)
    picked: dict = {}
    while len(picked) < min(count, len(items)):
        picked.setdefault(chooser.choices(items, cum_weights=cumulative)[0], None)
    return list(picked)


@functools.cache
def _cumulative_weights(size: int, exponent: float) -> list[float]:
    """The running sums of 1/rank**exponent over ``size`` ranks, computed once: given its
    weights, ``random.choices`` sums them at every call, which made the benchmark's
    archive quadratic in its size (hours for 100,000 briefs); the draws are the same."""
    return list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, size + 1)))


@dataclass
class _Pools:
    """The recurring names and words the briefs are written from."""

    words: list[str]
    cumulative_weights: list[float]  # of the words, 1/rank (see _cumulative_weights)
    people: list[str]
    experts: list[str]
    organizations: list[str]
    places: list[str]

    @classmethod
    def make(cls, chooser: random.Random, count: int) -> _Pools:
        words = sorted(
            {
                "".join(chooser.choices(SYLLABLES, k=chooser.randint(2, 4)))
                for _ in range(max(3000, 6 * count))
            }
        )
        chooser.shuffle(words)

        def names(size: int) -> list[str]:
            return [
                f"{chooser.choice(FIRST_NAMES)} {chooser.choice(words).capitalize()}"
                for _ in range(size)
            ]

        return cls(
            words=words,
            cumulative_weights=_cumulative_weights(len(words), 1),
            people=names(max(50, count // 4)),
            experts=names(max(20, count // 20)),
            organizations=[
                f"{chooser.choice(ORG_KINDS)} {chooser.choice(words).capitalize()}"
                for _ in range(max(30, count // 10))
            ],
            places=[chooser.choice(words).capitalize() for _ in range(max(40, count // 8))],
        )

    def sentence(self, chooser: random.Random, names: list[str], longest: int = 30) -> str:
        size = chooser.randint(12, longest)
        content = chooser.choices(self.words, cum_weights=self.cumulative_weights, k=size)
        tokens = [
            chooser.choice(FUNCTION_WORDS) if chooser.random() < 0.45 else content[index]
            for index in range(size)
        ]
        if names and chooser.random() < 0.5:
            tokens.insert(chooser.randrange(size), chooser.choice(names))
        text = " ".join(tokens)
        return text[0].upper() + text[1:] + "."


def _brief(chooser: random.Random, pools: _Pools, tags: list[str], index: int) -> dict:
    """The front matter and body of one brief."""
    people = _zipf(chooser, pools.people, chooser.randint(1, 4))
    experts = _zipf(chooser, pools.experts, chooser.randint(0, 1))
    organizations = _zipf(chooser, pools.organizations, chooser.randint(1, 4))
    places = _zipf(chooser, pools.places, chooser.randint(1, 5))
    names = people + organizations + places

    def paragraph() -> str:
        return " ".join(pools.sentence(chooser, names) for _ in range(chooser.randint(3, 5)))

    quotes = [
        {
            "speaker": speaker,
            "role": f"{chooser.choice(ROLES)} of {chooser.choice(places)}",
            "text": pools.sentence(chooser, []),
        }
        for speaker in people[: chooser.randint(1, 3)]
    ]
    commentary = [
        {
            "speaker": expert,
            "role": f"{chooser.choice(EXPERT_ROLES)} the {chooser.choice(organizations)}",
            "text": pools.sentence(chooser, names),
        }
        for expert in experts
    ]
    title = pools.sentence(chooser, names)[:-1].split()
    return {
        "title": " ".join(title[: chooser.randint(7, 14)]) + f" ({index})",
        "dateline": chooser.choice(places),
        "cites": chooser.sample(AGENCIES, chooser.randint(0, 2)),
        "synopsis": " ".join(pools.sentence(chooser, names, 20) for _ in range(2)),
        "takeaways": [pools.sentence(chooser, names, 22) for _ in range(chooser.randint(3, 5))],
        "tags": _zipf(chooser, tags, chooser.randint(3, 6)),
        "people": people + experts,
        "organizations": organizations,
        "places": places,
        "quotes": quotes,
        "commentary": commentary,
        "body": "\n\n".join(paragraph() for _ in range(chooser.randint(2, 5))),
    }


def copy_site_setup(root: Path) -> None:
    """The repository's mkdocs.yml, docs/, overrides/ and tag vocabulary."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "briefs").mkdir()
    shutil.copy(REPO / "briefs/tags.yml", root / "briefs/tags.yml")


def _stories(chooser: random.Random, pools: _Pools, count: int) -> tuple[list[str], str]:
    """The slugs of the stories of a ``count``-brief archive, and their
    ``briefs/stories.yml``."""
    slugs, stories = [], {}
    for number in range(max(2, count // BRIEFS_PER_STORY)):
        words = chooser.sample(pools.words, 2)
        slug = f"{words[0]}-{words[1]}-{number}"
        place = chooser.choice(pools.places)
        stories[slug] = {
            "title": f"The {words[0]} {words[1]} affair in {place}",
            "description": f"How the {words[0]} {words[1]} affair unfolds in {place}.",
        }
        slugs.append(slug)
    return slugs, yaml.safe_dump(stories, sort_keys=False, allow_unicode=True, width=90)


def _story_of(chooser: random.Random, stories: list[str], day: int) -> str | None:
    """The story a brief of the ``day``-th day follows, if any: one of the three running."""
    if chooser.random() >= STORY_SHARE:
        return None
    return stories[(day // STORY_DAYS * 3 + chooser.randrange(3)) % len(stories)]


def make_project(root: Path, count: int) -> list[dict]:
    """Write a project of ``count`` briefs into ``root``; returns the briefs' data."""
    copy_site_setup(root)
    (root / "seeds").mkdir()
    chooser = random.Random(count)
    pools = _Pools.make(chooser, count)
    story_chooser = random.Random(f"stories {count}")  # the briefs stay as they were
    stories, stories_yml = _stories(story_chooser, pools, count)
    (root / "briefs/stories.yml").write_text(stories_yml, encoding="utf-8")
    tags = list(yaml.safe_load((root / "briefs/tags.yml").read_text(encoding="utf-8")))
    chooser.shuffle(tags)
    briefs = []
    for index in range(count):
        data = _brief(chooser, pools, tags, index)
        day = FIRST_DAY + dt.timedelta(days=index // BRIEFS_PER_DAY)
        story = _story_of(story_chooser, stories, index // BRIEFS_PER_DAY)
        words = data["title"].lower().replace("(", "").replace(")", "").split()
        slug = "-".join([*words[:6], str(index)])  # the index keeps slugs unique
        seed = f"seeds/{day.isoformat()}-{slug}.txt"
        said = [f"“{q['text']}” said {q['speaker']}." for q in data["quotes"] + data["commentary"]]
        article = "\n\n".join([data["title"], data["synopsis"], data["body"], *said]) + "\n"
        (root / seed).write_text(article, encoding="utf-8")
        front = {
            "title": data["title"],
            "date": day,
            "dateline": data["dateline"],
            "source": {
                "name": "Synthetic Wire",
                "url": None,
                "path": seed,
                "sha256": hashlib.sha256(article.encode()).hexdigest(),
            },
            **{key: data[key] for key in ("cites", "synopsis", "takeaways", "tags")},
            **({"story": story} if story else {}),
            **{key: data[key] for key in ("people", "organizations", "places")},
            "quotes": data["quotes"],
            "commentary": data["commentary"],
            "draft": False,
            "review": [],
        }
        target = root / f"briefs/{day:%Y/%m/%d}-{slug}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=90)
        target.write_text(f"---\n{header}---\n\n{data['body']}\n", encoding="utf-8")
        briefs.append({**data, "date": day, "slug": slug, "story": story})
    return briefs


def copy_brief(root: Path, brief: Path) -> Path:
    """A new brief in ``root``: a copy of ``brief`` (a path under ``root/briefs/``) under
    another slug, with a source article of its own (two briefs of one article are
    refused); its path."""
    text = brief.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    seed = root / front["source"]["path"]
    article = seed.read_text(encoding="utf-8") + "A later paragraph.\n"
    copy = seed.with_name(f"copy-{seed.name}")
    copy.write_text(article, encoding="utf-8")
    sha = hashlib.sha256(article.encode()).hexdigest()
    text = text.replace(front["source"]["sha256"], sha).replace(seed.name, copy.name)
    target = brief.with_name(f"{brief.stem}-copy.md")
    target.write_text(text, encoding="utf-8")
    return target


PLAIN_MKDOCS = """\
site_name: plain
site_url: http://127.0.0.1:8000/
theme:
  name: material
  font: false
plugins:
  - search
  - tags
markdown_extensions: [admonition, attr_list, md_in_html, tables, toc]
not_in_nav: /briefs/**
nav:
  - Home: index.md
  - Tags: tags.md
"""


def make_plain_project(root: Path, briefs: list[dict]) -> None:
    """The same briefs as plain Material pages: the baseline of the benchmark."""
    docs = root / "docs"
    (docs / "briefs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(PLAIN_MKDOCS, encoding="utf-8")
    (docs / "index.md").write_text("# Plain Material\n", encoding="utf-8")
    (docs / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    for brief in briefs:
        quotes = "\n".join(
            f'> "{quote["text"]}" ({quote["speaker"]}, {quote["role"]})\n>'
            for quote in itertools.chain(brief["quotes"], brief["commentary"])
        )
        page = (
            "---\n"
            + yaml.safe_dump({"title": brief["title"], "tags": brief["tags"]}, width=1000)
            + f"---\n\n# {brief['title']}\n\n*{brief['date']:%d %B %Y}, {brief['dateline']}*\n\n"
            + f"{brief['synopsis']}\n\n## Key takeaways\n\n"
            + "".join(f"- {item}\n" for item in brief["takeaways"])
            + f"\n## What was said\n\n{quotes}\n\n## Summary\n\n{brief['body']}\n"
        )
        target = docs / f"briefs/{brief['date']:%Y/%m/%d}/{brief['slug']}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")


def query_words(briefs: list[dict]) -> tuple[str, str]:
    """Two one-word queries: the commonest word of the briefs' bodies that is not a
    function word (the hardest query), and one found in about 1 brief in 100."""
    counts = collections.Counter(
        word
        for brief in briefs
        for word in set(brief["body"].lower().split())
        if word.isalpha() and word not in FUNCTION_WORDS
    )
    ranked = counts.most_common()
    rare = min(ranked, key=lambda item: abs(item[1] - len(briefs) / 100))
    return ranked[0][0], rare[0]
