"""Where the time to the first results goes: Chromium's performance trace of step (g).

    python -m essays.bench.trace SITE ESSAY_URL QUERY [--runs R] [--save TRACE.json]

Opens the essay in a fresh context and searches as `browser._time_to_results` does, with
Chromium's tracing on (the DevTools timeline categories), then reads from the trace, in ms
from the navigation, the MILESTONES below: the page's own, Material's bundle, our worker's
start and fetches, the query's last input and the answer (`console.timeStamp`s of
browser.answer_clock). Prints the median of each of the PHASES between them over the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from .browser import _chromium, _search, answer_clock

CATEGORIES = ["devtools.timeline", "blink.user_timing", "loading", "v8.execute",
              "disabled-by-default-devtools.timeline"]
WORKER = "essays-search-worker.js"


def trace_once(chromium, url: str, query: str) -> list[dict]:
    """The trace events of one search from a fresh page."""
    context = chromium.new_context()
    page = context.new_page()
    page.add_init_script(answer_clock(query))
    chromium.start_tracing(page=page, categories=CATEGORIES)
    try:
        page.goto(url, wait_until="domcontentloaded")
        _search(page, query)
    finally:
        events = json.loads(chromium.stop_tracing())["traceEvents"]
        context.close()
    return events


# The moments the time to results is made of, in order (ms after the essay's navigation).
MILESTONES = [
    ("html", "the essay's HTML received"),
    ("bundle", "Material's bundle evaluated"),
    ("dcl", "DOMContentLoaded handlers done (Material's)"),
    ("focus", "the box focused (the bench clicks it)"),
    ("worker", "our worker evaluated"),
    ("manifest", "manifest received"),
    ("input", "the query's last input"),
    ("terms", "its terms file requested"),
    ("texts", "the last text file of the first answer received"),
    ("answered", "results shown"),
]

# What the time to results is spent on: (phase, from milestone, to milestone).
PHASES = [
    ("the page: HTML, styles, Material's bundle and handlers", None, "dcl"),
    ("until the box is focused (the bench's click)", "dcl", "focus"),
    ("typing the query (the bench's keys)", "focus", "input"),
    ("last input -> terms file requested (our pause, analysis)", "input", "terms"),
    ("-> the first answer's text files in (our fetches)", "terms", "texts"),
    ("-> results shown (Material renders)", "texts", "answered"),
    ("last input -> results shown", "input", "answered"),
    ("navigation -> results shown", None, "answered"),
]


def milestones(events: list[dict], url: str) -> dict[str, float]:
    """MILESTONES found in one run's trace: {name: ms after the navigation to `url`}."""
    navigation = next(e for e in events if e.get("name") == "navigationStart"
                      and _data(e).get("documentLoaderURL") == url)
    start, frame, found, urls = navigation["ts"], navigation["args"].get("frame"), {}, {}

    def at(name: str, ts: float, last: bool = False) -> None:
        if last or name not in found:
            found[name] = (ts - start) / 1000

    for e in sorted(events, key=lambda e: e.get("ts", 0)):
        name, data, end = e.get("name"), _data(e), e.get("ts", 0) + e.get("dur", 0)
        if e.get("ts", 0) < start:
            continue
        if name == "ResourceSendRequest":
            urls[data.get("requestId")] = data.get("url", "")
            if "/search/shards/terms/" in data.get("url", "") and "input" in found:
                at("terms", e["ts"])
        elif name == "ResourceFinish":
            fetched = urls.get(data.get("requestId"), "")
            if fetched == url:
                at("html", e["ts"])
            elif "/search/shards/manifest.json" in fetched:
                at("manifest", e["ts"])
            elif "/search/shards/text/" in fetched and "answered" not in found:
                at("texts", e["ts"], last=True)
        elif name == "EvaluateScript" and "/bundle." in data.get("url", ""):
            at("bundle", end)
        elif name == "EvaluateScript" and data.get("url", "").endswith(WORKER):
            at("worker", end)
        elif (name == "domContentLoadedEventEnd" and "html" in found
              and (e.get("args") or {}).get("frame") == frame):
            at("dcl", e["ts"])
        elif name == "EventDispatch" and data.get("type") == "focus":
            at("focus", e["ts"])
        elif name == "TimeStamp" and data.get("message") == "essays:input":
            at("input", e["ts"], last=True)
            for after in ("terms", "texts", "answered"):  # what answered an earlier input
                found.pop(after, None)
        elif name == "TimeStamp" and data.get("message") == "essays:answered":
            at("answered", e["ts"])
    return found


def _data(event: dict) -> dict:
    return (event.get("args") or {}).get("data") or {}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m essays.bench.trace", description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("essay_url")
    parser.add_argument("query")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--save", type=Path, help="write the last run's trace here")
    args = parser.parse_args()
    runs = []
    with _chromium(args.site, 0) as (chromium, server):
        url = f"{server.origin}/{args.essay_url}"
        for _ in range(args.runs):
            events = trace_once(chromium, url, args.query)
            runs.append(milestones(events, url))
    if args.save:
        args.save.write_text(json.dumps({"traceEvents": events}))
    for phase, ms in breakdown(runs).items():
        print(f"{ms:7.0f} ms  {phase}")


def breakdown(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of each phase (ms) over the runs that have both its ends."""
    found = {}
    for phase, start, end in PHASES:
        spans = [run[end] - run.get(start, 0) for run in runs
                 if end in run and (start is None or start in run)]
        if spans:
            found[phase] = round(statistics.median(spans))
    return found


if __name__ == "__main__":
    main()
