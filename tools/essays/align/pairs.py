"""Checks of each pair on its own, once the sequence is known to be right (slips.py):

- untranslated (error): the Chinese half is the English copied, mostly English, or empty;
- length (warning): the Chinese half is improbably long or short for its English (lengthmodel);
- parity (warning): numbers, link targets, inline code, images, footnotes differ (parity.py);
- punctuation (warning, only when asked): see punctuation.py.
"""

from __future__ import annotations

import re

from ..model import Finding, Pair
from ..parse import is_placeholder
from ..text.scripts import excerpt, has_letters, prose, squashed
from ..text.blocks import without_heading_id
from . import parity, punctuation as zh_punctuation
from .lengthmodel import delta, units

# Outliers: |delta| above this is rarer than 1 pair in 200 on the real corpora (README).
OUTLIER_Z = 4.0
# Below this many letter equivalents (a heading, a name) the length says nothing.
MIN_UNITS = 40
WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
NAME = re.compile(r"(?<=[\w,;:] )[A-Z][A-Za-z'-]{3,}")  # capitalised, and not a sentence's first


def check_pairs(path: str, pairs: list[Pair], blamed: set[int],
                punctuation: bool = False) -> list[Finding]:
    """Findings on each pair whose lines no slip in the sequence has already blamed."""
    findings: list[Finding] = []
    for pair in pairs:
        if pair.en.line in blamed or pair.zh.line in blamed:
            continue  # a slip in the sequence already explains whatever is wrong here
        if pair.kind == "image":
            continue  # two images, one per language: nothing in them to compare
        problem = untranslated(path, pair)
        if problem:
            findings.append(problem)
            continue
        findings.extend(_warnings(path, pair, punctuation))
    return findings


def _warnings(path: str, pair: Pair, punctuation: bool) -> list[Finding]:
    found = [f for f in [length_outlier(path, pair)] if f]
    found += parity.check_pair(path, pair)
    if punctuation:
        found += zh_punctuation.check_pair(path, pair)
    return found


def finding(path: str, pair: Pair, code: str, message: str, severity: str = "error") -> Finding:
    return Finding(path, pair.zh.line, code, message, severity,  # type: ignore[arg-type]
                   pair=pair.number, en=excerpt(pair.en.text), zh=excerpt(pair.zh.text))


def untranslated(path: str, pair: Pair) -> Finding | None:
    """An error when the Chinese slot holds the English, mostly English, or nothing."""
    en, zh = squashed(without_heading_id(pair.en.text)), squashed(without_heading_id(pair.zh.text))
    plain = en.replace("`", "")
    if plain == zh.replace("`", "") and len(WORD.findall(plain)) < 3 and has_letters(plain):
        return None  # a name, in a code span or not: `### setup` / `### \`setup\`` (Tauri)
    if not has_letters(pair.zh.text) or is_placeholder(zh):
        return finding(path, pair, "empty-zh", f"the Chinese half of pair {pair.number} is empty "
                       "or a placeholder — write the translation of the English above it")
    if zh == en and len(WORD.findall(prose(en))) >= 3:  # a name ("### NoSQL") reads the same
        return finding(path, pair, "untranslated", f"the Chinese half of pair {pair.number} is "
                       "the English copied unchanged — translate it")
    if pair.zh.lang == "en" and _mostly_english(pair.en.text, pair.zh.text):
        return finding(path, pair, "untranslated", f"the Chinese half of pair {pair.number} is "
                       "mostly the English text — translate the rest of it")
    return None


def _mostly_english(en: str, zh: str) -> bool:
    """Most of the English words reappear in the Chinese half (whose language is English:
    Latin letters outnumber Han characters three to one).

    A table of library names is mostly Latin too, but its descriptions are translated, so
    fewer than 80 % of the English words survive in it.
    """
    en_prose, zh_prose = prose(en), prose(zh)
    # Capitalised words inside the English are names a translation keeps ("Setting the
    # Conflict, Provides, … and Epoch" → "设置 Conflict、 Provides、…和 Epoch", Tauri rpm.mdx)
    names = {m.group(0).lower() for m in NAME.finditer(en_prose)}
    words = {w.lower() for w in WORD.findall(en_prose)} - names
    if len(words) < 8:
        return False
    kept = {w.lower() for w in WORD.findall(zh_prose)}
    return len(words & kept) >= 0.8 * len(words)


def length_outlier(path: str, pair: Pair) -> Finding | None:
    en, zh = units(pair.en.text), units(pair.zh.text)
    if max(en, zh) < MIN_UNITS or abs(delta(en, zh)) <= OUTLIER_Z:
        return None
    share = round(100 * zh / en) if en else 0
    side = "short" if zh < en else "long"
    return finding(path, pair, "length-outlier",
                   f"the Chinese half of pair {pair.number} is {share} % of the English's length, "
                   f"improbably {side} for a translation — check that nothing was left out or "
                   "added, and that the halves belong together", "warning")
