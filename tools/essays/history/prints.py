"""A pair's print: what recognises it in another version of its essay.

Two hashes (of each half, with its spacing normalised: rewrapping a paragraph changes
nothing) and a sketch of its words for a pair edited in both halves. The sketch is a
bottom-k MinHash (the k smallest hashes of the pair's words and Chinese character pairs):
two sketches share most values when the texts share most words, and it is a few bytes in a
lock file where the old text itself is not kept.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

from ..model import Pair
from ..text.scripts import HAN_CHARS

SKETCH_SIZE = 12
_SPACE = re.compile(r"\s+")
_SPACE_IN_HAN = re.compile(rf"(?<=[{HAN_CHARS}，。、：；！？）」』”]) (?=[{HAN_CHARS}（「『“])")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")


def normalized(text: str) -> str:
    """The text as a reader sees its words: runs of spaces and line breaks as one space, and
    none between Chinese characters (where the page joins the lines)."""
    return _SPACE_IN_HAN.sub("", _SPACE.sub(" ", text).strip())


def digest(text: str) -> str:
    return hashlib.blake2b(normalized(text).encode(), digest_size=5).hexdigest()


def sketch(text: str) -> tuple[int, ...]:
    """The SKETCH_SIZE smallest 16-bit hashes of the text's words and Han bigrams."""
    tokens = {w.lower() for w in _WORD.findall(text)}
    for run in _HAN_RUN.findall(text):
        tokens.update(run[i:i + 2] for i in range(max(1, len(run) - 1)))
    values = {zlib.crc32(t.encode()) & 0xFFFF for t in tokens}
    return tuple(sorted(values)[:SKETCH_SIZE])


def likeness(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """How alike two sketches are, 0 to 1 (an estimate of the texts' word overlap)."""
    if not a or not b:
        return 0.0
    return len(set(a) & set(b)) / max(len(a), len(b))


@dataclass(frozen=True)
class Print:
    en: str  # digest of the English half
    zh: str  # digest of the Chinese half
    sketch: tuple[int, ...] | None = None  # None until needed (see `with_sketch`)
    text: str | None = None  # both halves, when the pair itself is at hand


def pair_print(pair: Pair) -> Print:
    return Print(digest(pair.en.text), digest(pair.zh.text),
                 text=f"{pair.en.text}\n{pair.zh.text}")


def text_print(en: str, zh: str) -> Print:
    return Print(digest(en), digest(zh), text=f"{en}\n{zh}")


def sketch_of(p: Print) -> tuple[int, ...]:
    if p.sketch is not None:
        return p.sketch
    return sketch(p.text or "")
