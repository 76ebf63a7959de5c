"""The bench's browser step: which frequent words it searches besides `imitation` and `模仿`."""

from __future__ import annotations

from helpers import documents, essay_from, sample_essay_text, twelve_factor_text

from essays.bench.browser import frequent_words
from essays.search.analysis import terms
from essays.search.browser_index import write_browser_index


def test_the_frequent_words_are_the_english_word_and_chinese_bigram_in_most_pairs(tmp_path):
    """On the sample and five 12factor essays: `the` (in 36 pairs; `的`, in 37, is one
    character) and 应用 (28 pairs; 用 and 应, in 33 and 30, are one character each)."""
    items = [(essay_from(sample_essay_text(), "docs/posts/life.md"), "life/")]
    items += [(essay_from(twelve_factor_text(name), f"docs/posts/{name}.md"), f"{name}/")
              for name in ("codebase", "config", "backing-services", "logs", "processes")]
    write_browser_index(documents(items), tmp_path)
    words = frequent_words(tmp_path)
    assert words == {"en": "the", "zh": "应用"}
    assert all(terms(word, mode="query") == [word] for word in words.values())  # one term each
