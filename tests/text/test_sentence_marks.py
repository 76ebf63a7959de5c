"""The sentence marks in rendered pairs: spans in all three halves, the inline rule (emphasis,
links and code across a break), footnotes, raw HTML, unsure links, valid nesting."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from text.test_agreement import site_markdown

from essays.parse import parse_text
from essays.render import render_markdown
from essays.sentence_marks import SentenceMarksExtension

HEAD = "---\ntitle: T\ndate: 2024-01-01\n---\n\n"


def page(body: str, collect=None) -> str:
    md = site_markdown()
    SentenceMarksExtension(collect=collect).extendMarkdown(md)
    return md.convert(render_markdown(parse_text(HEAD + body, "t.md")))


def half(html: str, lang: str) -> str:
    """The inside of the pair's <p> in the half of `lang` (en, zh-Hans, zh-Hant)."""
    found = re.search(rf'<div class="pair__half"[^>]*lang="{lang}"[^>]*>\s*<p>(.*?)</p>', html, re.S)
    return found.group(1)


def groups(inner: str) -> list[tuple[str, str]]:
    """(group, text without tags) of each sentence span, in order."""
    return [(g, re.sub(r"<[^>]+>", "", text))
            for g, text in re.findall(r'<span data-s="(\d+)">(.*?)</span>(?=\s*(?:<span data-s|$))',
                                      inner, re.S)]


class _Nesting(HTMLParser):
    VOID = {"br", "img", "hr", "input", "meta", "link"}

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):  # <hr />: opens nothing
        pass

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.errors.append(tag)


def well_nested(html: str) -> bool:
    checker = _Nesting()
    checker.feed(html)
    return not checker.errors and not checker.open


def test_each_sentence_of_a_link_in_all_three_halves():
    html = page("Apps sometimes store config as constants in the code.  This is a violation of "
                "twelve-factor, which requires **strict separation of config from code**.  Config "
                "varies substantially across deploys, code does not.\n\n"
                "有些应用在代码中使用常量保存配置，这与 12-Factor 所要求的**代码和配置严格分离**显然大相径庭。"
                "配置文件在各部署间存在大幅差异，代码却完全一致。\n")
    assert half(html, "en") == (
        '<span data-s="1">Apps sometimes store config as constants in the code.</span>  '
        '<span data-s="1">This is a violation of twelve-factor, which requires <strong>strict '
        'separation of config from code</strong>.</span>  <span data-s="2">Config varies '
        'substantially across deploys, code does not.</span>')
    assert groups(half(html, "zh-Hans")) == [
        ("1", "有些应用在代码中使用常量保存配置，这与 12-Factor 所要求的代码和配置严格分离显然大相径庭。"),
        ("2", "配置文件在各部署间存在大幅差异，代码却完全一致。")]
    assert groups(half(html, "zh-Hant")) == [
        ("1", "有些應用在代碼中使用常量保存配置，這與 12-Factor 所要求的代碼和配置嚴格分離顯然大相逕庭。"),
        ("2", "配置文件在各部署間存在大幅差異，代碼卻完全一致。")]
    assert well_nested(html)


def test_a_break_inside_emphasis_a_link_or_code_is_no_break():
    split = []
    html = page("It is *one. Two* in a row. Then [a link. Here](x.md) ends. And `a. B` too. Last one.\n\n"
                "它是连续的一和二。然后是一个链接，到此结束。还有代码 a. B 也是。最后一句。\n",
                collect=lambda pair, en, zh, links: split.append(en))
    assert split == [["It is one. Two in a row.", "Then a link. Here ends.", "And a. B too.", "Last one."]]
    assert well_nested(html)


def test_emphasis_across_two_sentences_keeps_them_one():
    html = page("Short one. **Bold runs on. Across the break.** After it.\n\n"
                "短的一句。粗体跨过句号。之后。\n")
    inner = half(html, "en")
    assert "<strong>Bold runs on. Across the break.</strong>" in inner
    assert well_nested(html)


def test_a_footnote_reference_stays_with_its_sentence():
    html = page("The first claim of this essay.[^1] The second claim, which is longer.\n\n"
                "本文的第一个说法。[^1]第二个说法，它更长一些。\n\n[^1]: A note.\n\n[^1]: 一个注释。\n")
    en = half(html, "en")
    assert re.search(r'<span data-s="1">The first claim of this essay\.<sup id="fnref:1">.*?</sup>'
                     r'</span> <span data-s="2">The second claim, which is longer\.</span>', en)
    assert well_nested(html)


