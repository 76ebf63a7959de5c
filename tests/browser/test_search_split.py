"""Split postings in Chromium: a one-word search fetches a frequent term's best essays only,
and answers as if it had every posting; a search of several words answers from the first
files when they settle its first 20 essays, and fetches the rest when they do not.

Two indexes of one generated corpus (the bench's, 30 essays of real pairs; 120 for the words
whose first files settle a search): one with large postings split as the build splits them
(a search lists 20 essays), one never split. The worker answers each query from both; the
answers must be the same.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from helpers import REPO, free_port
from test_search_engine import WORKER, worker_answers

from essays.bench.corpus import generate, pair_pool
from essays.parse import parse_text
from essays.search.analysis import terms
from essays.search.browser_index import FOLDER, read_terms, term_hash, write_browser_index
from essays.search.documents import essay_documents
from essays.text.scripts import HAN

pytestmark = pytest.mark.browser

ESSAYS, PAIRS = 30, 6
LARGER = 120  # a word's first file then holds 20 of its many essays, and some pairs of words
# share them: an English word and its translation, two bigrams of one Chinese word
NEVER = 10**9


def _corpus(essays: int) -> list:
    found = []
    for essay in generate(pair_pool(REPO), essays, PAIRS, seed=1):
        parsed = parse_text(essay.text, f"docs/posts/{essay.slug}.md")
        found.append(essay_documents(parsed, f"{essay.slug}/"))
    return found


@pytest.fixture(scope="module")
def corpus():
    return _corpus(ESSAYS)


def _index_site(root, corpus, **layout) -> str:
    """A folder served with the worker and an index of `corpus`; its URL."""
    (root / "assets" / "javascripts").mkdir(parents=True)
    shutil.copy(REPO / "overrides" / WORKER, root / WORKER)
    (root / "index.html").write_text("<!doctype html><title>search</title><link rel=icon href=\"data:,\">", encoding="utf-8")
    write_browser_index(corpus, root, own_file_bytes=100, **layout)
    return root


def _sites(corpus, tmp_path_factory, serve) -> dict:
    split = _index_site(tmp_path_factory.mktemp("split"), corpus)
    whole = _index_site(tmp_path_factory.mktemp("whole"), corpus, first_essays=NEVER)
    return {"split": (split, serve(split, free_port())), "whole": (whole, serve(whole, free_port()))}


@pytest.fixture(scope="module")
def sites(corpus, tmp_path_factory, serve):
    return _sites(corpus, tmp_path_factory, serve)


@pytest.fixture(scope="module")
def larger_sites(tmp_path_factory, serve):
    return _sites(_corpus(LARGER), tmp_path_factory, serve)


def entry(root, term):
    folder = root / FOLDER
    shards = json.loads((folder / "manifest.json").read_text("utf-8"))["shards"]
    return json.loads((folder / "terms" / f"{term_hash(term) % shards}.json").read_text("utf-8"))[term]


def frequent(root, han: bool) -> str:
    """The split term (English word, or Chinese bigram) in most pairs: the worst first search."""
    candidates = [(df, term) for term, df, _ in read_terms(root)
                  if (len(term) == 2 and all(map(HAN.match, term)) if han else term.isascii() and term.isalpha())
                  and isinstance(entry(root, term)[1], dict)]
    return max(candidates)[1]


def answers(page, url: str, query: str) -> tuple[list, list[str]]:
    """The worker's last answer to `query` and the search files it fetched."""
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{url}/index.html")
    answered = worker_answers(page, f"{url}/{WORKER}", [{"type": 2, "data": query}],
                              until="answers[answers.length - 1].items.length === answers[answers.length - 1].total.listed")
    return answered[-1], [u.split("/search/shards/")[1].split("?")[0]
                          for u in requests if "/search/shards/" in u]


def shown(answer) -> list[tuple[str, str]]:
    return [(item["location"], item["text"]) for group in answer["items"] for item in group]


@pytest.mark.parametrize("han", [False, True], ids=["english", "chinese"])
def test_a_frequent_word_fetches_its_best_essays_only_and_lists_what_every_posting_gives(
        page, sites, han):
    split_root, split_url = sites["split"]
    word = frequent(split_root, han)
    postings = entry(split_root, word)[1]
    assert postings["essays"] > 20 and postings["listed"] >= 20
    ours, fetched = answers(page, split_url, word)
    reference, _ = answers(page, sites["whole"][1], word)
    assert shown(ours) == shown(reference) and len(ours["items"]) == 20
    assert ours["total"] == reference["total"]
    assert f"postings/{postings['best']}.json" in fetched
    assert f"postings/{postings['rest']}.json" not in fetched
    assert page.console_errors == []


def test_several_words_fetch_the_rest_and_list_what_every_posting_gives(page, sites):
    split_root, split_url = sites["split"]
    english, chinese = frequent(split_root, False), frequent(split_root, True)
    query = f"{english} {chinese}"
    assert set(terms(query, mode="query")) == {english, chinese}
    ours, fetched = answers(page, split_url, query)
    reference, _ = answers(page, sites["whole"][1], query)
    assert shown(ours) == shown(reference) and ours["total"] == reference["total"]
    for word in (english, chinese):
        postings = entry(split_root, word)[1]
        assert {f"postings/{postings['best']}.json", f"postings/{postings['rest']}.json"} <= set(fetched)
    assert page.console_errors == []


@pytest.mark.parametrize("query, english, chinese", [
    ("user 用户", "user", "用户"), ("interview 面试", "interview", "面试"),
])
def test_a_word_and_its_translation_are_answered_from_their_first_files(
        page, larger_sites, query, english, chinese):
    """The first files of both words hold 20 essays with every pair that has both, and no
    other essay can score above the 20th (README, "Best postings first"): the rest is never
    fetched, and the same pairs, with the same text, are listed as from every posting."""
    split_root, split_url = larger_sites["split"]
    assert set(terms(query, mode="query")) == {english, chinese}
    ours, fetched = answers(page, split_url, query)
    reference, reference_fetched = answers(page, larger_sites["whole"][1], query)
    assert shown(ours) == shown(reference) and len(ours["items"]) == 20
    first = ours["items"][0][0]
    assert first["location"] == reference["items"][0][0]["location"]
    assert re.search(r"#p\d+$", first["location"]) and "<mark>" in first["text"]
    for word in (english, chinese):
        postings = entry(split_root, word)[1]
        assert f"postings/{postings['best']}.json" in fetched
        assert f"postings/{postings['rest']}.json" not in fetched
    assert _bytes(split_root, fetched) < _bytes(larger_sites["whole"][0], reference_fetched)
    # the count: the essays the first files hold, and more may match
    assert ours["total"]["more"] is True and ours["total"]["listed"] == 20
    assert 20 <= ours["total"]["essays"] <= reference["total"]["essays"]
    assert page.console_errors == []


def _bytes(root, fetched: list[str]) -> int:
    """The postings bytes of the files fetched."""
    return sum((root / FOLDER / path).stat().st_size for path in fetched if path.startswith("postings/"))
