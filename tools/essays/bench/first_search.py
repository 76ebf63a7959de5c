"""The bytes of one first search, as the bench's step (f) counts them, for any queries.

    python -m essays.bench.first_search SITE ESSAY_URL QUERY...

SITE: a built site (its search/shards may be an index written alone by `python -m
essays.bench.tasks shards`, e.g. at N=10,000 under an N=1000 site's pages). Prints one JSON
line per query: the bytes on the wire and the search files fetched (step (f)'s own code).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .browser import _chromium, _first_search_cost


def main(args: list[str]) -> None:
    if len(args) < 3:
        raise SystemExit("usage: python -m essays.bench.first_search SITE ESSAY_URL QUERY...")
    site, essay_url, queries = Path(args[0]), args[1], args[2:]
    with _chromium(site, 0) as (chromium, server):
        for query in queries:
            _, sent, paths = _first_search_cost(chromium, server, f"{server.origin}/{essay_url}", query)
            postings = [p.rsplit("/", 1)[1] for p in paths if "/search/shards/postings/" in p]
            print(json.dumps({"query": query, "first_search_bytes": sent, "files": len(paths),
                              "postings": postings}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
