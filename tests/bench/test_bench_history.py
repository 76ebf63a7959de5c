"""The benchmark's git history: three commits per essay, and the stale pairs it was made with."""

from __future__ import annotations

import subprocess

from helpers import REPO

from essays.bench.corpus import generate, pair_pool
from essays.bench.history import EN_EDIT, NEW_PAIR, ZH_EDIT, write_history
from essays.history.stale import read_histories
from essays.parse import parse_file


def test_the_history_has_three_commits_per_essay_and_the_stale_pairs_it_says(tmp_path):
    essays = generate(pair_pool(REPO), 4, 20, seed=3)
    made = write_history(tmp_path / "stale", essays, seed=3)
    root = tmp_path / "stale"
    log = subprocess.run(["git", "log", "--format=%s", "--reverse"], cwd=root, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert made.commits == len(log) == 12
    assert log[:3] == ["Add the essay", "Revise the English, add a pair", "Translate one revision"]
    files = sorted((root / "docs" / "posts").glob("*.md"))
    assert [f.stem for f in files] == [e.slug for e in essays]
    histories = read_histories(root, files)
    found = []
    for file in files:
        essay = parse_file(file)
        assert essay.pairs[1].en.text == NEW_PAIR[0]  # the pair inserted in the second commit
        revised = [p.number for p in essay.pairs if p.en.text.endswith(EN_EDIT)]
        translated = [p.number for p in essay.pairs if p.zh.text.endswith(ZH_EDIT)]
        assert len(revised) == 3 and len(translated) == 1 and translated[0] in revised
        stale = histories.stale(essay, file, {})
        assert [s.number for s in stale] == [n for n in revised if n not in translated]
        assert all(s.base + EN_EDIT == s.current for s in stale)
        found += stale
    assert len(found) == made.stale == 2 * len(essays) and histories.notice is None
