"""Material search entries per pair: what the browser indexes and what the reader sees."""

from __future__ import annotations

import re

import pytest
from helpers import essay_from, sample_essay_text, twelve_factor_text

from essays.browser_index import Variants, hidden_terms, pair_search_entries

URL = "life-lessons-from-reinforcement-learning/"
ZWSP = "\u200b"


@pytest.fixture(scope="module")
def sample():
    return essay_from(sample_essay_text(), "docs/posts/life.md")


@pytest.fixture(scope="module")
def entries(sample):
    return pair_search_entries(sample, URL)


def visible(text: str) -> str:
    return re.sub(r"<span hidden>.*?</span>|<[^>]+>", " ", text).replace(ZWSP, "")


def hidden(text: str) -> list[str]:
    match = re.search(r"<span hidden>(.*?)</span>", text)
    return match.group(1).split() if match else []


def test_one_entry_per_pair_located_at_its_anchor(entries):
    assert [e["location"] for e in entries] == [f"{URL}#p{n}" for n in range(1, 6)]
    assert all(set(e) == {"location", "title", "text"} for e in entries)
    # titles are searched (boosted) by Material: a number matches no query word
    assert [e["title"] for e in entries] == ["¶1", "¶2", "¶3", "¶4", "¶5"]


def test_the_reader_sees_both_languages_unchanged(sample, entries):
    text = entries[2]["text"]
    # one block: Material's results show only the blocks of an entry that match
    assert text.startswith('<p><span lang="en">Similarly in life') and '<span lang="zh-Hans">生活' in text
    shown = visible(text)
    assert sample.pairs[2].en.text in shown
    assert sample.pairs[2].zh.text in shown


def test_chinese_is_cut_into_words_with_zero_width_spaces(entries):
    assert f"{ZWSP}足球{ZWSP}" in entries[2]["text"]
    assert f"{ZWSP}消融{ZWSP}" in entries[3]["text"]


def test_hidden_terms_carry_other_forms_of_english_words(entries):
    assert "imitate" in hidden(entries[1]["text"])  # pair 2 says imitation; pair 3 imitate
    assert "imitation" not in hidden(entries[1]["text"])  # already visible


def test_forms_from_the_whole_site_reach_every_essay(sample):
    config = essay_from(twelve_factor_text("config"), "docs/posts/config.md")
    site = Variants.of([sample, config])
    words = hidden_terms("the app stores config in variables", site)
    assert "store" in words or "storing" in words or "stored" in words


def test_search_mode_sub_words_are_hidden_terms():
    assert {"核心", "理念"} <= set(hidden_terms("核心理念", Variants()))


def test_markup_in_text_is_escaped(sample):
    essay = essay_from(sample_essay_text().replace("imitation is good", "imitation < 1 & good"))
    text = pair_search_entries(essay, URL)[4]["text"]
    assert "imitation &lt; 1 &amp; good" in text
