"""Our search worker in Chromium: the same analysis as the build, and what it fetches when."""

from __future__ import annotations

import re

import pytest
from helpers import FIXTURES
from test_search import SAMPLE, search
from whoosh.lang.porter2 import stem

from essays.analysis import terms

pytestmark = pytest.mark.browser

WORKER = "assets/javascripts/essays-search-worker.js"
# Words that take porter2's rarer paths: exceptional forms, early exits, R1 exceptions,
# apostrophes, y as a consonant, double consonants, -ly endings, step 2-5 suffixes.
TRICKY = """skis skies dying lying tying idly gently ugly early only singly sky news howe atlas
cosmos bias andes inning innings outing canning herring earring proceed exceed succeed
succeeding generously generate arsenal communism community 'quoted y's sky's boys' yes
youth crying flying agreed feed feedly hopping hoping filing fizzed troubled sized ied ies
cries ties gas this caresses ponies dies relational conditional rational valenci hesitanci
digitizer conformabli radicalli differentli vileli analogousli vietnamization predication
operator feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti
triplicate formative formalize electriciti electrical hopeful goodness revival allowance
inference airliner gyroscopic adjustable defensible irritant replacement adjustment dependent
adoption homologou communism activate angulariti homologous effective bowdlerize fluently
kindly logi bli ogi abli alli lessli fulli ousli entli ization ational fulness eed eedly
ing ingly ed edly a aa i'm don't it's we're you've they'll he'd""".split()
WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def fixture_words() -> set[str]:
    words = set()
    for path in FIXTURES.rglob("*"):
        if path.suffix in {".md", ".txt"}:
            words.update(w.lower() for w in WORD.findall(path.read_text(encoding="utf-8-sig")))
    return words


@pytest.fixture
def engine(page, site_url):
    """A page with the worker's code loaded as a plain script: self.EssaysSearch."""
    page.goto(f"{site_url}/about/")
    page.add_script_tag(url=f"{site_url}/{WORKER}")
    page.wait_for_function("typeof self.EssaysSearch !== 'undefined'")
    return page


def test_porter2_in_javascript_stems_as_whoosh_does(engine):
    words = sorted(fixture_words() | set(TRICKY))
    assert len(words) > 3_000
    stems = engine.evaluate("words => words.map(self.EssaysSearch.stem)", words)
    differ = [(w, s, stem(w)) for w, s in zip(words, stems) if s != stem(w)]
    assert differ == []


@pytest.mark.parametrize("query", [
    "imitation", "Imitation imitating IMITATES", "模仿", "习惯于研究", "球", "imitation模仿",
    "RL训练", "ＡＩ２０２５", "didn’t we're people's", "on-policy", "强化学习（RL）", "café naïve",
    "12factor v1.20", "后端服务 backing-services", "(unbalanced \"quote", "*:*",
])
def test_a_query_has_the_terms_the_build_gives_it(engine, query):
    found = engine.evaluate("q => self.EssaysSearch.queryTerms(q).map(t => t.term)", query)
    assert sorted(found) == sorted(set(terms(query, mode="query")))


def search_requests(page) -> list[str]:
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    return requests


def under(requests: list[str], *folders: str) -> list[str]:
    return [u for u in requests if any(f"/{folder}" in u for folder in folders)]


def test_a_page_view_fetches_nothing_for_search(page, site_url):
    requests = search_requests(page)
    page.goto(f"{site_url}/{SAMPLE}")
    page.wait_for_selector("#p1")
    page.wait_for_timeout(500)
    assert requests and under(requests, "search/", WORKER) == []
    page.click(".md-header__button.md-logo")  # instant navigation to the listing
    page.wait_for_selector(".essay-card")
    page.wait_for_timeout(300)
    assert under(requests, "search/", WORKER) == []


def test_the_first_search_fetches_a_few_small_files_and_later_ones_reuse_them(page, site_url):
    requests = search_requests(page)
    page.goto(f"{site_url}/{SAMPLE}")
    page.wait_for_selector("#p1")
    assert search(page, "imitation")
    first = under(requests, "search/", WORKER)
    assert any(u.endswith(WORKER) for u in first)
    assert sum("/search/shards/terms/" in u for u in first) == 1
    assert sum("/search/shards/text/" in u for u in first) <= 2  # pairs 2, 3 and 5: two files
    assert under(first, "search/search_index.json") == []
    assert len(first) <= 5
    count = len(requests)
    assert search(page, "imitate")  # the same stem: nothing new to fetch
    assert search(page, "imitation")
    assert under(requests[count:], "search/", WORKER) == []
    assert page.console_errors == []
