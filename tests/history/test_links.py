"""Paragraph links that survive edits (history/links.py): which paragraph each old `#pN`
lands on after insertions, deletions, moves and edits, in the lock and in a built page."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from essays.history.links import (
    LockUnreadable, format_lock, link, link_site, lock_path, parse_lock, read_lock)
from essays.history.prints import sketch_of
from essays.parse import parse_text
from helpers import build_site, twelve_factor_text

FRONT = "---\ntitle: Config\ntitle_zh: 配置\ndate: 2024-01-01\n---\n\n"


def config_pairs() -> list[tuple[str, str]]:
    """The 12factor "Config" essay's pairs, as (English, Chinese) Markdown."""
    essay = parse_text(twelve_factor_text("config"), "config.md")
    return [(p.en.text, p.zh.text) for p in essay.pairs]


def essay_text(pairs: list[tuple[str, str]]) -> str:
    return FRONT + "".join(f"{en}\n\n{zh}\n\n" for en, zh in pairs)


def essay_of(pairs: list[tuple[str, str]]):
    return parse_text(essay_text(pairs), "docs/posts/config.md")


def anchors_by_text(essay) -> dict[str, int]:
    """English text -> the anchor its pair has."""
    return {p.en.text: p.anchor for p in essay.pairs}


def relinked(before: list, after: list):
    """Link `before` with no lock, write and read the lock back, then link `after` with it."""
    first = link(essay_of(before), None)
    lock = parse_lock(format_lock(first.lock, "config.md"), "pairs/config.lock")
    return first.essay, link(essay_of(after), lock)


PAIRS = config_pairs()


def test_a_first_lock_gives_each_pair_its_place_so_links_shared_before_still_land():
    first = link(essay_of(PAIRS), None)
    assert [p.anchor for p in first.essay.pairs] == list(range(1, len(PAIRS) + 1))
    assert first.changed and first.new == tuple(range(1, len(PAIRS) + 1))


def test_an_inserted_pair_takes_a_new_number_and_every_other_keeps_its_anchor():
    new = ("A paragraph the author added later.", "作者后来加上的一段。")
    old, now = relinked(PAIRS, [PAIRS[0], new, *PAIRS[1:]])
    assert anchors_by_text(now.essay)[new[0]] == len(PAIRS) + 1
    for en, anchor in anchors_by_text(old).items():
        assert anchors_by_text(now.essay)[en] == anchor
    assert now.essay.pairs[2].number == 3 and now.essay.pairs[2].anchor == 2  # place != anchor
    assert now.new == (len(PAIRS) + 1,) and not now.essay.gone


def test_moved_pairs_keep_their_anchors():
    moved = [PAIRS[3], *PAIRS[:3], *PAIRS[4:]]
    _, now = relinked(PAIRS, moved)
    assert [p.anchor for p in now.essay.pairs][:5] == [4, 1, 2, 3, 5]


def test_a_typo_fix_in_one_half_or_light_edits_in_both_keep_the_link():
    en, zh = PAIRS[2]
    typo = (en.replace("database", "databse", 1), zh)
    en, zh = PAIRS[4]
    both = (en.replace("codebase", "code base", 1) + " Really.", zh.replace("，", "、", 1) + "确实。")
    assert typo[0] != PAIRS[2][0] and both[0] != en and both[1] != zh
    _, now = relinked(PAIRS, [*PAIRS[:2], typo, PAIRS[3], both, *PAIRS[5:]])
    assert anchors_by_text(now.essay)[typo[0]] == 3 and anchors_by_text(now.essay)[both[0]] == 5
    assert now.changed and not now.new


def test_a_deleted_pairs_anchor_lands_on_the_pair_now_in_its_place():
    _, now = relinked(PAIRS, [*PAIRS[:2], *PAIRS[3:]])
    (gone,) = now.essay.gone
    assert (gone.anchor, gone.lands, gone.before) == (3, 4, True)
    assert now.essay.pairs[2].en.text == PAIRS[3][0]


def test_the_last_pair_deleted_lands_on_the_one_before_it():
    _, now = relinked(PAIRS, PAIRS[:-1])
    (gone,) = now.essay.gone
    assert (gone.anchor, gone.lands, gone.before) == (len(PAIRS), len(PAIRS) - 1, False)


def test_a_pair_deleted_and_then_its_neighbour_too_still_lands_in_their_place():
    _, once = relinked(PAIRS, [*PAIRS[:2], *PAIRS[3:]])
    lock = parse_lock(format_lock(once.lock, "config.md"), "x")
    twice = link(essay_of([*PAIRS[:2], *PAIRS[4:]]), lock)
    landings = {g.anchor: (g.lands, g.before) for g in twice.essay.gone}
    assert landings == {3: (5, True), 4: (5, True)}
    assert twice.essay.pairs[2].en.text == PAIRS[4][0]


