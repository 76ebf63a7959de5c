"""Bulk scoring (search/bulk.py) ranks exactly as whoosh: the same documents, scores and order.

On a real multi-segment index: the shipped sample and every twelve-factor fixture essay,
written a segment per 20 pairs (as a large archive is, a segment per 2,500), then updated so
that one essay's old documents are deleted (the deleted-documents filter).
"""

from __future__ import annotations

import pytest
from helpers import TWELVE_FACTOR, documents, essay_from, sample_essay_text, twelve_factor_text
from recall import SAMPLE_RECALL

from essays.bench.tasks import QUERIES
from essays.search import bulk, phrases, whoosh_index
from essays.search.query import open_index, parse_query, search
from essays.search.whoosh_index import build_index

NAMES = sorted(path.stem for path in (TWELVE_FACTOR / "en").glob("*.md"))
# The bench's queries, the recall bar's, and shapes they leave out: three words, fields, OR.
SYNTAX = ["backing services config", "en:config", "zh:配置", "config OR 模仿", "logs 日志 进程",
          "kubernetes", "the", "数据"]
QUERY_TEXTS = list(dict.fromkeys([*QUERIES, *SAMPLE_RECALL, *SYNTAX]))


def corpus(changed: str = ""):
    items = [(essay_from(sample_essay_text(), "docs/posts/sample.md"), "sample/")]
    for name in NAMES:
        text = twelve_factor_text(name)
        if name == changed:
            text = text.replace("environment", "environs", 1)
        items.append((essay_from(text, f"docs/posts/{name}.md"), f"{name}/"))
    return documents(items)


@pytest.fixture(scope="module")
def segmented(tmp_path_factory):
    """The fixtures a segment per 20 pairs, then `config` edited: its old pairs deleted."""
    patch = pytest.MonkeyPatch()
    patch.setattr(whoosh_index, "SEGMENT_PAIRS", 20)
    index_dir = tmp_path_factory.mktemp("site") / ".index"
    build_index(corpus(), index_dir)
    build_index(corpus(changed="config"), index_dir)  # reuses the first: deletes, adds
    patch.undo()
    index = open_index(index_dir)
    yield index
    index.close()


def loose(index, text: str):
    """The query `search` scores: parsed, its phrases relaxed to their terms' AND."""
    query = parse_query(text, ("en", "zh"), index.schema)
    return phrases.relaxed(query) or query


def test_the_index_has_segments_and_deleted_documents(segmented):
    assert len(segmented.ix._segments()) > 5
    assert segmented.searcher.reader().has_deletions()
    config_urls = {hit["url"] for hit in segmented.searcher.documents(path="docs/posts/config.md")}
    assert "config/#p1" in config_urls


@pytest.mark.parametrize("text", QUERY_TEXTS)
def test_bulk_ranks_as_whoosh_and_as_its_full_scoring(segmented, text):
    searcher = segmented.searcher
    query = loose(segmented, text)
    every = [(hit.docnum, hit.score) for hit in searcher.search(query, limit=None, optimize=False)]
    for limit in (1, 3, 10, len(every) + 1):
        ours = bulk.top(searcher, query, limit)
        assert ours is not None, f"{text}: not evaluated in bulk"
        theirs = [(hit.docnum, hit.score) for hit in searcher.search(query, limit=limit)]
        assert [(hit.docnum, hit.score) for hit in ours] == theirs == every[:limit], (text, limit)


def test_the_queries_rank_real_pairs(segmented):
    # Not vacuous: the queries find pairs, some tie on their score, and deleted ones are gone.
    searcher = segmented.searcher
    found = {text: bulk.top(searcher, loose(segmented, text), 200) for text in QUERY_TEXTS}
    assert sum(bool(hits) for hits in found.values()) > 0.8 * len(found)
    assert [hit.fields()["url"] for hit in found["imitation"]][:3] == \
           ["sample/#p5", "sample/#p3", "sample/#p2"]
    assert any(len({hit.score for hit in hits}) < len(hits) for hits in found.values() if hits)
    reader = searcher.reader()
    # The first build's `config` pairs said "environment", and are deleted but still in the
    # postings: none may come back.
    assert not any(reader.is_deleted(hit.docnum) for hits in found.values() for hit in hits)
    assert sum(reader.is_deleted(d) for d in range(reader.doc_count_all())) > 0


@pytest.mark.parametrize("text", [*QUERIES, "imit*", '"backing services"', "ablat* 消融"])
def test_search_shows_the_same_hits_with_and_without_bulk(segmented, text, monkeypatch):
    with_bulk = [(hit.to_json(), hit.marked) for hit in search(segmented, text, limit=20)]
    monkeypatch.setattr(bulk, "top", lambda searcher, query, limit: None)
    without = [(hit.to_json(), hit.marked) for hit in search(segmented, text, limit=20)]
    assert with_bulk == without, text


def test_queries_it_cannot_evaluate_are_left_to_whoosh(segmented):
    searcher = segmented.searcher
    phrase = parse_query('"backing services"', ("en",), segmented.schema)  # needs positions
    assert bulk.top(searcher, phrase, 10) is None
    found = [hit.fields()["en"].lower() for hit in phrases.search(searcher, phrase, 3)]
    assert len(found) == 3 and all("backing services" in en for en in found)


def test_average_field_lengths_are_computed_once_and_unchanged(segmented):
    searcher = segmented.searcher
    fresh = segmented.ix.searcher()
    try:
        for field in ("en", "zh"):
            assert searcher.avg_field_length(field) == fresh.avg_field_length(field) > 1
        assert searcher.avg_field_length.cache_info().hits > 0
    finally:
        fresh.close()
