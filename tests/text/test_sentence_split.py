"""The sentence splitter on real sentences: abbreviations, numbers, quotes, Chinese marks."""

from __future__ import annotations

import pytest

from essays.text.sentences import sentences, starts


@pytest.mark.parametrize("text, expected", [
    # 12factor, config: "etc)." ends the sentence, "e.g.," inside one does not
    ("An app's config is everything that is likely to vary between deploys (staging, "
     "production, developer environments, etc).  This includes:",
     ["An app's config is everything that is likely to vary between deploys (staging, "
      "production, developer environments, etc).", "This includes:"]),
    ("Even when running only one process, a restart will usually wipe out all local (e.g., "
     "memory and filesystem) state.", None),
    ("Sources such as e.g. Amazon S3 and i.e. Twitter stay one.", None),
    ("Mr. Wiggins and Dr. Smith moved to the U.S. West Coast in 2011.", None),
    ("J. R. R. Tolkien wrote it.", None),
    ("Version 3.5 is 2.5 times faster than v1.20.", None),
    # a question, an exclamation, closing quotes and brackets
    ("Is it on-policy? Yes! He said “stop.” Then he left. (See the note.) It ended.",
     ["Is it on-policy?", "Yes!", "He said “stop.”", "Then he left.", "(See the note.)",
      "It ended."]),
    # an ellipsis ends a sentence before a capital, not before a lower-case word
    ("We waited... and waited... Nothing came.", ["We waited... and waited...", "Nothing came."]),
    ("It is done… Next one.", ["It is done…", "Next one."]),
    # ";" and ":" join clauses
    ("it's easy to check in a config file; there is a tendency to scatter them: see below.", None),
    # a line ending in a smiley (the sample essay's last sentence)
    ("In short, imitation is good. But play to your own strengths :)",
     ["In short, imitation is good.", "But play to your own strengths :)"]),
])
def test_english(text, expected):
    assert sentences(text, "en") == (expected or [text])


@pytest.mark.parametrize("text, expected", [
    ("有些应用在代码中使用常量保存配置。配置文件在各部署间存在大幅差异，代码却完全一致。",
     ["有些应用在代码中使用常量保存配置。", "配置文件在各部署间存在大幅差异，代码却完全一致。"]),
    # ！ ？ and their runs; closers stay with the sentence they close
    ("真的吗？！他说：“停下。”然后走了。（见注释。）结束！",
     ["真的吗？！", "他说：“停下。”", "然后走了。", "（见注释。）", "结束！"]),
    ("他问「为什么？」我答不上来……后来才明白。", ["他问「为什么？」", "我答不上来……", "后来才明白。"]),
    # ； and ： end nothing (as ; and : in English)
    ("比如某位研究者能跑YOLO实验，而我没有；又比如一个足球运动员能成功控球。", None),
    ("例如，我更热衷于两件事：（1）阅读大量数据；（2）通过消融实验理解系统。", None),
    # half-width ? and ! in Chinese text, and the Latin of a version number
    ("这是 v1.20 吗?是的!", ["这是 v1.20 吗?", "是的!"]),
    ("“乱试”的每一个决策。", None),
])
def test_chinese(text, expected):
    assert sentences(text, "zh") == (expected or [text])


def test_starts_are_where_the_next_sentence_begins():
    text = "One. Two.  Three."
    assert starts(text, "en") == [5, 11]
    assert starts("一。二。", "zh") == [2]
    assert starts("Only one.", "en") == [] and starts("只有一句。", "zh") == []
