"""`essays build`: site/ and both search indexes are published together, or not at all.

Real builds of a small site (one to three copies of the sample essay, each with a word of its
own in its third pair), failed, killed, run twice at once and under umask 077.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import MINIMAL_MKDOCS_YML, sample_essay_text
from whoosh import index as whoosh_index

from essays.site.publish import CURRENT, PREVIOUS, LOCK

# The minimal site with the whoosh index built, and a site_url: mkdocs lists no page in the
# sitemap without one.
SITE_YML = "site_url: http://127.0.0.1:8000/\n" + MINIMAL_MKDOCS_YML.replace(
    "  - essays:\n      search_index: false\n", "  - essays\n")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
WORDS = ["aardvark", "bison", "cormorant", "dugong", "echidna", "flamingo", "gazelle", "heron",
         "ibex", "jackal"]
MARKED = re.compile(r"Similarly in (\w+) life")  # where each essay carries its word


def essay_with(word: str) -> str:
    return sample_essay_text().replace("Similarly in life,", f"Similarly in {word} life,", 1)


def write_essays(root: Path, words: list[str]) -> dict[str, str]:
    """docs/posts/e<k>.md for each word (and no other essay): {essay URL: its word}."""
    for old in (root / "docs" / "posts").glob("e*.md"):
        old.unlink()
    for k, word in enumerate(words):
        (root / "docs" / "posts" / f"e{k}.md").write_text(essay_with(word), encoding="utf-8")
    return {f"posts/e{k}/": word for k, word in enumerate(words)}


def start_build(root: Path, *args: str, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "essays.cli", "build", *args], cwd=root,
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **options)


def build(root: Path, *args: str, **options) -> subprocess.CompletedProcess:
    process = start_build(root, *args, **options)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def essays_search(root: Path, word: str) -> list[str]:
    found = subprocess.run([sys.executable, "-m", "essays.cli", "search", word, "--json"],
                           cwd=root, env=ENV, capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    return [hit["url"] for hit in json.loads(found.stdout)]


def published(root: Path) -> dict[str, str]:
    """{essay URL: its word} of the published site, after checking that it is whole and that
    the browser's shards and the whoosh index hold exactly the same essays and words."""
    site = root / "site"
    assert site.is_dir(), "no site/"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = sorted(re.findall(r"<loc>[^<]*?/(posts/[^<]+/)</loc>", sitemap))
    pages = {}
    for url in urls:  # every essay page of the sitemap, whole
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert "</html>" in html, f"{url} is cut short"
        pages[url] = MARKED.search(html).group(1)
    shards = site / "search" / "shards"
    manifest = json.loads((shards / "manifest.json").read_text(encoding="utf-8"))
    in_shards = {}
    for path in (shards / "text").glob("*.json"):
        text = json.loads(path.read_text(encoding="utf-8"))
        for _, en, *_ in text["pairs"]:
            if found := MARKED.search(en):
                in_shards[text["url"]] = found.group(1)
    assert manifest["essays"] == len(pages)
    ix = whoosh_index.open_dir(str(root / ".index"))
    with ix.searcher() as searcher:
        in_whoosh = {doc["url"].split("#")[0]: MARKED.search(doc["en"]).group(1)
                     for doc in searcher.documents() if MARKED.search(doc["en"])}
    assert pages == in_shards == in_whoosh
    return pages


