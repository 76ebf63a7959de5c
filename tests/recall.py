"""The recall bar of the search issue, on the sample essay: query -> the pairs it must find.

One home for the tables, so every search the site has is held to the same ones: the whoosh
index (search/test_index.py), `essays search` (search/test_search_cli.py), the browser index's
postings (search/test_browser_index.py) and the worker in Chromium (browser/test_search*.py).
"""

from __future__ import annotations

# query -> the numbers of the sample's pairs it finds, and no others
SAMPLE_RECALL = {
    "imitation": {2, 3, 5},
    "imitate": {2, 3, 5},  # inflection: the pair says "imitate", others "imitation"
    "Imitation": {2, 3, 5},  # case
    "模仿": {2, 3, 5},
    "消融": {4},  # part of 消融实验
    "annotator": {4},
    "足球": {3},
    "学习": {1, 2, 3, 5},  # inside 强化学习 and 模仿学习
    "控球": {3},  # a word jieba keeps whole in 能成功控球
    "习惯于研究": {3},  # crosses jieba's boundary 习惯于|研究
    "ablating": {4},  # the text says "ablations" and "ablating"
    "ABLATIONS": {4},
    "Imitation 模仿": {2, 3, 5},  # both languages in one query
    "imitation 模仿": {2, 3, 5},
    "imitation模仿": {2, 3, 5},  # even without a space
    "模仿 imitate": {2, 3, 5},
    "yolo 实验": {3, 4},
    "球": {3},  # one character finds it inside words
}

# query -> the sample's pair that comes first, among the sample and twelve-factor essays
SAMPLE_FIRST = {
    "消融": 4,
    "annotator": 4,
    "足球": 3,
    "习惯于研究": 3,
    "ablating": 4,
}

# (query, the only language searched) -> the sample's pairs it finds (`--lang`)
SAMPLE_RECALL_BY_LANG = {
    ("模仿", "en"): set(),
    ("模仿", "zh"): {2, 3, 5},
    ("RL", "zh"): {1, 2, 4},
}

# phrase query -> the sample's pairs that have its words in this order (whoosh and the CLI)
SAMPLE_PHRASES = {
    '"imitation learning"': {2, 3},
    '"learning imitation"': set(),
}
