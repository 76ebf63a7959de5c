"""The `essays` mkdocs plugin: check every essay before the build touches site/, render pairs.

Thin handlers; the work is in the core (parse, check, render, index).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .check import check_files
from .config import EssaysConfig
from .model import Essay
from .render import render_markdown

log = logging.getLogger("mkdocs.plugins.essays")


class EssaysPlugin(BasePlugin[EssaysConfig]):
    def __init__(self) -> None:
        self.essays: dict[Path, Essay] = {}
        self.root = Path.cwd()

    # on_pre_build runs before mkdocs cleans site/: a bad essay stops the build while the
    # last good site is still there (and `mkdocs serve` keeps serving it).
    @event_priority(100)
    def on_pre_build(self, *, config) -> None:
        self.root = Path(config.config_file_path).resolve().parent
        essays_dir = Path(config.docs_dir) / self.config.essays_dir
        files = sorted(p.resolve() for p in essays_dir.rglob("*.md") if not p.name.startswith("."))
        report = check_files(((p, self._display(p)) for p in files),
                             punctuation=self.config.punctuation)
        for finding in report.warnings:
            log.info(str(finding))
        if report.errors:
            for finding in report.errors:
                log.error(str(finding))
            raise PluginError(f"{len(report.errors)} error(s) in the essays; nothing was "
                              "published — fix them (see `essays check`) and build again")
        self.essays = dict(zip(files, report.parsed))

    def on_page_markdown(self, markdown, *, page, config, files):
        essay = self.essays.get(Path(page.file.abs_src_path).resolve())
        if essay is None:
            return markdown
        if essay.meta and essay.meta.title_zh:
            page.meta["title_zh"] = essay.meta.title_zh
        return render_markdown(essay)

    def _display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)
