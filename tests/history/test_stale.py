"""Which pairs are stale, on real git histories of 12factor's Config (see conftest.py)."""

from __future__ import annotations

from repos import CONFIG, edited

from essays.history.prints import digest

# Pair 4 of Config, and an edit of its English and of its Chinese.
EN_EDIT = ("constants in the code", "constants in the source code")
ZH_EDIT = ("使用常量保存配置", "用常量保存配置")
NEW_PAIR = ("A config is anything that varies between deploys.", "配置是在不同部署之间变化的一切。")


def numbers(found) -> list[int]:
    return [s.number for s in found]


def test_an_english_edit_makes_its_pair_stale_and_no_other(repo):
    added = repo.save(CONFIG, "Add Config", "2026-10-01")
    changed = repo.save(edited(CONFIG, 4, en=EN_EDIT), "Reword pair 4", "2026-11-30")
    [stale], histories = repo.stale()
    assert histories.notice is None
    assert (stale.number, stale.anchor, stale.code, stale.side) == (4, 4, "stale-zh", "zh")
    assert stale.line == repo.path().read_text().splitlines().index(CONFIG[3][1]) + 1
    assert stale.base == CONFIG[3][0] and stale.current == CONFIG[3][0].replace(*EN_EDIT)
    assert (stale.changed.sha, stale.changed.day, stale.changed.subject) == (changed, "2026-11-30", "Reword pair 4")
    assert (stale.translated.sha, stale.translated.day) == (added, "2026-10-01")


