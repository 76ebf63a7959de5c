"""Bad input, each case with the exact line `essays check` (and the build) must say about it:
`path:line: severity code: what is wrong — how to fix it`, exit 1, no traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import build_site

from essays.cli import main

GOOD = "---\ntitle: Title\ntitle_zh: 标题\ndate: 2025-01-01\nauthors: [jason-wei]\n---\n\nOne line.\n\n一行。\n"
AUTHORS = "authors:\n  jason-wei:\n    name: Jason Wei\n    description: Author\n    avatar: a.svg\n"
ESSAY = "docs/posts/bad.md"

# name: (the file's bytes, the line `essays check` prints for it)
CASES = {
    "gb18030": (GOOD.encode("gb18030"),  # line 3: title_zh, the first Chinese
                f"{ESSAY}:3: error encoding: the file is not UTF-8 (it looks like GB18030 or BIG5) — convert it: "
                f"iconv -f GB18030 -t UTF-8 {ESSAY} > {ESSAY}.utf8 && mv {ESSAY}.utf8 {ESSAY}"),
    "big5": (GOOD.replace("标题", "標題").encode("big5"),
             f"{ESSAY}:3: error encoding: the file is not UTF-8 (it looks like GB18030 or BIG5) — convert it: "
             f"iconv -f GB18030 -t UTF-8 {ESSAY} > {ESSAY}.utf8 && mv {ESSAY}.utf8 {ESSAY}"),
    "utf-16": (GOOD.encode("utf-16"),
               f"{ESSAY}:1: error encoding: the file is not UTF-8 (it looks like UTF-16) — convert it: "
               f"iconv -f UTF-16 -t UTF-8 {ESSAY} > {ESSAY}.utf8 && mv {ESSAY}.utf8 {ESSAY}"),
    "nul": (GOOD.replace("One line.", "One\x00 line.").encode(),
            f"{ESSAY}:8: error control-character: the line holds the control character U+0000, "
            "invisible in an editor — delete it"),
    "escape": (GOOD.replace("一行。", "一行\x1b]0;pwned\x07。").encode(),
               f"{ESSAY}:10: error control-character: the line holds the control character U+001B, "
               "invisible in an editor — delete it"),
    "unknown-author": (GOOD.replace("[jason-wei]", "[jason-wei, nobody]").encode(),
                       f"{ESSAY}:5: error author-unknown: the author 'nobody' is not in .authors.yml — "
                       "describe it there (name, description, avatar), or fix the id"),
    "impossible-date": (GOOD.replace("2025-01-01", "2025-02-30").encode(),
                        f"{ESSAY}:4: error date-invalid: invalid date — write 'date: YYYY-MM-DD', "
                        "e.g. 'date: 2025-07-16'"),
}


@pytest.fixture
def site(make_site, monkeypatch):
    root = make_site({"docs/.authors.yml": AUTHORS})
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_essay_is_one_located_error(site, name):
    data, expected = CASES[name]
    (site / ESSAY).write_bytes(data)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1, result.output
    assert expected in result.output.splitlines(), result.output


def test_the_build_refuses_them_too_with_the_same_line(site):
    (site / ESSAY).write_bytes(CASES["gb18030"][0])
    (site / "docs/posts/other.md").write_text(CASES["unknown-author"][0].decode(), encoding="utf-8")
    build = build_site(site)
    assert build.returncode == 1
    assert CASES["gb18030"][1] in build.stderr
    assert CASES["unknown-author"][1].replace(ESSAY, "docs/posts/other.md") in build.stderr
    assert "Traceback" not in build.stderr


def test_a_folder_named_like_an_essay_is_a_located_error(site):
    (site / "docs/posts/folder.md").mkdir()
    (site / ESSAY).write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(
        "docs/posts/folder.md:1: error unreadable: cannot read it (Is a directory) — ")


def test_control_characters_from_essays_are_escaped_on_the_terminal(site):
    (site / ESSAY).write_bytes(CASES["escape"][0])
    result = CliRunner().invoke(main, ["check"])
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_a_slug_cannot_leave_the_essays_folder(site):
    from helpers import SAMPLE_PAGE
    result = CliRunner().invoke(main, ["import", str(SAMPLE_PAGE), "--slug", "../../outside"])
    assert result.exit_code == 2
    assert "--slug '../../outside' is not a file name" in result.output
    assert not (site.parent / "outside.md").exists()


def test_a_full_disk_is_one_clear_line_and_nothing_is_left(site, monkeypatch):
    # as root (CI) a read-only folder is writable anyway, so the disk is made full instead:
    # the error the operating system gives, where it would give it
    import errno
    from helpers import SAMPLE_PAGE
    import essays.importers.run as run

    def full(path, text):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(run, "write_atomic", full)
    result = CliRunner().invoke(main, ["import", str(SAMPLE_PAGE)])
    target = site / "docs/posts/life-lessons-from-reinforcement-learning.md"
    assert result.exit_code == 1
    assert result.output == (f"{SAMPLE_PAGE}:1: error cannot-write: cannot write {target} (No space "
                             "left on device) — free some disk space, or make the folder writable, "
                             "and import again\n")
    assert list((site / "docs/posts").iterdir()) == []


def test_two_essays_at_one_url_are_refused_naming_both(tmp_path):
    from helpers import copy_project_site
    root = copy_project_site(tmp_path)
    original = (root / "docs/posts/12factor-config.md").read_text(encoding="utf-8")
    # same title: same URL (out of the series, whose part 3 it would claim twice)
    copy = original.replace("series:\n  name: The Twelve-Factor App\n  part: 3\n", "")
    assert copy != original
    (root / "docs/posts/config-again.md").write_text(copy, encoding="utf-8")
    build = build_site(root)
    assert build.returncode == 1
    assert ("docs/posts/config-again.md:1: error slug-duplicate: docs/posts/config-again.md and "
            "docs/posts/12factor-config.md are both published at /iii-config/ — give one a different "
            "title, or a 'slug:' of its own") in build.stderr


@pytest.mark.parametrize("title, expected", [
    ("title: 2046", None),  # a number is a title
    ("title: [a, b]", f"{ESSAY}:2: error field-invalid: 'title' must be text, not list — write 'title: <text>'"),
])
def test_a_title_that_is_not_text_says_so(site, title, expected):
    (site / ESSAY).write_text(GOOD.replace("title: Title", title), encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    if expected is None:
        assert result.exit_code == 0, result.output
    else:
        assert expected in result.output.splitlines()


def test_a_front_matter_slug_cannot_leave_the_site(site):
    (site / ESSAY).write_text(GOOD.replace("date: 2025-01-01", "date: 2025-01-01\nslug: ../../../../x"),
                              encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert (f"{ESSAY}:5: error field-invalid: 'slug' must be one plain name (letters, digits, '-', "
            "'_', '.'), no '/' or '..' — write e.g. 'slug: my-essay'") in result.output.splitlines()
