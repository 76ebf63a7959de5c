"""Our search worker in Chromium: the same analysis as the build, and what it fetches when."""

from __future__ import annotations

import json
import re

import pytest
from helpers import FIXTURES, SNOWBALL, posts_saying, snowball_vocabulary
from recall import SAMPLE_RECALL
from test_search import SAMPLE, cli_search, sample_pairs, search

from essays.search.analysis import stem, terms
from essays.search.browser_index import BUCKET, term_hash

pytestmark = pytest.mark.browser

WORKER = "assets/javascripts/essays-search-worker.js"
# Besides Snowball's vocabulary: our own text's words, and the clitics and trailing apostrophes
# it lacks (it has leading ones: 's, 'as), checked against the build's stem.
APOSTROPHES = "y's sky's boys' i'm don't it's we're you've they'll he'd".split()
WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def fixture_words() -> set[str]:
    words = set()
    for path in FIXTURES.rglob("*"):
        if path.suffix in {".md", ".txt"} and SNOWBALL not in path.parents:
            words.update(w.lower() for w in WORD.findall(path.read_text(encoding="utf-8-sig")))
    return words


@pytest.fixture
def engine(page, site_url):
    """A page with the worker's code loaded as a plain script: self.EssaysSearch."""
    page.goto(f"{site_url}/about/")
    page.add_script_tag(url=f"{site_url}/{WORKER}")
    page.wait_for_function("() => typeof self.EssaysSearch !== 'undefined'")
    return page


