"""Split a Markdown body into blocks and tell each block's kind and language.

The blocks are the top-level blocks Python-Markdown renders with the site's extensions
(tests/text/test_agreement.py holds the two to that). Mostly a block is a run of non-blank
lines, but some blocks run across blank lines, as Python-Markdown reads them:

- a fenced code block or a `$$` formula runs to its closing fence whatever it contains;
- a one-language container, `::: en` or `::: zh` to a `:::` line, is one block ("solo");
- a raw HTML element without a `markdown` attribute (`<div class="x">`, `<script setup>`)
  runs to its closing tag: Python-Markdown leaves all of it raw;
- a list, an admonition (`!!! note`) or a footnote takes the indented lines after a blank line
  (a continuation paragraph, a nested list, an indented fence);
- a loose list (items separated by blank lines) and quotes separated by blank lines are one
  block while they stay in one script: the English list and its Chinese list are two blocks,
  in two halves of the page.

An ATX heading always stands alone (so `## English` directly followed by `## 中文` is two
blocks, as in the 12factor sources).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from ..model import SHARED_KINDS, Block, Lang
from .scripts import has_han, has_letters, language

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
INDENTED_FENCE = re.compile(r"^(?: {4,}|\t)[ \t]*(`{3,}|~{3,})")
MATH_FENCE = re.compile(r"^ {0,3}\$\$")
SOLO_OPEN = re.compile(r"^::: (en|zh)[ \t]*$")
SOLO_CLOSE = re.compile(r"^:::[ \t]*$")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# Python-Markdown's list markers: `1)` is not one (it renders as a paragraph).
LIST_ITEM = re.compile(r"^ {0,3}(?:([-*+])|\d{1,9}\.)[ \t]+")
QUOTE = re.compile(r"^ {0,3}>")
ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)[ \t]+[\w-]+")
FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]]+\]:")
INDENTED = re.compile(r"^(?: {4}|\t)")
TABLE_ROW = re.compile(r"^ {0,3}\|")
TABLE_RULE = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*\|")
HTML_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.S)
HTML_BLOCK = re.compile(r"^ {0,3}</?[A-Za-z][\w-]*[\s>/]")
# Python-Markdown's block-level tags: one of these opening a line starts raw HTML.
RAW_OPEN = re.compile(
    r"^<(address|article|aside|blockquote|details|dialog|div|dl|fieldset|figure|footer|form|"
    r"h[1-6]|header|hr|iframe|main|nav|ol|p|pre|script|section|style|table|template|ul|video)"
    r"(?=[\s>])([^>]*)>", re.I)
MARKDOWN_ATTR = re.compile(r"\smarkdown(?:\s*=|\s|/?$)")
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
LINK_REF_DEF = re.compile(r"^ {0,3}\[[^\]^][^\]]*\]:\s*\S")
IMAGE = re.compile(r"\[?!\[[^\]]*\]\s*(?:\([^)]*\)|\[[^\]]*\])(?:\]\([^)]*\))?")


# A heading's attribute list, `## Title {#id}` (attr_list; VitePress, Hugo and Pandoc agree).
HEADING_ATTRIBUTES = re.compile(r"[ \t]*\{[ \t]*#([\w:.-]+)[^}\n]*\}[ \t]*$")


def heading_id(text: str) -> str | None:
    """The id an author gave a heading (`{#id}`), if any."""
    match = HEADING_ATTRIBUTES.search(text.split("\n")[0])
    return match.group(1) if match else None


def without_heading_id(text: str) -> str:
    first, newline, rest = text.partition("\n")
    return HEADING_ATTRIBUTES.sub("", first) + newline + rest


def kind_of(lines: list[str]) -> tuple[str, int]:
    """The block's kind and heading level (0 if not a heading)."""
    if lines[0][:1].isalpha():  # most blocks: no marker of _marked opens with a letter
        return _lettered(lines)
    return _marked(lines)


