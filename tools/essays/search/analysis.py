"""One analysis pipeline for every index: English words stemmed, Chinese as character bigrams.

    BilingualTokenizer | LowercaseFilter | EnglishStemFilter

- Text is folded with NFKC token by token, so full-width ＡＩ and ２０２５ index as ai and 2025
  while character offsets still point into the original text (highlighting needs them).
- English: words lowercased and stemmed with the current Snowball English stemmer (imitate,
  imitation -> imit), from `snowballstemmer`, which Snowball itself generates; whoosh's porter2 is
  an older revision of it (added -> ad, internal -> intern).
- Chinese: Traditional folded to Simplified with OpenCC's t2s (強化學習 -> 强化学习); each Han
  run becomes its overlapping character bigrams (强化学习 -> 强化 化学 学习),
  so any two or more characters of the text are found — a word, part of a word (学习 inside
  强化学习) or a phrase across word boundaries (习惯于研究) — as a phrase of bigrams. At index
  time each character is also indexed alone, stacked on a bigram's position, so a one-character
  query (球) finds it. jieba's segmentation depends on context and misses such queries
  (README, "Why bigrams and not jieba").
- Positions are token ordinals: a run of n >= 2 characters takes n - 1 positions (one per
  bigram), a single character one; the query side counts the same way, so phrases line up.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import snowballstemmer
from whoosh.analysis import Filter, LowercaseFilter, Token, Tokenizer

from ..text.conversion import simplified_run
from ..text.scripts import HAN_CHARS
_NOT_HAN_WORD_CHAR = rf"(?:(?![{HAN_CHARS}])[^\W_])"
# A Han run, or a word of any other script (letters and digits). An apostrophe stays in a
# word only before an English clitic (didn't, people's, we're); yolo’ed is yolo + ed.
TOKEN = re.compile(rf"(?P<han>[{HAN_CHARS}]+)|{_NOT_HAN_WORD_CHAR}+"
                   rf"(?:['’](?:[stdmSTDM]|re|RE|ve|VE|ll|LL)(?!{_NOT_HAN_WORD_CHAR}))?")
HAN_RUN = re.compile(rf"[{HAN_CHARS}]+")
STEMMABLE = re.compile(r"[a-z][a-z']*")
ZERO_WIDTH_SPACE = "\u200b"


def fold(text: str) -> str:
    """Full-width and compatibility forms to their plain forms; curly apostrophes to '."""
    return unicodedata.normalize("NFKC", text).replace("’", "'")


class BilingualTokenizer(Tokenizer):
    """English words and Chinese bigrams in one stream, following whoosh's tokenizer contract."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:  # wildcard and range terms: the whole text is one term
            yield _emit(token, fold(value), start_pos, start_char, start_char + len(value),
                        keeporiginal)
            return
        pos = start_pos
        for match in TOKEN.finditer(value):
            start = start_char + match.start()
            if match.group("han"):
                yield from _han_tokens(token, match.group(0), pos, start, mode, keeporiginal)
                pos += max(1, len(match.group(0)) - 1)
            else:
                yield _emit(token, fold(match.group(0)), pos, start, start_char + match.end(),
                            keeporiginal)
                pos += 1


def _han_tokens(token: Token, run: str, pos: int, start: int, mode: str,
                keeporiginal: bool) -> Iterator[Token]:
    """Bigrams of a Han run; at index time also each character, on the same positions.
    Traditional characters are folded to Simplified (強化學習 is 强化学习), in the index and
    in queries alike, one character for one (offsets still point into the text)."""
    chars = [fold(c) for c in simplified_run(run)]
    if len(chars) == 1:
        yield _emit(token, chars[0], pos, start, start + 1, keeporiginal)
        return
    for i in range(len(chars) - 1):
        yield _emit(token, chars[i] + chars[i + 1], pos + i, start + i, start + i + 2, keeporiginal)
        if mode != "query":
            yield _emit(token, chars[i], pos + i, start + i, start + i + 1, keeporiginal)
    if mode != "query":
        last = len(chars) - 1
        yield _emit(token, chars[last], pos + last - 1, start + last, start + last + 1, keeporiginal)


def _emit(token: Token, text: str, pos: int, startchar: int, endchar: int,
          keeporiginal: bool) -> Token:
    token.text = text
    token.stopped = False
    token.boost = 1.0
    if keeporiginal:
        token.original = text
    if token.positions:
        token.pos = pos
    if token.chars:
        token.startchar, token.endchar = startchar, endchar
    return token


# A Snowball stemmer keeps the word it works on in the object, and `mkdocs serve` analyses on two
# threads (the build's glossary check, the indexes' thread): one stemmer, one word at a time.
_ENGLISH = snowballstemmer.stemmer("english")
_ENGLISH_LOCK = threading.Lock()


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Snowball English for English words; anything else (numbers, Han, other scripts) unchanged."""
    if not STEMMABLE.fullmatch(word):
        return word
    with _ENGLISH_LOCK:
        return _ENGLISH.stemWord(word)


class EnglishStemFilter(Filter):
    """Snowball English stems (whoosh's default Porter and jieba's stem running -> runn)."""

    is_morph = True

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        sink = getattr(_RECORDING, "terms", None)  # the chain's last filter: the final terms
        for token in tokens:
            token.text = stem(token.text)
            if sink is not None and token.mode == "index":
                sink.append(token.text)
            yield token


# Per thread: under `mkdocs serve` the build's glossary check analyses on another thread.
_RECORDING = threading.local()


@contextmanager
def recording() -> Iterator[list[str]]:
    """The terms analysed for indexing on this thread while open, in order. whoosh analyses
    each pair as it indexes it; recorded, its terms are what the browser index needs too, and
    the job analyses each pair once (`search/jobs.py`)."""
    _RECORDING.terms = terms = []
    try:
        yield terms
    finally:
        _RECORDING.terms = None


def analyzer():
    """The analyzer of every text field; stored (pickled) with the index schema."""
    return BilingualTokenizer() | LowercaseFilter() | EnglishStemFilter()


ANALYZER = analyzer()


def terms(text: str, mode: str = "index") -> list[str]:
    """The index terms of `text`, in order: what whoosh stores, for consumers without whoosh."""
    return [token.text for token in ANALYZER(text, mode=mode)]
