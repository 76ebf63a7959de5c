"""`essays stale` and the stale warnings of `essays check`, through the CLI, in real repositories."""

from __future__ import annotations

import json

import pytest
from repos import CONFIG, edited, essay_text
from helpers import run_essays

from essays.history.prints import digest

EN_4 = ("constants in the code", "constants in the source code")
EN_9 = ("This method does not scale cleanly", "This method does not scale well")


@pytest.fixture
def two_stale(repo, monkeypatch):
    """config.md (pair 4's English edited on 11-30) and other.md (pair 9's, on 11-15)."""
    repo.write(CONFIG)
    repo.write(CONFIG, "other.md")
    shas = {"added": repo.commit("Add both", "2026-10-01")}
    repo.write(edited(CONFIG, 9, en=EN_9), "other.md")
    shas["other"] = repo.commit("Other: pair 9", "2026-11-15")
    repo.write(edited(CONFIG, 4, en=EN_4))
    shas["config"] = repo.commit("Config: pair 4", "2026-11-30")
    monkeypatch.chdir(repo.root)
    return repo, shas


def zh_line(repo, name: str, number: int) -> int:
    return repo.path(name).read_text().splitlines().index(CONFIG[number - 1][1]) + 1


def test_stale_lists_every_stale_pair_oldest_english_change_first(two_stale):
    repo, shas = two_stale
    result = run_essays("stale")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    other, config = zh_line(repo, "other.md", 9), zh_line(repo, "config.md", 4)
    added = shas["added"][:7]
    assert lines == [
        f"docs/posts/other.md:{other}: stale-zh (pair 9, #p9): the English changed on 2026-11-15 "
        f"({shas['other'][:7]}) after the Chinese last changed on 2026-10-01 ({added}) — update "
        "the translation (`essays stale --diff docs/posts/other.md` shows what changed), or "
        f"confirm it still holds with `essays stale --ok docs/posts/other.md:{other}`",
        f"docs/posts/config.md:{config}: stale-zh (pair 4, #p4): the English changed on 2026-11-30 "
        f"({shas['config'][:7]}) after the Chinese last changed on 2026-10-01 ({added}) — update "
        "the translation (`essays stale --diff docs/posts/config.md` shows what changed), or "
        f"confirm it still holds with `essays stale --ok docs/posts/config.md:{config}`",
        "2 stale pairs in 2 of 2 essays"]
    assert result.stderr == ""


def test_diff_shows_the_english_words_that_changed(two_stale):
    result = run_essays("stale", "docs/posts/config.md", "--diff")
    first, diff = result.stdout.splitlines()[:2]
    assert first.startswith("docs/posts/config.md:")
    assert diff == "    " + CONFIG[3][0].replace("in the code", "in the {+source+} code")


def test_json_carries_every_field(two_stale):
    repo, shas = two_stale
    result = run_essays("stale", "--format", "json")
    report = json.loads(result.stdout)
    assert list(report) == ["notice", "unknown", "stale"] and report["notice"] is None
    first, second = report["stale"]
    assert list(first) == ["path", "line", "pair", "anchor", "code", "side", "changed",
                           "translated", "base", "current"]
    assert (second["path"], second["line"], second["pair"], second["anchor"], second["code"],
            second["side"]) == ("docs/posts/config.md", zh_line(repo, "config.md", 4), 4, 4,
                                "stale-zh", "zh")
    assert second["changed"] == {"sha": shas["config"], "date": "2026-11-30T12:00:00+00:00",
                                 "subject": "Config: pair 4"}
    assert second["translated"]["sha"] == shas["added"]
    assert second["base"] == CONFIG[3][0] and second["current"] == CONFIG[3][0].replace(*EN_4)
    assert first["pair"] == 9 and "scale well" in first["current"]


def test_check_warns_of_each_stale_pair_at_its_chinese_line(two_stale):
    repo, shas = two_stale
    result = run_essays("check")
    assert result.exit_code == 0
    warned = [line for line in result.stdout.splitlines() if "stale-zh" in line]
    assert warned == [
        f"docs/posts/config.md:{zh_line(repo, 'config.md', 4)}: warning stale-zh (pair 4): the "
        f"English changed on 2026-11-30 ({shas['config'][:7]}) after the Chinese last changed on "
        f"2026-10-01 ({shas['added'][:7]}) — update the translation (`essays stale --diff "
        "docs/posts/config.md` shows what changed), or confirm it still holds with `essays stale "
        f"--ok docs/posts/config.md:{zh_line(repo, 'config.md', 4)}`",
        warned[1]]
    assert warned[1].startswith(f"docs/posts/other.md:{zh_line(repo, 'other.md', 9)}: warning stale-zh (pair 9)")
    report = json.loads(run_essays("check", "--format", "json").stdout)
    stale = [w for w in report["warnings"] if w["code"] == "stale-zh"]
    assert [(w["path"], w["pair"]) for w in stale] == [("docs/posts/config.md", 4), ("docs/posts/other.md", 9)]
    assert stale[0]["en"].startswith("Apps sometimes store config")


def test_ok_records_the_confirmation_in_the_lock_and_the_pair_is_no_longer_stale(two_stale):
    repo, _ = two_stale
    english_line = zh_line(repo, "config.md", 4) - 2  # any line of the pair will do
    result = run_essays("stale", "--ok", f"docs/posts/config.md:{english_line}")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"docs/posts/config.md:{english_line}: pair 4 (#p4) confirmed")
    lock = (repo.root / "pairs" / "config.lock").read_text()
    assert f"ok={digest(CONFIG[3][0].replace(*EN_4))}" in lock.splitlines()[2 + 3]
    remaining = json.loads(run_essays("stale", "--format", "json").stdout)["stale"]
    assert [(s["path"], s["pair"]) for s in remaining] == [("docs/posts/other.md", 9)]
    assert "stale-zh (pair 4)" not in run_essays("check").stdout


def test_ok_at_a_line_with_no_pair_is_an_error_at_that_line(two_stale):
    result = run_essays("stale", "--ok", "docs/posts/config.md:2")
    assert result.exit_code == 1
    assert result.stderr.startswith("docs/posts/config.md:2: error no-pair: no pair has a half at this line — ")
    assert run_essays("stale", "--ok", "docs/posts/config.md").exit_code == 2


def test_an_uncommitted_edit_is_listed_last(two_stale):
    repo, _ = two_stale
    repo.write(edited(edited(CONFIG, 4, en=EN_4), 2, en=("everything that is likely", "all that is likely")))
    lines = run_essays("stale").stdout.splitlines()
    assert "(pair 2, #p2): the English changed in the working tree (uncommitted) after" in lines[2]


def test_without_a_repository_the_notice_is_said_once(make_site, monkeypatch):
    monkeypatch.chdir(make_site({"docs/posts/a.md": essay_text(CONFIG), "docs/posts/b.md": essay_text(CONFIG)}))
    for command in (["stale"], ["check"], ["check", "--format", "json"]):
        result = run_essays(*command)
        assert result.exit_code == 0
        assert result.stderr.count("not in a git repository") == 1, command
    assert json.loads(run_essays("stale", "--format", "json").stdout)["notice"].startswith(
        "no pair was checked for a stale translation: the site is not in a git repository")


def test_without_git_on_path_the_notice_is_said_once(two_stale, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    result = run_essays("stale")
    assert result.exit_code == 0
    assert result.stdout == "0 stale pairs in 0 of 2 essays\n"
    assert result.stderr == ("essays: no pair was checked for a stale translation: git is not on "
                             "PATH — install git to have them checked\n")
