"""Steps the benchmark times in a process of their own: `python -m essays.bench.tasks ...`.

Each prints one JSON object on its last line.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from ..align.check import check_files
from ..paths import Site, load_site
from ..search.browser_index import write_browser_index
from ..search.documents import essay_documents
from ..search.whoosh_index import build_index
from ..terms.glossary import GLOSSARY_FILE, read_glossary
from .browser import search_data_bytes

# Both languages, single words and phrases, frequent and rare words of the corpus.
QUERIES = [
    "imitation", "environment", "config", "processes", "backing services", "logs", "database",
    "kubernetes", "cache", "scalability", "imitation learning", "deploy", "container",
    "模仿", "环境变量", "后端服务", "日志", "数据库", "缓存", "进程", "配置", "消融", "学习",
    "负载均衡", "容器", "imitation 模仿",
]


def index_task(site_root: Path, index_dir: Path) -> dict:
    """Parse every essay, then time the whoosh build alone (URLs as the blog makes them)."""
    built = build_index(_documents(load_site(site_root / "mkdocs.yml")), index_dir)
    return {"seconds": built.seconds, "pairs": built.pairs}


def shards_task(site_root: Path, site_dir: Path) -> dict:
    """The browser index alone, into `site_dir/search/shards/`, as the build writes it: what a
    first search fetches can be measured at a size whose whole site build is long."""
    site = load_site(site_root / "mkdocs.yml")
    glossary = read_glossary(site.docs_dir / GLOSSARY_FILE, GLOSSARY_FILE)
    built = write_browser_index(_documents(site), site_dir,
                                [(t.en, list(t.zh), list(t.forbidden)) for t in glossary])
    raw, zipped = search_data_bytes(site_dir)
    return {"seconds": built.seconds, "files": built.files, "bytes": raw, "gzip_bytes": zipped}


def _documents(site: Site) -> list:
    """Every essay's search documents, with the URLs the blog gives them."""
    files = site.essay_files()
    report = check_files((p, site.relative(p)) for p in files)
    return [essay_documents(essay, f"{path.stem}/") for path, essay in zip(files, report.parsed)]


def query_task(index_dir: Path, rounds: int = 3) -> dict:
    """Warm latency of `search` in one process: the index opened once, every query `rounds` times."""
    from ..search.query import open_index, search

    ix = open_index(index_dir)
    for query in QUERIES:  # warm the caches (and whoosh's lazy imports) first
        search(ix, query)
    times = []
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            search(ix, query)
            times.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "n": len(times)}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(pct) - 1]


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "index":
        result = index_task(Path(args[0]), Path(args[1]))
    elif command == "query":
        result = query_task(Path(args[0]))
    elif command == "shards":
        result = shards_task(Path(args[0]), Path(args[1]))
    else:
        raise SystemExit(f"unknown task {command!r}: index SITE INDEX_DIR | query INDEX_DIR"
                         " | shards SITE SITE_DIR")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
