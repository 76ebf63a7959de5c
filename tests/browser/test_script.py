"""Traditional script (issue 14): the 简/繁 switch, its memory and URL, the Traditional text
it shows (lang="zh-Hant"), the modes in 繁, and search folding both scripts in the box."""

from __future__ import annotations

import pytest
from helpers import screenshot
from test_interface import axe_page, axe_violations  # noqa: F401  (a fixture, and its check)
from test_search import search

pytestmark = pytest.mark.browser

ESSAY = "/life-lessons-from-reinforcement-learning/"
P2_HANS, P2_HANT = "强化学习中的一个核心理念", "強化學習中的一個核心理念"


def chinese_shown(page, pair: str = "#p2") -> list[tuple[str, str]]:
    """(lang, first words) of each Chinese half of the pair the reader sees."""
    return page.eval_on_selector_all(f"{pair} > [lang^=zh]", """halves => halves
        .filter(h => h.offsetParent !== null).map(h => [h.lang, h.innerText.slice(0, 12)])""")


def pressed(page) -> dict[str, str]:
    return {b.get_attribute("data-script-set"): b.get_attribute("aria-pressed")
            for b in page.locator("[data-script-set]").all()}


def test_the_switch_shows_traditional_remembers_it_and_the_url_sets_it(reader, site_url):
    reader.goto(f"{site_url}{ESSAY}")
    assert chinese_shown(reader) == [["zh-Hans", P2_HANS]]
    assert pressed(reader) == {"hans": "true", "hant": "false"}
    if not reader.locator("[data-script-set=hant]").is_visible():  # a phone: in the drawer?
        pytest.fail("the 简/繁 switch must be reachable at 390 px")
    reader.click("[data-script-set=hant]")
    assert reader.get_attribute("html", "data-script") == "hant"
    assert chinese_shown(reader) == [["zh-Hant", P2_HANT]]
    assert pressed(reader) == {"hans": "false", "hant": "true"}
    assert reader.inner_text("h1 [lang=zh-Hant]") == "強化學習帶給我的人生啟示"
    screenshot(reader, f"essay-hant-{reader.width}")
    reader.reload()  # remembered across reloads and pages
    assert chinese_shown(reader) == [["zh-Hant", P2_HANT]]
    reader.goto(f"{site_url}/iii-config/")
    assert chinese_shown(reader, "#p2")[0][0] == "zh-Hant"
    reader.goto(f"{site_url}{ESSAY}?script=hans")  # the URL wins, and is remembered
    assert chinese_shown(reader) == [["zh-Hans", P2_HANS]]
    reader.goto(f"{site_url}{ESSAY}")
    assert reader.get_attribute("html", "data-script") == "hans"
    assert reader.console_errors == []


@pytest.mark.parametrize("mode, english, chinese", [("both", True, True), ("zh", False, True),
                                                    ("en", False, False)])
def test_the_modes_work_in_traditional(reader, site_url, mode, english, chinese):
    reader.goto(f"{site_url}{ESSAY}?lang={mode}&script=hant")
    assert reader.is_visible("#p2 > [lang=en]") is (mode != "zh")
    assert chinese_shown(reader) == ([["zh-Hant", P2_HANT]] if chinese else [])
    assert reader.evaluate("document.documentElement.lang") == ("zh-Hant" if mode == "zh" else "en")
    if mode == "en":  # a tap reveals the translation, in the script chosen
        reader.click("#p2 > [lang=en] p")
        assert chinese_shown(reader) == [["zh-Hant", P2_HANT]]


def results(page, query: str) -> list[str]:
    return sorted(search(page, query))


def test_traditional_and_simplified_queries_find_the_same_pairs_marked_in_the_script_shown(reader, site_url):
    page = reader
    page.goto(f"{site_url}{ESSAY}?script=hant")
    page.wait_for_selector("#p1")
    simplified, traditional = results(page, "强化学习"), results(page, "強化學習")
    assert simplified == traditional and len(simplified) >= 3
    assert results(page, "學習") == results(page, "学习") and results(page, "習慣") == results(page, "习惯")
    marks = page.eval_on_selector_all(".md-search-result__list mark", """ms => ms
        .filter(m => m.offsetParent !== null).map(m => m.textContent)""")
    assert "習慣" in marks and "习惯" not in marks  # 繁 chosen: the Traditional text is marked
    page.keyboard.press("Escape")  # close the search to reach the switch
    page.click("[data-script-set=hans]")
    search(page, "習慣")
    marks = page.eval_on_selector_all(".md-search-result__list mark", """ms => ms
        .filter(m => m.offsetParent !== null).map(m => m.textContent)""")
    assert "习惯" in marks and "習慣" not in marks
    assert page.console_errors == []


@pytest.mark.parametrize("mode", ["both", "zh"])
def test_axe_finds_no_serious_violation_in_traditional(axe_page, site_url, mode):  # noqa: F811
    axe_page.goto(f"{site_url}{ESSAY}?lang={mode}&script=hant")
    axe_page.wait_for_selector("#p1")
    assert axe_violations(axe_page) == []
