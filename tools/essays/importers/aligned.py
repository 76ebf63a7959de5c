"""Two single-language files, an original and its translation (`--en FILE --zh FILE`).

Each file is read as its own CommonMark renderer reads it (commonmark.py); the blocks of the
two are aligned by the checker's model (align/sources.py), not by position, so a translation
that drifts (a translator's note, a paragraph added to the English later) is paired where it
corresponds and each place it does not is reported once (compose.py).
"""

from __future__ import annotations

import datetime as dt

from ..align.sources import align_sources
from ..model import Block
from ..text import frontmatter
from ..text.plain import plain_text
from . import Draft
from .commonmark import HEADING_ID, Blocks, read_blocks
from .compose import Sources, compose


def read_aligned_files(en_text: str, en_path: str, zh_text: str, zh_path: str) -> Draft:
    """The essay the two files make; `Draft.breaks` lists where they do not correspond."""
    en_meta, en = _read(en_text, "en", en_path.lower().endswith(".mdx"))
    zh_meta, zh = _read(zh_text, "zh", zh_path.lower().endswith(".mdx"))
    title, en_blocks = _title(en_meta, en.blocks)
    title_zh, zh_blocks = _title(zh_meta, zh.blocks)
    pieces, breaks, notes = compose(align_sources(en_blocks, zh_blocks), Sources(en_path, zh_path))
    date = frontmatter.parse_date(en_meta.get("date") or zh_meta.get("date")) or dt.date.today()
    dropped = [*en.notes(en_path), *zh.notes(zh_path)]
    return Draft(title=title or "", title_zh=title_zh, date=date, blocks=[p.text for p in pieces],
                 origins=pieces, breaks=breaks,
                 notes=[*notes, *dropped], title_at=(en_path, 1))


def _read(text: str, lang: str, mdx: bool) -> tuple[dict, Blocks]:
    header = frontmatter.split(text.replace("\r\n", "\n"))
    meta = frontmatter.mapping(header.front) if header.front else {}
    return meta, read_blocks(header.body, lang, header.body_line, mdx)


def _title(meta: dict, blocks: list[Block]) -> tuple[str | None, list[Block]]:
    """The front matter's title, else the page's first heading if the page starts with it or
    it is of level 1 (a badge or a language menu may come first); it then leaves the body,
    as the essay shows its title once."""
    value = meta.get("title")
    first = next((k for k, b in enumerate(blocks) if b.kind == "heading"), None)
    h1 = first if first is not None and (first == 0 or blocks[first].level == 1) else None
    rest = blocks if h1 is None else blocks[:h1] + blocks[h1 + 1:]
    if isinstance(value, str) and value.strip():
        return value.strip(), rest
    return (heading_title(blocks[h1]) if h1 is not None else None), rest


def heading_title(block: Block) -> str:
    return plain_text(HEADING_ID.sub("", block.text.split("\n")[0].lstrip("#").strip()))
