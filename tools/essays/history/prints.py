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
from functools import lru_cache

from ..model import Pair
from ..text.scripts import HAN_CHARS

SKETCH_SIZE = 12
_SPACE_IN_HAN = re.compile(rf"(?<=[{HAN_CHARS}，。、：；！？）」』”]) (?=[{HAN_CHARS}（「『“])")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_HAN_RUN = re.compile(f"[{HAN_CHARS}]+")


def normalized(text: str) -> str:
    """The text as a reader sees its words: runs of spaces and line breaks as one space, and
    none between Chinese characters (where the page joins the lines)."""
    flat = " ".join(text.split())
    return flat if flat.isascii() else _SPACE_IN_HAN.sub("", flat)


@lru_cache(maxsize=1 << 16)
def digest(text: str) -> str:
    """Cached: the build and `essays check` ask for a pair's digests twice (its links, then its
    history), and a history's versions share most of their text."""
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
    # None until needed (`sketch_of`); as a lock stores it (hex), until a match needs it
    sketch: tuple[int, ...] | str | None = None
    text: str | None = None  # both halves, when the pair itself is at hand


def pair_print(pair: Pair) -> Print:
    return Print(digest(pair.en.text), digest(pair.zh.text),
                 text=f"{pair.en.text}\n{pair.zh.text}")


def text_print(en: str, zh: str) -> Print:
    return Print(digest(en), digest(zh), text=f"{en}\n{zh}")


def sketch_of(p: Print) -> tuple[int, ...]:
    if isinstance(p.sketch, str):  # read from a lock: most pairs never need it decoded
        return tuple(int(p.sketch[i:i + 4], 16) for i in range(0, len(p.sketch), 4))
    if p.sketch is not None:
        return p.sketch
    return sketch(p.text or "")


def sketch_text(p: Print) -> str:
    """The sketch as a lock writes it: 4 hex digits per value, `-` for none."""
    if isinstance(p.sketch, str):
        return p.sketch or "-"
    return "".join(f"{v:04x}" for v in p.sketch or ()) or "-"
