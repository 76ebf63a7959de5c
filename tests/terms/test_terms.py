"""The glossary (docs/glossary.yml): its errors, the checks it drives on the shipped essays,
`essays terms` (Xbench's two inconsistencies, candidate terms), TBX and CSV out and in."""

from __future__ import annotations

import json
import re

import pytest

from essays.parse import parse_text
from essays.terms.check import TermIndex, term_findings
from essays.terms.glossary import GlossaryError, Term, parse_glossary
from essays.terms.tbx import from_csv, from_tbx, to_csv, to_tbx
from helpers import REPO, build_site, run_essays

ESSAY = """---
title: On-policy
date: 2025-07-16
---

One of the big concepts in RL is that you always want to be on-policy.

强化学习中的一个核心理念是“基于自身策略”。

Such policies are learned in place, by trial and error.

这种在策略方法靠反复试错习得。

An off-policy learner imitates.

异策略学习者会模仿。
"""


def terms(text: str) -> TermIndex:
    return TermIndex(parse_glossary(text, "docs/glossary.yml"))


def test_a_term_matches_by_stems_and_a_forbidden_variant_or_a_missing_translation_is_found():
    index = terms("- en: policy\n  zh: [策略]\n- en: on-policy\n  zh: [基于自身策略]\n"
                  "  forbidden: [在策略]\n- en: off-policy learner\n  zh: [异策略学习器]\n")
    found = [(f.code, f.line, f.pair) for f in term_findings(parse_text(ESSAY, "e.md"), index,
                                                             "docs/glossary.yml")]
    # pair 1: "policy" and "on-policy", both translated; pair 2: "policies" is "policy"
    # (策略 is in 在策略), and its English has no "on-policy", so 在策略 is not judged there;
    # pair 3: "off-policy learner" is not translated 异策略学习器
    assert found == [("term-missing", 16, 3)]
    text = ESSAY.replace("Such policies are learned", "Such on-policy methods are learned")
    (forbidden,) = term_findings(parse_text(text, "e.md"), index, "docs/glossary.yml")[:1]
    assert forbidden.code == "term-forbidden" and forbidden.line == 12
    assert forbidden.message == ("pair 2 translates 'on-policy' as '在策略', which the glossary "
                                 "forbids — write '基于自身策略' (docs/glossary.yml:3)")


def test_the_shipped_glossary_finds_these_pairs_in_the_shipped_essays(monkeypatch):
    monkeypatch.chdir(REPO)
    result = run_essays("check", "--format", "json")
    found = sorted((w["path"], w["pair"], re.search(r"has '([^']+)'", w["message"]).group(1))
                   for w in json.loads(result.stdout)["warnings"] if w["code"].startswith("term-"))
    assert found == [
        ("docs/posts/12factor-admin-processes.md", 4, "codebase"),  # 代码, not 基准代码
        ("docs/posts/kubernetes-dont-panic-kubernetes-and-docker.md", 3, "container runtime"),
        ("docs/posts/kubernetes-introducing-sig-etcd.md", 9, "codebase"),
        ("docs/posts/life-lessons-from-reinforcement-learning.md", 3, "codebase"),
    ]


@pytest.mark.parametrize("text, line, message", [
    ("- en: policy\n  zh: [策略\n", 3, "not valid YAML"),
    ("- en: policy\n- en: value\n  zh: 值\n", 1, "'policy' has no translation"),
    ("- en: policy\n  zh: 策略\n- en: Policies\n  zh: 方针\n", 3, "'Policies' is already an entry at line 1"),
    ("- en: polic.*\n  zh: 策略\n", 1, "'polic.*' is not a term: terms are matched as words, not patterns"),
    ("- en: policy\n  zh: [策略]\n  forbidden: [策略]\n", 1, "'forbidden' must be a list of variants, none of them approved"),
    ("en: policy\n", 1, "the glossary is not a list"),
])
def test_a_bad_glossary_is_an_error_at_its_line(text, line, message):
    with pytest.raises(GlossaryError) as raised:
        parse_glossary(text, "docs/glossary.yml")
    (finding,) = raised.value.findings
    assert (finding.path, finding.line) == ("docs/glossary.yml", line)
    assert message in finding.message