def _marked(lines: list[str]) -> tuple[str, int]:
    """kind_of by every rule, in order (right for any block)."""
    first = lines[0]
    if SOLO_OPEN.match(first):
        return "solo", 0
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
    if all(INDENTED.match(line) or not line.strip() for line in lines):
        return "code", 0
    if ADMONITION.match(first):
        return "admonition", 0
    if LIST_ITEM.match(first):
        return "list", 0
    if QUOTE.match(first):
        return "quote", 0
    if TABLE_ROW.match(first) or (len(lines) > 1 and TABLE_RULE.match(lines[1])):
        return "table", 0
    if HTML_BLOCK.match(first):
        return "markup" if is_markup(text) else "html", 0
    return "paragraph", 0


def _lettered(lines: list[str]) -> tuple[str, int]:
    """kind_of for a block whose first character is a letter (Latin, Han or any other): only a
    setext underline or a table's rule on the second line makes it more than a paragraph."""
    if len(lines) == 2 and SETEXT_UNDERLINE.match(lines[1]):
        return "heading", 1 if lines[1].strip().startswith("=") else 2
    if len(lines) > 1 and TABLE_RULE.match(lines[1]):
        return "table", 0
    return "paragraph", 0


def is_markup(text: str) -> bool:
    """HTML that is only tags (a wrapper's opening or closing, a `<script setup>`): no prose."""
    return not has_letters(SCRIPT_OR_STYLE.sub(" ", text))


def make_block(lines: list[str], line: int) -> Block:
    text = "\n".join(lines)
    kind, lang, level = classify(text)
    return Block(text=text, line=line, kind=kind, lang=lang, level=level)


@lru_cache(maxsize=1024)
def classify(text: str) -> tuple[str, Lang, int]:
    """A block's kind, language and heading level: its text's alone, so cached. `essays stale`
    parses each committed version of an essay, one essay after another, and most of their
    blocks are the same text (1,024 blocks hold a long essay's versions; about 1 MB)."""
    lines = text.split("\n")
    kind, level = kind_of(lines)
    if kind == "solo":
        lang: Lang = SOLO_OPEN.match(lines[0]).group(1)  # type: ignore[union-attr,assignment]
    else:
        lang = "shared" if kind in SHARED_KINDS else language(text)
    return kind, lang, level


def split_blocks(body: str, first_line: int = 1) -> list[Block]:
    """Blocks of `body` in order, each with the 1-based line it starts on in the file."""
    lines = body.split("\n")
    return [make_block(lines[start:end], first_line + start) for start, end in _extents(lines)]


def solo_blocks(block: Block) -> list[Block]:
    """The blocks inside a one-language container, without its `::: xx` and `:::` lines."""
    lines = block.text.split("\n")
    inner = lines[1:-1] if solo_closed(block) else lines[1:]
    return split_blocks("\n".join(inner), block.line + 1)


def solo_closed(block: Block) -> bool:
    lines = block.text.split("\n")
    return len(lines) > 1 and bool(SOLO_CLOSE.match(lines[-1]))


def solo_image(block: Block, lang: str) -> Block | None:
    """The one image a `::: <lang>` container holds, as an image block in that language
    (an image pair's half); None if it holds anything else."""
    if block.kind != "solo" or block.lang != lang:
        return None
    inner = solo_blocks(block)
    if len(inner) != 1 or inner[0].kind != "image" or len(IMAGE.findall(inner[0].text)) != 1:
        return None
    return replace(inner[0], lang=block.lang)


def _extents(lines: list[str]) -> Iterator[tuple[int, int]]:
    """(start, end) line indices, end exclusive, of each block."""
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        end = _block_end(lines, i)
        yield i, end
        i = end


