"""A synthetic archive made of real pairs: N essays x K pairs, the same for the same seed.

The pairs come from the essays the repository carries (docs/posts) and its bilingual test
fixtures, each checked clean on its own; markup that would not survive the move to another
page (relative links, images, footnotes, raw HTML) is dropped first, so the corpus builds
under `mkdocs build --strict` and `essays check` finds no errors in it.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..align.check import check_essay, errors
from ..parse import parse_file, parse_text
from ..text.scripts import HAN
from .fixtures import aligned_pairs

# A relative link points at a file of its own essay's site; on a generated page it would be
# broken, so it keeps its text only. Links with a scheme stay.
RELATIVE_LINK = re.compile(r"\[([^\]]*)\]\((?![a-z]+:)[^)]*\)")
# Markup that needs something elsewhere on its page (footnotes, reference definitions) or
# a file beside it (images), or that mkdocs passes through unchecked (HTML, shortcodes).
NOT_PORTABLE = re.compile(r"!\[|\[\^|\]\[|^\s*\[[^\]]+\]:|<[A-Za-z/!]|\{\{|\{%", re.M)
FIRST_DATE, LAST_DATE = dt.date(2012, 1, 1), dt.date(2025, 12, 31)
AUTHORS = [f"author-{i:02d}" for i in range(1, 25)]
CATEGORIES = ["AI", "Life", "Engineering", "Research", "Operations", "Cloud", "Databases",
              "Security", "Writing", "Teams", "Open Source", "Reliability", "Architecture",
              "Tools", "Learning", "Kubernetes"]
HEADER = "---\ntitle: Pair\ndate: 2020-01-01\n---\n\n"
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True)
class GeneratedEssay:
    slug: str
    text: str


def pair_pool(repo: Path) -> list[tuple[str, str]]:
    """Every real pair that checks clean alone, in a stable order, each once."""
    found: dict[str, tuple[str, str]] = {}
    for pair in _raw_pairs(repo):
        portable = _portable(*pair)
        if portable and portable[0] not in found and _checks_clean(*portable):
            found[portable[0]] = portable
    return list(found.values())


def _raw_pairs(repo: Path) -> list[tuple[str, str]]:
    pairs = []
    for path in sorted((repo / "docs" / "posts").glob("*.md")):
        pairs.extend((p.en.text, p.zh.text) for p in parse_file(path).pairs)
    fixtures = repo / "tests" / "fixtures"
    if fixtures.is_dir():
        for corpus in aligned_pairs(fixtures).values():
            pairs.extend(corpus)
    return pairs


def _portable(en: str, zh: str) -> tuple[str, str] | None:
    if NOT_PORTABLE.search(en) or NOT_PORTABLE.search(zh):
        return None
    return RELATIVE_LINK.sub(r"\1", en), RELATIVE_LINK.sub(r"\1", zh)


def _checks_clean(en: str, zh: str) -> bool:
    essay = parse_text(f"{HEADER}{en}\n\n{zh}\n", "pair.md")
    if len(essay.blocks) != 2 or len(essay.pairs) != 1:
        return False
    return not errors(check_essay(essay))


def generate(pool: list[tuple[str, str]], essays: int, pairs: int,
             seed: int = 1) -> list[GeneratedEssay]:
    """`essays` essays of `pairs` distinct pairs each, drawn from `pool` by a seeded RNG."""
    if pairs > len(pool):
        raise ValueError(f"{pairs} pairs per essay, but only {len(pool)} real pairs to draw from")
    rng = random.Random(seed)
    return [_essay(rng, pool, number, pairs) for number in range(1, essays + 1)]


def _essay(rng: random.Random, pool: list[tuple[str, str]], number: int,
           pairs: int) -> GeneratedEssay:
    chosen = rng.sample(pool, pairs)
    days = (LAST_DATE - FIRST_DATE).days
    meta = {
        "title": f"{_title_words(chosen[0][0])} ({number})",
        "title_zh": f"{_title_han(chosen[0][1])}（{number}）",
        "date": FIRST_DATE + dt.timedelta(days=rng.randrange(days + 1)),
        "authors": rng.sample(AUTHORS, rng.choice((1, 1, 1, 2))),
        "categories": rng.sample(CATEGORIES, rng.choice((1, 2, 2, 3))),
        "slug": f"essay-{number:05d}",
        "source": {"title": "Generated for the benchmark from real pairs",
                   "license": "see the repository's sources"},
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    body = "\n\n".join(f"{en}\n\n{zh}" for en, zh in chosen)
    return GeneratedEssay(meta["slug"], f"---\n{front}---\n\n{body}\n")


def _title_words(en: str) -> str:
    words = WORD.findall(en)[:6]
    return " ".join(words).capitalize() or "Untitled"


def _title_han(zh: str) -> str:
    return "".join(HAN.findall(zh))[:10] or "无题"


def write_corpus(essays: list[GeneratedEssay], docs: Path) -> None:
    """Write the essays under `docs/posts/` and describe every author in `docs/.authors.yml`."""
    posts = docs / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    for essay in essays:
        (posts / f"{essay.slug}.md").write_text(essay.text, encoding="utf-8")
    authors = {name: {"name": name.replace("-", " ").title(), "description": "Author",
                      "avatar": "assets/images/avatar.svg"} for name in AUTHORS}
    (docs / ".authors.yml").write_text(yaml.safe_dump({"authors": authors}), encoding="utf-8")
