"""`mkdocs serve`: a broken essay shows its errors and the last good version keeps being served."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from helpers import SAMPLE_PAIR_COUNT, copy_project_site, sample_essay_text

from essays.search.browser_index import term_hash


LAST_PAIR = f'id="p{SAMPLE_PAIR_COUNT}"'  # on the page once it is all there


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# How long a rebuild may take on a loaded CI machine (two cores, the browser tests beside it):
# these tests check what serve does, not how fast (that is `make bench`'s step (i)).
PATIENCE = 180.0


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=PATIENCE / 3) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds=PATIENCE):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_broken_essay_under_serve_keeps_its_last_good_version(make_site):
    essay = "docs/posts/essay.md"
    root = make_site({"docs/index.md": "# Home\n", essay: sample_essay_text()})
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/posts/essay/"
    try:
        assert wait_for(lambda: LAST_PAIR in fetch(url)), "serve did not come up"
        good = (root / essay).read_text(encoding="utf-8")
        (root / essay).write_text(good.replace("date: 2025-07-16\n", ""), encoding="utf-8")
        assert wait_for(lambda: "essay-stale" in fetch(url)), "the rebuild did not happen"
        page = fetch(url)
        assert "docs/posts/essay.md:1: error date-missing" in page
        assert LAST_PAIR in page and "In short, imitation is good" in page  # the last good version
    finally:
        server.terminate()
        log = server.communicate(timeout=20)[0]
    assert "docs/posts/essay.md:1: error date-missing" in log


# -- quick rebuilds (tools/essays/live.py): the repository's own site under `mkdocs serve` ----

SAMPLE = "docs/posts/life-lessons-from-reinforcement-learning.md"
SAMPLE_URL = "life-lessons-from-reinforcement-learning/"
# Every page that shows the sample essay's excerpt: the home listing, its year, its topics,
# its author.
LISTINGS = ["", "archive/2025/", "topic/ai/", "topic/life/", "author/jason-wei/"]
LIVERELOAD = re.compile(r"<script>\s*var livereload.*?</script>", re.S)


class Served:
    """`mkdocs serve` on a copy of the project site, its log collected line by line."""

    def __init__(self, root):
        self.root = root
        self.port = free_port()
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def page(self, path: str) -> str:
        """The page as built, without the live-reload script (it carries the build's epoch)."""
        return LIVERELOAD.sub("", fetch(f"http://127.0.0.1:{self.port}/{path}"))

    def log_since(self, mark: int) -> str:
        return "\n".join(self.lines[mark:])

    def edit(self, relative: str, old: str, new: str) -> str:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return text

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    server = Served(copy_project_site(tmp_path_factory.mktemp("served")))
    assert wait_for(lambda: LAST_PAIR in server.page(SAMPLE_URL)), "serve did not come up"
    assert wait_for(lambda: "Serving on" in server.log_since(0))
    time.sleep(1)  # the server watches the files once its first build is done
    yield server
    server.stop()


@pytest.fixture
def restored(served):
    """Puts the sample essay back as it was after the test, and waits until it is served."""
    original = (served.root / SAMPLE).read_text(encoding="utf-8")
    yield
    mark = len(served.lines)
    (served.root / SAMPLE).write_text(original, encoding="utf-8")
    assert wait_for(lambda: "Reloading browsers" in served.log_since(mark))
    assert "Zyzzyva" not in served.page(SAMPLE_URL)


def test_an_edited_paragraph_rebuilds_only_its_page(served, restored):
    mark = len(served.lines)
    served.edit(SAMPLE, "Similarly in life,", "Similarly in Zyzzyva life,")
    assert wait_for(lambda: "Similarly in Zyzzyva life," in served.page(SAMPLE_URL))
    assert wait_for(lambda: "essays: rebuilt 1 page(s)" in served.log_since(mark))
    assert "Building documentation" not in served.log_since(mark)


def test_an_edited_excerpt_rebuilds_its_listings_as_a_full_build_would(served, restored):
    mark = len(served.lines)
    served.edit(SAMPLE, "Becoming an RL diehard", "Becoming a Zyzzyva RL diehard")
    assert wait_for(lambda: "Becoming a Zyzzyva RL diehard" in served.page(""))
    assert wait_for(lambda: f"essays: rebuilt {1 + len(LISTINGS)} page(s)" in served.log_since(mark))
    quick = {path: served.page(path) for path in [SAMPLE_URL, *LISTINGS]}
    assert all("Becoming a Zyzzyva RL diehard" in html for html in quick.values())

    # A comment in mkdocs.yml forces a full build. It stays: taking it out again would start a
    # second full build that the next test could catch half-way (and waiting for it depended
    # on the watcher under load).
    mark = len(served.lines)
    served.edit("mkdocs.yml", "site_name:", "# touched to force a full build\nsite_name:")
    built = re.compile(r"Documentation built.*Reloading browsers", re.S)  # not the quick one's
    assert wait_for(lambda: built.search(served.log_since(mark))), served.log_since(mark)
    full = {path: served.page(path) for path in quick}
    for path in quick:
        assert quick[path] == full[path], f"/{path} differs from what a full build writes"


def test_broken_text_keeps_the_last_good_version_without_a_full_build(served, restored):
    mark = len(served.lines)
    chinese = "生活中也是如此：我们一开始通过模仿学习"  # pair 3's Chinese
    text = (served.root / SAMPLE).read_text(encoding="utf-8")
    paragraph = next(p for p in text.split("\n\n") if p.startswith(chinese))
    english_line = text[: text.index("Similarly in life,")].count("\n") + 1  # pair 3's English
    served.edit(SAMPLE, paragraph + "\n\n", "")
    assert wait_for(lambda: "essay-stale" in served.page(SAMPLE_URL))
    assert wait_for(lambda: "essays: rebuilt" in served.log_since(mark))
    page, log = served.page(SAMPLE_URL), served.log_since(mark)
    assert "error missing-zh: EN ¶3 has no translation" in page
    assert chinese in page  # the last good version
    assert f"{SAMPLE}:{english_line}: error missing-zh" in log and "Building documentation" not in log
    # the notice heads the excerpt too, as in a full build: the listings show it
    assert f"essays: rebuilt {1 + len(LISTINGS)} page(s)" in log
    assert "essay-stale" in served.page("")


def test_changed_front_matter_rebuilds_the_whole_site(served, restored):
    mark = len(served.lines)
    served.edit(SAMPLE, "title: Life lessons", "title: Zyzzyva lessons")
    assert wait_for(lambda: "Zyzzyva lessons" in served.page(""))
    assert wait_for(lambda: "Reloading browsers" in served.log_since(mark))
    log = served.log_since(mark)
    assert "front matter of docs/posts/life-lessons-from-reinforcement-learning.md changed" in log
    assert "Building documentation" in log


def test_the_search_indexes_follow_a_quick_rebuild(served, restored):
    served.edit(SAMPLE, "Similarly in life,", "Similarly in Zyzzyva life,")
    assert wait_for(lambda: "Zyzzyva" in served.page(SAMPLE_URL))

    def search(*options):
        return subprocess.run([sys.executable, "-m", "essays.cli", "search", "zyzzyva", *options],
                              cwd=served.root, capture_output=True, text=True)

    def cli_finds_it():  # in the index serve keeps; `essays search` alone reads the published one
        found = search("--json", "--serve")
        assert found.returncode == 0, found.stderr
        return [hit["url"] for hit in json.loads(found.stdout)] == [f"{SAMPLE_URL}#p3"]

    def browser_shard_has_it():  # written after the whoosh index, by the same job
        manifest = json.loads(served.page("search/shards/manifest.json"))
        shard = f"search/shards/terms/{term_hash('zyzzyva') % manifest['shards']}.json"
        return "zyzzyva" in json.loads(served.page(shard))

    assert wait_for(cli_finds_it)
    published = search()  # nothing was built with `essays build` in this copy
    assert published.returncode == 1 and "run `make build`" in published.stderr
    assert wait_for(browser_shard_has_it)


def test_a_front_matter_error_shows_on_the_page_and_clears_once_fixed(served, restored):
    mark = len(served.lines)
    served.edit(SAMPLE, "date: 2025-07-16", "date: 2025-02-30")
    assert wait_for(lambda: "essay-stale" in served.page(SAMPLE_URL)), served.log_since(mark)[-3000:]
    assert "error date-invalid: invalid date" in served.page(SAMPLE_URL)
    assert "Becoming an RL diehard" in served.page(SAMPLE_URL)  # the last good version
    assert "Traceback" not in served.log_since(mark)
    served.edit(SAMPLE, "date: 2025-02-30", "date: 2025-07-16")
    assert wait_for(lambda: "essay-stale" not in served.page(SAMPLE_URL))
    assert "Becoming an RL diehard" in served.page(SAMPLE_URL)
