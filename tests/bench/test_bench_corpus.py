"""The benchmark's corpus: real pairs, the same essays for the same seed, every essay valid."""

from __future__ import annotations

import json

import pytest
import yaml
from helpers import REPO

from essays.bench.corpus import generate, pair_pool, write_corpus
from essays.align.check import check_files
from essays.parse import parse_file


@pytest.fixture(scope="module")
def pool():
    return pair_pool(REPO)


def test_pool_holds_real_pairs_of_the_sample_and_the_twelve_factors(pool):
    english = [en for en, _ in pool]
    assert any(en.startswith("Becoming an RL diehard") for en in english)
    assert any("Store config in the environment" in en for en in english)
    assert len(set(english)) == len(english)  # each pair once


def test_same_seed_same_corpus_other_seed_other_corpus(pool):
    first, again = generate(pool, 5, 20, seed=7), generate(pool, 5, 20, seed=7)
    assert [e.text for e in first] == [e.text for e in again]
    assert [e.text for e in generate(pool, 5, 20, seed=8)] != [e.text for e in first]


def test_written_essays_check_clean_and_carry_blog_metadata(pool, tmp_path):
    write_corpus(generate(pool, 30, 20, seed=1), tmp_path)
    files = sorted((tmp_path / "posts").glob("*.md"))
    report = check_files((p, p.name) for p in files)
    assert report.errors == [] and report.essays == 30 and report.pairs == 30 * 20
    described = yaml.safe_load((tmp_path / ".authors.yml").read_text())["authors"]
    metas = [parse_file(p).meta for p in files]
    assert {a for m in metas for a in m.authors} <= described.keys()
    assert len({m.date.year for m in metas}) > 5  # archive pages over many years
    assert all(m.categories and m.title_zh for m in metas)


def test_more_pairs_per_essay_than_the_pool_holds_is_refused(pool):
    with pytest.raises(ValueError, match="real pairs"):
        generate(pool, 1, len(pool) + 1)


def test_a_corpus_made_from_another_pool_is_written_again(tmp_path):
    """A corpus written before the checker refused some pairs must not outlive that change:
    the stamp holds the pool's digest beside N, K and the seed."""
    from essays.bench.workspace import prepare
    first = prepare(tmp_path, REPO, 3, 4, seed=1)
    stamp = json.loads((tmp_path / "corpus.json").read_text())
    assert set(stamp) == {"essays", "pairs", "seed", "pool"}
    first[0].write_text("left over from an older pool\n")
    assert prepare(tmp_path, REPO, 3, 4, seed=1) == first  # same pool: kept as it is
    assert first[0].read_text() == "left over from an older pool\n"
    (tmp_path / "pairs").mkdir()
    (tmp_path / "pairs" / f"{first[0].stem}.lock").write_text("the older essay's anchors\n")
    (tmp_path / "corpus.json").write_text(json.dumps({**stamp, "pool": "older"}))
    prepare(tmp_path, REPO, 3, 4, seed=1)
    assert first[0].read_text().startswith("---\n")
    assert not (tmp_path / "pairs").exists()  # its locks described the older corpus
    assert check_files([(first[0], first[0].name)]).errors == []
