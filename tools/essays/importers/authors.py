"""docs/.authors.yml, the author list Material's blog plugin reads: add authors on import."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..fsutil import write_atomic
from . import author_id

DEFAULT_AVATAR = "assets/images/avatar.svg"
AUTHORS_FILE = ".authors.yml"  # in docs/: where Material's blog (blog_dir ".") reads authors


def known_authors(path: Path) -> set[str] | None:
    """The author ids the file describes; None when there is no file to check against (a
    site without author profiles) or it cannot be read as a mapping."""
    authors = _authors(path)
    return set(authors) if authors is not None else None


def author_names(path: Path) -> dict[str, str]:
    """id -> name of each author the file describes ({} when it cannot be read)."""
    return {ident: str(about["name"]) for ident, about in (_authors(path) or {}).items()
            if isinstance(about, dict) and about.get("name")}


def _authors(path: Path) -> dict | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    authors = data.get("authors") if isinstance(data, dict) else None
    return authors if isinstance(authors, dict) else None


def ensure(path: Path, names: list[str]) -> list[str]:
    """Add each author name missing from the file; return the ids added."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    data = data or {}
    known = data.setdefault("authors", {})
    added = []
    for name in names:
        ident = author_id(name)
        if ident not in known:
            known[ident] = {"name": name, "description": "Author · 作者", "avatar": DEFAULT_AVATAR}
            added.append(ident)
    if added:
        write_atomic(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return added
