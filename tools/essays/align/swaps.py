"""Two adjacent pairs whose Chinese halves are exchanged: EN N, ZH N+1, EN N+1, ZH N.

The length alignment cannot say so: its beads never cross, so the best it finds for a swap
is a dropped and an added block, or nothing at all, and the per-pair checks then warn about
both pairs' numbers and links without naming the cause. Here every two adjacent 1-1 pairs are
costed twice, as written and crosswise (EN N with ZH N+1, EN N+1 with ZH N); when the cross
is much more probable, the two Chinese blocks were swapped.

Undetectable by construction: two pairs whose English halves have about the same length and
share no number or Latin name with either Chinese half (short headings, one-line paragraphs):
both readings then cost the same.
"""

from __future__ import annotations

from .galechurch import ANCHOR_WEIGHT, KIND_MISMATCH, Bead, Sequences, best_path
from .lengthmodel import bead_cost

# How much cheaper (in nats) the cross must be than the pairs as written, in all and for each
# English block. A swap puts both pairs wrong, so both improve; an intact pair whose own
# translation fits it badly (a free rendering) may find a neighbour's Chinese fits it better,
# but then the neighbour loses. On the intact real essays the cross is at best 2.6 nats cheaper;
# among 40,000 real pairs drawn at random into essays, two terse list translations next to each
# other reached 7.6; a swap of two prose pairs is mostly 10-100 (README, "Measured").
SWAP_MARGIN = 8.0
PAIR_MARGIN = 1.0
# The marks a translation copies (numbers, names, link words) count double here: when two
# neighbours have alike lengths, they are the only thing that tells which Chinese is whose.
SWAP_ANCHOR_WEIGHT = 2.0
# The most the marks can add to one English block's improvement: a bead's share is in [0, ANCHOR_WEIGHT].
_MOST_FROM_MARKS = SWAP_ANCHOR_WEIGHT * ANCHOR_WEIGHT
# How much undoing a swap must lower the cost of the best alignment. Less than a slip's prior
# (4.6): what the aligner makes of a swap, a dropped block plus an added one, pays two priors
# but sheds the length cost of the pair it leaves out, so it comes close to the swap undone.
UNDO_MARGIN = 2.0


def find_swaps(seq: Sequences) -> list[tuple[Bead, Bead]]:
    """The adjacent written pairs (bead N, bead N+1) whose Chinese halves are exchanged.

    A swap of N and N+1 also makes N-1 and N look swapped (pair N is so bad that almost any
    other Chinese fits it better), but less so: the biggest gains are taken first, and a
    block belongs to one swap at most. Each is kept only if the essay with it undone aligns
    better than anything the length alignment can make of it without a swap (a shift of the
    Chinese by one slot also puts pairs out of step, and is no swap)."""
    beads = seq.written
    candidates = sorted(((swap_gain(seq, a, b), k) for k, (a, b) in enumerate(zip(beads, beads[1:]))
                         if a.shape == b.shape == (1, 1)), reverse=True)
    taken: set[int] = set()
    found = []
    for gain, k in candidates:
        if gain <= SWAP_MARGIN:
            break
        if not taken & {k, k + 1} and _undoing_helps(seq, beads[k], beads[k + 1]):
            taken |= {k, k + 1}
            found.append((beads[k], beads[k + 1]))
    return sorted(found, key=lambda swap: swap[0].en)


def swap_gain(seq: Sequences, a: Bead, b: Bead) -> float:
    """How many nats cheaper the cross reading is than the written one; 0 unless it is
    cheaper by PAIR_MARGIN for each of the two English blocks."""
    gains = [_cost(seq, a) - _cost(seq, Bead(a.en, b.zh)), _cost(seq, b) - _cost(seq, Bead(b.en, a.zh))]
    if min(gains) <= PAIR_MARGIN - _MOST_FROM_MARKS or sum(gains) <= SWAP_MARGIN - 2 * _MOST_FROM_MARKS:
        return 0.0  # the common case: the marks could not make up for it, no need to read them
    marks = [seq.anchor_cost(a) - seq.anchor_cost(Bead(a.en, b.zh)),
             seq.anchor_cost(b) - seq.anchor_cost(Bead(b.en, a.zh))]
    gains = [g + SWAP_ANCHOR_WEIGHT * m for g, m in zip(gains, marks)]
    return sum(gains) if min(gains) > PAIR_MARGIN else 0.0


def _undoing_helps(seq: Sequences, a: Bead, b: Bead) -> bool:
    """Whether exchanging the Chinese of a and b lowers the best alignment's cost by more than
    UNDO_MARGIN. Leaves seq exchanged if so, as it was if not."""
    before = _path_cost(seq)
    seq.exchange_zh(a.zh[0], b.zh[0])
    if before - _path_cost(seq) > UNDO_MARGIN:
        return True
    seq.exchange_zh(a.zh[0], b.zh[0])
    return False


def _path_cost(seq: Sequences) -> float:
    return sum(map(seq.full_cost, best_path(seq)))


def _cost(seq: Sequences, bead: Bead) -> float:
    """Length, and kind down to list vs paragraph: a swap moves each Chinese block's kind
    with it, so cross kinds that clash where the written ones agree speak against a swap."""
    (i,), (j,) = bead.en, bead.zh
    en, zh = seq.en[i], seq.zh[j]
    clash = (en.kind, en.level) != (zh.kind, zh.level)
    return bead_cost((1, 1), seq.en_units[i], seq.zh_units[j]) + (KIND_MISMATCH if clash else 0.0)
