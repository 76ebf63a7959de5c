"""The real bilingual texts kept under tests/fixtures, read through the real importers.

Used to estimate the length model (estimate.py), by the benchmark's corpus and by the tests;
never at run time (it reads tests/). Each text comes back as the essay file the importer
would write, so it goes through the same parser as a site.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..align.check import check_essay, errors
from ..importers.aligned import read_aligned_files
from ..importers.commented import read_commented
from ..importers.raw import read_raw_page
from ..model import SHARED_KINDS, Block
from ..parse import parse_text
from ..text.blocks import split_blocks


def essay_texts(root: Path) -> dict[str, str]:
    """Essay files by name ("sample/…", "12factor/config", "kubernetes-blog/…")."""
    texts = {}
    for page in sorted((root / "sample").glob("*.txt")):
        texts[f"sample/{page.stem}"] = read_raw_page(_read(page), str(page)).render()
    for en in sorted((root / "12factor" / "en").glob("*.md")):
        zh = root / "12factor" / "zh_cn" / en.name
        draft = read_aligned_files(_read(en), str(en), _read(zh), str(zh))
        if draft.breaks:
            continue  # the two files do not correspond block by block (toc.md)
        texts[f"12factor/{en.stem}"] = draft.render()
    for post in sorted((root / "kubernetes-blog").glob("*.md")):
        if post.name != "SOURCE.md":
            texts[f"kubernetes-blog/{post.stem}"] = read_commented(_read(post), str(post)).render()
    return texts


def aligned_pairs(root: Path) -> dict[str, list[tuple[str, str]]]:
    """(English, Chinese) texts of the pairs known to be right, by corpus.

    Essays contribute the pairs their parse does not question; system-design-primer, whose
    translation drifted, contributes the sections whose block structure matches.
    """
    found: dict[str, list[tuple[str, str]]] = {}
    for name, text in essay_texts(root).items():
        essay = parse_text(text, name)
        doubtful = {f.line for f in errors(check_essay(essay))}
        pairs = [(p.en.text, p.zh.text) for p in essay.pairs
                 if p.en.line not in doubtful and p.zh.line not in doubtful]
        found.setdefault(name.split("/")[0], []).extend(pairs)
    primer = root / "system-design-primer"
    if primer.is_dir():
        found["system-design-primer"] = matching_sections(
            _read(primer / "README.md"), _read(primer / "README-zh-Hans.md"))
    return found


def matching_sections(en_text: str, zh_text: str) -> list[tuple[str, str]]:
    """Pairs from the sections (heading to heading) that have the same kinds of blocks."""
    en, zh = _sections(en_text), _sections(zh_text)
    shape = lambda sections: [tuple((b.kind, b.level) for b in s) for s in sections]  # noqa: E731
    matcher = difflib.SequenceMatcher(None, shape(en), shape(zh), autojunk=False)
    pairs = []
    for i, j, size in matcher.get_matching_blocks():
        for k in range(size):
            pairs.extend((a.text, b.text) for a, b in zip(en[i + k], zh[j + k]))
    return pairs


def _sections(text: str) -> list[list[Block]]:
    sections: list[list[Block]] = []
    for block in split_blocks(text):
        if block.kind in SHARED_KINDS:
            continue
        if block.kind == "heading" or not sections:
            sections.append([])
        sections[-1].append(block)
    return sections


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")