def test_a_deleted_pair_pasted_back_later_gets_its_own_anchor_back():
    _, cut = relinked(PAIRS, [*PAIRS[:2], *PAIRS[3:]])
    lock = parse_lock(format_lock(cut.lock, "config.md"), "x")
    pasted = link(essay_of([*PAIRS[:2], *PAIRS[3:], PAIRS[2]]), lock)
    assert pasted.essay.pairs[-1].anchor == 3 and not pasted.essay.gone
    assert pasted.new == ()


def test_new_numbers_are_never_those_of_deleted_pairs():
    _, cut = relinked(PAIRS, PAIRS[:-1])
    lock = parse_lock(format_lock(cut.lock, "config.md"), "x")
    added = link(essay_of([*PAIRS[:-1], ("Brand new.", "全新的。")]), lock)
    assert added.essay.pairs[-1].anchor == len(PAIRS) + 1


def test_an_unchanged_essay_leaves_its_lock_as_it_was():
    _, now = relinked(PAIRS, PAIRS)
    assert not now.changed and now.new == ()


def test_the_lock_is_one_line_per_pair_and_reads_back_the_same():
    first = link(essay_of(PAIRS), None)
    text = format_lock(first.lock, "docs/posts/config.md")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert len(lines) == len(PAIRS) and lines[0].startswith("p1 ")
    read = parse_lock(text, "x")
    assert format_lock(read, "docs/posts/config.md") == text
    assert [(e.anchor, e.print.en, e.print.zh, sketch_of(e.print)) for e in read.entries] == \
        [(e.anchor, e.print.en, e.print.zh, e.print.sketch) for e in first.lock.entries]


@pytest.mark.parametrize("line, hint", [
    ("<<<<<<< HEAD", "a merge conflict — keep the lines of both sides"),
    ("p1 nonsense", "not a line the tools write"),
])
def test_a_lock_line_the_tools_did_not_write_is_an_error_at_its_line(line, hint):
    text = format_lock(link(essay_of(PAIRS[:2]), None).lock, "config.md") + line + "\n"
    with pytest.raises(LockUnreadable) as raised:
        parse_lock(text, "pairs/config.lock")
    assert str(raised.value.finding).startswith("pairs/config.lock:5: error lock-unreadable")
    assert hint in raised.value.finding.message


def test_a_merge_that_kept_both_sides_lines_keeps_the_first_of_a_repeated_anchor():
    text = format_lock(link(essay_of(PAIRS[:2]), None).lock, "config.md")
    doubled = text + text.splitlines()[-1].replace("p2 ", "p2 ", 1) + "\n"
    assert [e.anchor for e in parse_lock(doubled, "x").entries] == [1, 2]


def test_a_renamed_essay_inherits_its_orphaned_lock(tmp_path):
    essays, pairs = tmp_path / "docs" / "posts", tmp_path / "pairs"
    essays.mkdir(parents=True)
    old_file, new_file = essays / "old.md", essays / "new.md"
    first = link_site({old_file: essay_of(PAIRS)}, pairs, essays, str, write=True)
    assert first.written == [pairs / "old.lock"]
    edited = [("Inserted first.", "先插入的。"), *PAIRS]
    again = link_site({new_file: essay_of(edited)}, pairs, essays, str, write=True)
    assert again.written == [pairs / "new.lock"] and not (pairs / "old.lock").exists()
    assert anchors_by_text(again.essays[new_file])[PAIRS[0][0]] == 1
    assert again.essays[new_file].pairs[0].anchor == len(PAIRS) + 1


def test_a_check_writes_nothing_and_says_which_anchors_are_unrecorded(tmp_path):
    essays, pairs = tmp_path / "docs" / "posts", tmp_path / "pairs"
    file = essays / "config.md"
    link_site({file: essay_of(PAIRS)}, pairs, essays, str, write=True)
    before = (pairs / "config.lock").read_text()
    checked = link_site({file: essay_of([*PAIRS, ("Added.", "新加的。")])}, pairs, essays, str,
                        write=False)
    assert (pairs / "config.lock").read_text() == before
    (finding,) = checked.findings
    assert (finding.code, finding.severity) == ("links-unrecorded", "warning")
    assert f"#p{len(PAIRS) + 1}" in finding.message and "commit" in finding.message


