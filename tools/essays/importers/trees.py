"""Pairing the files of two translated trees by relative path (`--en DIR --zh DIR`).

Translated documentation keeps each page at the same path under each language's folder
(react.dev, vuejs/docs, kubernetes/website), sometimes with the language in the file name
(ant-design's `index.en-US.md` / `index.zh-CN.md`): the language is taken out of the name.
"""

from __future__ import annotations

import re
from pathlib import Path

LANGUAGE_SUFFIX = re.compile(r"\.(?:en(?:-[A-Za-z]+)?|zh(?:-[A-Za-z]+)?)(?=\.mdx?$)", re.I)
SOURCE_FILES = ("*.md", "*.mdx")


def page_key(path: Path, root: Path) -> str:
    return LANGUAGE_SUFFIX.sub("", path.relative_to(root).as_posix())


def pages(root: Path) -> dict[str, Path]:
    found = sorted(p for pattern in SOURCE_FILES for p in root.rglob(pattern)
                   if not any(part.startswith(".") for part in p.relative_to(root).parts))
    return {page_key(p, root): p for p in found}


def pair_trees(en_root: Path, zh_root: Path) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """(English, Chinese) files at the same relative path, and the files with no partner."""
    en, zh = pages(en_root), pages(zh_root)
    paired = [(en[key], zh[key]) for key in sorted(en.keys() & zh.keys())]
    alone = [en[k] for k in sorted(en.keys() - zh.keys())] + [zh[k] for k in sorted(zh.keys() - en.keys())]
    return paired, alone
