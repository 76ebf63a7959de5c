"""Parsing real essays: blocks, languages, pairs, and the errors parsing itself detects."""

from __future__ import annotations

import datetime as dt

from helpers import (SAMPLE_PAIR_COUNT, essay_errors, essay_from, sample_essay_text,
                     twelve_factor_pair_count, twelve_factor_text)

from essays.text.blocks import split_blocks
from essays.text.scripts import language


def test_sample_essay_has_its_pairs_in_reading_order():
    essay = essay_from(sample_essay_text())
    assert not essay_errors(essay), essay_errors(essay)
    assert [p.number for p in essay.pairs] == list(range(1, SAMPLE_PAIR_COUNT + 1))
    assert essay.pairs[0].en.text.startswith("Becoming an RL diehard")
    assert essay.pairs[0].zh.text.startswith("过去一年里，我沉迷于强化学习（RL）")
    assert essay.pairs[4].en.text.startswith("In short, imitation is good")
    assert essay.pairs[4].zh.text.endswith("接受自身的局限 :)")
    assert essay.meta.title == "Life lessons from reinforcement learning"
    assert essay.meta.date == dt.date(2025, 7, 16)


def test_pair_lines_point_at_the_english_block():
    text = sample_essay_text()
    essay = essay_from(text)
    lines = text.split("\n")
    for pair in essay.pairs:
        assert lines[pair.line - 1] == pair.en.text.split("\n")[0]
        assert lines[pair.zh.line - 1] == pair.zh.text.split("\n")[0]


def test_twelve_factor_config_pairs_headings_lists_and_paragraphs():
    essay = essay_from(twelve_factor_text("config"))
    assert not essay_errors(essay), essay_errors(essay)
    kinds = [(p.kind, p.en.text[:20], p.zh.text[:8]) for p in essay.pairs[:3]]
    assert kinds == [
        ("heading", "### Store config in ", "### 在环境中"),
        ("paragraph", "An app's *config* is", "通常，应用的 *"),
        ("list", "* Resource handles t", "* 数据库，Me"),
    ]
    assert essay.meta is not None and len(essay.pairs) == twelve_factor_pair_count("config")


def test_chinese_table_of_library_names_pairs_with_its_english_table():
    # dev-prod-parity's second table is mostly Latin even in Chinese (Ruby/Rails, MySQL...).
    essay = essay_from(twelve_factor_text("dev-prod-parity"))
    assert not essay_errors(essay), essay_errors(essay)
    tables = [p for p in essay.pairs if p.kind == "html"]
    assert "<th>Type</th>" in tables[1].en.text and "<th>类型</th>" in tables[1].zh.text


def test_language_of_mixed_text():
    assert language("强化学习中的一个核心理念是“on-policy”（基于自身策略）") == "zh"
    assert language("The word 模仿 means imitation, which we study here.") == "en"
    assert language("`config/routes.rb` [1](http://example.com/a)") == "shared"


def test_code_blocks_and_images_are_shared_and_keep_their_blank_lines():
    blocks = split_blocks("Text.\n\n```py\na = 1\n\nb = 2\n```\n\n![A diagram](d.png)\n", 5)
    assert [(b.kind, b.lang, b.line) for b in blocks] == [
        ("paragraph", "en", 5), ("code", "shared", 7), ("image", "shared", 13)]
    assert blocks[1].text == "```py\na = 1\n\nb = 2\n```"


def test_heading_directly_followed_by_its_translation_is_two_blocks():
    blocks = split_blocks("## Config\n## 配置\n")
    assert [(b.kind, b.level, b.lang) for b in blocks] == [("heading", 2, "en"), ("heading", 2, "zh")]


ESSAY = """---
title: A title
title_zh: 标题
date: 2025-07-16
authors: [jason-wei]
---

First paragraph.

第一段。
"""


def test_missing_title_is_reported_on_the_front_matter_line():
    essay = essay_from(ESSAY.replace("title: A title\n", ""), "docs/posts/a.md")
    [finding] = essay_errors(essay)
    assert (finding.line, finding.code) == (1, "title-missing")
    assert str(finding).startswith("docs/posts/a.md:1: error title-missing")
    assert "add 'title: <English title>'" in finding.message


def test_bad_date_names_its_line():
    essay = essay_from(ESSAY.replace("2025-07-16", "16 July 2025"))
    [finding] = essay_errors(essay)
    assert (finding.line, finding.code) == (4, "date-invalid")
    assert "YYYY-MM-DD" in finding.message


def test_bad_yaml_names_its_line():
    essay = essay_from(ESSAY.replace("authors: [jason-wei]", "authors: [jason-wei"))
    [finding] = essay_errors(essay)
    assert finding.code == "front-matter-yaml"
    assert finding.line in (5, 6)  # where YAML notices the unclosed list


def test_unknown_language_is_an_error():
    essay = essay_from(ESSAY.replace("authors:", "languages: [en, fr]\nauthors:"))
    [finding] = essay_errors(essay)
    assert (finding.code, finding.line) == ("language-unknown", 5)
    assert "fr" in finding.message


def test_chinese_block_where_an_english_one_belongs():
    essay = essay_from(ESSAY + "\n多出来的一段中文。\n")
    [finding] = essay_errors(essay)
    assert (finding.code, finding.line) == ("missing-en", 12)
    assert finding.zh == "多出来的一段中文。"


def test_chinese_only_essay_has_no_pairs():
    text = ESSAY.replace("authors:", "languages: [zh]\nauthors:").replace("First paragraph.\n\n", "")
    essay = essay_from(text)
    assert not essay_errors(essay) and essay.pairs == []
    assert [b.text for b in essay.body] == ["第一段。"]