def test_a_file_outside_the_essays_folder_has_no_lock(tmp_path):
    assert lock_path(tmp_path / "pairs", tmp_path / "docs" / "posts", tmp_path / "x.md") is None
    assert read_lock(tmp_path / "pairs" / "none.lock", "none.lock") is None


# -- in a built site ---------------------------------------------------------------------------


def page_pairs(html: str) -> dict[str, str]:
    """id -> the first words of the pair's English half, in page order."""
    found = {}
    for match in re.finditer(r'<div class="pair" id="(p\d+)"[^>]*>\s*<div class="pair__half" '
                             r'lang="en">\s*<p>(?:<span data-s="\d+">)?(.{0,60})', html):
        found[match.group(1)] = match.group(2)
    return found


def test_a_rebuilt_site_keeps_each_links_paragraph_and_lands_a_deleted_one_in_its_place(make_site):
    site = make_site({"docs/posts/config.md": essay_text(PAIRS)})
    assert build_site(site).returncode == 0
    before = page_pairs((site / "site" / "posts" / "config" / "index.html").read_text())
    edited = [("A new opening paragraph.", "新的开头一段。"), PAIRS[0], *PAIRS[2:]]
    (site / "docs/posts/config.md").write_text(essay_text(edited))
    built = build_site(site)
    assert built.returncode == 0, built.stderr
    html = (site / "site" / "posts" / "config" / "index.html").read_text()
    after = page_pairs(html)
    assert after[f"p{len(PAIRS) + 1}"].startswith("A new opening paragraph.")
    for anchor, text in before.items():
        if anchor != "p2":
            assert after[anchor] == text  # the same paragraph under the same link
    gone = re.search(r'<div class="pair-gone" id="p2" data-lands="p3">', html)
    assert gone and html.index('id="p2"') < html.index('id="p3"')
    # the permalink of the pair now second in place (first before) still links to #p1
    assert 'href="#p1" aria-label="Link to paragraph 2 · 第 2 段链接"' in html
    lock = (site / "pairs" / "config.lock").read_text()
    assert "p2 gone after=p1" in lock


# -- any sequence of edits ---------------------------------------------------------------------

EDITS = st.lists(st.tuples(st.sampled_from(["insert", "delete", "move", "typo-en", "typo-zh"]),
                           st.integers(0, 1000), st.integers(0, 1000)), max_size=12)


def typo(text: str, at: int) -> str:
    """One character doubled: the lightest edit a half can have."""
    i = at % len(text)
    return text[:i] + text[i] + text[i:]


@settings(max_examples=150, deadline=None)
@given(EDITS)
def test_after_any_edits_each_surviving_pair_keeps_its_anchor_and_no_anchor_is_reused(edits):
    """Pairs carry the anchor they were first given through inserts, deletes, moves and a
    typo in either half, each edit built and its lock written and read back; deleted
    anchors land on a live pair; new ones are never an old number."""
    pairs = [(en, zh, n) for n, (en, zh) in enumerate(PAIRS, start=1)]  # n: its first anchor
    lock, used, deleted, added = None, set(range(1, len(PAIRS) + 1)), set(), 0
    first = link(essay_of([(en, zh) for en, zh, _ in pairs]), None)
    lock = parse_lock(format_lock(first.lock, "config.md"), "x")
    for op, a, b in edits:
        if op == "insert":
            added += 1
            pairs.insert(a % (len(pairs) + 1), (f"Added paragraph number {added} here.",
                                                f"第 {added} 个新加的段落。", None))
        elif pairs and op == "delete":
            deleted.add(pairs.pop(a % len(pairs))[2])
        elif pairs and op == "move":
            pairs.insert(b % len(pairs), pairs.pop(a % len(pairs)))
        elif pairs and op in ("typo-en", "typo-zh"):
            en, zh, n = pairs[a % len(pairs)]
            pairs[a % len(pairs)] = (typo(en, b), zh, n) if op == "typo-en" else (en, typo(zh, b), n)
        now = link(essay_of([(en, zh) for en, zh, _ in pairs]), lock)
        anchors = [p.anchor for p in now.essay.pairs]
        assert len(set(anchors)) == len(anchors)
        for (en, zh, n), anchor in zip(pairs, anchors):
            if n is None:  # first seen now: a number never used before
                assert anchor not in used
                pairs[anchors.index(anchor)] = (en, zh, anchor)
            else:
                assert anchor == n, (en[:40], anchor, n)
        used |= set(anchors)
        live = set(anchors)
        assert {g.anchor for g in now.essay.gone} == (deleted - live) - {None}
        assert all(g.lands in live for g in now.essay.gone)
        lock = parse_lock(format_lock(now.lock, "config.md"), "x")
