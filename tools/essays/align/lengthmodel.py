"""How long a Chinese translation runs for a given English block: the Gale–Church length model.

Lengths are counted in English-letter equivalents: a Latin letter or digit counts 1, a Han
character counts HAN_WEIGHT. Names and code that a translation copies unchanged ("Kubernetes",
"v1.20") then weigh the same on both sides, and a translation's length is about MEAN times its
original's, with a spread that grows with the length (variance VARIANCE per unit of length).

`python -m essays.bench.estimate [FIXTURES]` re-estimates the three numbers from the real
aligned essays under tests/fixtures and prints them; the constants below are its output.
"""

from __future__ import annotations

import math
from functools import lru_cache

from ..text.scripts import ALNUM, HAN, prose

# Estimated by `python -m essays.bench.estimate` on 696 aligned pairs: the sample page, the
# twelve factors of 12factor, the six kubernetes-blog posts and the sections of
# system-design-primer whose block structure matches in both languages (see README).
HAN_WEIGHT = 3.04  # English letters per Han character (median of pure-prose pairs)
MEAN = 0.99  # Chinese length / English length, in letter equivalents
VARIANCE = 4.06  # variance of (zh - MEAN*en) per unit of English length

# Beyond this many letter equivalents (a long paragraph, ~90 words) a pair is judged by its
# ratio alone (see delta).
LONGEST = 500.0

# Prior probability of each way an English block can meet Chinese ones. Not estimated: our
# essays are written pair by pair, so anything but 1-1 is a slip, and the slips are assumed
# equally likely; the lengths decide between them.
PRIORS = {(1, 1): 0.96, (1, 0): 0.01, (0, 1): 0.01, (2, 1): 0.01, (1, 2): 0.01}
COST = {shape: -math.log(p) for shape, p in PRIORS.items()}

# Between the sentences of one pair, Gale & Church's own figures (1993, table 5: 1-1 0.89,
# 1-0 and 0-1 0.0099, 2-1 and 1-2 0.089; their 2-2, 0.011, is left out and its share given to
# 1-1): inside a paragraph a translator joins and splits sentences freely, and says nothing
# twice or not at all.
SENTENCE_PRIORS = {(1, 1): 0.901, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089}
SENTENCE_COST = {shape: -math.log(p) for shape, p in SENTENCE_PRIORS.items()}


@lru_cache(maxsize=16384)
def units(text: str) -> float:
    """Length of a block's prose in English-letter equivalents (cached: the aligner and the
    length check both ask)."""
    words = prose(text)
    return HAN_WEIGHT * len(HAN.findall(words)) + len(ALNUM.findall(words))


def delta(en: float, zh: float) -> float:
    """How many standard deviations `zh` lies from the length expected for `en`.

    As Gale and Church do, the spread is scaled by the mean of both lengths (the Chinese one
    brought to the English scale), so a near-empty half does not divide by zero. A pair longer
    than LONGEST is judged as one of that length with the same ratio: the spread grows with
    the square root of the length, so a 32 KB paragraph translated 25 % longer would be 21
    deviations out, and called two untranslated blocks, where a paragraph is 3.
    """
    scale = min(1.0, LONGEST / max((en + zh / MEAN) / 2, 1.0))
    en, zh = en * scale, zh * scale
    return (zh - MEAN * en) / math.sqrt(max((en + zh / MEAN) / 2, 1.0) * VARIANCE)


def surprise(z: float) -> float:
    """-log P(|delta| >= |z|) under the normal model: 0 for a perfect fit, large for outliers."""
    z = abs(z) / math.sqrt(2)
    tail = math.erfc(z)
    if tail > 1e-300:
        return -math.log(tail)
    return z * z + math.log(z * math.sqrt(math.pi))  # erfc's asymptote, where it underflows


def bead_cost(shape: tuple[int, int], en: float, zh: float,
              prior: dict[tuple[int, int], float] | None = None) -> float:
    """-log probability that `en` English and `zh` Chinese units form one bead of `shape`.

    `prior` is the cost of each shape (COST, the blocks' priors, unless given). A block
    without a counterpart costs its prior alone: how long a forgotten paragraph is
    says nothing about whether it was forgotten, and charging for its length would make the
    aligner glue every short lone block (a translator's note) onto a neighbour instead.
    """
    prior = COST if prior is None else prior
    if 0 in shape:
        return prior[shape]
    return prior[shape] + surprise(delta(en, zh))
