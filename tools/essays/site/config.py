"""Options of the `essays` mkdocs plugin (mkdocs.yml: plugins: - essays: {...})."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..paths import DEFAULT_ESSAYS_DIR, DEFAULT_INDEX_DIR, DEFAULT_PAIRS_DIR
from ..text.conversion import DEFAULT_TO_TRADITIONAL, TO_TRADITIONAL


class EssaysConfig(Config):
    # Where essays live, relative to docs_dir; every Markdown file below it is an essay.
    essays_dir = c.Type(str, default=DEFAULT_ESSAYS_DIR)
    # The whoosh index for `essays search`, relative to the folder holding mkdocs.yml.
    index_dir = c.Type(str, default=DEFAULT_INDEX_DIR)
    # Each essay's lock file (its pairs' anchors), relative to the folder holding mkdocs.yml:
    # the build writes them, authors commit them (README, "Paragraph links").
    pairs_dir = c.Type(str, default=DEFAULT_PAIRS_DIR)
    # Add the page of translations out of date (translations/), from git history.
    status_page = c.Type(bool, default=True)
    # Build the whoosh index (off in quick previews of a single essay, say).
    search_index = c.Type(bool, default=True)
    # Write the browser's sharded search index of the pairs (site/search/shards/).
    pair_search_entries = c.Type(bool, default=True)
    # Report Chinese punctuation findings as warnings during the build.
    punctuation = c.Type(bool, default=False)
    # Let essays' Markdown carry raw HTML, as mkdocs does. False for sites that publish
    # contributors they do not trust: an essay's tags show as text, and Markdown's own ways
    # into script (an attribute list's `onclick`, a `javascript:` link) are dropped.
    raw_html = c.Type(bool, default=True)
    # The OpenCC configuration that writes the Traditional text of essays written in
    # Simplified: s2tw (Taiwan's character forms, the author's words), s2t (OpenCC's own
    # forms), s2twp (also Taiwan's words: 软件 -> 軟體) or s2hk (Hong Kong's forms).
    traditional = c.Choice(TO_TRADITIONAL, default=DEFAULT_TO_TRADITIONAL)
