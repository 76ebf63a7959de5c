"""The browser's sharded search index: what the worker fetches, written from real essays."""

from __future__ import annotations

import json
import math
import pytest
from helpers import (MINIMAL_MKDOCS_YML, SAMPLE_PAIR_COUNT, build_site, documents, essay_from,
                     sample_essay_text, twelve_factor_text)
from recall import SAMPLE_RECALL

from essays.search.analysis import terms
from essays.search.browser_index import (
    B, BUCKET, FOLDER, IMPACT_LEVELS, K1, OWN_FILE_BYTES, read_terms, term_hash, unpacked,
    write_browser_index,
)
from essays.text.plain import plain_text

SAMPLE_URL = "life-lessons-from-reinforcement-learning/"
FACTORS = ["codebase", "config", "backing-services", "logs", "processes"]


@pytest.fixture(scope="module")
def essays():
    items = [(essay_from(sample_essay_text(), "docs/posts/life.md"), SAMPLE_URL)]
    items += [(essay_from(twelve_factor_text(name), f"docs/posts/{name}.md"), f"{name}/")
              for name in FACTORS]
    return items


@pytest.fixture(scope="module")
def site(essays, tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("site")
    report = write_browser_index(documents(essays), site_dir)
    return site_dir, report


def load(site_dir, name):
    return json.loads((site_dir / FOLDER / name).read_text(encoding="utf-8"))


def postings_of(site_dir, term):
    return {t: (df, p) for t, df, p in read_terms(site_dir)}[term]


def doc_ids(postings):
    ids, doc = [], -1
    for gap in postings[::2]:
        doc += gap + 1
        ids.append(doc)
    return ids


def test_the_manifest_describes_the_index(site, essays):
    site_dir, report = site
    manifest = load(site_dir, "manifest.json")
    pairs = sum(len(essay.pairs) for essay, _ in essays)
    assert manifest["docs"] == report.docs == pairs
    assert manifest["essays"] == len(essays)
    assert manifest["stride"] > max(len(essay.pairs) for essay, _ in essays)
    assert len(list((site_dir / FOLDER / "terms").glob("*.json"))) == manifest["shards"]
    assert len(manifest["version"]) == 12


def test_a_term_is_in_the_shard_its_hash_names(site):
    site_dir, _ = site
    shards = load(site_dir, "manifest.json")["shards"]
    for term in ("imit", "模仿", "消融", "球", "environ"):
        assert term in load(site_dir, f"terms/{term_hash(term) % shards}.json"), term


def test_postings_find_the_recall_bar_pairs_of_the_sample(site):
    """Each query of the recall bar that is a single term: its postings are the pairs."""
    site_dir, _ = site
    stride = load(site_dir, "manifest.json")["stride"]
    analysed = {query: set(terms(query, mode="query")) for query in SAMPLE_RECALL}
    single = {query: min(found) for query, found in analysed.items() if len(found) == 1}
    assert {"imit", "模仿", "消融", "annot", "足球", "球"} <= set(single.values())
    for query, term in single.items():
        df, postings = postings_of(site_dir, term)
        ids = doc_ids(postings)
        assert df == len(ids)
        assert {i % stride + 1 for i in ids if i // stride == 0} == SAMPLE_RECALL[query], query


def test_every_term_of_every_pair_is_indexed_as_the_whoosh_index_analyses_it(site, essays):
    site_dir, _ = site
    indexed = {t: set(doc_ids(p)) for t, _, p in read_terms(site_dir)}
    stride = load(site_dir, "manifest.json")["stride"]
    for e, (essay, _) in enumerate(essays):
        for i, pair in enumerate(essay.pairs):
            found = terms(plain_text(pair.en.text)) + terms(plain_text(pair.zh.text))
            assert all(e * stride + i in indexed[t] for t in found)


def test_impacts_are_bm25_term_frequencies_quantized(site, essays):
    site_dir, _ = site
    _, postings = postings_of(site_dir, "imit")
    lengths = [len(pair_terms(pair)) for essay, _ in essays for pair in essay.pairs]
    average = sum(lengths) / len(lengths)
    expected = []
    for number in sorted(SAMPLE_RECALL["imitation"]):  # they say imitate, imitation, imitating
        found = pair_terms(essays[0][0].pairs[number - 1])
        tf, norm = found.count("imit"), K1 * (1 - B + B * len(found) / average)
        expected.append(round(IMPACT_LEVELS * tf / (tf + norm)))
    assert postings[1:2 * len(expected):2] == expected
    assert all(1 <= i <= IMPACT_LEVELS for i in postings[1::2])


def pair_terms(pair) -> list[str]:
    return terms(plain_text(pair.en.text)) + terms(plain_text(pair.zh.text))


def test_large_postings_get_a_file_of_their_own(site):
    site_dir, _ = site
    shards = load(site_dir, "manifest.json")["shards"]
    for term, df, postings in read_terms(site_dir):
        entry = load(site_dir, f"terms/{term_hash(term) % shards}.json")[term]
        raw = len(json.dumps(postings, separators=(",", ":")))
        assert isinstance(entry[1], str) == (raw > OWN_FILE_BYTES), term


def test_titles_give_a_bonus_list_over_essays(site):
    site_dir, _ = site
    shards = load(site_dir, "manifest.json")["shards"]
    entry = load(site_dir, f"terms/{term_hash('后端') % shards}.json")["后端"]
    assert doc_ids(entry[2]) == [1 + FACTORS.index("backing-services")]


def test_text_files_hold_each_pair_once_with_its_essay(site, essays):
    site_dir, _ = site
    for e, (essay, url) in enumerate(essays):
        for j in range(math.ceil(len(essay.pairs) / BUCKET)):
            text = load(site_dir, f"text/{e}-{j}.json")
            assert text["url"] == url and text["title"] == essay.meta.display_title
            for number, en, zh, *hant in text["pairs"]:
                pair = essay.pairs[number - 1]
                assert (en, zh) == (plain_text(pair.en.text), plain_text(pair.zh.text))
    fourth = load(site_dir, "text/0-0.json")["pairs"][3]
    assert fourth[0] == 4 and "消融实验" in fourth[2] and "ablations" in fourth[1]
    assert "消融實驗" in fourth[3]  # the Traditional the page shows for 繁


def test_the_fold_table_maps_traditional_characters_of_the_index_to_simplified(site):
    site_dir, _ = site
    pairs = load(site_dir, "fold.json")
    table = dict(zip(pairs[0::2], pairs[1::2]))
    assert table["實"] == "实" and table["驗"] == "验" and table["環"] == "环"
    assert "实" not in table  # Simplified characters are not in it: they fold to themselves


def test_the_files_and_their_bytes_are_reported(site):
    site_dir, report = site
    files = [p for p in (site_dir / FOLDER).rglob("*.json")]
    assert report.files == len(files)
    assert report.bytes == sum(p.stat().st_size for p in files)


def test_a_rebuild_replaces_the_index_whole(essays, tmp_path):
    write_browser_index(documents(essays), tmp_path)
    (tmp_path / FOLDER / "terms" / "stale.json").write_text("{}")
    write_browser_index(documents(essays[:1]), tmp_path)
    assert not (tmp_path / FOLDER / "terms" / "stale.json").exists()
    assert load(tmp_path, "manifest.json")["essays"] == 1
    assert [p.name for p in (tmp_path / FOLDER).parent.iterdir()] == ["shards"]


def test_a_site_build_writes_the_shards_and_keeps_pages_out_of_materials_index(make_site):
    yml = MINIMAL_MKDOCS_YML.replace("plugins:\n", "plugins:\n  - search\n")
    root = make_site({"docs/posts/life.md": sample_essay_text(), "docs/about.md": "# About\n\nHello.\n"},
                     yml)
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    site_dir = root / "site"
    assert load(site_dir, "manifest.json")["docs"] == SAMPLE_PAIR_COUNT
    assert load(site_dir, "text/0-0.json")["url"] == "posts/life/"
    material = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in material["docs"]]
    assert locations == []  # essays are in the shards; nothing loads Material's own index


@pytest.fixture(scope="module")
def split_site(essays, tmp_path_factory):
    """The same essays with a search listing 2 essays: a term in more is split."""
    site_dir = tmp_path_factory.mktemp("split")
    write_browser_index(documents(essays), site_dir, first_essays=2, own_file_bytes=100)
    return site_dir


def split_entry(site_dir, term):
    shards = load(site_dir, "manifest.json")["shards"]
    return load(site_dir, f"terms/{term_hash(term) % shards}.json")[term]


def essays_of(postings, stride):
    return {doc // stride for doc in doc_ids(postings)}


def test_a_term_in_more_essays_than_a_search_lists_is_split_best_essays_first(split_site):
    """"the" is in all six essays and in no title: its first file holds every pair of the two
    essays with its best pairs, the second file the other four's; `most` is the highest
    impact of the second (what a search of several words bounds those essays by)."""
    stride = load(split_site, "manifest.json")["stride"]
    df, entry = split_entry(split_site, "the")[:2]
    first, rest = (unpacked(load(split_site, f"postings/{entry[k]}.json")) for k in ("best", "rest"))
    assert entry == {"best": entry["best"], "rest": f"{entry['best']}-rest", "essays": 6,
                     "listed": 2, "most": max(rest[1::2])}
    assert len(essays_of(first, stride)) == 2 and len(essays_of(rest, stride)) == 4
    assert essays_of(first, stride).isdisjoint(essays_of(rest, stride))
    assert (len(first) + len(rest)) // 2 == df
    best_of = {e: max(i for d, i in zip(doc_ids(first), first[1::2]) if d // stride == e)
               for e in essays_of(first, stride)}
    assert min(best_of.values()) >= max(rest[1::2])  # no pair of the rest scores higher


def test_split_postings_read_back_as_the_whole_list(split_site, site):
    site_dir, _ = site
    whole = {t: (df, p) for t, df, p in read_terms(site_dir)}
    split = {t: (df, p) for t, df, p in read_terms(split_site)}
    assert split == whole
    assert isinstance(split_entry(split_site, "the")[1], dict)
    assert isinstance(split_entry(split_site, "消融")[1], list)  # one essay says it: not split
