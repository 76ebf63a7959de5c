"""`essays import` of a whole archive: two translated folders paired by path, several pages
at once, drafts, and the summary (text and JSON)."""

from __future__ import annotations

import json

from helpers import SAMPLE_PAGE, TWELVE_FACTOR, run_essays as run

from essays.parse import parse_file


def twelve_factor_tree(tmp_path, names):
    """A copy of part of 12factor's two trees (en/, zh_cn/), one folder per language."""
    for lang in ("en", "zh_cn"):
        (tmp_path / lang).mkdir()
        for name in names:
            (tmp_path / lang / name).write_text((TWELVE_FACTOR / lang / name).read_text(encoding="utf-8"),
                                                encoding="utf-8")
    return tmp_path / "en", tmp_path / "zh_cn"


def drop_paragraph(path, start):
    """The translation with one paragraph (the one starting with `start`) left out."""
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    path.write_text("\n\n".join(p for p in paragraphs if not p.startswith(start)), encoding="utf-8")


def test_two_folders_import_page_by_page_and_one_bad_page_stops_nothing(site, tmp_path):
    en, zh = twelve_factor_tree(tmp_path, ["config.md", "toc.md", "logs.md"])
    drop_paragraph(zh / "config.md", "另外一个解决方法")
    (en / "only-english.md").write_text("# Alone\n\nNo translation yet.\n", encoding="utf-8")
    result = run("import", "--en", en, "--zh", zh, "--format", "json")
    assert result.exit_code == 1  # toc.md and only-english.md are refused
    summary = json.loads(result.stdout)
    assert (summary["imported"], summary["drafts"], summary["refused"]) == (2, 0, 2)
    by_source = {f["source"][-1].rsplit("/", 1)[1]: f for f in summary["files"]}
    assert by_source["toc.md"]["essay"] == "docs/posts/the-twelve-factors.md"
    assert by_source["logs.md"]["essay"] == "docs/posts/xi-logs.md"
    config = by_source["config.md"]
    assert config["essay"] is None
    assert [(e["path"], e["line"], e["code"]) for e in config["errors"]] == [
        (str(en / "config.md"), 16, "import-missing-zh")]
    assert by_source["only-english.md"]["errors"][0]["code"] == "no-counterpart"
    assert sorted(p.name for p in (site / "docs/posts").iterdir()) == ["the-twelve-factors.md", "xi-logs.md"]
    essay = parse_file(site / "docs/posts/xi-logs.md")
    assert essay.pairs[0].en.text.startswith("### Treat logs as event streams")


def test_the_text_summary_names_each_refused_file_by_its_first_break(site, tmp_path):
    en, zh = twelve_factor_tree(tmp_path, ["config.md", "logs.md"])
    drop_paragraph(zh / "config.md", "另外一个解决方法")
    result = run("import", "--en", en, "--zh", zh)
    assert result.exit_code == 1
    assert result.stdout == "docs/posts/xi-logs.md\n"
    refused = [line for line in result.stderr.splitlines() if line.startswith("refused: ")]
    assert refused == [f"refused: {en / 'config.md'}:16: error import-missing-zh: the English block "
                       f"(line 16) has no translation (the Chinese goes on at {zh / 'config.md'}:16) — "
                       f"translate it in {zh / 'config.md'}, or import with --draft and write it as "
                       "'::: en' if English only"]
    assert result.stderr.splitlines()[-1] == "2 files: 1 imported, 0 imported as drafts, 1 refused"


def test_draft_writes_every_block_and_the_site_still_checks(site, tmp_path):
    en, zh = twelve_factor_tree(tmp_path, ["config.md"])
    drop_paragraph(zh / "config.md", "另外一个解决方法")
    result = run("import", "--en", en / "config.md", "--zh", zh / "config.md", "--draft")
    assert result.exit_code == 0, result.output
    path = site / result.stdout.strip()
    essay = parse_file(path)
    assert essay.meta.draft is True
    written = path.read_text(encoding="utf-8")
    # nothing lost: every paragraph of both files is in the essay, the English one that
    # has no translation where it stood
    for source in (en / "config.md", zh / "config.md"):
        for paragraph in source.read_text(encoding="utf-8").split("\n\n")[1:]:
            assert paragraph.strip() in written
    assert "Another approach to config is the use of config files" in written
    assert f"{en / 'config.md'}:16: error import-missing-zh" in result.stderr
    check = run("check")
    assert check.exit_code == 0, check.output  # a draft's errors do not fail the site
    assert "in drafts, which are not published" in check.output


