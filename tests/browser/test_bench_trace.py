"""The bench's trace of a first search (bench/trace.py): the milestones it reads from Chromium."""

from __future__ import annotations

import pytest
from test_search import SAMPLE

from essays.bench.browser import _search, answer_clock
from essays.bench.trace import MILESTONES, breakdown, milestones, trace_once

pytestmark = pytest.mark.browser


def test_a_traced_search_has_every_milestone_in_the_order_a_search_makes_them(browser, site_url):
    url = f"{site_url}/{SAMPLE}"
    found = milestones(trace_once(browser, url, "模仿"), url)
    assert set(found) == {name for name, _ in MILESTONES}
    # the page comes first; the worker starts at focus; the query, its terms, its text, results
    assert found["html"] < found["dcl"] < found["focus"] < found["worker"]
    assert found["focus"] < found["input"] < found["terms"] < found["texts"] <= found["answered"]
    assert list(breakdown([found]))[-1] == "navigation -> results shown"


def test_the_bench_reports_the_answer_to_the_whole_query_after_its_last_key(browser, site_url):
    """What step (g) reads (browser._search): the answer to `imitation` as typed, not to a
    prefix, on the page's clock, reported by a console message (no script of Playwright's runs
    in the page while it searches)."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(answer_clock("imitation"))
    try:
        page.goto(f"{site_url}/{SAMPLE}", wait_until="domcontentloaded")
        answered, last_input, listed, text = _search(page, "imitation")
        first = page.locator(".md-search-result__list > li").first.inner_text()
    finally:
        context.close()
    assert text == "imitation"
    assert 0 < last_input < answered and listed >= 1
    assert "Life lessons from reinforcement learning" in first
