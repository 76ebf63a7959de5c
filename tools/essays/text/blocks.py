"""Split a Markdown body into blocks and tell each block's kind and language.

A block is a run of non-blank lines, except that a fenced code block or a `$$` formula runs
to its closing fence whatever it contains, and an ATX heading always stands alone (so
`## English` directly followed by `## 中文` is two blocks, as in the 12factor sources).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from ..model import SHARED_KINDS, Block, Lang
from .scripts import language

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
MATH_FENCE = re.compile(r"^ {0,3}\$\$")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+")
QUOTE = re.compile(r"^ {0,3}>")
TABLE_ROW = re.compile(r"^ {0,3}\|")
TABLE_RULE = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*\|")
HTML_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.S)
HTML_BLOCK = re.compile(r"^ {0,3}</?[A-Za-z][\w-]*[\s>/]")
LINK_REF_DEF = re.compile(r"^ {0,3}\[[^\]^][^\]]*\]:\s*\S")
IMAGE = re.compile(r"\[?!\[[^\]]*\]\s*(?:\([^)]*\)|\[[^\]]*\])(?:\]\([^)]*\))?")


def kind_of(lines: list[str]) -> tuple[str, int]:
    """The block's kind and heading level (0 if not a heading)."""
    first = lines[0]
    if FENCE.match(first):
        return "code", 0
    if MATH_FENCE.match(first):
        return "math", 0
    heading = ATX_HEADING.match(first)
    if heading:
        return "heading", len(heading.group(1))
    if len(lines) == 2 and SETEXT_UNDERLINE.match(lines[1]) and not LIST_ITEM.match(first):
        return "heading", 1 if lines[1].strip().startswith("=") else 2
    text = "\n".join(lines)
    if HTML_COMMENT.match(text):
        return "comment", 0
    if all(RULE.match(line) for line in lines):
        return "rule", 0
    if all(LINK_REF_DEF.match(line) for line in lines):
        return "refs", 0
    if not IMAGE.sub("", text).strip():
        return "image", 0
    if all(line.startswith("    ") or line.startswith("\t") for line in lines):
        return "code", 0
    if LIST_ITEM.match(first):
        return "list", 0
    if QUOTE.match(first):
        return "quote", 0
    if TABLE_ROW.match(first) or (len(lines) > 1 and TABLE_RULE.match(lines[1])):
        return "table", 0
    if HTML_BLOCK.match(first):
        return "html", 0
    return "paragraph", 0


def make_block(lines: list[str], line: int) -> Block:
    kind, level = kind_of(lines)
    text = "\n".join(lines)
    lang: Lang = "shared" if kind in SHARED_KINDS else language(text)
    return Block(text=text, line=line, kind=kind, lang=lang, level=level)


def split_blocks(body: str, first_line: int = 1) -> list[Block]:
    """Blocks of `body` in order, each with the 1-based line it starts on in the file."""
    return [make_block(lines, start) for start, lines in _runs(body.split("\n"), first_line)]


def _runs(lines: list[str], first_line: int) -> Iterator[tuple[int, list[str]]]:
    run: list[str] = []
    start = first_line
    i = 0
    while i < len(lines):
        line = lines[i]
        number = first_line + i
        fence = FENCE.match(line) or MATH_FENCE.match(line)
        if fence and not run:
            end = _closing_fence(lines, i, fence.group(0).strip())
            yield number, lines[i : end + 1]
            i = end + 1
            continue
        if not line.strip() or ATX_HEADING.match(line):
            if run:
                yield start, run
                run = []
            if line.strip():  # a heading is a block of its own
                yield number, [line]
            i += 1
            continue
        if not run:
            start = number
        run.append(line)
        i += 1
        if len(run) == 2 and SETEXT_UNDERLINE.match(line) and not LIST_ITEM.match(run[0]):
            yield start, run  # a setext heading ends at its underline
            run = []
    if run:
        yield start, run


def _closing_fence(lines: list[str], opening: int, fence: str) -> int:
    """Index of the line closing the fence opened at `opening` (the last line if unclosed)."""
    marker = fence[0] if fence[0] in "`~" else "$$"
    width = len(fence) if marker != "$$" else 2
    first = lines[opening].strip()
    if marker == "$$" and len(first) > 2 and first.endswith("$$"):
        return opening  # $$ x $$ on one line
    for j in range(opening + 1, len(lines)):
        stripped = lines[j].strip()
        if marker == "$$":
            if stripped.endswith("$$"):
                return j
        elif stripped.startswith(marker * width) and not stripped.strip(marker):
            return j
    return len(lines) - 1
