"""A raw page in the sample's shape: `YYYY-MM-DD Author.Title`, the title again, alternating
English and Chinese lines, then the old site's chrome (dropped)."""

from __future__ import annotations

import datetime as dt
import re

from ..model import EssayError, Finding
from ..text.safety import strip_tags
from ..text.scripts import FULL_WIDTH_PUNCTUATION, HAN, HAN_CHARS
from . import Draft

RAW_HEADER = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(.+?)\.(\S.*)$")
# Where the old site's chrome begins: everything from here on is dropped.
CHROME_MARKERS = ("热门主题", "Recent Articles", "相关文章", "Related Articles")


def read_raw_page(text: str, path: str) -> Draft:
    """`YYYY-MM-DD Author.Title`, the title again, alternating EN/ZH lines, then site chrome."""
    lines = text.replace("\r\n", "\n").split("\n")
    header = RAW_HEADER.match(lines[0].strip()) if lines else None
    if not header:
        raise EssayError([Finding(path, 1, "raw-header",
                                  "first line is not 'YYYY-MM-DD Author.Title' — put the date, "
                                  "the author and the title on the first line, e.g. "
                                  "'2025-07-16 Jason Wei.Life lessons from reinforcement learning'")])
    # the page's markup stays there: a title or name is text (a stored script route otherwise)
    date_text, author, title = (strip_tags(part) for part in header.groups())
    if "<" in author or ">" in author:
        raise EssayError([Finding(path, 1, "raw-author",
                                  f"author {author!r} has '<' or '>' — write the author's name "
                                  "as plain text on the first line")])
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
        if stripped and stripped != lines[0].strip() and strip_tags(stripped) != title:
            blocks.append(full_width_punctuation(stripped) if HAN.search(stripped) else stripped)
    return Draft(title=title, date=date, authors=[author], blocks=blocks)


# Half-width punctuation next to Han characters, as copy-paste and OCR leave it. Full stops
# are left alone: "v1.2" and "e.g." touch Han text too.
_PUNCT_NEAR_HAN = re.compile(rf"(?<=[{HAN_CHARS}])[,:;?!]|[,:;?!](?=[{HAN_CHARS}])|(?<=[）”》])[,:;?!]")
_PARENS = re.compile(r"\(([^()\n]*)\)")


def full_width_punctuation(text: str) -> str:
    """Use Chinese punctuation where it touches Chinese text: '学习(RL),几乎' -> '学习（RL），几乎'."""

    def paren(match: re.Match) -> str:
        around = text[max(match.start() - 1, 0) : match.start()] + text[match.end() : match.end() + 1]
        if HAN.search(around) or HAN.search(match.group(1)):
            return f"（{match.group(1)}）"
        return match.group(0)

    text = _PARENS.sub(paren, text)
    return _PUNCT_NEAR_HAN.sub(lambda m: FULL_WIDTH_PUNCTUATION[m.group(0)], text)
