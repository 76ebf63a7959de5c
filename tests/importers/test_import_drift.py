"""Drift-tolerant import: two real files aligned by the checker's model, each break reported
once at its source line, in reading order."""

from __future__ import annotations

from helpers import FIXTURES

from essays.importers.aligned import read_aligned_files

PRIMER = FIXTURES / "system-design-primer"
TWELVE = FIXTURES / "12factor"
VUE = FIXTURES / "translated" / "vue"


def read(en, zh, en_text=None, zh_text=None):
    return read_aligned_files(en_text or en.read_text(encoding="utf-8"), str(en),
                              zh_text or zh.read_text(encoding="utf-8"), str(zh))


def test_the_drifted_primer_is_refused_where_it_really_parts_from_the_original():
    draft = read(PRIMER / "README.md", PRIMER / "README-zh-Hans.md")
    where = [(f.path.rsplit("/", 1)[1], f.line, f.code) for f in draft.breaks]
    # "Help translate this guide!" has no Chinese; the Chinese gained a translator's note at
    # its top instead (written as Chinese-only text, and said so); the interview section's
    # quote at line 220 was never translated.
    assert where[:2] == [("README.md", 3, "import-missing-zh"), ("README.md", 220, "import-missing-zh")]
    assert "Help [translate]" in draft.breaks[0].en
    notes = [(f.line, f.code) for f in draft.notes if f.code == "import-chinese-only"]
    assert notes[0] == (1, "import-chinese-only")
    assert len(draft.breaks) <= 60
    # each break names the place in the other file
    assert "README-zh-Hans.md:" in draft.breaks[0].message
    # the title is the page's level-1 heading, even after the language menu
    assert (draft.title, draft.title_zh) == ("The System Design Primer", "系统设计入门")


def test_a_paragraph_missing_from_the_translation_is_one_break_at_its_english_line():
    en, zh = TWELVE / "en" / "config.md", TWELVE / "zh_cn" / "config.md"
    zh_text = zh.read_text(encoding="utf-8")
    dropped = "另外一个解决方法是使用配置文件"
    paragraphs = zh_text.split("\n\n")
    cut = next(k for k, p in enumerate(paragraphs) if p.startswith(dropped))
    draft = read(en, zh, zh_text="\n\n".join(paragraphs[:cut] + paragraphs[cut + 1:]))
    [only] = draft.breaks
    assert (only.path, only.code) == (str(en), "import-missing-zh")
    en_line = next(k for k, line in enumerate(en.read_text(encoding="utf-8").split("\n"), 1)
                   if line.startswith("Another approach to config is the use of config files"))
    assert only.line == en_line
    assert only.en.startswith("Another approach to config")


def test_a_chinese_paragraph_with_no_original_is_one_break_at_its_chinese_line():
    en, zh = TWELVE / "en" / "config.md", TWELVE / "zh_cn" / "config.md"
    lines = zh.read_text(encoding="utf-8").split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith("另外一个解决方法"))
    added = "这一段是译者自己加的说明，英文原文里并没有对应的段落，用来测试导入时的漂移检测。"
    draft = read(en, zh, zh_text="\n".join(lines[:at] + [added, ""] + lines[at:]))
    [only] = draft.breaks
    assert (only.path, only.line, only.code) == (str(zh), at + 1, "import-missing-en")
    assert only.zh == added
    # the pairs after it are still paired: nothing cascades
    assert draft.blocks[draft.blocks.index(added) + 1].startswith("Another approach to config")


def test_an_aligned_pair_imports_with_no_break_and_keeps_every_pair():
    draft = read(TWELVE / "en" / "config.md", TWELVE / "zh_cn" / "config.md")
    assert draft.breaks == []
    assert draft.title == "III. Config"
    assert draft.blocks[0] == "### Store config in the environment"
    assert draft.blocks[1] == "### 在环境中存储配置"


def test_a_different_image_per_language_is_an_image_pair():
    draft = read(VUE / "en/src/guide/essentials/lifecycle.md", VUE / "zh/src/guide/essentials/lifecycle.md")
    at = draft.blocks.index("![Component lifecycle diagram](./images/lifecycle.png)")
    assert draft.blocks[at + 1] == "::: zh\n![组件生命周期图示](./images/lifecycle_zh-CN.png)\n:::"
    assert draft.breaks == []


def test_a_translators_note_is_written_as_chinese_only_text():
    draft = read(VUE / "en/src/guide/components/provide-inject.md",
                 VUE / "zh/src/guide/components/provide-inject.md")
    assert "::: zh\n__译者注__\n:::" in draft.blocks
    note = draft.blocks.index("::: zh\n__译者注__\n:::")
    assert draft.blocks[note + 1].startswith("::: zh\n<a id=\"footnote-1\"></a>[1] 在本章及后续章节中")
    assert draft.breaks == []
