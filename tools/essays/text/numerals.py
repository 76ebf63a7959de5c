"""Chinese numerals that are numbers: 三个 → 3, 第二 → 2, 一百二十 → 120, 二〇二二 → 2022.

Not every numeral character is a number: 一 in 一般 (usually), 一起 (together), 统一 (unify),
唯一 (only), 之一 (one of); 十分 (very), 千万 (by all means), 万一 (in case). Those words are
read as words. 一 before a measure word (一个, 一次) stays a number: it is where English
writes "1" as often as "a", and the number check only uses Chinese numerals to accept a digit
that the English has (parity.py), never to demand one.
"""

from __future__ import annotations

import re
from collections import Counter

DIGITS = dict(zip("〇零一二两三四五六七八九", [0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9]))
UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_RUN = re.compile("[〇一二两三四五六七八九十百千万亿][〇零一二两三四五六七八九十百千万亿]*")
# Words whose numeral is no number. Only small values matter: a numeral read by mistake can
# only excuse a digit that the English has, and "1" or "10" are common, "10000000" is not (so
# 千万 stays ten million even where it means "by all means"). 十分 (very) opens a word only
# where no numeral comes before it: 三十分钟 is thirty minutes.
_NUMERAL = "〇零一二两三四五六七八九十百千万亿"
NOT_NUMBERS = re.compile(
    "一般|一起|一些|一直|一样|一旦|一定|一切|一致|一下|一边|一方面|一点|一再|一向|一同|一律|一味"
    "|一贯|一流|一体|一并|一度|一时|一会|一番|一半|一无|一心|一面|一带|一口气|一模一样"
    "|统一|唯一|之一|同一|进一步|逐一|专一|不一|万一|一一|"
    f"(?<![{_NUMERAL}])(?:十分|三思|四处|七嘴八舌|乱七八糟|千方百计)")
# Digits with a scale word: "10 million" and "1000 万" are both 10000000.
SCALED = re.compile(r"(\d+(?:\.\d+)?)\s*(thousand\b|million\b|billion\b|万|亿)", re.I)
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "万": 10**4, "亿": 10**8}


def scaled(text: str) -> str:
    """`text` with each number followed by a scale word written out in digits."""
    return SCALED.sub(lambda m: _scale(float(m.group(1)) * SCALES[m.group(2).lower()]), text)


def _scale(number: float) -> str:
    return str(int(number)) if number.is_integer() else str(number)


def chinese_numbers(text: str) -> Counter[str]:
    """The numbers the Chinese numerals of `text` write, as decimal strings, with their counts."""
    if not NUMERAL_RUN.search(text):
        return Counter()
    words = NOT_NUMBERS.sub(" ", text)
    return Counter(str(value(run)) for run in NUMERAL_RUN.findall(words))


def value(run: str) -> int:
    """三十五 → 35, 一百零二 → 102, 两千 → 2000, 三万 → 30000; a run without units is read
    digit by digit, as years are (二〇二二 → 2022)."""
    if not any(c in UNITS or c in BIG_UNITS for c in run):
        return int("".join(str(DIGITS[c]) for c in run))
    total = section = digit = 0
    for c in run:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in UNITS:
            section += (digit or 1) * UNITS[c]
            digit = 0
        else:
            total += (section + digit or 1) * BIG_UNITS[c]
            section = digit = 0
    return total + section + digit