def _block_end(lines: list[str], i: int) -> int:
    """Where the block starting on the non-blank line `i` ends (exclusive)."""
    first = lines[i]
    fence = FENCE.match(first) or MATH_FENCE.match(first)
    if fence:
        return _closing_fence(lines, i, fence.group(0).strip()) + 1
    if SOLO_OPEN.match(first):
        return _closing_solo(lines, i) + 1
    if ATX_HEADING.match(first):
        return i + 1
    raw = RAW_OPEN.match(first)
    if raw and not MARKDOWN_ATTR.search(raw.group(2)):
        closing = _closing_tag(lines, i, raw.group(1))
        if closing is not None:
            return closing + 1
    return _run_end(lines, i)


def _run_end(lines: list[str], i: int) -> int:
    """The end of a run of non-blank lines, carried across blank lines where it continues."""
    start, j = i, i
    nests = _takes_indented(lines[start])
    while True:
        while j < len(lines) and lines[j].strip():
            if j > start and ATX_HEADING.match(lines[j]):
                return j  # a heading is a block of its own
            inner = INDENTED_FENCE.match(lines[j]) if nests and j > start else None
            j = _closing_fence(lines, j, inner.group(1)) + 1 if inner else j + 1
            if j - start == 2 and SETEXT_UNDERLINE.match(lines[j - 1]) \
                    and not LIST_ITEM.match(lines[start]):
                return j  # a setext heading ends at its underline
        following = j
        while following < len(lines) and not lines[following].strip():
            following += 1
        if following == len(lines) or not _continues(lines[start:j], lines, following):
            return j
        j = following


def _continues(run: list[str], lines: list[str], k: int) -> bool:
    """Whether the run goes on across the blank lines before line `k`."""
    first, line = run[0], lines[k]
    if _takes_indented(first) and INDENTED.match(line):
        return True
    opener, item = LIST_ITEM.match(first), LIST_ITEM.match(line)
    if opener and item and bool(opener.group(1)) == bool(item.group(1)):
        return _same_script(run, _paragraph(lines, k))
    if QUOTE.match(first) and QUOTE.match(line):
        return _same_script(run, _paragraph(lines, k))
    return False


def _takes_indented(first: str) -> bool:
    """Blocks whose indented lines after a blank line are still theirs: a list item's
    continuation, an admonition's or a footnote's body, the next lines of indented code."""
    if first[:1].isalpha():  # a paragraph's first line: none of the four opens with a letter
        return False
    return any(p.match(first) for p in (LIST_ITEM, ADMONITION, FOOTNOTE_DEF, INDENTED))


def _same_script(run: list[str], chunk: list[str]) -> bool:
    """A loose list or quote stays one block until its text turns from English to Chinese or
    back (the next pair's half); a chunk with no letters (code, a number) joins either."""
    text = "\n".join(chunk)
    return not has_letters(text) or has_han("\n".join(run)) == has_han(text)


def _paragraph(lines: list[str], k: int) -> list[str]:
    end = k
    while end < len(lines) and lines[end].strip():
        end += 1
    return lines[k:end]


def _closing_solo(lines: list[str], opening: int) -> int:
    """Index of the `:::` closing the container opened at `opening` (the last line if unclosed).
    A `:::` inside a fenced code block in the container does not close it."""
    j = opening + 1
    while j < len(lines):
        if SOLO_CLOSE.match(lines[j]):
            return j
        fence = FENCE.match(lines[j])
        j = _closing_fence(lines, j, fence.group(0).strip()) + 1 if fence else j + 1
    return len(lines) - 1


def _closing_tag(lines: list[str], opening: int, tag: str) -> int | None:
    """Index of the line where the raw element opened at `opening` closes; None if it closes
    on its own line or never (then blank lines end it, as any run)."""
    opens = re.compile(rf"<{tag}(?=[\s>/])", re.I)
    closes = re.compile(rf"</{tag}\s*>", re.I)
    depth = 0
    for j in range(opening, len(lines)):
        depth += len(opens.findall(lines[j])) - len(closes.findall(lines[j]))
        if depth <= 0:
            return None if j == opening else j
    return None


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
