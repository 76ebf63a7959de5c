"""`essays export` (TMX 1.4b, XLIFF 1.2, CSV) read back by a third-party reader,
translate-toolkit, and `essays import --tmx`: an export imports back to the same essays."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from translate.storage import tmx as tt_tmx, xliff as tt_xliff

from essays.parse import parse_file
from helpers import PROJECT_POSTS, REPO, copy_project_site, run_essays

TMX_HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
              'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" '
              'datatype="plaintext"/>\n<body>\n')


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The repository's own site and its essays, parsed (anchors from its locks)."""
    root = copy_project_site(tmp_path_factory.mktemp("project"))
    return root, {p.name: parse_file(p) for p in PROJECT_POSTS}


def export(root, monkeypatch, *args) -> bytes:
    monkeypatch.chdir(root)
    result = run_essays("export", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_translate_toolkit_reads_every_pair_of_the_tmx_export(project, monkeypatch):
    root, essays = project
    store = tt_tmx.tmxfile.parsestring(export(root, monkeypatch, "--format", "tmx"))
    units = [u for u in store.units if u.source]
    assert len(units) == sum(len(e.pairs) for e in essays.values())
    config = essays["12factor-config.md"].pairs[1]
    unit = next(u for u in units if u.getid() == "docs/posts/12factor-config.md#p2")
    assert (unit.source, unit.target) == (config.en.text, config.zh.text)
    assert unit.target.startswith("通常，应用的 *配置* 在不同 [部署](12factor-codebase.md)")


def test_translate_toolkit_reads_the_xliff_export_one_file_per_essay(project, monkeypatch):
    root, essays = project
    data = export(root, monkeypatch, "--format", "xliff")
    store = tt_xliff.xlifffile.parsestring(data)
    assert sorted(store.getfilenames()) == sorted(f"docs/posts/{name}" for name in essays)
    units = [u for u in store.units if u.getid().startswith("docs/posts/life-lessons")]
    life = essays["life-lessons-from-reinforcement-learning.md"]
    assert [u.getid().rsplit("p", 1)[-1] for u in units] == [str(p.anchor) for p in life.pairs]
    assert (units[1].source, units[1].target) == (life.pairs[1].en.text, life.pairs[1].zh.text)
    assert all(u.isapproved() or u.xmlelement.find(".//{*}target").get("state") == "translated"
               for u in units)


def test_the_csv_export_is_one_row_per_pair(project, monkeypatch):
    root, essays = project
    rows = list(csv.DictReader(io.StringIO(export(root, monkeypatch, "--format", "csv",
                                                  "docs/posts/12factor-config.md").decode())))
    pairs = essays["12factor-config.md"].pairs
    assert [(r["anchor"], r["en"], r["zh"]) for r in rows] == \
        [(f"p{p.anchor}", p.en.text, p.zh.text) for p in pairs]


def test_an_export_imports_back_to_the_same_essays(project, make_site, monkeypatch, tmp_path):
    root, essays = project
    memory = tmp_path / "essays.tmx"
    memory.write_bytes(export(root, monkeypatch, "--format", "tmx"))
    target = make_site({})
    shutil.copy(REPO / "docs" / ".authors.yml", target / "docs" / ".authors.yml")
    monkeypatch.chdir(target)
    result = run_essays("import", "--tmx", memory)
    assert result.exit_code == 0, result.output
    for name, original in essays.items():
        again = parse_file(target / "docs" / "posts" / name)
        assert again.meta == original.meta, name
        assert [(b.kind, b.text) for b in again.blocks] == \
            [(b.kind, b.text) for b in original.blocks], name


def test_an_export_to_a_file_writes_it_whole(project, monkeypatch, tmp_path):
    root, _ = project
    out = tmp_path / "config.xlf"
    export(root, monkeypatch, "--format", "xliff", "-o", str(out), "docs/posts/12factor-config.md")
    assert out.read_bytes().startswith(b"<?xml") and b"</xliff>" in out.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["config.xlf"]  # no temporary file left


def test_a_translation_tools_tmx_becomes_one_essay_with_the_title_given(site, tmp_path):
    memory = tmp_path / "omegat.tmx"
    memory.write_text(TMX_HEADER + "".join(
        f'<tu><tuv xml:lang="EN-US"><seg>{en}</seg></tuv><tuv xml:lang="ZH-CN"><seg>{zh}</seg></tuv></tu>\n'
        for en, zh in [("Store config in the environment.", "在环境中存储配置。"),
                       ("Config varies <b>substantially</b> across deploys.", "配置在不同部署间差异很大。")])
        + "</body></tmx>\n", encoding="utf-8")
    refused = run_essays("import", "--tmx", memory)
    assert refused.exit_code == 1 and "title-missing" in refused.stderr
    assert not list((site / "docs" / "posts").iterdir())
    done = run_essays("import", "--tmx", memory, "--title", "Config", "--date", "2012-01-01")
    assert done.exit_code == 0, done.output
    essay = parse_file(site / "docs" / "posts" / "omegat.md")
    assert [(p.en.text, p.zh.text) for p in essay.pairs] == [
        ("Store config in the environment.", "在环境中存储配置。"),
        ("Config varies substantially across deploys.", "配置在不同部署间差异很大。")]


@pytest.mark.parametrize("body, line, message", [
    ("<tu><tuv xml:lang=\"en\"><seg>A</seg></tuv>\n<tuv xml:lang=\"fr\"><seg>B</seg></tuv></tu>", 9,
     '<tuv xml:lang="fr"> is neither English nor Chinese'),
    ("<tu><tuv xml:lang=\"en\"><seg>Only English.</seg></tuv></tu>", 8,
     "<tu> has no Chinese <tuv> with text"),
    ("<tu><tuv xml:lang=\"en\"><seg>Unclosed</tuv></tu>", 8, "not well-formed XML"),
])
def test_a_bad_tmx_is_an_error_at_the_element_and_writes_nothing(site, tmp_path, body, line, message):
    memory = tmp_path / "bad.tmx"
    memory.write_text(TMX_HEADER + "\n" * 4 + body + "\n</body></tmx>\n", encoding="utf-8")
    result = run_essays("import", "--tmx", memory, "--title", "T")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{memory}:{line}: error tmx-invalid: {message}")
    assert not list((site / "docs" / "posts").iterdir())


def test_an_xliff_file_given_to_import_says_it_is_not_tmx(site, tmp_path):
    memory = tmp_path / "x.xlf"
    memory.write_text('<?xml version="1.0"?>\n<xliff version="1.2"/>\n', encoding="utf-8")
    result = run_essays("import", "--tmx", memory)
    assert result.exit_code == 1 and "the root element is <xliff>, not <tmx>" in result.stderr
