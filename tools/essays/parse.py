"""Essay file -> Essay: front matter validated, body split into blocks and paired by slot.

Parsing runs no checks: it records how the author wrote the pairs (`Essay.written`), and the
checker (align/check.py) decides what is wrong with them. Parsing never raises on bad content;
every problem in the front matter, and a `::: zh` never closed, becomes a Finding with a line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .model import SHARED_KINDS, SOLO, Block, Essay, Finding, Pair, Written
from .text import frontmatter
from .text.reading import control_characters, read_essay
from .text.blocks import solo_closed, solo_image, split_blocks, without_heading_id
from .text.scripts import has_han, has_letters, prose, squashed

# What translators leave in a slot they have not filled yet.
NAME_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
PLACEHOLDER = re.compile(r"^\W*(?:待译|待翻译|未翻译|翻译中|TODO|TBD|TK)\W*$", re.I)


def parse_file(path: str | Path, display: str | None = None) -> Essay:
    """Parse the essay at `path`; reports name it `display` (default: the path as given).
    Raises Unreadable (with its finding) for a file it cannot read as UTF-8 text."""
    display = display or str(path)
    return parse_text(read_essay(Path(path), display), display)


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
    findings.extend(_unclosed(blocks, path))
    findings.extend(control_characters(text, path))
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

    Shared blocks (code, images, formulas...) and one-language blocks stand between pairs,
    never inside one; an image followed by a `::: zh` image is a pair. Returns the reading
    order (pairs and standalone blocks) and the written alignment: every pair and every block
    left without a partner, in order, for the checker to diagnose.
    """
    body: list[Pair | Block] = []
    written: Written = []
    pending: Block | None = None  # an English block waiting for its translation

    def add_pair(en: Block, zh: Block) -> None:
        written.append((en, zh))
        body.append(Pair(sum(1 for en, zh in written if en and zh), en, zh))

    k = 0
    while k < len(blocks):
        block = blocks[k]
        following = blocks[k + 1] if k + 1 < len(blocks) else None
        k += 1
        if pending is not None and _fills_slot(pending, block, following):
            add_pair(pending, block)
            pending = None
            continue
        if pending is not None:
            written.append(_unpaired(pending))
            pending = None
        images = _image_pair(block, following)
        if images:
            add_pair(*images)
            k += 1
        elif block.kind == SOLO or block.lang == "shared":
            body.append(block)
        elif block.lang == "en":
            pending = block
        else:
            written.append((None, block))
    if pending is not None:
        written.append(_unpaired(pending))
    return body, written


def _image_pair(block: Block, following: Block | None) -> tuple[Block, Block] | None:
    """An image (or a `::: en` image) followed by a `::: zh` image: each language its own."""
    zh = solo_image(following, "zh") if following is not None else None
    if zh is None:
        return None
    en = replace(block, lang="en") if block.kind == "image" else solo_image(block, "en")
    return (en, zh) if en is not None else None


def _unclosed(blocks: list[Block], path: str) -> list[Finding]:
    return [Finding(path, b.line, "container-unclosed",
                    f"'{b.text.split(chr(10))[0].strip()}' is never closed, so it runs to the end "
                    "of the essay — close it with a ':::' line after its last block")
            for b in blocks if b.kind == SOLO and not solo_closed(b)]


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
    if block.kind in SHARED_KINDS or block.kind == SOLO:
        return False
    if _is_translation(block):
        return True
    if squashed(without_heading_id(block.text)) == squashed(without_heading_id(en.text)):
        # A name reads the same in both languages (`## API`, `### kubelet`); a longer block
        # copied with its translation after it is the English written twice.
        return following is None or not _is_translation(following) or _is_name(block)
    empty = block.kind == en.kind and not has_letters(block.text)
    return empty or is_placeholder(block.text)


def _is_name(block: Block) -> bool:
    return len(NAME_WORDS.findall(prose(without_heading_id(block.text)))) < 3


def _is_translation(block: Block) -> bool:
    return block.kind not in SHARED_KINDS | {SOLO} and (block.lang == "zh" or has_han(block.text))
