"""Real edit histories (tests/fixtures/history/12factor: four chapters of The Twelve-Factor App
and their Chinese translation, one essay per mainline commit of heroku/12factor), replayed as
commits with their dates and subjects: the stale pairs are those SOURCE.md lists."""

from __future__ import annotations

import re

import pytest
from helpers import FIXTURES
from repos import GitSite

HISTORIES = FIXTURES / "history" / "12factor"
ROW = re.compile(r"^\| ([a-z-]+) \| (.*) \|$", re.M)
STALE = re.compile(r"pair (\d+), \d{4}-\d\d-\d\d ([0-9a-f]{7})")


def expected() -> dict[str, list[tuple[int, str]]]:
    """Chapter -> (pair, the 12factor commit that changed its English), from SOURCE.md's table."""
    table = (HISTORIES / "SOURCE.md").read_text(encoding="utf-8")
    return {chapter: sorted((int(n), sha) for n, sha in STALE.findall(cell))
            for chapter, cell in ROW.findall(table) if chapter != "Chapter"}


def replay(repo: GitSite, chapter: str) -> dict[str, str]:
    """Each version committed as 12factor committed it; our sha -> theirs."""
    theirs = {}
    for row in (HISTORIES / chapter / "versions.tsv").read_text(encoding="utf-8").splitlines():
        name, sha, date, subject = row.split("\t")
        repo.path(f"{chapter}.md").write_text((HISTORIES / chapter / name).read_text(encoding="utf-8"),
                                              encoding="utf-8")
        theirs[repo.commit(subject, date)] = sha
    return theirs


def test_the_table_names_every_chapter():
    assert sorted(expected()) == sorted(p.name for p in HISTORIES.iterdir() if p.is_dir())


@pytest.mark.parametrize("chapter", sorted(expected()))
def test_real_histories_give_the_stale_pairs_read_from_their_diffs(repo, chapter):
    theirs = replay(repo, chapter)
    found, histories = repo.stale(f"{chapter}.md")
    assert histories.notice is None
    assert sorted((s.number, theirs[s.changed.sha][:7]) for s in found) == expected()[chapter]
    for stale in found:
        assert stale.base != stale.current and stale.translated.date < stale.changed.date
