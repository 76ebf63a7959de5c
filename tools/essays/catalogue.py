"""The site's essays taken together: series (their order, neighbours and findings), the topics
with the most essays, and the newest essays as the cards an essay page lists.

Pure data, computed once per build from the parsed essays; the site layer (site/chrome.py)
hands it to the templates, which only print it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Block, Essay, Finding, Meta, Series, Source
from .text.conversion import DEFAULT_TO_TRADITIONAL, LANG_OF_SCRIPT, Twins
from .text.plain import plain_text

EXCERPT_EN = 160  # characters of a card's excerpt: about two lines of the sidebar-less column
EXCERPT_ZH = 80  # a Han character is about two Latin ones wide


# -- series ----------------------------------------------------------------------------------

def series_key(meta: Meta | None) -> tuple[str, int]:
    """Where an essay goes among essays of the same date: by series, then by part; essays in
    no series first (`("", 0)`)."""
    series = meta.series if meta else None
    return (series.name, series.part) if series else ("", 0)


def series_findings(entries: Iterable[tuple[str, Series]]) -> list[Finding]:
    """Two essays claiming one part of a series (an error: which comes first?), and parts
    missing between 1 and the last (a warning: previous/next skip them)."""
    by_name: dict[str, list[tuple[int, str, Series]]] = {}
    for path, series in entries:
        by_name.setdefault(series.name, []).append((series.part, path, series))
    found = []
    for name, parts in sorted(by_name.items()):
        parts.sort(key=lambda item: (item[0], item[1]))
        found.extend(_duplicates(name, parts))
        found.extend(_gaps(name, parts))
    return found


def _duplicates(name: str, parts: list[tuple[int, str, Series]]) -> list[Finding]:
    first: dict[int, tuple[str, Series]] = {}
    found = []
    for part, path, series in parts:
        if part in first:
            other, at = first[part]
            found.append(Finding(path, series.line, "series-duplicate",
                                 f"part {part} of the series '{name}' is also {other}'s (line "
                                 f"{at.line}) — give each essay of the series a part of its own"))
        first.setdefault(part, (path, series))
    return found


def _gaps(name: str, parts: list[tuple[int, str, Series]]) -> list[Finding]:
    """Each run of missing parts, once, at the first essay of the part after it."""
    numbers = sorted({part for part, _, _ in parts})
    at = {part: (path, series) for part, path, series in reversed(parts)}  # first of each
    found = []
    for below, part in zip([0, *numbers], numbers):
        if part == below + 1:
            continue
        path, series = at[part]
        missing = ", ".join(map(str, range(below + 1, part)))
        found.append(Finding(path, series.line, "series-gap",
                             f"the series '{name}' has no part {missing} before this part "
                             f"{part} (parts: {', '.join(map(str, numbers))}) — number its "
                             "essays 1, 2, 3, … with no gap", "warning"))
    return found


@dataclass(frozen=True)
class Neighbours:
    """An essay's place in its series, with the essays before and after it (keys given by
    the caller: URLs for the site)."""

    name: str
    part: int
    parts: int  # how many essays the series has
    previous: str | None
    next: str | None


def series_neighbours(entries: Iterable[tuple[str, Series]]) -> dict[str, Neighbours]:
    """key -> its Neighbours, for every (key, series) given; parts in order, gaps skipped."""
    by_name: dict[str, list[tuple[int, str]]] = {}
    for key, series in entries:
        by_name.setdefault(series.name, []).append((series.part, key))
    found = {}
    for name, parts in by_name.items():
        parts.sort()
        keys = [key for _, key in parts]
        for at, (part, key) in enumerate(parts):
            found[key] = Neighbours(name, part, len(parts), keys[at - 1] if at else None,
                                    keys[at + 1] if at + 1 < len(keys) else None)
    return found


# -- topics ----------------------------------------------------------------------------------

def popular_topics(metas: Iterable[Meta], limit: int = 8) -> list[tuple[str, int]]:
    """(topic, essays) of the topics with the most essays, most first, ties by name."""
    counts = Counter(topic for meta in metas for topic in dict.fromkeys(meta.categories))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))[:limit]


# -- cards -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Chinese:
    """A piece of Chinese in both scripts, as the page writes it: (lang, script, text) each."""

    twins: tuple[tuple[str, str, str], ...]

    @classmethod
    def of(cls, text: str, twins: Twins) -> Chinese:
        return cls(tuple((LANG_OF_SCRIPT[s], s, t) for s, t in twins.both_plain(text).items()))


@dataclass(frozen=True)
class Card:
    """One essay as a list of essays shows it: date, authors, both titles, the "Refer To"
    credit and a short excerpt, in the languages it has (`en`/`zh` None when it has not)."""

    key: str
    date: dt.date
    authors: tuple[str, ...]
    title_en: str | None
    title_zh: Chinese | None
    source: Source | None
    excerpt_en: str | None
    excerpt_zh: Chinese | None
    bilingual: bool = True  # the modes show one language of it (else all it has, always)


def card(essay: Essay, key: str, author_names: dict[str, str],
         to_traditional: str = DEFAULT_TO_TRADITIONAL, excerpt: bool = True) -> Card:
    """The essay's card; without `excerpt`, its titles and credits only (a series link)."""
    meta = essay.meta
    en, zh = opening(essay) if excerpt else (None, None)
    only_zh = meta.languages == ("zh",)
    title_zh = meta.title if only_zh else (meta.title_zh if meta.bilingual else None)
    twins = Twins.of(f"{title_zh or ''}\n{zh or ''}", to_traditional)
    return Card(key=key, date=meta.date,
                authors=tuple(author_names.get(a, a) for a in meta.authors),
                title_en=None if only_zh else meta.title,
                title_zh=Chinese.of(title_zh, twins) if title_zh else None,
                source=meta.source,
                excerpt_en=cut(en, EXCERPT_EN) if en else None,
                excerpt_zh=Chinese.of(cut(zh, EXCERPT_ZH), twins) if zh else None,
                bilingual=meta.bilingual)


def opening(essay: Essay) -> tuple[str | None, str | None]:
    """The first paragraph's plain text in each language the essay has, (English, Chinese),
    None for a language it has not (headings and images left out: titles say more)."""
    if essay.meta.bilingual:
        first = next((p for p in essay.pairs if p.kind not in ("heading", "image")), None)
        return (plain_text(first.en.text), plain_text(first.zh.text)) if first else (None, None)
    block = next((b for b in essay.body if isinstance(b, Block) and b.kind == "paragraph"), None)
    text = plain_text(block.text) if block else None
    return (None, text) if essay.meta.languages == ("zh",) else (text, None)


def cut(text: str, length: int) -> str:
    """The text, or its first `length` characters ending in "…"."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def listing_order(items: Iterable, key=lambda meta: meta) -> list:
    """Items newest first, as the listings order them (one date: by series and part);
    `key(item)` is the item's Meta."""
    by_series = sorted(items, key=lambda item: series_key(key(item)))
    return sorted(by_series, key=lambda item: key(item).date, reverse=True)
