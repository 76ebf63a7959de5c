"""The bench's trace of a first search (bench/trace.py): the milestones it reads from Chromium."""

from __future__ import annotations

import pytest
from test_search import SAMPLE

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
