"""`essays terms`: the consistency of a whole site's translations, as Xbench checks it.

- **Same English, different Chinese**: one English sentence (case and spacing aside)
  translated in more than one way across the site.
- **Same Chinese, different English**: one Chinese sentence standing for different English.
- **Candidate terms** (`--suggest`): English words and phrases of one to three words, in at
  least MIN_PAIRS pairs, whose best rendering (the Chinese sequence most particular to their
  pairs) is missing from some of them: listed with the renderings found where it is missing.
  A phrase rendered the same way everywhere needs no glossary entry; one left in English in
  most Chinese halves (a name) is not listed.

Sentences: a pair whose halves split into the same number of sentences (English at . ! ? ;
Chinese at 。！？；) is compared sentence by sentence, in order; any other pair, whole (a
sentence alignment that is not 1-1 is not guessed here).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Essay, Pair
from ..text.plain import plain_text
from ..text.scripts import HAN_CHARS
from .glossary import WORD, words

EN_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[\"“(\[A-Z0-9])")
ZH_SENTENCE = re.compile(r"(?<=[。！？；])")
HAN_RUN = re.compile(f"[{HAN_CHARS}]+")
MIN_PAIRS = 3
LIFT = 0.6  # a rendering is in this much more of the phrase's pairs than of the others
STOP = frozenset("a an the of to in on for and or is are be as by with it its this that at from "
                 "not can will was were has have had but if so than then there their they you "
                 "your we our i my me he she his her them which who what when how all any each "
                 "more most such one no do does into also only may other some these those".split())


@dataclass(frozen=True)
class Place:
    path: str
    line: int
    pair: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line} (pair {self.pair})"


@dataclass
class Variants:
    """One sentence and its different counterparts, each with where it is."""

    text: str
    counterparts: dict[str, list[Place]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"text": self.text, "counterparts": [
            {"text": t, "places": [vars(p) for p in places]} for t, places in self.counterparts.items()]}


@dataclass(frozen=True)
class Candidate:
    english: str
    pairs: int  # pairs whose English has it
    renderings: tuple[tuple[str, int], ...]  # Chinese sequences, how many of those pairs have each

    def to_json(self) -> dict:
        return {"en": self.english, "pairs": self.pairs,
                "renderings": [{"zh": zh, "pairs": n} for zh, n in self.renderings]}


def sentence_pairs(pair: Pair) -> list[tuple[str, str]]:
    en = [s.strip() for s in EN_SENTENCE.split(plain_text(pair.en.text)) if s.strip()]
    zh = [s.strip() for s in ZH_SENTENCE.split(plain_text(pair.zh.text)) if s.strip()]
    return list(zip(en, zh)) if len(en) == len(zh) else [(" ".join(en), "".join(zh))]


def inconsistencies(essays: Iterable[Essay]) -> tuple[list[Variants], list[Variants]]:
    """(same English translated differently, same Chinese for different English)."""
    by_en: dict[str, Variants] = {}
    by_zh: dict[str, Variants] = {}
    for essay in essays:
        for pair in essay.pairs:
            place = Place(essay.path, pair.zh.line, pair.number)
            for en, zh in sentence_pairs(pair):
                ek, zk = " ".join(en.lower().split()), "".join(zh.split())
                if not ek or not zk:
                    continue
                by_en.setdefault(ek, Variants(en)).counterparts.setdefault(zh, []).append(place)
                by_zh.setdefault(zk, Variants(zh)).counterparts.setdefault(en, []).append(place)
    return _varied(by_en, key=lambda t: "".join(t.split())), _varied(by_zh, key=lambda t: " ".join(t.lower().split()))


def _varied(groups: dict[str, Variants], key) -> list[Variants]:
    """Groups with more than one counterpart (told apart as the other side's keys are)."""
    found = []
    for group in groups.values():
        merged: dict[str, list[Place]] = {}
        seen: dict[str, str] = {}
        for text, places in group.counterparts.items():
            first = seen.setdefault(key(text), text)
            merged.setdefault(first, []).extend(places)
        if len(merged) > 1:
            found.append(Variants(group.text, merged))
    return sorted(found, key=lambda v: (-sum(map(len, v.counterparts.values())), v.text))


def candidates(essays: Sequence[Essay], min_pairs: int = MIN_PAIRS, limit: int = 50) -> list[Candidate]:
    """English phrases rendered in more than one way, most frequent first."""
    pairs = [p for e in essays for p in e.pairs if p.kind != "code"]
    phrase_pairs: dict[tuple[str, ...], set[int]] = defaultdict(set)
    shown: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    han: list[set[str]] = []
    kept: list[str] = []  # each Chinese half, lower-cased: where an English word stays as is
    for k, pair in enumerate(pairs):
        english = plain_text(pair.en.text)
        surface = [w.lower() for w in WORD.findall(english)]
        stems = words(english)
        for n in (1, 2, 3):
            for i in range(len(stems) - n + 1):
                gram = stems[i:i + n]
                if gram[0] in STOP or gram[-1] in STOP or any(g.isdigit() for g in gram):
                    continue
                phrase_pairs[gram].add(k)
                shown[gram][" ".join(surface[i:i + n])] += 1
        chinese = plain_text(pair.zh.text)
        han.append(_han_grams(chinese))
        kept.append(chinese.lower())
    everywhere = Counter(g for grams in han for g in grams)
    found = []
    for gram, ks in phrase_pairs.items():
        if len(ks) < min_pairs or (len(gram) == 1 and len(gram[0]) < 4):
            continue
        english = shown[gram].most_common(1)[0][0]
        if sum(english in kept[k] for k in ks) * 2 >= len(ks):
            continue  # mostly left untranslated (a name: Kubernetes, etcd)
        renderings = _renderings({k: han[k] for k in ks}, everywhere, len(pairs))
        if renderings:
            found.append(Candidate(english, len(ks), tuple(renderings)))
    found.sort(key=lambda c: (-c.pairs, c.english))
    return _without_parts(found)[:limit]


def _han_grams(text: str) -> set[str]:
    grams = set()
    for run in HAN_RUN.findall(text):
        for n in (2, 3, 4):
            grams.update(run[i:i + n] for i in range(len(run) - n + 1))
    return grams


def _renderings(halves: dict[int, set[str]], everywhere: Counter, total: int) -> list[tuple[str, int]]:
    """How the phrase is rendered: its best rendering, the Chinese sequence most particular
    to its pairs (in far more of them than across the site: LIFT), then, among the pairs
    that lack it, the most particular sequences there (up to two). Empty when nothing is
    particular enough to be a rendering, or when the best one is in every pair (consistent)."""
    best = _most_particular(halves, everywhere, total, LIFT)
    if best is None:
        return []
    rest = {k: grams for k, grams in halves.items() if best[0] not in grams}
    if not rest:
        return []
    picked = [best]
    while rest and len(picked) < 3:
        other = _most_particular(rest, everywhere, total, LIFT / 2)
        if other is None:
            break
        picked.append(other)
        rest = {k: grams for k, grams in rest.items() if other[0] not in grams}
    return picked


def _most_particular(halves: dict[int, set[str]], everywhere: Counter, total: int,
                     threshold: float, least: int = 2) -> tuple[str, int] | None:
    here = Counter(g for grams in halves.values() for g in grams)
    best, score = None, threshold
    for gram, n in here.items():
        if n < least:
            continue
        lift = n / len(halves) - (everywhere[gram] - n) / max(total - len(halves), 1)
        if lift > score or (lift == score and best and len(gram) > len(best[0])):
            best, score = (gram, n), lift
    return best


def _without_parts(found: list[Candidate]) -> list[Candidate]:
    """A one-word candidate inside a longer one with the same pairs says nothing more."""
    kept = []
    for c in found:
        if not any(c.english != o.english and f" {c.english} " in f" {o.english} " and o.pairs == c.pairs
                   for o in found):
            kept.append(c)
    return kept
