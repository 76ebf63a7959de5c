"""What search costs a reader in Chromium: bytes on the wire and time to the first results.

Generic on purpose (it must stay valid when the browser index changes shape): it counts every
byte the server sends, and tells search data from the page by how it was requested — data a
script fetched (fetch/XHR, from the page or a worker) is search data, except Material's
`sitemap.xml`, which instant navigation fetches on every page view.
"""

from __future__ import annotations

import gzip
import json
import statistics
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..search.analysis import stem
from ..search.browser_index import FOLDER
from ..text.scripts import HAN
from .server import GZIP_LEVEL, CountingServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCRIPT_FETCHES = {"fetch", "xhr"}
NOT_SEARCH = ("/sitemap.xml", "/sitemap.xml.gz")
# The search has answered when results are listed or the count says none match, and it has
# answered the query as typed when that happened after an input that left the box holding the
# whole query (a key, or an input method's commit): an answer to a prefix, shown while keys were
# still coming, is not it. Recorded by a MutationObserver on the page's clock (ms since the
# navigation started: the page's time origin), as the page changes, and reported to the bench
# as a console message (ANSWER: clock of the answer and of the last input, results listed, the
# box's text), which Playwright hands over without running any script in the page: waiting with
# `wait_for_function` compiled Playwright's injected script on the page's main thread during
# the search (511 ms in one traced run). Marked in a performance trace too (console.timeStamp),
# for bench/trace.py. `answer_clock(query)` is the init script.
ANSWER = "essays:answered"
ANSWER_CLOCK = """
window.__lastInput = 0;
window.__answeredAt = 0;
window.__inputText = null;
document.addEventListener('input', (event) => {
  // the box's own: Material's toggles (checkboxes, value "on") fire input events too
  if (!event.target.matches || !event.target.matches('input.md-search__input')) return;
  window.__lastInput = performance.now();
  window.__inputText = event.target.value;
  window.__answeredAt = 0;
  console.timeStamp('essays:input');
}, true);
document.addEventListener('DOMContentLoaded', () => {
  const result = document.querySelector('.md-search-result');
  if (!result) return;
  new MutationObserver(() => {
    const list = result.querySelector('.md-search-result__list');
    const meta = result.querySelector('.md-search-result__meta');
    const answered = (list && list.children.length > 0) || (meta && /matching/i.test(meta.textContent));
    const whole = window.__inputText === window.__query;  // the box's last input left it whole
    if (window.__lastInput && !window.__answeredAt && answered && whole) {
      window.__answeredAt = performance.now();
      console.timeStamp('essays:answered');
      console.debug('essays:answered', JSON.stringify([window.__answeredAt, window.__lastInput,
                    list ? list.children.length : 0, window.__inputText]));
    }
  }).observe(result, { subtree: true, childList: true, characterData: true });
});
"""


def answer_clock(query: str) -> str:
    """The init script that reports the answer to `query` (ANSWER_CLOCK)."""
    return f"window.__query = {json.dumps(query)};" + ANSWER_CLOCK


# The worker has sent its last answer (our result list's aria-busy; stock's has none).
EVERY_ANSWER = ("() => document.querySelector('.md-search-result__list')"
                ".getAttribute('aria-busy') !== 'true'")

# Where a reader clicks to search: the box, or on a narrow screen the button that opens it.
# Read with one small evaluate (no locator: its actionability checks wait for animation frames
# and run Playwright's injected script, the harness's cost, not a reader's).
SEARCH_TARGET = """() => {
  const middle = (element) => {
    const rect = element.getBoundingClientRect();
    return [rect.x + rect.width / 2, rect.y + rect.height / 2];
  };
  const box = document.querySelector('input.md-search__input');
  const [x, y] = middle(box);
  if (document.elementFromPoint(x, y) === box) return [x, y, true];  // a click there is the box's
  return [...middle(document.querySelector('label[for=__search].md-header__button')), false];
}"""
TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class BrowserFigures:
    page_view_search_bytes: int  # search data a page view fetches before the reader searches
    first_search_bytes: int  # search data fetched from navigation to the first results
    first_results_s: float  # navigation to first results (median; English and Chinese)
    first_results_en_s: float
    first_results_zh_s: float
    first_results_after_input_s: float  # of which: the query's last key (or commit) to results
    results_found: bool  # whether the first query listed any result (not "no matching")
    search_paths: list[str]  # what was fetched as search data, for the record


def search_data_bytes(site: Path, folder: str = "search") -> tuple[int, int]:
    """Raw and gzipped bytes of every file under `site/folder` (each file gzipped alone)."""
    raw = zipped = 0
    for path in sorted((site / folder).rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            raw += len(data)
            zipped += len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))
    return raw, zipped


def frequent_words(site: Path) -> dict[str, str]:
    """{"en": word, "zh": word}: the English word and the Chinese bigram in the most pairs of
    the site's browser index (ties: the first in code-point order), each a one-term query —
    the largest postings a one-word search can need."""
    best: dict[str, tuple[int, str]] = {}
    for path in sorted((site / FOLDER / "terms").glob("*.json")):
        for term, (df, *_) in json.loads(path.read_text(encoding="utf-8")).items():
            lang = _one_term_word(term)
            if lang and (-df, term) < best.get(lang, (0, "")):
                best[lang] = (-df, term)
    return {lang: term for lang, (_, term) in sorted(best.items())}


