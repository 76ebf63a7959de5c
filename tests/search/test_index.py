"""The pair index: documents, the atomic swap, and the recall bar on real essays."""

from __future__ import annotations

import os

import pytest
from helpers import SAMPLE_PAIR_COUNT, documents, essay_from, sample_essay_text, twelve_factor_text
from recall import SAMPLE_FIRST, SAMPLE_PHRASES, SAMPLE_RECALL, SAMPLE_RECALL_BY_LANG

from essays.search.documents import essay_documents
from essays.search import whoosh_index
from essays.search.whoosh_index import build_index, index_exists, whoosh_documents
from essays.search import phrases
from essays.search.query import open_index, parse_query, search

SAMPLE_URL = "life-lessons-from-reinforcement-learning/"


@pytest.fixture(scope="module")
def sample():
    return essay_from(sample_essay_text(), "docs/posts/life-lessons-from-reinforcement-learning.md")


@pytest.fixture(scope="module")
def config_essay():
    return essay_from(twelve_factor_text("config"), "docs/posts/config.md")


@pytest.fixture(scope="module")
def corpus(sample, config_essay):
    names = ["codebase", "dependencies", "backing-services", "processes", "dev-prod-parity"]
    others = [(essay_from(twelve_factor_text(n), f"docs/posts/{n}.md"), f"{n}/") for n in names]
    return documents([(sample, SAMPLE_URL), (config_essay, "config/"), *others])


@pytest.fixture(scope="module")
def ix(corpus, tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("site") / ".index"
    build_index(corpus, index_dir)
    return open_index(index_dir)


def test_one_document_per_pair_with_its_place_in_the_site(sample):
    docs = whoosh_documents(essay_documents(sample, SAMPLE_URL))
    assert [d["pair"] for d in docs] == list(range(1, SAMPLE_PAIR_COUNT + 1))
    third = docs[2]
    assert third["url"] == f"{SAMPLE_URL}#p3"
    assert third["path"] == "docs/posts/life-lessons-from-reinforcement-learning.md"
    assert third["essay"] == "Life lessons from reinforcement learning · 强化学习带给我的人生启示"
    assert third["date"] == "2025-07-16"
    assert third["en"].startswith("Similarly in life, we first bootstrap ourselves")
    assert third["zh"].startswith("生活中也是如此")


def test_text_is_stored_without_markdown_and_headings_above_are_recorded(config_essay):
    docs = {d["pair"]: d for d in whoosh_documents(essay_documents(config_essay, "config/"))}
    assert docs[1]["en"] == "Store config in the environment"  # the heading pair itself
    assert docs[1]["headings"] == ""
    assert docs[2]["headings"] == "Store config in the environment · 在环境中存储配置"
    assert "](" not in docs[2]["en"] and "*config*" not in docs[2]["en"]
    assert "config" in docs[2]["en"]


# -- building and swapping ---------------------------------------------------------------------


def test_build_reports_counts_and_the_index_is_a_link_to_a_generation(tmp_path, sample):
    index_dir = tmp_path / ".index"
    report = build_index(documents([(sample, SAMPLE_URL)]), index_dir)
    assert (report.essays, report.pairs) == (1, SAMPLE_PAIR_COUNT)
    assert index_dir.is_symlink() and index_exists(index_dir)


def test_a_failed_build_leaves_the_last_good_index(tmp_path, sample, config_essay):
    index_dir = tmp_path / ".index"
    build_index(documents([(sample, SAMPLE_URL)]), index_dir)
    good = os.readlink(index_dir)

    def broken():
        yield essay_documents(config_essay, "config/")
        raise RuntimeError("an essay failed to parse halfway through the build")

    with pytest.raises(RuntimeError):
        build_index(broken(), index_dir)
    assert os.readlink(index_dir) == good
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".index", good])
    assert sorted(h.pair for h in search(open_index(index_dir), "消融")) == sorted(SAMPLE_RECALL["消融"])


def test_a_rebuild_swaps_in_the_new_index_and_keeps_one_older_generation(tmp_path, sample,
                                                                         config_essay):
    index_dir = tmp_path / ".index"
    for _ in range(3):
        build_index(documents([(sample, SAMPLE_URL)]), index_dir)
    build_index(documents([(config_essay, "config/")]), index_dir)
    assert search(open_index(index_dir), "消融") == []
    assert search(open_index(index_dir), "环境变量")
    generations = [p for p in tmp_path.iterdir() if p.name.startswith(".index-")]
    assert len(generations) == 2


def test_a_rebuild_leaves_every_file_of_the_previous_generation_as_it_was(tmp_path, sample,
                                                                        config_essay):
    """The new generation shares the old one's files (hard links): it must never write
    into one of them, or the published index changes under a build that then fails."""
    index_dir = tmp_path / ".index"
    build_index(documents([(sample, SAMPLE_URL)]), index_dir)
    old = index_dir.resolve()
    before = {path.name: path.read_bytes() for path in old.iterdir()}
    build_index(documents([(sample, SAMPLE_URL), (config_essay, "config/")]), index_dir)
    assert index_dir.resolve() != old
    assert {path.name: path.read_bytes() for path in old.iterdir()} == before


