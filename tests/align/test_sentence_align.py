"""Sentence links inside real pairs: which English sentences translate which Chinese ones."""

from __future__ import annotations

import pytest

from essays.align.sentences import SURE_MARGIN, align, align_texts


def shapes(links):
    return [(link.en, link.zh) for link in links]


def test_one_english_sentence_translated_as_two():
    # the sample essay, pair 2: "Obviously ..., but once ..." is two sentences in Chinese
    en = ("One of the big concepts in RL is that you always want to be “on-policy”: instead of "
          "mimicking other people’s successful trajectories, you should take your own actions and "
          "learn from the reward given by the environment. Obviously imitation learning is useful "
          "to bootstrap to nonzero pass rate initially, but once you can take reasonable "
          "trajectories, we generally avoid imitation learning because the best way to leverage "
          "the model’s own strengths (which are different from humans) is to only learn from its "
          "own trajectories. A well-accepted instantiation of this is that RL is a better way to "
          "train language models to solve math word problems compared to simple supervised "
          "finetuning on human-written chains of thought.")
    zh = ("强化学习中的一个核心理念是“on-policy”（基于自身策略）：不是模仿别人的成功路径，而是采取自己的行动，"
          "从环境中获取反馈并学习。显然，在一开始，为了把成功率从零提升到一个起点，模仿学习是非常有用的。"
          "但一旦你能够执行合理的轨迹，我们通常就会避免继续使用模仿学习，因为最能发挥模型自身（不同于人类）"
          "优势的方法，是只从它自己的轨迹中学习。一个广泛接受的例子是：相比于单纯用人类写的思路链做监督微调，"
          "用RL来训练语言模型解决数学应用题效果更好。")
    _, zh_sentences, links = align_texts(en, zh)
    assert zh_sentences[1] == "显然，在一开始，为了把成功率从零提升到一个起点，模仿学习是非常有用的。"
    assert shapes(links) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
    assert all(link.sure for link in links)


def test_two_english_sentences_translated_as_one():
    # 12factor, config, pair 4
    en = ["Apps sometimes store config as constants in the code.",
          "This is a violation of twelve-factor, which requires strict separation of config from code.",
          "Config varies substantially across deploys, code does not."]
    zh = ["有些应用在代码中使用常量保存配置，这与 12-Factor 所要求的代码和配置严格分离显然大相径庭。",
          "配置文件在各部署间存在大幅差异，代码却完全一致。"]
    assert shapes(align(en, zh)) == [((0, 1), (0,)), ((2,), (1,))]


def test_a_sentence_left_untranslated_is_linked_to_nothing():
    # 12factor, backing services, pair 4, with the Chinese of its fourth sentence deleted
    en = ["The code for a twelve-factor app makes no distinction between local and third party services.",
          "To the app, both are attached resources, accessed via a URL or other locator/credentials "
          "stored in the config.",
          "A deploy of the twelve-factor app should be able to swap out a local MySQL database with "
          "one managed by a third party (such as Amazon RDS) without any changes to the app's code.",
          "Likewise, a local SMTP server could be swapped with a third-party SMTP service (such as "
          "Postmark) without code changes.",
          "In both cases, only the resource handle in the config needs to change."]
    zh = ["12-Factor 应用不会区别对待本地或第三方服务。",
          "对应用程序而言，两种都是附加资源，通过一个 url 或是其他存储在 配置 中的服务定位/服务证书来获取数据。",
          "12-Factor 应用的任意 部署 ，都应该可以在不进行任何代码改动的情况下，将本地 MySQL 数据库换成第三方服务"
          "（例如 Amazon RDS）。",
          "上述 2 个例子中，仅需修改配置中的资源地址。"]
    assert shapes(align(en, zh)) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((4,), (3,))]


def test_one_sentence_each_side_is_sure():
    [link] = align(["The app is executed in the execution environment as one or more processes."],
                   ["运行环境中，应用程序通常是以一个和多个 进程 运行的。"])
    assert (link.en, link.zh, link.sure) == ((0,), (0,), True)


def test_an_ambiguous_merge_is_not_sure():
    # 12factor, backing services, pair 2: right, but "Examples include ..." alone fits the
    # Chinese almost as well as both sentences do
    en = ["A backing service is any service the app consumes over the network as part of its "
          "normal operation.",
          "Examples include datastores (such as MySQL or CouchDB), messaging/queueing systems (such "
          "as RabbitMQ or Beanstalkd), SMTP services for outbound email (such as Postfix), and "
          "caching systems (such as Memcached)."]
    zh = ["后端服务是指程序运行所需要的通过网络调用的各种服务，如数据库（MySQL，CouchDB），消息/队列系统"
          "（RabbitMQ，Beanstalkd），SMTP 邮件发送服务（ Postfix），以及缓存系统（Memcached）。"]
    [link] = align(en, zh)
    assert (link.en, link.zh) == ((0, 1), (0,))
    assert 0 < link.margin < SURE_MARGIN and not link.sure


@pytest.mark.parametrize("en, zh", [([], ["一。"]), (["One."], [])])
def test_nothing_on_one_side_links_nothing(en, zh):
    assert align(en, zh) == []
