"""The parser's and plain text's shortcuts give what the long way gives, on every fixture.

`essays check` and `essays stale` run these for every block of every essay (and of every
committed version of it): plain text skips a rule whose marker the text lacks, kind_of decides
a block that opens with a letter in two tests, and a block's kind and language and an essay's
front matter are cached by their text. Each test compares with the long way, so a shortcut
that gives another answer, or an entry served for text it was not made from, fails here.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from helpers import FIXTURES, PROJECT_POSTS

from essays.bench.fixtures import essay_texts
from essays.parse import parse_text
from essays.text import plain
from essays.text.blocks import (ADMONITION, FOOTNOTE_DEF, INDENTED, LIST_ITEM, _lettered, _marked,
                                 _takes_indented, classify, kind_of, split_blocks)
from essays.text.reading import control_characters

# Markup each rule of plain.py removes, written where a guard could miss it.
MARKUP = [
    "## [Config](config.md) *now* {#config}",
    "A [link][ref] and a footnote[^1], `code`, **bold *and italic***, \\*escaped\\*",
    "<!-- a note --> <span class=\"x\">tag</span> ![alt](a.png)",
    "> quoted\n> > nested\n- item\n1. first\n2) second",
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    "Title #\n中文\n第二行 __下划线__ and_snake_case",
    "no markup at all, only words and a full stop.",
    "# Heading ##\n\n   ### Indented heading",
]


def _every_rule(markdown: str) -> str:
    """plain_text without the guards: each rule run on the text, as before them."""
    text = markdown
    for pattern, replacement, _ in plain._RULES:
        text = pattern.sub(replacement, text)
        while pattern is plain._EMPHASIS and pattern.search(text):
            text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", plain.join_cjk_lines(text)).strip()


def _fixture_blocks() -> list[str]:
    texts = [*essay_texts(FIXTURES).values(), *(p.read_text(encoding="utf-8") for p in PROJECT_POSTS)]
    return [block.text for text in texts for block in parse_text(text, "x.md").blocks]


@pytest.fixture(scope="module")
def blocks() -> list[str]:
    found = _fixture_blocks()
    assert len(found) > 500  # the fixtures' essays, not an empty list
    return found


def test_plain_text_guards_change_nothing(blocks):
    for text in [*MARKUP, *blocks]:
        assert plain.plain_text(text) == _every_rule(text), text


def test_whitespace_is_the_same_to_str_split_and_to_regex():
    """plain_text collapses spaces with str.split, as it did with `\\s+`: the same characters."""
    space = re.compile(r"\s")
    assert [c for c in map(chr, range(sys.maxunicode + 1))
            if bool(space.match(c)) != c.isspace()] == []


def test_plain_text_still_removes_markup():
    assert plain.plain_text(MARKUP[0]) == "Config now"
    assert plain.plain_text(MARKUP[4]) == "a b 1 2"


LETTERED = [
    "Title\n=====",  # setext headings
    "标题\n---",
    "Name | Age\n--- | ---\nBob | 3",  # a table whose first cell opens with a letter
    "Plain words\nover two lines",
    "Words\n---\nmore",  # not a setext heading: three lines
    "Éclair — a word with an accent",
    "中文段落，没有标记。",
]


def test_a_block_opening_with_a_letter_is_classified_as_every_rule_would(blocks):
    lettered = [text for text in [*LETTERED, *blocks] if text[:1].isalpha()]
    assert len(lettered) > 300
    for text in lettered:
        lines = text.split("\n")
        assert _lettered(lines) == _marked(lines), text
    assert kind_of(LETTERED[0].split("\n")) == ("heading", 1)
    assert kind_of(LETTERED[2].split("\n")) == ("table", 0)


def test_a_line_opening_with_a_letter_takes_no_indented_lines(blocks):
    lines = [line for text in [*LETTERED, *blocks] for line in text.split("\n")]
    lettered = [line for line in lines if line[:1].isalpha()]
    assert len(lettered) > 300
    for line in lettered:
        assert not any(p.match(line) for p in (LIST_ITEM, ADMONITION, FOOTNOTE_DEF, INDENTED))
        assert not _takes_indented(line)
    assert _takes_indented("- item") and _takes_indented("!!! note") and _takes_indented("    x")


def test_control_characters_are_found_on_their_own_lines():
    text = "clean\n\tindented, tab\r\nfine\nbad \x1b here\nfine\n\x00"
    assert [f.line for f in control_characters(text, "x.md")] == [4, 6]
    assert control_characters("clean\n\ttab\r\n", "x.md") == []


def test_a_block_is_classified_by_its_own_text_not_a_cached_one():
    english = split_blocks("Sentence one.\n\nSentence two.")
    assert [(b.kind, b.lang, b.line) for b in english] == [("paragraph", "en", 1),
                                                          ("paragraph", "en", 3)]
    edited = split_blocks("Sentence one.\n\n第二句。")  # the second block's text changed
    assert [(b.kind, b.lang) for b in edited] == [("paragraph", "en"), ("paragraph", "zh")]
    moved = split_blocks("\n\n\nSentence one.")  # the same text further down: its own line
    assert moved[0].line == 4 and moved[0].text == "Sentence one."
    assert classify("## Sentence one.") == ("heading", "en", 2)


ESSAY = """---
title: {title}
date: 2025-07-16
---

English paragraph.

中文段落。
"""


def test_front_matter_is_read_again_when_it_changes():
    first = parse_text(ESSAY.format(title="First"), "docs/posts/a.md")
    again = parse_text(ESSAY.format(title="Second"), "docs/posts/a.md")
    assert (first.meta.title, again.meta.title) == ("First", "Second")


def test_front_matter_findings_name_each_essay_and_are_not_shared():
    broken = ESSAY.replace("date: 2025-07-16\n", "")
    a = parse_text(broken.format(title="T"), "docs/posts/a.md")
    b = parse_text(broken.format(title="T"), "docs/posts/b.md")
    again = parse_text(broken.format(title="T"), "docs/posts/a.md")
    assert [(f.path, f.code) for f in a.findings] == [("docs/posts/a.md", "date-missing")]
    assert [(f.path, f.code) for f in b.findings] == [("docs/posts/b.md", "date-missing")]
    assert again.findings == a.findings and again.findings is not a.findings
    a.findings.append("not a finding")  # a caller's list is its own
    assert len(parse_text(broken.format(title="T"), "docs/posts/a.md").findings) == 1


# Markdown's markup characters and the whitespace `\s` and str.split() both know, with words
ANY_MARKUP = st.lists(st.one_of(st.sampled_from(list("<!-[]()^{}:#.>*+)|`_\\~ \t\n\u3000\x1c\xa0") + [
    "<!--", "-->", "![a](b.png)", "[a](b.md)", "[a][r]", "[^1]", "{#id}", "<em>", "</em>", "## ",
    " ##", "> ", "- ", "1. ", "2) ", "|---|", "`code`", "**b**", "_i_", "***bi***", "\\*", "中文",
    "，", "English"]), st.text(max_size=8)), max_size=30).map("".join)


@settings(max_examples=300, deadline=2000)
@given(ANY_MARKUP)
def test_plain_text_guards_change_nothing_on_any_markup(markdown):
    assert plain.plain_text(markdown) == _every_rule(markdown)
