"""`essays search` on a real temporary site with a real index."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from helpers import MINIMAL_MKDOCS_YML, documents, sample_essay_text, twelve_factor_text
from recall import SAMPLE_FIRST, SAMPLE_PHRASES, SAMPLE_RECALL, SAMPLE_RECALL_BY_LANG

from essays.cli import main
from essays.search.whoosh_index import build_index
from essays.parse import parse_file
from essays.paths import find_site

SAMPLE = "life-lessons-from-reinforcement-learning"


@pytest.fixture
def site(make_site, monkeypatch):
    root = make_site({
        f"docs/posts/{SAMPLE}.md": sample_essay_text(),
        "docs/posts/config.md": twelve_factor_text("config"),
    })
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def indexed_site(site):
    found = find_site(site)
    items = [(parse_file(path, found.relative(path)), f"{path.stem}/") for path in found.essay_files()]
    build_index(documents(items), found.index_dir)
    return site


def run(*args: str):
    return CliRunner().invoke(main, ["search", *args], catch_exceptions=False)


def as_json(*args: str) -> list[dict]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_json_lists_pairs_best_first_with_exactly_the_documented_fields(indexed_site):
    hits = as_json("imitation")
    assert {hit["url"] for hit in hits} == {f"{SAMPLE}/#p{n}" for n in SAMPLE_RECALL["imitation"]}
    for hit in hits:
        assert list(hit) == ["url", "essay", "pair", "score", "en", "zh"]
        assert hit["url"].endswith(f"#p{hit['pair']}")
        assert isinstance(hit["score"], float)
        assert hit["essay"] == "Life lessons from reinforcement learning · 强化学习带给我的人生启示"
        assert "imitat" in hit["en"].lower() and "模仿" in hit["zh"]
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)


def sample_pairs(*args: str) -> set[int]:
    """The sample's pairs among all the hits of a search."""
    hits = as_json(*args, "--limit", "1000")
    return {hit["pair"] for hit in hits if hit["url"].startswith(f"{SAMPLE}/")}


@pytest.mark.parametrize("query", SAMPLE_RECALL)
def test_recall_bar_on_the_sample_essay(indexed_site, query):
    assert sample_pairs(query) == SAMPLE_RECALL[query]


@pytest.mark.parametrize("phrase", SAMPLE_PHRASES)
def test_a_phrase_needs_its_words_in_order(indexed_site, phrase):
    assert sample_pairs(phrase) == SAMPLE_PHRASES[phrase]


@pytest.mark.parametrize("query, first", [
    *((query, f"{SAMPLE}/#p{pair}") for query, pair in SAMPLE_FIRST.items()),
    ("环境变量", "config/#p"),
    ("environment variables", "config/#p"),
])
def test_the_expected_pair_comes_first(indexed_site, query, first):
    assert as_json(query)[0]["url"].startswith(first)


@pytest.mark.parametrize("query, lang", SAMPLE_RECALL_BY_LANG)
def test_lang_restricts_matching_to_one_side(indexed_site, query, lang):
    assert sample_pairs(query, "--lang", lang) == SAMPLE_RECALL_BY_LANG[query, lang]


def test_lang_and_limit(indexed_site):
    assert as_json("模仿", "--lang", "en") == []
    assert len(as_json("模仿", "--limit", "1")) == 1


def test_text_output_is_a_concordance_with_both_sides_marked(indexed_site):
    result = run("imitation", "模仿")
    assert result.exit_code == 0
    assert f"docs/posts/{SAMPLE}.md  #p2" in result.output
    assert "«imitation»" in result.output and "«模仿»" in result.output
    assert "\x1b[" not in result.output  # not a terminal: no ANSI codes


def test_words_may_come_as_several_arguments(indexed_site):
    assert as_json("imitation", "模仿") == as_json("imitation 模仿")


@pytest.mark.parametrize("query", [
    '"imitation', 'imitation"', "AND", "OR imitation AND", "NOT", "*", "?", "imit*", "*:*",
    "en:", "zh:模仿", "title:imitation", "nofield:imitation", "(((imitation", "imitation)))",
    "[a TO", "imitation^", "imitation~", "~/\\", "'", "模仿\x00", "😀 imitation", "ＡＮＤ",
    "imitation " * 1200, "模仿学习" * 2600, "x" * 10_240, '"' * 3000 + "(" * 3000,
])
def test_hostile_queries_are_searched_and_never_crash(indexed_site, query):
    result = run(query, "--json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.output), list)


def test_syntax_that_cannot_parse_is_searched_as_words(indexed_site):
    assert {hit["pair"] for hit in as_json('"imitation')} == SAMPLE_RECALL["imitation"]
    assert {hit["pair"] for hit in as_json("(((imitation")} == SAMPLE_RECALL["imitation"]
    assert as_json("*") == []


def test_an_empty_query_is_a_usage_error(indexed_site):
    for args in ([""], ["   "], []):
        result = run(*args)
        assert result.exit_code == 2, args


def test_without_an_index_it_says_to_build_the_site(site):
    result = run("imitation")
    assert result.exit_code == 1
    assert "make build" in result.output


def test_help_shows_the_options(site):
    result = run("--help")
    assert result.exit_code == 0
    for option in ("--json", "--limit", "--lang"):
        assert option in result.output


def test_an_unreadable_index_says_to_rebuild(site):
    index_dir = find_site(site).index_dir
    index_dir.mkdir()
    (index_dir / "_MAIN_1.toc").write_bytes(b"not an index")
    result = run("imitation")
    assert result.exit_code == 1
    assert "make build" in result.output


# The minimal site with its search index on, published by `essays build`.
BUILT_YML = "site_url: http://127.0.0.1:8000/\n" + MINIMAL_MKDOCS_YML.replace(
    "  - essays:\n      search_index: false\n", "  - essays\n")


def test_ad_and_added_are_different_words_on_a_built_site(make_site, monkeypatch):
    # whoosh's porter2 stems added to ad; the current Snowball English stems it to add
    def saying(words: str) -> str:  # the sample essay, its pair 3 with `words` in its English
        return sample_essay_text().replace("Similarly in life,", f"Similarly in life, {words},", 1)

    root = make_site({"docs/posts/ad.md": saying("an ad"), "docs/posts/added.md": saying("I added")},
                     BUILT_YML)
    built = subprocess.run([sys.executable, "-m", "essays.cli", "build"], cwd=root,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
                           text=True)
    assert built.returncode == 0, built.stderr
    monkeypatch.chdir(root)
    assert [hit["url"] for hit in as_json("ad")] == ["posts/ad/#p3"]
    assert [hit["url"] for hit in as_json("added")] == ["posts/added/#p3"]
    assert "an «ad»" in run("ad").output
