"""One-language blocks (`::: zh` ... `:::`), image pairs and admonitions: parsed, checked, rendered."""

from __future__ import annotations

from helpers import ONE_LANGUAGE, essay_errors, essay_from

from essays.align.check import check_essay
from essays.model import Pair
from essays.render import render_markdown
from essays.search.documents import essay_documents

ESSAY = (ONE_LANGUAGE / "container-lifecycle.md").read_text(encoding="utf-8")
HEAD = "---\ntitle: A title\ntitle_zh: 标题\ndate: 2025-07-16\n---\n\n"


def body(essay):
    """Reading order as (what, number or language, first words)."""
    return [("pair", item.number, item.en.text[:12]) if isinstance(item, Pair)
            else (item.kind, item.lang, item.text[:12]) for item in essay.body]


def test_one_language_blocks_stand_between_pairs_and_pair_numbers_skip_them():
    essay = essay_from(ESSAY)
    assert body(essay) == [
        ("solo", "en", "::: en\n*Writ"),
        ("pair", 1, "A container "),
        ("solo", "zh", "::: zh\n**译者注"),
        ("pair", 2, "![The lifecy"),
        ("pair", 3, '!!! tip "Kee'),
        ("solo", "zh", "::: zh\nKuber"),
    ]


def test_an_image_then_a_zh_image_is_one_pair_with_an_image_per_language():
    image = essay_from(ESSAY).pairs[1]
    assert (image.kind, image.en.lang, image.zh.lang) == ("image", "en", "zh")
    assert image.en.text == "![The lifecycle of a container: created, running, stopped](lifecycle.svg)"
    assert image.zh.text == "![容器的生命周期：已创建、运行中、已停止](lifecycle_zh-CN.svg)"
    assert image.zh.line == ESSAY.split("\n").index(image.zh.text) + 1


def test_an_en_container_holding_one_image_pairs_too():
    text = HEAD + "::: en\n![Logo](logo.png)\n:::\n\n::: zh\n![标志](logo_zh.png)\n:::\n"
    [pair] = essay_from(text).pairs
    assert (pair.en.text, pair.zh.text) == ("![Logo](logo.png)", "![标志](logo_zh.png)")


def test_the_essay_checks_clean_a_zh_block_of_latin_and_no_han_included():
    assert check_essay(essay_from(ESSAY)) == []
    assert check_essay(essay_from(HEAD + "::: zh\nKubernetes：\n:::\n")) == []
    assert check_essay(essay_from(HEAD + "::: en\n本文的中文名字：容器\n:::\n")) == []


def test_the_admonitions_pair_as_one_block_each():
    admonition = essay_from(ESSAY).pairs[2]
    assert admonition.kind == admonition.zh.kind == "admonition"
    assert admonition.en.text.endswith("    Split the rest into other containers.")
    assert admonition.zh.text.endswith("    其余的拆分到别的容器中。")


def test_an_unclosed_container_is_an_error_at_its_opening_line():
    essay = essay_from(HEAD + "Text.\n\n文字。\n\n::: zh\n**译者注**：没有结尾\n", "docs/posts/a.md")
    [finding] = essay_errors(essay)
    assert str(finding) == ("docs/posts/a.md:11: error container-unclosed: '::: zh' is never "
                            "closed, so it runs to the end of the essay — close it with a ':::' "
                            "line after its last block")


def test_other_colon_fences_are_not_ours_and_stay_paragraphs():
    essay = essay_from(HEAD + "::: tip\nA VitePress tip.\n:::\n\n::: tip\n一个提示。\n:::\n")
    [pair] = essay.pairs
    assert (pair.kind, pair.en.text, pair.zh.text) == (
        "paragraph", "::: tip\nA VitePress tip.\n:::", "::: tip\n一个提示。\n:::")


def test_one_language_blocks_are_not_searched_as_pairs():
    documents = essay_documents(essay_from(ESSAY), "container/")
    assert [(d.pair, d.kind) for d in documents.pairs] == [(1, "paragraph"), (2, "image"),
                                                           (3, "admonition")]
    assert not any("译者注" in d.zh for d in documents.pairs)


def test_a_solo_block_renders_in_its_language_with_chinese_lines_joined():
    rendered = render_markdown(essay_from(ESSAY))
    assert ('<div class="solo" lang="zh-Hant" data-script="hant" markdown>\n\n**譯者注**：'
            '本文中的“容器”一詞指 Linux 容器。\n\n- 術語表見文末\n- 英文原文以圖示說明\n\n</div>') in rendered
    assert ('<div class="solo" lang="zh-Hans" data-script="hans" markdown>\n\n**译者注**：本文中的“容器”一词指 Linux 容器。'
            "\n\n- 术语表见文末\n- 英文原文以图示说明\n\n</div>") in rendered
    assert ('<div class="solo" lang="en" markdown>\n\n*Written for this project\'s tests by its '
            "authors.*\n\n</div>") in rendered


def test_essay_with_one_language_blocks_renders_as_golden(golden):
    golden("render/container-lifecycle.md", render_markdown(essay_from(ESSAY)))