def test_the_workers_stemmer_stems_every_word_as_snowball_and_the_build_do(engine):
    expected = snowball_vocabulary()
    ours = (fixture_words() | set(APOSTROPHES)) - expected.keys()
    assert len(ours) > 2_000
    expected.update((word, stem(word)) for word in ours)
    words = sorted(expected)
    stems = engine.evaluate("words => words.map(self.EssaysSearch.stem)", words)
    assert [(w, s, expected[w]) for w, s in zip(words, stems) if s != expected[w]] == []


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
    assert search(page, "imitation", typed=False)  # committed: no prefix fetched on a slow day
    first = under(requests, "search/", WORKER)
    assert any(u.endswith(WORKER) for u in first)
    assert sum("/search/shards/terms/" in u for u in first) == 1
    texts = len({(n - 1) // BUCKET for n in SAMPLE_RECALL["imitation"]})  # files holding its pairs
    assert sum("/search/shards/text/" in u for u in first) <= texts
    assert under(first, "search/search_index.json") == []
    assert sum("/search/shards/glossary.json" in u for u in first) == 1  # once, for expansion
    assert sum("/search/shards/fold.json" in u for u in first) == 1  # as the worker starts
    # the worker, the manifest, the glossary, the fold table, one terms file, the text files
    assert len(first) <= 5 + texts
    count = len(requests)
    assert search(page, "imitate", typed=False)  # the same stem: nothing new to fetch
    assert search(page, "imitation", typed=False)
    assert under(requests[count:], "search/", WORKER) == []
    assert page.console_errors == []


# What the page posts to our worker: Worker.prototype.postMessage, recorded before the page runs.
RECORD_QUERIES = """
window.__queries = []
const post = Worker.prototype.postMessage
Worker.prototype.postMessage = function (message) {
  if (message && message.type === 2) window.__queries.push(message)
  return post.apply(this, arguments)
}
"""


def test_each_query_says_whether_a_key_changed_it(page, site_url):
    """Keys: the worker waits for them to pause. An input method's commit: searched at once."""
    page.add_init_script(RECORD_QUERIES)
    page.goto(f"{site_url}/{SAMPLE}")
    page.wait_for_selector("#p1")
    assert sample_pairs(search(page, "imitation")) == SAMPLE_RECALL["imitation"]
    typed = page.evaluate("window.__queries")
    assert typed[-1] == {"type": 2, "data": "imitation", "typing": True}
    assert sample_pairs(search(page, "模仿")) == SAMPLE_RECALL["模仿"]
    committed = page.evaluate("window.__queries")[len(typed):]
    assert committed[-1] == {"type": 2, "data": "模仿", "typing": False}
    assert page.console_errors == []


def worker_answers(page, url: str, queries: list[dict], until: str) -> list[dict]:
    """The RESULT data a worker made by the page's own `Worker` sends for `queries`, collected
    until the JavaScript condition `until` on `answers` holds."""
    return page.evaluate("""([url, queries, until]) => new Promise(resolve => {
      const worker = new Worker(url), answers = [], done = new Function("answers", "return " + until)
      worker.addEventListener("message", event => {
        if (event.data.type !== 3) return
        answers.push(event.data.data)
        if (done(answers)) resolve(answers)
      })
      queries.forEach(query => worker.postMessage(query))
    })""", [url, queries, until])


def locations(answer: dict) -> list[str]:
    return [item["location"] for group in answer["items"] for item in group]


def terms_file(project_site, term: str) -> str:
    manifest = json.loads((project_site / "site/search/shards/manifest.json").read_text("utf-8"))
    return f"/search/shards/terms/{term_hash(term) % manifest['shards']}.json"


def test_a_committed_query_is_fetched_at_once_and_a_typed_one_once_the_keys_pause(
        page, site_url, project_site):
    """Three queries reach the worker at once: 模仿 committed, then the keys 足 and 足球. The
    commit is fetched although the keys follow it; 足, a key the next key follows, is not."""
    committed, key, last = (terms_file(project_site, t) for t in ("模仿", "足", "足球"))
    assert len({committed, key, last}) == 3, "pick terms in three different files"
    requests = search_requests(page)
    page.goto(f"{site_url}/{SAMPLE}")
    page.wait_for_selector("#p1")
    answers = worker_answers(page, f"{site_url}/{WORKER}?alone", [  # not the partial's: as given
        {"type": 2, "data": "模仿", "typing": False},
        {"type": 2, "data": "足", "typing": True},
        {"type": 2, "data": "足球", "typing": True},
    ], until="answers.length === 1")
    found = locations(answers[0])
    assert sample_pairs([a for a in found if "#p" in a]) == SAMPLE_RECALL["足球"]  # the last only
    fetched = {u.split("?")[0].split(site_url)[-1] for u in under(requests, "search/shards/terms/")}
    assert committed in fetched and last in fetched
    assert key not in fetched
    assert page.console_errors == []


def test_an_answer_to_a_query_the_box_has_left_is_not_shown(page, site_url):
    """Material shows a RESULT under the box's current text: the answer to "" arriving after
    模仿 was sent would read "No matching documents". The partial passes on only the last one."""
    page.goto(f"{site_url}/{SAMPLE}")
    page.wait_for_selector("#p1")
    answers = worker_answers(page, f"{site_url}/{WORKER}", [  # the partial's, as Material gets it
        {"type": 2, "data": ""},
        {"type": 2, "data": "模仿"},
    ], until="answers[answers.length - 1].items.length > 0")
    assert len(answers) == 1
    assert sample_pairs([a for a in locations(answers[0]) if "#p" in a]) == SAMPLE_RECALL["模仿"]
    assert page.console_errors == []


def test_more_than_ten_essays_are_answered_with_one_wave_of_text_then_ten_then_all(
        page, site_url, project_site):
    """Material renders 10 groups at once and the rest on scrolling: the worker answers first
    with the best pair of each essay whose text comes in one wave of fetches (6 files,
    Chromium's connections to a host over HTTP/1.1), then with the 10, then with every essay
    that says 应用."""
    saying = len(posts_saying("应用"))
    assert saying > 10, "pick a word more essays say than Material shows at once"
    page.goto(f"{site_url}/{SAMPLE}")
    page.wait_for_selector("#p1")
    answers = worker_answers(page, f"{site_url}/{WORKER}", [{"type": 2, "data": "应用"}],
                             until="answers.length === 3")
    wave, ten, every = ([group[-1]["location"] for group in a["items"]] for a in answers)
    assert len(ten) == 10 and len(every) == saying
    assert wave == every[:len(wave)] and ten == every[:10]
    # the first answer: each essay's best pair alone (Material folds the rest), as many essays
    # as 6 files hold, not one more
    assert [group[:1] for group in answers[0]["items"]] == [
        group[:1] for group in answers[2]["items"][:len(wave)]]
    assert all(len(group) == 2 for group in answers[0]["items"])  # the pair, then the essay
    best = [text_files(project_site, group[:1] + group[-1:]) for group in answers[2]["items"]]
    assert len(set().union(*best[:len(wave)])) <= 6 < len(set().union(*best[:len(wave) + 1]))
    assert {u.strip("/") for u in every} == {u.split("#")[0].strip("/")
                                             for u in cli_search(project_site, "应用")}
    assert answers[0]["total"] == answers[1]["total"] == answers[2]["total"]
    assert answers[0]["total"]["essays"] == answers[0]["total"]["listed"] == saying
    # every pair of the first answers has its text, the query's word marked
    assert all("<mark>应用</mark>" in pair["text"] for answer in answers[:2]
               for group in answer["items"] for pair in group[:-1])


def text_files(project_site, group: list[dict]) -> set[str]:
    """The text files (search/shards/text/) that hold the pairs of a result group."""
    where = {}
    for path in (project_site / "site/search/shards/text").glob("*.json"):
        text = json.loads(path.read_text("utf-8"))
        where.update({(text["url"].strip("/"), pair[0]): path.name for pair in text["pairs"]})
    pairs = [item["location"].split("#p") for item in group[:-1]]
    return {where[url.strip("/"), int(n)] for url, n in pairs}


def test_the_list_is_busy_until_every_essay_is_in_and_says_how_many_matched(
        page, site_url, project_site):
    # 版本: a word of several essays, fewer than the ten results Material lists before "more"
    page.goto(f"{site_url}/{SAMPLE}")
    page.wait_for_selector("#p1")
    saying = len(posts_saying("版本"))
    essays = {a.split("#")[0] for a in search(page, "版本")}
    assert essays == {u.split("#")[0] for u in cli_search(project_site, "版本")}
    assert len(essays) == saying
    assert page.locator(".md-search-result__list").get_attribute("aria-busy") == "false"
    assert page.locator(".md-search-result__meta").inner_text() == f"{saying} matching documents"
    assert page.console_errors == []