def test_a_bad_glossary_stops_check_and_the_build(make_site, monkeypatch):
    site = make_site({"docs/posts/e.md": ESSAY, "docs/glossary.yml": "- en: policy\n"})
    monkeypatch.chdir(site)
    checked = run_essays("check")
    assert checked.exit_code == 1
    assert "docs/glossary.yml:1: error glossary-invalid: 'policy' has no translation" in checked.stderr
    built = build_site(site)
    assert built.returncode != 0 and "docs/glossary.yml:1: error glossary-invalid" in built.stderr


SAME = """---
title: {title}
date: 2024-01-01
---

## Example

## {heading}

Store config in the environment. It varies between deploys.

在环境中存储配置。{second}
"""


def test_terms_reports_the_same_english_translated_differently_and_the_same_chinese(make_site, monkeypatch):
    site = make_site({
        "docs/posts/a.md": SAME.format(title="A", heading="示例", second="配置在不同部署间会有差异。"),
        "docs/posts/b.md": SAME.format(title="B", heading="例子", second="它因部署而异。"),
        "docs/posts/c.md": SAME.format(title="C", heading="示例", second="它因部署而异。").replace(
            "It varies between deploys.", "It differs from deploy to deploy."),
    })
    monkeypatch.chdir(site)
    report = json.loads(run_essays("terms", "--format", "json").stdout)
    same_en = {g["text"]: sorted((c["text"], [p["path"] for p in c["places"]]) for c in g["counterparts"])
               for g in report["same_english"]}
    assert same_en == {
        "Example": [("例子", ["docs/posts/b.md"]), ("示例", ["docs/posts/a.md", "docs/posts/c.md"])],
        "It varies between deploys.": [("它因部署而异。", ["docs/posts/b.md"]),
                                       ("配置在不同部署间会有差异。", ["docs/posts/a.md"])],
    }
    same_zh = {g["text"]: sorted(c["text"] for c in g["counterparts"]) for g in report["same_chinese"]}
    assert same_zh == {"它因部署而异。": ["It differs from deploy to deploy.", "It varies between deploys."]}
    text = run_essays("terms").stdout
    assert "Same English, different Chinese (2)" in text
    assert "    → 例子  (docs/posts/b.md:8 (pair 1))" in text


def test_suggest_finds_the_terms_the_shipped_essays_render_in_more_than_one_way(monkeypatch):
    monkeypatch.chdir(REPO)
    found = {c["en"]: {r["zh"]: r["pairs"] for r in c["renderings"]}
             for c in json.loads(run_essays("terms", "--suggest", "--format", "json").stdout)["candidates"]}
    assert found["process"] == {"进程": 33, "流程": 2}  # 12factor's 进程, and two 流程
    assert found["applications"] == {"应用程序": 14, "应用": 3}
    assert "kubernetes" not in found  # left in English in the Chinese: a name


GLOSSARY = [Term("on-policy", ("基于自身策略", "同策略"), ("在策略",), "Learning from one's own actions."),
            Term("codebase", ("基准代码",))]


def test_tbx_and_csv_carry_every_field_and_read_back():
    for write, read in ((to_tbx, from_tbx), (to_csv, from_csv)):
        again = read(write(GLOSSARY), "g")
        assert [(t.en, t.zh, t.forbidden, t.note) for t in again] == \
            [(t.en, t.zh, t.forbidden, t.note) for t in GLOSSARY]
    assert b"<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>" in to_tbx(GLOSSARY)


TBX2 = """<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="c1"><descrip type="definition">one repository</descrip>
  <langSet xml:lang="en"><tig><term>codebase</term></tig></langSet>
  <langSet xml:lang="zh-CN"><tig><term>基准代码</term></tig>
    <tig><term>代码库</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry>{more}
</body></text></martif>"""


