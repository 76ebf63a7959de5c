"""Query expansion through the glossary: a query that names a term, in either language,
also finds the pairs that use it in the other (`基准代码` finds the pair whose English says
"codebase" and whose Chinese calls it 代码).

English names a term by the search's stems (`codebases`), Chinese by one of its approved
translations or forbidden variants; each is replaced by a group of the term and all its
translations, ORed. A query written in the search syntax (quotes, fields, parentheses) is
left as written: it says exactly what it wants.
"""

from __future__ import annotations

import re

from .check import TermIndex
from .glossary import WORD, Term, words

SYNTAX = re.compile(r"[\"():*]|\b(?:AND|OR|NOT)\b")


def expand(query: str, index: TermIndex) -> str:
    if not index or SYNTAX.search(query):
        return query
    spans = sorted(_spans(query, index), key=lambda s: (s[0], -(s[1] - s[0])))
    out, at = [], 0
    for start, end, term in spans:
        if start < at:
            continue  # inside a longer term already replaced
        out += [query[at:start], _group(query[start:end], term)]
        at = end
    return "".join(out + [query[at:]])


def _spans(query: str, index: TermIndex) -> list[tuple[int, int, Term]]:
    found = []
    matches = list(WORD.finditer(query))
    stems = words(query)
    for term in index.terms:
        n = len(term.stems)
        for i in range(len(stems) - n + 1):
            if stems[i:i + n] == term.stems:
                found.append((matches[i].start(), matches[i + n - 1].end(), term))
        for rendering in (*term.zh, *term.forbidden):
            for m in re.finditer(re.escape(rendering), query):
                found.append((m.start(), m.end(), term))
    return found


def _group(written: str, term: Term) -> str:
    forms = dict.fromkeys([written, term.en, *term.zh])
    return "(" + " OR ".join(f'"{form}"' for form in forms) + ")"
