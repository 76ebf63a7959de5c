"""The index job's input on disk (search/spool.py): read back whole, as often as asked, and gone
once the job has ended, whichever way it ended."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers import SAMPLE_PAIR_COUNT, build_site, documents, essay_from, sample_essay_text, \
    twelve_factor_text
from recall import SAMPLE_RECALL

from essays.search.browser_index import read_terms
from essays.search.jobs import Job, update_indexes
from essays.search.query import open_index, search
from essays.search.spool import Spool


@pytest.fixture
def two_essays():
    return documents([(essay_from(sample_essay_text(), "docs/posts/sample.md"), "sample/"),
                      (essay_from(twelve_factor_text("config"), "docs/posts/config.md"),
                       "config/")])


def test_a_spool_reads_back_the_same_essays_in_order_every_time(tmp_path, two_essays):
    spool = Spool.write(iter(two_essays), tmp_path)  # a generator: never held whole
    assert list(spool) == two_essays
    assert list(spool) == two_essays  # the indexes read it twice
    assert [e.pairs[2].en for e in spool][0].startswith("Similarly in life,")


def test_the_index_job_builds_both_indexes_from_a_spool_and_removes_it(tmp_path, two_essays):
    spool = Spool.write(two_essays, tmp_path)
    job = Job(update_indexes, spool, tmp_path / ".index", tmp_path / "site",
              cleanup=spool.remove)
    whoosh, browser = job.join()
    assert not spool.path.exists()
    pairs = sum(len(e.pairs) for e in two_essays)
    assert (whoosh.essays, whoosh.pairs, browser.docs) == (2, pairs, pairs)
    found = {hit.url for hit in search(open_index(tmp_path / ".index"), "模仿")}
    assert found == {f"sample/#p{n}" for n in SAMPLE_RECALL["模仿"]}
    assert {t for t, _, _ in read_terms(tmp_path / "site")} >= {"模仿", "environ"}


def test_a_cancelled_or_failed_job_removes_its_spool_too(tmp_path, two_essays):
    spool = Spool.write(two_essays, tmp_path)
    Job(update_indexes, spool, tmp_path / ".index", None, cleanup=spool.remove).cancel()
    assert not spool.path.exists()
    spool = Spool.write(two_essays, tmp_path)
    with pytest.raises(OSError):
        Job(update_indexes, spool, tmp_path / "missing" / ".index", None,
            cleanup=spool.remove).join()
    assert not spool.path.exists()


def test_a_one_shot_iterable_still_gives_whole_indexes(tmp_path, two_essays):
    """A generator cannot be read twice: the indexes take a list of it instead."""
    from essays.search.browser_index import write_browser_index
    from essays.search.whoosh_index import build_index
    report = build_index(iter(two_essays), tmp_path / ".index")
    assert report.essays == 2
    assert write_browser_index(iter(two_essays), tmp_path / "site").docs == report.pairs


def test_a_site_build_leaves_no_spool_behind(tmp_path, make_site, monkeypatch):
    root = make_site({"docs/index.md": "# Home\n",
                      "docs/posts/essay.md": sample_essay_text()})
    spools = tmp_path / "tmp"
    spools.mkdir()
    monkeypatch.setenv("TMPDIR", str(spools))
    built = build_site(root)
    assert built.returncode == 0, built.stderr
    assert f'id="p{SAMPLE_PAIR_COUNT}"' in (root / "site/posts/essay/index.html").read_text()
    assert list(spools.glob("essays-documents-*")) == []


def test_a_killed_builds_spool_is_removed_by_the_next_build(tmp_path, two_essays):
    """SIGKILL runs no cleanup: the spool names its build's pid, and a spool whose build is gone
    is removed; one whose build still runs is not."""
    killed = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    killed.kill()
    killed.wait()
    left = tmp_path / f"essays-documents-{killed.pid}-abc.pickle"
    left.write_bytes(b"")
    ours = Spool.write(two_essays, tmp_path)
    assert ours.path.name.startswith(f"essays-documents-{os.getpid()}-")
    assert Spool.sweep(tmp_path) == [left]
    assert not left.exists()
    assert list(ours) == two_essays
