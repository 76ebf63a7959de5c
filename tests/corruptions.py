"""Real essays from tests/fixtures, and the slips a translator makes, applied to them.

Each corruption takes an essay's blocks and a pair number N and returns the corrupted blocks
with what the checker should say: its code, the block it should point at, and the pair.
Shared by tests/test_align.py and tests/measure_align.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from essays.align.lengthmodel import units
from essays.bench.fixtures import essay_texts
from essays.model import Essay
from essays.parse import parse_text

FIXTURES = Path(__file__).parent / "fixtures"
SENTENCE_END = re.compile(r"(?<=[。！？])")
MARKUP = re.compile(r"\]\([^)]*\)|`[^`]*`|https?://\S+")


def real_essays() -> dict[str, str]:
    return essay_texts(FIXTURES)


@dataclass
class Doc:
    """An essay file as front matter plus a list of block texts, easy to corrupt."""

    head: str
    blocks: list[str]

    @classmethod
    def of(cls, text: str) -> tuple[Doc, Essay]:
        essay = parse_text(text, "essay.md")
        head = "\n".join(text.split("\n")[: essay.body_line - 1])
        return cls(head, [b.text for b in essay.blocks]), essay

    def text(self) -> str:
        return self.head + "\n\n" + "\n\n".join(self.blocks) + "\n"

    def line(self, index: int) -> int:
        """Line of block `index` in text()."""
        line = self.head.count("\n") + 3
        for block in self.blocks[:index]:
            line += block.count("\n") + 2
        return line


@dataclass
class Expected:
    code: str
    block: int  # index in the corrupted Doc's blocks
    pair: int | None
    says: str = ""  # a piece of the message


def indices(essay: Essay, n: int) -> tuple[int, int]:
    """Block indices of the English and Chinese halves of pair n."""
    pair = essay.pairs[n - 1]
    ids = [id(b) for b in essay.blocks]
    return ids.index(id(pair.en)), ids.index(id(pair.zh))


def numbers(essay: Essay, n: int) -> tuple[int, int]:
    """EN ¶ and ZH ¶ numbers of pair n's halves: n, plus the lone blocks before them."""
    pair = essay.pairs[n - 1]
    lone_en = sum(en is not None and zh is None and en.line < pair.en.line for en, zh in essay.written)
    lone_zh = sum(en is None and zh is not None and zh.line < pair.zh.line for en, zh in essay.written)
    return n + lone_en, n + lone_zh


def prose_pairs(essay: Essay, minimum: float = 120) -> list[int]:
    """Pair numbers N where pairs N and N+1 are long plain blocks, next to each other."""
    found = []
    for a, b in zip(essay.pairs, essay.pairs[1:]):
        if all(p.kind in ("paragraph", "list") and units(p.en.text) >= minimum
               and p.en.kind == p.zh.kind for p in (a, b)) and _adjacent(essay, a.number):
            found.append(a.number)
    return found


def _adjacent(essay: Essay, n: int) -> bool:
    en, zh = indices(essay, n)
    return zh == en + 1 and indices(essay, n + 1)[0] == zh + 1


# -- the corruptions ---------------------------------------------------------------------------


def drop_zh(doc: Doc, essay: Essay, n: int) -> Expected:
    en, zh = indices(essay, n)
    del doc.blocks[zh]
    return Expected("missing-zh", en, None, f"EN ¶{numbers(essay, n)[0]} has no translation")


def drop_en(doc: Doc, essay: Essay, n: int) -> Expected:
    en, zh = indices(essay, n)
    del doc.blocks[en]
    return Expected("missing-en", zh - 1, None, f"ZH ¶{numbers(essay, n)[1]} has no English original")


def merge_zh(doc: Doc, essay: Essay, n: int) -> Expected:
    """ZH N absorbs ZH N+1; EN N+1 is left with no translation of its own."""
    en, zh = indices(essay, n)
    _, zh_next = indices(essay, n + 1)
    doc.blocks[zh] = doc.blocks[zh] + doc.blocks.pop(zh_next)
    e, z = numbers(essay, n)
    return Expected("merged-zh", zh, n, f"ZH ¶{z} translates EN ¶{e} and ¶{e + 1} together")


def split_zh(doc: Doc, essay: Essay, n: int) -> Expected | None:
    en, zh = indices(essay, n)
    sentences = [s for s in SENTENCE_END.split(doc.blocks[zh]) if s.strip()]
    if len(sentences) < 2:
        return None
    half = len(sentences) // 2
    doc.blocks[zh: zh + 1] = ["".join(sentences[:half]).strip(), "".join(sentences[half:]).strip()]
    e, z = numbers(essay, n)
    return Expected("split-zh", zh + 1, n, f"EN ¶{e} is translated by ZH ¶{z} and ¶{z + 1}")


def swap(doc: Doc, essay: Essay, n: int) -> Expected:
    en, zh = indices(essay, n)
    doc.blocks[en], doc.blocks[zh] = doc.blocks[zh], doc.blocks[en]
    e, z = numbers(essay, n)
    return Expected("order-swapped", en, None, f"ZH ¶{z} comes before its English, EN ¶{e}")


