"""Turn outside material into essay files: a raw page in the sample's shape, or two aligned files.

Every importer builds the essay text in memory, parses it with the same parser the build uses,
and writes it only if it parses cleanly, through a temporary file renamed into place.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .blocks import HAN, split_blocks
from .fsutil import write_atomic
from .model import SHARED_KINDS, Block, EssayError, Finding
from .parse import parse_text

RAW_HEADER = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(.+?)\.(\S.*)$")
# Where the old site's chrome begins: everything from here on is dropped.
CHROME_MARKERS = ("热门主题", "Recent Articles", "相关文章", "Related Articles")
HAN_CHAR = HAN.pattern


@dataclass
class Draft:
    """An essay about to be written: front matter fields and body blocks (Markdown)."""

    title: str
    date: dt.date
    title_zh: str | None = None
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    source: dict | None = None
    blocks: list[str] = field(default_factory=list)

    def front_matter(self) -> dict:
        data: dict = {"title": self.title}
        if self.title_zh:
            data["title_zh"] = self.title_zh
        data["date"] = self.date
        data["authors"] = self.authors
        if self.categories:
            data["categories"] = self.categories
        if self.source:
            data["source"] = self.source
        return data

    def render(self) -> str:
        meta = yaml.safe_dump(self.front_matter(), allow_unicode=True, sort_keys=False, width=1000)
        return f"---\n{meta}---\n\n" + "\n\n".join(self.blocks) + "\n"


def slugify(text: str) -> str:
    """A file name from a title: lower-case ASCII words joined by '-' (Han titles keep Han)."""
    words = re.findall(rf"[A-Za-z0-9]+|{HAN_CHAR}+", text)
    return "-".join(w.lower() for w in words)[:80].strip("-") or "essay"


def author_id(name: str) -> str:
    return slugify(name) or "author"


# -- raw page (the sample's shape) -------------------------------------------------------------


def read_raw_page(text: str, path: str) -> Draft:
    """`YYYY-MM-DD Author.Title`, the title again, alternating EN/ZH lines, then site chrome."""
    lines = text.replace("\r\n", "\n").split("\n")
    header = RAW_HEADER.match(lines[0].strip()) if lines else None
    if not header:
        raise EssayError([Finding(path, 1, "raw-header",
                                  "first line is not 'YYYY-MM-DD Author.Title' — put the date, "
                                  "the author and the title on the first line, e.g. "
                                  "'2025-07-16 Jason Wei.Life lessons from reinforcement learning'")])
    date_text, author, title = header.groups()
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        raise EssayError([Finding(path, 1, "date-invalid",
                                  f"'{date_text}' is not a date — write it as YYYY-MM-DD")]) from None
    blocks = []
    for line in lines[1:]:
        stripped = line.strip()
        if stripped in CHROME_MARKERS or stripped.lstrip("•* ").strip() in CHROME_MARKERS:
            break
        if stripped and stripped != lines[0].strip() and stripped != title.strip():
            blocks.append(full_width_punctuation(stripped) if HAN.search(stripped) else stripped)
    return Draft(title=title.strip(), date=date, authors=[author.strip()], blocks=blocks)


# Half-width punctuation next to Han characters, as copy-paste and OCR leave it.
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_PUNCT_NEAR_HAN = re.compile(rf"(?<={HAN_CHAR})[,:;?!]|[,:;?!](?={HAN_CHAR})|(?<=[）”》])[,:;?!]")
_PARENS = re.compile(r"\(([^()\n]*)\)")


def full_width_punctuation(text: str) -> str:
    """Use Chinese punctuation where it touches Chinese text: '学习(RL),几乎' -> '学习（RL），几乎'."""

    def paren(match: re.Match) -> str:
        around = text[max(match.start() - 1, 0) : match.start()] + text[match.end() : match.end() + 1]
        if HAN.search(around) or HAN.search(match.group(1)):
            return f"（{match.group(1)}）"
        return match.group(0)

    text = _PARENS.sub(paren, text)
    return _PUNCT_NEAR_HAN.sub(lambda m: _HALF_TO_FULL[m.group(0)], text)


# -- two aligned single-language files ---------------------------------------------------------


def read_aligned_files(en_text: str, en_path: str, zh_text: str, zh_path: str) -> Draft:
    """Interleave two files whose blocks correspond one to one (shared blocks are kept once)."""
    en_blocks = split_blocks(_strip_front_matter(en_text))
    zh_blocks = split_blocks(_strip_front_matter(zh_text))
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


def _strip_front_matter(text: str) -> str:
    text = text.replace("\r\n", "\n")
    match = re.match(r"\A---\n.*?\n---\n", text, re.S)
    return text[match.end():] if match else text


def _heading_text(block: Block) -> str:
    first = block.text.split("\n")[0]
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", first.lstrip("# ").strip())


def _misaligned(en: Block, en_path: str, zh: Block, zh_path: str) -> EssayError:
    return EssayError([Finding(en_path, en.line, "block-mismatch",
                               f"block is {en.kind} here but {zh.kind} at {zh_path}:{zh.line} — "
                               "the two files must have the same blocks in the same order")])


# -- commented English (the kubernetes-blog form) ----------------------------------------------

COMMENT = re.compile(r"<!--(.*?)-->", re.S)
# Comments that are markers for tools, not English originals.
MARKER_COMMENTS = {"more", "toc", "truncate"}


def read_commented(text: str, path: str) -> Draft:
    """Chinese text with its English original in `<!-- ... -->` before each Chinese block.

    The Chinese front matter gives the Chinese title and the date; the English front matter,
    commented out right after it, gives the English title. Each comment's blocks are paired
    one to one with the Chinese blocks up to the next comment; when the counts differ, both are
    kept in order and the checker says where the two sides drift apart.
    """
    text = text.replace("\r\n", "\n")
    zh_meta, body = _split_front_matter(text)
    chunks = _comment_chunks(body)
    en_meta: dict = {}
    if len(chunks) > 1 and not chunks[0][1].strip() and _looks_like_front_matter(chunks[1][0]):
        en_meta = _yaml_mapping(chunks[1][0].strip().strip("-").strip())
        chunks = [(None, chunks[1][1]), *chunks[2:]]
    title = _meta_text(en_meta, "title") or _meta_text(zh_meta, "title")
    if not title:
        raise EssayError([Finding(path, 1, "title-missing",
                                  "no English title — put the English front matter, with "
                                  "'title:', in a comment after the Chinese front matter")])
    date = _date_of(zh_meta.get("date") or en_meta.get("date"))
    blocks = [block for en, zh in chunks for block in _interleave(en, zh)]
    return Draft(title=title, title_zh=_meta_text(zh_meta, "title"), date=date, blocks=blocks)


def _split_front_matter(text: str) -> tuple[dict, str]:
    match = re.match(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", text, re.S)
    if not match:
        return {}, text
    return _yaml_mapping(match.group(1) or ""), text[match.end():]


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
    return bool(re.match(r"\s*(?:---\s*\n)?\s*(?:layout|title)\s*:", comment))


def _yaml_mapping(source: str) -> dict:
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _meta_text(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    return value.strip().strip("“”\"").strip() or None if isinstance(value, str) else None


def _date_of(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return dt.date.today()


def _interleave(en: str | None, zh: str) -> list[str]:
    """Blocks of one comment and the Chinese after it: EN, ZH, EN, ZH... when they match."""
    en_blocks = [b.text for b in split_blocks(textwrap.dedent(en).strip())] if en and en.strip() else []
    zh_all = split_blocks(zh.strip("\n")) if zh.strip() else []
    zh_text = [b.text for b in zh_all if b.kind not in SHARED_KINDS]
    if len(en_blocks) != len(zh_text) or len(zh_text) != len(zh_all):
        return [*en_blocks, *(b.text for b in zh_all)]
    return [block for pair in zip(en_blocks, zh_text) for block in pair]


# -- writing -----------------------------------------------------------------------------------


def write_essay(draft: Draft, target: Path, display: str, force: bool = False) -> Path:
    """Check the draft as the build would, then write it atomically; never a half-written file."""
    if target.exists() and not force:
        raise EssayError([Finding(display, 1, "exists",
                                  f"{display} already exists — pass --force to replace it, or "
                                  "choose another name with --slug")])
    text = draft.render()
    essay = parse_text(text, display)
    if essay.errors:
        raise EssayError(essay.errors)
    write_atomic(target, text)
    return target
