"""A block's Markdown as the reader sees it: the text that search indexes and shows.

Search works on words, so markup (link targets, emphasis markers, heading hashes, list bullets,
HTML tags) would otherwise become terms and show up in results.
"""

from __future__ import annotations

import re

from .analysis import HAN_CHARS

_RULES = [
    (re.compile(r"<!--.*?-->", re.S), " "),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # inline links: their text
    (re.compile(r"\[([^\]^][^\]]*)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (re.compile(r"\{[:#.][^}]*\}"), ""),  # attr_list
    (re.compile(r"</?[A-Za-z][^>]*>"), " "),  # HTML tags
    (re.compile(r"^ {0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$", re.M), ""),  # heading hashes
    (re.compile(r"^ {0,3}(?:>[ \t]?)+", re.M), ""),  # quote markers
    (re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", re.M), ""),  # list bullets
    (re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$", re.M), ""),  # table rules
    (re.compile(r"\|"), " "),  # table cells
    (re.compile(r"`+"), ""),  # code spans keep their text
    (re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"),  # backslash escapes
]
# A line break inside Chinese is no space: 中文\n继续 reads (and must index) as 中文继续.
_HAN_LINE_BREAK = re.compile(rf"(?<=[{HAN_CHARS}，。；：、！？）」』”])[ \t]*\n[ \t]*(?=[{HAN_CHARS}（「『“])")
_SPACES = re.compile(r"\s+")


def plain_text(markdown: str) -> str:
    """`## [Config](x.md) *now*` -> `Config now`: one line, markup gone, words kept."""
    text = markdown
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return _SPACES.sub(" ", _HAN_LINE_BREAK.sub("", text)).strip()
