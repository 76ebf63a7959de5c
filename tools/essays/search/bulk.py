"""whoosh's top hits, scored from its posting blocks in bulk: the same pairs, scores and order.

whoosh scores a query by stepping its matcher tree one candidate at a time, in Python: about
20 µs per candidate (`collect_matches`, `score`, `doc_field_length`), and a word in a large
share of the pairs (`kubernetes`: 16,234 of 200,000) has tens of thousands of candidates, which
block-max skipping barely thins because BM25 gives most of them similar scores. Here each
segment's matcher tree is built by whoosh itself (so its shape, and with it the order in which
scores are added, is whoosh's), but evaluated a posting block at a time: a leaf decodes its
blocks' ids and weights and scores each (weight, length byte) pair once with the leaf's own
BM25F scorer; an intersection or a union adds its two children's scores, as whoosh's matchers
do; the best are kept as whoosh's collector keeps them (higher score first, then lower
document number). A tree with any other node (boosts, phrases, wildcards' arrays, another
weighting) returns None and the caller runs whoosh as it is.
"""

from __future__ import annotations

import functools
import heapq
import weakref

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import ArrayUnionMatcher, IntersectionMatcher, ListMatcher, NullMatcherClass, UnionMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25FScorer
from whoosh.util.numeric import byte_to_length


# segment reader -> field -> its documents' length bytes (a reader lives as long as its searcher)
_LENGTHS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class Unsupported(Exception):
    """A matcher this module does not evaluate: whoosh must run the query itself."""


class Ranked:
    """One hit, as much of whoosh's `Hit` as the search uses (its stored fields read once)."""

    __slots__ = ("score", "docnum", "searcher", "_fields")

    def __init__(self, score: float, docnum: int, searcher) -> None:
        self.score, self.docnum, self.searcher, self._fields = score, docnum, searcher, None

    def fields(self) -> dict:
        if self._fields is None:
            self._fields = self.searcher.stored_fields(self.docnum)
        return self._fields

    def __getitem__(self, field: str):
        return self.fields()[field]


def top(searcher, query, limit: int) -> list[Ranked] | None:
    """The best `limit` documents of `query` as `searcher.search(query, limit=limit)` ranks
    them, or None when the query's matchers are not all of the kinds evaluated here."""
    if searcher.weighting.use_final:
        return None
    context = searcher.context()  # what `Searcher.search_with_collector` gives the matchers
    best: list[tuple[float, int]] = []
    try:
        for sub, offset in searcher.leaf_searchers():  # as whoosh's collector walks them
            best.extend(_segment_best(_evaluate(query.matcher(sub, context), sub), offset, limit))
    except Unsupported:
        return None
    # whoosh's collector keeps (score, -docnum) in a heap: ties go to the lower document.
    return [Ranked(score, -negated, searcher) for score, negated in heapq.nlargest(limit, best)]


def _segment_best(scores: dict[int, float], offset: int, limit: int) -> list[tuple[float, int]]:
    """The segment's candidates for the best `limit`, as (score, -global docnum): every
    document scoring at least the segment's `limit`-th score (ties included)."""
    if len(scores) > limit:
        floor = sorted(scores.values(), reverse=True)[limit - 1]
        return [(score, -(offset + d)) for d, score in scores.items() if score >= floor]
    return [(score, -(offset + d)) for d, score in scores.items()]


def _evaluate(matcher, sub) -> dict[int, float]:
    """docnum -> score of every document `matcher` matches in the segment of `sub`."""
    kind = type(matcher)
    if kind is NullMatcherClass:
        return {}
    if kind is UnionMatcher:
        a, b = _evaluate(matcher.a, sub), _evaluate(matcher.b, sub)
        if len(a) < len(b):
            a, b = b, a
        union = dict(a)
        for docnum, score in b.items():
            union[docnum] = union[docnum] + score if docnum in union else score
        return union
    if kind is IntersectionMatcher:
        a, b = _evaluate(matcher.a, sub), _evaluate(matcher.b, sub)
        if len(a) > len(b):
            a, b = b, a
        return {docnum: score + b[docnum] for docnum, score in a.items() if docnum in b}
    if kind is ArrayUnionMatcher and matcher._scored:  # an Or of 3 or more, small segments
        return _array_union(matcher, sub)
    if kind is FilterMatcher and matcher._exclude and matcher.boost == 1.0:  # deleted documents
        deleted = matcher._ids
        return {d: s for d, s in _evaluate(matcher.child, sub).items() if d not in deleted}
    if kind is W3LeafMatcher or kind is ListMatcher:
        return _leaf(matcher, sub)
    raise Unsupported(kind.__name__)


