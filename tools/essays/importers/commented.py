"""Chinese text with its English original in HTML comments (`--commented`, the kubernetes-blog form)."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

from ..model import SHARED_KINDS, EssayError, Finding
from ..text import frontmatter
from ..text.blocks import split_blocks
from . import Draft

COMMENT = re.compile(r"<!--(.*?)-->", re.S)
# Comments that are markers for tools, not English originals.
MARKER_COMMENTS = {"more", "toc", "truncate"}
FRONT_MATTER_COMMENT = re.compile(r"\s*(?:---\s*\n)?\s*(?:layout|title)\s*:")


def read_commented(text: str, path: str) -> Draft:
    """Chinese text with its English original in `<!-- ... -->` before each Chinese block.

    The Chinese front matter gives the Chinese title and the date; the English front matter,
    commented out right after it, gives the English title. Each comment's blocks are paired
    one to one with the Chinese blocks up to the next comment; when the counts differ, both are
    kept in order and the checker says where the two sides drift apart.
    """
    text = text.replace("\r\n", "\n")
    header = frontmatter.split(text)
    zh_meta = frontmatter.mapping(header.front)
    chunks = _comment_chunks(header.body)
    en_meta: dict = {}
    if len(chunks) > 1 and not chunks[0][1].strip() and _looks_like_front_matter(chunks[1][0]):
        en_meta = frontmatter.mapping(chunks[1][0].strip().strip("-").strip())
        chunks = [(None, chunks[1][1]), *chunks[2:]]
    title = _meta_text(en_meta, "title") or _meta_text(zh_meta, "title")
    if not title:
        raise EssayError([Finding(path, 1, "title-missing",
                                  "no English title — put the English front matter, with "
                                  "'title:', in a comment after the Chinese front matter")])
    date = frontmatter.parse_date(zh_meta.get("date") or en_meta.get("date")) or dt.date.today()
    blocks = [block for en, zh in chunks for block in _interleave(en, zh)]
    return Draft(title=title, title_zh=_meta_text(zh_meta, "title"), date=date, blocks=blocks)


def _comment_chunks(body: str) -> list[tuple[str | None, str]]:
    """(English comment or None, the Chinese text up to the next comment), in order."""
    chunks: list[tuple[str | None, str]] = [(None, "")]
    position = 0
    for match in COMMENT.finditer(body):
        en, zh = chunks[-1]
        chunks[-1] = (en, zh + body[position:match.start()])
        position = match.end()
        if match.group(1).strip().lower() not in MARKER_COMMENTS:
            chunks.append((match.group(1), ""))
    en, zh = chunks[-1]
    chunks[-1] = (en, zh + body[position:])
    return chunks


def _looks_like_front_matter(comment: str) -> bool:
    return bool(FRONT_MATTER_COMMENT.match(comment))


def _meta_text(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    return value.strip().strip("“”\"").strip() or None if isinstance(value, str) else None


def _interleave(en: str | None, zh: str) -> list[str]:
    """Blocks of one comment and the Chinese after it: EN, ZH, EN, ZH... when they match."""
    en_blocks = [b.text for b in split_blocks(textwrap.dedent(en).strip())] if en and en.strip() else []
    zh_all = split_blocks(zh.strip("\n")) if zh.strip() else []
    zh_text = [b.text for b in zh_all if b.kind not in SHARED_KINDS]
    if len(en_blocks) != len(zh_text) or len(zh_text) != len(zh_all):
        return [*en_blocks, *(b.text for b in zh_all)]
    return [block for pair in zip(en_blocks, zh_text) for block in pair]
