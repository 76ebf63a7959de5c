"""Paragraph links after edits, and translations out of date, in Chromium on real builds.

Each site is the repository's own, its sample essay edited between two builds:
- links: a pair inserted above #p2, #p3's pair deleted, a typo fixed in #p5; the lock the
  first build writes (pairs/, kept in the site's folder) carries the anchors to the second;
- stale: a git repository in which the English of one pair of the sample essay, and of the
  heading of a twelve-factor chapter, is edited and committed; the build reads that history.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from helpers import build_site, copy_project_site, free_port, screenshot

pytestmark = pytest.mark.browser

ESSAY = "docs/posts/life-lessons-from-reinforcement-learning.md"
LOCK = "pairs/life-lessons-from-reinforcement-learning.lock"
PAGE = "/life-lessons-from-reinforcement-learning/"
TYPO, FIXED = "imitaton is good", "imitation is good"  # in #p5's English, fixed by the edit
NEW_PAIR = ("Before going on, a word on what “on-policy” means here.",
            "在继续之前，先说说这里的“基于自身策略”是什么意思。")
NOTICE = ("The paragraph this link pointed to has been removed; this is the nearest one."
          " · 链接指向的段落已删除，这是离它最近的一段。")


def read_pairs(path):
    """An essay file of paragraph pairs (the sample's form): front matter, [(en, zh), ...]."""
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    blocks = body.strip().split("\n\n")
    return head, list(zip(blocks[::2], blocks[1::2]))


def write_pairs(path, head, pairs):
    body = "\n\n".join(half for pair in pairs for half in pair)
    path.write_text(f"{head}\n---\n\n{body}\n", encoding="utf-8")


def build(root, url):
    result = build_site(root, site_url=f"{url}/")
    assert result.returncode == 0, result.stderr


def halves(page, selector):
    """A pair's (English, Chinese) text as shown."""
    return tuple(page.inner_text(f"{selector} > [lang={lang}]") for lang in ("en", "zh-Hans"))


def box(page, selector):
    return page.eval_on_selector(selector, "e => e.getBoundingClientRect().toJSON()")


def in_view(page, selector):
    """Whether the element's top is on screen, below Material's header."""
    header = box(page, ".md-header")["bottom"]
    return header <= box(page, selector)["top"] < page.viewport_size["height"]


def landed(page, pair):
    """Wait for `pair` to flash; the ids of every pair flashing then."""
    page.wait_for_selector(f"{pair}.pair--landed")
    return page.eval_on_selector_all(".pair--landed", "pairs => pairs.map(p => p.id)")


@pytest.fixture(params=["page", "phone"])
def reader(request):
    """The test runs at 1280 px, then at 390 px on a touch phone."""
    return request.getfixturevalue(request.param)


# -- links after edits ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def links_site(tmp_path_factory, browser, serve):
    """The site built, its #p2..#p5 read in Chromium, the essay edited, built again: (the
    site's URL, {n: (English, Chinese) of #pn in the first build})."""
    root = copy_project_site(tmp_path_factory.mktemp("links"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    essay = root / ESSAY
    head, pairs = read_pairs(essay)
    assert FIXED in pairs[4][0]
    pairs[4] = (pairs[4][0].replace(FIXED, TYPO), pairs[4][1])
    write_pairs(essay, head, pairs)
    build(root, url)
    assert (root / LOCK).is_file()  # what the second build reads the anchors from
    serve(root / "site", port)
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{url}{PAGE}")
    before = {n: halves(page, f"#p{n}") for n in (2, 3, 4, 5)}
    context.close()
    fixed = (pairs[4][0].replace(TYPO, FIXED), pairs[4][1])
    write_pairs(essay, head, [pairs[0], NEW_PAIR, pairs[1], pairs[3], fixed])
    build(root, url)
    return url, before


def test_anchors_stay_with_their_pairs_and_a_deleted_one_is_a_marker_in_its_place(page, links_site):
    url, _ = links_site
    page.goto(f"{url}{PAGE}")
    order = page.eval_on_selector_all(".pair, .pair-gone", "els => els.map(e => e.id)")
    assert order == ["p1", "p6", "p2", "p3", "p4", "p5"]  # the new pair takes the next number
    assert halves(page, "#p6") == NEW_PAIR
    assert page.get_attribute("#p3", "data-lands") == "p4"
    assert box(page, "#p3")["height"] == 0 and not page.is_visible("#p3 .pair-gone__notice")
    assert page.console_errors == []


def test_links_land_on_the_same_paragraphs_after_the_edits(reader, links_site):
    url, before = links_site
    reader.goto(f"{url}{PAGE}#p2")
    assert landed(reader, "#p2") == ["p2"]
    assert halves(reader, "#p2") == before[2]
    assert in_view(reader, "#p2")
    reader.goto(f"{url}{PAGE}#p5")  # the same page: a hashchange
    assert "p5" in landed(reader, "#p5")
    en, zh = before[5]
    assert halves(reader, "#p5") == (en.replace(TYPO, FIXED), zh)
    assert in_view(reader, "#p5")
    assert reader.get_attribute("#p5 a.pair__link", "href").endswith(f"{PAGE}#p5")
    assert reader.console_errors == []


def test_a_deleted_paragraphs_link_lands_on_the_one_in_its_place_with_a_notice(reader, links_site):
    url, before = links_site
    reader.emulate_media(reduced_motion="reduce")  # the screenshot without the header's fade
    reader.goto(f"{url}{PAGE}#p3")
    assert landed(reader, "#p4") == ["p4"]
    assert halves(reader, "#p4") == before[4]  # the pair that followed the deleted one
    assert before[3][0] not in reader.inner_text("article")
    assert reader.inner_text("#p3") == NOTICE
    assert in_view(reader, "#p3") and box(reader, "#p3")["bottom"] <= box(reader, "#p4")["top"]
    if reader.viewport_size["width"] < 500:
        screenshot(reader, "link-gone-390")
    reader.goto(f"{url}{PAGE}#p5")  # landing elsewhere: the notice goes
    landed(reader, "#p5")
    assert not reader.is_visible("#p3 .pair-gone__notice")
    assert reader.console_errors == []


def test_a_deleted_paragraphs_link_in_chinese_shows_the_notice_and_reveals_the_translation(
        reader, links_site):
    url, before = links_site
    reader.goto(f"{url}{PAGE}?lang=zh#p3")
    assert landed(reader, "#p4") == ["p4"]
    assert reader.inner_text("#p3") == NOTICE
    assert reader.is_visible("#p4 > [lang=en]")  # revealed: the translation beneath
    assert reader.inner_text("#p4 > [lang=en]") == before[4][0]
    assert not reader.is_visible("#p5 > [lang=en]")
    assert reader.console_errors == []


def test_a_deleted_paragraphs_link_followed_by_instant_navigation(page, links_site):
    """Material swaps the page in without loading it, and :target is never set: the notice
    still shows (the script marks it)."""
    url, before = links_site
    page.goto(f"{url}/")
    page.evaluate("window.__samePage = true")
    page.evaluate(f"""() => {{
        const link = Object.assign(document.createElement('a'), {{href: '{PAGE}#p3', id: 'to-p3'}})
        link.textContent = 'to #p3'
        document.querySelector('article').prepend(link)
    }}""")
    page.click("#to-p3")
    assert landed(page, "#p4") == ["p4"]
    assert page.evaluate("window.__samePage") is True
    assert page.is_visible("#p3 .pair-gone__notice")
    assert page.console_errors == []


# -- translations out of date ------------------------------------------------------------------

CHAPTER = "docs/posts/12factor-config.md"
CHAPTER_PAGE = "/iii-config/"
HEADING = ("### Store config in the environment", "### Store the config in the environment")
EDIT = ("A well-accepted instantiation of this is", "A widely accepted example of this is")
CHANGED = "2026-11-30"
MARK_ZH = f"译文可能未同步 · translation may be out of date (English changed {CHANGED})"


def git(root, *args, date=None):
    dates = {"GIT_AUTHOR_DATE": f"{date}T12:00:00Z", "GIT_COMMITTER_DATE": f"{date}T12:00:00Z"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={**os.environ, **(dates if date else {})})


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def stale_url(tmp_path_factory, serve):
    """The site as a repository: committed, then the English of the sample's #p2 and of the
    chapter's heading (#p1) edited and committed on CHANGED."""
    root = copy_project_site(tmp_path_factory.mktemp("stale"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    (root / ".gitignore").write_text("/site/\n/.index/\n/.cache/\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.com")
    build(root, url)  # writes the locks, committed with the essays
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Essays", date="2026-11-01")
    edit(root / ESSAY, *EDIT)
    edit(root / CHAPTER, *HEADING)
    git(root, "commit", "-q", "-am", "English edits", date=CHANGED)
    build(root, url)
    return serve(root / "site", port)


def shown(page, selector):
    return page.eval_on_selector_all(selector, "els => els.map(e => e.offsetParent !== null)")


STALE = "[data-script=hans] > .pair__stale"  # the marker in the Simplified half (the script shown)


def test_a_stale_translation_is_marked_in_its_half_and_counted_under_the_title(page, stale_url):
    page.goto(f"{stale_url}{PAGE}")
    assert page.get_attribute("#p2", "data-stale") == "zh"
    assert page.get_attribute("#p2", "data-changed") == CHANGED
    where = "ms => ms.map(m => `${m.closest('.pair').id} ${m.parentElement.lang}`)"
    # the only pair marked: in its Chinese half, once per script (the one not chosen is hidden)
    assert page.eval_on_selector_all(".pair__stale", where) == ["p2 zh-Hans", "p2 zh-Hant"]
    assert page.inner_text("#p2 .pair__stale") == MARK_ZH
    assert page.get_attribute("#p2 .pair__stale time", "datetime") == CHANGED
    total = page.locator(".pair").count()
    assert page.inner_text(".essay-lag") == (f"1 of {total} translations may be out of date"
                                             f" · {total} 段中有 1 段译文可能未同步")
    page.click(".essay-lag a")
    assert landed(page, "#p2") == ["p2"]
    # Written into the page, not added by a script: nothing moves when it is there.
    assert 'class="pair__stale"' in page.request.get(f"{stale_url}{PAGE}").text()
    assert page.console_errors == []


def test_the_marker_shows_where_its_half_shows_as_the_modes_change(page, stale_url):
    page.goto(f"{stale_url}{PAGE}")
    assert shown(page, STALE) == [True]
    page.click("[data-lang-mode-set=en]")
    assert shown(page, STALE) == [False]
    page.click("#p2 [lang=en] p")  # the translation revealed, with its marker
    assert shown(page, STALE) == [True]
    assert page.inner_text("#p2 .pair__stale") == MARK_ZH
    page.click("#p2 [lang=en] p")
    assert shown(page, STALE) == [False]
    page.click("[data-lang-mode-set=zh]")
    assert shown(page, STALE) == [True]
    assert page.inner_text("#p2 .pair__stale") == MARK_ZH  # its English words too
    page.click("[data-lang-mode-set=both]")
    assert shown(page, STALE) == [True]
    assert page.console_errors == []


@pytest.mark.parametrize("lang, marker", [("both", True), ("zh", True), ("en", False)])
def test_a_heading_marker_goes_with_its_language_whole(page, stale_url, lang, marker):
    page.goto(f"{stale_url}{CHAPTER_PAGE}?lang={lang}")
    assert page.get_attribute("#p1", "data-stale") == "zh"
    assert page.get_attribute("#p1 > .pair__stale", "lang") == "zh-Hans"
    assert shown(page, "#p1 > .pair__stale") == [marker]
    if marker:
        assert page.inner_text("#p1 > .pair__stale") == MARK_ZH
    heading = {"both": "Store the config in the environment\n在环境中存储配置",
               "zh": "在环境中存储配置", "en": "Store the config in the environment"}[lang]
    assert page.inner_text("#p1 h2") == heading


# The contrast of an element's text with what is behind it: its and its ancestors' backgrounds,
# composited up to the first opaque one (WCAG's relative luminance).
CONTRAST = """element => {
    const rgba = css => css.match(/[\\d.]+/g).map(Number).concat([1]).slice(0, 4)
    const over = ([r, g, b, a], under) => [r, g, b].map((c, i) => c * a + under[i] * (1 - a))
    const layers = []
    for (let e = element; e; e = e.parentElement) {
      layers.push(rgba(getComputedStyle(e).backgroundColor))
      if (layers.at(-1)[3] === 1) break
    }
    const back = layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255])
    const text = over(rgba(getComputedStyle(element).color), back)
    const lum = rgb => rgb
      .map(c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0)
    const [hi, lo] = [lum(text), lum(back)].sort((x, y) => y - x)
    return (hi + 0.05) / (lo + 0.05)
}"""


@pytest.mark.parametrize("scheme, material", [("light", "default"), ("dark", "slate")])
def test_the_marker_and_the_notice_are_readable_in_both_schemes(browser, stale_url, links_site,
                                                                scheme, material):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{stale_url}{PAGE}")
    assert page.get_attribute("body", "data-md-color-scheme") == material
    assert page.eval_on_selector("#p2 .pair__stale", CONTRAST) >= 4.5
    fonts = page.eval_on_selector_all(f"#p2 {STALE} > [lang]:not([data-script=hant])",
                                      "spans => spans.map(s => getComputedStyle(s).fontFamily)")
    assert fonts[0].startswith('"PingFang SC"') and not fonts[1].startswith('"PingFang SC"')
    page.goto(f"{links_site[0]}{PAGE}#p3")
    assert page.eval_on_selector("#p3 .pair-gone__notice", CONTRAST) >= 4.5
    context.close()


def test_screenshots_of_a_stale_marker(page, phone, stale_url):
    """For a person to look at (README): test-output/screenshots/essay-stale-{1280,390}.png."""
    for shot, name in ((page, "essay-stale-1280"), (phone, "essay-stale-390")):
        shot.emulate_media(reduced_motion="reduce")  # no header fade caught half-way
        shot.goto(f"{stale_url}{PAGE}")
        shot.eval_on_selector("#p2 .pair__stale", "m => m.scrollIntoView({block: 'center'})")
        assert in_view(shot, "#p2 .pair__stale")
        screenshot(shot, name)


def test_print_keeps_the_markers_and_leaves_out_the_notice(page, stale_url, links_site):
    page.emulate_media(media="print")
    page.goto(f"{stale_url}{PAGE}")
    assert shown(page, STALE) == [True]
    page.goto(f"{links_site[0]}{PAGE}#p3")
    landed(page, "#p4")
    assert not page.is_visible("#p3 .pair-gone__notice")
