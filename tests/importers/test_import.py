"""`essays import` on real files, through the CLI, in a real temporary site."""

from __future__ import annotations

import os

from click.testing import CliRunner
from helpers import SAMPLE_PAGE, SAMPLE_PAIR_COUNT, TWELVE_FACTOR, essay_errors, run_essays as run

from essays.cli import main
from essays.importers.raw import full_width_punctuation
from essays.parse import parse_file


def test_import_raw_page_writes_the_essay_and_prints_its_path(site):
    result = run("import", SAMPLE_PAGE, "--title-zh", "强化学习带给我的人生启示")
    assert result.exit_code == 0, result.output
    assert result.output == "docs/posts/life-lessons-from-reinforcement-learning.md\n"
    essay = parse_file(site / "docs/posts/life-lessons-from-reinforcement-learning.md")
    assert not essay_errors(essay), essay_errors(essay)
    assert (essay.meta.title, essay.meta.title_zh, essay.meta.authors) == (
        "Life lessons from reinforcement learning", "强化学习带给我的人生启示", ("jason-wei",))
    assert len(essay.pairs) == SAMPLE_PAIR_COUNT
    assert essay.pairs[3].en.text.startswith("The lesson of doing RL on policy")
    assert essay.pairs[3].zh.text.startswith("基于自身策略地做RL告诉我们的道理是：")
    # the author is added to Material's author list
    assert "jason-wei:\n    name: Jason Wei" in (site / "docs/.authors.yml").read_text()


def test_old_site_chrome_is_dropped(site):
    run("import", SAMPLE_PAGE)
    text = (site / "docs/posts/life-lessons-from-reinforcement-learning.md").read_text()
    for chrome in ("热门主题", "Recent Articles", "潘乱", "Refer To"):
        assert chrome not in text
    assert text.rstrip().endswith("并发挥自己的独特优势与接受自身的局限 :)")


def test_import_refuses_to_overwrite_without_force(site):
    target = site / "docs/posts/life-lessons-from-reinforcement-learning.md"
    run("import", SAMPLE_PAGE)
    target.write_text("edited by hand", encoding="utf-8")
    result = run("import", SAMPLE_PAGE)
    assert result.exit_code == 1
    assert "docs/posts/life-lessons-from-reinforcement-learning.md:1: error exists" in result.output
    assert "--force" in result.output
    assert target.read_text() == "edited by hand"
    assert run("import", SAMPLE_PAGE, "--force").exit_code == 0
    assert target.read_text().startswith("---\ntitle: Life lessons")


def test_import_two_aligned_files(site):
    result = run("import", "--en", TWELVE_FACTOR / "en/config.md", "--zh", TWELVE_FACTOR / "zh_cn/config.md",
                 "--date", "2012-01-01", "--author", "Adam Wiggins", "--category", "The Twelve-Factor App",
                 "--source-title", "The Twelve-Factor App", "--source-url", "https://12factor.net/",
                 "--license", "MIT")
    assert result.exit_code == 0, result.output
    essay = parse_file(site / result.output.strip())
    assert not essay_errors(essay), essay_errors(essay)
    assert (essay.meta.title, essay.meta.title_zh) == ("III. Config", "III. 配置")
    assert essay.meta.source.license == "MIT" and essay.meta.source.url == "https://12factor.net/"
    assert essay.pairs[1].en.text.startswith("An app's *config* is everything")
    assert essay.pairs[1].zh.text.startswith("通常，应用的 *配置* 在不同")


def test_bad_raw_page_fails_with_path_and_line_and_writes_nothing(site, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Life lessons without a date\n\nSome text.\n", encoding="utf-8")
    result = run("import", page)
    assert result.exit_code == 1
    assert f"{page}:1: error raw-header: first line is not 'YYYY-MM-DD Author.Title'" in result.output
    assert list((site / "docs/posts").iterdir()) == []


def test_misaligned_files_fail_at_the_break_and_write_nothing(site, tmp_path):
    en = tmp_path / "en.md"
    zh = tmp_path / "zh.md"
    en.write_text("## Title\n\nOne short line.\n\nA much longer second paragraph that goes on "
                  "for a while about several things at once.\n", encoding="utf-8")
    zh.write_text("## 标题\n\n一句短话。\n", encoding="utf-8")
    result = run("import", "--en", en, "--zh", zh)
    assert result.exit_code == 1
    assert f"{en}:5: error import-missing-zh: the English block (line 5) has no translation" in result.output
    assert f"translate it in {zh}" in result.output
    assert os.listdir(site / "docs/posts") == []


def test_usage_errors_exit_2(site):
    assert run("import").exit_code == 2
    assert run("import", SAMPLE_PAGE, "--en", SAMPLE_PAGE).exit_code == 2


def test_every_command_has_help():
    for command in main.commands:
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage: main" in result.output or "Usage:" in result.output


def test_full_width_punctuation_only_touches_chinese():
    assert full_width_punctuation("过去一年里,我沉迷于强化学习(RL),几乎") == "过去一年里，我沉迷于强化学习（RL），几乎"
    assert full_width_punctuation("(1)阅读大量数据;(2)通过") == "（1）阅读大量数据；（2）通过"
    assert full_width_punctuation("局限 :)") == "局限 :)"
    assert full_width_punctuation("RL (on-policy), yes") == "RL (on-policy), yes"


def test_a_raw_page_s_markup_never_reaches_the_title_or_the_author(site, tmp_path):
    page = tmp_path / "hostile.txt"
    hostile_title = "Hostile <img src=x onerror=alert(1)> title<script>alert(2)</script>"
    page.write_text(f"2025-07-16 Eve <b>Smith</b>.{hostile_title}\n{hostile_title}\n\n"
                    "Hello world.\n\n你好世界。\n", encoding="utf-8")
    result = run("import", page)
    assert result.exit_code == 0, result.output
    essay = parse_file(site / result.output.strip())
    assert (essay.meta.title, essay.meta.authors) == ("Hostile title alert(2)", ("eve-smith",))
    assert [(p.en.text, p.zh.text) for p in essay.pairs] == [("Hello world.", "你好世界。")]
    assert "eve-smith:\n    name: Eve Smith\n" in (site / "docs/.authors.yml").read_text()


def test_a_raw_page_whose_author_has_angle_brackets_is_refused(site, tmp_path):
    page = tmp_path / "hostile.txt"
    page.write_text("2025-07-16 Eve <script.Title\n\nHello.\n\n你好。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(page)])
    assert result.exit_code == 1
    assert f"{page}:1: error raw-author: author 'Eve <script' has '<' or '>'" in result.output
    assert list((site / "docs" / "posts").iterdir()) == []
