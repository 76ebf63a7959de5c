"""Paths resolved once per command: `essays check` and `essays stale` resolve each essay file
once and hand that path to what reads its lock and history. The shortcuts must give what
resolving every time gave, for a path named through a symlink or `..` too."""

from __future__ import annotations

import os

from helpers import run_essays
from repos import CONFIG, edited

from essays.history.links import lock_path, lock_path_under
from essays.history.stale import read_histories
from essays.parse import parse_file
from essays.paths import find_site

EN_4 = ("constants in the code", "constants in the source code")


def test_a_lock_is_found_the_same_through_a_symlinked_folder(tmp_path):
    essays = tmp_path / "site" / "docs" / "posts"
    essays.mkdir(parents=True)
    (essays / "config.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "site", tmp_path / "link")
    named = tmp_path / "link" / "docs" / "posts" / ".." / "posts" / "config.md"
    pairs = tmp_path / "site" / "pairs"
    assert lock_path(pairs, essays, named) == pairs / "config.lock"
    assert lock_path_under(pairs, essays.resolve(), named.resolve()) == pairs / "config.lock"
    assert lock_path_under(pairs, essays.resolve(), (tmp_path / "elsewhere.md").resolve()) is None


def test_history_is_found_by_the_resolved_path_or_the_path_as_given(repo, tmp_path):
    repo.save(CONFIG, "Add the essay", "2026-10-01")
    repo.save(edited(CONFIG, 4, en=EN_4), "Edit the English", "2026-10-15")
    os.symlink(repo.root, tmp_path / "link")
    named = tmp_path / "link" / "docs" / "posts" / "config.md"
    histories = read_histories(repo.root, [named])
    essay = parse_file(named, "docs/posts/config.md")
    by_name = histories.stale(essay, named)
    by_real = histories.stale(essay, named.resolve())
    assert [(s.number, s.code) for s in by_name] == [(4, "stale-zh")]
    assert by_real == by_name


def test_a_report_names_a_file_from_the_site_root_or_as_given(repo, tmp_path):
    site = find_site(repo.root)
    os.symlink(repo.root, tmp_path / "link")
    inside = tmp_path / "link" / "docs" / "posts" / "config.md"
    outside = tmp_path / "other.md"
    assert site.shown(inside.resolve(), inside) == site.relative(inside) == "docs/posts/config.md"
    assert site.shown(outside.resolve(), outside) == site.relative(outside) == str(outside)
    assert site.real_essays_dir == site.essays_dir.resolve()


def test_an_essay_never_committed_has_no_stale_pair_without_walking_its_pairs(repo):
    repo.save(CONFIG, "Add the essay", "2026-10-01")
    repo.write(edited(CONFIG, 4, en=EN_4), "new.md")  # written, never committed
    histories = read_histories(repo.root, [repo.path("new.md"), repo.path()])
    histories.shallow = True  # a shallow history counts what it cannot judge: nothing here
    assert histories.stale(parse_file(repo.path("new.md"), "docs/posts/new.md"), repo.path("new.md")) == []
    assert histories.unknown == 0
    repo.write(edited(CONFIG, 4, en=EN_4))  # the committed essay, edited: still found
    stale = histories.stale(parse_file(repo.path(), "docs/posts/config.md"), repo.path())
    assert [(s.number, s.changed.sha) for s in stale] == [(4, None)]


def test_a_file_named_twice_or_through_a_symlink_is_checked_as_named(repo, tmp_path, monkeypatch):
    repo.save(CONFIG, "Add the essay", "2026-10-01")
    repo.save(edited(CONFIG, 4, en=EN_4), "Edit the English", "2026-10-15")
    os.symlink(repo.root, tmp_path / "link")
    monkeypatch.chdir(repo.root)
    via_link = str(tmp_path / "link" / "docs" / "posts" / "config.md")
    check = run_essays("check", "docs/posts/config.md", via_link)
    assert check.stdout.splitlines()[-1].startswith("2 essays, ")
    assert [line.split(":")[0] for line in check.stdout.splitlines() if "stale-zh" in line] == \
        ["docs/posts/config.md"] * 2  # both named from the site root, as before
    stale = run_essays("stale", "docs/posts/config.md", via_link)
    assert stale.stdout.splitlines()[-1] == "2 stale pairs in 1 of 2 essays"  # one essay, named twice
