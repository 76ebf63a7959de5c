"""The reader's layout (side by side or alternating) and order (English or Chinese first), at
1280 px and on a 390 px touch phone, on screen and in print; the layout menu in both languages."""

from __future__ import annotations

import pytest
from helpers import screenshot
from test_interface import axe_page, axe_violations  # noqa: F401 (axe_page is a fixture)

pytestmark = pytest.mark.browser

ESSAY = "/life-lessons-from-reinforcement-learning/"
HEADING_ESSAY = "/iii-config/"  # has heading pairs
HALVES = ("p => Object.fromEntries([...p.querySelectorAll(':scope > [lang]')]"
          ".filter(h => h.offsetParent !== null).map(h => [h.lang.slice(0, 2), h.getBoundingClientRect().toJSON()]))")


def halves(page, anchor="p2"):
    """The shown halves' boxes of a pair: {'en': box, 'zh': box}."""
    return page.eval_on_selector(f"#{anchor}", HALVES)


def side_by_side(first, second):
    return first["top"] == second["top"] and second["left"] >= first["right"]


def stacked(first, second):
    return second["top"] >= first["bottom"] and first["left"] == second["left"]


def choices(page):
    return page.evaluate("""() => [document.documentElement.dataset.layout, document.documentElement.dataset.first,
        localStorage.getItem('essays.layout'), localStorage.getItem('essays.first')]""")


def open_menu(page):
    page.click(".layout-menu__toggle")
    page.wait_for_selector(".layout-menu__panel", state="visible")


@pytest.mark.parametrize("first", ["en", "zh"])
@pytest.mark.parametrize("layout", ["side", "alternate"])
def test_each_layout_and_order(reader, site_url, layout, first):
    reader.goto(f"{site_url}{ESSAY}?layout={layout}&first={first}")
    reader.wait_for_selector("#p2")
    assert choices(reader) == [layout, first, layout, first]
    boxes = halves(reader)
    one, two = (boxes["en"], boxes["zh"]) if first == "en" else (boxes["zh"], boxes["en"])
    if layout == "side" and reader.width == 1280:
        assert side_by_side(one, two)
    else:  # alternating, and a phone always
        assert stacked(one, two)
    # The title's languages come in the same order, the first at full size.
    spans = reader.eval_on_selector("h1.bilingual", """h => [...h.querySelectorAll('[lang]')]
        .filter(s => s.offsetParent !== null).sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map(s => [s.lang.slice(0, 2), parseFloat(getComputedStyle(s).fontSize)])""")
    assert [lang for lang, _ in spans] == [first, "zh" if first == "en" else "en"]
    assert spans[0][1] > spans[1][1]
    name = f"layout-{layout}-{first}-{reader.width}"
    if reader.width == 1280 or layout == "side":  # the phone alternates whatever the layout
        screenshot(reader, name if reader.width == 1280 else f"layout-{first}-390")
    assert reader.console_errors == []


@pytest.mark.parametrize("first", ["en", "zh"])
def test_heading_pairs_follow_the_order(reader, site_url, first):
    reader.goto(f"{site_url}{HEADING_ESSAY}?first={first}")
    heading = reader.locator(".pair--heading").first
    order = heading.evaluate("""p => [...p.querySelectorAll(':is(h2, h3) > [lang]')]
        .filter(s => s.offsetParent !== null).sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map(s => s.lang.slice(0, 2))""")
    assert order == ([first, "zh" if first == "en" else "en"])


def test_the_menu_sets_remembers_and_applies_before_first_paint(page, site_url):
    page.goto(f"{site_url}{ESSAY}")
    page.wait_for_selector("#p2")
    assert choices(page) == ["side", "en", None, None]
    assert side_by_side(halves(page)["en"], halves(page)["zh"])
    open_menu(page)
    page.click("[data-layout-set=alternate]")
    page.click("[data-first-set=zh]")
    assert choices(page) == ["alternate", "zh", "alternate", "zh"]
    assert page.eval_on_selector_all("[data-layout-set], [data-first-set]",
                                     "els => els.map(e => e.getAttribute('aria-pressed'))") == \
        ["false", "true", "false", "true"]
    assert stacked(halves(page)["zh"], halves(page)["en"])
    page.keyboard.press("Escape")
    assert not page.is_visible(".layout-menu__panel")
    page.add_init_script("""new MutationObserver((records, observer) => {
        if (document.getElementById('p1')) {
          window.__atFirstPair = [document.documentElement.dataset.layout, document.documentElement.dataset.first]
          observer.disconnect()
        }
      }).observe(document, {childList: true, subtree: true})""")
    page.reload()
    page.wait_for_selector("#p2")
    assert page.evaluate("window.__atFirstPair") == ["alternate", "zh"]
    assert stacked(halves(page)["zh"], halves(page)["en"])
    assert page.console_errors == []


