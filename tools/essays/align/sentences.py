"""Which sentences of a pair's English translate which of its Chinese, and how sure that is.

The pair's two sentence sequences are aligned by the paragraphs' own aligner (galechurch.py:
the same dynamic programme, length model and copied marks), with the sentence priors of
Gale & Church (lengthmodel.SENTENCE_PRIORS: a translator joins or splits a sentence far
more often than a paragraph). A link is each bead with sentences on both sides.

How sure a link is: its margin, the cost of the best alignment that does without this bead
minus the cost of the best one. The page shows a link only when the margin is at least
SURE_MARGIN (measured on the hand-aligned reference, tests/measure_sentences.py), or when
the pair has one sentence each side (nothing else to link it to).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text.sentences import sentences
from .galechurch import Bead, best_path, marks_cost
from .lengthmodel import SENTENCE_COST, SENTENCE_PRIORS, bead_cost, units

# ln 10: the alignment with the link is at least ten times as probable as the best one
# without it. On the reference every link is right, and this hides 3 of 62; with one sentence
# of a pair left untranslated, 223 of the 225 links it shows are right, 38 of the 59 it hides.
SURE_MARGIN = 2.303


@dataclass(frozen=True)
class Link:
    en: tuple[int, ...]  # 0-based sentence indices of the English half
    zh: tuple[int, ...]
    margin: float  # nats; float("inf") when nothing else could be linked

    @property
    def sure(self) -> bool:
        return self.margin >= SURE_MARGIN


class SentenceSequences:
    """One pair's English and Chinese sentences, as galechurch.best_path reads them."""

    priors = SENTENCE_PRIORS

    def __init__(self, en: list[str], zh: list[str]):
        self.en, self.zh = en, zh
        self.en_units = [units(s) for s in en]
        self.zh_units = [units(s) for s in zh]
        self._costs: dict[Bead, float] = {}  # the margins run the programme once per link

    def full_cost(self, bead: Bead) -> float:
        if bead not in self._costs:
            self._costs[bead] = self._cost(bead)
        return self._costs[bead]

    def _cost(self, bead: Bead) -> float:
        en = sum(self.en_units[i] for i in bead.en)
        zh = sum(self.zh_units[j] for j in bead.zh)
        marks = marks_cost([self.en[i] for i in bead.en], [self.zh[j] for j in bead.zh])
        return bead_cost(bead.shape, en, zh, SENTENCE_COST) + marks


def align(en: list[str], zh: list[str]) -> list[Link]:
    """The links between two sentence sequences, in order, each with its margin."""
    if len(en) == 1 and len(zh) == 1:
        return [Link((0,), (0,), float("inf"))]
    seq = SentenceSequences(en, zh)
    path = best_path(seq)
    best = _total(seq, path)
    return [Link(bead.en, bead.zh, _total(seq, best_path(seq, forbid=bead)) - best)
            for bead in path if bead.en and bead.zh]


def align_texts(en: str, zh: str) -> tuple[list[str], list[str], list[Link]]:
    """A pair's plain texts -> their sentences and the links between them."""
    en_sentences, zh_sentences = sentences(en, "en"), sentences(zh, "zh")
    return en_sentences, zh_sentences, align(en_sentences, zh_sentences)


def _total(seq: SentenceSequences, path: list[Bead]) -> float:
    return sum(map(seq.full_cost, path)) if path else float("inf")
