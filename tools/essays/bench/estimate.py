"""Estimate the length model's constants from the real aligned pairs under tests/fixtures.

    .venv/bin/python -m essays.bench.estimate [FIXTURES]

Prints HAN_WEIGHT, MEAN and VARIANCE as align/lengthmodel.py holds them (see the README).
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from ..text.scripts import ALNUM, HAN, NON_TEXT
from .fixtures import aligned_pairs


@dataclass(frozen=True)
class Estimate:
    pairs: int
    han_weight: float
    mean: float
    variance: float


def estimate(pairs: list[tuple[str, str]]) -> Estimate:
    """Gale and Church's estimates: the ratio of the sums, and the residual variance per unit."""
    weight = _han_weight(pairs)
    lengths = [(_units(en, weight), _units(zh, weight)) for en, zh in pairs]
    lengths = [(en, zh) for en, zh in lengths if en > 0]
    mean = sum(zh for _, zh in lengths) / sum(en for en, _ in lengths)
    spread = sum((en + zh / mean) / 2 for en, zh in lengths)  # the scale `delta` divides by
    variance = sum((zh - mean * en) ** 2 for en, zh in lengths) / spread
    return Estimate(len(lengths), round(weight, 2), round(mean, 2), round(variance, 2))


def _han_weight(pairs: list[tuple[str, str]]) -> float:
    """Letters per Han character, from pairs long enough to say (>= 20 Han characters)."""
    ratios = []
    for en, zh in pairs:
        en_prose, zh_prose = NON_TEXT.sub(" ", en), NON_TEXT.sub(" ", zh)
        han = len(HAN.findall(zh_prose))
        copied = len(ALNUM.findall(zh_prose))
        if han >= 20:
            ratios.append((len(ALNUM.findall(en_prose)) - copied) / han)
    return statistics.median(ratios)


def _units(text: str, weight: float) -> float:
    words = NON_TEXT.sub(" ", text)
    return weight * len(HAN.findall(words)) + len(ALNUM.findall(words))


def main(argv: list[str]) -> None:
    root = Path(argv[0]) if argv else Path("tests/fixtures")
    pairs = aligned_pairs(root)
    result = estimate([pair for pairs_of in pairs.values() for pair in pairs_of])
    for name, found in pairs.items():
        print(f"{name}: {len(found)} pairs")
    print(f"HAN_WEIGHT = {result.han_weight}  # letters per Han character")
    print(f"MEAN = {result.mean}  # zh length / en length")
    print(f"VARIANCE = {result.variance}  # per unit of English length")
    print(f"({result.pairs} pairs)")


if __name__ == "__main__":
    main(sys.argv[1:])
