"""`python -m essays.bench [--essays N] [--pairs K]`: the whole benchmark in one run (`make bench`)."""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
from pathlib import Path

from ..model import Pair
from ..parse import parse_file
from . import browser, report, serve
from .corpus import GeneratedEssay
from .history import write_history
from .steps import StepFailed, python, repeated, run, tool
from .tasks import QUERIES, percentile
from .workspace import prepare

REPO = Path(__file__).resolve().parents[3]
# Above this size, --sizes skips stock Material and the serve step: stock takes about 40 minutes
# at 10,000 essays, and the goals compare with it at 1,000.
STOCK_MAX = 1000


def main() -> None:
    args = _arguments()
    if not args.sizes:
        print(report.table(_bench(args, args.essays, REPO / args.dir)))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    measured = []
    for size in sizes:
        folder = REPO / (args.dir if size == args.essays else f"{args.dir}-{size}")
        large = {"no_stock": True, "no_serve": True} if size > STOCK_MAX else {}
        measured.append(_bench(argparse.Namespace(**{**vars(args), **large}), size, folder))
        print(report.table(measured[-1]), end="\n\n")
    growth = report.growth(measured)
    report.save(growth, REPO / args.dir / "growth.json")
    print(report.growth_table(growth))


def _bench(args: argparse.Namespace, size: int, folder: Path) -> dict:
    """Every step the flags ask for, on `size` essays in `folder`; writes its results.json."""
    bench = folder.resolve()
    bench.mkdir(exist_ok=True)
    essays = prepare(bench, REPO, size, args.pairs, args.seed)
    port = serve.free_port()
    env = {"SITE_URL": f"http://127.0.0.1:{port}/"}  # instant navigation needs its origin
    results: dict = {"essays": size, "pairs_per_essay": args.pairs,
                     "corpus_mb": sum(p.stat().st_size for p in essays) / 1e6}
    peaks: dict[str, float] = {}
    _builds(bench, env, results, peaks, stock=not args.no_stock, rounds=args.build_rounds)
    _check_index_query(bench, args.runs, results, peaks)
    _stale(bench, essays, args.seed, results, peaks)
    if not args.no_browser:
        _browser(bench, essays[0], port, args.runs, results, stock=not args.no_stock)
    if not args.no_serve:
        _serve(bench, essays, results, peaks)
    results["peak_rss_mb_by_step"] = peaks
    report.save(results, bench / "results.json")
    return results


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m essays.bench", description=__doc__)
    parser.add_argument("--essays", type=int, default=1000, help="essays in the corpus (N)")
    parser.add_argument("--pairs", type=int, default=20, help="pairs per essay (K)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the corpus")
    parser.add_argument("--dir", default=".bench",
                        help="its folder, relative to the repository (keep a second size apart)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each short step (median)")
    parser.add_argument("--build-rounds", type=int, default=1,
                        help="rounds of the three builds (ours cold, warm, stock): medians")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium steps")
    parser.add_argument("--no-serve", action="store_true", help="skip the `mkdocs serve` step")
    parser.add_argument("--no-stock", action="store_true",
                        help="skip stock Material (its build and browser figures)")
    parser.add_argument("--sizes", help="several sizes, e.g. 200,1000,10000, each in DIR-<size> "
                        "(DIR itself for --essays' size), those above 1,000 without stock and "
                        "serve; then how each figure grew (DIR/growth.json)")
    return parser.parse_args()


def _builds(bench: Path, env: dict, results: dict, peaks: dict, stock: bool = True,
            rounds: int = 1) -> None:
    """(a) stock Material, (b) ours from scratch, then ours again (the usual case); with
    `rounds`, that many rounds one after the other, each figure their median and each ratio
    the median of the rounds' own ratios (this machine's speed drifts from minute to minute:
    a ratio within one round holds better than one of runs minutes apart)."""
    measured = [_build_round(bench, env, stock) for _ in range(max(1, rounds))]
    middle = {key: statistics.median(m[key] for m in measured) for key in measured[0]}
    results.update(build_s=middle["cold_s"],
                   build_warm_s=middle["warm_s"],
                   peak_rss_mb=max(max(m["cold_mb"], m["warm_mb"]) for m in measured))
    peaks.update(build=max(m["cold_mb"] for m in measured),
                 build_warm=max(m["warm_mb"] for m in measured))
    if stock:
        results.update(stock_material_build_s=middle["stock_s"],
                       build_ratio=statistics.median(m["cold_s"] / m["stock_s"] for m in measured),
                       build_warm_ratio=statistics.median(m["warm_s"] / m["stock_s"]
                                                          for m in measured),
                       stock_peak_rss_mb=max(m["stock_mb"] for m in measured))
        peaks.update(stock_build=results["stock_peak_rss_mb"])
    if rounds > 1:
        results["build_rounds"] = [{k: round(v, 2) for k, v in m.items()} for m in measured]


