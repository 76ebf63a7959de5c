"""Offscreen pairs (essays-offscreen.css): the browser skips styling and laying out a pair's
halves until they near the screen, yet landing on a pair, finding its text and printing reach
them. `checkVisibility({contentVisibilityAuto: true})` is false for text the browser skips."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LONG = "/borg-the-predecessor-to-kubernetes/"  # 13 pairs: #p13 is screens below the first
SKIPPED = "el => !el.checkVisibility({ contentVisibilityAuto: true })"
RENDERED = ("selector => document.querySelector(selector)"
            ".checkVisibility({ contentVisibilityAuto: true })")
ENGLISH = "> .pair__half[lang=en] p"


def test_a_pair_far_below_the_screen_is_skipped_until_the_reader_scrolls_to_it(reader, site_url):
    reader.goto(f"{site_url}{LONG}")
    first, last = (reader.locator(f"#{n} {ENGLISH}").first for n in ("p1", "p13"))
    assert not first.evaluate(SKIPPED)
    assert last.evaluate(SKIPPED)
    reader.locator("#p13").scroll_into_view_if_needed()
    reader.wait_for_function(RENDERED, arg=f"#p13 {ENGLISH}")
    assert "Kubernetes" in last.inner_text()


def test_landing_on_a_far_pair_renders_it(reader, site_url):
    reader.goto(f"{site_url}{LONG}#p13")
    reader.wait_for_function(RENDERED, arg=f"#p13 {ENGLISH}")
    assert reader.locator("#p13").bounding_box()["y"] < reader.viewport_size["height"]


def test_find_in_page_reaches_a_skipped_pair(page, site_url):
    page.goto(f"{site_url}{LONG}")
    last = page.locator(f"#p13 {ENGLISH}").first
    assert last.evaluate(SKIPPED)
    words = " ".join(last.text_content().split()[:4])
    assert page.evaluate("words => window.find(words)", words)
    assert page.evaluate("() => !!getSelection().anchorNode.parentElement.closest('#p13')")


def test_print_lays_out_every_pair(page, site_url):
    page.goto(f"{site_url}{LONG}")
    page.emulate_media(media="print")
    assert not page.locator(f"#p13 {ENGLISH}").first.evaluate(SKIPPED)