def test_a_tbx2_file_from_a_terminology_tool_is_read():
    (term,) = from_tbx(TBX2.format(more="").encode(), "terms.tbx")
    assert (term.en, term.zh, term.forbidden, term.note) == ("codebase", ("基准代码",), ("代码库",),
                                                             "one repository")
    orphan = '\n<termEntry id="c2"><langSet xml:lang="en"><tig><term>orphan</term></tig></langSet></termEntry>'
    with pytest.raises(GlossaryError) as raised:
        from_tbx(TBX2.format(more=orphan).encode(), "terms.tbx")
    assert str(raised.value.findings[0]).startswith("terms.tbx:8: error glossary-invalid: <termEntry> "
                                                    "needs an English and a Chinese term")


def test_import_writes_the_glossary_check_reads_and_export_gives_it_back(make_site, monkeypatch, tmp_path):
    site = make_site({"docs/posts/e.md": ESSAY})
    monkeypatch.chdir(site)
    source = tmp_path / "terms.csv"
    source.write_bytes(to_csv(GLOSSARY))
    done = run_essays("terms", "--import", source)
    assert done.exit_code == 0 and done.stdout == "docs/glossary.yml: 2 terms\n"
    assert run_essays("terms", "--import", source).exit_code == 1  # exists: --force to replace
    assert run_essays("terms", "--export", "csv").stdout_bytes == to_csv(GLOSSARY)
    assert "term-" not in run_essays("check").stdout  # 基于自身策略 is there; no codebase


def test_the_glossary_page_lists_each_term_and_every_paragraph_using_it(tmp_path):
    from helpers import copy_project_site
    site = copy_project_site(tmp_path)
    built = build_site(site)
    assert built.returncode == 0, built.stderr
    page = (site / "site" / "glossary" / "index.html").read_text()
    section = page[page.index('<h2 id="codebase">'):page.index('<h2', page.index('<h2 id="codebase">') + 5)]
    assert "<p>12 paragraphs · 12 段</p>" in section
    links = re.findall(r'<li><a href="([^"]+)">', section)
    assert links[:3] == ["../xii-admin-processes/#p4", "../v-build-release-run/#p2", "../i-codebase/#p1"]
    first = section[section.index("<li>"):section.index("</li>")]
    assert "the same <mark>codebase</mark> and" in first  # the term marked in the English
    assert "(not translated as the glossary says · 未按术语表翻译)" in first  # 代码, not 基准代码
    assert '<span lang="zh-Hans"><mark>基准代码</mark> 转化为一份部署' in section
    assert '<h2 id="on-policy"><span lang="en">on-policy</span> · <span lang="zh-Hans">基于自身策略</span></h2>' in page


def test_a_glossary_term_searched_in_either_language_finds_the_pairs_using_it_in_the_other(
        monkeypatch, tmp_path):
    """基准代码 alone finds the pairs whose Chinese has it; through the glossary it also finds
    those whose English says "codebase" and whose Chinese calls it otherwise (代码, 代码库)."""
    from helpers import copy_project_site
    site = copy_project_site(tmp_path)
    assert build_site(site).returncode == 0  # writes the whoosh index `essays search` reads
    monkeypatch.chdir(site)

    def urls(*query):
        return {hit["url"] for hit in json.loads(run_essays("search", *query, "--json", "--limit", "50").stdout)}

    exact = urls('"基准代码"')  # quoted: syntax, not expanded
    expanded = urls("基准代码")
    assert expanded - exact == {"xii-admin-processes/#p4", "introducing-sig-etcd/#p9",
                                "life-lessons-from-reinforcement-learning/#p3"}
    assert urls("codebase") == expanded  # the English term finds the same pairs


def test_expansion_groups_each_term_and_leaves_syntax_alone():
    from essays.terms.expand import expand
    index = terms("- en: codebase\n  zh: [基准代码]\n- en: on-policy\n  zh: [基于自身策略]\n  forbidden: [在策略]\n")
    assert expand("codebases deploy", index) == '("codebases" OR "codebase" OR "基准代码") deploy'
    assert expand("在策略的方法", index) == '("在策略" OR "on-policy" OR "基于自身策略")的方法'
    assert expand('"codebase" OR 代码', index) == '"codebase" OR 代码'
