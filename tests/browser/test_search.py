"""Searching in Chromium with Material's search UI, as a reader types, in both languages.

English is typed key by key; Chinese arrives as an input method commits it: the whole word
at once, with no key of its own (`insert_text`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from helpers import REPO, screenshot
from recall import SAMPLE_RECALL

from essays.terms.check import TermIndex
from essays.terms.expand import expand
from essays.terms.glossary import read_glossary

pytestmark = pytest.mark.browser

SAMPLE = "life-lessons-from-reinforcement-learning/"

PAIR_ANCHOR = re.compile(r"#p\d+$")
# The browser's engine and the CLI both want every word of a query (AND), Chinese as bigrams.
PARITY_QUERIES = list(dict.fromkeys([
    *SAMPLE_RECALL, "environment", "环境变量", "backing", "服务", "日志", "processes",
    "backing services", "environment variables", "imitation learning", "后端服务", "config 环境变量",
    "学习", "球", "the app"]))


def search(page, query: str, typed: bool = True) -> list[str]:
    """Type `query` into Material's search box; the result anchors in order, as 'page/#pN'.

    English words are typed key by key, Chinese committed at once as an input method does;
    `typed=False` commits every word at once (no pause for more keys, so no prefix of a word
    is ever searched, however slowly a loaded machine delivers the keys)."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.click("label[for=__search].md-header__button")
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_function("() => !document.querySelector('.md-search-result__list').children.length")
    for word in query.split(" "):
        if word.isascii() and typed:
            page.keyboard.type(word, delay=20)
        else:
            page.keyboard.insert_text(word)  # what an input method's commit does
        if word is not query.split(" ")[-1]:
            page.keyboard.type(" ")
    page.wait_for_function("() => document.querySelector('.md-search-result__list').children.length > 0")
    page.wait_for_selector(".md-search-result__list[aria-busy=false]", state="attached")
    page.wait_for_timeout(150)  # let every group render
    _scroll_to_the_last_result(page)
    hrefs = page.eval_on_selector_all(".md-search-result__list a",
                                      "links => links.map(a => a.href)")
    return [_anchor(href) for href in hrefs if PAIR_ANCHOR.search(href)]


def _scroll_to_the_last_result(page) -> None:
    """Material renders ten essays, then four more each time the list is scrolled to its end."""
    count = -1
    while count != (count := page.locator(".md-search-result__item").count()):
        page.eval_on_selector(".md-search__scrollwrap", "e => e.scrollTo(0, e.scrollHeight)")
        page.wait_for_timeout(100)


def _anchor(href: str) -> str:
    url = urlsplit(unquote(href))
    return url.path.lstrip("/") + "#" + url.fragment


def sample_pairs(anchors: list[str]) -> set[int]:
    return {int(a.split("#p")[1]) for a in anchors if a.startswith(SAMPLE)}


@pytest.fixture
def essay_page(page, site_url):
    page.goto(f"{site_url}/{SAMPLE}")
    page.wait_for_selector("#p1")
    return page


@pytest.mark.parametrize("query", SAMPLE_RECALL)
def test_recall_on_the_sample_essay(essay_page, query):
    assert sample_pairs(search(essay_page, query)) == SAMPLE_RECALL[query]
    assert essay_page.console_errors == []


def test_twelve_factor_terms_in_both_languages(essay_page):
    assert search(essay_page, "backing services")[0].startswith("iv-backing-services/#p")
    assert search(essay_page, "后端服务")[0].startswith("iv-backing-services/#p")
    assert any(a.startswith("iii-config/#p") for a in search(essay_page, "环境变量"))


def test_a_result_shows_the_pair_in_both_languages_and_lands_on_it(essay_page, site_url):
    search(essay_page, "消融")
    result = essay_page.locator(f".md-search-result__list a[href*='#p4']").first
    text = result.inner_text().replace("\u200b", "")  # the invisible word breaks
    assert "通过消融实验理解系统中各组件的作用" in text
    assert "doing ablations to understand the effect" in text
    screenshot(essay_page, "search-1280")
    result.click()
    essay_page.wait_for_selector("#p4.pair--landed")
    assert urlsplit(essay_page.url).fragment == "p4"
    # the Chinese says it twice: 通过消融实验 … 并消融了自己
    shown_marks = "#p4 .pair__half:not([data-script=hant]) mark[data-md-highlight]"
    assert essay_page.locator(shown_marks).all_inner_texts() == ["消融", "消融"]
    top = essay_page.evaluate("document.getElementById('p4').getBoundingClientRect().top")
    assert 0 <= top < 200


def test_landing_in_one_language_shows_the_matched_translation(essay_page):
    essay_page.click("[data-lang-mode-set=en]")
    search(essay_page, "足球")
    essay_page.locator(".md-search-result__list a[href*='#p3']").first.click()
    essay_page.wait_for_selector("#p3.pair--reveal")
    assert essay_page.is_visible("#p3 [lang=zh-Hans]")


def test_search_on_a_phone(phone, site_url):
    phone.goto(f"{site_url}/{SAMPLE}")
    phone.wait_for_selector("#p1")
    assert sample_pairs(search(phone, "模仿")) == SAMPLE_RECALL["模仿"]
    screenshot(phone, "search-390")


def test_browser_and_cli_return_the_same_pairs(essay_page, project_site):
    """Glossary terms expand alike in both (several of these queries name one)."""
    assert [q for q in PARITY_QUERIES if expand(q, GLOSSARY) != q]  # the expansion is tested too
    for query in PARITY_QUERIES + ["基准代码", "codebases"]:
        browser = set(search(essay_page, query))
        cli = set(cli_search(project_site, query))
        assert browser == cli, query


GLOSSARY = TermIndex(read_glossary(REPO / "docs" / "glossary.yml", "docs/glossary.yml"))


def cli_search(site: Path, query: str) -> list[str]:
    essays = Path(sys.executable).parent / "essays"
    result = subprocess.run([str(essays), "search", query, "--json", "--limit", "1000"],
                            cwd=site, capture_output=True, text=True, check=True)
    return [hit["url"] for hit in json.loads(result.stdout)]


def test_a_glossary_term_typed_in_chinese_finds_the_pairs_that_say_it_in_english(essay_page):
    """基准代码 also finds the pairs whose English says "codebase" and whose Chinese renders it
    otherwise (代码, 代码库): docs/glossary.yml's term, expanded by the worker."""
    found = set(search(essay_page, "基准代码"))
    assert {"xii-admin-processes/#p4", "introducing-sig-etcd/#p9",
            "life-lessons-from-reinforcement-learning/#p3"} <= found
    marks = essay_page.eval_on_selector_all(".md-search-result__list mark", "ms => ms.map(m => m.textContent)")
    assert "codebase" in marks and "基准代码" in marks  # both languages' forms are marked
