"""Reading the sample essay in Chromium: pairs, languages, anchors, the toggle, reveal, layout."""

from __future__ import annotations

import pytest
from helpers import SAMPLE_PAIR_COUNT, screenshot

pytestmark = pytest.mark.browser

ESSAY = "/life-lessons-from-reinforcement-learning/"
FIRST_WORDS = [
    ("Becoming an RL diehard", "过去一年里，我沉迷于强化学习"),
    ("One of the big concepts in RL", "强化学习中的一个核心理念"),
    ("Similarly in life, we first bootstrap", "生活中也是如此"),
    ("The lesson of doing RL on policy", "基于自身策略地做RL告诉我们的道理"),
    ("In short, imitation is good", "简而言之，模仿是好的"),
]


def every(halves: str, revealed: dict[int, str] | None = None) -> list[str]:
    """What visible_halves() gives when every pair shows `halves`, but those in `revealed`."""
    return [(revealed or {}).get(n, halves) for n in range(1, SAMPLE_PAIR_COUNT + 1)]


def open_essay(page, site_url, query=""):
    page.goto(f"{site_url}{ESSAY}{query}")
    page.wait_for_selector("#p1")


def visible_halves(page):
    """For each pair, the halves a reader can see, top to bottom: e.g. ['en', 'zh+en', ...]."""
    return page.eval_on_selector_all(".pair:not(.pair--heading)", """pairs => pairs.map(pair =>
        [...pair.querySelectorAll(':scope > [lang]')]
          .filter(half => half.offsetParent !== null)
          .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
          .map(half => half.lang.slice(0, 2)).join('+'))""")


def mode(page):
    return page.evaluate("document.documentElement.dataset.langMode")


def pressed(page):
    return page.eval_on_selector_all("[data-lang-mode-set][aria-pressed=true]",
                                     "els => els.map(e => e.dataset.langModeSet)")


def test_sample_essay_has_its_pairs_with_languages_and_anchors(page, site_url):
    open_essay(page, site_url)
    pairs = page.eval_on_selector_all(".pair:not(.pair--heading)", """pairs => pairs.map(p => ({
        id: p.id,
        en: p.querySelector(':scope > [lang="en"]').innerText,
        zh: p.querySelector(':scope > [lang="zh-Hans"]').innerText,
        link: p.querySelector('a.pair__link').getAttribute('href')}))""")
    assert [p["id"] for p in pairs] == [f"p{n}" for n in range(1, SAMPLE_PAIR_COUNT + 1)]
    assert len(FIRST_WORDS) == SAMPLE_PAIR_COUNT
    for pair, (en, zh) in zip(pairs, FIRST_WORDS):
        assert pair["en"].startswith(en) and pair["zh"].startswith(zh)
        assert pair["link"].endswith(f"{ESSAY}#{pair['id']}")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.title() == ("Life lessons from reinforcement learning · 强化学习带给我的人生启示"
                            " - Essays · 双语文集")
    assert page.console_errors == []


def test_permalink_shows_on_hover_and_on_focus(page, site_url):
    open_essay(page, site_url)
    link = page.locator("#p3 a.pair__link")
    assert link.evaluate("a => getComputedStyle(a).opacity") == "0"
    page.hover("#p3 [lang=en]")
    page.wait_for_function("() => getComputedStyle(document.querySelector('#p3 a.pair__link')).opacity === '1'")
    page.mouse.move(0, 0)
    link.focus()
    page.wait_for_function("() => getComputedStyle(document.querySelector('#p3 a.pair__link')).opacity === '1'")


def test_each_mode_shows_the_right_language(page, site_url):
    open_essay(page, site_url)
    assert (mode(page), pressed(page), visible_halves(page)) == ("both", ["both"], every("en+zh"))
    page.click("[data-lang-mode-set=en]")
    assert (mode(page), pressed(page), visible_halves(page)) == ("en", ["en"], every("en"))
    assert not page.is_visible("h1 [lang=zh-Hans]")
    page.click("[data-lang-mode-set=zh]")
    assert (mode(page), pressed(page), visible_halves(page)) == ("zh", ["zh"], every("zh"))
    assert not page.is_visible("h1 [lang=en]")
    page.click("[data-lang-mode-set=both]")
    assert (mode(page), visible_halves(page)) == ("both", every("en+zh"))
    assert page.console_errors == []


def test_toggle_works_from_the_keyboard(page, site_url):
    open_essay(page, site_url)
    page.focus("[data-lang-mode-set=both]")
    page.keyboard.press("Tab")  # to EN
    page.keyboard.press("Tab")  # to 中文
    page.keyboard.press("Enter")
    assert (mode(page), pressed(page)) == ("zh", ["zh"])
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert (mode(page), pressed(page)) == ("en", ["en"])
    assert page.get_attribute("[role=group].lang-toggle", "aria-label") == "Reading language · 阅读语言"


