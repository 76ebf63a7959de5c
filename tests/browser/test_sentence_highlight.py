"""Sentence highlight in Chromium: hover (1280 px), tap (390 px touch phone) and keyboard light a
sentence and exactly its translation, in both scripts and with search marks; the text reads
and copies as before; axe finds nothing."""

from __future__ import annotations

import pytest
from helpers import screenshot
from measure_sentences import reference
from test_interface import axe_page, axe_violations  # noqa: F401 (axe_page is a fixture)

pytestmark = pytest.mark.browser

SAMPLE = "/life-lessons-from-reinforcement-learning/"
CONFIG = "/iii-config/"

OBVIOUSLY = ("Obviously imitation learning is useful to bootstrap to nonzero pass rate initially, "
             "but once you can take reasonable trajectories, we generally avoid imitation learning "
             "because the best way to leverage the model’s own strengths (which are different from "
             "humans) is to only learn from its own trajectories.")
OBVIOUSLY_ZH = ["显然，在一开始，为了把成功率从零提升到一个起点，模仿学习是非常有用的。",
                "但一旦你能够执行合理的轨迹，我们通常就会避免继续使用模仿学习，因为最能发挥模型自身"
                "（不同于人类）优势的方法，是只从它自己的轨迹中学习。"]


def lit(page, selector: str = "") -> dict[str, list[str]]:
    """The lit sentences the reader can see, by language of their half, top to bottom."""
    return page.evaluate("""selector => {
        const found = {}
        for (const span of document.querySelectorAll(selector + ' .s-lit')) {
            if (!span.getClientRects().length) continue
            const lang = span.closest('[lang]').lang
            ;(found[lang] = found[lang] || []).push(span.textContent)
        }
        return found
    }""", selector)


def sentence(page, pair: str, lang: str, starts: str):
    return page.locator(f"#{pair} [lang={lang}] [data-s]", has_text=starts).first


def point(reader, target) -> None:
    """Hover with the mouse at 1280 px; tap on the phone."""
    if reader.width == 1280:
        target.hover()
    else:
        target.tap()


def test_pointing_at_a_sentence_lights_exactly_its_translation(reader, site_url):
    reader.goto(f"{site_url}{SAMPLE}")
    point(reader, sentence(reader, "p2", "en", "Obviously imitation"))
    assert lit(reader) == {"en": [OBVIOUSLY], "zh-Hans": OBVIOUSLY_ZH}
    # and from the Chinese side: the second half of the split lights the whole English
    point(reader, sentence(reader, "p3", "zh-Hans", "但即使在我毕业之后"))
    assert lit(reader) == {
        "en": ["But even after I graduated school, I had a habit of studying how other people "
               "found success and trying to imitate them."],
        "zh-Hans": ["但即使在我毕业之后，我仍习惯于研究他人如何取得成功，并试图模仿他们。"]}
    screenshot(reader, f"sentence-highlight-{reader.width}")
    assert reader.console_errors == []


def test_two_english_sentences_translated_as_one_light_together(reader, site_url):
    reader.goto(f"{site_url}{CONFIG}")
    point(reader, sentence(reader, "p4", "zh-Hans", "有些应用"))
    assert lit(reader) == {
        "en": ["Apps sometimes store config as constants in the code.",
               "This is a violation of twelve-factor, which requires strict separation of config "
               "from code."],
        "zh-Hans": ["有些应用在代码中使用常量保存配置，这与 12-Factor 所要求的代码和配置严格分离显然大相径庭。"]}
    point(reader, sentence(reader, "p4", "en", "Config varies"))
    assert lit(reader) == {"en": ["Config varies substantially across deploys, code does not."],
                           "zh-Hans": ["配置文件在各部署间存在大幅差异，代码却完全一致。"]}


def test_the_light_goes_out(reader, site_url):
    reader.goto(f"{site_url}{SAMPLE}")
    target = sentence(reader, "p2", "en", "Obviously imitation")
    point(reader, target)
    assert lit(reader)
    if reader.width == 1280:
        reader.mouse.move(5, 5)  # the mouse leaves the sentence
    else:
        target.tap()  # a second tap; no hover light stays behind
    assert lit(reader) == {}


def test_the_traditional_copy_lights_in_traditional(reader, site_url):
    reader.goto(f"{site_url}{SAMPLE}?script=hant")
    point(reader, sentence(reader, "p2", "en", "Obviously imitation"))
    assert lit(reader)["zh-Hant"][0].startswith("顯然，在一開始")
    assert len(lit(reader)["zh-Hant"]) == 2 and "zh-Hans" not in lit(reader)


