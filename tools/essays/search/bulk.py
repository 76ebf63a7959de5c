"""whoosh's top hits, scored from its posting blocks in bulk: the same pairs, scores and order.

whoosh scores a query by stepping a tree of matchers one candidate at a time, in Python: about
20 µs per candidate (`collect_matches`, `score`, `doc_field_length`), and a word in a large
share of the pairs (`kubernetes`: 16,234 of 200,000) has tens of thousands of candidates, which
block-max skipping barely thins because BM25 gives most of them similar scores. Building that
tree costs as much again: four term look-ups per term per segment (80 segments at 10,000
essays). Here a query of terms, ANDs and ORs is evaluated a segment at a time, a whole posting
list at a time, as whoosh would evaluate it:

- each term is looked up once per segment; its postings are decoded block by block, and each
  (weight, length byte) pair is scored once, by the term's own BM25F scorer (whoosh's);
- an AND or an OR adds its children's scores in the tree whoosh would build for that segment
  (`make_weighted_tree` on the same estimates, an `ArrayUnionMatcher`'s order for an OR of
  three or more in a small segment): float addition is not associative, so the shape matters;
- the best are kept as whoosh's collector keeps them: higher score first, then lower document.

Anything else (phrases, wildcards, boosts, another weighting) returns None, and the caller runs
whoosh as it is. tests/search/test_bulk.py compares both on a multi-segment index.
"""

from __future__ import annotations

import functools
import heapq
import weakref
from bisect import bisect_left
from itertools import accumulate

from whoosh import query as whoosh_query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching import ListMatcher
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.util import make_weighted_tree
from whoosh.util.numeric import byte_to_length

# segment reader -> field -> its documents' length bytes (a reader lives as long as its searcher)
_LENGTHS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
Or = whoosh_query.Or


class Unsupported(Exception):
    """A query this module does not evaluate: whoosh must run it itself."""


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
    them, or None when the query is not one evaluated here."""
    if type(searcher.weighting) is not BM25F or searcher.weighting.use_final:
        return None
    terms = _Terms(searcher)
    best: list[tuple[float, int]] = []
    try:
        for sub, offset in searcher.leaf_searchers():  # as whoosh's collector walks them
            segment = _Segment(sub, terms)
            best.extend(_segment_best(segment.scores(query), offset, limit))
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


class _Terms:
    """Per query: each term's bytes and its table of scores, shared by every segment (a
    BM25F score depends on the index-wide idf and average length, not on the segment)."""

    def __init__(self, searcher) -> None:
        self.searcher, self.schema = searcher, searcher.schema
        self._bytes: dict = {}
        self._tables: dict = {}

    def key(self, term: whoosh_query.Term) -> tuple[str, bytes] | None:
        """(field, bytes) of `term`, None where whoosh's `Term.matcher` gives a NullMatcher."""
        if term.boost != 1.0 or term.minquality:
            raise Unsupported("a boosted term")
        found = self._bytes.get((term.fieldname, term.text), False)
        if found is False:
            found = None
            if term.fieldname in self.schema:
                try:
                    found = (term.fieldname, self.schema[term.fieldname].to_bytes(term.text))
                except ValueError:
                    pass
            self._bytes[(term.fieldname, term.text)] = found
        return found

    def table(self, key: tuple[str, bytes], sub) -> _ScoreTable:
        table = self._tables.get(key)
        if table is None:
            scorer = self.searcher.weighting.scorer(sub, *key)  # as `Searcher.postings` makes it
            if type(scorer) is not BM25FScorer:
                raise Unsupported(type(scorer).__name__)
            table = self._tables[key] = _ScoreTable(scorer)
        return table


