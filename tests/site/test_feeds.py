"""The feeds, read back as a feed reader reads them (feedparser): both titles, the essay's
opening in both languages as text, a language, a real image, and our own browser view."""

from __future__ import annotations

import json

import feedparser
import pytest
from helpers import PROJECT_POSTS

from essays.catalogue import opening
from essays.parse import parse_file

SOURCE_MARKS = ["{ .bilingual }", "{:", "{ #", "data-toc-label", "markdown", "###", ".md"]


@pytest.fixture(scope="module")
def feeds(project_site):
    site = project_site / "site"
    return {name: feedparser.parse((site / name).read_bytes())
            for name in ("feed_rss_created.xml", "feed_rss_updated.xml")}


@pytest.mark.parametrize("name", ["feed_rss_created.xml", "feed_rss_updated.xml"])
def test_each_entry_has_both_titles_and_the_essays_opening_in_both_languages(feeds, name):
    feed = feeds[name]
    assert not feed.bozo, feed.get("bozo_exception")
    essays = [parse_file(p) for p in PROJECT_POSTS]
    by_title = {e.meta.display_title: e for e in essays}
    assert sorted(entry.title for entry in feed.entries) == sorted(by_title)
    for entry in feed.entries:
        en, zh = opening(by_title[entry.title])
        assert entry.description.startswith(en[:150]), entry.title
        assert zh[:60] in entry.description, entry.title  # the Chinese, however long the English
        for mark in SOURCE_MARKS:
            assert mark not in entry.description, (entry.title, mark)
    factor = next(e for e in feed.entries if e.title == "III. Config · III. 配置")
    # a link's text without its target, emphasis without its stars
    assert factor.description.startswith("An app's config is everything that is likely to vary "
                                         "between deploys (staging, production,")
    assert "*" not in factor.description


def test_the_channel_says_it_is_in_several_languages_and_shows_a_real_image(feeds, project_site, site_port):
    for feed in feeds.values():
        assert feed.feed.language == "mul"
        assert feed.feed.image.href == f"http://127.0.0.1:{site_port}/assets/images/feed.png"
        assert (project_site / "site" / "assets" / "images" / "feed.png").is_file()
        assert "None" not in feed.feed.image.href


def test_the_json_feeds_say_the_same(project_site):
    for name in ("feed_json_created.json", "feed_json_updated.json"):
        feed = json.loads((project_site / "site" / name).read_text(encoding="utf-8"))
        assert feed["language"] == "mul"
        titles = {item["title"] for item in feed["items"]}
        assert "Life lessons from reinforcement learning · 强化学习带给我的人生启示" in titles
        assert all(" · " in t for t in titles)  # every essay of the project has both titles
        for item in feed["items"]:
            assert not any(mark in item["content_html"] for mark in SOURCE_MARKS), item["title"]


def test_the_feeds_browser_view_is_ours_in_both_languages(project_site):
    site = project_site / "site"
    assert '<?xml-stylesheet type="text/xsl" href="rss.xsl"?>' in (site / "feed_rss_created.xml").read_text(encoding="utf-8")
    view = (site / "rss.xsl").read_text(encoding="utf-8")
    assert "By · 作者" in view and "Par " not in view


def test_a_chinese_only_essay_is_described_by_its_own_opening(chrome_site):
    feed = feedparser.parse((chrome_site / "site" / "feed_rss_created.xml").read_bytes())
    [entry] = [e for e in feed.entries if e.link.endswith("/pop-toys-psychology/")]
    assert entry.title == "潮流玩具风靡背后的心理学"
    assert entry.description.startswith("于近年来以Molly、Pucky、Dimoo等各类IP受到Z世代消费者欢迎的泡泡玛特")
    assert "“我从自己刷墙" not in entry.description  # its first paragraph only
