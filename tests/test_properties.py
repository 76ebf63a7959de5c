"""Property-based tests (hypothesis): whatever text an author, a translator or a reader gives
them, the parser, the checker, the importers and the query parser end in a result or in our
own located errors — never in another exception — and within a bounded time per example.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essays.align.check import check_essay
from essays.importers.aligned import read_aligned_files
from essays.importers.commented import read_commented
from essays.importers.raw import read_raw_page
from essays.model import EssayError, Finding
from essays.parse import parse_text
from essays.render import render_markdown
from essays.text.reading import NotUtf8, decode

# Bounded: each example must finish within this (an accidental quadratic path fails here).
BOUNDED = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

# Pieces real essays are made of, so that examples reach deep into the parser and checker.
PIECES = st.sampled_from([
    "\n", "\n\n", "---\n", "title: T\n", "title_zh: 标题\n", "date: 2025-01-01\n", "date: 2025-02-30\n",
    "authors: [a]\n", "languages: [zh]\n", "source:\n  url: x\n", "# Heading\n", "## 标题\n",
    "Some English text with 3 numbers 42.\n", "一段中文，有数字四十二。\n", "- item\n", "1. 第一\n",
    "    indented\n", "```\ncode\n", "```\n", "$$\nx\n", "> quote\n", "| a | b |\n|---|---|\n",
    "<div class=\"x\">\n", "</div>\n", "<!-- c -->\n", "::: zh\n", "::: en\n", ":::\n", "!!! note\n",
    "![img](a.png)\n", "[link](b.md)\n", "{#id}", "\t", "待译\n", "**译者**：某人\n", "\x00", "\x1b[2J",
])
ESSAY_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=40).map("".join)


def our_errors_only(call):
    try:
        return call()
    except EssayError as error:
        assert error.findings and all(isinstance(f, Finding) and f.line >= 1 for f in error.findings)
        return None


@BOUNDED
@given(ESSAY_TEXT)
def test_parse_and_check_any_text(text):
    essay = parse_text(text, "essay.md")
    findings = check_essay(essay)
    assert all(f.path == "essay.md" and 1 <= f.line <= text.count("\n") + 2 for f in findings)
    if essay.meta is not None and not [f for f in findings if f.severity == "error"]:
        render_markdown(essay)  # what checks clean renders


@BOUNDED
@given(ESSAY_TEXT, ESSAY_TEXT)
def test_import_any_two_files(en, zh):
    draft = our_errors_only(lambda: read_aligned_files(en, "en.md", zh, "zh.md"))
    if draft is not None:
        assert all(f.path in ("en.md", "zh.md") for f in draft.breaks)
        parse_text(draft.render() if draft.title else "", "essay.md")


@BOUNDED
@given(ESSAY_TEXT)
def test_import_any_commented_page(text):
    page = text.replace("::: en", "<!--").replace(":::", "-->")
    draft = our_errors_only(lambda: read_commented(page, "page.md"))
    if draft is not None:
        assert all(f.path == "page.md" for f in draft.breaks)


@BOUNDED
@given(st.text(max_size=300))
def test_import_any_raw_page(text):
    draft = our_errors_only(lambda: read_raw_page(text, "page.txt"))
    if draft is not None:  # one block per non-empty line, none lost to chrome before its markers
        assert all(block and block == block.strip() for block in draft.blocks)


@BOUNDED
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_say_which_encoding(data):
    try:
        decode(data, "essay.md")
    except NotUtf8 as problem:
        assert problem.finding.code == "encoding" and problem.finding.line >= 1


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from helpers import documents, sample_essay_text
    from essays.search.query import open_index
    from essays.search.whoosh_index import build_index

    folder = tmp_path_factory.mktemp("index")
    build_index(documents([(parse_text(sample_essay_text(), "docs/posts/sample.md"), "/sample/")]), folder)
    return open_index(folder)


QUERY = st.lists(st.one_of(st.sampled_from(['"', "AND", "OR", "NOT", "*", "en:", "zh:", "(", ")",
                                            "强化学习", "policy", "~2", "^3", "[a TO z]", "'", " "]),
                           st.text(max_size=10)), max_size=12).map(" ".join)


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(QUERY)
def test_any_query_searches(index, text):
    from essays.search.query import search

    for hit in search(index, text, limit=3):
        assert hit.url.startswith("/sample/#p")