def _build_round(bench: Path, env: dict, stock: bool) -> dict[str, float]:
    for old in bench.glob(".index*"):
        (old.unlink if old.is_symlink() else shutil.rmtree)(old)
    cold = run([tool("mkdocs"), "build", "--strict", "-q", "-d", "site"], bench, env)
    warm = run([tool("mkdocs"), "build", "--strict", "-q", "-d", "site"], bench, env)
    figures = {"cold_s": cold.seconds, "warm_s": warm.seconds,
               "cold_mb": cold.peak_rss_mb, "warm_mb": warm.peak_rss_mb}
    if stock:
        theirs = run([tool("mkdocs"), "build", "-q", "-f", "stock/mkdocs.yml", "-d", "site"],
                     bench, env)
        figures.update(stock_s=theirs.seconds, stock_mb=theirs.peak_rss_mb)
    return figures


def _check_index_query(bench: Path, runs: int, results: dict, peaks: dict) -> None:
    """(c) `essays check`, (d) a fresh whoosh index alone, (e) query latency."""
    check = repeated([tool("essays"), "check"], bench, runs)
    scratch = bench / "index-alone"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    index = run(python("-m", "essays.bench.tasks", "index", str(bench), str(scratch / ".index")),
                bench)
    query = run(python("-m", "essays.bench.tasks", "query", str(bench / ".index")), bench)
    latency = json.loads(query.stdout.strip().splitlines()[-1])
    processes = [run([tool("essays"), "search", q, "--json"], bench).seconds * 1000
                 for q in QUERIES]
    results.update(check_s=check.seconds,
                   index_build_s=json.loads(index.stdout.strip().splitlines()[-1])["seconds"],
                   index_build_process_s=index.seconds,
                   cli_query_p50_ms=latency["p50_ms"], cli_query_p95_ms=latency["p95_ms"],
                   cli_process_p50_ms=statistics.median(processes),
                   cli_process_p95_ms=percentile(processes, 95))
    peaks.update(check=check.peak_rss_mb, index_alone=index.peak_rss_mb,
                 query=query.peak_rss_mb)


def _stale(bench: Path, essays: list[Path], seed: int, results: dict, peaks: dict) -> None:
    """(j) `essays stale` over the corpus committed as 3 commits per essay (bench/history.py),
    in a site of its own; it must find exactly the stale pairs the history was made with."""
    folder = bench / "stale"
    corpus = [GeneratedEssay(p.stem, p.read_text(encoding="utf-8")) for p in essays]
    made = write_history(folder, corpus, seed)
    stale = run([tool("essays"), "stale", "--format", "json"], folder)
    found = len(json.loads(stale.stdout[stale.stdout.index("{"):])["stale"])
    if found != made.stale:
        raise StepFailed(f"essays stale found {found} stale pairs, the history has {made.stale}")
    results.update(stale_s=stale.seconds, stale_commits=made.commits, stale_pairs=found)
    peaks.update(stale=stale.peak_rss_mb)


def _browser(bench: Path, essay: Path, port: int, runs: int, results: dict,
             stock: bool = True) -> None:
    """(f) search data sizes, first-search bytes and (g) time, ours and stock's: for an
    ordinary word, then for the corpus's most frequent English and Chinese words."""
    url = f"{essay.stem}/"
    sites = [("", bench / "site")] + ([("stock_", bench / "stock" / "site")] if stock else [])
    words = browser.frequent_words(bench / "site")
    for prefix, site in sites:
        raw, zipped = browser.search_data_bytes(site)
        figures = browser.measure(site, url, "imitation", "模仿", runs, port)
        frequent = browser.measure_words(site, url, words, runs, port)
        results.update({f"{prefix}browser_index_bytes": raw,
                        f"{prefix}browser_index_gzip_bytes": zipped,
                        **{f"{prefix}{k}": v for k, v in {**vars(figures), **frequent}.items()}})


def _serve(bench: Path, essays: list[Path], results: dict, peaks: dict) -> None:
    """(i) the edited essay: the first one that opens with a paragraph pair, edited there,
    so its excerpt on the listings changes too (the most a text edit rebuilds)."""
    essay = next(p for p in essays if _opens_with_paragraph(p))
    served = serve.incremental_rebuild(bench, essay, f"{essay.stem}/")
    results.update(incremental_rebuild_s=served["rebuild_s"],
                   incremental_rebuild_runs_s=served["rebuild_runs_s"],
                   serve_first_build_s=served["first_build_s"])
    peaks.update(serve=served["peak_rss_mb"])


def _opens_with_paragraph(path: Path) -> bool:
    body = parse_file(path).body
    return bool(body) and isinstance(body[0], Pair) and body[0].kind == "paragraph"


if __name__ == "__main__":
    main()