def _array_union(matcher, sub) -> dict[int, float]:
    """Scores added into a zeroed array in the children's order, each times the boost;
    documents whose sum is not positive are skipped (`ArrayUnionMatcher`)."""
    boost, total = matcher._boost, {}
    for child in matcher._submatchers:
        child.reset()  # the matcher read its first part of the postings when it was made
        for docnum, score in _evaluate(child, sub).items():
            total[docnum] = total.get(docnum, 0.0) + score * boost
    return {docnum: score for docnum, score in total.items() if score > 0}


def _leaf(matcher, sub) -> dict[int, float]:
    """Every posting of one term in one segment, scored as its BM25F scorer scores it."""
    scorer = matcher.scorer if type(matcher) is W3LeafMatcher else matcher._scorer
    term = matcher.term()
    if type(scorer) is not BM25FScorer or term is None:
        raise Unsupported(type(scorer).__name__)
    lengths = _length_bytes(sub.reader(), term[0]).__getitem__
    # A posting's score depends on its (weight, length byte) only, and a term has few such
    # pairs: each is scored once, and the loop over postings stays in C (map, zip, dict).
    table = _ScoreTable(scorer)
    scores: dict[int, float] = {}
    for ids, weights in _postings(matcher):
        scores.update(zip(ids, map(table.__getitem__, zip(weights, map(lengths, ids)))))
    return scores


class _ScoreTable(dict):
    """(weight, length byte) -> the scorer's score, computed on first use."""

    def __init__(self, scorer: BM25FScorer) -> None:
        super().__init__()
        self.scorer = scorer

    def __missing__(self, key: tuple[float, int]) -> float:
        weight, lbyte = key
        if not lbyte:  # whoosh's "no length": its scorer fails on it; let whoosh run
            raise Unsupported("a posting without a length")
        score = self[key] = self.scorer._score(weight, byte_to_length(lbyte))
        return score


def _postings(matcher):
    """(ids, weights) of each block of a term's postings, from the matcher's current block on
    (a fresh matcher: the first), decoded as whoosh's `id()` and `weight()` read them."""
    if type(matcher) is ListMatcher:
        ids = matcher._ids[matcher._i:]
        if matcher._all_weights:
            yield ids, [matcher._all_weights] * len(ids)
        elif matcher._weights:
            yield ids, matcher._weights[matcher._i:]
        else:
            yield ids, [1.0] * len(ids)
        return
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        start = matcher._i
        yield matcher._ids[start:], matcher._weights[start:]
        matcher._i = matcher._blocklength - 1
        matcher.next()  # to the next block, or the end


def _length_bytes(reader, field: str) -> bytes:
    """The segment's length byte of `field` for every document, read once per reader."""
    cache = _LENGTHS.setdefault(reader, {})
    if field not in cache:
        column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        if column is None or column._fixedlen != 1:
            raise Unsupported("no length column of bytes")
        # Documents past the column's end have no length (whoosh's default byte, 0).
        padding = bytes(max(0, reader.doc_count_all() - column._count))
        cache[field] = column._dbfile.get(column._basepos, column._count) + padding
    return cache[field]


def share_statistics(searcher) -> None:
    """Compute each field's average length once per searcher, not once per term and segment.

    A BM25F scorer asks the top searcher for it, which sums the field's length over every
    segment: one scorer per term per segment makes that segments² calls per query (25,600
    for two words over 80 segments). A searcher's index never changes, so neither does this.
    """
    searcher.avg_field_length = functools.cache(searcher.avg_field_length)
