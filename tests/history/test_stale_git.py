"""Reading history: shallow clones, no repository, no git, and how many processes it takes."""

from __future__ import annotations

from repos import CONFIG, GitSite, edited, essay_text

from essays.history.git import Git, GitUnavailable, read_versions
from essays.history.stale import read_histories
from essays.parse import parse_file

EN_4 = ("constants in the code", "constants in the source code")
EN_7 = ("a huge improvement", "a big improvement")
CONFIG_TEXT = essay_text(CONFIG)


def three_commits(repo: GitSite) -> None:
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.save(edited(CONFIG, 4, en=EN_4), "Pair 4", "2026-10-15")
    repo.save(edited(edited(CONFIG, 4, en=EN_4), 7, en=EN_7), "Pair 7", "2026-11-01")


def clone(repo: GitSite, target, depth: int):
    repo.git("clone", "-q", "--depth", str(depth), f"file://{repo.root}", str(target))
    return target


def stale_in(root, name: str = "config.md"):
    file = root / "docs" / "posts" / name
    histories = read_histories(root, [file])
    return histories.stale(parse_file(file, f"docs/posts/{name}"), file, {}), histories


def test_a_shallow_clone_judges_what_changed_since_its_oldest_commit(repo, tmp_path):
    three_commits(repo)
    [stale], histories = stale_in(clone(repo, tmp_path / "clone", depth=2))
    assert stale.number == 7 and stale.changed.subject == "Pair 7"
    # Pair 4 changed in the clone's oldest commit, which shows every line as new: unknown.
    assert histories.unknown == len(CONFIG) - 1
    assert histories.notice.startswith("the git history is shallow (a clone with --depth)")
    assert f"({len(CONFIG) - 1} pairs unchanged since its oldest commit" in histories.notice
    assert "git fetch --unshallow" in histories.notice


def test_a_clone_of_depth_one_judges_nothing_and_says_so(repo, tmp_path):
    three_commits(repo)
    found, histories = stale_in(clone(repo, tmp_path / "clone", depth=1))
    assert found == [] and histories.unknown == len(CONFIG)
    assert "shallow" in histories.notice


def test_outside_a_repository_nothing_is_stale_and_the_notice_says_why(make_site):
    site = make_site({"docs/posts/config.md": CONFIG_TEXT})
    found, histories = stale_in(site)
    assert found == []
    assert histories.notice == ("no pair was checked for a stale translation: the site is not in "
                                "a git repository — commit it with git to have them checked")


def test_without_git_on_path_nothing_is_stale_and_the_notice_says_why(repo, tmp_path, monkeypatch):
    three_commits(repo)
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    found, histories = stale_in(repo.root)
    assert found == []
    assert histories.notice == ("no pair was checked for a stale translation: git is not on PATH "
                                "— install git to have them checked")


class CountingGit(Git):
    def __init__(self, cwd):
        super().__init__(cwd)
        self.calls = []

    def run(self, *args, stdin=None):
        self.calls.append(args[0] if args[0] != "--literal-pathspecs" else args[1])
        return super().run(*args, stdin=stdin)


def test_many_essays_take_three_git_processes(repo):
    names = [f"essay-{n}.md" for n in range(6)]
    for day, pair in (("2026-10-01", None), ("2026-10-15", 4), ("2026-11-01", 7)):
        for name in names:
            repo.write(edited(CONFIG, pair, en=EN_4 if pair == 4 else EN_7) if pair else CONFIG, name)
        repo.commit(f"Step {day}", day)
    git = CountingGit(repo.root)
    reading = read_versions(repo.root, [repo.path(n) for n in names], git)
    assert git.calls == ["rev-parse", "log", "cat-file"]
    assert [[v.commit.subject for v in reading.versions[repo.path(n).resolve()]] for n in names] == \
        [["Step 2026-10-01", "Step 2026-10-15", "Step 2026-11-01"]] * len(names)


class BrokenGit(Git):
    def run(self, *args, stdin=None):
        raise GitUnavailable("unsafe repository ('/srv/site' is owned by someone else)")


def test_any_other_git_failure_is_one_notice_with_gits_reason(repo):
    three_commits(repo)
    histories = read_histories(repo.root, [repo.path()], BrokenGit(repo.root))
    assert histories.notice == ("no pair was checked for a stale translation: git cannot read the "
                                "history (unsafe repository ('/srv/site' is owned by someone else))")
    assert histories.stale(parse_file(repo.path()), repo.path(), {}) == []


def test_a_version_that_is_not_utf8_is_passed_over(repo):
    repo.save(CONFIG, "Add Config", "2026-10-01")
    repo.path().write_bytes(CONFIG_TEXT.encode("gb18030"))
    repo.commit("Saved in GB18030 by mistake", "2026-10-15")
    repo.save(edited(CONFIG, 4, en=EN_4), "Back to UTF-8, pair 4 edited", "2026-11-01")
    [stale], _ = repo.stale()
    assert stale.number == 4 and stale.translated.subject == "Add Config"