def generations(root: Path) -> list[str]:
    return sorted(p.name for p in (root / ".site-gens").iterdir())


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the published site and index, by path, as links resolve."""
    files = {}
    for top in ("site", ".index"):
        for folder, _, names in os.walk(root / top, followlinks=True):
            for name in names:
                path = Path(folder, name)
                files[str(path.relative_to(root))] = path.read_bytes()
    files[".site-gens/current"] = os.readlink(root / ".site-gens" / CURRENT).encode()
    return files


@pytest.fixture
def site(make_site):
    root = make_site({"docs/index.md": "# Home\n"}, SITE_YML)
    write_essays(root, WORDS[:2])
    return root


def test_a_build_publishes_site_and_index_together_and_keeps_one_generation_before(site):
    first = build(site)
    assert first.returncode == 0, first.stderr
    assert published(site) == {"posts/e0/": "aardvark", "posts/e1/": "bison"}
    assert os.readlink(site / "site") == ".site-gens/current/site"
    assert os.readlink(site / ".index") == ".site-gens/current/index"
    expected = write_essays(site, WORDS[2:3])
    assert build(site).returncode == 0
    assert published(site) == expected
    assert generations(site) == current_and_previous(site)


def current_and_previous(root: Path) -> list[str]:
    """What a build keeps in .site-gens: the two links and the generations they name."""
    links = [root / ".site-gens" / name for name in (CURRENT, PREVIOUS)]
    return sorted([CURRENT, PREVIOUS, *(os.readlink(link) for link in links)])


BAD_ESSAY = "---\ntitle: Broken\ndate: 2025-07-16\n---\n\nAn English wombat.\n\n一段中文。\n\nNo translation.\n"
BROKEN_LINK = essay_with("wombat").replace("Similarly in wombat life,",
                                           "Similarly in wombat life ([see](missing.md)),", 1)


@pytest.mark.parametrize("failure", ["link to a missing page", "bad essay", "plain mkdocs build"])
def test_a_failed_build_leaves_site_and_index_exactly_as_they_were(site, failure):
    assert build(site).returncode == 0
    before = snapshot(site)
    (site / "docs/posts/e2.md").write_text(BAD_ESSAY if failure == "bad essay" else BROKEN_LINK,
                                           encoding="utf-8")
    if failure == "plain mkdocs build":
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site,
                                env=ENV, capture_output=True, text=True)
        assert "site is what `essays build` published" in result.stderr
    else:
        result = build(site)
        assert "nothing was published — site/ and the index are as they were" in result.stderr
    assert result.returncode == 1
    assert snapshot(site) == before
    assert essays_search(site, "aardvark") == ["posts/e0/#p3"]
    assert essays_search(site, "wombat") == []
    assert len(generations(site)) == 2  # current, and the one generation it names


def test_builds_killed_at_any_moment_leave_the_last_good_site_and_index(site):
    started = time.monotonic()
    assert build(site).returncode == 0
    duration = time.monotonic() - started
    state = published(site)
    seed = random.randrange(1 << 32)
    # One point in each eighth of the build's time and a little beyond, where it publishes.
    points = [1.1 * duration * (i + random.Random(seed + i).random()) / 8 for i in range(8)]
    for i, point in enumerate(points):
        expected = write_essays(site, WORDS[i:i + 1 + i % 3])  # one to three essays
        process = start_build(site, start_new_session=True)
        time.sleep(point)
        if i % 2:  # the build alone: its mkdocs and index processes die with it
            os.kill(process.pid, signal.SIGKILL)
        else:  # every process of the build at once
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        where = f"killed at {point:.2f} s of {duration:.2f} s (seed {seed}, exit {process.returncode})"
        now = published(site)
        assert now in (state, expected), where
        state = now
    expected = write_essays(site, WORDS[-2:])
    assert build(site).returncode == 0
    assert published(site) == expected
    assert generations(site) == current_and_previous(site)  # what killed builds left is gone
    assert not list(site.glob(".*.tmp")), "a temporary link of a killed build was left"


def test_two_builds_at_once_both_publish_a_whole_site_one_after_the_other(site):
    expected = write_essays(site, WORDS[:3])
    first, second = start_build(site), start_build(site)
    results = [(p.wait(timeout=120), p.stderr.read()) for p in (first, second)]
    assert [code for code, _ in results] == [0, 0], results
    assert sum("waiting for the build in process" in err for _, err in results) == 1
    assert published(site) == expected
    assert generations(site) == current_and_previous(site)


def test_a_second_build_waits_for_the_lock_or_with_no_wait_fails_in_one_line(site):
    expected = write_essays(site, WORDS[:1])
    with open(site / LOCK, "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("4242")
        held.flush()
        refused = build(site, "--no-wait")
        assert refused.returncode == 1
        assert refused.stderr.splitlines() == [
            "Error: another build is running (process 4242) — wait for it, or run again "
            "without --no-wait"]
        assert not (site / "site").exists()
        waiting = start_build(site)
        assert "waiting for the build in process 4242" in waiting.stderr.readline()
    assert waiting.wait(timeout=120) == 0
    assert published(site) == expected


def test_everything_published_is_readable_by_others_under_umask_077(site, tmp_path):
    result = build(site, preexec_fn=lambda: os.umask(0o077))
    assert result.returncode == 0, result.stderr
    generation = (site / "site").resolve().parent
    for folder in (site / ".site-gens", generation):  # on the way to site/ and the index
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755, folder
    modes = {}
    for top in (generation / "site", (site / ".index").resolve()):
        for folder, dirs, files in os.walk(top):
            modes.update({Path(folder, d): 0o755 for d in dirs})
            modes.update({Path(folder, f): 0o644 for f in files})
    assert any(path.match("search/shards/terms/*.json") for path in modes)
    wrong = {str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p, mode in modes.items()
             if stat.S_IMODE(p.stat().st_mode) != mode}
    assert wrong == {}
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-rL", str(site / "site"), str(copy)], check=True)
    assert (copy / "sitemap.xml").is_file() and not (copy / "sitemap.xml").is_symlink()
    assert (copy / "search" / "shards" / "manifest.json").is_file()