class _Segment:
    """One segment's part of a query: scores, and the size estimates whoosh's trees use."""

    def __init__(self, sub, terms: _Terms) -> None:
        self.sub, self.reader, self.terms = sub, sub.reader(), terms
        self._infos: dict = {}

    def info(self, key):
        """The term's info in this segment, or None: one look-up per term per segment."""
        if key not in self._infos:
            try:
                self._infos[key] = self.reader._terms.term_info(*key)
            except (KeyError, TermNotFound):
                self._infos[key] = None
        return self._infos[key]

    def estimate(self, query) -> int:
        """`Query.estimate_size` on this segment's reader."""
        if isinstance(query, whoosh_query.Term):
            key = self.terms.key(query)
            info = self.info(key) if key else None
            return info.doc_frequency() if info else 0
        if type(query) not in (whoosh_query.And, Or):
            raise Unsupported(type(query).__name__)
        sizes = [self.estimate(q) for q in query.subqueries]
        return min(sizes) if type(query) is whoosh_query.And else sum(sizes)

    def scores(self, query, within: _Within | None = None) -> dict[int, float]:
        """docnum -> score of every document `query` matches in this segment; given `within`,
        of those at least (an AND's result lies within its rarest clause's documents)."""
        kind = type(query)
        if query is whoosh_query.NullQuery:
            return {}
        if kind is whoosh_query.Term:
            return self._term(query, within)
        if kind not in (whoosh_query.And, Or) or query.boost != 1.0:
            raise Unsupported(kind.__name__)
        subs = query.subqueries
        if not subs:
            return {}
        if len(subs) == 1:
            return self.scores(subs[0], within)
        if kind is whoosh_query.And:
            return self._and(subs, within)
        if query.scale or query.minmatch or kind.matcher_type != Or.AUTO_MATCHER:
            raise Unsupported("an OR with options")
        # `Or._matcher`: a tree of unions, except for three or more clauses in a small segment
        # (needs_current is False in a plain search).
        if len(subs) < Or.TOO_MANY_CLAUSES and (len(subs) == 2 or self.sub.doc_count_all() > 5000):
            return self._tree([self.estimate(q) for q in subs],
                              [self.scores(q, within) for q in subs], _union)
        return self._array_union(subs, within)

    def _and(self, subs, within: _Within | None) -> dict[int, float]:
        """The rarest clause first, then the others only where it matched: a frequent term's
        blocks without such a document are not even decoded. The tree is whoosh's."""
        weights = [0 - self.estimate(q) for q in subs]
        rarest = weights.index(max(weights))
        first = self.scores(subs[rarest], within)
        inside = _Within(first)
        found = [first if i == rarest else self.scores(q, inside) for i, q in enumerate(subs)]
        return self._tree(weights, found, _intersection)

    def _tree(self, weights: list[int], found: list[dict], combine) -> dict[int, float]:
        """`CompoundQuery._tree_matcher`: the huffman-like tree of `make_weighted_tree`. Its
        sort meets ties of weight; whoosh's matchers then compare as neither less nor greater,
        and so do these nodes, so the tree has whoosh's shape."""
        nodes = [(w, _Node(scores)) for w, scores in zip(weights, found)]
        root = make_weighted_tree(lambda a, b: _Node(combine(a.scores, b.scores)), nodes)
        return root.scores

    def _array_union(self, subs, within: _Within | None) -> dict[int, float]:
        """`ArrayUnionMatcher`: scores added into a zeroed array in the clauses' order;
        documents whose sum is not positive are skipped."""
        total: dict[int, float] = {}
        for q in subs:
            for docnum, score in self.scores(q, within).items():
                total[docnum] = total.get(docnum, 0.0) + score * 1.0  # times the OR's boost
        return {docnum: score for docnum, score in total.items() if score > 0}

    def _term(self, term, within: _Within | None) -> dict[int, float]:
        """Every posting of one term here, scored as whoosh's scorer for it scores it."""
        key = self.terms.key(term)
        info = self.info(key) if key else None
        if info is None:
            return {}
        table = self.terms.table(key, self.sub)
        lengths = _length_bytes(self.reader, key[0]).__getitem__
        fmt = self.reader.schema[key[0]].format
        matcher = self.reader._terms._codec.postings_reader(
            self.reader._terms._postfile, info, fmt, term=key)
        # A posting's score depends on its (weight, length byte) only, and a term has few such
        # pairs: each is scored once, and the loop over postings stays in C (map, zip, dict).
        scores: dict[int, float] = {}
        for ids, weights in _postings(matcher, within):
            scores.update(zip(ids, map(table.__getitem__, zip(weights, map(lengths, ids)))))
        deleted = self.reader.deleted_docs_set
        if deleted:  # `SegmentReader.postings` filters them out
            scores = {d: s for d, s in scores.items() if d not in deleted}
        return scores


class _Node:
    """A subtree's scores, in `make_weighted_tree`'s sort: equal to any other node, never less,
    as whoosh's matchers compare (`Matcher.__eq__`, `__lt__`) when their weights tie."""

    __slots__ = ("scores",)

    def __init__(self, scores: dict[int, float]) -> None:
        self.scores = scores

    def __eq__(self, other) -> bool:
        return True

    def __lt__(self, other) -> bool:
        return False

    __hash__ = None


def _union(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
    """`UnionMatcher`: a document in both scores a + b (two terms: the order cannot matter)."""
    if len(a) < len(b):
        a, b = b, a
    union = dict(a)
    for docnum, score in b.items():
        union[docnum] = union[docnum] + score if docnum in union else score
    return union


def _intersection(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
    if len(a) > len(b):
        a, b = b, a
    return {docnum: score + b[docnum] for docnum, score in a.items() if docnum in b}


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


class _Within:
    """The documents a clause need score: a set, and sorted, to skip whole posting blocks."""

    __slots__ = ("docs", "ordered")

    def __init__(self, docs) -> None:
        self.docs = docs if isinstance(docs, (set, frozenset)) else set(docs)
        self.ordered = sorted(self.docs)

    def any_in(self, low: int, high: int) -> bool:
        """Whether a document in low..high (both included) is one of these."""
        at = bisect_left(self.ordered, low)
        return at < len(self.ordered) and self.ordered[at] <= high


def _postings(matcher, within: _Within | None = None):
    """(ids, weights) of each block of a term's postings (a fresh matcher's), decoded as
    whoosh's `id()` and `weight()` read them; given `within`, only those documents, and
    blocks whose id range holds none of them are skipped undecoded."""
    if type(matcher) is ListMatcher:
        ids = matcher._ids
        if matcher._all_weights:
            weights = [matcher._all_weights] * len(ids)
        elif matcher._weights:
            weights = matcher._weights
        else:
            weights = [1.0] * len(ids)
        yield _only(ids, weights, within)
        return
    low = 0
    while matcher.is_active():
        high = matcher._maxid  # from the block's header; its data is read only if needed
        if within is None or within.any_in(low, high):
            if matcher._data is None:
                matcher._read_data()
            ids = matcher._data[0]
            if not matcher._byteids:  # `W3LeafMatcher._read_ids`: delta_decode, in C
                ids = list(accumulate(ids))
            if matcher._weights is None:
                matcher._read_weights()
            yield _only(ids, matcher._weights, within)
        low = high + 1
        matcher._i = matcher._blocklength - 1
        matcher.next()  # to the next block, or the end


def _only(ids, weights, within: _Within | None):
    if within is None:
        return ids, weights
    docs = within.docs
    kept = [(d, w) for d, w in zip(ids, weights) if d in docs]
    return [d for d, _ in kept], [w for _, w in kept]


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
