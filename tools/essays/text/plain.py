"""Markdown as the reader sees it: the text search indexes and shows, titles and slugs.

The one Markdown -> plain text in the package.

Search works on words, so markup (link targets, emphasis markers, heading hashes, list bullets,
HTML tags) would otherwise become terms and show up in results.
"""

from __future__ import annotations

import re

from .scripts import join_cjk_lines

# Each rule with the text it cannot match without (any one of them): most paragraphs have
# no markup, and a substring test is far cheaper than a regex scan that finds nothing.
_RULES = [
    (re.compile(r"<!--.*?-->", re.S), " ", ("<!--",)),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1", ("![",)),  # images: their alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1", ("](",)),  # inline links: their text
    (re.compile(r"\[([^\]^][^\]]*)\]\[[^\]]*\]"), r"\1", ("][",)),  # reference links
    (re.compile(r"\[\^[^\]]+\]"), "", ("[^",)),  # footnote references
    (re.compile(r"\{[:#.][^}]*\}"), "", ("{",)),  # attr_list
    (re.compile(r"</?[A-Za-z][^>]*>"), " ", ("<",)),  # HTML tags
    (re.compile(r"^ {0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$", re.M), "", ("#",)),  # heading hashes
    (re.compile(r"^ {0,3}(?:>[ \t]?)+", re.M), "", (">",)),  # quote markers
    (re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", re.M), "", ()),  # list bullets
    (re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$", re.M), "",
     ("-",)),  # table rules
    (re.compile(r"\|"), " ", ("|",)),  # table cells
    (re.compile(r"`+"), "", ("`",)),  # code spans keep their text
    (_EMPHASIS := re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1"), r"\2", ("*", "_")),  # emphasis
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1", ("\\",)),  # backslash escapes
]


def plain_text(markdown: str) -> str:
    """`## [Config](x.md) *now*` -> `Config now`: one line, markup gone, words kept."""
    text = markdown
    for pattern, replacement, needs in _RULES:
        if needs and not any(map(text.__contains__, needs)):
            continue
        text = pattern.sub(replacement, text)
        # emphasis inside emphasis (`**bold *and italic***`): each pass takes off one level
        while pattern is _EMPHASIS and pattern.search(text):
            text = pattern.sub(replacement, text)
    return " ".join(join_cjk_lines(text).split())  # str.split's whitespace is regex \s
