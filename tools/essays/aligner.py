"""Where an essay's English and Chinese sequences part ways, and how: one finding per slip.

The parser pairs blocks by position (each English block with the Chinese block after it): the
"written" alignment. Here the English blocks and the Chinese blocks are also aligned by their
lengths alone (Gale–Church dynamic programme over 1-1, 1-0, 0-1, 2-1 and 1-2 beads). Where the
two alignments agree, all is well; where they differ, the length alignment says what happened
("EN ¶7 has no translation (ZH ¶7 translates EN ¶8)"), once for the whole stretch, instead of
an error for every pair the slip pushed out of step.

EN ¶i and ZH ¶j count the English and the Chinese text blocks from 1; until the first slip,
EN ¶N and ZH ¶N are the two halves of pair N.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from .blocks import excerpt
from .lengthmodel import PRIORS, bead_cost, units
from .model import Block, Finding

Written = list[tuple[Block | None, Block | None]]  # the parser's pairs and unpaired blocks

KIND_MISMATCH = 6.0  # extra cost when a bead joins a heading to a non-heading (or levels differ)
# A 1-1 pair this improbable (|delta| > ~4.4, or a kind mismatch) makes us run the aligner even
# when every block has a partner: the halves may have been shifted against each other.
TRIGGER = 10.0
# How much cheaper (in nats) the length alignment must be before we believe it over what the
# author wrote: silently shifted pairs need strong evidence; unpaired blocks are errors anyway,
# and the length alignment only has to be somewhat better to explain them.
SHIFT_MARGIN = 12.0
EXPLAIN_MARGIN = 2.0
BAND = 24  # the alignment stays within this many blocks of the diagonal (plus the count gap)
# Besides length, what a translation copies from its original: numbers and Latin words (names,
# code, link targets). Up to this many nats when none of them carry over; lengths of
# neighbouring paragraphs are often alike, and these marks tell which one is which.
ANCHOR_WEIGHT = 4.0
TOKEN = re.compile(r"[A-Za-z]{2,}|\d+")
SPELLED = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


@dataclass(frozen=True)
class Bead:
    en: tuple[int, ...]  # 0-based indices into the English sequence
    zh: tuple[int, ...]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.en), len(self.zh)


class Sequences:
    """The English and the Chinese text blocks of one essay, with their lengths."""

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
        if not bead.en or not bead.zh:
            return self.cost(bead)
        en = set().union(*(self.en_tokens[i] for i in bead.en))
        zh = set().union(*(self.zh_tokens[j] for j in bead.zh))
        en_numbers = {t for t in en if t.isdigit()}
        total = len(zh) + len(en_numbers)
        missed = len(zh - en) + len(en_numbers - zh)
        return self.cost(bead) + (ANCHOR_WEIGHT * missed / total if total else 0.0)

    @cached_property
    def en_tokens(self) -> list[set[str]]:
        return [{SPELLED.get(t, t) for t in _tokens(b.text)} for b in self.en]

    @cached_property
    def zh_tokens(self) -> list[set[str]]:
        return [_tokens(b.text) for b in self.zh]


def _tokens(text: str) -> set[str]:
    return {t.lower() for t in TOKEN.findall(text)}


def _written_beads(written: Written) -> list[Bead]:
    beads, i, j = [], 0, 0
    for en, zh in written:
        beads.append(Bead((i,) if en else (), (j,) if zh else ()))
        i, j = i + bool(en), j + bool(zh)
    return beads


def best_path(seq: Sequences) -> list[Bead]:
    """The most probable alignment of the two sequences (Gale & Church 1993, banded)."""
    n, m = len(seq.en), len(seq.zh)
    width = BAND + abs(n - m)
    cost: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        centre = i * m // max(n, 1)
        for j in range(max(0, centre - width), min(m, centre + width) + 1):
            for di, dj in PRIORS:
                before = cost.get((i - di, j - dj))
                if before is None:
                    continue
                total = before[0] + seq.full_cost(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
                if (i, j) not in cost or total < cost[(i, j)][0]:
                    cost[(i, j)] = (total, (i - di, j - dj))
    return _trace(cost, n, m)


def _trace(cost: dict, n: int, m: int) -> list[Bead]:
    beads, point = [], (n, m)
    while point != (0, 0):
        i0, j0 = cost[point][1]
        beads.append(Bead(tuple(range(i0, point[0])), tuple(range(j0, point[1]))))
        point = (i0, j0)
    return beads[::-1]


def _regions(written: list[Bead], best: list[Bead]) -> list[tuple[list[Bead], list[Bead]]]:
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


# -- diagnosis ---------------------------------------------------------------------------------


def diagnose(path: str, written: Written, pair_of: Callable[[Block], int | None]) -> list[Finding]:
    """Findings for the slips between the English and the Chinese sequence, one per slip,
    then for the pairs whose halves differ in kind outside the stretches a slip explains."""
    seq = Sequences(written)
    report = Report(path, seq, seq.written, pair_of)
    explained: set[Bead] = set()
    if _suspicious(seq):
        report = Report(path, seq, best_path(seq), pair_of)
        for w, o in _regions(seq.written, report.best):
            explained.update(w)
            report.region(w, o)
    for bead in seq.written:
        if bead not in explained and bead.shape != (1, 1):
            report.slip(bead)
    for bead in seq.written:
        if bead not in explained and bead.shape == (1, 1):
            report.kind_mismatch(seq.en[bead.en[0]], seq.zh[bead.zh[0]])
    return report.findings


def _suspicious(seq: Sequences) -> bool:
    return any(b.shape != (1, 1) or seq.cost(b) > TRIGGER for b in seq.written)


def _kind_name(block: Block) -> str:
    return f"a level-{block.level} heading" if block.kind == "heading" else f"a {block.kind}"


class Report:
    """Turns beads into findings that name the blocks as EN ¶i / ZH ¶j and the pair they sit in."""

    def __init__(self, path: str, seq: Sequences, best: list[Bead], pair_of):
        self.path, self.seq, self.best, self.pair_of = path, seq, best, pair_of
        self.written_zh = {j: b for b in seq.written for j in b.zh}
        self.written_en = {i: b for b in seq.written for i in b.en}
        self.best_zh = {j: b for b in best for j in b.zh}
        self.best_en = {i: b for b in best for i in b.en}
        self.findings: list[Finding] = []

    def region(self, written: list[Bead], best: list[Bead]) -> None:
        gain = sum(map(self.seq.full_cost, written)) - sum(map(self.seq.full_cost, best))
        structural = any(b.shape != (1, 1) for b in written)
        if not structural and gain < SHIFT_MARGIN:
            return
        if structural and gain < EXPLAIN_MARGIN:
            for bead in written:
                if bead.shape != (1, 1):
                    self.slip(bead)
            return
        slips = [b for b in best if b.shape != (1, 1)]
        for bead in slips:
            self.slip(bead)
        if not slips:
            self.swapped(written)

    def slip(self, bead: Bead) -> None:
        {(1, 0): self.no_translation, (0, 1): self.no_original,
         (2, 1): self.merged, (1, 2): self.split}[bead.shape](bead)

    def no_translation(self, bead: Bead) -> None:
        i = bead.en[0]
        twin = self._twin(self.seq.en, i)
        if twin is not None:
            return self.add(self.seq.en[i], "duplicate-en", f"EN ¶{i + 1} repeats EN ¶{twin + 1} — "
                            "delete one of them", en=self.seq.en[i])
        beside = self.written_en[i].zh
        why = ""
        if beside and self.best_zh[beside[0]].en:
            why = f" (ZH ¶{beside[0] + 1} translates EN ¶{self.best_zh[beside[0]].en[0] + 1})"
        self.add(self.seq.en[i], "missing-zh", f"EN ¶{i + 1} has no translation{why} — add its "
                 "translation right after it", en=self.seq.en[i])

    def no_original(self, bead: Bead) -> None:
        j = bead.zh[0]
        twin = self._twin(self.seq.zh, j)
        if twin is not None:
            return self.add(self.seq.zh[j], "duplicate-zh", f"ZH ¶{j + 1} repeats ZH ¶{twin + 1} — "
                            "delete one of them", zh=self.seq.zh[j])
        beside = self.written_zh[j].en
        why = ""
        if beside and self.best_en[beside[0]].zh:
            why = f" (EN ¶{beside[0] + 1} is translated by ZH ¶{self.best_en[beside[0]].zh[0] + 1})"
        self.add(self.seq.zh[j], "missing-en", f"ZH ¶{j + 1} has no English original{why} — put "
                 "the English right before it, or delete it", zh=self.seq.zh[j])

    def merged(self, bead: Bead) -> None:
        (i, k), (j,) = bead.en, bead.zh
        self.add(self.seq.zh[j], "merged-zh", f"ZH ¶{j + 1} translates EN ¶{i + 1} and ¶{k + 1} "
                 f"together (EN ¶{k + 1} has no translation of its own) — split it and put each half "
                 f"after its English, or translate EN ¶{k + 1} if ZH ¶{j + 1} covers EN ¶{i + 1} only",
                 en=self.seq.en[i], zh=self.seq.zh[j])

    def split(self, bead: Bead) -> None:
        (i,), (j, k) = bead.en, bead.zh
        self.add(self.seq.zh[k], "split-zh", f"EN ¶{i + 1} is translated by ZH ¶{j + 1} and "
                 f"¶{k + 1} — join the two Chinese blocks, or split the English the same way",
                 en=self.seq.en[i], zh=self.seq.zh[k], pair=self.pair_of(self.seq.en[i]))

    def swapped(self, written: list[Bead]) -> None:
        first = next(b for b in written if b.shape != (1, 1))
        if first.zh:
            j = first.zh[0]
            i = self.best_zh[j].en[0]
            return self.add(self.seq.zh[j], "order-swapped", f"ZH ¶{j + 1} comes before its "
                            f"English, EN ¶{i + 1} — put EN ¶{i + 1} first", zh=self.seq.zh[j])
        i = first.en[0]
        self.add(self.seq.en[i], "misaligned", f"from EN ¶{i + 1} on, the Chinese blocks do not "
                 "translate the English beside them — check the pairs from here", en=self.seq.en[i])

    def kind_mismatch(self, en: Block, zh: Block) -> None:
        if en.kind != zh.kind or en.level != zh.level:
            number = self.pair_of(zh)
            self.add(zh, "kind-mismatch", f"pair {number} mixes kinds: English is "
                     f"{_kind_name(en)} (line {en.line}), Chinese is {_kind_name(zh)} — write "
                     "both halves as the same kind of block", en=en, zh=zh)

    def add(self, block: Block, code: str, message: str, en: Block | None = None,
            zh: Block | None = None, pair: int | None = None) -> None:
        """A finding at `block`, in the pair it sits in (or `pair`, the pair the slip touches)."""
        number = self.pair_of(block) or pair
        self.findings.append(Finding(self.path, block.line, code, message, pair=number,
                                     en=excerpt(en.text) if en else None,
                                     zh=excerpt(zh.text) if zh else None))

    @staticmethod
    def _twin(blocks: list[Block], k: int) -> int | None:
        for other in (k - 1, k + 1):
            if 0 <= other < len(blocks) and _same(blocks[other].text, blocks[k].text):
                return other
        return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())
