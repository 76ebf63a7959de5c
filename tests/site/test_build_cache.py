"""What a build reuses from the last one: checked essays (serve) and the whoosh index."""

from __future__ import annotations

import json

import pytest
from helpers import SAMPLE_PAIR_COUNT, documents, essay_from, sample_essay_text, twelve_factor_text
from recall import SAMPLE_RECALL
from whoosh.lang.porter2 import stem as porter2_stem

from essays.search import analysis, whoosh_index
from essays.search.browser_index import read_terms
from essays.align.check import CheckCache, check_files
from essays.search.whoosh_index import MANIFEST, build_index
from essays.search.jobs import Job, update_indexes
from essays.search.query import open_index, search

BROKEN = "---\ntitle: Broken\ndate: 2025-07-16\n---\n\nAn English paragraph.\n\n一段中文。\n\nNo translation.\n"


def _pairs(ix, query):
    return {hit.url for hit in search(ix, query, limit=50)}


def test_unchanged_essay_is_reused_and_changed_one_is_checked_again(tmp_path):
    same, edited = tmp_path / "same.md", tmp_path / "edited.md"
    same.write_text(sample_essay_text(), encoding="utf-8")
    edited.write_text(twelve_factor_text("config"), encoding="utf-8")
    cache = CheckCache()
    files = [(same, "same.md"), (edited, "edited.md")]
    first = check_files(files, cache=cache)
    edited.write_text(twelve_factor_text("logs"), encoding="utf-8")
    second = check_files(files, cache=cache)
    assert second.parsed[0] is first.parsed[0]
    assert second.parsed[1] is not first.parsed[1]
    assert second.parsed[1].meta.title == "XI. Logs"


def test_broken_essay_still_fails_when_its_check_is_reused(tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_text(BROKEN, encoding="utf-8")
    cache = CheckCache()
    first = check_files([(broken, "broken.md")], cache=cache)
    again = check_files([(broken, "broken.md")], cache=cache)
    assert [f.code for f in again.errors] == [f.code for f in first.errors] == ["missing-zh"]


def test_index_update_matches_a_fresh_build(tmp_path):
    sample = essay_from(sample_essay_text(), "docs/posts/sample.md")
    config = essay_from(twelve_factor_text("config"), "docs/posts/config.md")
    logs = essay_from(twelve_factor_text("logs"), "docs/posts/config.md")  # config.md rewritten
    index_dir = tmp_path / ".index"
    build_index(documents([(sample, "sample/"), (config, "config/")]), index_dir)
    build_index(documents([(sample, "sample/"), (logs, "config/")]), index_dir)
    manifest = json.loads((index_dir / MANIFEST).read_text())
    assert set(manifest["essays"]) == {"docs/posts/sample.md", "docs/posts/config.md"}
    fresh_dir = tmp_path / "fresh" / ".index"
    fresh_dir.parent.mkdir()
    build_index(documents([(sample, "sample/"), (logs, "config/")]), fresh_dir)
    updated, fresh = open_index(index_dir), open_index(fresh_dir)
    for query in ("imitation", "模仿", "environment", "日志", "event stream"):
        assert _pairs(updated, query) == _pairs(fresh, query), query
    assert _pairs(updated, "environment variables") == set()  # the old config essay is gone
    assert updated.doc_count() == fresh.doc_count()


def test_an_index_of_an_older_stemmer_is_rebuilt_not_updated(tmp_path, monkeypatch):
    # An index written by a release that stemmed with porter2 (added -> ad) has another format:
    # the next build must not keep its documents, or "ad" would go on finding "added".
    text = sample_essay_text().replace("Similarly in life,", "Similarly in life, I added,", 1)
    items = documents([(essay_from(text, "docs/posts/sample.md"), "sample/")])
    index_dir = tmp_path / ".index"
    with monkeypatch.context() as older:
        older.setattr(analysis, "stem", porter2_stem)
        older.setattr(whoosh_index, "_format", lambda: "porter2")
        build_index(items, index_dir)
    assert _pairs(open_index(index_dir), "ad") == {"sample/#p3"}
    build_index(items, index_dir)
    assert _pairs(open_index(index_dir), "ad") == set()
    assert _pairs(open_index(index_dir), "added") == {"sample/#p3"}


def test_removed_essay_leaves_the_index(tmp_path):
    sample = essay_from(sample_essay_text(), "docs/posts/sample.md")
    config = essay_from(twelve_factor_text("config"), "docs/posts/config.md")
    logs = essay_from(twelve_factor_text("logs"), "docs/posts/logs.md")
    index_dir = tmp_path / ".index"
    build_index(documents([(sample, "sample/"), (config, "config/"), (logs, "logs/")]), index_dir)
    build_index(documents([(sample, "sample/"), (logs, "logs/")]), index_dir)
    found = _pairs(open_index(index_dir), "environment")
    assert found and not any(url.startswith("config/") for url in found)


def test_index_job_builds_both_indexes_in_another_process_and_reports_failures(tmp_path):
    sample = essay_from(sample_essay_text(), "docs/posts/sample.md")
    items = documents([(sample, "sample/")])
    whoosh, browser = Job(update_indexes, items, tmp_path / ".index", tmp_path / "site").join()
    assert (browser.docs, whoosh.pairs, whoosh.essays) == (SAMPLE_PAIR_COUNT, SAMPLE_PAIR_COUNT, 1)
    found = _pairs(open_index(tmp_path / ".index"), "模仿")
    assert found == {f"sample/#p{n}" for n in SAMPLE_RECALL["模仿"]}
    assert {t for t, _, _ in read_terms(tmp_path / "site")} >= {"模仿", "imit"}
    with pytest.raises(OSError):
        Job(update_indexes, items, tmp_path / "missing" / ".index", None).join()


def test_blog_posts_answer_membership_by_identity_and_follow_appends():
    """Material's blog asks `page in blog.posts` for every page; the plugin's list answers by
    identity (an id set) instead of comparing every post's title."""
    from essays.site.material import _Posts

    class Page:  # equal to every other page, as titles would make two pages alike
        def __eq__(self, other):
            return True

    first, second, stranger = Page(), Page(), Page()
    posts = _Posts([first])
    assert first in posts and second not in posts and stranger not in posts
    posts.append(second)
    assert second in posts and stranger not in posts
    assert posts == [first, second]  # still the list the blog sorted and slices
