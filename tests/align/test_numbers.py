"""Numbers between the halves of a pair: a multiset, with Chinese numerals only where they are numbers."""

from __future__ import annotations

from essays.align import parity
from essays.model import Block, Pair
from essays.text.numerals import chinese_numbers, value


def pair_of(en: str, zh: str) -> Pair:
    return Pair(1, Block(en, 1, "paragraph", "en"), Block(zh, 3, "paragraph", "zh"))


def numbers_finding(en: str, zh: str) -> str | None:
    found = [f.message for f in parity.check_pair("e.md", pair_of(en, zh)) if f.code == "number-mismatch"]
    return found[0] if found else None


def test_a_number_written_twice_instead_of_another_is_flagged_and_named():
    assert numbers_finding("Steps (1) and (2).", "步骤（1）和（2）。") is None
    message = numbers_finding("Steps (1) and (2).", "步骤（2）和（2）。")
    assert message.startswith("numbers differ in pair 1: only the English has '1'; only the "
                              "Chinese has '2' twice (the English once) — ")


def test_the_same_set_with_other_counts_is_flagged():
    # As sets both halves are {1, 2}; the Chinese lost a '1' and gained a '2'.
    message = numbers_finding("Steps (1), (2) and (1) again.", "步骤（2）、（2）和（1）。")
    assert "only the English has '1' twice (the Chinese once)" in message
    assert "only the Chinese has '2' twice (the English once)" in message


def test_yi_in_a_word_excuses_no_english_1():
    # 一般 ("usually") is no number: the '1' the Chinese lost is reported.
    message = numbers_finding("Usually step 1 runs first.", "一般先运行第步。")
    assert message.startswith("numbers differ in pair 1: only the English has '1' — ")
    # 一个 is one of something, as the English "1 node" says: it stays a number.
    assert numbers_finding("Start 1 node.", "启动一个节点。") is None


def test_words_with_numerals_that_are_no_numbers():
    for word in ["一般", "一起", "一些", "一直", "一样", "统一", "唯一", "万一", "之一", "十分重要"]:
        assert chinese_numbers(word) == {}, word


def test_numerals_that_are_numbers():
    cases = {"一百个": "100", "三个": "3", "第二": "2", "十二个": "12", "三十分钟": "30",
             "二〇二二年": "2022", "两千": "2000", "一千万": "10000000", "一百零二": "102"}
    for text, number in cases.items():
        assert chinese_numbers(text) == {number: 1}, text
    assert chinese_numbers("一般来说一个人要两天") == {"1": 1, "2": 1}
    assert value("三万五千") == 35000


def test_scaled_numbers_match_across_languages():
    assert numbers_finding("Scaling up to your first 10 million users.", "扩展到第一个 1000 万用户。") is None
    assert numbers_finding("Scaling up to your first 10 million users.", "扩展你的用户数到第一个一千万。") is None
    assert numbers_finding("About 4 billion rows.", "大约 40亿行。") is None
    assert "only the English has '10000000'" in numbers_finding("10 million users.", "100 万用户。")
