"""`mkdocs serve`: a broken essay shows its errors and the last good version keeps being served."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from helpers import sample_essay_text



def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds=30.0):
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
        assert wait_for(lambda: 'id="p5"' in fetch(url)), "serve did not come up"
        good = (root / essay).read_text(encoding="utf-8")
        (root / essay).write_text(good.replace("date: 2025-07-16\n", ""), encoding="utf-8")
        assert wait_for(lambda: "essay-stale" in fetch(url)), "the rebuild did not happen"
        page = fetch(url)
        assert "docs/posts/essay.md:1: error date-missing" in page
        assert 'id="p5"' in page and "In short, imitation is good" in page  # the last good version
    finally:
        server.terminate()
        log = server.communicate(timeout=20)[0]
    assert "docs/posts/essay.md:1: error date-missing" in log
