"""What a site built from a git repository shows of its history: the lagging pair marked on
its page, the count under the title, the operator's page of translations out of date; and
what `essays check` says of each essay's lock."""

from __future__ import annotations

import re

from helpers import build_site, run_essays
from repos import CONFIG, edited
from test_real_histories import replay

EN_4 = ("constants in the code", "constants in the source code")


def pair_html(html: str, anchor: int) -> str:
    start = html.index(f'id="p{anchor}"')
    return html[html.rindex("<div", 0, start):html.index('class="pair__tools"', start)]


def test_a_real_history_marks_its_lagging_pair_counts_it_and_lists_it(repo):
    replay(repo, "config")  # 12factor: pair 10's English changed on 2015-03-04, not its Chinese
    built = build_site(repo.root)
    assert built.returncode == 0, built.stderr
    html = (repo.root / "site" / "posts" / "config" / "index.html").read_text()
    lagging = pair_html(html, 10)
    assert 'data-changed="2015-03-04" data-stale="zh"' in lagging  # md_in_html sorts them
    chinese = lagging[lagging.index('lang="zh-Hans"'):]
    assert re.search(r'<div class="pair__stale" role="note"><span lang="zh-Hans" data-script="hans">译文可能未同步</span>'
                     r'<span lang="zh-Hant" data-script="hant">譯文可能未同步</span> · '
                     r'<span lang="en">translation may be out of date \(English changed '
                     r'<time datetime="2015-03-04">2015-03-04</time>\)</span></div>', chinese)
    assert "pair__stale" not in lagging[:lagging.index('lang="zh-Hans"')]  # not on the English
    # one lagging pair: its Chinese half marked, in both scripts' twins
    assert html.count('class="pair__stale"') == 2 and html.count("data-stale=") == 1
    assert re.search(r'<p class="essay-lag" role="note"><a href="#p10"><span lang="en">1 of 10 '
                     r'translations may be out of date</span>', html)
    status = (repo.root / "site" / "translations" / "index.html").read_text()
    row = re.search(r'<tr>\s*<td><a href="../posts/config/#p10">10</a></td>\s*<td>中文 · Chinese</td>'
                    r'\s*<td>2015-03-04 <code>([0-9a-f]{7})</code></td>\s*<td>2015-02-05 <code>', status)
    assert row and row.group(1) == repo.git("log", "-1", "--format=%h", "--abbrev=7",
                                            "--grep=misplaced comma")
    assert (repo.root / "pairs" / "config.lock").read_text().count("\np") == 10


def test_without_lagging_pairs_the_page_says_every_translation_is_up_to_date(make_site):
    site = make_site({"docs/posts/config.md": "---\ntitle: C\ndate: 2024-01-01\n---\n\n"
                      + "".join(f"{en}\n\n{zh}\n\n" for en, zh in CONFIG)})
    assert build_site(site).returncode == 0
    status = (site / "site" / "translations" / "index.html").read_text()
    assert "Every translation is up to date. · 所有译文均已同步。" in status
    assert "the site is not in a git repository" in status  # the notice, said where it applies
    assert "essay-lag" not in (site / "site" / "posts" / "config" / "index.html").read_text()


def test_an_edit_not_committed_yet_is_marked_as_such(repo):
    repo.save(CONFIG, "Add", "2026-10-01")
    repo.write(edited(CONFIG, 4, en=EN_4))
    assert build_site(repo.root).returncode == 0
    html = (repo.root / "site" / "posts" / "config" / "index.html").read_text()
    assert 'data-changed="uncommitted" data-stale="zh"' in pair_html(html, 4)
    assert "(English changed since the last commit)" in pair_html(html, 4)


def test_check_says_when_a_lock_is_behind_its_essay_and_when_it_cannot_be_read(repo, monkeypatch):
    monkeypatch.chdir(repo.root)
    repo.write(CONFIG)
    first = run_essays("check")
    assert ("docs/posts/config.md:6: warning links-unrecorded: its pairs' anchors are not "
            "recorded yet — build (`make build`) and commit pairs/config.lock") in first.stdout
    assert build_site(repo.root).returncode == 0
    assert "links-unrecorded" not in run_essays("check").stdout
    repo.write([*CONFIG, ("A paragraph added at the end.", "结尾加上的一段。")])
    added = run_essays("check").stdout
    line = repo.path().read_text().splitlines().index("A paragraph added at the end.") + 1
    assert (f"docs/posts/config.md:{line}: warning links-unrecorded: new pairs' anchors (#p11) "
            "are not recorded") in added
    lock = repo.root / "pairs" / "config.lock"
    lock.write_text(lock.read_text() + "<<<<<<< HEAD\n")
    broken = run_essays("check")
    assert broken.exit_code == 1
    assert "pairs/config.lock:13: error lock-unreadable: a merge conflict" in broken.stdout
    built = build_site(repo.root)
    assert built.returncode != 0 and "pairs/config.lock:13: error lock-unreadable" in built.stderr
