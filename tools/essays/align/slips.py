"""Where the written alignment and the length alignment part ways, and how: one finding per slip.

The parser pairs blocks by position (each English block with the Chinese block after it): the
"written" alignment. galechurch.py aligns the same blocks by their lengths alone. Where the two
agree, all is well; where they differ, the length alignment says what happened ("EN ¶7 has no
translation (ZH ¶7 translates EN ¶8)"), once for the whole stretch, instead of an error for
every pair the slip pushed out of step.

EN ¶i and ZH ¶j count the English and the Chinese text blocks from 1; until the first slip,
EN ¶N and ZH ¶N are the two halves of pair N.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Block, Finding, Written
from ..text.scripts import excerpt, squashed
from .galechurch import TRIGGER, Bead, Sequences, best_path, regions
from .swaps import find_swaps

# How much cheaper (in nats) the length alignment must be before we believe it over what the
# author wrote: silently shifted pairs need strong evidence; unpaired blocks are errors anyway,
# and the length alignment only has to be somewhat better to explain them.
SHIFT_MARGIN = 12.0
EXPLAIN_MARGIN = 2.0


def diagnose(path: str, written: Written, pair_of: Callable[[Block], int | None]) -> list[Finding]:
    """Findings for the slips between the English and the Chinese sequence, one per slip,
    then for the pairs whose halves differ in kind outside the stretches a slip explains."""
    seq = Sequences(written)
    swaps = find_swaps(seq)  # leaves seq as if the author had undone them: the rest is diagnosed so
    report = SlipReport(path, seq, best_path(seq) if _suspicious(seq) else seq.written, pair_of)
    for a, b in swaps:
        report.swapped_zh(a, b)
    explained: set[Bead] = set()
    if report.best is not seq.written:
        for w, o in regions(seq.written, report.best):
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


class SlipReport:
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

    def swapped_zh(self, a: Bead, b: Bead) -> None:
        """Adjacent pairs a, b (as written) with each other's Chinese. After exchange_zh the
        block the author put first, right after EN ¶(a), sits at b's index."""
        (i,), (j,) = a.en, a.zh
        first = self.seq.zh[b.zh[0]]
        number = self.pair_of(first)
        self.add(first, "swapped-zh", f"pairs {number} and {number + 1} have each other's Chinese "
                 f"(ZH ¶{j + 1} translates EN ¶{i + 2}, ZH ¶{j + 2} translates EN ¶{i + 1}) — "
                 "swap the two Chinese blocks", en=self.seq.en[i], zh=first)

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
    return squashed(a) == squashed(b)
