"""The one analysis pipeline: English stems, Chinese bigrams, folded forms, ordinal positions."""

from __future__ import annotations

import pytest
from helpers import snowball_vocabulary
from whoosh.fields import ID, TEXT, Schema
from whoosh.lang.porter2 import stem as porter2_stem
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import QueryParser

from essays.search.analysis import ANALYZER, fold, stem, terms


def tokens(text: str, mode: str = "index", **options):
    return [(t.text, t.pos, t.startchar, t.endchar)
            for t in ANALYZER(text, positions=True, chars=True, mode=mode, **options)]


@pytest.mark.parametrize("words, stem", [
    ("imitate imitation imitations Imitating", "imit"),
    ("ablating ablation ablations", "ablat"),
    ("annotator annotators", "annot"),
    ("running runs run", "run"),  # jieba's ChineseAnalyzer gives "runn" for running
])
def test_english_inflections_share_one_stem(words, stem):
    assert set(terms(words)) == {stem}


def test_every_word_of_snowballs_vocabulary_stems_as_snowball_publishes():
    vocabulary = snowball_vocabulary()
    # A word that starts with an apostrophe ('s, 'as') is never a token: the tokenizer starts
    # words at a letter, and leaves such a word unstemmed.
    tokens = {word: expected for word, expected in vocabulary.items() if not word.startswith("'")}
    assert [word for word, expected in tokens.items() if stem(word) != expected] == []
    assert all(not t.startswith("'") for word in vocabulary.keys() - tokens for t in terms(word))


@pytest.mark.parametrize("word, older_stem, stem_now", [
    ("added", "ad", "add"),  # ad and added no longer meet
    ("internal", "intern", "internal"),
    ("interval", "interv", "interval"),
    ("organization", "organ", "organiz"),
    ("organic", "organ", "organic"),
    ("dying", "die", "die"),  # was an exception, now the rule for -ying after one consonant
])
def test_stems_are_the_current_snowball_english_not_whooshs_older_porter2(word, older_stem,
                                                                          stem_now):
    assert porter2_stem(word) == older_stem
    assert terms(word) == [stem_now]


def test_case_and_full_width_forms_fold_to_one_term():
    assert terms("RL rl Rl ＲＬ") == ["rl"] * 4
    assert terms("ＡＩ２０２５") == terms("ai2025") == ["ai2025"]
    assert terms("didn’t") == terms("didn't")
    assert fold("（１）") == "(1)"


def test_a_han_run_is_its_bigrams_in_a_query_and_also_its_characters_in_the_index():
    assert terms("强化学习", mode="query") == ["强化", "化学", "学习"]
    assert terms("强化学习") == ["强化", "强", "化学", "化", "学习", "学", "习"]
    assert terms("球", mode="query") == terms("球") == ["球"]


def test_positions_are_token_ordinals_and_chars_point_into_the_original_text():
    text = "Imitation 强化学习（RL）球"
    found = tokens(text)
    assert [(t, p) for t, p, _, _ in found] == [
        ("imit", 0),
        ("强化", 1), ("强", 1), ("化学", 2), ("化", 2), ("学习", 3), ("学", 3), ("习", 3),
        ("rl", 4), ("球", 5),
    ]
    for term, _, start, end in found:
        assert stem_of(text[start:end]) == term


def stem_of(original: str) -> str:
    return terms(original, mode="query")[0] if len(original) > 1 or original.isascii() else original


def test_query_positions_count_as_the_index_does():
    # A run of n characters takes n - 1 positions on both sides, so phrases line up.
    assert [p for _, p, _, _ in tokens("跑YOLO实验", mode="query")] == [0, 1, 2]
    assert [p for _, p, _, _ in tokens("成功地跑YOLO", mode="query")] == [0, 1, 2, 3]


def test_start_pos_and_start_char_are_honoured():
    found = tokens("learn 学习", start_pos=10, start_char=100)
    assert found[0] == ("learn", 10, 100, 105)
    assert found[1] == ("学习", 11, 106, 108)


def test_untokenized_text_is_one_folded_term():
    assert [t.text for t in ANALYZER("ＩＭＩＴ*", tokenize=False)] == ["imit*"]


# -- phrases, on a real whoosh index ------------------------------------------------------------


@pytest.fixture
def phrase_index():
    schema = Schema(id=ID(stored=True),
                    text=TEXT(analyzer=ANALYZER, phrase=True, multitoken_query="phrase"))
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        writer.add_document(id="ordered", text="Imitation learning is useful. 我仍习惯于研究他人，跑YOLO实验")
        writer.add_document(id="reversed", text="Learning imitation. 研究习惯于我，实验跑YOLO")
        writer.add_document(id="apart", text="imitation is a kind of learning; 习惯 又 于研究")
    return ix


@pytest.mark.parametrize("query, expected", [
    ('"imitation learning"', {"ordered"}),
    ('"imitating learned"', {"ordered"}),  # inflections meet in a phrase too
    ('"learning imitation"', {"reversed"}),
    ("习惯于研究", {"ordered"}),  # crosses jieba's word boundary 习惯于|研究
    ("于研", {"ordered", "apart"}),
    ('"跑YOLO实验"', {"ordered"}),
    ("imitation learning", {"ordered", "reversed", "apart"}),
])
def test_phrase_queries_match_words_in_order_only(phrase_index, query, expected):
    parser = QueryParser("text", phrase_index.schema)
    with phrase_index.searcher() as searcher:
        found = {hit["id"] for hit in searcher.search(parser.parse(query))}
    assert found == expected
