"""No script from data, in Chromium: a site whose essay carries script in every field runs
none of it, shows each as text, and its Content-Security-Policy is met by the site's own scripts."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from conftest import _serve
from helpers import build_site, copy_project_site
from test_search import search

pytestmark = pytest.mark.browser

TITLE = 'Xsstitle <img src=x onerror=alert(1)> "><script>alert(2)</script>'
TITLE_ZH = "标题 <svg onload=alert(3)> {{7*7}}"
AUTHOR = "Mallory <img src=x onerror=alert(4)> </title><script>alert(5)</script>"
DESCRIPTION = 'Writes "><svg onload=alert(6)> </textarea><script>alert(7)</script>'
CATEGORY = "Cats <img src=x onerror=alert(8)>"
SOURCE_TITLE = 'Src <iframe srcdoc="<script>alert(9)</script>">'
SOURCE_URL = 'https://example.com/"><script>alert(10)</script>'
SOURCE_AUTHOR = "<details open ontoggle=alert(11)>"
HEADING = "Heading <img src=x onerror=alert(12)>"
BODY = "Xsstitle body <img src=x onerror=alert(13)> and <svg/onload=alert(14)>"
VECTORS = [TITLE, TITLE_ZH, AUTHOR, DESCRIPTION, CATEGORY, SOURCE_TITLE, SOURCE_URL,
           SOURCE_AUTHOR, HEADING, BODY]

ESSAY = f"""---
{yaml.safe_dump({"title": TITLE, "title_zh": TITLE_ZH, "date": dt.date(2025, 8, 1),
                 "description": "Desc </textarea><script>alert(15)</script>",
                 "authors": ["mallory"], "categories": [CATEGORY],
                 "source": {"title": SOURCE_TITLE, "url": SOURCE_URL, "author": SOURCE_AUTHOR}},
                allow_unicode=True, sort_keys=False)}---

{BODY} [a link](javascript:alert(16)).
{{: onclick="alert(17)" }}

正文 <svg onload=alert(13)> [链接](javascript:alert(14))。

## {HEADING}

## 标题 <svg onload=alert(12)>

The last words.

最后的话。
"""

# Recorded before any page script runs: what the policy refused, and every dialog.
WATCH = """
window.__refused = []
document.addEventListener("securitypolicyviolation",
  e => window.__refused.push(e.violatedDirective + " " + e.blockedURI + " " + e.sample))
"""


@pytest.fixture(scope="session")
def hostile_url(tmp_path_factory, site_port):
    root = copy_project_site(tmp_path_factory.mktemp("hostile"))
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  - essays\n", "  - essays:\n      raw_html: false\n"))
    authors = yaml.safe_load((root / "docs" / ".authors.yml").read_text(encoding="utf-8"))
    authors["authors"]["mallory"] = {"name": AUTHOR, "description": DESCRIPTION,
                                     "avatar": "assets/images/avatar.svg", "url": "javascript:alert(18)"}
    (root / "docs" / ".authors.yml").write_text(yaml.safe_dump(authors, allow_unicode=True))
    (root / "docs" / "posts" / "hostile.md").write_text(ESSAY, encoding="utf-8")
    port = site_port + 1 if site_port < 65535 else site_port - 1
    result = build_site(root, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr
    server = _serve(root / "site", port)
    yield next(server)
    next(server, None)


@pytest.fixture
def watched(page):
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(WATCH)
    return page


def assert_nothing_ran(page) -> None:
    page.wait_for_timeout(200)  # an image's onerror fires once its load fails
    assert page.dialogs == []
    assert page.evaluate("window.__refused") == []
    assert [m for m in page.console_errors if "Content Security Policy" in m] == []
    handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(el =>
        [...el.attributes].filter(a => a.name.startsWith('on') ||
          /^\\s*javascript:/i.test(a.value)).map(a => el.tagName + ' ' + a.name))""")
    assert handlers == []


def shown(page, selector: str) -> str:
    """The text of what `selector` finds, spaces collapsed; of the Chinese, the Simplified
    twin only (the page also holds it in Traditional, hidden)."""
    texts = page.eval_on_selector_all(selector, """els => els.map(el => {
        const copy = el.cloneNode(true)
        copy.querySelectorAll('[data-script=hant]').forEach(twin => twin.remove())
        return copy.textContent })""")
    return " ".join(" ".join(texts).split())


