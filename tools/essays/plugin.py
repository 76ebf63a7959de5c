"""The `essays` mkdocs plugin: check every essay before the build touches site/, render pairs.

Thin handlers; the work is in the core (parse, check, render, index).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .browser_index import Variants, pair_search_entries
from .check import check_files
from .index import build_index
from .config import EssaysConfig
from .model import Essay, Finding
from .render import render_markdown, stale_notice

log = logging.getLogger("mkdocs.plugins.essays")


class EssaysPlugin(BasePlugin[EssaysConfig]):
    def __init__(self) -> None:
        self.essays: dict[Path, Essay] = {}  # the last essays that checked clean
        self.broken: dict[Path, list[Finding]] = {}  # serve only: errors of essays shown stale
        self.root = Path.cwd()
        self.serving = False
        self.urls: dict[Path, str] = {}  # essay file -> its page URL, for the indexes
        self.variants: Variants | None = None

    def on_startup(self, *, command, dirty) -> None:
        # Declaring on_startup also keeps this instance (and its last good essays) across
        # the rebuilds of `mkdocs serve`.
        self.serving = command == "serve"

    # on_pre_build runs before mkdocs cleans site/: a bad essay stops `mkdocs build` while
    # the last good site is still there.
    @event_priority(100)
    def on_pre_build(self, *, config) -> None:
        self.root = Path(config.config_file_path).resolve().parent
        essays_dir = Path(config.docs_dir) / self.config.essays_dir
        files = sorted(p.resolve() for p in essays_dir.rglob("*.md") if not p.name.startswith("."))
        report = check_files(((p, self._display(p)) for p in files),
                             punctuation=self.config.punctuation)
        for finding in report.warnings:
            log.info(str(finding))
        for finding in report.errors:
            log.error(str(finding))
        parsed = dict(zip(files, report.parsed))
        if report.errors and not self._keep_serving(parsed, report.errors):
            raise PluginError(f"{len(report.errors)} error(s) in the essays; nothing was "
                              "published — fix them (see `essays check`) and build again")
        self.essays = parsed
        self.variants = Variants.of(parsed.values()) if self.config.pair_search_entries else None

    def _keep_serving(self, parsed: dict[Path, Essay], errors: list[Finding]) -> bool:
        """Under `mkdocs serve`, show each broken essay as it last checked clean.

        A failed rebuild would leave the dev server hanging until the error is fixed; the
        reader keeps the last good page instead, with the errors on it and in the log.
        """
        if not self.serving or not self.essays:
            return False
        self.broken = {}
        for finding in errors:
            self.broken.setdefault((self.root / finding.path).resolve(), []).append(finding)
        for path in self.broken:
            if path in self.essays:
                parsed[path] = self.essays[path]
            else:
                parsed.pop(path, None)  # never checked clean: mkdocs shows its raw text
        return True

    def on_page_markdown(self, markdown, *, page, config, files):
        path = Path(page.file.abs_src_path).resolve()
        essay = self.essays.get(path)
        if essay is None:
            return markdown
        self.urls[path] = page.url
        if essay.meta and essay.meta.title_zh:
            page.meta["title_zh"] = essay.meta.title_zh
        return stale_notice(self.broken.get(path, [])) + render_markdown(essay)

    # After Material's search plugin has added the page's own entry: one entry per pair,
    # located at its #pN anchor, so a search lands on the paragraph.
    @event_priority(-100)
    def on_page_context(self, context, *, page, config, nav):
        search = config.plugins.get("material/search")
        essay = self.essays.get(Path(page.file.abs_src_path).resolve())
        if search is None or essay is None or self.variants is None:
            return context
        entries = search.search_index.entries
        # Material indexed the page, and each of its heading sections, as one text: a hit
        # there lands at the top of the page, not on the paragraph. Keep the page's title
        # (so the essay is found by name) and let the pairs carry the text.
        ours = [e for e in entries if e["location"].split("#")[0] == page.url]
        for entry in ours:
            entries.remove(entry)
        if ours:
            entries.append({**ours[0], "text": ""})
        entries.extend(pair_search_entries(essay, page.url, self.variants))
        return context

    def on_post_build(self, *, config) -> None:
        if not self.config.search_index:
            return
        items = [(essay, self.urls[path]) for path, essay in self.essays.items() if path in self.urls]
        report = build_index(items, self.root / self.config.index_dir)
        log.info(f"essays: indexed {report.pairs} pairs of {report.essays} essays for "
                 f"`essays search` in {report.seconds:.1f} s")

    def _display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)
