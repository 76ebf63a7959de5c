"""What search knows of an essay: one document per pair, computed once per essay per build.

Both indexes (whoosh for `essays search`, the browser's shards) are built from these, never from
the essay itself: the index process receives plain strings only, and nothing downstream
re-reads or re-parses Markdown.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from ..model import Essay, Pair
from ..text.conversion import DEFAULT_TO_TRADITIONAL, HANS, HANT, Twins
from ..text.plain import plain_text


@dataclass(frozen=True)
class PairDocument:
    url: str  # site-relative, ending in #pN
    pair: int  # N of #pN (the pair's stable anchor, not its place)
    headings: str  # the headings above the pair, outermost first, joined with " › "
    en: str  # plain text, as shown in results
    zh: str  # as written, in Simplified or Traditional
    zh_twin: str  # the same in the other script (what the page shows when the reader chose it)
    kind: str  # the block kind (paragraph, heading, list...)


@dataclass(frozen=True)
class EssayDocuments:
    """An essay as search sees it: its title and page, and its pairs' documents in order."""

    path: str  # the essay file, as reports name it
    url: str  # its page, site-relative
    title: str  # both titles, "English · 中文"
    date: str  # YYYY-MM-DD
    categories: tuple[str, ...]
    pairs: tuple[PairDocument, ...]
    script: str = HANS  # the script its Chinese is written in (HANS or HANT)

    def digest(self) -> str:
        """Changes whenever anything an index holds of this essay changes."""
        return hashlib.sha1(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()


def essay_documents(essay: Essay, page_url: str,
                    to_traditional: str = DEFAULT_TO_TRADITIONAL) -> EssayDocuments:
    meta = essay.meta
    twins = Twins.of("\n".join(p.zh.text for p in essay.pairs), to_traditional)
    other = HANT if twins.written == HANS else HANS
    pairs = tuple(PairDocument(url=f"{page_url}#p{pair.anchor}", pair=pair.anchor,
                               headings=" › ".join(headings), en=plain_text(pair.en.text),
                               zh=plain_text(pair.zh.text),
                               zh_twin=plain_text(twins.both(pair.zh.text)[other]), kind=pair.kind)
                  for pair, headings in pairs_with_headings(essay))
    return EssayDocuments(path=essay.path, url=page_url,
                          title=meta.display_title if meta else essay.path,
                          date=meta.date.isoformat() if meta else "",
                          categories=meta.categories if meta else (), pairs=pairs,
                          script=twins.written)


def pairs_with_headings(essay: Essay) -> Iterator[tuple[Pair, list[str]]]:
    """Each pair with the heading path above it ("Config · 配置", outermost first)."""
    stack: list[tuple[int, str]] = []  # (level, heading) of the open sections
    for item in essay.body:
        if not isinstance(item, Pair):
            continue
        heading = item.kind == "heading"
        if heading:  # a heading closes the sections at its level and below
            stack = [entry for entry in stack if entry[0] < item.en.level]
        yield item, [text for _, text in stack]
        if heading:
            stack.append((item.en.level, f"{plain_text(item.en.text)} · {plain_text(item.zh.text)}"))
