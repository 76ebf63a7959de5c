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
import time
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
# answered the query as typed when that happened after the query's last input (a key, or an
# input method's commit): an answer to a prefix, shown while keys were still coming, is not it.
# Recorded by a MutationObserver on the page's clock (ms), as the page changes, and marked
# in a performance trace (console.timeStamp) for bench/trace.py.
ANSWER_CLOCK = """
window.__lastInput = 0;
window.__answeredAt = 0;
document.addEventListener('input', () => {
  window.__lastInput = performance.now();
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
    if (window.__lastInput && !window.__answeredAt && answered) {
      window.__answeredAt = performance.now();
      console.timeStamp('essays:answered');
    }
  }).observe(result, { subtree: true, childList: true, characterData: true });
});
"""
ANSWERED = "() => window.__answeredAt"
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
    page.add_init_script(ANSWER_CLOCK)
    kinds: dict[str, str] = {}
    context.on("request", lambda r: kinds.setdefault(_path(r.url), r.resource_type))
    try:
        start = server.mark()
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        viewed = server.mark()
        _search(page, query)
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
    page.add_init_script(ANSWER_CLOCK)
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="domcontentloaded")
        _search(page, query)
        answered, last_input, now, found = page.evaluate(
            "[window.__answeredAt, window.__lastInput, performance.now(),"
            " document.querySelector('.md-search-result__list').children.length]")
        # back from now to the answer: the poll's lag is not the search's
        seconds = time.perf_counter() - started - (now - answered) / 1000
        after_input = (answered - last_input) / 1000
    finally:
        context.close()
    return seconds, after_input, bool(found)


def _search(page, query: str) -> None:
    """Open search and type as a person: English key by key, Chinese as an input method commits,
    and wait for the answer (ANSWERED)."""
    box = page.locator("input.md-search__input")
    box.wait_for(state="attached", timeout=TIMEOUT_MS)
    if box.is_visible():
        box.click()
    else:  # a narrow screen: the search button opens the box
        page.click("label[for=__search].md-header__button", timeout=TIMEOUT_MS)
    box.focus()
    if query.isascii():
        page.keyboard.type(query, delay=20)
    else:
        page.keyboard.insert_text(query)
    page.wait_for_function(ANSWERED, timeout=TIMEOUT_MS)


def _path(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(url).path)
