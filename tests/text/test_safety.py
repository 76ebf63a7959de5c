"""No script from data: front matter and essay text reach HTML as text, links only to the web."""

from __future__ import annotations

import markdown
import pytest
from helpers import essay_errors, essay_from

from essays.render import render_markdown
from essays.text.safety import (SafeAttributesExtension, markdown_literal, strip_tags, web_url,
                                without_raw_html)

# The site's extensions (mkdocs.yml), as tests/text/test_agreement.py renders with them.
EXTENSIONS = ["admonition", "pymdownx.details", "attr_list", "md_in_html", "footnotes", "tables",
              "toc", "pymdownx.superfences", "pymdownx.arithmatex"]
CONFIGS = {"pymdownx.arithmatex": {"generic": True}}

VECTORS = [
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(2)>",
    '"><script>alert(3)</script>',
    "</textarea><script>alert(4)</script>",
    "</title><script>alert(5)</script>",
    "{{7*7}} *not emphasis* _nor this_ `nor code` [nor](a link) $x$ \\(y\\)",
    "<a href=\"javascript:alert(6)\">x</a>",
    "&lt;img src=x onerror=alert(7)&gt; &amp; AT&T",
]


def html_of(md: str, *extra) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS + list(extra), extension_configs=CONFIGS)


def text_of(html: str) -> str:
    """What a reader sees: the text of the HTML, its entities decoded."""
    from xml.etree import ElementTree
    return "".join(ElementTree.fromstring(f"<root>{html}</root>").itertext())


@pytest.mark.parametrize("url, ok", [
    ("https://example.com/a?b=c", True), ("http://x.y", True), ("HTTPS://X.Y", True),
    ("//cdn.example.com/x", True), ("/posts/x/", True), ("../x.md#y", True), ("#p3", True),
    ("mailto:a@b.c", False), ("javascript:alert(1)", False), ("JavaScript:alert(1)", False),
    (" javascript:alert(1)", False), ("java\tscript:alert(1)", False),
    ("\x01javascript:alert(1)", False), ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox(1)", False),
])
def test_only_web_addresses_and_relative_paths_may_be_links(url, ok):
    assert web_url(url) is ok


@pytest.mark.parametrize("vector", VECTORS)
def test_a_literal_renders_as_exactly_its_text(vector):
    html = html_of(f'# <span lang="en">{markdown_literal(vector)}</span> {{ .bilingual }}')
    assert html.startswith('<h1 class="bilingual"')
    assert text_of(html) == vector
    assert "<script" not in html and "<img" not in html and "<svg" not in html and "<a " not in html


def test_without_raw_html_shows_tags_as_text_and_keeps_markdown_and_code_spans():
    html = html_of(without_raw_html("A <img src=x onerror=alert(1)> *b* `c <d>` \\(x<y\\) <!-- e -->"))
    assert html == ('<p>A &lt;img src=x onerror=alert(1)&gt; <em>b</em> <code>c &lt;d&gt;</code> '
                    '<span class="arithmatex">\\(x&lt;y\\)</span> &lt;!-- e --&gt;</p>')


def test_safe_attributes_drop_handlers_and_script_links_and_keep_the_rest():
    md = ('[a](javascript:alert(1)) [b](java&#9;script:alert(2)) [c](https://ok.example/) '
          '![d](data:image/svg+xml,x) [e][r]\n{: onclick="alert(3)" .kept }\n\n'
          '[r]: JAVASCRIPT:alert(4)\n\n## H { onmouseover=alert(5) #h }')
    html = html_of(md, SafeAttributesExtension())
    assert html == ('<p class="kept"><a href="#">a</a> <a href="#">b</a> '
                    '<a href="https://ok.example/">c</a> <img alt="d" src="#" /> <a href="#">e</a></p>\n'
                    '<h2 id="h">H</h2>')


def test_strip_tags_leaves_the_text():
    assert strip_tags("Eve <b>X</b><script>alert(1)</script> <!-- c --> Y") == "Eve X alert(1) Y"


HOSTILE = """---
title: Xsstitle <img src=x onerror=alert(1)> {{7*7}}
title_zh: 标题 <svg onload=alert(2)>
date: 2025-07-01
source:
  title: Src </textarea><script>alert(3)</script>
  url: https://example.com/"><script>alert(4)</script>
  author: Au <img src=x onerror=alert(5)>
  license: Lic <svg onload=alert(6)>
---

Body <img src=x onerror=alert(7)> and `code <b>`.

正文 <svg onload=alert(8)> 文字。

## Heading <img src=x onerror=alert(9)> AT&amp;T

## 标题 <svg onload=alert(10)>

Last [link](javascript:alert(11)) words.

最后 [链接](javascript:alert(11)) 文字。
"""


def test_front_matter_renders_as_text_in_the_title_and_the_source_line():
    essay = essay_from(HOSTILE)
    assert not essay_errors(essay)
    html = html_of(render_markdown(essay))
    h1 = html[:html.index("</h1>") + 5]
    assert h1.startswith('<h1 class="bilingual"')
    # the Chinese title twice, in Simplified and Traditional, each as text
    assert text_of(h1) == ("Xsstitle <img src=x onerror=alert(1)> {{7*7}} 标题 <svg onload=alert(2)>"
                           "標題 <svg onload=alert(2)>")
    source = html[html.index('<p class="essay-source">'):]
    source = source[:source.index("</p>") + 4]
    assert text_of(source) == ("Source · 原文 Src </textarea><script>alert(3)</script> · "
                               "Au <img src=x onerror=alert(5)> · Lic <svg onload=alert(6)>")
    assert 'href="https://example.com/&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;"' in source


def test_bodies_keep_raw_html_unless_raw_html_is_off():
    essay = essay_from(HOSTILE)
    trusted = html_of(render_markdown(essay))
    assert "Body <img src=x onerror=alert(7)> and" in trusted  # mkdocs' usual behaviour
    untrusted = html_of(render_markdown(essay, raw_html=False), SafeAttributesExtension())
    for tag in ("<img src=x", "<svg", "<script", 'href="javascript'):
        assert tag not in untrusted
    assert "<p>Body &lt;img src=x onerror=alert(7)&gt; and <code>code &lt;b&gt;</code>.</p>" in untrusted
    assert "<p>正文 &lt;svg onload=alert(8)&gt; 文字。</p>" in untrusted
    assert '<p>Last <a href="#">link</a> words.</p>' in untrusted
    # our wrappers still work: pairs, halves, permalinks, the heading's toc label as text
    assert untrusted.count('<div class="pair"') == 2 and 'class="pair__link" href="#p1"' in untrusted
    assert ('data-toc-label="Heading &lt;img src=x onerror=alert(9)&gt; AT&amp;T · 标题 '
            '&lt;svg onload=alert(10)&gt;"') in render_markdown(essay, raw_html=False)


def test_an_unsafe_source_url_is_an_error_on_its_line_and_never_a_link():
    text = HOSTILE.replace('https://example.com/"><script>alert(4)</script>', "' JavaScript:alert(1)'")
    essay = essay_from(text, "docs/posts/a.md")
    [finding] = essay_errors(essay)
    assert str(finding) == ("docs/posts/a.md:7: error url-unsafe: 'source.url' ' JavaScript:alert(1)'"
                            " is not a web address, and a link to it could run script — write an "
                            "http:// or https:// URL, or a path on this site")
    assert essay_errors(essay_from(text.replace("' JavaScript:alert(1)'", "/posts/x/"))) == []
