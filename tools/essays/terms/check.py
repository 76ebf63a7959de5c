"""The glossary's findings for an essay: `term-missing` (the English has a term, the Chinese
none of its approved translations) and `term-forbidden` (the Chinese uses a forbidden variant
of a term its English has). Warnings, at the Chinese half's line."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..model import Essay, Finding, Pair
from ..text.plain import plain_text
from .glossary import Term, words


class TermIndex:
    """The terms by their first stem, to find every term in a text in one pass."""

    def __init__(self, terms: Sequence[Term]):
        self.terms = list(terms)
        self._by_first: dict[str, list[Term]] = defaultdict(list)
        for term in self.terms:
            self._by_first[term.stems[0]].append(term)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def found_in(self, english: str) -> Iterator[Term]:
        """Each term whose words occur, in order, in `english` (once per term)."""
        stems, seen = words(english), set()
        for i, first in enumerate(stems):
            for term in self._by_first.get(first, ()):
                if term.en not in seen and stems[i:i + len(term.stems)] == term.stems:
                    seen.add(term.en)
                    yield term


def chinese(text: str) -> str:
    """A Chinese half as substring matching sees it: plain text, no spaces."""
    return "".join(plain_text(text).split())


def term_findings(essay: Essay, index: TermIndex, glossary: str) -> list[Finding]:
    """`glossary`: the glossary file as reports name it."""
    found = []
    for pair in essay.pairs if index else ():
        found.extend(_pair_findings(essay.path, pair, index, glossary))
    return found


def _pair_findings(path: str, pair: Pair, index: TermIndex, glossary: str) -> Iterator[Finding]:
    zh = None
    for term in index.found_in(plain_text(pair.en.text)):
        zh = chinese(pair.zh.text) if zh is None else zh
        where = f"{glossary}:{term.line}"
        used = [v for v in term.forbidden if v in zh]
        if used:
            yield Finding(path, pair.zh.line, "term-forbidden", f"pair {pair.number} translates "
                          f"'{term.en}' as '{used[0]}', which the glossary forbids — write "
                          f"'{term.zh[0]}' ({where})", "warning", pair=pair.number)
        elif not any(v in zh for v in term.zh):
            approved = " or ".join(f"'{v}'" for v in term.zh)
            yield Finding(path, pair.zh.line, "term-missing", f"pair {pair.number}'s English has "
                          f"'{term.en}', its Chinese has none of its translations — write "
                          f"{approved} ({where}), or add this rendering to the term's zh list",
                          "warning", pair=pair.number)
