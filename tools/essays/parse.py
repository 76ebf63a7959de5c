"""Essay file -> Essay: front matter validated, body split into blocks and paired by slot.

Parsing runs no checks: it records how the author wrote the pairs (`Essay.written`), and the
checker (align/check.py) decides what is wrong with them. Parsing never raises on bad content;
every problem in the front matter becomes a Finding with a line number.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import SHARED_KINDS, Block, Essay, Finding, Pair, Written
from .text import frontmatter
from .text.blocks import split_blocks
from .text.scripts import has_han, has_letters, squashed

# What translators leave in a slot they have not filled yet.
PLACEHOLDER = re.compile(r"^\W*(?:待译|待翻译|未翻译|翻译中|TODO|TBD|TK)\W*$", re.I)


def parse_file(path: str | Path, display: str | None = None) -> Essay:
    """Parse the essay at `path`; reports name it `display` (default: the path as given)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    return parse_text(text, display or str(path))


def parse_text(text: str, path: str) -> Essay:
    header = frontmatter.split(text.replace("\r\n", "\n"))
    findings: list[Finding] = []
    if header.front is None:
        findings.append(Finding(path, 1, "front-matter-missing",
                                "no front matter — start the file with a '---' line, the "
                                "title, date and authors in YAML, and a closing '---' line"))
        meta = None
    else:
        meta = frontmatter.read_meta(header.front, path, findings)
    blocks = split_blocks(header.body, header.body_line)
    essay = Essay(path=path, meta=meta, blocks=blocks, findings=findings,
                  body_line=header.body_line, front_matter=header.front or "")
    if meta is None or meta.bilingual:
        essay.body, essay.written = pair_in_order(blocks)
    else:
        essay.body = list(blocks)
    return essay


def is_placeholder(text: str) -> bool:
    return bool(PLACEHOLDER.match(text.lstrip("#>*- ")))


def pair_in_order(blocks: list[Block]) -> tuple[list[Pair | Block], Written]:
    """Pair each English block with the block after it that fills its translation slot.

    Shared blocks (code, images, formulas...) stand between pairs, never inside one. Returns
    the reading order (pairs and shared blocks) and the written alignment: every pair and
    every block left without a partner, in order, for the checker to diagnose.
    """
    body: list[Pair | Block] = []
    written: Written = []
    pending: Block | None = None  # an English block waiting for its translation
    for k, block in enumerate(blocks):
        following = blocks[k + 1] if k + 1 < len(blocks) else None
        if pending is not None and _fills_slot(pending, block, following):
            written.append((pending, block))
            body.append(Pair(sum(1 for en, zh in written if en and zh), pending, block))
            pending = None
            continue
        if pending is not None:
            written.append(_unpaired(pending))
            pending = None
        if block.lang == "en":
            pending = block
        elif block.lang == "zh":
            written.append((None, block))
        else:
            body.append(block)
    if pending is not None:
        written.append(_unpaired(pending))
    return body, written


def _unpaired(block: Block) -> tuple[Block | None, Block | None]:
    """A lone block with Han in it is a Chinese block (a translator's note), not an English one."""
    return (None, block) if has_han(block.text) else (block, None)


def _fills_slot(en: Block, block: Block, following: Block | None) -> bool:
    """Whether `block` stands in the translation slot of the English block `en` before it.

    Chinese that is mostly names and code (a table of libraries, say) has more Latin letters
    than Han characters; after an English block, any Han text is taken as its translation. So
    are the English itself copied unchanged (unless a translation follows: then the English
    was duplicated) and an empty or placeholder slot: the checker then reports them as
    untranslated, which is the slip, rather than as a missing translation.
    """
    if block.kind in SHARED_KINDS:
        return False
    if _is_translation(block):
        return True
    if squashed(block.text) == squashed(en.text):
        return following is None or not _is_translation(following)
    empty = block.kind == en.kind and not has_letters(block.text)
    return empty or is_placeholder(block.text)


def _is_translation(block: Block) -> bool:
    return block.kind not in SHARED_KINDS and (block.lang == "zh" or has_han(block.text))
