"""Phrase queries that read positions only for the results shown.

whoosh checks a phrase by reading the positions of every document holding all its terms. A
Chinese word of three or more characters is a phrase of bigrams (数据库 = "数据 据库"), and at
20,000 pairs 数据库 has 1,900 such candidates: 57 ms, ten times that at 200,000 pairs. A search
shows the best few, so: rank by the phrase's terms alone (their AND, which whoosh answers with
its block-max skipping, without positions), then keep the candidates whose stored text holds
the phrase, asking for more until `limit` are kept or none are left.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from whoosh import query as whoosh_query

from . import bulk
from ..text.scripts import HAN
from .analysis import ANALYZER

GROWTH = 4  # each retry asks for this many times more candidates
# A pasted paragraph is one long phrase: whoosh nests an AND of thousands of terms too deep,
# and positions are the quick way to check it anyway.
MAX_TERMS = 32


def relaxed(query: whoosh_query.Query) -> whoosh_query.Query | None:
    """The query with each phrase as the AND of its terms; None when it has no phrase, or a
    node we cannot check on the text (whoosh then runs the query as it is)."""
    found = _relax(query)
    return None if found is None or found == query else found


def _relax(query: whoosh_query.Query) -> whoosh_query.Query | None:
    if isinstance(query, whoosh_query.Phrase):
        words = list(dict.fromkeys(query.words))
        if query.slop != 1 or len(words) > MAX_TERMS:
            return None
        return whoosh_query.And([whoosh_query.Term(query.fieldname, w) for w in words])
    if isinstance(query, whoosh_query.Term):
        return query
    if isinstance(query, (whoosh_query.And, whoosh_query.Or)):
        parts = [_relax(part) for part in query.subqueries]
        return None if None in parts else type(query)(parts, boost=query.boost)
    return None


def search(searcher, query: whoosh_query.Query, limit: int) -> list:
    """The best `limit` hits of `query`, phrases checked on the candidates only."""
    loose = relaxed(query)
    if loose is None:
        return _ranked(searcher, query, limit)
    wanted = limit * GROWTH
    while True:
        results = _ranked(searcher, loose, wanted)
        kept = [hit for hit in results if holds(query, hit.fields())]
        if len(kept) >= limit or len(results) < wanted:
            return kept[:limit]
        wanted *= GROWTH


def _ranked(searcher, query: whoosh_query.Query, limit: int) -> list:
    """whoosh's best `limit` hits, scored in bulk where `bulk` can (the same hits)."""
    found = bulk.top(searcher, query, limit)
    return list(searcher.search(query, limit=limit)) if found is None else found


def holds(query: whoosh_query.Query, stored: dict) -> bool:
    """Whether a document's stored text satisfies `query` (And, Or, Term, Phrase only)."""
    return _holds(query, stored, {})


def _holds(query, stored: dict, analysed: dict) -> bool:
    if isinstance(query, whoosh_query.And):
        return all(_holds(part, stored, analysed) for part in query.subqueries)
    if isinstance(query, whoosh_query.Or):
        return any(_holds(part, stored, analysed) for part in query.subqueries)
    if _no_han_terms(query.fieldname, stored, analysed) and _all_han(query):
        return False  # a Chinese phrase in a side without Chinese: no need to analyse it
    positions = _positions(query.fieldname, stored, analysed)
    if isinstance(query, whoosh_query.Term):
        return query.text in positions
    first, *rest = query.words
    return any(all(start + k + 1 in positions.get(word, ()) for k, word in enumerate(rest))
               for start in positions.get(first, ()))


def _all_han(query) -> bool:
    words = [query.text] if isinstance(query, whoosh_query.Term) else query.words
    return all(HAN.search(word) for word in words)


def _no_han_terms(field: str, stored: dict, analysed: dict) -> bool:
    """Whether no term of the field's text can hold a Han character: its text has none and
    is already NFKC (a Han term comes from a Han run, or from a compatibility form that NFKC
    folds to one; lowercasing and stemming make none)."""
    key = ("no han", field)
    if key not in analysed:
        text = stored.get(field) or ""
        analysed[key] = not HAN.search(text) and unicodedata.is_normalized("NFKC", text)
    return analysed[key]


def _positions(field: str, stored: dict, analysed: dict) -> dict[str, set[int]]:
    """term -> its positions in the stored text of `field`, analysed as the index was."""
    if field not in analysed:
        found: dict[str, set[int]] = defaultdict(set)
        for token in ANALYZER(stored.get(field) or "", positions=True, mode="index"):
            found[token.text].add(token.pos)
        analysed[field] = found
    return analysed[field]