def test_an_index_folder_from_before_generations_is_replaced(tmp_path, sample):
    index_dir = tmp_path / ".index"
    index_dir.mkdir()
    (index_dir / "stale").write_text("old")
    build_index(documents([(sample, SAMPLE_URL)]), index_dir)
    assert index_dir.is_symlink() and index_exists(index_dir)


# -- the recall bar ----------------------------------------------------------------------------


def sample_pairs(ix, query, **options) -> list[int]:
    return [h.pair for h in search(ix, query, limit=50, **options) if h.url.startswith(SAMPLE_URL)]


@pytest.mark.parametrize("query", SAMPLE_RECALL)
def test_recall_bar_on_the_sample_essay(ix, query):
    assert set(sample_pairs(ix, query)) == SAMPLE_RECALL[query]


@pytest.mark.parametrize("query", SAMPLE_FIRST)
def test_the_expected_pair_comes_first(ix, query):
    assert search(ix, query)[0].url == f"{SAMPLE_URL}#p{SAMPLE_FIRST[query]}"


@pytest.mark.parametrize("phrase", SAMPLE_PHRASES)
def test_a_phrase_needs_its_words_in_order(ix, phrase):
    assert set(sample_pairs(ix, phrase)) == SAMPLE_PHRASES[phrase]


@pytest.mark.parametrize("query, lang", SAMPLE_RECALL_BY_LANG)
def test_lang_restricts_matching_to_one_side(ix, query, lang):
    assert set(sample_pairs(ix, query, lang=lang)) == SAMPLE_RECALL_BY_LANG[query, lang]


def test_twelve_factor_terms_in_either_language(ix):
    assert search(ix, "environment variables")[0].url.startswith("config/#p")
    assert search(ix, "环境变量")[0].url.startswith("config/#p")
    assert search(ix, "backing services")[0].url.startswith("backing-services/#p")


def test_matches_are_marked_in_both_languages(ix):
    hit = search(ix, "imitation 模仿", mark=("[", "]"))[0]
    assert "[imitation]" in hit.marked["en"]
    assert "[模仿]" in hit.marked["zh"]
    hit = search(ix, "习惯于研究", mark=("[", "]"))[0]
    assert "[习惯于研究]" in hit.marked["zh"]  # overlapping bigrams marked as one stretch


def test_an_index_written_in_segments_finds_what_one_segment_finds(tmp_path, corpus, ix,
                                                                   monkeypatch):
    # Large archives are written a segment per SEGMENT_PAIRS pairs, never merged at once.
    monkeypatch.setattr(whoosh_index, "SEGMENT_PAIRS", 20)
    index_dir = tmp_path / ".index"
    build_index(corpus, index_dir)
    segmented = open_index(index_dir)
    pairs = sum(len(essay.pairs) for essay in corpus)
    assert len(segmented.ix._segments()) > 1
    assert segmented.doc_count() == ix.doc_count() == pairs
    assert set(sample_pairs(segmented, "模仿 imitate")) == SAMPLE_RECALL["模仿 imitate"]
    for query in ("模仿 imitate", "environment variables", "控球", "\"imitation learning\""):
        assert [(h.url, h.pair) for h in search(segmented, query, limit=50)] == \
               [(h.url, h.pair) for h in search(ix, query, limit=50)], query


@pytest.mark.parametrize("text", ["环境变量", "后端服务", "习惯于研究", "强化学习", "代码库",
                                  '"imitation learning"', '"learning imitation"',
                                  "配置 环境变量", '"backing services" 资源'])
def test_phrases_checked_on_candidates_find_what_whoosh_positions_find(ix, text):
    query = parse_query(text, ("en", "zh"), ix.schema)
    assert phrases.relaxed(query) is not None  # each of these has a phrase to check
    theirs = [hit["url"] for hit in ix.searcher.search(query, limit=None)]
    ours = [hit["url"] for hit in phrases.search(ix.searcher, query, limit=len(theirs) + 5)]
    assert sorted(ours) == sorted(theirs), text


def test_a_phrase_holds_only_in_order_and_adjacent():
    query = parse_query('"imitation learning" 强化学习', ("en", "zh"), whoosh_index.schema())
    assert phrases.holds(query, {"en": "Imitation learning works.", "zh": "强化学习"})
    assert not phrases.holds(query, {"en": "Learning imitation works.", "zh": "强化学习"})
    assert not phrases.holds(query, {"en": "Imitation learning works.", "zh": "强化的学习"})


def test_a_chinese_phrase_is_found_in_either_side_whatever_it_is_written_with():
    # The English side is not analysed for a Chinese phrase when it holds no Han character
    # (and is NFKC already): these check that the shortcut never hides a match.
    query = parse_query("数据库", ("en", "zh"), whoosh_index.schema())
    assert phrases.holds(query, {"en": "The 数据库 table’s rows.", "zh": "行"})
    assert phrases.holds(query, {"en": "The database’s rows.", "zh": "數據庫的行"})  # Traditional
    assert not phrases.holds(query, {"en": "The database’s rows.", "zh": "数据的库"})
    assert not phrases.holds(query, {"en": "ＤＢ (full width) database", "zh": "数据"})