def test_an_image_pair_gets_no_marks():
    html = page("![Lifecycle](lifecycle.svg)\n\n::: zh\n![生命周期](lifecycle_zh-CN.svg)\n:::\n")
    assert "<p><img" in html and 'data-s="' not in html


def test_raw_inline_html_gets_no_marks():
    html = page("One <b>sentence. Two</b> here. Three.\n\n一句<b>话。两</b>句。三。\n")
    assert 'data-s="' not in html


def test_headings_and_one_sentence_pairs():
    html = page("## A heading. Two\n\n## 标题。二\n\nJust one sentence.\n\n只有一句。\n")
    assert html.count('data-s="') == 3  # the one-sentence pair only: en, Hans, Hant
    assert '<span data-s="1">Just one sentence.</span>' in html


def test_unsure_links_are_not_marked():
    # 12factor, backing services, pair 2: two sentences translated as one, but the second alone
    # fits the Chinese almost as well
    html = page("A backing service is any service the app consumes over the network as part of "
                "its normal operation. Examples include datastores (such as MySQL or CouchDB), "
                "messaging/queueing systems (such as RabbitMQ or Beanstalkd), SMTP services for "
                "outbound email (such as Postfix), and caching systems (such as Memcached).\n\n"
                "后端服务是指程序运行所需要的通过网络调用的各种服务，如数据库（MySQL，CouchDB），消息/队列系统"
                "（RabbitMQ，Beanstalkd），SMTP 邮件发送服务（ Postfix），以及缓存系统（Memcached）。\n")
    assert 'data-s="' not in html


def test_list_items_are_linked_item_by_item():
    # 12factor, config, pair 3
    html = page("* Resource handles to the database, Memcached, and other [backing services](b.md)\n"
                "* Credentials to external services such as Amazon S3 or Twitter\n"
                "* Per-deploy values such as the canonical hostname for the deploy\n\n"
                "* 数据库，Memcached，以及其他 [后端服务](b.md) 的配置\n"
                "* 第三方服务的证书，如 Amazon S3、Twitter 等\n"
                "* 每份部署特有的配置，如域名等\n")
    en = re.search(r'lang="en">\s*<ul>(.*?)</ul>', html, re.S).group(1)
    zh = re.search(r'lang="zh-Hans">\s*<ul>(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r'<li><span data-s="(\d)">(.*?)</span></li>', en) == [
        ("1", 'Resource handles to the database, Memcached, and other <a href="b.md">backing services</a>'),
        ("2", "Credentials to external services such as Amazon S3 or Twitter"),
        ("3", "Per-deploy values such as the canonical hostname for the deploy")]
    assert re.findall(r'<li><span data-s="(\d)">(.*?)</span></li>', zh) == [
        ("1", '数据库，Memcached，以及其他 <a href="b.md">后端服务</a> 的配置'),
        ("2", "第三方服务的证书，如 Amazon S3、Twitter 等"), ("3", "每份部署特有的配置，如域名等")]
    assert well_nested(html)


def test_lists_of_different_lengths_get_no_marks():
    html = page("- One item here.\n- Two items here.\n\n- 一项在这里。\n")
    assert 'data-s="' not in html


def test_a_latin_compound_in_chinese_is_kept_on_one_line_and_its_sentences_still_marked():
    html = page("This is a violation of twelve-factor. See the `one-off` [docs](x-y.md).\n\n"
                "这与 12-Factor 所要求的显然大相径庭。参见 `one-off` [one-off 文档](x-y.md)。\n")
    for lang in ("zh-Hans", "zh-Hant"):
        inner = half(html, lang)
        assert '<span class="nobreak">12-Factor</span>' in inner
        assert '<code>one-off</code>' in inner and 'href="x-y.md"' in inner  # code, targets: as written
        assert '<a href="x-y.md"><span class="nobreak">one-off</span>' in inner  # a link's text too
        assert [g for g, _ in groups(inner)] == ["1", "2"]  # the span made it no less markable
    assert "nobreak" not in half(html, "en")
    assert well_nested(html)
