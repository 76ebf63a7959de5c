"""Where things are in a site: the folder holding mkdocs.yml, its docs and its essays.

Read without mkdocs, so the CLI starts fast; only the few keys we need are looked at.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

DEFAULT_ESSAYS_DIR = "posts"
DEFAULT_INDEX_DIR = ".index"
DEFAULT_PAIRS_DIR = "pairs"


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name and !ENV tags; we only need plain keys."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


class SiteNotFound(Exception):
    pass


@dataclass(frozen=True)
class Site:
    root: Path  # the folder holding mkdocs.yml
    docs_dir: Path
    essays_dir: Path
    index_dir: Path  # the published whoosh index (`essays build`)
    site_dir: Path
    pairs_dir: Path  # each essay's lock: its pairs' anchors (history/links.py)

    @property
    def serve_index_dir(self) -> Path:
        return serve_index_dir(self.index_dir)

    def relative(self, path: Path) -> str:
        """A path as reports print it: relative to the site root when inside it."""
        return self.shown(path.resolve(), path)

    def shown(self, real: Path, given: Path) -> str:
        """relative() of `given`, resolved already as `real` (a command resolves each essay
        file once: each resolve costs a stat per folder of the path)."""
        try:
            return str(real.relative_to(self.root))
        except ValueError:
            return str(given)

    @cached_property
    def real_essays_dir(self) -> Path:
        return self.essays_dir.resolve()

    def essay_files(self) -> list[Path]:
        return sorted(p for p in self.essays_dir.rglob("*.md") if not p.name.startswith("."))


def find_site(start: Path | None = None) -> Site:
    """The site whose mkdocs.yml is in `start` (default: the current directory) or above it."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        config = folder / "mkdocs.yml"
        if config.is_file():
            return load_site(config)
    raise SiteNotFound(f"no mkdocs.yml in {here} or above — run essays inside a site folder")


def load_site(config_file: Path) -> Site:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    root = config_file.parent.resolve()
    docs = root / config.get("docs_dir", "docs")
    options = plugin_options(config, "essays")
    return Site(
        root=root,
        docs_dir=docs,
        essays_dir=docs / options.get("essays_dir", DEFAULT_ESSAYS_DIR),
        index_dir=root / options.get("index_dir", DEFAULT_INDEX_DIR),
        site_dir=root / config.get("site_dir", "site"),
        pairs_dir=root / options.get("pairs_dir", DEFAULT_PAIRS_DIR),
    )


def serve_index_dir(index_dir: Path) -> Path:
    """The whoosh index `mkdocs serve` keeps up to date with the edits (never published)."""
    return index_dir.with_name(f"{index_dir.name}.serve")


def plugin_options(config: dict, name: str) -> dict:
    for entry in config.get("plugins") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return {}
