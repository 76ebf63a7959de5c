"""The alignment checker on real essays (sample, 12factor, kubernetes-blog), intact and corrupted."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from corruptions import CORRUPTIONS, Doc, change_link, change_number, prose_pairs, real_essays, repeat_number
from helpers import TWELVE_FACTOR
from essays.align import pairs as align, parity, punctuation
from essays.align.check import check_essay
from essays.cli import main
from essays.align.lengthmodel import MEAN, delta, units
from essays.bench.estimate import estimate
from essays.model import Block, Pair
from essays.parse import parse_text

ESSAYS = real_essays()
# Chosen to cover the three forms: a raw page, two aligned files, commented English.
CORRUPTED = ["sample/000_a85ce41785e095e1", "12factor/config", "12factor/processes",
             "kubernetes-blog/2015-04-00-Borg-Predecessor-To-Kubernetes",
             "kubernetes-blog/introducing-sig-etcd"]
# The real slips of the kubernetes-blog translations: text kept only in Chinese.
# The translators' credits (译者, 作者) are imported as Chinese-only blocks; what is left are
# two headings the translator wrote without their English comment.
REAL_SLIPS = {
    ("kubernetes-blog/keeping-kubernetes-secure-with-updated-go-versions", "missing-en", "### 问题 {#the-problem}"),
    ("kubernetes-blog/keeping-kubernetes-secure-with-updated-go-versions", "missing-en", "### 解决方案 {#the-solution}"),
}


def findings_of(text: str, punctuation: bool = False):
    essay = parse_text(text, "essay.md")
    return check_essay(essay, punctuation=punctuation)


def errors_of(text: str):
    return [f for f in findings_of(text) if f.severity == "error"]


# -- intact corpora ----------------------------------------------------------------------------


def test_real_corpora_have_no_errors_but_the_real_kubernetes_slips():
    found = {(name, f.code, f.zh) for name, text in ESSAYS.items()
             for f in check_essay(parse_text(text, name)) if f.severity == "error"}
    assert found == REAL_SLIPS


def test_sample_and_12factor_are_clean_and_counted():
    names = [n for n in ESSAYS if not n.startswith("kubernetes-blog")]
    # every factor the fixture's table of contents links to is read, and so checked below
    toc = (TWELVE_FACTOR / "en" / "toc.md").read_text(encoding="utf-8")
    factors = {f"12factor/{name}" for name in re.findall(r"^## \[[^]]+\]\(\./([^)]+)\)", toc, re.M)}
    assert factors and set(names) >= factors
    for name in names:
        assert errors_of(ESSAYS[name]) == [], name


def test_a_translators_credit_is_imported_as_chinese_only_text_and_checks_clean():
    text = ESSAYS["kubernetes-blog/introducing-sig-etcd"]
    assert "\n::: zh\n**译者**：Xin Li (Daocloud)\n:::\n" in text
    assert errors_of(text) == []
    essay = parse_text(text, "etcd.md")
    solo = [b for b in essay.body if getattr(b, "kind", None) == "solo"]
    assert [(b.lang, b.text.split("\n")[1]) for b in solo] == [("zh", "**译者**：Xin Li (Daocloud)")]


# -- corruptions -------------------------------------------------------------------------------


# Corruptions that put two copies of a block side by side: two lists with a blank line
# between them are one list on the page (Python-Markdown), and so to the parser.
REPEATS = {"duplicate-en", "duplicate-zh", "untranslated"}


def corrupt(name: str, how: str, offset: int = 1):
    doc, essay = Doc.of(ESSAYS[name])
    lists = {p.number for p in essay.pairs if p.kind == "list"}
    candidates = [n for n in prose_pairs(essay) if how not in REPEATS or n not in lists]
    assert candidates, f"{name} has no long adjacent prose pairs"
    n = candidates[min(offset, len(candidates) - 1)]
    expected = CORRUPTIONS[how](doc, essay, n)
    return doc, expected


def new_errors(name: str, text: str):
    """Errors of the corrupted text that the intact essay does not already have."""
    before = {(f.code, f.zh) for f in errors_of(ESSAYS[name])}
    return [f for f in errors_of(text) if (f.code, f.zh) not in before], len(before)


@pytest.mark.parametrize("name", CORRUPTED)
@pytest.mark.parametrize("how", sorted(CORRUPTIONS))
def test_each_corruption_gives_one_error_at_the_right_pair_and_line(name, how):
    doc, expected = corrupt(name, how)
    if expected is None:
        pytest.skip("no Chinese block with two sentences to split")
    text = doc.text()
    errors, before = new_errors(name, text)
    assert [(f.code, f.line, f.pair) for f in errors] == [
        (expected.code, doc.line(expected.block), expected.pair)], [str(f) for f in errors]
    assert expected.says in errors[0].message
    assert len(errors_of(text)) == before + 1  # one root cause, one error: no cascade
    assert text.split("\n")[errors[0].line - 1].strip()  # the line holds the block named


@pytest.mark.parametrize("name", CORRUPTED)
@pytest.mark.parametrize("change", [change_number, repeat_number, change_link])
def test_a_changed_number_or_link_is_a_warning_on_its_pair(name, change):
    doc, essay = Doc.of(ESSAYS[name])
    expected = change(doc, essay)
    if expected is None:
        pytest.skip(f"{name}: no pair for {change.__name__}")
    before = {(f.code, f.pair) for f in findings_of(ESSAYS[name])}
    after = [f for f in findings_of(doc.text()) if (f.code, f.pair) not in before]
    assert [(f.code, f.severity, f.line, f.pair) for f in after] == [
        (expected.code, "warning", doc.line(expected.block), expected.pair)]
    assert expected.says in after[0].message


def test_the_silent_shift_message_names_both_paragraphs():
    doc, expected = corrupt("sample/000_a85ce41785e095e1", "shift", offset=0)
    [error] = errors_of(doc.text())
    assert error.message == ("EN ¶1 has no translation (ZH ¶1 translates EN ¶2) — add its "
                             "translation right after it")
    assert error.en.startswith("Becoming an RL diehard")
    assert error.zh is None


def test_mostly_english_slot_is_untranslated_but_a_table_of_names_is_not():
    en = Block("Config varies substantially across deploys, code does not, and keeping them "
               "apart matters for every application we build", 1, "paragraph", "en")
    mostly = Block("Config varies substantially across deploys, code does not, and keeping them "
                   "apart matters for every application we build（注）", 3, "paragraph", "en")
    table = Block("| Library | 用途 |\n|---|---|\n| Django | 网络框架 |\n| Celery | 任务队列 |",
                  3, "table", "en")
    assert align.untranslated("e.md", Pair(1, en, mostly)).code == "untranslated"
    assert align.untranslated("e.md", Pair(1, en, table)) is None


def test_empty_and_placeholder_slots():
    for zh in ("待译", "TODO", "……"):
        text = f"---\ntitle: T\ndate: 2024-01-01\n---\n\nSome English words here.\n\n{zh}\n"
        [error] = errors_of(text)
        assert (error.code, error.line, error.pair) == ("empty-zh", 8, 1), zh


# -- the length model ----------------------------------------------------------------------------


def test_length_model_constants_are_what_the_estimator_prints():
    from essays.bench.fixtures import aligned_pairs
    from corruptions import FIXTURES

    pairs = [p for found in aligned_pairs(FIXTURES).values() for p in found]
    result = estimate(pairs)
    assert (result.han_weight, result.mean) == (3.04, MEAN)
    assert result.pairs > 600


def test_length_outlier_is_a_warning():
    en = "A long English paragraph about how processes share nothing and keep state elsewhere. " * 3
    pair = Pair(4, Block(en, 10, "paragraph", "en"), Block("进程。", 12, "paragraph", "zh"))
    assert abs(delta(units(en), units("进程。"))) > align.OUTLIER_Z
    found = align.length_outlier("e.md", pair)
    assert (found.code, found.severity, found.pair, found.line) == ("length-outlier", "warning", 4, 12)


# -- parity and punctuation ------------------------------------------------------------------


def pair_of(en: str, zh: str) -> Pair:
    return Pair(1, Block(en, 1, "paragraph", "en"), Block(zh, 3, "paragraph", "zh"))


def test_numbers_are_normalised_before_they_are_compared():
    quiet = [("Released on January 5, 2022 to 12 teams.", "２０２２年1月5日发布给十二个团队。"),
             ("In both cases it works.", "上述 2 个例子中都可行。"),
             ("Twelve factors.", "12 个要素。")]
    for en, zh in quiet:
        assert parity.check_pair("e.md", pair_of(en, zh)) == [], (en, zh)
    [found] = parity.check_pair("e.md", pair_of("Costs 300 dollars.", "花费 3000 美元。"))
    assert found.code == "number-mismatch"
    assert "only the English has '300'; only the Chinese has '3000'" in found.message


def test_links_code_images_footnotes_parity():
    en = "See [docs](https://k8s.io/docs/a/) and `kubectl`, ![x](a.png) and a note[^1]."
    zh = "参见[文档](https://k8s.io/zh-cn/docs/a)和 `kubectl`，![x](a.png)和注释[^1]。"
    assert parity.check_pair("e.md", pair_of(en, zh)) == []
    wrong = "参见[文档](https://k8s.io/docs/b)和 `kubect`，![x](b.png)和注释。"
    found = {f.code: f.message for f in parity.check_pair("e.md", pair_of(en, wrong))}
    assert sorted(found) == ["code-mismatch", "footnote-mismatch", "image-mismatch", "link-mismatch"]
    assert "only the English has 'https://k8s.io/docs/a'; only the Chinese has " \
           "'https://k8s.io/docs/b'" in found["link-mismatch"]
    assert "only the English has '1'" in found["footnote-mismatch"]


def test_punctuation_only_when_asked():
    text = ("---\ntitle: T\ndate: 2024-01-01\n---\n\nWe learn (slowly), and read “books”.\n\n"
            "我们学习(缓慢地),并阅读“书。\n")
    assert findings_of(text) == []
    found = findings_of(text, punctuation=True)
    assert [(f.code, f.severity, f.line, f.pair) for f in found] == [
        ("punct-half-width", "warning", 8, 1), ("punct-unbalanced", "warning", 8, 1)]
    assert "use '（'" in found[0].message
    assert punctuation.check_pair("e.md", pair_of("A (b).", "甲（乙）。")) == []


# -- the command -------------------------------------------------------------------------------


def make_site(tmp_path, essays: dict[str, str]):
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    posts = tmp_path / "docs" / "posts"
    posts.mkdir(parents=True)
    for name, text in essays.items():
        (posts / name).write_text(text, encoding="utf-8")
    return tmp_path


# The essays and slips of the golden `essays check` report: a raw page and two aligned files.
REPORTED = {"config": "12factor/config", "sample": "sample/000_a85ce41785e095e1"}
REPORTED_SLIPS = ["drop-zh", "merge-zh", "swap", "untranslated"]


def test_check_report_on_corrupted_essays_is_golden(tmp_path, monkeypatch, golden):
    """One file per slip, so each error line is the one its slip causes."""
    essays = {f"{short}-{how}.md": corrupt(name, how)[0].text()
              for short, name in REPORTED.items() for how in REPORTED_SLIPS}
    monkeypatch.chdir(make_site(tmp_path, essays))
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1, result.output
    golden("check/corrupted.txt", result.stdout)  # stderr: a notice that the site has no git


def test_check_json_shape_and_exit_codes(tmp_path, monkeypatch):
    doc, expected = corrupt("12factor/config", "drop-zh")
    site = make_site(tmp_path, {"config.md": ESSAYS["12factor/config"], "broken.md": doc.text()})
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert list(report) == ["essays", "pairs", "errors", "warnings", "drafts"]
    assert report["essays"] == 2
    assert report["pairs"] == 2 * len(parse_text(ESSAYS["12factor/config"], "c").pairs) - 1
    [error] = report["errors"]
    assert list(error) == ["path", "line", "pair", "code", "message", "en", "zh"]
    assert (error["path"], error["line"], error["pair"], error["code"]) == (
        "docs/posts/broken.md", doc.line(expected.block), None, "missing-zh")
    assert error["zh"] is None and error["en"]
    assert all(list(w) == list(error) for w in report["warnings"])

    (site / "docs" / "posts" / "broken.md").unlink()
    clean = CliRunner().invoke(main, ["check", "--format", "json"])
    assert clean.exit_code == 0 and json.loads(clean.stdout)["errors"] == []
    missing = CliRunner().invoke(main, ["check", "docs/posts/nothing.md"])
    assert missing.exit_code == 2