def test_the_choice_survives_instant_navigation(page, site_url):
    page.goto(f"{site_url}/")
    page.evaluate("window.__samePage = true")
    open_menu(page)
    page.click("[data-first-set=zh]")
    page.click(".essay-card h2 a[href*='life-lessons']")
    page.wait_for_selector("#p2")
    assert page.evaluate("window.__samePage") is True
    assert side_by_side(halves(page)["zh"], halves(page)["en"])
    assert page.get_attribute("[data-first-set=zh]", "aria-pressed") == "true"


def test_the_menu_speaks_the_interface_language(reader, site_url):
    reader.goto(f"{site_url}{ESSAY}")
    open_menu(reader)
    # A phone always alternates: it offers the order only.
    layouts = ["Side by side", "Alternating"] if reader.width == 1280 else []
    assert [b.inner_text() for b in reader.get_by_role("button").all()
            if b.get_attribute("data-layout-set") or b.get_attribute("data-first-set")
            if b.is_visible()] == layouts + ["English first", "Chinese first"]
    assert reader.get_by_role("group", name="Order").is_visible()
    reader.click("[data-lang-mode-set=zh]")
    open_menu(reader)
    assert reader.get_by_role("button", name="中文在前").is_visible()
    assert reader.get_by_role("button", name="英文在前").is_visible()
    assert reader.get_by_role("group", name="顺序").is_visible()
    assert reader.is_visible(".layout-menu__note--mode")  # one language shown: says when it applies
    assert reader.is_visible("[data-layout-set=side]") == (reader.width == 1280)
    if reader.width == 1280:
        assert reader.get_by_role("button", name="左右对照").is_visible()
    screenshot(reader, f"layout-menu-zh-{reader.width}")


@pytest.mark.parametrize("layout, first", [("side", "en"), ("side", "zh"), ("alternate", "en"),
                                           ("alternate", "zh")])
def test_print_follows_the_layout_and_order(page, site_url, layout, first):
    page.goto(f"{site_url}{ESSAY}?layout={layout}&first={first}")
    page.wait_for_selector("#p2")
    page.emulate_media(media="print")
    boxes = halves(page)
    one, two = (boxes["en"], boxes["zh"]) if first == "en" else (boxes["zh"], boxes["en"])
    assert side_by_side(one, two) if layout == "side" else stacked(one, two)
    assert not page.is_visible(".layout-menu")


def test_print_of_one_language_mode_shows_that_language(page, site_url):
    page.goto(f"{site_url}{ESSAY}?lang=zh&layout=alternate&first=en")
    page.emulate_media(media="print")
    assert list(halves(page)) == ["zh"]


@pytest.mark.parametrize("where", ["menu open", "menu open zh", "alternate zh first"])
def test_axe_finds_no_serious_violation_in_the_menu_or_the_layouts(axe_page, site_url, where):
    page = axe_page
    query = "?lang=zh" if where.endswith(" zh") else "?layout=alternate&first=zh" if "first" in where else ""
    page.goto(f"{site_url}{ESSAY}{query}")
    if where.startswith("menu"):
        open_menu(page)
    assert axe_violations(page) == []


def test_changing_the_layout_keeps_the_readers_place(page, site_url):
    page.goto(f"{site_url}{ESSAY}")
    page.wait_for_selector("#p2")
    # p2 read part way, its top above the screen, as a reader leaves it
    page.evaluate("window.scrollBy(0, document.getElementById('p2').getBoundingClientRect().top + 30)")
    before = page.evaluate("document.getElementById('p2').getBoundingClientRect().top")
    open_menu(page)
    page.click("[data-layout-set=alternate]")
    after = page.evaluate("document.getElementById('p2').getBoundingClientRect().top")
    assert page.evaluate("document.documentElement.dataset.layout") == "alternate"
    assert round(before) == -30 and abs(after - before) <= 1
