"""Chinese text with its English original in HTML comments (`--commented`, the form of
kubernetes/website and its blog).

The file is read once as CommonMark (commonmark.py). Each English comment is read as
Markdown too, with its lines in the file; its blocks are aligned with the Chinese blocks up
to the next comment (align/sources.py), so a comment holding several paragraphs and a code
block, or a Chinese paragraph a translator added, pairs where it corresponds and is reported
once where it does not, at its line in the file the user gave.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap

from ..align.sources import align_sources
from ..model import Block
from ..text import frontmatter
from . import Draft
from .aligned import heading_title
from .commonmark import Comment, admonition, read_blocks
from .compose import Sources, compose

# Comments that are markers for tools, not English: `<!-- overview -->`, `<!-- more -->`,
# `<!-- zhlint disabled -->`, `<!-- prettier-ignore -->`, `<!-- markdownlint-disable MD013 -->`.
MARKER = re.compile(r"^\s*[\w-]+(?:[ :=][\w.,-]+){0,3}\s*$")
INSIDE = -1  # marks (in Block.level) the English of a comment written inside a note
FRONT_KEY = re.compile(r"^\s*(?:---\s*\n)?\s*[\w-]+\s*:", re.S)


def read_commented(text: str, path: str) -> Draft:
    text = text.replace("\r\n", "\n")
    header = frontmatter.split(text)
    zh_meta = frontmatter.mapping(header.front) if header.front else {}
    found = read_blocks(header.body, "zh", header.body_line)
    comments = [c for c in found.comments if not MARKER.match(c.text)]
    en_meta, comments = _english_front_matter(comments)
    en_blocks = [_english(c) for c in comments]
    title, en_first = _english_title(en_meta, en_blocks)
    zh_blocks = found.blocks
    title_zh = _text(zh_meta.get("title"))
    if zh_blocks and zh_blocks[0].kind == "heading" and zh_blocks[0].level == 1:
        title_zh = title_zh or heading_title(zh_blocks[0])
        zh_blocks = zh_blocks[1:]
    matches = [m for en, zh in _chunks(en_first, zh_blocks) for m in align_sources(en, zh)]
    pieces, breaks, notes = compose(matches, Sources(path, path))
    date = frontmatter.parse_date(zh_meta.get("date") or en_meta.get("date")) or dt.date.today()
    notes += found.notes(path)
    return Draft(title=title or "", title_zh=title_zh, date=date, blocks=[p.text for p in pieces],
                 origins=pieces, breaks=breaks,
                 notes=notes, title_at=(path, header.body_line))


def _english_front_matter(comments: list[Comment]) -> tuple[dict, list[Comment]]:
    """The English front matter, commented out near the top, in any key order; what else
    that comment holds (a heading, a first paragraph) stays English text."""
    for k, comment in enumerate(comments[:2]):
        if not FRONT_KEY.match(comment.text):
            continue
        inner = comment.text.strip("\n")
        split = frontmatter.split(inner.strip() + "\n") if inner.strip().startswith("---") else None
        front = split.front if split and split.front is not None else inner
        data = frontmatter.mapping(front)
        if isinstance(data, dict) and "title" in data:
            rest = split.body if split and split.front is not None else ""
            tail = [Comment(rest, comment.line + inner.count("\n") - rest.count("\n"))] if rest.strip() else []
            return data, [*comments[:k], *tail, *comments[k + 1:]]
    return {}, comments


def _english(comment: Comment) -> list[Block]:
    """A comment's English blocks (inside a note, as that note)."""
    lead = len(comment.text) - len(comment.text.lstrip("\n"))
    line = comment.line + comment.text[:lead].count("\n")
    blocks = read_blocks(textwrap.dedent(comment.text.strip("\n")), "en", line).blocks
    if comment.admonition and blocks:
        text = admonition(comment.admonition, "\n\n".join(b.text for b in blocks))
        return [Block(text=text, line=blocks[0].line, kind="admonition", lang="en", level=INSIDE)]
    return blocks


def _english_title(meta: dict, comments: list[list[Block]]) -> tuple[str | None, list[list[Block]]]:
    title = _text(meta.get("title"))
    if comments and comments[0] and comments[0][0].kind == "heading" and comments[0][0].level == 1:
        title = title or heading_title(comments[0][0])
        comments = [comments[0][1:], *comments[1:]]
    return title, comments


def _chunks(en: list[list[Block]], zh: list[Block]) -> list[tuple[list[Block], list[Block]]]:
    """Each comment's English with the Chinese blocks that follow it, up to the next comment
    (the Chinese before the first comment has no English). A comment inside a note goes
    with that note, which starts before it."""
    en = [blocks for blocks in en if blocks]
    owner: dict[int, int] = {}  # zh block index -> chunk
    for j, block in enumerate(zh):
        owner[j] = sum(1 for blocks in en if blocks[0].line < block.line)
    for k, blocks in enumerate(en, start=1):
        if blocks[0].level == INSIDE:
            note = [j for j, b in enumerate(zh) if b.line < blocks[0].line and b.kind == "admonition"]
            if note:
                owner[note[-1]] = k
    chunks = [([], [])] + [(_plain(blocks), []) for blocks in en]
    for j, block in enumerate(zh):
        chunks[owner[j]][1].append(block)
    return chunks


def _plain(blocks: list[Block]) -> list[Block]:
    return [Block(b.text, b.line, b.kind, b.lang) if b.level == INSIDE else b for b in blocks]


def _text(value) -> str | None:
    return value.strip().strip("“”\"").strip() or None if isinstance(value, str) else None