def test_several_raw_pages_at_once(site, tmp_path):
    second = tmp_path / "second.txt"
    second.write_text(SAMPLE_PAGE.read_text(encoding="utf-8").replace(
        "Life lessons from reinforcement learning", "Second lessons", 2), encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_text("no header here\n", encoding="utf-8")
    result = run("import", SAMPLE_PAGE, second, broken)
    assert result.exit_code == 1
    assert result.stdout.split() == ["docs/posts/life-lessons-from-reinforcement-learning.md",
                                      "docs/posts/second-lessons.md"]
    assert f"refused: {broken}:1: error raw-header" in result.stderr


def test_one_essay_options_refuse_several_files(site, tmp_path):
    result = run("import", SAMPLE_PAGE, SAMPLE_PAGE, "--slug", "x")
    assert result.exit_code == 2
    assert "one by one" in result.output


LIFECYCLE = ("--en", "tests/fixtures/translated/vue/en/src/guide/essentials/lifecycle.md",
             "--zh", "tests/fixtures/translated/vue/zh/src/guide/essentials/lifecycle.md")


def lifecycle_args():
    from helpers import REPO
    return [str(REPO / a) if a.startswith("tests/") else a for a in LIFECYCLE]


def test_images_are_copied_beside_the_essay_and_never_replaced_without_force(site):
    result = run("import", *lifecycle_args())
    assert result.exit_code == 0, result.output
    copies = site / "docs/posts/images/lifecycle-hooks"
    assert sorted(p.name for p in copies.iterdir()) == ["lifecycle.png", "lifecycle_zh-CN.png"]
    text = (site / "docs/posts/lifecycle-hooks.md").read_text(encoding="utf-8")
    assert "![Component lifecycle diagram](images/lifecycle-hooks/lifecycle.png)" in text
    # a different file of the same name is there: refused, nothing replaced or written
    (copies / "lifecycle.png").write_bytes(b"someone else's image")
    (site / "docs/posts/lifecycle-hooks.md").unlink()
    again = run("import", *lifecycle_args())
    assert again.exit_code == 1
    assert "error image-exists" in again.output and "--force" in again.output
    assert (copies / "lifecycle.png").read_bytes() == b"someone else's image"
    assert not (site / "docs/posts/lifecycle-hooks.md").exists()
    assert run("import", *lifecycle_args(), "--force").exit_code == 0
    assert (copies / "lifecycle.png").read_bytes().startswith(b"\x89PNG")


def test_a_missing_image_is_refused_at_its_source_line(site, tmp_path):
    en, zh = tmp_path / "en.md", tmp_path / "zh.md"
    en.write_text("# Title\n\nSee the diagram.\n\n![Diagram](diagram.png)\n", encoding="utf-8")
    zh.write_text("# 标题\n\n请看图。\n\n![图](diagram.png)\n", encoding="utf-8")
    result = run("import", "--en", en, "--zh", zh)
    assert result.exit_code == 1
    assert result.output.startswith(f"{en}:5: error image-missing: the image diagram.png is not next to the source")
    assert list((site / "docs/posts").iterdir()) == []


def test_a_page_with_no_english_title_is_refused_and_says_where_to_put_one(site, tmp_path):
    en, zh = tmp_path / "en.md", tmp_path / "zh.md"
    en.write_text("Just a paragraph, no heading and no front matter.\n", encoding="utf-8")
    zh.write_text("# 标题\n\n只有一段。\n", encoding="utf-8")
    result = run("import", "--en", en, "--zh", zh)
    assert result.exit_code == 1
    assert f"{en}:1: error title-missing: no English title — give the English file a first " \
           "'# Title' heading or 'title:' front matter, or pass --title" in result.output
    assert run("import", "--en", en, "--zh", zh, "--title", "Just one").exit_code == 0


def test_relative_links_to_other_pages_point_at_the_original_or_become_text(site, tmp_path):
    en, zh = tmp_path / "en.md", tmp_path / "zh.md"
    en.write_text("# Title\n\nRead [the guide](guide.md#setup) first, please.\n", encoding="utf-8")
    zh.write_text("# 标题\n\n请先读[指南](guide.md#setup)。\n", encoding="utf-8")
    assert run("import", "--en", en, "--zh", zh, "--slug", "a").exit_code == 0
    assert "Read the guide first, please." in (site / "docs/posts/a.md").read_text(encoding="utf-8")
    assert run("import", "--en", en, "--zh", zh, "--slug", "b",
               "--source-url", "https://example.org/docs/intro.md").exit_code == 0
    assert "[指南](https://example.org/docs/guide.md#setup)" in (site / "docs/posts/b.md").read_text(encoding="utf-8")
