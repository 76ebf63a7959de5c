"""Every page's own description, and an essay's link preview (Open Graph, Twitter's card)."""

from __future__ import annotations

import html
import re
from pathlib import Path

META = re.compile(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">')
SITE_DESCRIPTION = "English essays and their Chinese translations, side by side, paragraph by paragraph."


def meta(project_site: Path, page: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    text = (project_site / "site" / page).read_text(encoding="utf-8")
    for key, value in META.findall(text.split("</head>")[0]):
        found.setdefault(key, []).append(html.unescape(value))
    return found


def test_an_essay_page_previews_as_the_essay_in_both_languages(project_site, site_port):
    tags = meta(project_site, "life-lessons-from-reinforcement-learning/index.html")
    title = "Life lessons from reinforcement learning · 强化学习带给我的人生启示"
    description = tags["description"][0]
    assert description.startswith("Becoming an RL diehard in the past year")
    assert "过去一年里，我沉迷于强化学习" in description
    assert tags["og:title"] == tags["twitter:title"] == [title]
    assert tags["og:description"] == tags["twitter:description"] == [description]
    assert tags["og:url"] == [f"http://127.0.0.1:{site_port}/life-lessons-from-reinforcement-learning/"]
    assert tags["og:type"] == ["article"]
    assert tags["og:site_name"] == ["Essays · 双语文集"]
    assert tags["og:locale"] == ["en_US"] and tags["og:locale:alternate"] == ["zh_CN", "zh_TW"]
    assert tags["twitter:card"] == ["summary"]


def test_every_page_has_a_description_of_its_own(project_site):
    """The home page's is the site's; no other page shares one (404 is no page to find)."""
    pages = sorted(p.relative_to(project_site / "site").as_posix()
                   for p in (project_site / "site").rglob("index.html"))
    described = {page: meta(project_site, page)["description"] for page in pages}
    assert described.pop("index.html") == [SITE_DESCRIPTION]
    assert all(len(d) == 1 for d in described.values())
    by_text: dict[str, list[str]] = {}
    for page, [text] in described.items():
        by_text.setdefault(text, []).append(page)
    assert [pages for pages in by_text.values() if len(pages) > 1] == []
    assert SITE_DESCRIPTION not in by_text
    assert described["topic/ai/index.html"] == ["Essays on AI, in English and Chinese · 主题“AI”下的中英文章"]
    assert described["archive/2025/index.html"] == ["Essays of 2025, in English and Chinese · 2025 年的中英文章"]
    assert described["author/jason-wei/index.html"] == ["Essays by Jason Wei, in English and Chinese · Jason Wei 的中英文章"]
    assert described["about/index.html"][0].startswith("English essays and their Chinese translations, published side by side")
    assert "英文文章与中文译文逐段对照发布" in described["about/index.html"][0]
    assert meta(project_site, "about/index.html")["og:type"] == ["website"]
