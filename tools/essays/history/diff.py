"""A word diff of two versions of a text, as `git diff --word-diff=plain` shows one:
`[-old-]{+new+}` inline. Words are runs of Latin letters and digits; each Han character is a
word of its own (Chinese has no spaces to cut at); spacing and punctuation are words too."""

from __future__ import annotations

import difflib
import re

from ..text.scripts import HAN_CHARS

_LETTER = rf"(?:(?![{HAN_CHARS}])[^\W_])"
_TOKEN = re.compile(rf"[{HAN_CHARS}]|{_LETTER}+(?:['’]{_LETTER}+)*|\S")
PLAIN = (("[-", "-]"), ("{+", "+}"))
# git's colours for a word diff: red for what went, green for what came.
COLOUR = (("\x1b[31m[-", "-]\x1b[m"), ("\x1b[32m{+", "+}\x1b[m"))


def tokens(text: str) -> list[re.Match]:
    return list(_TOKEN.finditer(text))


def word_diff(old: str, new: str, colour: bool = False) -> str:
    """`new` with what changed from `old` marked, deleted words before inserted ones. As in
    git, spacing separates words and is not compared: what stands between two words is the
    new text's (the old text's before a deleted word at the end)."""
    (gone_open, gone_close), (came_open, came_close) = COLOUR if colour else PLAIN
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, [m.group() for m in a], [m.group() for m in b],
                                      autojunk=False)
    out, at = [], 0  # `at`: how far into `new` the output has come
    for op, i0, i1, j0, j1 in matcher.get_opcodes():
        if op == "equal":
            out.append(new[at:b[j1 - 1].end()])
        elif op == "delete":  # between the old words' spacing; the new text's follows
            after = _gap(old, a, i1) if i0 == 0 and i1 < len(a) else ""
            out.append(f"{_gap(old, a, i0)}{gone_open}{_span(old, a, i0, i1)}{gone_close}{after}")
            continue
        else:
            gone = f"{gone_open}{_span(old, a, i0, i1)}{gone_close}" if op == "replace" else ""
            out.append(f"{new[at:b[j0].start()]}{gone}{came_open}{_span(new, b, j0, j1)}{came_close}")
        at = b[j1 - 1].end()
    return "".join(out) + new[at:]


def _span(text: str, words: list[re.Match], i0: int, i1: int) -> str:
    return text[words[i0].start():words[i1 - 1].end()]


def _gap(text: str, words: list[re.Match], i: int) -> str:
    """The spacing before word `i` of the text."""
    return text[words[i - 1].end() if i else 0:words[i].start()]
