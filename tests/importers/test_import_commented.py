"""`essays import --commented`: kubernetes-blog posts, English kept in HTML comments."""

from __future__ import annotations


from click.testing import CliRunner
from helpers import FIXTURES, essay_errors

from essays.cli import main
from essays.importers.commented import read_commented
from essays.parse import parse_text

POSTS = FIXTURES / "kubernetes-blog"
I18N = POSTS / "2018-11-08-kubernetes-docs-update-i18n.md"
BORG = POSTS / "2015-04-00-Borg-Predecessor-To-Kubernetes.md"


def test_titles_and_date_come_from_both_front_matters():
    draft = read_commented(BORG.read_text(encoding="utf-8"), str(BORG))
    assert draft.title == "Borg: The Predecessor to Kubernetes"
    assert draft.title_zh == "Borg: Kubernetes 的前身"
    assert str(draft.date) == "2015-04-23"


def test_each_comment_becomes_the_english_before_its_chinese():
    draft = read_commented(I18N.read_text(encoding="utf-8"), str(I18N))
    essay = parse_text(draft.render(), "i18n.md")
    assert essay_errors(essay) == []
    first, heading = essay.pairs[0], essay.pairs[2]
    assert first.en.text == "**Author**: Zach Corleissen (Linux Foundation)"
    assert first.zh.text == "**作者**：Zach Corleissen （Linux 基金会）"
    assert (heading.en.text, heading.zh.text) == ("## Abbreviations galore", "## 丰富的缩写")
    code = [b for b in essay.body if not hasattr(b, "en") and b.kind == "code"]
    assert [b.text for b in code] == ["```\n/language ko\n```"]


def test_a_comment_holding_a_heading_and_a_paragraph_pairs_both():
    text = ("---\ntitle: 标题\ndate: 2023-01-02\n---\n<!--\ntitle: Title\n-->\n\n"
            "<!--\n## The role\n\nA long paragraph of English.\n-->\n## 作用\n\n一段很长的中文。\n")
    essay = parse_text(read_commented(text, "post.md").render(), "post.md")
    assert [(p.en.text, p.zh.text) for p in essay.pairs] == [
        ("## The role", "## 作用"), ("A long paragraph of English.", "一段很长的中文。")]


def test_chinese_without_its_comment_is_a_break_and_the_credit_is_chinese_only():
    post = POSTS / "keeping-kubernetes-secure-with-updated-go-versions.md"
    draft = read_commented(post.read_text(encoding="utf-8"), str(post))
    # the two headings the translator wrote with no English comment above them
    assert [(f.line, f.code, f.zh) for f in draft.breaks] == [
        (22, "import-missing-en", "### 问题 {#the-problem}"),
        (101, "import-missing-en", "### 解决方案 {#the-solution}")]
    assert "::: zh\n**译者**：顾欣 (ICBC)\n:::" in draft.blocks
    assert [(f.line, f.code) for f in draft.notes] == [(20, "import-chinese-only")]


def test_cli_imports_a_commented_post(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (tmp_path / "docs" / "posts").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["import", "--commented", str(I18N), "--license", "CC BY 4.0",
                                       "--source-url", "https://kubernetes.io/blog/"])
    assert result.exit_code == 0, result.output
    written = tmp_path / result.output.strip()
    assert written.name == "kubernetes-docs-updates-international-edition.md"
    essay = parse_text(written.read_text(encoding="utf-8"), "x.md")
    assert essay.meta.title_zh == "Kubernetes 文档更新，国际版"
    assert essay.meta.source.license == "CC BY 4.0"
    assert CliRunner().invoke(main, ["check", str(written)]).exit_code == 0


def test_cli_refuses_a_post_with_slips_and_says_where(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    post = POSTS / "keeping-kubernetes-secure-with-updated-go-versions.md"
    result = CliRunner().invoke(main, ["import", "--commented", str(post)])
    assert result.exit_code == 1
    assert [line.split(" (the English")[0] for line in result.output.splitlines()] == [
        f"{post}:22: error import-missing-en: the Chinese block (line 22) has no English original",
        f"{post}:101: error import-missing-en: the Chinese block (line 101) has no English original"]
    assert not list(tmp_path.rglob("*.md"))


def test_commented_needs_a_file(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["import", "--commented"]).exit_code == 2


def test_commented_front_matter_in_any_key_order_and_a_heading_in_it_stay_english():
    text = ("---\ntitle: 标题\ndate: 2023-01-02\n---\n<!--\nreviewers:\n- someone\ntitle: The Title\n"
            "content_type: concept\n-->\n\n<!-- overview -->\n\n<!--\nA long first paragraph of English.\n-->\n"
            "一段很长的中文。\n")
    draft = read_commented(text, "page.md")
    assert (draft.title, draft.title_zh) == ("The Title", "标题")
    assert draft.blocks == ["A long first paragraph of English.", "一段很长的中文。"]
    assert draft.breaks == []