def swap_zh(doc: Doc, essay: Essay, n: int) -> Expected:
    """Pairs n and n+1 exchange their Chinese halves: EN n, ZH n+1, EN n+1, ZH n."""
    _, zh = indices(essay, n)
    _, zh_next = indices(essay, n + 1)
    doc.blocks[zh], doc.blocks[zh_next] = doc.blocks[zh_next], doc.blocks[zh]
    return Expected("swapped-zh", zh, n, f"pairs {n} and {n + 1} have each other's Chinese")


def duplicate_zh(doc: Doc, essay: Essay, n: int) -> Expected:
    en, zh = indices(essay, n)
    doc.blocks.insert(zh + 1, doc.blocks[zh])
    z = numbers(essay, n)[1]
    return Expected("duplicate-zh", zh + 1, None, f"ZH ¶{z + 1} repeats ZH ¶{z}")


def duplicate_en(doc: Doc, essay: Essay, n: int) -> Expected:
    en, zh = indices(essay, n)
    doc.blocks.insert(en + 1, doc.blocks[en])
    e = numbers(essay, n)[0]
    return Expected("duplicate-en", en, None, f"EN ¶{e} repeats EN ¶{e + 1}")


def untranslated(doc: Doc, essay: Essay, n: int) -> Expected:
    en, zh = indices(essay, n)
    doc.blocks[zh] = doc.blocks[en]
    return Expected("untranslated", zh, n, "copied unchanged")


def shift(doc: Doc, essay: Essay, n: int) -> Expected:
    """ZH N is lost and every later Chinese block moves up one slot: a silent shift."""
    slots = [indices(essay, k)[1] for k in range(n, len(essay.pairs) + 1)
             if essay.pairs[k - 1].kind != "image"]  # an image pair's halves are not blocks
    chinese = [doc.blocks[i] for i in slots]
    for slot, text in zip(slots, chinese[1:] + [None]):
        doc.blocks[slot] = text
    doc.blocks = [b for b in doc.blocks if b is not None]
    e, z = numbers(essay, n)
    return Expected("missing-zh", indices(essay, n)[0], n,
                    f"EN ¶{e} has no translation (ZH ¶{z} translates EN ¶{e + 1})")


CORRUPTIONS = {
    "drop-zh": drop_zh, "drop-en": drop_en, "merge-zh": merge_zh, "split-zh": split_zh,
    "swap": swap, "swap-zh": swap_zh, "duplicate-zh": duplicate_zh, "duplicate-en": duplicate_en,
    "untranslated": untranslated, "shift": shift,
}


def change_number(doc: Doc, essay: Essay) -> Expected | None:
    """Change a number in the Chinese half of the first pair whose halves share one."""
    for pair in essay.pairs:
        prose = MARKUP.sub(lambda m: " " * len(m.group(0)), pair.zh.text)  # same offsets
        found = re.search(r"(?<![\d.])\d+(?![\d.])", prose)
        if found and found.group(0) in pair.en.text:
            _, zh = indices(essay, pair.number)
            wrong = str(int(found.group(0)) + 7)
            doc.blocks[zh] = doc.blocks[zh][: found.start()] + wrong + doc.blocks[zh][found.end():]
            return Expected("number-mismatch", zh, pair.number, f"only the Chinese has '{wrong}'")
    return None


def repeat_number(doc: Doc, essay: Essay) -> Expected | None:
    """In the Chinese of the first pair whose halves share two numbers, write the second
    number in place of the first: "（1）…（2）" becomes "（2）…（2）". The Chinese then has the
    second number once more than the English (whether the first is missed too depends on
    whether a Chinese numeral elsewhere in the pair excuses it)."""
    for pair in essay.pairs:
        prose = MARKUP.sub(lambda m: " " * len(m.group(0)), pair.zh.text)
        found = [m for m in re.finditer(r"(?<![\d.])\d+(?![\d.])", prose) if m.group(0) in pair.en.text]
        twice = [(a, b) for a, b in zip(found, found[1:]) if a.group(0) != b.group(0)]
        if twice:
            first, second = twice[0]
            _, zh = indices(essay, pair.number)
            text = doc.blocks[zh]
            doc.blocks[zh] = text[: first.start()] + second.group(0) + text[first.end():]
            return Expected("number-mismatch", zh, pair.number, f"only the Chinese has '{second.group(0)}'")
    return None


def change_link(doc: Doc, essay: Essay) -> Expected | None:
    """Point a link of the Chinese half of the first pair with links somewhere else."""
    for pair in essay.pairs:
        if pair.kind == "image":  # an image pair's halves are not blocks of the file
            continue
        found = re.search(r"\]\(([^)\s]+)\)", pair.zh.text)
        if found and found.group(1) in pair.en.text:
            _, zh = indices(essay, pair.number)
            text = doc.blocks[zh]
            doc.blocks[zh] = text[: found.start(1)] + "https://example.org/wrong" + text[found.end(1):]
            return Expected("link-mismatch", zh, pair.number, "https://example.org/wrong")
    return None
