"""Pairing the files of two translated trees by relative path (`--en DIR --zh DIR`).

Translated documentation keeps each page at the same path under each language's folder
(react.dev, vuejs/docs, kubernetes/website), sometimes with the language in the file name
(ant-design's `index.en-US.md` / `index.zh-CN.md`): the language is taken out of the name.
"""

from __future__ import annotations

import re
from pathlib import Path

# Folders of other translations beside the Chinese one, where the translations sit inside
# the English tree (Astro Starlight: `docs/` English, `docs/zh-cn/`, `docs/fr/`…).
LOCALE_FOLDER = re.compile(r"^(?:ar|de|es|fa|fr|id|it|ja|ko|pl|pt|ru|tr|uk|vi|zh)(?:[-_][A-Za-z]{2,4})?$",
                           re.I)
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
    if zh_root.resolve().is_relative_to(en_root.resolve()) and zh_root.resolve() != en_root.resolve():
        en = {key: path for key, path in en.items() if not _translation(path, en_root, zh_root)}
    paired = [(en[key], zh[key]) for key in sorted(en.keys() & zh.keys())]
    alone = [en[k] for k in sorted(en.keys() - zh.keys())] + [zh[k] for k in sorted(zh.keys() - en.keys())]
    return paired, alone



def _translation(path: Path, en_root: Path, zh_root: Path) -> bool:
    """A file of the Chinese tree, or of another language's beside it, inside the English
    tree: not an English page (it would be refused as having no counterpart)."""
    if path.resolve().is_relative_to(zh_root.resolve()):
        return True
    parent = zh_root.resolve().parent
    inside = path.resolve().relative_to(en_root.resolve()).parts
    at = len(parent.relative_to(en_root.resolve()).parts)
    return path.resolve().is_relative_to(parent) and len(inside) > at + 1 and \
        bool(LOCALE_FOLDER.match(inside[at]))