def test_a_chinese_edit_alone_makes_nothing_stale(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.save(edited(CONFIG, 4, zh=ZH_EDIT), "Better Chinese", "2026-11-30")
    assert repo.stale()[0] == []


def test_both_halves_edited_in_one_commit_are_not_stale(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.save(edited(CONFIG, 4, en=EN_EDIT, zh=ZH_EDIT), "Both", "2026-11-30")
    assert repo.stale()[0] == []


def test_the_translation_following_later_clears_it(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.save(edited(CONFIG, 4, en=EN_EDIT), "English", "2026-11-01")
    repo.save(edited(CONFIG, 4, en=EN_EDIT, zh=ZH_EDIT), "Chinese follows", "2026-11-30")
    assert repo.stale()[0] == []


def test_an_english_edit_put_back_is_not_stale(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.save(edited(CONFIG, 4, en=EN_EDIT), "English", "2026-11-01")
    repo.save(CONFIG, "Revert", "2026-11-30")
    assert repo.stale()[0] == []


def test_rewrapping_the_english_is_no_change(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.save(edited(CONFIG, 4, en=(" in the code.  This", " in the code.\nThis")), "Rewrap", "2026-11-01")
    assert repo.stale()[0] == []


def test_a_pair_inserted_above_keeps_the_stale_pair_on_its_text(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.save(edited(CONFIG, 4, en=EN_EDIT), "English", "2026-11-01")
    inserted = edited(CONFIG, 4, en=EN_EDIT)
    inserted.insert(1, NEW_PAIR)
    repo.save(inserted, "New pair above", "2026-11-30")
    [stale], _ = repo.stale()
    assert stale.number == 5 and stale.current == CONFIG[3][0].replace(*EN_EDIT)
    assert stale.changed.subject == "English"


def test_a_pair_deleted_above_keeps_the_stale_pair_on_its_text(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    shorter = edited(CONFIG, 6, en=("internal application config", "the application's internal config"))
    del shorter[1]
    repo.save(shorter, "Drop pair 2, reword pair 6", "2026-11-30")
    [stale], _ = repo.stale()
    assert stale.number == 5 and "the application's internal config" in stale.current
    assert "internal application config" in stale.base


def test_reordered_pairs_keep_their_history(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.save(edited(CONFIG, 4, en=EN_EDIT), "English", "2026-11-01")
    moved = edited(CONFIG, 4, en=EN_EDIT)
    moved.append(moved.pop(3))
    repo.save(moved, "Move pair 4 to the end", "2026-11-30")
    [stale], _ = repo.stale()
    assert stale.number == len(CONFIG) and stale.changed.subject == "English"
    assert stale.current == CONFIG[3][0].replace(*EN_EDIT)


def test_a_file_renamed_twice_keeps_its_history(repo):
    repo.save(CONFIG, "Add a draft", "2026-10-01", name="draft.md")
    repo.save(edited(CONFIG, 4, en=EN_EDIT), "English", "2026-11-01", name="draft.md")
    repo.git("mv", "docs/posts/draft.md", "docs/posts/config-draft.md")
    repo.commit("First rename", "2026-11-10")
    repo.git("mv", "docs/posts/config-draft.md", "docs/posts/config.md")
    repo.commit("Second rename", "2026-11-20")
    [stale], _ = repo.stale()
    assert stale.number == 4
    assert (stale.changed.subject, stale.translated.subject) == ("English", "Add a draft")


def test_an_uncommitted_english_edit_is_stale_as_uncommitted(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.write(edited(CONFIG, 2, en=("everything that is likely", "all that is likely")))
    [stale], _ = repo.stale()
    assert stale.number == 2 and stale.changed.sha is None and stale.changed.date is None
    assert stale.translated.subject == "Add Config"


def test_an_uncommitted_translation_clears_a_committed_english_edit(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.save(edited(CONFIG, 4, en=EN_EDIT), "English", "2026-11-01")
    repo.write(edited(CONFIG, 4, en=EN_EDIT, zh=ZH_EDIT))
    assert repo.stale()[0] == []


def test_an_untracked_essay_has_nothing_stale(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.write(edited(CONFIG, 4, en=EN_EDIT), name="new.md")
    found, histories = repo.stale("new.md")
    assert found == [] and histories.notice is None


def test_a_repository_without_commits_has_nothing_stale(repo):
    repo.write(CONFIG)
    found, histories = repo.stale()
    assert found == [] and histories.notice is None


def test_a_merged_english_edit_counts_from_the_merge(repo):
    added = repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.git("checkout", "-q", "-b", "side")
    repo.save(edited(CONFIG, 4, en=EN_EDIT), "English on a branch", "2026-10-15")
    repo.git("checkout", "-q", "main")
    repo.save(edited(CONFIG, 8, zh=("环境变量可以非常方便地", "环境变量可以很方便地")), "Chinese on main", "2026-11-01")
    repo.git("merge", "-q", "--no-ff", "side", "-m", "Merge side", day="2026-11-20")
    [stale], _ = repo.stale()
    assert stale.number == 4
    assert (stale.changed.subject, stale.changed.day) == ("Merge side", "2026-11-20")
    assert stale.translated.sha == added


def test_a_branch_that_updates_both_halves_lands_as_one_change(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.git("checkout", "-q", "-b", "side")
    repo.save(edited(CONFIG, 4, en=EN_EDIT), "English", "2026-10-15")
    repo.save(edited(CONFIG, 4, en=EN_EDIT, zh=ZH_EDIT), "Chinese", "2026-10-16")
    repo.git("checkout", "-q", "main")
    repo.save(edited(CONFIG, 8, zh=("环境变量可以非常方便地", "环境变量可以很方便地")), "Main", "2026-11-01")
    repo.git("merge", "-q", "--no-ff", "side", "-m", "Merge side", day="2026-11-20")
    assert repo.stale()[0] == []


def test_rewritten_history_is_read_as_it_is_now(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    first = repo.save(edited(CONFIG, 4, en=EN_EDIT), "English", "2026-11-01")
    assert numbers(repo.stale()[0]) == [4]
    repo.write(edited(CONFIG, 4, en=EN_EDIT, zh=ZH_EDIT))
    repo.git("commit", "-q", "-a", "--amend", "-m", "English and Chinese", day="2026-11-02")
    assert repo.stale()[0] == []
    repo.git("reset", "-q", "--hard", first)  # the amended commit is gone from the branch
    [stale], _ = repo.stale()
    assert stale.changed.sha == first
    repo.git("reset", "-q", "--hard", "HEAD~1")
    assert repo.stale()[0] == []


def test_an_essay_translated_into_english_lags_on_its_english(repo):
    repo.save(CONFIG, "Add", "2026-10-01", original="zh")
    repo.save(edited(CONFIG, 4, en=EN_EDIT), "English", "2026-10-15", original="zh")
    assert repo.stale()[0] == []
    repo.save(edited(CONFIG, 4, en=EN_EDIT, zh=ZH_EDIT), "Chinese original edited", "2026-11-01", original="zh")
    [stale], _ = repo.stale()
    assert (stale.number, stale.code, stale.side) == (4, "stale-en", "en")
    assert stale.line == repo.path().read_text().splitlines().index(CONFIG[3][0].replace(*EN_EDIT)) + 1
    assert stale.base == CONFIG[3][1] and stale.current == CONFIG[3][1].replace(*ZH_EDIT)


def test_a_confirmed_translation_is_not_stale_until_the_english_changes_again(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.save(edited(CONFIG, 4, en=EN_EDIT), "English", "2026-11-01")
    confirmed = {4: digest(CONFIG[3][0].replace(*EN_EDIT))}
    assert repo.stale(confirmed=confirmed)[0] == []
    again = ("constants in the source code", "constants in the program's source")
    repo.save(edited(edited(CONFIG, 4, en=EN_EDIT), 4, en=again), "English again", "2026-11-30")
    [stale], _ = repo.stale(confirmed=confirmed)
    assert stale.base == CONFIG[3][0].replace(*EN_EDIT)  # the text the translator confirmed
    assert stale.current == CONFIG[3][0].replace(EN_EDIT[0], again[1])


def test_a_confirmation_of_an_older_text_leaves_the_base_at_the_translation(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.save(edited(CONFIG, 4, en=EN_EDIT), "English", "2026-11-01")
    [stale], _ = repo.stale(confirmed={4: "0000000000"})
    assert stale.base == CONFIG[3][0]