def test_keyboard_one_tab_stop_per_pair_and_arrows_inside_it(page, site_url):
    page.goto(f"{site_url}{SAMPLE}")
    stops = page.eval_on_selector_all("#p2 [tabindex='0']", "els => els.map(e => e.textContent)")
    assert len(stops) == 1 and stops[0].startswith("One of the big concepts")
    page.locator("#p2 [tabindex='0']").focus()
    assert lit(page)["zh-Hans"][0].startswith("强化学习中的一个核心理念")
    page.keyboard.press("ArrowRight")
    assert lit(page) == {"en": [OBVIOUSLY], "zh-Hans": OBVIOUSLY_ZH}
    assert page.evaluate("document.activeElement.textContent") == OBVIOUSLY
    assert page.eval_on_selector_all("#p2 [tabindex='0']", "els => els.length") == 1
    page.keyboard.press("Escape")
    assert lit(page) == {}
    # Tab leaves the pair for the next one's single stop
    page.keyboard.press("Tab")
    tabbed = page.evaluate("[document.activeElement.closest('.pair')?.id, "
                           "document.activeElement.getAttribute('data-s')]")
    assert tabbed[0] in ("p2", "p3")  # the pair's own permalink, or the next pair's sentence


def test_in_chinese_only_the_tab_stop_is_a_chinese_sentence(page, site_url):
    page.goto(f"{site_url}{SAMPLE}?lang=zh")
    stop = page.locator("#p2 [tabindex='0']")
    assert stop.text_content().startswith("强化学习中的一个核心理念")
    assert stop.evaluate("s => s.closest('[lang]').lang") == "zh-Hans"


def test_search_marks_and_sentence_marks_together(page, site_url):
    page.goto(f"{site_url}{SAMPLE}?h=imitation#p2")
    page.wait_for_selector("#p2 mark[data-md-highlight]")
    marks = page.eval_on_selector_all("#p2 mark[data-md-highlight]",
                                      "ms => ms.map(m => [m.textContent, !!m.closest('[data-s]')])")
    assert marks == [["imitation", True], ["imitation", True]]
    sentence(page, "p2", "en", "Obviously imitation").hover()
    assert lit(page) == {"en": [OBVIOUSLY], "zh-Hans": OBVIOUSLY_ZH}


def test_the_text_reads_and_copies_as_written(page, site_url):
    page.goto(f"{site_url}{SAMPLE}")
    english = page.locator("#p2 [lang=en] p").inner_text()
    assert english.startswith("One of the big concepts in RL")
    assert "by the environment. Obviously imitation" in english
    assert "from its own trajectories. A well-accepted" in english
    chinese = page.locator("#p2 [lang=zh-Hans] p").inner_text()
    assert "是非常有用的。但一旦你能够" in chinese
    page.locator("#p2 [lang=en] p").select_text()
    assert page.evaluate("String(getSelection())") == english


def test_axe_with_a_sentence_lit_and_focused(axe_page, site_url):  # noqa: F811
    axe_page.goto(f"{site_url}{SAMPLE}")
    axe_page.locator("#p2 [tabindex='0']").focus()
    assert lit(axe_page)
    assert axe_violations(axe_page) == []


def test_listings_light_but_add_no_tab_stops(page, site_url):
    page.goto(f"{site_url}/")
    excerpt = page.locator(".md-post--excerpt .pair [lang=en] [data-s]", has_text="Becoming an RL diehard")
    assert page.eval_on_selector_all("[data-s][tabindex='0']", "els => els.length") == 0
    excerpt.hover()
    assert lit(page, ".md-post--excerpt")["zh-Hans"][0].startswith("过去一年里，我沉迷于强化学习")


def test_in_one_language_the_tap_that_reveals_the_translation_lights_it(reader, site_url):
    reader.goto(f"{site_url}{SAMPLE}?lang=en")
    target = sentence(reader, "p2", "en", "Obviously imitation")
    target.click() if reader.width == 1280 else target.tap()
    reader.wait_for_selector("#p2.pair--reveal")
    assert lit(reader) == {"en": [OBVIOUSLY], "zh-Hans": OBVIOUSLY_ZH}


def test_screen_readers_get_each_paragraph_whole(page, site_url):
    # the accessibility tree Chromium gives assistive technology: one paragraph, its text as
    # written, the sentence spans (focusable ones included) adding no node and no word
    pair = reference()["life-lessons-from-reinforcement-learning"]["p2"]
    page.goto(f"{site_url}{SAMPLE}")
    page.wait_for_selector("#p2 [tabindex='0']")
    assert page.locator("#p2 [lang=en]").aria_snapshot() == f'- paragraph: "{" ".join(pair["en"])}"'
    assert page.locator("#p2 [lang=zh-Hans]").aria_snapshot() == f'- paragraph: {"".join(pair["zh"])}'


def test_a_list_item_lights_its_translated_item(reader, site_url):
    reader.goto(f"{site_url}{CONFIG}")
    point(reader, reader.locator("#p3 [lang=en] li [data-s]", has_text="Credentials to external"))
    assert lit(reader) == {"en": ["Credentials to external services such as Amazon S3 or Twitter"],
                           "zh-Hans": ["第三方服务的证书，如 Amazon S3、Twitter 等"]}
