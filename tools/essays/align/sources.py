"""The alignment of two source files' blocks, for import: the checker's Gale–Church model over
every block, text and shared.

An essay file says which block translates which; two source files do not, and a real
translation drifts from its original (a note only in the Chinese, a paragraph the English
gained later). The blocks are aligned as the checker aligns an essay's halves (galechurch.py:
length, kind, the numbers and names copied across), with shared blocks (code, images,
wrapper tags) matching only their own kind, and standing alone at no cost to the text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model import Block
from .galechurch import KIND_MISMATCH, Bead, Sequences, best_path
from .lengthmodel import COST

SHARED = frozenset({"code", "image", "markup", "rule", "math", "refs"})
IMPOSSIBLE = math.inf
# Shared blocks: the same block on both sides costs a pair's prior; one that differs (code
# whose comments were translated, a localised image) a little more; one on one side only
# somewhat more, so that matching ones pair up, yet less than any text slip.
SHARED_SAME = COST[(1, 1)]
SHARED_CHANGED = 1.5
SHARED_ALONE = 2.5
# A note on one side, plain text on the other: Hugo pages often keep the English comment
# just outside the `{{< note >}}` its translation is in. The import writes both as notes.
NOTE_MISMATCH = 1.5


def is_shared(block: Block) -> bool:
    return block.kind in SHARED


class SourceSequences(Sequences):
    """The English and Chinese blocks of two source files, text and shared alike."""

    def __init__(self, en: list[Block], zh: list[Block]):
        super().__init__([*((b, None) for b in en), *((None, b) for b in zh)])

    def full_cost(self, bead: Bead) -> float:
        blocks = [self.en[i] for i in bead.en] + [self.zh[j] for j in bead.zh]
        shared = [b for b in blocks if is_shared(b)]
        if shared:
            return self._shared_cost(bead, blocks) if len(shared) == len(blocks) else IMPOSSIBLE
        cost = super().full_cost(bead)
        if bead.shape == (1, 1):
            kinds = {self.en[bead.en[0]].kind, self.zh[bead.zh[0]].kind}
            if "admonition" in kinds and "heading" not in kinds:
                cost += NOTE_MISMATCH
            elif len(kinds) > 1:
                cost += KIND_MISMATCH  # a list for a paragraph (headings are costed already)
        return cost

    def _shared_cost(self, bead: Bead, blocks: list[Block]) -> float:
        if bead.shape in ((1, 0), (0, 1)):
            return SHARED_ALONE
        if bead.shape != (1, 1) or blocks[0].kind != blocks[1].kind:
            return IMPOSSIBLE
        return SHARED_SAME if blocks[0].text == blocks[1].text else SHARED_CHANGED


@dataclass(frozen=True)
class Match:
    """One step of the alignment: English blocks and the Chinese blocks that answer them."""

    en: tuple[Block, ...]
    zh: tuple[Block, ...]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.en), len(self.zh)

    @property
    def shared(self) -> bool:
        return all(is_shared(b) for b in (*self.en, *self.zh))

    @property
    def paired(self) -> bool:
        """A text pair, or a shared block (alone or on both sides): nothing to report."""
        return self.shared or self.shape == (1, 1)


def align_sources(en: list[Block], zh: list[Block]) -> list[Match]:
    """The most probable alignment of two files' blocks, in order."""
    if not en or not zh:
        return [Match((b,), ()) for b in en] + [Match((), (b,)) for b in zh]
    seq = SourceSequences(en, zh)
    return [Match(tuple(seq.en[i] for i in bead.en), tuple(seq.zh[j] for j in bead.zh))
            for bead in best_path(seq)]
