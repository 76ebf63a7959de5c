"""Chinese punctuation in the Chinese half of a pair (warnings, only when asked for).

- `punct-half-width`: ASCII , . ; : ? ! ( ) between two Han characters, as copy-paste and OCR
  leave them (学习,几乎 → 学习，几乎);
- `punct-unbalanced`: “ ” 《 》 （ ） that do not pair up.
"""

from __future__ import annotations

import re

from ..model import Finding, Pair
from ..text.scripts import FULL_WIDTH_PUNCTUATION, HAN, excerpt, prose

_HAN = HAN.pattern
HALF_WIDTH = re.compile(rf"(?<={_HAN})\s?([,.;:?!()])\s?(?={_HAN})")
PAIRS = (("“", "”"), ("《", "》"), ("（", "）"))


def check_pair(path: str, pair: Pair) -> list[Finding]:
    text = prose(pair.zh.text)
    found = []
    half = HALF_WIDTH.search(text)
    if half:
        mark = half.group(1)
        found.append(_finding(path, pair, "punct-half-width",
                              f"half-width '{mark}' between Chinese characters in pair "
                              f"{pair.number} (…{_around(text, half)}…) — use "
                              f"'{FULL_WIDTH_PUNCTUATION[mark]}'"))
    for left, right in PAIRS:
        if _unbalanced(text, left, right):
            found.append(_finding(path, pair, "punct-unbalanced",
                                  f"unbalanced {left}{right} in pair {pair.number} "
                                  f"({text.count(left)} '{left}', {text.count(right)} '{right}') "
                                  f"— close every {left} with {right}"))
    return found


def _unbalanced(text: str, left: str, right: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == left) - (char == right)
        if depth < 0:
            return True
    return depth != 0


def _around(text: str, match: re.Match) -> str:
    return text[max(0, match.start() - 4): match.end() + 4].strip()


def _finding(path: str, pair: Pair, code: str, message: str) -> Finding:
    return Finding(path, pair.zh.line, code, message, "warning", pair=pair.number,
                   en=excerpt(pair.en.text), zh=excerpt(pair.zh.text))
