"""Measure the sentence alignment against the hand-aligned reference.

    .venv/bin/python tests/measure_sentences.py

Renders each essay of tests/fixtures/sentences/reference.yml as the site does (the page's
Markdown, mkdocs.yml's extensions, the sentence marks), and compares what the page splits and
links with the reference: sentence breaks, then links. A link is right when the reference has
one with exactly its sentences on both sides (compared as text, so a wrong split makes wrong
links). Then the same pairs with one sentence left untranslated, each in turn: where a length
aligner goes wrong, and what the confidence rule hides. tests/text/test_sentence_reference.py
asserts the figures this prints.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from essays.align import sentences as aligner  # noqa: E402
from essays.parse import parse_text  # noqa: E402
from essays.render import render_markdown  # noqa: E402
from essays.sentence_marks import SentenceMarksExtension  # noqa: E402
from helpers import REPO  # noqa: E402

REFERENCE = REPO / "tests" / "fixtures" / "sentences" / "reference.yml"

LinkText = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass
class Found:
    """One paragraph pair as the page split and aligned it."""

    en: list[str]
    zh: list[str]
    links: list[aligner.Link]

    def text(self, link) -> LinkText:
        return tuple(self.en[i] for i in link.en), tuple(self.zh[j] for j in link.zh)


@dataclass
class Scores:
    pairs: int = 0
    pairs_split_right: int = 0
    reference_links: int = 0
    found: list[tuple[float, bool]] = field(default_factory=list)  # (margin, right) per link

    def precision(self, keep=lambda margin: True) -> tuple[int, int]:
        chosen = [right for margin, right in self.found if keep(margin)]
        return sum(chosen), len(chosen)


def reference() -> dict:
    return yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))["essays"]


def as_text(pair: dict) -> set[LinkText]:
    def side(sentences, index):
        return tuple(sentences[i] for i in ([index] if isinstance(index, int) else index))
    return {(side(pair["en"], en), side(pair["zh"], zh)) for en, zh in pair["links"]}


def page_pairs(name: str) -> dict[str, Found]:
    """What the page makes of each paragraph pair of docs/posts/<name>.md."""
    from text.test_agreement import site_markdown
    found: dict[str, Found] = {}
    md = site_markdown()
    SentenceMarksExtension(collect=lambda pid, en, zh, links: found.setdefault(
        pid, Found(en, zh, links))).extendMarkdown(md)
    path = REPO / "docs" / "posts" / f"{name}.md"
    md.convert(render_markdown(parse_text(path.read_text(encoding="utf-8"), str(path))))
    return found


def measure() -> Scores:
    scores = Scores()
    for name, pairs in reference().items():
        page = page_pairs(name)
        for anchor, pair in pairs.items():
            got = page[anchor]
            scores.pairs += 1
            scores.pairs_split_right += got.en == pair["en"] and got.zh == pair["zh"]
            right = as_text(pair)
            scores.reference_links += len(right)
            scores.found += [(link.margin, got.text(link) in right) for link in got.links]
    return scores


def dropped() -> Scores:
    """The reference pairs with one sentence left untranslated (each sentence of each side in
    turn, in pairs of two or more): the hard case of a length aligner, where the confidence
    rule earns its keep. A link is right when it is the reference's link without it."""
    scores = Scores()
    for pairs in reference().values():
        for pair in pairs.values():
            for side in ("en", "zh"):
                for k in range(len(pair[side])) if len(pair[side]) > 1 else ():
                    _score_dropped(scores, pair, side, k)
    return scores


def _score_dropped(scores: Scores, pair: dict, side: str, k: int) -> None:
    kept = {**pair, side: pair[side][:k] + pair[side][k + 1:]}
    right = {link for link in (_without(t, side, pair[side][k]) for t in as_text(pair)) if all(link)}
    found = Found(kept["en"], kept["zh"], aligner.align(kept["en"], kept["zh"]))
    scores.pairs += 1
    scores.reference_links += len(right)
    scores.found += [(link.margin, found.text(link) in right) for link in found.links]


def _without(link: LinkText, side: str, sentence: str) -> LinkText:
    en, zh = link
    if side == "en":
        return tuple(s for s in en if s != sentence), zh
    return en, tuple(s for s in zh if s != sentence)


def report(s: Scores, name: str) -> None:
    right, total = s.precision()
    print(f"{name}: {s.pairs} pairs; all links: precision {right}/{total} = {right / total:.3f}, "
          f"recall {right}/{s.reference_links} = {right / s.reference_links:.3f}")
    for threshold in (1.0, 2.0, aligner.SURE_MARGIN, 3.0, 4.0, 5.0):
        shown = s.precision(lambda m: m >= threshold)
        hidden = s.precision(lambda m: m < threshold)
        print(f"  margin >= {threshold:.3g}: shown {shown[0]}/{shown[1]} right, hidden "
              f"{hidden[0]}/{hidden[1]} right, recall of shown {shown[0]}/{s.reference_links}")


def main() -> None:
    s = measure()
    print(f"reference: {s.pairs} pairs, split exactly as the reference: {s.pairs_split_right}")
    report(s, "reference")
    print(f"wrong links' margins: {sorted(round(m, 2) for m, right in s.found if not right)}")
    report(dropped(), "reference, one sentence dropped")


if __name__ == "__main__":
    main()
