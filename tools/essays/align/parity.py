"""Parity of a pair: what a translation must carry over unchanged (warnings).

Numbers, link targets, inline code, images and footnotes should be the same in both halves.
Each is compared as a set, after the normalisation that keeps correct translations quiet:
full-width digits and Chinese dates become plain numbers, English month names become their
numbers, a number spelled out in words on one side ("twelve", "十二") counts as present, and a
link to the localized page ("/zh-cn/docs/…") counts as the same target.
"""

from __future__ import annotations

import re

from ..model import Finding, Pair
from ..text.scripts import EN_NUMBER_WORDS, excerpt

FULL_WIDTH = str.maketrans("０１２３４５６７８９，．％", "0123456789,.%")
FULL_WIDTH_CHAR = re.compile("[０-９％]|[０-９][，．]")
ZH_NUMERAL = re.compile("[〇一二两三四五六七八九十]")
WORD = re.compile("[a-z]+")
CODE = re.compile(r"`+([^`]+?)`+")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)|^\s*\[[^\]^][^\]]*\]:\s*<?(\S+?)>?\s*$", re.M)
FOOTNOTE = re.compile(r"\[\^([^\]]+)\]")
URL_IN_TEXT = re.compile(r"\]\([^)]*\)|https?://\S+|`[^`]*`|\[\^[^\]]*\]|^\s*\[[^\]]*\]:.*$", re.M)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
LOCALE = re.compile(r"/(?:zh-cn|zh-hans|zh|zh_cn|cn|en)(?=/)", re.I)
MONTHS = {name: str(number) for number, name in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
EN_WORDS = {**EN_NUMBER_WORDS, "once": "1", "both": "2", "twice": "2", "dozen": "12",
            "hundred": "100"}
ZH_NUMERALS = dict(zip("〇一二两三四五六七八九十", ["0", "1", "2", "2", "3", "4", "5", "6", "7", "8", "9", "10"]))
# "may" and "march" are words too, and so are the abbreviations: those only next to a number.
_PLAIN_MONTHS = "|".join(m for m in MONTHS if m not in ("may", "march"))
_NUMBERED_MONTHS = "|".join(["may", "march", *(m[:3] for m in MONTHS)])
MONTH_WORD = re.compile(rf"\b({_PLAIN_MONTHS})\b|\b({_NUMBERED_MONTHS})\.?(?=\s+(?:of\s+)?\d)"
                        rf"|(?<=\d\s)({_NUMBERED_MONTHS})\b", re.I)


def check_pair(path: str, pair: Pair) -> list[Finding]:
    en, zh = pair.en.text, pair.zh.text
    found = []
    for code, what, en_items, zh_items in _compared(en, zh):
        if en_items != zh_items:
            found.append(_finding(path, pair, code, what, en_items - zh_items, zh_items - en_items))
    return found


def _compared(en: str, zh: str):
    """(code, what, English items, Chinese items); a cheap substring test skips most regexes."""
    yield ("number-mismatch", "numbers", *_numbers(en, zh))
    if "[" in en or "[" in zh:
        yield "link-mismatch", "link targets", _links(en), _links(zh)
        yield "footnote-mismatch", "footnotes", _set(FOOTNOTE, en), _set(FOOTNOTE, zh)
    if "![" in en or "![" in zh:
        yield "image-mismatch", "images", _set(IMAGE, en), _set(IMAGE, zh)
    if "`" in en or "`" in zh:
        yield "code-mismatch", "inline code", _set(CODE, en), _set(CODE, zh)


def _finding(path: str, pair: Pair, code: str, what: str, only_en: set, only_zh: set) -> Finding:
    sides = []
    if only_en:
        sides.append(f"only the English has {_show(only_en)}")
    if only_zh:
        sides.append(f"only the Chinese has {_show(only_zh)}")
    return Finding(path, pair.zh.line, code,
                   f"{what} differ in pair {pair.number}: {'; '.join(sides)} — make both halves "
                   "carry the same ones", "warning", pair=pair.number,
                   en=excerpt(pair.en.text), zh=excerpt(pair.zh.text))


def _show(items: set) -> str:
    shown = ", ".join(f"'{item}'" for item in sorted(items)[:4])
    return shown + (f" and {len(items) - 4} more" if len(items) > 4 else "")


def _set(pattern: re.Pattern, text: str) -> set[str]:
    return {" ".join(match.group(1).split()) for match in pattern.finditer(text)}


def _links(text: str) -> set[str]:
    targets = {a or b for a, b in LINK.findall(text)}
    return {LOCALE.sub("", target).removeprefix("./").strip("/") for target in targets}


def _numbers(en: str, zh: str) -> tuple[set[str], set[str]]:
    """Numbers of each half; one spelled out on the other side is taken as present in both."""
    en_numbers, zh_numbers = _digits(_prose(en)), _digits(_prose(zh))
    if en_numbers == zh_numbers:
        return en_numbers, zh_numbers  # the common case: no need to read words and dates
    en_text = MONTH_WORD.sub(lambda m: _month(m.group(m.lastindex)), _prose(en))
    en_numbers = _digits(en_text)
    en_words = {EN_WORDS[w] for w in WORD.findall(en_text.lower()) if w in EN_WORDS}
    zh_words = {ZH_NUMERALS[c] for c in ZH_NUMERAL.findall(zh)}
    zh_words |= {"12"} if "十二" in zh else set()
    zh_words |= {"11"} if "十一" in zh else set()
    return en_numbers - (zh_words - zh_numbers), zh_numbers - (en_words - en_numbers)


def _prose(text: str) -> str:
    if FULL_WIDTH_CHAR.search(text):
        text = text.translate(FULL_WIDTH)
    return URL_IN_TEXT.sub(" ", text) if ("](" in text or "`" in text or "[" in text
                                          or "://" in text) else text


def _digits(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(text)}


def _month(name: str) -> str:
    key = name.lower()
    return MONTHS.get(key) or next(v for k, v in MONTHS.items() if k.startswith(key))
