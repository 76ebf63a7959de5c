"""`series:` in front matter: read in the one front-matter reader, checked across essays."""

from __future__ import annotations

import pytest
from helpers import PROJECT_POSTS, essay_errors, essay_from, run_essays

from essays.align.check import check_files
from essays.catalogue import series_findings, series_key, series_neighbours
from essays.model import Series
from essays.parse import parse_file

ESSAY = """---
title: III. Config
date: 2012-01-01
series:
  name: The Twelve-Factor App
  part: {part}
---

Store config in the environment.

在环境中存储配置。
"""


def test_series_is_read_with_the_line_of_its_part():
    essay = essay_from(ESSAY.format(part=3))
    assert essay.meta.series == Series("The Twelve-Factor App", 3)
    assert essay.meta.series.line == 6  # `  part: 3`
    assert series_key(essay.meta) == ("The Twelve-Factor App", 3)
    assert series_key(essay_from(ESSAY.replace("series:\n  name: The Twelve-Factor App\n  part: {part}\n", "")).meta) == ("", 0)


@pytest.mark.parametrize("part", ["0", "-1", "three", "true", "2.5", "[3]"])
def test_a_part_that_is_no_counting_number_is_an_error_at_the_series_line(part):
    [finding] = essay_errors(essay_from(ESSAY.format(part=part), "docs/posts/c.md"))
    assert (finding.path, finding.line, finding.code) == ("docs/posts/c.md", 4, "field-invalid")
    assert "'series' must be a mapping of 'name'" in finding.message
    assert "'part: 3'" in finding.message


@pytest.mark.parametrize("series", ["series: The Twelve-Factor App",
                                    "series:\n  part: 3",
                                    "series:\n  name: X\n  part: 3\n  order: 3"])
def test_a_series_without_its_name_or_part_or_with_other_keys_is_an_error(series):
    text = ESSAY.replace("series:\n  name: The Twelve-Factor App\n  part: {part}", series)
    [finding] = essay_errors(essay_from(text))
    assert (finding.line, finding.code) == (4, "field-invalid")


def write(folder, name, part):
    path = folder / f"{name}.md"
    path.write_text(ESSAY.format(part=part), encoding="utf-8")
    return path


def check(folder):
    return check_files((p, f"docs/posts/{p.name}") for p in sorted(folder.glob("*.md")))


def test_two_essays_with_one_part_is_an_error_naming_both(tmp_path):
    for name, part in [("a", 1), ("b", 2), ("c", 2)]:
        write(tmp_path, name, part)
    report = check(tmp_path)
    [finding] = report.errors
    assert str(finding) == (
        "docs/posts/c.md:6: error series-duplicate: part 2 of the series 'The Twelve-Factor App' "
        "is also docs/posts/b.md's (line 6) — give each essay of the series a part of its own")
    assert not report.warnings


def test_a_gap_in_the_parts_is_a_warning_at_the_part_after_it(tmp_path):
    for name, part in [("a", 2), ("b", 3), ("c", 6)]:
        write(tmp_path, name, part)
    report = check(tmp_path)
    assert not report.errors
    assert [str(f) for f in report.warnings] == [
        "docs/posts/a.md:6: warning series-gap: the series 'The Twelve-Factor App' has no part 1 "
        "before this part 2 (parts: 2, 3, 6) — number its essays 1, 2, 3, … with no gap",
        "docs/posts/c.md:6: warning series-gap: the series 'The Twelve-Factor App' has no part 4, 5 "
        "before this part 6 (parts: 2, 3, 6) — number its essays 1, 2, 3, … with no gap"]


def test_the_cli_check_reports_a_duplicate_part_and_exits_1(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    posts = tmp_path / "docs" / "posts"
    posts.mkdir(parents=True)
    write(posts, "a", 1), write(posts, "b", 1)
    monkeypatch.chdir(tmp_path)
    result = run_essays("check")
    assert result.exit_code == 1
    assert "docs/posts/b.md:6: error series-duplicate: part 1 of the series" in result.output


def test_neighbours_skip_gaps_and_know_the_ends():
    found = series_neighbours([("c", Series("S", 5)), ("a", Series("S", 1)), ("b", Series("S", 2)),
                               ("x", Series("T", 1))])
    assert (found["a"].previous, found["a"].next) == (None, "b")
    assert (found["b"].previous, found["b"].next) == ("a", "c")
    assert (found["c"].previous, found["c"].next, found["c"].parts) == ("b", None, 3)
    assert (found["x"].previous, found["x"].next) == (None, None)


def test_the_twelve_factors_are_parts_1_to_12_of_one_series_in_the_numerals_of_their_titles():
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    factors = [parse_file(p).meta for p in PROJECT_POSTS if p.name.startswith("12factor-")]
    parts = {meta.title.split(".")[0]: meta.series.part for meta in factors}
    assert parts == {numeral: n for n, numeral in enumerate(numerals, 1)}
    assert {meta.series.name for meta in factors} == {"The Twelve-Factor App"}
    assert not series_findings((meta.title, meta.series) for meta in factors)
