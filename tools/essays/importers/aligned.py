"""Two single-language files whose blocks correspond one to one (`--en FILE --zh FILE`)."""

from __future__ import annotations

import datetime as dt

from ..model import SHARED_KINDS, Block, EssayError, Finding
from ..text import frontmatter
from ..text.blocks import split_blocks
from ..text.plain import plain_text
from . import Draft


def read_aligned_files(en_text: str, en_path: str, zh_text: str, zh_path: str) -> Draft:
    """Interleave two files whose blocks correspond one to one (shared blocks are kept once)."""
    en_blocks = split_blocks(_body(en_text))
    zh_blocks = split_blocks(_body(zh_text))
    title, title_zh = "", None
    if en_blocks and zh_blocks and en_blocks[0].kind == zh_blocks[0].kind == "heading":
        title, title_zh = _heading_text(en_blocks[0]), _heading_text(zh_blocks[0])
        en_blocks, zh_blocks = en_blocks[1:], zh_blocks[1:]
    blocks = []
    for en, zh in zip(en_blocks, zh_blocks):
        if (en.kind in SHARED_KINDS) != (zh.kind in SHARED_KINDS):
            raise _misaligned(en, en_path, zh, zh_path)
        blocks.append(en.text) if en.kind in SHARED_KINDS else blocks.extend([en.text, zh.text])
    if len(en_blocks) != len(zh_blocks):
        longer, path = (en_blocks, en_path) if len(en_blocks) > len(zh_blocks) else (zh_blocks, zh_path)
        extra = longer[min(len(en_blocks), len(zh_blocks))]
        raise EssayError([Finding(path, extra.line, "block-count",
                                  f"{path} has {len(longer) - min(len(en_blocks), len(zh_blocks))} "
                                  "more block(s) than the other file, starting here — make both "
                                  "files have the same blocks in the same order")])
    return Draft(title=title, title_zh=title_zh, date=dt.date.today(), blocks=blocks)


def _body(text: str) -> str:
    return frontmatter.split(text.replace("\r\n", "\n")).body


def _heading_text(block: Block) -> str:
    return plain_text(block.text.split("\n")[0])


def _misaligned(en: Block, en_path: str, zh: Block, zh_path: str) -> EssayError:
    return EssayError([Finding(en_path, en.line, "block-mismatch",
                               f"block is {en.kind} here but {zh.kind} at {zh_path}:{zh.line} — "
                               "the two files must have the same blocks in the same order")])
