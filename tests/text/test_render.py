"""Essay -> the Markdown mkdocs renders, against golden files (`pytest --update-golden`)."""

from __future__ import annotations

from helpers import CHINESE_ONLY, essay_from, sample_essay_text, twelve_factor_text

from essays.render import excerpt_markdown, render_markdown
from essays.text.plain import plain_text
from essays.text.scripts import join_cjk_lines


def test_sample_essay_renders_as_golden(golden):
    golden("render/sample.md", render_markdown(essay_from(sample_essay_text())))


def test_twelve_factor_config_renders_as_golden(golden):
    golden("render/12factor-config.md", render_markdown(essay_from(twelve_factor_text("config"))))


def test_heading_pair_keeps_the_english_slug_and_labels_both_languages():
    text = render_markdown(essay_from(twelve_factor_text("config")))
    # the chapter's `###` is the page's h2: the title is its h1, and no level is skipped
    assert ('## <span lang="en">Store config in the environment</span> '
            '<span lang="zh-Hans" data-script="hans">在环境中存储配置</span>'
            '<span lang="zh-Hant" data-script="hant">在環境中存儲配置</span> '
            '{ #store-config-in-the-environment data-toc-label="Store config in the environment · 在环境中存储配置" }'
            ) in text


def test_excerpt_separator_follows_the_first_paragraph_pair():
    text = render_markdown(essay_from(twelve_factor_text("config")))
    first_paragraph = text.index('<div class="pair" id="p2"')
    assert text.index("<!-- more -->") > first_paragraph
    assert text.count("<!-- more -->") == 1


def test_line_breaks_inside_chinese_are_joined_but_not_around_latin():
    text = "如今，可以将几乎所有应用程序放入容器中并运行它。\n但是，创建云原生应用程序\nneeds effort。"
    assert join_cjk_lines(text) == "如今，可以将几乎所有应用程序放入容器中并运行它。但是，创建云原生应用程序\nneeds effort。"


def test_single_language_essay_is_one_plain_block_in_its_language():
    rendered = render_markdown(essay_from(CHINESE_ONLY))
    simplified, traditional = rendered.split("\n\n", 1)[1].split("</div>\n\n")
    assert rendered.startswith('# <span lang="zh-Hans" data-script="hans">潮流玩具风靡背后的心理学</span>'
                               '<span lang="zh-Hant" data-script="hant">潮流玩具風靡背後的心理學</span>')
    assert simplified == ('<div class="essay-mono" lang="zh-Hans" data-script="hans" markdown>\n\n'
                          "泡泡玛特其实已经有十年历史。\n\n“我们是创业老兵了，单泡泡玛特这个品牌就有9年。”\n\n")
    # (OpenCC 1.4.2 reads 十年历 as 年历 "calendar": 十年曆史; README, "Simplified and Traditional")
    assert traditional.startswith('<div class="essay-mono" lang="zh-Hant" data-script="hant" markdown>'
                                  "\n\n泡泡瑪特其實已經有十年")
    assert traditional.endswith("“我們是創業老兵了，單泡泡瑪特這個品牌就有9年。”\n\n</div>\n")


def test_a_card_has_no_anchors_no_permalinks_and_its_heading_pair_under_the_title():
    card = excerpt_markdown(render_markdown(essay_from(twelve_factor_text("config"))))
    head, more = card.split("<!-- more -->")
    # the listing shows many essays' p1 and p2: none of their ids or ¶ links
    assert 'id="p' not in head and "pair__link" not in head
    assert '<div class="pair pair--heading" markdown>\n\n## <span lang="en">Store config' in head
    assert '<div class="pair" markdown>\n<div class="pair__half" lang="en" markdown>\n\nAn app' in head
    assert head.startswith('# <span lang="en">III. Config</span>')
    assert more == "\n\n…\n"


def test_the_title_labels_a_table_of_contents_in_one_text():
    text = render_markdown(essay_from(twelve_factor_text("admin-processes")))
    assert text.splitlines()[0].endswith('{ .bilingual data-toc-label="XII. Admin processes · XII. 管理进程" }')


def test_heading_levels_start_at_h2_and_skip_none():
    essay = essay_from(twelve_factor_text("config").replace("### Store config", "#### Store config")
                       .replace("### 在环境中存储配置", "#### 在环境中存储配置"))
    assert "\n## <span lang=\"en\">Store config in the environment</span>" in render_markdown(essay)


def test_emphasis_inside_emphasis_leaves_no_asterisks():
    assert plain_text("**The app stores config in *environment variables*** (*env vars*)") == (
        "The app stores config in environment variables (env vars)")
    assert plain_text("是 *易处理（disposable）*的，2 * 3") == "是 易处理（disposable）的，2 * 3"
