"""Query the pair index: any text in -> ranked pairs, both languages, matches marked.

Queries use whoosh's syntax (quotes for phrases, AND/OR/NOT, `*`, `en:`/`zh:` fields) where it
parses; anything it cannot turn into a query is searched as plain words, so no input fails.
Words are ANDed: a pair must contain every word, in English or in Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh import highlight as whoosh_highlight
from whoosh import index as whoosh_index
from whoosh import query as whoosh_query
from whoosh.qparser import AndGroup, MultifieldParser
from whoosh.qparser.plugins import EveryPlugin
from whoosh.searching import Searcher

from ..text.scripts import HAN_CHARS
from . import bulk, phrases
from .analysis import ANALYZER, terms
from .whoosh_index import index_exists

FIELDS = {"en": ("en",), "zh": ("zh",), None: ("en", "zh")}
# Latin next to Han in one query word ("imitation模仿", "RL训练") is two words, not one phrase.
_SCRIPT_CHANGE = re.compile(
    rf"(?<=[{HAN_CHARS}])(?=(?![{HAN_CHARS}])[^\W_])|(?<![{HAN_CHARS}])(?<=[^\W_])(?=[{HAN_CHARS}])")
_NOT_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W_]")
# whoosh's query tagger tries every pattern at every character: 0.6 s for 10 KB. Longer queries
# are pasted text, not syntax, and are searched as plain words.
MAX_SYNTAX_CHARS = 1_000
ELLIPSIS = " … "
CONTEXT_CHARS = 60  # of text around a match in a fragment
FRAGMENT_CHARS = 360  # whoosh counts a Han character ~3 times (its bigram and itself): ~120 shown
UNMATCHED_CHARS = 400  # how much of a side without a match to show


class IndexMissing(Exception):
    """There is no index to search yet."""


@dataclass(frozen=True)
class Hit:
    url: str
    essay: str
    path: str
    pair: int
    score: float
    en: str
    zh: str
    headings: str
    marked: dict[str, str]  # field -> text with matches marked, or "" when nothing matched there

    def to_json(self) -> dict:
        return {"url": self.url, "essay": self.essay, "pair": self.pair,
                "score": round(self.score, 4), "en": self.en, "zh": self.zh}


class PairIndex:
    """An opened index generation, with one searcher kept for every query.

    A generation is never written again once swapped in (a build writes a new one), so its
    searcher stays valid: opening one costs more than most queries (its files and columns).
    """

    def __init__(self, ix) -> None:
        self.ix = ix
        self.schema = ix.schema
        self.searcher = ix.searcher()
        bulk.share_statistics(self.searcher)

    def doc_count(self) -> int:
        return self.ix.doc_count()

    def close(self) -> None:
        self.searcher.close()


def open_index(index_dir: Path) -> PairIndex:
    try:
        if not index_exists(index_dir):
            raise IndexMissing("no search index")
        return PairIndex(whoosh_index.open_dir(str(index_dir)))
    except IndexMissing:
        raise
    except Exception as error:  # written by another version of the schema or analyzer
        raise IndexMissing(f"the search index cannot be read ({error})") from None


def search(index: PairIndex, text: str, limit: int = 10, lang: str | None = None,
           mark: tuple[str, str] = ("«", "»")) -> list[Hit]:
    """The best `limit` pairs for `text`, best first; `lang` restricts matching to one side."""
    fields = FIELDS[lang]
    searcher = index.searcher
    query = parse_query(text, fields, index.schema)
    try:
        results = phrases.search(searcher, query, limit)
    except Exception:  # whoosh can fail inside odd parsed queries; words never fail
        query = plain_query(text, fields)
        results = phrases.search(searcher, query, limit)
    terms = _terms_by_field(query, searcher)
    return [_hit(result, terms, mark) for result in results]


def parse_query(text: str, fields: Iterable[str], schema) -> whoosh_query.Query:
    """whoosh syntax when it yields a usable query, else the plain words of `text`."""
    if len(text) > MAX_SYNTAX_CHARS:
        return plain_query(text, fields)
    text = _SCRIPT_CHANGE.sub(" ", text)
    parser = MultifieldParser(list(fields), schema, group=AndGroup)
    parser.remove_plugin_class(EveryPlugin)  # `*:*` and a lone `*` would list every pair
    try:
        query = parser.parse(text)
    except Exception:
        return plain_query(text, fields)
    if _unusable(query):
        return plain_query(text, fields)
    return query


def plain_query(text: str, fields: Iterable[str]) -> whoosh_query.Query:
    """Every distinct word of `text` as a plain term: no operators, quotes, fields or wildcards."""
    words = dict.fromkeys(_NOT_WORD.sub(" ", _SCRIPT_CHANGE.sub(" ", text)).split())
    parts = [query for query in (_word_query(word, tuple(fields)) for word in words) if query]
    return whoosh_query.And(parts) if parts else whoosh_query.NullQuery


def _word_query(word: str, fields: tuple[str, ...]) -> whoosh_query.Query | None:
    """One word in any of `fields`; a word that analyzes to several terms (强化学习) is a phrase."""
    tokens = terms(word, mode="query")
    if not tokens:
        return None
    if len(tokens) == 1:
        return whoosh_query.Or([whoosh_query.Term(field, tokens[0]) for field in fields])
    return whoosh_query.Or([whoosh_query.Phrase(field, tokens) for field in fields])


def _unusable(query: whoosh_query.Query) -> bool:
    """A parse that lost the query: nothing left, errors inside, or a query for everything."""
    leaves = list(query.leaves())
    if query is whoosh_query.NullQuery or not leaves:
        return True
    for leaf in leaves:
        if isinstance(leaf, whoosh_query.Every):
            return True
        if isinstance(leaf, (whoosh_query.Wildcard, whoosh_query.Prefix)) and not _WORD.search(leaf.text):
            return True  # `*` or `?*`: a pattern without a word in it
        if getattr(leaf, "error", None) is not None:
            return True
    return False


def _terms_by_field(query: whoosh_query.Query, searcher: Searcher) -> dict[str, frozenset[str]]:
    """The index terms the query's leaves match, per field (prefixes expanded), for highlighting.

    Walks the leaves itself: whoosh's `Query.existing_terms` drops every term of an Or as soon
    as one branch names a term missing from the index (`en:模仿 OR zh:模仿` gives none).
    """
    reader = searcher.reader()
    found: dict[str, set[str]] = {"en": set(), "zh": set()}
    for leaf in query.leaves():
        for field, term in leaf.expanded_terms(reader, phrases=True):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            if field in found and (field, text) in reader:
                found[field].add(text)
    return {field: frozenset(terms) for field, terms in found.items()}


def _hit(result, terms: dict[str, frozenset[str]], mark: tuple[str, str]) -> Hit:
    stored = result.fields()
    marked = {field: highlight(stored[field], terms[field], mark) for field in ("en", "zh")}
    return Hit(url=stored["url"], essay=stored["essay"], path=stored["path"],
               pair=stored["pair"], score=float(result.score), en=stored["en"],
               zh=stored["zh"], headings=stored.get("headings", ""), marked=marked)


# -- highlighting -------------------------------------------------------------------------------


class MarkFormatter(whoosh_highlight.Formatter):
    """Wraps matches in `mark`; overlapping bigrams (学习 and 习惯) make one marked stretch."""

    between = ELLIPSIS

    def __init__(self, mark: tuple[str, str]):
        self.open, self.close = mark

    def format_fragment(self, fragment, replace=False) -> str:
        text, out, index = fragment.text, [], fragment.startchar
        for start, end in _merged_spans(fragment.matches):
            start = max(start, index)
            if end <= start:
                continue
            out.append(f"{text[index:start]}{self.open}{text[start:end]}{self.close}")
            index = end
        out.append(text[index:fragment.endchar])
        return "".join(out)

    def format(self, fragments, replace=False) -> str:
        """Fragments in text order, overlapping ones joined, "…" where text is left out."""
        merged = _merged_fragments(fragments)
        if not merged:
            return ""
        body = self.between.join(self.format_fragment(f) for f in merged)
        text = merged[0].text
        return ("…" if merged[0].startchar > 0 else "") + body + (
            "…" if merged[-1].endchar < len(text) else "")


def _merged_fragments(fragments) -> list[whoosh_highlight.Fragment]:
    merged: list[whoosh_highlight.Fragment] = []
    # whoosh's ContextFragmenter also yields empty fragments when its countdown hits 0 exactly.
    for fragment in sorted((f for f in fragments if f.matches), key=lambda f: f.startchar):
        if merged and fragment.startchar <= merged[-1].endchar:
            last = merged[-1]
            merged[-1] = whoosh_highlight.Fragment(last.text, [*last.matches, *fragment.matches],
                                                   last.startchar, max(last.endchar, fragment.endchar))
        else:
            merged.append(fragment)
    return merged


def _merged_spans(tokens) -> list[tuple[int, int]]:
    spans: list[list[int]] = []
    for start, end in sorted((t.startchar, t.endchar) for t in tokens if t.startchar is not None):
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(start, end) for start, end in spans]


def highlight(text: str, terms: frozenset[str], mark: tuple[str, str] = ("«", "»")) -> str:
    """Up to three fragments of `text` around its matches, marked; "" when nothing matches."""
    if not terms:
        return ""
    fragmenter = whoosh_highlight.ContextFragmenter(maxchars=FRAGMENT_CHARS, surround=CONTEXT_CHARS)
    # mode="index": single Han characters are tokens only at index time, and a query for 球
    # must mark the 球 inside 控球.
    return whoosh_highlight.highlight(text, terms, ANALYZER, fragmenter, MarkFormatter(mark),
                                      top=3, mode="index")


def shorten(text: str, limit: int = UNMATCHED_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- text output --------------------------------------------------------------------------------


def concordance(hit: Hit) -> str:
    """One hit as the CLI prints it: where it is, then both sides with their matches marked."""
    where = f"{hit.path}  #p{hit.pair}  {hit.essay}"
    if hit.headings:
        where += f" › {hit.headings}"
    lines = [where]
    for field in ("en", "zh"):
        lines.append(f"  {field}  {hit.marked[field] or shorten(getattr(hit, field))}")
    return "\n".join(lines)
