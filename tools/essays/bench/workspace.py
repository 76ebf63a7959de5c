"""The benchmark's folder (`.bench/`): one corpus, our site config and stock Material's.

    .bench/mkdocs.yml        the repository's mkdocs.yml (our plugin), docs/ = the corpus
    .bench/docs/             the repository's docs without its essays, plus the corpus
    .bench/site/             our build
    .bench/stock/mkdocs.yml  the same site with stock Material + jieba instead of our plugin
    .bench/stock/site/       stock Material's build
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from .corpus import generate, pair_pool, write_corpus

# The repository's site settings without our plugin and overrides: Material's search with
# its documented Chinese setup (jieba installed, U+200B in the separator), the same blog,
# feeds and Markdown extensions.
STOCK_MKDOCS_YML = """\
site_name: Essays (stock Material)
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
docs_dir: ../docs
theme:
  name: material
  language: en
  features: [navigation.instant, navigation.instant.progress, navigation.top, search.highlight]
  font: false
markdown_extensions:
  - attr_list
  - md_in_html
  - footnotes
  - tables
  - toc:
      permalink: false
  - pymdownx.superfences
  - pymdownx.arithmatex:
      generic: true
plugins:
  - search:
      lang: [en, zh]
      separator: '[\\s\\u200b\\-]'
  - blog:
      blog_dir: .
      blog_toc: true
      post_date_format: yyyy-MM-dd
      post_url_format: "{slug}"
      post_readtime: false
      archive_date_format: yyyy
      categories_url_format: "topic/{slug}"
      authors_profiles: true
      pagination_per_page: 20
  - rss:
      match_path: posts/.*
      use_git: false
      date_from_meta:
        as_creation: date
      categories:
        - categories
      abstract_chars_count: 300
"""


def prepare(bench: Path, repo: Path, essays: int, pairs: int, seed: int) -> list[Path]:
    """Write the corpus and both configs (the corpus only when its parameters changed)."""
    pool = pair_pool(repo)
    # The pool's digest too: pairs the checker now refuses (a corpus written before the
    # control-character check held some) must not stay in a corpus made before.
    digest = hashlib.sha1(json.dumps(pool, ensure_ascii=False).encode()).hexdigest()
    params = {"essays": essays, "pairs": pairs, "seed": seed, "pool": digest}
    stamp = bench / "corpus.json"
    docs = bench / "docs"
    if not stamp.is_file() or json.loads(stamp.read_text()) != params:
        shutil.rmtree(docs, ignore_errors=True)
        # The old corpus's paragraph locks (pairs/*.lock): kept, every essay's lock would
        # describe another essay, and each build and check re-anchor every pair against it
        # (the 2026-12-01 23:15 run: `essays check` 13.1 s, a warm build slower than cold).
        shutil.rmtree(bench / "pairs", ignore_errors=True)
        shutil.copytree(repo / "docs", docs, ignore=shutil.ignore_patterns("posts", ".authors.yml"))
        write_corpus(generate(pool, essays, pairs, seed), docs)
        stamp.write_text(json.dumps(params))
    (bench / "mkdocs.yml").write_text((repo / "mkdocs.yml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    overrides = bench / "overrides"
    if not overrides.is_symlink():
        overrides.symlink_to(repo / "overrides")
    (bench / "stock").mkdir(exist_ok=True)
    (bench / "stock" / "mkdocs.yml").write_text(STOCK_MKDOCS_YML, encoding="utf-8")
    return sorted((docs / "posts").glob("*.md"))
