"""The Gale–Church alignment of an essay's English and Chinese text blocks, by length.

Gale & Church (1993): the two sequences are aligned by a dynamic programme over 1-1, 1-0, 0-1,
2-1 and 1-2 beads, each costed by how probable the lengths it joins are (lengthmodel.py), plus
a kind penalty when a heading meets a non-heading, and a small one when the numbers and Latin
names of the Chinese do not occur in the English. slips.py compares this alignment with the
one the author wrote and says where and how they part.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..model import Written
from ..text.scripts import EN_NUMBER_WORDS
from .lengthmodel import PRIORS, bead_cost, units

KIND_MISMATCH = 6.0  # extra cost when a bead joins a heading to a non-heading (or levels differ)
# A 1-1 pair this improbable (|delta| > ~4.4, or a kind mismatch) makes us run the aligner even
# when every block has a partner: the halves may have been shifted against each other.
TRIGGER = 10.0
BAND = 24  # the alignment stays within this many blocks of the diagonal (plus the count gap)
# Besides length, what a translation copies from its original: numbers and Latin words (names,
# code, link targets). Up to this many nats when none of them carry over; lengths of
# neighbouring paragraphs are often alike, and these marks tell which one is which.
ANCHOR_WEIGHT = 4.0
TOKEN = re.compile(r"[A-Za-z]{2,}|\d+")


class Bead(NamedTuple):
    """Blocks (or sentences) of the two sides that translate each other. A named tuple, not a
    dataclass: the dynamic programme hashes and compares one per cell and candidate shape, and
    a tuple's hash and equality are C (a frozen dataclass's __eq__ is Python: 12 % of aligning
    a pair's sentences)."""

    en: tuple[int, ...]  # 0-based indices into the English sequence
    zh: tuple[int, ...]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.en), len(self.zh)


class Sequences:
    """The English and the Chinese text blocks of one essay, with their lengths.

    best_path asks of it only `en`, `zh` (sequences), `priors` (the bead shapes it may use)
    and `full_cost(bead)`: align/sentences.py aligns a pair's sentences through the same.
    """

    priors = PRIORS

    def __init__(self, written: Written):
        self.en = [en for en, _ in written if en is not None]
        self.zh = [zh for _, zh in written if zh is not None]
        self.en_units = [units(b.text) for b in self.en]
        self.zh_units = [units(b.text) for b in self.zh]
        self.written = _written_beads(written)

    def cost(self, bead: Bead) -> float:
        """Length and kind only: cheap enough to run on every pair of every essay."""
        en = sum(self.en_units[i] for i in bead.en)
        zh = sum(self.zh_units[j] for j in bead.zh)
        blocks = [self.en[i] for i in bead.en] + [self.zh[j] for j in bead.zh]
        clash = len({(b.kind == "heading", b.level) for b in blocks}) > 1
        return bead_cost(bead.shape, en, zh) + (KIND_MISMATCH if clash else 0.0)

    def full_cost(self, bead: Bead) -> float:
        """The cost the aligner minimises: length, kind and the marks copied across."""
        return self.cost(bead) + self.anchor_cost(bead)

    def anchor_cost(self, bead: Bead) -> float:
        return marks_cost([self.en[i].text for i in bead.en], [self.zh[j].text for j in bead.zh])

    def exchange_zh(self, j: int, k: int) -> None:
        """Put ZH ¶j and ¶k (0-based) in each other's place, as if the author had fixed a swap."""
        for blocks in (self.zh, self.zh_units):
            blocks[j], blocks[k] = blocks[k], blocks[j]


def marks_cost(en_texts: list[str], zh_texts: list[str]) -> float:
    """0 when every mark of the Chinese (and number of the English) is on the other side,
    ANCHOR_WEIGHT when none is; 0 for a bead with nothing to compare."""
    if not en_texts or not zh_texts:
        return 0.0
    en = set().union(*map(_en_tokens, en_texts))
    zh = set().union(*map(_tokens, zh_texts))
    en_numbers = {t for t in en if t.isdigit()}
    total = len(zh) + len(en_numbers)
    missed = len(zh - en) + len(en_numbers - zh)
    return ANCHOR_WEIGHT * missed / total if total else 0.0


