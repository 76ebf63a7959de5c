"""Simplified and Traditional Chinese: which script a text is written in, and the text in the other.

Conversion is OpenCC's (phrase tables first, then characters: 头发 -> 頭髮 but 发现 -> 發現), at
build time, of text only: code, link and image targets, reference definitions, HTML tags,
attribute lists, math and bare URLs are left exactly as written, so a URL or an identifier
with Han characters in it still works (README, "Simplified and Traditional").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import opencc

from .scripts import HAN, HAN_CHARS, prose

HANS, HANT = "hans", "hant"
LANG_OF_SCRIPT = {HANS: "zh-Hans", HANT: "zh-Hant"}
# Taiwan's standard character forms (為, 裡, 著), with no change of vocabulary: the words stay
# the author's, and each character keeps its place (search highlights by position).
DEFAULT_TO_TRADITIONAL = "s2tw"
TO_TRADITIONAL = ("s2t", "s2tw", "s2twp", "s2hk")
TO_SIMPLIFIED = "t2s"

# What is not text, in the order Markdown reads it: fenced code, code spans, math, link and
# image targets, explicit reference labels, reference definitions, autolinks and tags,
# attribute lists, bare URLs, HTML entities.
_NOT_TEXT = re.compile(
    r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\1[^\n]*$"
    r"|(`+).+?\2"
    r"|\$\$.+?\$\$|\$[^$\n]+\$|\\\(.+?\\\)|\\\[.+?\\\]"
    r"|\]\((?:[^()\n]|\([^()\n]*\))*\)"
    r"|\]\[[^\]\n]*\]"
    r"|^ {0,3}\[[^\]\n]+\]:[^\n]*$"
    r"|<[^>\n]+>"
    r"|\{[:#.][^}\n]*\}"
    r"|https?://[^\s<>)\]]+"
    r"|&#?\w+;",
    re.M | re.S,
)


@lru_cache(maxsize=None)
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def convert_text(text: str, config: str) -> str:
    """Plain text in the other script (no markup in it to keep)."""
    return _opencc(config).convert(text) if HAN.search(text) else text


def convert_markdown(markdown: str, config: str) -> str:
    """Markdown in the other script: its text converted, its markup (see _NOT_TEXT) as written."""
    if not HAN.search(markdown):
        return markdown
    return map_text(markdown, lambda text: convert_text(text, config))


def map_text(markdown: str, change) -> str:
    """Markdown with `change` applied to its text, its markup (see _NOT_TEXT) as written."""
    out, at = [], 0
    for match in _NOT_TEXT.finditer(markdown):
        out += (change(markdown[at:match.start()]), match.group(0))
        at = match.end()
    out.append(change(markdown[at:]))
    return "".join(out)


def written_script(text: str) -> str:
    """HANT when more of the text's Han characters change to Simplified than to Traditional.

    Most characters are the same in both scripts; the ones that differ decide. Measured on the
    repository's essays and their OpenCC conversions (tests/text/test_conversion.py): every
    Simplified text has no or almost no character that t2s changes, every Traditional one
    dozens, with none that s2t changes.
    """
    han = "".join(HAN.findall(prose(text)))
    if not han:
        return HANS
    traditional = _changed(han, _opencc(TO_SIMPLIFIED).convert(han))
    simplified = _changed(han, _opencc("s2t").convert(han))
    return HANT if traditional > simplified else HANS


def _changed(before: str, after: str) -> int:
    if len(before) != len(after):  # a phrase changed length: count characters not kept
        return len(set(before) - set(after))
    return sum(a != b for a, b in zip(before, after))


@lru_cache(maxsize=65536)
def simplified_run(run: str) -> str:
    """A Han run folded to Simplified for search, one character for one, so character offsets
    (highlighting) still hold; a phrase whose conversion changes length goes by characters."""
    folded = _opencc(TO_SIMPLIFIED).convert(run)
    if len(folded) == len(run):
        return folded
    return "".join(_opencc(TO_SIMPLIFIED).convert(c) for c in run)


_ALL_HAN = re.compile(f"[{HAN_CHARS}]")


@lru_cache(maxsize=1)
def _traditional_characters() -> dict[str, str]:
    """Every Han character that t2s changes, one for one, and what it becomes."""
    chars = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
    chars = [c for c in chars if _ALL_HAN.match(c)]
    # one call, one character per line, so no phrase spans two of them
    folded = _opencc(TO_SIMPLIFIED).convert("\n".join(chars)).split("\n")
    return {t: s for t, s in zip(chars, folded) if len(s) == 1 and s != t}


def folding_table(simplified: set[str]) -> dict[str, str]:
    """Traditional character -> Simplified, for the characters whose Simplified form is in
    `simplified` (an index's own characters): what the browser needs to fold a query."""
    return {t: s for t, s in _traditional_characters().items() if s in simplified}


@dataclass(frozen=True)
class Twins:
    """How one essay's Chinese is written in both scripts: the script its author used, and
    the OpenCC configuration that makes Traditional of Simplified (t2s goes the other way)."""

    written: str  # HANS or HANT
    to_traditional: str = DEFAULT_TO_TRADITIONAL

    @classmethod
    def of(cls, chinese: str, to_traditional: str = DEFAULT_TO_TRADITIONAL) -> Twins:
        return cls(written_script(chinese), to_traditional)

    def both(self, markdown: str) -> dict[str, str]:
        """{HANS: ..., HANT: ...} of the author's Markdown: as written, and converted."""
        if self.written == HANT:
            return {HANS: convert_markdown(markdown, TO_SIMPLIFIED), HANT: markdown}
        return {HANS: markdown, HANT: convert_markdown(markdown, self.to_traditional)}

    def both_plain(self, text: str) -> dict[str, str]:
        """The same for plain text (search documents): no markup to keep."""
        if self.written == HANT:
            return {HANS: convert_text(text, TO_SIMPLIFIED), HANT: text}
        return {HANS: text, HANT: convert_text(text, self.to_traditional)}

    def ours(self, simplified: str) -> dict[str, str]:
        """Both scripts of the site's own words (written in Simplified), whatever the essay's."""
        return {HANS: simplified, HANT: convert_text(simplified, self.to_traditional)}
