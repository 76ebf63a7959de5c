"""Traditional Chinese: an essay written in it checks, is indexed and renders as written, and
search folds both scripts (強化學習 finds what 强化学习 finds)."""

from __future__ import annotations

import pytest
from helpers import essay_errors, essay_from, sample_essay_text

from essays.render import render_markdown
from essays.search.documents import essay_documents
from essays.search.query import open_index, search
from essays.search.whoosh_index import build_index
from essays.text.conversion import HANT, convert_markdown, written_script

# The sample essay with its translation written in Traditional: the real text, through OpenCC.
HANT_SAMPLE = convert_markdown(sample_essay_text(), "s2tw")


def index_of(text: str, tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("site") / ".index"
    build_index([essay_documents(essay_from(text), "sample/")], index_dir)
    return open_index(index_dir)


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    """The sample as written (Simplified), and with its translation written in Traditional."""
    return [index_of(sample_essay_text(), tmp_path_factory), index_of(HANT_SAMPLE, tmp_path_factory)]


def pairs(ix, query: str) -> list[str]:
    return sorted(hit.url for hit in search(ix, query, limit=50))


def test_a_traditional_translation_checks_clean_and_is_detected():
    essay = essay_from(HANT_SAMPLE)
    assert "強化學習" in HANT_SAMPLE and not essay_errors(essay)
    assert written_script("\n".join(p.zh.text for p in essay.pairs)) == HANT


def test_it_renders_as_written_in_zh_hant_and_converted_for_simplified():
    page = render_markdown(essay_from(HANT_SAMPLE))
    assert ('<div class="pair__half" lang="zh-Hant" data-script="hant" markdown>\n\n'
            "過去一年裡，我沉迷於強化學習（RL）") in page
    assert ('<div class="pair__half" lang="zh-Hans" data-script="hans" markdown>\n\n'
            "过去一年里，我沉迷于强化学习（RL）") in page


@pytest.mark.parametrize("traditional, simplified", [("強化學習", "强化学习"), ("模仿", "模仿"),
                                                     ("控球", "控球"), ("習慣於研究", "习惯于研究")])
def test_both_scripts_find_the_same_pairs_in_both_essays(indexes, traditional, simplified):
    found = pairs(indexes[0], simplified)
    assert found  # the sample's own recall (tests/recall.py)
    assert [pairs(ix, query) for ix in indexes for query in (traditional, simplified)] == [found] * 4


def test_code_and_link_targets_keep_their_characters():
    half = "见`强化学习.py`和[强化学习](https://zh.wikipedia.org/wiki/强化学习)，<b title=\"学习\">学习</b>"
    assert convert_markdown(half, "s2tw") == (
        "見`强化学习.py`和[強化學習](https://zh.wikipedia.org/wiki/强化学习)，<b title=\"学习\">學習</b>")
