"""The benchmark's builds step: rounds of ours cold, ours warm and stock, and their medians."""

from __future__ import annotations

from essays.bench import __main__ as bench
from essays.bench.steps import Run


def test_rounds_report_medians_and_the_median_of_each_rounds_own_ratio(tmp_path, monkeypatch):
    # three rounds on a machine whose speed drifts: the second round runs everything twice as slow
    seconds = iter([60, 40, 100,  120, 80, 200,  66, 44, 100])
    calls = []

    def run(args, cwd, env=None):
        calls.append("stock" if "stock/mkdocs.yml" in args else "ours")
        return Run(next(seconds), 300.0 + len(calls), "")

    monkeypatch.setattr(bench, "run", run)
    (tmp_path / ".index").mkdir()  # a cold build starts without the previous index
    results, peaks = {}, {}
    bench._builds(tmp_path, {}, results, peaks, stock=True, rounds=3)
    assert calls == ["ours", "ours", "stock"] * 3
    assert not (tmp_path / ".index").exists()
    assert results["build_s"] == 66 and results["build_warm_s"] == 44
    assert results["stock_material_build_s"] == 100
    assert results["build_ratio"] == 0.6  # rounds' ratios 0.6, 0.6, 0.66: not 66 / 100
    assert results["build_warm_ratio"] == 0.4
    assert results["build_rounds"][1] == {"cold_s": 120, "warm_s": 80, "cold_mb": 304.0,
                                          "warm_mb": 305.0, "stock_s": 200, "stock_mb": 306.0}
    assert peaks == {"build": 307.0, "build_warm": 308.0, "stock_build": 309.0}
    assert results["peak_rss_mb"] == 308.0


def test_one_round_without_stock_keeps_the_figures_of_its_runs(tmp_path, monkeypatch):
    seconds = iter([70, 50])
    monkeypatch.setattr(bench, "run", lambda args, cwd, env=None: Run(next(seconds), 200.0, ""))
    results, peaks = {}, {}
    bench._builds(tmp_path, {}, results, peaks, stock=False)
    assert results == {"build_s": 70, "build_warm_s": 50, "peak_rss_mb": 200.0}
    assert "build_rounds" not in results
