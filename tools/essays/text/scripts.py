"""What the two scripts are made of: character classes, prose, punctuation and number words.

Each idea is written here once; the parser, the checks, the importers, the renderer and the
search analysis all read it from here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Lang

# Han ideographs: CJK Unified Ideographs and Extension A, compatibility ideographs, and the
# supplementary planes' extensions B-F. Punctuation and kana are not Han.
HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
HAN = re.compile(f"[{HAN_CHARS}]")
LATIN = re.compile(r"[A-Za-z]")
ALNUM = re.compile(r"[A-Za-z0-9]")

# Chinese text as a line break sees it: Han, kana, CJK and full-width punctuation.
# A line break between two such characters is no space (the source's line breaks inside a
# Chinese paragraph are not meant as one), so renderer and search both remove it.
_CJK_TEXT = rf"{HAN_CHARS}\u2e80-\u33ff\uff00-\uffef“”‘’…—"
CJK_LINE_BREAK = re.compile(rf"(?<=[{_CJK_TEXT}])[ \t]*\n[ \t]*(?=[{_CJK_TEXT}])")

# Markup that carries no language: link targets, inline code, tags, bare URLs, attribute lists.
NON_TEXT = re.compile(
    r"\]\([^)]*\)"  # link / image targets
    r"|`[^`]*`"  # inline code
    r"|<[^>]+>"  # HTML tags
    rf"|https?://[^\s<>\]{_CJK_TEXT}]+"  # bare URLs (Chinese has no space to end them)
    r"|\{[:#.][^}]*\}"  # attr_list
    r"|\[[^\]]*\]:\s*\S+"  # reference definitions
)

# Half-width punctuation and its full-width form, as Chinese text writes it.
FULL_WIDTH_PUNCTUATION = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！",
                          "(": "（", ")": "）"}

# Numbers spelled as words, which a translation may write as digits (and the reverse).
EN_NUMBER_WORDS = {word: str(number) for number, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}

EXCERPT_CHARS = 40


@lru_cache(maxsize=16384)
def prose(text: str) -> str:
    """The text with its language-less markup blanked out; cached, as every check asks for it."""
    return NON_TEXT.sub(" ", text)


CJK_PUNCTUATION = re.compile("[，。：；！？、（）《》「」『』【】]")


def _chinese_punctuated(words: str, latin: int) -> bool:
    """Names punctuated as Chinese: ending in a Chinese mark, or one for every dozen letters
    (English with a stray full-width colon stays English)."""
    marks = len(CJK_PUNCTUATION.findall(words))
    return bool(marks) and (bool(CJK_PUNCTUATION.match(words.rstrip()[-1:])) or marks * 12 >= latin)


def language(text: str) -> Lang:
    """The language a text block is written in: "zh", "en", or "shared" when it has neither.

    A Han character carries about as much as a three-letter stretch of English, so a block
    is Chinese when it has Han characters and at most three Latin letters for each of them.
    Chinese prose quoting English ("RL", "on-policy", "YOLO") stays Chinese; English
    mentioning a Chinese word stays English.
    """
    words = prose(text)
    han = len(HAN.findall(words))
    latin = len(LATIN.findall(words))
    if han == 0 and latin == 0:
        return "shared"
    if han == 0 and _chinese_punctuated(words, latin):
        return "zh"  # "Kubernetes：", a list of names in Chinese punctuation
    return "zh" if han and han * 3 >= latin else "en"


def has_han(text: str) -> bool:
    return bool(HAN.search(prose(text)))


def has_letters(text: str) -> bool:
    """Whether the prose has any Han character or Latin letter (an empty slot has neither)."""
    words = prose(text)
    return bool(HAN.search(words) or LATIN.search(words))


def squashed(text: str) -> str:
    """The text with every run of whitespace one space: how two blocks are compared as equal."""
    return " ".join(text.split())


def excerpt(text: str | None) -> str | None:
    """The first ~40 characters of a block, on one line, for reports."""
    if text is None:
        return None
    flat = squashed(text)
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1] + "…"


def join_cjk_lines(text: str) -> str:
    """Remove the line breaks between Chinese characters (see CJK_LINE_BREAK)."""
    return CJK_LINE_BREAK.sub("", text) if "\n" in text else text  # no break: nothing to scan
