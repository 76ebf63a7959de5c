"""An essay with one-language blocks, an image pair and an admonition pair, built in the real site."""

from __future__ import annotations

import re

ESSAY_HTML = "site/the-life-of-a-container/index.html"
ARTICLE = re.compile(r'^ *<article class="md-content__inner md-typeset">.*?</article>\n', re.S | re.M)


def test_article_renders_as_golden(one_language_site, golden):
    [article] = ARTICLE.findall((one_language_site / ESSAY_HTML).read_text(encoding="utf-8"))
    golden("html/the-life-of-a-container.html", article)


def test_notes_are_divs_in_their_language_and_pairs_are_numbered_without_them(one_language_site):
    html = (one_language_site / ESSAY_HTML).read_text(encoding="utf-8")
    assert re.findall(r'<div class="pair" id="(p\d+)">', html) == ["p1", "p2", "p3"]
    assert ('<div class="solo" data-script="hans" lang="zh-Hans">\n<p><strong>译者注</strong>：本文中的“容器”一词指 '
            'Linux 容器。</p>\n<ul>\n<li>术语表见文末</li>') in html
    assert '<div class="solo" lang="en">\n<p><em>Written for this' in html
    image = html[html.index('id="p2"'):html.index('id="p3"')]
    assert re.findall(r'<div class="pair__half" (?:data-script="\w+" )?lang="([^"]+)">\n'
                      r'<p><img alt="[^"]*" src="([^"]+)"', image) == [
        ("en", "../lifecycle.svg"), ("zh-Hans", "../lifecycle_zh-CN.svg"),
        ("zh-Hant", "../lifecycle_zh-CN.svg")]  # the image's path is not converted
    assert '<div class="admonition tip">\n<p class="admonition-title">保持小巧</p>' in html