def test_mode_persists_across_reload_and_applies_before_first_paint(page, site_url):
    open_essay(page, site_url)
    page.click("[data-lang-mode-set=zh]")
    # Record the mode at the moment the first pair is parsed, before anything is painted.
    page.add_init_script("""new MutationObserver((records, observer) => {
        if (document.getElementById('p1')) {
          window.__modeAtFirstPair = document.documentElement.dataset.langMode
          observer.disconnect()
        }
      }).observe(document, {childList: true, subtree: true})""")
    page.reload()
    page.wait_for_selector("#p1")
    assert page.evaluate("window.__modeAtFirstPair") == "zh"
    assert (mode(page), pressed(page), visible_halves(page)) == ("zh", ["zh"], every("zh"))
    assert page.evaluate("localStorage.getItem('essays.lang-mode')") == "zh"
    assert page.console_errors == []


def test_mode_survives_instant_navigation(page, site_url):
    open_essay(page, site_url)
    page.click("[data-lang-mode-set=en]")
    page.evaluate("window.__samePage = true")
    page.click(".md-post__back a")  # Material's "Back to index"
    page.wait_for_selector(".essay-card")
    assert page.evaluate("window.__samePage") is True  # instant: no full page load
    assert (mode(page), pressed(page)) == ("en", ["en"])
    assert not page.is_visible(".essay-card [lang=zh-Hans]")
    page.click(".essay-card h2 a[href*='life-lessons']")
    page.wait_for_selector(f"#p{SAMPLE_PAIR_COUNT}")
    assert page.evaluate("window.__samePage") is True
    assert (mode(page), visible_halves(page)) == ("en", every("en"))
    assert page.console_errors == []


@pytest.mark.parametrize("lang, expected", [("zh", "zh"), ("en", "en"), ("both", "en+zh")])
def test_lang_in_the_url_sets_the_mode(page, site_url, lang, expected):
    open_essay(page, site_url, f"?lang={lang}")
    assert mode(page) == lang
    assert visible_halves(page) == every(expected)
    assert page.evaluate("localStorage.getItem('essays.lang-mode')") == lang


def test_clicking_a_paragraph_reveals_its_translation_and_again_hides_it(page, site_url):
    open_essay(page, site_url, "?lang=en")
    page.click("#p2 [lang=en] p")
    assert visible_halves(page) == every("en", {2: "en+zh"})
    assert "pair--reveal" in page.get_attribute("#p2", "class")
    page.click("#p2 [lang=en] p")
    assert visible_halves(page) == every("en")
    page.click("[data-lang-mode-set=zh]")
    page.click("#p4 [lang=zh-Hans] p")
    assert visible_halves(page) == every("zh", {4: "zh+en"})
    assert page.console_errors == []


def test_reveal_by_tap_on_a_phone(phone, site_url):
    open_essay(phone, site_url, "?lang=zh")
    phone.tap("#p1 [lang=zh-Hans] p")
    assert visible_halves(phone)[0] == "zh+en"


def test_wide_screens_put_halves_side_by_side_and_narrow_screens_interleave(page, phone, site_url):
    boxes = ("p => [...p.querySelectorAll(':scope > [lang]:not([data-script=hant])')]"
             ".map(h => h.getBoundingClientRect().toJSON())")  # English, and Simplified (shown)
    open_essay(page, site_url)
    en, zh = page.eval_on_selector("#p2", boxes)
    assert en["top"] == zh["top"] and zh["left"] >= en["right"]
    screenshot(page, "essay-both-1280")
    open_essay(phone, site_url)
    en, zh = phone.eval_on_selector("#p2", boxes)
    assert zh["top"] >= en["bottom"] and zh["left"] == en["left"]
    screenshot(phone, "essay-both-390")
    phone.click("[data-lang-mode-set=zh]")
    screenshot(phone, "essay-zh-390")
    page.click("[data-lang-mode-set=en]")
    screenshot(page, "essay-en-1280")
    page.goto(site_url + "/")
    screenshot(page, "home-1280")
    phone.goto(site_url + "/")
    screenshot(phone, "home-390")
    assert page.console_errors == [] and phone.console_errors == []


def test_landing_on_a_pair_highlights_it(page, site_url):
    page.goto(f"{site_url}{ESSAY}#p4")
    page.wait_for_selector("#p4.pair--landed")
    assert page.evaluate("document.querySelector('#p4').getBoundingClientRect().top") < 200
