"""Copy or share one paragraph from its permalink control, at 1280 px and on a 390 px phone.

navigator.share and the clipboard are stubbed in the page (before any script of the site runs),
so the test reads exactly the text and URL the page handed them.
"""

from __future__ import annotations

import pytest
from helpers import screenshot

pytestmark = pytest.mark.browser

ESSAY = "/life-lessons-from-reinforcement-learning/"
P2_EN = "One of the big concepts in RL is that you always want to be “on-policy”"
P2_ZH = "强化学习中的一个核心理念是“on-policy”（基于自身策略）"
P2_ZH_HANT = "強化學習中的一個核心理念是“on-policy”（基於自身策略）"
P2_EN_END = "human-written chains of thought."
P2_ZH_END = "用RL来训练语言模型解决数学应用题效果更好。"

STUBS = """(() => {
  window.__copied = []; window.__shared = []
  Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {
    writeText: text => { window.__copied.push(text); return Promise.resolve() }}})
  if (%s) navigator.share = data => { window.__shared.push(data); return Promise.resolve() }
  else delete Navigator.prototype.share
})()"""


def stub(page, share=True):
    page.add_init_script(STUBS % ("true" if share else "false"))


def open_essay(page, site_url, query=""):
    page.goto(f"{site_url}{ESSAY}{query}")
    page.wait_for_selector("#p2 .pair__share")


def press(page, selector):
    if page.width == 1280:
        page.hover("#p2")
        page.click(selector)
    else:
        page.tap(selector)


@pytest.fixture
def sharer(reader):
    stub(reader)
    return reader


def test_copy_in_both_languages_gives_the_text_shown_and_the_link(sharer, site_url):
    open_essay(sharer, site_url)
    press(sharer, "#p2 [data-share=copy]")
    sharer.wait_for_function("() => window.__copied.length === 1")
    text = sharer.evaluate("window.__copied[0]")
    en, zh, url = text.split("\n\n")
    assert en.startswith(P2_EN) and en.endswith(P2_EN_END)
    assert zh.startswith(P2_ZH) and zh.endswith(P2_ZH_END)
    assert url == f"{site_url}{ESSAY}#p2"
    status = sharer.locator(".share-status[role=status]")
    status.wait_for(state="visible")
    assert status.inner_text() == "Copied paragraph 2 and its link"
    screenshot(sharer, f"share-copied-{sharer.width}")
    assert sharer.console_errors == []


def test_share_hands_the_web_share_api_the_title_text_and_link(sharer, site_url):
    open_essay(sharer, site_url, "?first=zh")
    press(sharer, "#p2 [data-share=share]")
    sharer.wait_for_function("() => window.__shared.length === 1")
    shared = sharer.evaluate("window.__shared[0]")
    assert shared["url"] == f"{site_url}{ESSAY}#p2"
    assert shared["title"] == ("Life lessons from reinforcement learning · 强化学习带给我的人生启示"
                               " - Essays · 双语文集")
    zh, en = shared["text"].split("\n\n")  # Chinese first, as the reader chose
    assert zh.startswith(P2_ZH) and en.startswith(P2_EN)
    assert sharer.evaluate("window.__copied") == []


def test_in_chinese_mode_with_traditional_only_the_chinese_shown_is_shared(sharer, site_url):
    open_essay(sharer, site_url, "?lang=zh&script=hant")
    press(sharer, "#p2 [data-share=copy]")
    sharer.wait_for_function("() => window.__copied.length === 1")
    zh, url = sharer.evaluate("window.__copied[0]").split("\n\n")
    assert zh.startswith(P2_ZH_HANT) and P2_EN[:20] not in zh
    assert url == f"{site_url}{ESSAY}?lang=zh&script=hant#p2"
    assert sharer.locator(".share-status").inner_text() == "已复制第 2 段及链接"


def test_in_english_mode_only_the_english_is_shared(sharer, site_url):
    open_essay(sharer, site_url, "?lang=en")
    press(sharer, "#p2 [data-share=share]")
    sharer.wait_for_function("() => window.__shared.length === 1")
    shared = sharer.evaluate("window.__shared[0]")
    assert shared["text"].startswith(P2_EN) and shared["text"].endswith(P2_EN_END)
    assert shared["url"] == f"{site_url}{ESSAY}?lang=en#p2"
    assert "pair--reveal" not in sharer.get_attribute("#p2", "class")  # a button, not a reveal


def test_a_heading_pair_shares_its_heading(page, site_url):
    stub(page)
    page.width = 1280
    page.goto(f"{site_url}/iii-config/")
    heading = page.locator(".pair--heading").first
    heading.hover()
    heading.locator("[data-share=copy]").click()
    page.wait_for_function("() => window.__copied.length === 1")
    en, zh, url = page.evaluate("window.__copied[0]").split("\n\n")
    assert (en, zh) == (heading.locator("[lang=en]").inner_text(),
                        heading.locator("[lang=zh-Hans]").inner_text())
    assert url.endswith("/iii-config/#" + heading.get_attribute("id"))


def test_without_the_web_share_api_only_copy_is_offered(page, site_url):
    stub(page, share=False)
    page.goto(f"{site_url}{ESSAY}")
    page.wait_for_selector("#p2 .pair__share")
    # the ¶ link, the reveal button (shown in one-language modes only), then Copy alone
    assert page.eval_on_selector_all("#p2 .pair__tools > *", "els => els.map(e => e.className)") == \
        ["pair__link", "pair__reveal", "pair__share"]
    assert page.locator("#p2 [data-share=share]").count() == 0
    assert page.get_attribute("#p2 [data-share=copy]", "aria-label") == \
        "Copy paragraph 2 and its link · 复制第 2 段及链接"
    page.locator("#p2 .pair__link").focus()
    page.keyboard.press("Tab")  # to Copy, shown on focus
    assert page.evaluate("document.activeElement.dataset.share") == "copy"
    page.wait_for_function("() => getComputedStyle(document.querySelector('#p2 [data-share=copy]')).opacity === '1'")
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.__copied.length === 1")


def test_a_listing_offers_no_share_of_its_excerpts(page, site_url):
    """A card's excerpt is an essay's first pair; its link would be the listing's own."""
    stub(page)
    page.goto(f"{site_url}/")
    page.wait_for_selector(".essay-card .pair")
    assert page.locator(".essay-card .pair").count() > 0
    assert page.locator(".pair__share").count() == 0
