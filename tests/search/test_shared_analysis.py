"""Each pair analysed once per build: whoosh records the terms it indexes (analysis.recording)
and the browser index reads them instead of analysing the pair again (search/jobs.py). The
browser index must be the same, file for file, as one that analysed everything itself."""

from __future__ import annotations

import json
import threading
from collections import Counter
from pathlib import Path

import pytest
from helpers import documents, essay_from, sample_essay_text, twelve_factor_text

from essays.search.analysis import ANALYZER, recording, terms
from essays.search.browser_index import _decoded, read_terms, write_browser_index
from essays.search.jobs import update_indexes
from essays.search.whoosh_index import build_index

FACTORS = ("codebase", "config", "backing-services", "processes", "logs")


@pytest.fixture(scope="module")
def essays():
    items = [(essay_from(sample_essay_text(), "docs/posts/sample.md"), "sample/")]
    items += [(essay_from(twelve_factor_text(name), f"docs/posts/{name}.md"), f"{name}/")
              for name in FACTORS]
    return documents(items)


def files(site: Path) -> dict[str, bytes]:
    root = site / "search" / "shards"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_whoosh_records_exactly_the_terms_the_browser_index_would_make(tmp_path, essays):
    recorded = []
    build_index(essays, tmp_path / ".index", recorded.append)
    assert [path for path, _ in recorded] == [e.path for e in essays]
    config = next(counts for path, counts in recorded if path == "docs/posts/config.md")
    pair = next(e for e in essays if e.path == "docs/posts/config.md").pairs[1]
    assert config[1] == Counter(terms(pair.en) + terms(pair.zh))
    assert config[1]["environ"] >= 1 and config[1]["配置"] >= 1  # both halves, stemmed, bigrams


def test_the_job_writes_the_same_browser_index_as_analysing_everything(tmp_path, essays):
    update_indexes(essays, tmp_path / ".index", tmp_path / "shared")
    write_browser_index(essays, tmp_path / "alone")
    shared, alone = files(tmp_path / "shared"), files(tmp_path / "alone")
    assert shared.keys() == alone.keys() and "manifest.json" in shared
    assert [name for name in shared if shared[name] != alone[name]] == []


def test_essays_whoosh_carried_over_are_analysed_by_the_browser_index(tmp_path, essays):
    """A later build reuses the whoosh index for unchanged essays and records only the one
    changed: the browser index analyses the rest itself, and is still the same."""
    update_indexes(essays, tmp_path / ".index", tmp_path / "first")
    changed = documents([(essay_from(twelve_factor_text("logs").replace("Logs", "Log streams", 1),
                                     "docs/posts/logs.md"), "logs/")])
    later = [e for e in essays if e.path != "docs/posts/logs.md"] + changed
    recorded = []
    build_index(later, tmp_path / ".index", recorded.append)
    assert [path for path, _ in recorded] == ["docs/posts/logs.md"]
    write_browser_index(later, tmp_path / "shared", analysed=recorded)
    write_browser_index(later, tmp_path / "alone")
    shared, alone = files(tmp_path / "shared"), files(tmp_path / "alone")
    assert [name for name in alone if shared.get(name) != alone[name]] == []


def test_recording_takes_index_terms_of_its_own_thread_only():
    other = []
    with recording() as seen:
        list(ANALYZER("imitation 模仿", mode="query"))  # a query's terms: not indexed
        thread = threading.Thread(target=lambda: other.extend(terms("policies")))
        thread.start()
        thread.join()
        terms("Imitation learning 模仿学习")
    assert seen == ["imit", "learn", "模仿", "模", "仿学", "仿", "学习", "学", "习"]
    assert other == ["polici"]


def test_the_browser_index_takes_the_recorded_terms_rather_than_analysing_again(tmp_path, essays):
    """Recorded terms are used as given (so a pair is really analysed once): a term only the
    record holds is in the index, at the pair it was recorded for."""
    recorded = []
    build_index(essays, tmp_path / ".index", recorded.append)
    path, counts = recorded[1]
    recorded[1] = (path, [Counter({"recordedonly": 1}), *counts[1:]])
    write_browser_index(essays, tmp_path / "site", analysed=recorded)
    found = {term: [doc for doc, _ in _decoded(postings)]
             for term, _, postings in read_terms(tmp_path / "site")}
    stride = json.loads((tmp_path / "site/search/shards/manifest.json").read_text())["stride"]
    assert found["recordedonly"] == [1 * stride + 0]  # essay 1, its first pair
