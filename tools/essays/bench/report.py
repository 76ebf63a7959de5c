"""The benchmark's figures: a table on the terminal, `.bench/results.json` on disk."""

from __future__ import annotations

import json
from pathlib import Path

# (key, label, unit, goal) in the order the table shows them.
ROWS = [
    ("stock_material_build_s", "(a) stock Material + jieba build", "s", ""),
    ("build_s", "(b) our full build, cold (no previous index)", "s", ""),
    ("build_ratio", "    ratio (b)/(a)", "x", "<= 0.6"),
    ("build_warm_s", "    our full build again, one run later", "s", ""),
    ("build_warm_ratio", "    ratio warm/(a)", "x", ""),
    ("check_s", "(c) essays check", "s", "<= 5"),
    ("index_build_s", "(d) whoosh index build alone (fresh)", "s", ""),
    ("cli_query_p50_ms", "(e) CLI query p50, warm, in process", "ms", "<= 50"),
    ("cli_query_p95_ms", "    CLI query p95, warm, in process", "ms", ""),
    ("cli_process_p50_ms", "    `essays search` as a process, p50", "ms", ""),
    ("browser_index_bytes", "(f) browser search data, raw", "B", ""),
    ("browser_index_gzip_bytes", "    browser search data, gzip", "B", ""),
    ("page_view_search_bytes", "    search data fetched by an essay page view", "B", "0"),
    ("first_search_bytes", "    first search, bytes on the wire (gzip)", "B", "<= 300 KB"),
    ("stock_browser_index_gzip_bytes", "    stock: search data, gzip", "B", ""),
    ("stock_first_search_bytes", "    stock: first search, bytes on the wire", "B", ""),
    ("frequent_en_first_search_bytes", "    first search, most frequent English word", "B", "<= 300 KB"),
    ("frequent_zh_first_search_bytes", "    first search, most frequent Chinese word", "B", "<= 300 KB"),
    ("first_results_s", "(g) navigation to first results", "s", "<= 1"),
    ("first_results_after_input_s", "    of which: the query's last key to results", "s", ""),
    ("frequent_en_first_results_s", "    most frequent English word", "s", "<= 1"),
    ("frequent_zh_first_results_s", "    most frequent Chinese word", "s", "<= 1"),
    ("stock_first_results_s", "    stock: navigation to first results", "s", ""),
    ("stock_first_results_after_input_s", "    stock: of which, last key to results", "s", ""),
    ("peak_rss_mb", "(h) peak RSS, our full build (its processes)", "MB", "<= stock's"),
    ("stock_peak_rss_mb", "    peak RSS, stock build", "MB", ""),
    ("incremental_rebuild_s", "(i) serve: save one essay -> page served (median)", "s", "<= 1"),
    ("stale_s", "(j) essays stale --format json, 3 commits/essay", "s", "<= 10"),
]


def table(results: dict) -> str:
    head = (f"{results['essays']} essays x {results['pairs_per_essay']} pairs "
            f"({results.get('corpus_mb', 0):.1f} MB of Markdown)")
    lines = [head, "", f"{'step':50} {'figure':>14}  goal"]
    for key, label, unit, goal in ROWS:
        if key in results and results[key] is not None:
            lines.append(f"{label:50} {_format(results[key], unit):>14}  {goal}")
    lines.append("")
    lines.append("peak RSS by step (MB): " + ", ".join(
        f"{step} {mb:.0f}" for step, mb in results.get("peak_rss_mb_by_step", {}).items()))
    return "\n".join(lines)


def _format(value: float, unit: str) -> str:
    if unit == "B":
        return f"{value / 1e6:.2f} MB" if value >= 1e6 else f"{value / 1e3:.1f} KB"
    if unit == "x":
        return f"{value:.2f} x"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f} s"


def save(results: dict, path: Path) -> None:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# How a figure may grow from the first size to the last (the work grows as the size does).
GROWTH = [
    ("build_s", "our full build, cold", "<= 11 x"),
    ("build_warm_s", "our full build, warm", "<= 11 x"),
    ("check_s", "essays check", "<= 11 x"),
    ("index_build_s", "whoosh index alone", "<= 11 x"),
    ("cli_query_p50_ms", "CLI query p50", "<= 50 ms at the last size"),
    ("cli_query_p95_ms", "CLI query p95", ""),
    ("peak_rss_mb", "peak RSS of the build", "<= 1.5 GB at 10,000"),
    ("first_search_bytes", "first search, bytes", "<= 300 KB"),
    ("frequent_en_first_search_bytes", "first search, frequent English", "<= 300 KB"),
    ("frequent_zh_first_search_bytes", "first search, frequent Chinese", "<= 300 KB"),
    ("first_results_s", "navigation to first results", ""),
]


def growth(measured: list[dict]) -> dict:
    """Each growth figure at every size, and the ratio of the last size to the one nearest a
    tenth of it (1,000 -> 10,000 for --sizes 200,1000,10000)."""
    last = measured[-1]
    first = min(measured[:-1] or measured, key=lambda m: abs(m["essays"] - last["essays"] / 10))
    found = {"sizes": [m["essays"] for m in measured], "from": first["essays"], "figures": {}}
    for key, _, _ in GROWTH:
        if first.get(key) is not None and last.get(key) is not None:
            found["figures"][key] = {"values": [m.get(key) for m in measured],
                                     "ratio": last[key] / first[key] if first[key] else None}
    return found


def growth_table(found: dict) -> str:
    sizes = found["sizes"]
    head = f"{'figure':32} " + " ".join(f"{'N=' + str(n):>12}" for n in sizes)
    base = found["from"]
    lines = [f"growth from N={base} to N={sizes[-1]} ({sizes[-1] / base:.0f} x the essays)",
             "", f"{head} {'ratio':>8}  goal"]
    units = {key: _unit(key) for key, _, _ in GROWTH}
    for key, label, goal in GROWTH:
        figure = found["figures"].get(key)
        if figure:
            values = " ".join(f"{_format(v, units[key]) if v is not None else '-':>12}"
                              for v in figure["values"])
            ratio = f"{figure['ratio']:.2f} x" if figure["ratio"] else "-"
            lines.append(f"{label:32} {values} {ratio:>8}  {goal}")
    return "\n".join(lines)


def _unit(key: str) -> str:
    return next((unit for k, _, unit, _ in ROWS if k == key), "s")