def test_the_essay_page_shows_every_field_as_text_and_runs_none(watched, hostile_url):
    page = watched
    page.goto(f"{hostile_url}/xsstitle--alert2/")
    page.wait_for_selector("#p1")
    assert page.title() == f"{TITLE} · {TITLE_ZH} - Essays · 双语文集"
    assert shown(page, "article h1") == f"{TITLE} {TITLE_ZH}"
    assert TITLE in shown(page, "[data-md-component=header-topic]")
    assert shown(page, ".md-post__authors") == f"{AUTHOR} {DESCRIPTION}"
    # the profile's link, where .authors.yml said javascript:
    assert page.locator(".md-post__authors a").get_attribute("href") == f"{hostile_url}/author/mallory/"
    assert CATEGORY in shown(page, ".md-post__meta")
    assert shown(page, ".essay-source") == f"Source · 原文 {SOURCE_TITLE} · {SOURCE_AUTHOR}"
    assert page.locator(".essay-source a").get_attribute("href") == SOURCE_URL
    assert BODY in shown(page, "#p1 [lang=en]")
    assert HEADING in shown(page, "h2")
    # its javascript: link made "#" (instant navigation makes every href absolute)
    assert page.locator("#p1 a").first.get_attribute("href") == f"{hostile_url}/xsstitle--alert2/#"
    assert page.locator("meta[name=description]").get_attribute("content") == (
        "Desc </textarea><script>alert(15)</script>")
    assert_nothing_ran(page)


@pytest.mark.parametrize("listing", ["", "author/mallory/", "topic/cats/"])
def test_listings_show_the_essay_s_fields_as_text_and_run_none(watched, hostile_url, listing):
    page = watched
    page.goto(f"{hostile_url}/{listing}")
    page.wait_for_selector(".essay-card")
    card = ".essay-card:has-text('Xsstitle body')"
    assert shown(page, f"{card} h2") == f"{TITLE} {TITLE_ZH}"
    assert shown(page, f"{card} .essay-card__authors") == AUTHOR
    assert CATEGORY in shown(page, card)
    if listing:
        assert shown(page, ".md-content__inner > header h1") == (
            AUTHOR if "author" in listing else CATEGORY)
        assert page.title() == f"{AUTHOR if 'author' in listing else CATEGORY} - Essays · 双语文集"
    assert_nothing_ran(page)


def test_search_results_show_the_title_as_text_and_run_none(watched, hostile_url):
    page = watched
    page.goto(f"{hostile_url}/about/")
    anchors = search(page, "xsstitle")
    assert anchors and all(a.startswith("xsstitle-") for a in anchors)
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert f"{TITLE} · {TITLE_ZH}" in titles
    # results show a pair's words, tags left out (search.documents: plain text)
    assert "Xsstitle body and a link" in shown(page, ".md-search-result__item")
    assert_nothing_ran(page)


def test_the_project_s_pages_meet_their_policy(watched, site_url):
    """The home, an essay and search, with instant navigation between them: no script of the
    site's own is refused."""
    page = watched
    page.goto(f"{site_url}/")
    assert "script-src 'self' 'sha256-" in page.locator(
        "meta[http-equiv=Content-Security-Policy]").get_attribute("content")
    page.click(".essay-card .md-post__action a >> nth=0")  # instant navigation
    page.wait_for_selector("#p1")
    page.click("button[data-lang-mode-set=zh]")
    assert page.evaluate("document.documentElement.dataset.langMode") == "zh"
    assert search(page, "policy")
    assert_nothing_ran(page)


def test_the_worker_writes_a_title_into_results_as_text(watched, site_url):
    page = watched
    page.goto(f"{site_url}/about/")
    page.add_script_tag(url=f"{site_url}/assets/javascripts/essays-search-worker.js")
    items = page.evaluate("""title => {
        const index = { stride: 2, bucket: 4, version: "v" }
        const texts = new Map([["text/0-0.json?v=v",
          { url: "x/", title: title, pairs: [[1, "A <b>word</b>", "字 <i>"]] }]])
        const wanted = { words: new Set(["word"]), runs: new Set() }
        return self.EssaysSearch.item(index, 0, [{ doc: 0, score: 1 }], texts, wanted)
    }""", TITLE)
    assert items[-1]["title"] == ("Xsstitle &lt;img src=x onerror=alert(1)&gt; "
                                  "&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;")
    assert items[0]["text"] == ('<p><span lang="en">A &lt;b&gt;<mark>word</mark>&lt;/b&gt;</span> '
                                '<span lang="zh-Hans" data-script="hans">字 &lt;i&gt;</span>'
                                '<span lang="zh-Hant" data-script="hant">字 &lt;i&gt;</span></p>')
    assert_nothing_ran(page)
