"""The essays' chrome in Chromium at 1280 and 390 px: popular topics, the newest essays and
previous/next in a series, as each reading mode shows them, and where their links go."""

from __future__ import annotations

import pytest
from helpers import screenshot

pytestmark = pytest.mark.browser

SAMPLE = "/life-lessons-from-reinforcement-learning/"
CONFIG = "/iii-config/"
CHINESE_ONLY = "潮流玩具风靡背后的心理学"


@pytest.fixture(scope="module")
def chrome_url(chrome_site, chrome_port, serve):
    return serve(chrome_site / "site", chrome_port)


def open_in(page, url, lang, script=None):
    page.goto(f"{url}?lang={lang}" + (f"&script={script}" if script else ""))
    page.wait_for_selector(".essay-chrome", state="attached")


def lines(page, selector) -> list[str]:
    """What the reader sees of each element: its rendered text, line by line."""
    return [[line.strip() for line in text.split("\n") if line.strip()]
            for text in page.locator(selector).all_inner_texts()]


@pytest.mark.parametrize("lang, topics, recent, first, pop_toys", [
    ("both", "Popular topics", "Recent essays", ["Introducing SIG etcd", "介绍 SIG etcd"], [CHINESE_ONLY]),
    ("en", "Popular topics", "Recent essays", ["Introducing SIG etcd"], [CHINESE_ONLY]),
    ("zh", "热门主题", "最新文章", ["介绍 SIG etcd"], [CHINESE_ONLY]),
])
def test_topics_and_recent_essays_in_each_mode(reader, chrome_url, lang, topics, recent, first,
                                               pop_toys):
    open_in(reader, chrome_url + SAMPLE, lang)
    assert lines(reader, ".essay-chrome__title") == [[topics], [recent]]
    assert lines(reader, ".essay-topics__item")[:2] == [["The Twelve-Factor App 12"], ["Kubernetes 6"]]
    titles = lines(reader, ".essay-recent__title")
    assert titles[0] == first
    assert pop_toys in titles  # a Chinese-only essay shows its title in every mode
    card = reader.locator(".essay-recent__item", has_text=CHINESE_ONLY)
    assert card.locator(".essay-recent__excerpt:visible").all_inner_texts()[0].startswith("于近年来以Molly")
    excerpts = reader.locator(".essay-recent__item").first.locator(".essay-recent__excerpt:visible")
    assert [e.split("(")[0].strip() for e in excerpts.all_inner_texts()] == {
        "both": ["Authors: Han Kang", "作者：Han Kang"], "en": ["Authors: Han Kang"],
        "zh": ["作者：Han Kang"]}[lang]
    source = reader.locator(".essay-recent__item").first.locator(".essay-recent__source")
    assert source.inner_text() == ("原文：Introducing SIG etcd" if lang == "zh" else
                                   "Source: Introducing SIG etcd")
    widest = reader.evaluate("""Math.max(...[...document.querySelectorAll('.essay-chrome, .essay-chrome *')]
        .map(e => e.getBoundingClientRect().right))""")
    assert widest <= reader.width  # nothing of it wider than the screen
    assert reader.console_errors == []


def test_traditional_script_shows_the_traditional_twins(reader, chrome_url):
    open_in(reader, chrome_url + SAMPLE, "zh", "hant")
    assert lines(reader, ".essay-chrome__title")[0] == ["熱門主題"]
    titles = lines(reader, ".essay-recent__title")
    assert titles[0] == ["介紹 SIG etcd"] and ["潮流玩具風靡背後的心理學"] in titles


def test_a_topic_and_a_recent_essay_link_to_their_pages(reader, chrome_url):
    open_in(reader, chrome_url + SAMPLE, "en")
    reader.locator(".essay-topics a", has_text="Kubernetes").click()
    reader.wait_for_url("**/topic/kubernetes/")
    open_in(reader, chrome_url + SAMPLE, "en")
    reader.locator(".essay-recent__title", has_text=CHINESE_ONLY).click()
    reader.wait_for_url("**/pop-toys-psychology/")
    reader.wait_for_selector(f"article h1:has-text('{CHINESE_ONLY}')")
    assert reader.locator("h1").first.inner_text().startswith(CHINESE_ONLY)
    # the new page's own list leaves it out and lists the sample
    titles = lines(reader, ".essay-recent__title")
    assert [CHINESE_ONLY] not in titles and titles[0] == ["Life lessons from reinforcement learning"]