# Per block text, not per essay: most essays never ask (the aligner and the swap test run on
# few of them), and those that do ask for a few blocks only.
@lru_cache(maxsize=16384)
def _en_tokens(text: str) -> frozenset[str]:
    """The English's marks, with each plural's singular too: a translation keeps the name
    and drops the English plural ("RDBMSes" → RDBMS, "APIs" → API)."""
    tokens = {EN_NUMBER_WORDS.get(t, t) for t in _tokens(text)}
    return frozenset(tokens | {t[:-cut] for t in tokens if len(t) > 3 and not t.isdigit()
                               for cut, end in ((1, "s"), (2, "es")) if t.endswith(end)})


@lru_cache(maxsize=16384)
def _tokens(text: str) -> frozenset[str]:
    return frozenset(t.lower() for t in TOKEN.findall(text))


def _written_beads(written: Written) -> list[Bead]:
    beads, i, j = [], 0, 0
    for en, zh in written:
        beads.append(Bead((i,) if en else (), (j,) if zh else ()))
        i, j = i + bool(en), j + bool(zh)
    return beads


def best_path(seq: Sequences, forbid: Bead | None = None) -> list[Bead]:
    """The most probable alignment of the two sequences (Gale & Church 1993, banded); with
    `forbid`, the most probable one without that bead (how sure the best one is)."""
    n, m = len(seq.en), len(seq.zh)
    width = BAND + abs(n - m)
    cost: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    full_cost, priors = seq.full_cost, seq.priors
    for i in range(n + 1):
        centre = i * m // max(n, 1)
        for j in range(max(0, centre - width), min(m, centre + width) + 1):
            best = cost.get((i, j))
            for di, dj in priors:
                before = cost.get((i - di, j - dj))
                if before is None:
                    continue
                bead = _bead(i - di, i, j - dj, j)
                if bead == forbid:
                    continue
                total = before[0] + full_cost(bead)
                if best is None or total < best[0]:
                    best = cost[(i, j)] = (total, (i - di, j - dj))
    return _trace(cost, n, m) if (n, m) in cost else []


@lru_cache(maxsize=65536)
def _bead(i0: int, i: int, j0: int, j: int) -> Bead:
    """The bead of blocks i0..i-1 and j0..j-1, made once: best_path asks for each again in
    every cell of every alignment."""
    return Bead(tuple(range(i0, i)), tuple(range(j0, j)))


def _trace(cost: dict, n: int, m: int) -> list[Bead]:
    beads, point = [], (n, m)
    while point != (0, 0):
        i0, j0 = cost[point][1]
        beads.append(Bead(tuple(range(i0, point[0])), tuple(range(j0, point[1]))))
        point = (i0, j0)
    return beads[::-1]


def regions(written: list[Bead], best: list[Bead]) -> list[tuple[list[Bead], list[Bead]]]:
    """Stretches where the two paths differ, each between two points both paths pass."""
    common = set(_points(written)) & set(_points(best))
    a, b = _cut(written, common), _cut(best, common)
    return [(w, o) for w, o in zip(a, b) if w != o]


def _points(path: list[Bead]) -> list[tuple[int, int]]:
    points = [(0, 0)]
    for bead in path:
        points.append((points[-1][0] + len(bead.en), points[-1][1] + len(bead.zh)))
    return points


def _cut(path: list[Bead], common: set[tuple[int, int]]) -> list[list[Bead]]:
    pieces: list[list[Bead]] = [[]]
    for bead, end in zip(path, _points(path)[1:]):
        pieces[-1].append(bead)
        if end in common:
            pieces.append([])
    return pieces[:-1]
