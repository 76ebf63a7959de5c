"""What the browser searches: one Material search-index entry per aligned pair.

The single seam for browser-side search data: the mkdocs plugin appends these entries to
`search/search_index.json`; a later change that splits the index for on-demand loading
changes this module, not the plugin.

How Material's browser search sees an entry (see the search-findings notes):
- its worker splits `text` at the configured separator, which must include U+200B, and
  skips HTML tags;
- a Han query is cut greedily into terms the index already has, and every query term
  becomes a prefix query (`term*`), so lunr's stemmer cannot help English inflections.

So the text carries, besides what the reader sees:
- Chinese: each Han run cut by jieba (accurate mode, as Material's own plugin) and joined
  with U+200B, which is invisible; the search-mode sub-words (强化, 学习 of 强化学习) go in
  the hidden part, so the greedy query cutter finds them.
- English: for each word, the other forms of its porter2 stem seen anywhere on the site
  (`Variants`), so `imitate*` meets a pair that only says "imitation"; and the stem itself
  where it is not a prefix of the word (trajectori), for a query stemmed before searching.
The hidden part is an element with the `hidden` attribute: indexed, never displayed.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable

from .analysis import HAN_RUN, TOKEN, ZERO_WIDTH_SPACE, cut_han, fold, segment_han, stem
from .index import pairs_with_headings
from .model import Essay
from .plaintext import plain_text


class Variants:
    """porter2 stem -> the English word forms that have it, collected over the whole site."""

    def __init__(self) -> None:
        self.forms: dict[str, set[str]] = defaultdict(set)

    def add_text(self, text: str) -> None:
        for word in english_words(text):
            self.forms[stem(word)].add(word)

    def add_essay(self, essay: Essay) -> None:
        for pair in essay.pairs:
            self.add_text(plain_text(pair.en.text))

    @classmethod
    def of(cls, essays: Iterable[Essay]) -> Variants:
        variants = cls()
        for essay in essays:
            variants.add_essay(essay)
        return variants


def english_words(text: str) -> list[str]:
    """Lower-case Latin words of `text` (Han runs skipped), folded as the index folds them."""
    return [fold(m.group(0)).lower() for m in TOKEN.finditer(text) if not m.group("han")]


def pair_search_entries(essay: Essay, page_url: str,
                        variants: Variants | None = None) -> list[dict]:
    """One entry per aligned pair: `{"location": "<page_url>#pN", "title": ..., "text": ...}`.

    `variants` should hold the whole site (`Variants.of(all essays)`) so that a word in one
    essay finds its other forms used in another; by default only this essay's are known.
    """
    if variants is None:
        variants = Variants.of([essay])
    entries = []
    for pair, _ in pairs_with_headings(essay):
        en, zh = plain_text(pair.en.text), plain_text(pair.zh.text)
        entries.append({
            "location": f"{page_url}#p{pair.number}",
            # Material searches titles too (boosted): a heading or essay title here would make
            # every pair under it match its words. The pair's number matches no query word.
            "title": f"¶{pair.number}",
            "text": pair_text(en, zh, variants),
        })
    return entries


def pair_text(en: str, zh: str, variants: Variants) -> str:
    """The entry's text: both languages as the reader sees them, then the hidden terms.

    One block: Material's results show only the blocks of an entry that match, and a result
    must show the matched paragraph with its translation.
    """
    hidden = hidden_terms(f"{en} {zh}", variants)
    return (f'<p><span lang="en">{html.escape(segment_visible(en))}</span> '
            f'<span lang="zh-Hans">{html.escape(segment_visible(zh))}</span>'
            + (f"<span hidden> {html.escape(' '.join(hidden))}</span>" if hidden else "")
            + "</p>")


def segment_visible(text: str) -> str:
    """Han runs cut into words with invisible U+200B between them; the rest unchanged."""
    def cut(match) -> str:
        words = cut_han(match.group(0))
        return ZERO_WIDTH_SPACE + ZERO_WIDTH_SPACE.join(words) + ZERO_WIDTH_SPACE

    return HAN_RUN.sub(cut, text).strip(ZERO_WIDTH_SPACE)


def hidden_terms(text: str, variants: Variants) -> list[str]:
    """Terms a query may need that the visible text lacks, each once, in order."""
    present = set(english_words(text))
    extra: dict[str, None] = {}
    for word in present:
        word_stem = stem(word)
        for form in sorted(variants.forms.get(word_stem, ())):
            if form not in present:
                extra.setdefault(form, None)
        if not word.startswith(word_stem):
            extra.setdefault(word_stem, None)
    for run in HAN_RUN.findall(text):
        accurate = set(cut_han(run))
        for word in segment_han(run):
            if len(word) > 1 and word not in accurate:
                extra.setdefault(word, None)
    return sorted(extra)