@pytest.mark.parametrize("lang, name, previous, next_", [
    ("both", "The Twelve-Factor App · part 3 of 12",
     ["Previous", "II. Dependencies", "II. 依赖"], ["Next", "IV. Backing services", "IV. 后端服务"]),
    ("en", "The Twelve-Factor App · part 3 of 12", ["Previous", "II. Dependencies"],
     ["Next", "IV. Backing services"]),
    ("zh", "The Twelve-Factor App · 第 3 篇，共 12 篇", ["上一篇", "II. 依赖"], ["下一篇", "IV. 后端服务"]),
])
def test_previous_and_next_in_the_series_in_each_mode(reader, chrome_url, lang, name, previous, next_):
    open_in(reader, chrome_url + CONFIG, lang)
    nav = reader.locator("article .essay-series")
    assert lines(reader, "article .essay-series__name") == [[name]]
    assert lines(reader, ".essay-series__link--prev") == [previous]
    assert lines(reader, ".essay-series__link--next") == [next_]
    # (Material's instant navigation makes every link absolute)
    assert nav.locator("a[rel=prev]").get_attribute("href") == f"{chrome_url}/ii-dependencies/"
    assert nav.locator("a[rel=next]").get_attribute("href") == f"{chrome_url}/iv-backing-services/"
    boxes = [nav.locator(f"a[rel={rel}]").bounding_box() for rel in ("prev", "next")]
    assert all(0 <= b["x"] and b["x"] + b["width"] <= reader.width for b in boxes)
    assert boxes[0]["x"] < boxes[1]["x"]  # previous on the left, next on the right
    assert reader.console_errors == []


def test_next_goes_to_the_next_part_which_links_back(reader, chrome_url):
    open_in(reader, chrome_url + CONFIG, "both")
    reader.locator("article a[rel=next]").click()
    reader.wait_for_url("**/iv-backing-services/")
    # instant navigation changes the URL first, then the page's content
    reader.wait_for_selector("article h1:has-text('IV. Backing services')")
    assert reader.locator("article a[rel=prev]").get_attribute("href") == f"{chrome_url}/iii-config/"
    assert lines(reader, ".essay-series__link--next") == [["Next", "V. Build, release, run", "V. 构建，发布，运行"]]
    open_in(reader, chrome_url + "/i-codebase/", "en")  # the first part: only a next
    assert reader.locator("article a[rel=prev]").count() == 0
    assert lines(reader, ".essay-series__link--next") == [["Next", "II. Dependencies"]]


@pytest.mark.parametrize("lang", ["both", "zh"])
def test_screenshots_of_the_chrome_and_the_series_links(reader, chrome_url, lang):
    """For a person to look at: test-output/screenshots/essay-chrome-<lang>-<width>.png."""
    open_in(reader, chrome_url + CONFIG, lang)
    # one scroll down (scrolling up brings Material's "back to top" over it), then its header's
    # title has changed to the page's
    reader.locator("article .essay-series").evaluate(
        "e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 72)")
    reader.wait_for_timeout(600)
    screenshot(reader, f"essay-chrome-{lang}-{reader.width}")


@pytest.mark.parametrize("lang", ["both", "en", "zh"])
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_serious_violation_in_the_chrome(browser, chrome_url, lang, width):
    """axe-core on an essay with series links and the chrome (test_interface.py's run: Material's
    own violations aside), in each mode at both widths."""
    from test_interface import AXE, axe_violations
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (npm ci installs it)")
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    open_in(page, chrome_url + CONFIG, lang)
    assert axe_violations(page) == []
    context.close()
