"""Building real sites: the project's own, and small ones with broken essays."""

from __future__ import annotations

import re

from helpers import CHINESE_ONLY, PROJECT_POSTS, SAMPLE_PAIR_COUNT, build_site, sample_essay_text

from essays.parse import parse_file

ESSAY_HTML = "site/life-lessons-from-reinforcement-learning/index.html"
ARTICLE = re.compile(r'^ *<article class="md-content__inner md-typeset">.*?</article>\n', re.S | re.M)


def read(root, path):
    return (root / path).read_text(encoding="utf-8")


def test_sample_essay_page_has_its_pairs_with_language_halves(project_site):
    html = read(project_site, ESSAY_HTML)
    assert re.findall(r'<div class="pair" id="(p\d+)">', html) == [
        f"p{n}" for n in range(1, SAMPLE_PAIR_COUNT + 1)]
    first = html[html.index('id="p1"'):html.index('id="p2"')]
    assert '<div class="pair__half" lang="en">\n<p><span data-s="1">Becoming an RL diehard' in first
    assert '<div class="pair__half" data-script="hans" lang="zh-Hans">\n<p><span data-s="1">过去一年里，我沉迷于强化学习（RL）' in first
    # the same half in Traditional beside it (the reader's 简/繁 choice shows one)
    assert '<div class="pair__half" data-script="hant" lang="zh-Hant">\n<p><span data-s="1">過去一年裡，我沉迷於強化學習（RL）' in first
    assert 'href="#p1"' in first
    assert '<html lang="en"' in html


def test_sample_essay_article_renders_as_golden(project_site, golden):
    """The article as a reader gets it: title, source, every pair with its halves and link.
    Nothing in it depends on the build (no date of building, no hash, no site_url)."""
    [article] = ARTICLE.findall(read(project_site, ESSAY_HTML))
    golden("html/life-lessons-from-reinforcement-learning.html", article)


def test_both_titles_are_on_the_page_and_in_its_title(project_site):
    html = read(project_site, ESSAY_HTML)
    assert ('<span lang="en">Life lessons from reinforcement learning</span> '
            '<span lang="zh-Hans" data-script="hans">强化学习带给我的人生启示</span>') in html
    en_first = "Life lessons from reinforcement learning · 强化学习带给我的人生启示 - Essays · 双语文集"
    zh_first = "强化学习带给我的人生启示 · Life lessons from reinforcement learning - Essays · 双语文集"
    assert f'<title data-title-en="{en_first}" data-title-zh="{zh_first}">{en_first}</title>' in html


def test_twelve_factor_page_pairs_headings_and_credits_its_source(project_site):
    html = read(project_site, "site/iii-config/index.html")
    # the chapter's `###` is the page's h2, under the title's h1 (README, "heading levels")
    heading = re.search(r'<div class="pair pair--heading" id="p1">\s*<h2 [^>]*id="([^"]+)"', html)
    assert heading and heading.group(1) == "store-config-in-the-environment"
    assert '<span lang="zh-Hans" data-script="hans">在环境中存储配置</span>' in html
    assert '<a href="https://12factor.net/">The Twelve-Factor App</a></cite> · © 2012 Adam Wiggins · MIT' in html
    # links between factors point at the imported essays
    assert 'href="../i-codebase/"' in html


def test_home_lists_essays_newest_first_with_titles_authors_topics_and_excerpt(project_site):
    html = read(project_site, "site/index.html")
    cards = html.split('<article class="md-post md-post--excerpt essay-card">')[1:]
    assert len(cards) == len(PROJECT_POSTS)
    sample = cards[0]
    assert '<time datetime="2025-07-16">2025-07-16</time>' in sample
    assert ">Jason Wei<" in sample and ">AI</a>" in sample and ">Life</a>" in sample
    assert '<span lang="zh-Hans" data-script="hans">强化学习带给我的人生启示</span>' in sample
    assert "Becoming an RL diehard" in sample and "One of the big concepts" not in sample
    # newest first: the posts' own dates (the 12factor pages share their licence's year)
    shown = [re.search(r'<time datetime="([\d-]+)">', card).group(1) for card in cards]
    dates = [parse_file(post).meta.date.isoformat() for post in PROJECT_POSTS]
    assert shown == sorted(dates, reverse=True)
    assert shown[1:3] == ["2023-11-07", "2023-04-06"] and shown[-1] == "2012-01-01"


def test_topic_archive_author_pages_and_feed(project_site):
    assert "Life lessons from reinforcement learning" in read(project_site, "site/topic/ai/index.html")
    assert "III. Config" in read(project_site, "site/topic/the-twelve-factor-app/index.html")
    assert "Life lessons" in read(project_site, "site/archive/2025/index.html")
    assert "Life lessons" in read(project_site, "site/author/jason-wei/index.html")
    feed = read(project_site, "site/feed_rss_created.xml")
    assert "<title>Life lessons from reinforcement learning · 强化学习带给我的人生启示</title>" in feed
    # each item is described by its first pair, as text: not our title's markup
    assert ("<description>Becoming an RL diehard in the past year and thinking about RL for most "
            "of my waking hours") in feed
    assert "{ .bilingual }" not in feed and "&lt;h1&gt;" not in feed
    assert "<url>None</url>" not in feed
    assert re.search(r"<image>\s*<url>http://127\.0\.0\.1:\d+/assets/images/feed\.png</url>", feed)
    assert (project_site / "site/assets/images/feed.png").read_bytes().startswith(b"\x89PNG")


BROKEN = """---
title: Broken
date: 2025-07-16
---

An English paragraph.

一段中文。

An English paragraph with no translation.

Another English paragraph.

另一段中文。
"""


def test_bad_essay_fails_the_build_naming_path_and_line_and_keeps_the_last_site(make_site):
    root = make_site({"docs/index.md": "# Home\n", "docs/posts/essay.md": sample_essay_text()})
    assert build_site(root).returncode == 0
    good = read(root, "site/posts/essay/index.html")
    (root / "docs/posts/essay.md").write_text(BROKEN, encoding="utf-8")
    result = build_site(root)
    assert result.returncode == 1
    assert "docs/posts/essay.md:10: error missing-zh" in result.stderr
    assert read(root, "site/posts/essay/index.html") == good


def test_bad_front_matter_fails_the_build(make_site):
    root = make_site({"docs/index.md": "# Home\n",
                      "docs/posts/essay.md": sample_essay_text().replace("date: 2025-07-16\n", "")})
    result = build_site(root)
    assert result.returncode == 1
    assert "docs/posts/essay.md:1: error date-missing: no date — write 'date: YYYY-MM-DD'" in result.stderr


def test_chinese_only_essay_renders_as_a_plain_chinese_page(make_site):
    root = make_site({"docs/index.md": "# Home\n", "docs/posts/toys.md": CHINESE_ONLY})
    assert build_site(root).returncode == 0
    html = read(root, "site/posts/toys/index.html")
    assert '<div class="essay-mono" data-script="hans" lang="zh-Hans">\n<p>泡泡玛特其实已经有十年历史。</p>' in html
    assert 'class="pair"' not in html