def _one_term_word(term: str) -> str | None:
    if term.isascii() and term.isalpha() and stem(term) == term:
        return "en"
    if len(term) == 2 and all(map(HAN.match, term)):
        return "zh"
    return None


@contextmanager
def _chromium(site: Path, port: int):
    from playwright.sync_api import sync_playwright

    with CountingServer(site, port) as server, sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium, server
        finally:
            chromium.close()


def measure(site: Path, essay_url: str, query_en: str, query_zh: str, runs: int = 3,
            port: int = 0) -> BrowserFigures:
    with _chromium(site, port) as (chromium, server):
        url = f"{server.origin}/{essay_url}"
        costs = _first_search_cost(chromium, server, url, query_en)
        en = [_time_to_results(chromium, url, query_en) for _ in range(runs)]
        zh = [_time_to_results(chromium, url, query_zh) for _ in range(runs)]
    en_s, zh_s = statistics.median(t for t, _, _ in en), statistics.median(t for t, _, _ in zh)
    after_input = max(statistics.median(a for _, a, _ in en), statistics.median(a for _, a, _ in zh))
    return BrowserFigures(costs[0], costs[1], max(en_s, zh_s), en_s, zh_s, after_input,
                          all(found for _, _, found in en + zh), costs[2])


def measure_words(site: Path, essay_url: str, words: dict[str, str], runs: int = 3,
                  port: int = 0) -> dict:
    """For each word (frequent_words), typed into a fresh page: the bytes its first search
    fetched and the time to its first results (median of `runs`), as results.json keys."""
    found = {}
    with _chromium(site, port) as (chromium, server):
        url = f"{server.origin}/{essay_url}"
        for lang, word in words.items():
            _, sent, _ = _first_search_cost(chromium, server, url, word)
            times = [_time_to_results(chromium, url, word) for _ in range(runs)]
            found.update({f"frequent_{lang}_word": word, f"frequent_{lang}_first_search_bytes": sent,
                          f"frequent_{lang}_first_results_s": statistics.median(t for t, _, _ in times),
                          f"frequent_{lang}_results_found": all(f for _, _, f in times)})
    return found


def _first_search_cost(chromium, server: CountingServer, url: str,
                       query: str) -> tuple[int, int, list[str]]:
    """Open the essay, wait until the network is idle, then search once."""
    context = chromium.new_context()
    page = context.new_page()
    page.add_init_script(answer_clock(query))
    kinds: dict[str, str] = {}
    context.on("request", lambda r: kinds.setdefault(_path(r.url), r.resource_type))
    try:
        start = server.mark()
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        viewed = server.mark()
        _search(page, query)
        # every answer in: the first one may hold fewer essays than the search lists, and
        # Playwright's network idle does not wait for the worker's fetches
        page.wait_for_function(EVERY_ANSWER, timeout=TIMEOUT_MS)
        page.wait_for_load_state("networkidle")
        log = server.since(start)
    finally:
        context.close()
    split = viewed - start
    page_view = [(path, sent) for path, sent in log[:split] if _fetched_by_script(path, kinds)]
    searched = page_view + [(path, sent) for path, sent in log[split:] if path not in NOT_SEARCH]
    return (sum(sent for _, sent in page_view), sum(sent for _, sent in searched),
            sorted({path for path, _ in searched}))


def _fetched_by_script(path: str, kinds: dict[str, str]) -> bool:
    """During a page view, search data is what a script fetched (the page's own files are not)."""
    return path not in NOT_SEARCH and kinds.get(path) in SCRIPT_FETCHES


def _time_to_results(chromium, url: str, query: str) -> tuple[float, float, bool]:
    """Seconds from navigation until the search answers `query`, typed as soon as the page
    shows; of which, seconds from the query's last input to the answer; whether it found any."""
    context = chromium.new_context()
    page = context.new_page()
    page.add_init_script(answer_clock(query))
    try:
        page.goto(url, wait_until="domcontentloaded")
        answered, last_input, found, _ = _search(page, query)
    finally:
        context.close()
    return answered / 1000, (answered - last_input) / 1000, bool(found)


def _search(page, query: str) -> list:
    """Open search and type as a person: a click where the box is (or, on a narrow screen, the
    button that opens it), English key by key, Chinese as an input method commits; wait for
    the answer (ANSWER) and return what it reported: [answered ms, last input ms, results
    listed, the box's text]. The page's script is `answer_clock(query)`."""
    answer = page.expect_console_message(lambda m: m.text.startswith(ANSWER), timeout=TIMEOUT_MS)
    with answer as message:
        x, y, on_box = page.evaluate(SEARCH_TARGET)
        page.mouse.click(x, y)
        if not on_box:  # the box shows once the button's toggle has: wait for it (a locator)
            box = page.locator("input.md-search__input")
            box.wait_for(state="visible", timeout=TIMEOUT_MS)
            box.focus()
        if query.isascii():
            page.keyboard.type(query, delay=20)
        else:
            page.keyboard.insert_text(query)
            # then the key that picked the input method's candidate comes up (Shift here: it
            # types nothing). Stock Material searches on keyup only: without one, a word
            # committed once its index is ready was never searched, and the step waited forever.
            page.keyboard.press("Shift")
    return json.loads(message.value.text[len(ANSWER):])


def _path(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(url).path)
