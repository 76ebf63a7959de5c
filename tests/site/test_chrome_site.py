"""The essays' chrome on the built site: popular topics, the newest essays, previous/next in a
series. Expected values come from the essays' own front matter."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from helpers import PROJECT_POSTS, SEED_CHINESE_ONLY

from essays.parse import parse_file, parse_text

SAMPLE = "life-lessons-from-reinforcement-learning"


def page(site: Path, url: str):
    return lxml.html.fromstring((site / "site" / url / "index.html").read_text(encoding="utf-8"))


def css(element, selector: str) -> list:
    """The elements a selector of the few forms used here finds: `.class`, `tag.class`,
    `[attr="v"]`, `.class[attr="v"]`, descendants separated by spaces."""
    path = "."
    for step in selector.split(" "):
        path += "//" + _step(step)
    return element.xpath(path)


def _step(step: str) -> str:
    tag, rest = re.match(r"([a-z]*)(.*)", step).groups()
    tests = []
    for part in re.findall(r'\.[\w-]+|\[[^\]]+\]|:not\(\.ui\)', rest):
        if part.startswith("."):
            tests.append(f"contains(concat(' ', @class, ' '), ' {part[1:]} ')")
        elif part.startswith(":not"):
            tests.append("not(contains(concat(' ', @class, ' '), ' ui '))")
        else:
            name, _, value = part[1:-1].partition("=")
            tests.append(f"@{name}={value}" if value else f"@{name}")
    return (tag or "*") + "".join(f"[{t}]" for t in tests)


def texts(element, selector: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in css(element, selector)]


def essays() -> list:
    """The front matter of every essay of the chrome site, newest first, one date by part."""
    metas = [parse_file(p).meta for p in PROJECT_POSTS]
    metas.append(parse_text(SEED_CHINESE_ONLY, "docs/posts/pop-toys-psychology.md").meta)
    return sorted(metas, key=lambda m: (m.date, -(m.series.part if m.series else 0)), reverse=True)


def test_popular_topics_are_the_topics_with_most_essays_linking_to_their_pages(chrome_site):
    counts = Counter(c for m in essays() for c in m.categories)
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))[:8]
    for url in (SAMPLE, "iii-config", "pop-toys-psychology"):
        topics = css(page(chrome_site, url), ".essay-topics__item")
        assert [(css(t, "a")[0].text, int(css(t, ".essay-topics__count")[0].text))
                for t in topics] == expected
    assert expected[:2] == [("The Twelve-Factor App", 12), ("Kubernetes", 6)]
    links = css(page(chrome_site, SAMPLE), ".essay-topics a")
    assert links[0].get("href") == "../topic/the-twelve-factor-app/"
    for link in links:  # each a topic page the blog wrote
        assert (chrome_site / "site" / link.get("href")[3:] / "index.html").is_file()


def test_recent_essays_are_the_five_newest_but_this_one_with_all_they_say(chrome_site):
    html = page(chrome_site, SAMPLE)
    items = css(html, ".essay-recent__item")
    newest = [m for m in essays() if m.title != "Life lessons from reinforcement learning"][:5]
    assert [css(i, "time")[0].get("datetime") for i in items] == [m.date.isoformat() for m in newest]
    shown = [texts(i, '.essay-recent__title [lang="en"]') or texts(i, '.essay-recent__title [lang="zh-Hans"]')
             for i in items]
    assert shown == [[m.title] for m in newest]  # a Chinese-only essay's title is its Chinese one
    assert [m.languages for m in newest].count(("zh",)) == 1
    first = items[0]
    assert texts(first, ".essay-recent__meta") == ["2023-11-07 · The Kubernetes Authors"]
    assert css(first, ".essay-recent__title")[0].get("href") == "../introducing-sig-etcd/"
    assert texts(first, '.essay-recent__title [lang="zh-Hans"]') == ["介绍 SIG etcd"]
    assert texts(first, '.essay-recent__title [lang="zh-Hant"]') == ["介紹 SIG etcd"]
    assert texts(first, ".essay-recent__source cite") == ["Introducing SIG etcd"]
    assert texts(first, '.essay-recent__excerpt[lang="en"]') == [
        "Authors: Han Kang (Google), Marek Siarkowicz (Google), Frederico Muñoz (SAS Institute)"]
    assert first.get("data-bilingual") is not None
    # on another essay's page, the sample is the newest, and that page leaves itself out
    other = css(page(chrome_site, "introducing-sig-etcd"), ".essay-recent__title")
    assert other[0].get("href") == f"../{SAMPLE}/"
    assert "../introducing-sig-etcd/" not in [a.get("href") for a in other]


def test_a_chinese_only_essay_is_listed_with_what_it_has(chrome_site):
    [card] = [i for i in css(page(chrome_site, SAMPLE), ".essay-recent__item")
              if css(i, 'a[href="../pop-toys-psychology/"]')]
    assert card.get("data-bilingual") is None  # every mode shows it as it is
    assert not css(card, '[lang="en"]:not(.ui)')
    assert texts(card, ".essay-recent__meta") == ["2020-12-10 · 王宁"]
    assert texts(card, '.essay-recent__title [lang="zh-Hans"]') == ["潮流玩具风靡背后的心理学"]
    assert texts(card, '.essay-recent__title [lang="zh-Hant"]') == ["潮流玩具風靡背後的心理學"]
    assert texts(card, ".essay-recent__source cite") == ["泡泡玛特王宁：潮流玩具风靡背后的心理学"]
    [hans] = texts(card, '.essay-recent__excerpt[lang="zh-Hans"]')
    assert hans.startswith("于近年来以Molly、Pucky、Dimoo等各类IP受到Z世代消费者欢迎的泡泡玛特") and len(hans) <= 80
    [hant] = texts(card, '.essay-recent__excerpt[lang="zh-Hant"]')
    assert hant.startswith("於近年來以Molly")


@pytest.mark.parametrize("url, post, previous, next_", [
    ("iii-config", "12factor-config", ("../ii-dependencies/", "II. Dependencies", "II. 依赖"),
     ("../iv-backing-services/", "IV. Backing services", "IV. 后端服务")),
    ("i-codebase", "12factor-codebase", None, ("../ii-dependencies/", "II. Dependencies", "II. 依赖")),
    ("xii-admin-processes", "12factor-admin-processes", ("../xi-logs/", "XI. Logs", "XI. 日志"), None),
])
def test_an_essay_in_a_series_links_its_previous_and_next_in_both_languages(
        chrome_site, url, post, previous, next_):
    [nav] = css(page(chrome_site, url), "article nav.essay-series")
    [path] = [p for p in PROJECT_POSTS if p.stem == post]
    part = parse_file(path).meta.series.part
    assert texts(nav, ".essay-series__name cite") == ["The Twelve-Factor App"]
    assert texts(nav, '.essay-series__name .ui[lang="en"]') == [f"part {part} of 12"]
    assert texts(nav, '.essay-series__name .ui[lang="zh-Hans"]') == [f"第 {part} 篇，共 12 篇"]
    for rel, expected in (("prev", previous), ("next", next_)):
        links = css(nav, f'a[rel="{rel}"]')
        if expected is None:
            assert links == []
            continue
        [link] = links
        href, en, zh = expected
        assert link.get("href") == href
        assert texts(link, '.essay-series__titles [lang="en"]') == [en]
        assert texts(link, '.essay-series__titles [lang="zh-Hans"]') == [zh]
        assert texts(link, '.essay-series__direction .ui[lang="en"]') == [
            "Previous" if rel == "prev" else "Next"]
        assert texts(link, '.essay-series__direction .ui[lang="zh-Hans"]') == [
            "上一篇" if rel == "prev" else "下一篇"]


def test_no_series_links_outside_a_series_and_no_chrome_outside_essays(chrome_site):
    assert not css(page(chrome_site, SAMPLE), ".essay-series")
    assert css(page(chrome_site, SAMPLE), ".essay-chrome")
    for url in ("", "topic/kubernetes", "about"):
        html = (chrome_site / "site" / url / "index.html").read_text(encoding="utf-8")
        assert "essay-chrome" not in html and "essay-series" not in html


ONE_TITLE = """---
title: {title}
date: 2024-01-02
{more}---

{body}
"""


@pytest.mark.parametrize("more, body, bilingual, en, zh, excerpts", [
    ("", "An opening.\n\n开头。", True, "T", None, ("An opening.", "开头。")),
    ("title_zh: 标题\n", "An opening.\n\n开头。", True, "T", "标题", ("An opening.", "开头。")),
    ("languages: [en]\n", "## A heading\n\nAn opening.", False, "T", None, ("An opening.", None)),
    ("languages: [zh]\n", "开头。", False, None, "T", (None, "开头。")),
])
def test_a_card_has_the_titles_and_opening_the_essay_has(more, body, bilingual, en, zh, excerpts):
    from essays.catalogue import card
    essay = parse_text(ONE_TITLE.format(title="T", more=more, body=body), "docs/posts/t.md")
    made = card(essay, "t/", {})
    assert (made.bilingual, made.title_en) == (bilingual, en)
    assert (made.title_zh.twins[0][2] if made.title_zh else None) == zh
    assert (made.excerpt_en, made.excerpt_zh.twins[0][2] if made.excerpt_zh else None) == excerpts
