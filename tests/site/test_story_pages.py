"""Story pages: the index of stories and each story's timeline, and a brief's place in
its story."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsbrief.archive.collection import Archive, entity_addresses, load_archive
from newsbrief.site import brief_page
from newsbrief.site.listings import OLDER_PAGE_SIZE, PAGE_SIZE
from newsbrief.site.markup import Html
from newsbrief.site.story_pages import involved, stories_index, story_pages

STORY = "north-korea-military-modernization"


@pytest.fixture
def archive(archive_root) -> Archive:
    """Six briefs, one every ten days back from 4 May 2025: the first, third and fifth
    follow the military story, the second the trade story, the others none."""
    (entry,) = load_archive(archive_root({"2025/05/04-kim-tank-factory.md": "valid"})).entries
    stories = [STORY, "korean-trade", STORY, None, STORY, None]
    entries = [
        dataclasses.replace(
            entry,
            slug=f"brief-{n}",
            brief=dataclasses.replace(
                entry.brief,
                title=f"Brief {n}",
                date=dt.date(2025, 5, 4) - dt.timedelta(days=10 * n),
                story=story,
                places=["Seoul"] if n == 0 else ["Pyongyang", "Seoul"],
            ),
        )
        for n, story in enumerate(stories)
    ]
    return Archive(load_archive(archive_root({})).vocabulary, entries)


def test_stories_hold_their_briefs_newest_first_the_latest_story_first(archive) -> None:
    by_story = archive.by_story()
    assert list(by_story) == [STORY, "korean-trade"]
    assert [e.slug for e in by_story[STORY]] == ["brief-0", "brief-2", "brief-4"]


def test_the_index_lists_followed_stories_and_names_the_rest_apart(archive) -> None:
    by_story = {STORY: archive.by_story()[STORY]}  # the trade story has no brief shown
    (page,) = stories_index(archive.vocabulary, by_story).values()
    html = page.html
    assert (
        '<td><a href="north-korea-military-modernization/">North Korea\'s military '
        "modernisation</a></td>\n"
        '<td style="text-align: right;">3</td>\n<td>25 March 2025 – 4 May 2025</td>'
    ) in html
    assert "korean-trade/" not in html
    assert "no page: Korean trade." in html


def test_an_index_of_no_stories_says_so(archive_root) -> None:
    (page,) = stories_index(load_archive(archive_root({})).vocabulary, {}).values()
    assert "No brief follows a story yet." in page.html


def test_a_story_page_is_a_dated_timeline_with_its_people_places_and_feeds(archive) -> None:
    entries = archive.by_story()[STORY]
    named = involved(entries, entity_addresses(archive.entries))
    (page,) = story_pages(STORY, archive.vocabulary.stories[STORY], entries, named).values()
    html = page.html
    assert page.meta["feed_title"] == "North Korea&#x27;s military modernisation"
    assert '<p class="nb-byline">3 briefs · 25 March 2025 – 4 May 2025 · ' in html
    assert '<a href="feed.xml">RSS</a>' in html
    # Seoul is in all three briefs, Pyongyang in two; organisations are left out
    assert (
        '<li><strong>Places:</strong> <a href="../../places/seoul/">Seoul</a>, '
        '<a href="../../places/pyongyang/">Pyongyang</a></li>'
    ) in html
    assert "Organisations:" not in html
    dates = [html.index(f'<time datetime="{day}">') for day in ("2025-05-04", "2025-04-14")]
    assert dates == sorted(dates) and "2025-04-24" not in html  # only its own briefs
    assert (
        '<time datetime="2025-03-25">25 March 2025</time><br><a href="../../2025/03/25/brief-4/">'
        in html
    )


def test_a_long_story_continues_on_further_pages(archive) -> None:
    (entry, *_) = archive.entries
    entries = [
        dataclasses.replace(
            entry, slug=f"brief-{n}", brief=dataclasses.replace(entry.brief, story=STORY)
        )
        for n in range(PAGE_SIZE + 1)
    ]
    named = involved(entries, entity_addresses(entries))
    pages = story_pages(STORY, archive.vocabulary.stories[STORY], entries, named)
    older = f"stories/{STORY}/page/1.md"
    assert list(pages) == [f"stories/{STORY}.md", older]
    assert "feed_title" not in pages[older].meta
    assert pages[older].html.count("<time ") == OLDER_PAGE_SIZE
    assert f"{PAGE_SIZE + 1} briefs" in pages[f"stories/{STORY}.md"].html
    assert "Who and where" not in pages[older].html


def test_a_story_title_is_text_not_markup(archive) -> None:
    vocabulary = archive.vocabulary
    evil = dataclasses.replace(vocabulary.stories[STORY], title="<img src=x onerror=alert(1)>")
    vocabulary.stories[STORY] = evil
    (page,) = stories_index(vocabulary, archive.by_story()).values()
    assert "<img" not in page.html and "&lt;img src=x" in page.html


def place(archive: Archive, index: int) -> str:
    entry = archive.by_story()[STORY][index]
    threads = brief_page.story_threads(archive.by_story(), archive.vocabulary.stories)
    return Html().join(brief_page.story_place(entry, threads[entry.src_uri]))


def test_each_brief_of_a_story_knows_its_place_in_it(archive) -> None:
    by_story = archive.by_story()
    threads = brief_page.story_threads(by_story, archive.vocabulary.stories)
    assert len(threads) == sum(len(entries) for entries in by_story.values())
    for uri, thread in threads.items():
        assert thread.entries[thread.index].src_uri == uri
        assert thread.entries is by_story[thread.slug]  # one list a story, not a copy a brief
    in_no_story = [e for e in archive.entries if e.brief.story is None]
    assert in_no_story and not any(e.src_uri in threads for e in in_no_story)


def test_a_brief_page_shows_its_place_in_its_story(archive) -> None:
    middle = place(archive, 1)
    assert (
        '<p><strong><a href="../../../../stories/north-korea-military-modernization/">'
        "North Korea's military modernisation</a></strong> · brief 2 of 3</p>"
    ) in middle
    assert (
        '<li><strong>Before:</strong> <a href="../../../03/25/brief-4/">Brief 4</a>, '
        "25 March 2025</li>\n"
        '<li><strong>After:</strong> <a href="../../../05/04/brief-0/">Brief 0</a>, 4 May 2025</li>'
    ) in middle
    newest = place(archive, 0)
    assert "brief 3 of 3" in newest and "After:" not in newest and "Before:" in newest


def test_the_brief_page_has_the_story_section_only_in_a_story(archive) -> None:
    entry = archive.entries[0]
    named = entity_addresses(archive.entries).named_in(entry.brief)
    thread = brief_page.story_threads(archive.by_story(), archive.vocabulary.stories)[entry.src_uri]
    args = (entry, archive.vocabulary, Html("<p>x</p>"), named)
    with_story = brief_page.brief_page(*args, thread=thread).html
    assert 'id="in-the-story"' in with_story and "brief 3 of 3" in with_story
    assert 'id="in-the-story"' not in brief_page.brief_page(*args).html
