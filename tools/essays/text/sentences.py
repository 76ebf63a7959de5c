"""Where the sentences of a paragraph's plain text begin, in English and in Chinese.

Rules (the README's "Sentence highlight" lists them with examples):

- English: a sentence ends at `.`, `!`, `?` or an ellipsis (`...`, `…`), with any closing
  quotes and brackets after it, when whitespace follows and the next word does not start in
  lower case. A period is no end after a title or a Latin abbreviation that never closes a
  sentence (`Mr.`, `Dr.`, `e.g.`, `i.e.`, `cf.`, `vs.`), after dotted initials (`U.S.`,
  `a.m.`) or a lone capital (`J. Smith`), nor inside a number (`3.5`, no space after it).
  `;` and `:` end nothing: they join clauses of one sentence.
- Chinese: a sentence ends at `。`, `！`, `？` (or `!`, `?`, `……`), in any run (`？！`), with
  the closing quotes and brackets after it (`。”`, `！）`, `？」`). `；` ends nothing, as in
  English: translators put it where the English has `;` or `,`, and the aligner pairs
  sentences best when both sides cut at the same marks.

The result is offsets, not strings: the page wraps each sentence of the rendered text in its
own element, and must know where each one starts.
"""

from __future__ import annotations

import re

from ..model import Lang

_CLOSERS = "\"'”’)\\]»」』）】》"
# An English end: the marks, the closers, then the whitespace before the next sentence.
_EN_END = re.compile(rf"(?:\.{{3}}|…|[.!?])+[{_CLOSERS}]*(\s+)")
# What a new English sentence may start with: anything but a lower-case letter.
_EN_START = re.compile(r"[^a-z]")
# Words whose period never ends a sentence, lower-cased, without the final period.
_NEVER_LAST = frozenset("mr mrs ms dr prof sr jr st vs cf e.g i.e viz approx no fig".split())
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)[.]\W*$")
_INITIALS = re.compile(r"(?:^|[^A-Za-z.])(?:[A-Za-z]\.)+[A-Za-z]?$|(?:^|[^A-Za-z])[A-Z]$")

_ZH_END = re.compile(rf"(?:……|[。！？!?])+[{_CLOSERS}]*\s*")


def starts(text: str, lang: Lang) -> list[int]:
    """The offset in `text` of every sentence but the first: just after the end mark, its
    closers and the whitespace that follows. A text with one sentence gives []."""
    found = _en_starts(text) if lang == "en" else _zh_starts(text)
    return [i for i in found if 0 < i < len(text) and text[i:].strip()]


def sentences(text: str, lang: Lang) -> list[str]:
    """The sentences of `text`, stripped."""
    cuts = [0, *starts(text, lang), len(text)]
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def _en_starts(text: str) -> list[int]:
    found = []
    for end in _EN_END.finditer(text):
        after = end.end()
        if after < len(text) and _EN_START.match(text, after) and not _abbreviated(text, end.start()):
            found.append(after)
    return found


def _abbreviated(text: str, mark: int) -> bool:
    """Whether the period at `mark` closes an abbreviation rather than the sentence."""
    if text[mark] != "." or text.startswith("...", mark):
        return False
    before = text[:mark + 1]
    word = _WORD_BEFORE.search(before)
    if word and word.group(1).lower().rstrip(".") in _NEVER_LAST:
        return True
    return bool(_INITIALS.search(text[:mark]))


def _zh_starts(text: str) -> list[int]:
    return [end.end() for end in _ZH_END.finditer(text)]
