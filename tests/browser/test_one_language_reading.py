"""One-language blocks and an image pair in Chromium: each shows in its language's modes only."""

from __future__ import annotations

import pytest
from helpers import SCREENSHOTS

pytestmark = pytest.mark.browser

ESSAY = "/the-life-of-a-container/"
NOTE = ".solo[data-script=hans]:has(strong)"  # the translator's note (译者注), in Simplified


def open_in(page, url, lang):
    page.goto(f"{url}{ESSAY}?lang={lang}")
    page.wait_for_selector("#p2 img", state="attached")


def shown(page, selector):
    return page.eval_on_selector_all(selector, "els => els.map(e => e.offsetParent !== null)")


def images_shown(page):
    return page.eval_on_selector_all("#p2 img", """imgs => imgs
        .filter(img => img.offsetParent !== null).map(img => img.src.split('/').pop())""")


@pytest.mark.parametrize("lang, note, byline, images", [
    ("en", False, True, ["lifecycle.svg"]),
    ("zh", True, False, ["lifecycle_zh-CN.svg"]),
    ("both", True, True, ["lifecycle.svg", "lifecycle_zh-CN.svg"]),
])
def test_each_mode_shows_its_language_only_blocks_and_image(page, one_language_url, lang, note,
                                                            byline, images):
    open_in(page, one_language_url, lang)
    assert page.get_attribute(NOTE, "lang") == "zh-Hans"
    assert shown(page, NOTE) == [note]
    assert shown(page, ".solo[lang=en]") == [byline]
    assert images_shown(page) == images
    assert page.console_errors == []


def test_the_zh_note_shows_its_text_in_chinese_mode(page, one_language_url):
    open_in(page, one_language_url, "zh")
    assert page.inner_text(NOTE).startswith("译者注：本文中的“容器”一词指 Linux 容器。")


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_each_mode_at_desktop_and_phone_width_shows_the_note_where_it_belongs(
        browser, one_language_url, width, height):
    """Also saved for a person to look at: test-output/screenshots/one-language-*.png."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang, shown in (("both", True), ("zh", True), ("en", False)):
        open_in(page, one_language_url, lang)
        assert page.locator(NOTE).is_visible() is shown, (lang, width)
        if shown:  # on a phone too, the note fits the screen's width
            assert page.locator(NOTE).bounding_box()["width"] <= width
        page.screenshot(path=str(SCREENSHOTS / f"one-language-{lang}-{width}.png"), full_page=True)
    context.close()
