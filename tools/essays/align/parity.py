"""Parity of a pair: what a translation must carry over unchanged (warnings).

Numbers, link targets, inline code, images and footnotes should be the same in both halves.
Numbers are compared as a multiset (a "(1) … (2)" whose Chinese reads "（2）…（2）" differs),
the rest as sets, after the normalisation that keeps correct translations quiet: full-width
digits and Chinese dates become plain numbers, English month names become their numbers, a
number spelled out in words on one side ("twelve", "十二个", but not the 一 of 一般: see
text/numerals.py) counts as present, and a link to the localized page ("/zh-cn/docs/…") counts
as the same target.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Finding, Pair
from ..text.numerals import chinese_numbers, scaled
from ..text.scripts import EN_NUMBER_WORDS, excerpt

FULL_WIDTH = str.maketrans("０１２３４５６７８９，．％", "0123456789,.%")
FULL_WIDTH_CHAR = re.compile("[０-９％]")  # one is enough: the whole text is translated
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
# "may" and "march" are words too, and so are the abbreviations: those only next to a number.
_PLAIN_MONTHS = "|".join(m for m in MONTHS if m not in ("may", "march"))
_NUMBERED_MONTHS = "|".join(["may", "march", *(m[:3] for m in MONTHS)])
MONTH_WORD = re.compile(rf"\b({_PLAIN_MONTHS})\b|\b({_NUMBERED_MONTHS})\.?(?=\s+(?:of\s+)?\d)"
                        rf"|(?<=\d\s)({_NUMBERED_MONTHS})\b", re.I)


def check_pair(path: str, pair: Pair) -> list[Finding]:
    en, zh = pair.en.text, pair.zh.text
    return [_finding(path, pair, code, what, en_items, zh_items)
            for code, what, en_items, zh_items in _compared(en, zh) if en_items != zh_items]


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


def _finding(path: str, pair: Pair, code: str, what: str, en_items, zh_items) -> Finding:
    sides = []
    if en_items - zh_items:
        sides.append(f"only the English has {_show(en_items - zh_items, zh_items, 'Chinese')}")
    if zh_items - en_items:
        sides.append(f"only the Chinese has {_show(zh_items - en_items, en_items, 'English')}")
    return Finding(path, pair.zh.line, code,
                   f"{what} differ in pair {pair.number}: {'; '.join(sides)} — make both halves "
                   "carry the same ones", "warning", pair=pair.number,
                   en=excerpt(pair.en.text), zh=excerpt(pair.zh.text))


def _show(items: set | Counter, other: set | Counter, other_name: str) -> str:
    """'300', '5'; a number both halves have, but one more often: '2' twice (the English once)."""
    shown = ", ".join(_one(item, items, other, other_name) for item in sorted(items)[:4])
    return shown + (f" and {len(items) - 4} more" if len(items) > 4 else "")


def _one(item: str, extra: set | Counter, other: set | Counter, other_name: str) -> str:
    if not isinstance(other, Counter) or not other[item]:
        return f"'{item}'"
    return f"'{item}' {_times(other[item] + extra[item])} (the {other_name} {_times(other[item])})"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _set(pattern: re.Pattern, text: str) -> set[str]:
    return {" ".join(match.group(1).split()) for match in pattern.finditer(text)}


def _links(text: str) -> set[str]:
    targets = {a or b for a, b in LINK.findall(text)}
    return {LOCALE.sub("", target).removeprefix("./").strip("/") for target in targets}


def _numbers(en: str, zh: str) -> tuple[Counter[str], Counter[str]]:
    """Numbers of each half, with their counts; one spelled out on the other side is taken
    as present in both."""
    en, zh = _prose(en), _prose(zh)
    en_numbers, zh_numbers = _digits(en), _digits(zh)
    if en_numbers == zh_numbers:
        return en_numbers, zh_numbers  # the common case: no need to read words and dates
    en_text = scaled(MONTH_WORD.sub(lambda m: _month(m.group(m.lastindex)), en))
    en_numbers, zh_numbers = _digits(en_text), _digits(scaled(zh))
    en_words = Counter(EN_WORDS[w] for w in WORD.findall(en_text.lower()) if w in EN_WORDS)
    zh_words = chinese_numbers(zh)
    return en_numbers - (zh_words - zh_numbers), zh_numbers - (en_words - en_numbers)


def _prose(text: str) -> str:
    if FULL_WIDTH_CHAR.search(text):
        text = text.translate(FULL_WIDTH)
    return URL_IN_TEXT.sub(" ", text) if ("](" in text or "`" in text or "[" in text
                                          or "://" in text) else text


def _digits(text: str) -> Counter[str]:
    found = NUMBER.findall(text)
    return Counter([n.replace(",", "") for n in found] if "," in text else found)


def _month(name: str) -> str:
    key = name.lower()
    return MONTHS.get(key) or next(v for k, v in MONTHS.items() if k.startswith(key))
