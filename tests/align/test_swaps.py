"""Two adjacent pairs with each other's Chinese: one `swapped-zh` error, on real essays."""

from __future__ import annotations

import pytest

from corruptions import Doc, indices, prose_pairs, real_essays, swap_zh
from measure_align import primer_essay
from essays.align.check import check_essay
from essays.parse import parse_text
from essays.text.scripts import excerpt

ESSAYS = real_essays()
SWAPPED = ["sample/000_a85ce41785e095e1", "12factor/config", "12factor/processes",
           "kubernetes-blog/2015-04-00-Borg-Predecessor-To-Kubernetes",
           "kubernetes-blog/introducing-sig-etcd"]
# Neighbours of about the same length that share no number or name with either Chinese half:
# both readings cost the same, and the checker cannot tell (README, "Measured").
UNDETECTABLE = {("12factor/config", 5), ("kubernetes-blog/introducing-sig-etcd", 9),
                ("kubernetes-blog/introducing-sig-etcd", 12), ("kubernetes-blog/introducing-sig-etcd", 13)}
CASES = [(name, n) for name in SWAPPED for n in prose_pairs(parse_text(ESSAYS[name], name))]


def findings(text: str):
    return check_essay(parse_text(text, "essay.md"))


def swapped(name: str, n: int):
    doc, essay = Doc.of(ESSAYS[name])
    expected = swap_zh(doc, essay, n)
    before = {(f.code, f.pair) for f in findings(ESSAYS[name])}
    new = [f for f in findings(doc.text()) if (f.code, f.pair) not in before]
    return doc, expected, new


def test_the_cases_cover_several_positions_in_each_essay():
    for name in SWAPPED:
        assert len([n for essay, n in CASES if essay == name]) >= 2, name


@pytest.mark.parametrize("name, n", [c for c in CASES if c not in UNDETECTABLE])
def test_swapped_chinese_halves_are_one_error_naming_both_pairs(name, n):
    doc, expected, new = swapped(name, n)
    assert [(f.code, f.severity, f.line, f.pair) for f in new] == [
        ("swapped-zh", "error", doc.line(expected.block), n)], [str(f) for f in new]
    assert new[0].message.startswith(f"pairs {n} and {n + 1} have each other's Chinese (")
    assert new[0].message.endswith(" — swap the two Chinese blocks")
    # the line named holds the first of the two Chinese blocks: pair N+1's translation
    en_next = parse_text(ESSAYS[name], name).pairs[n]
    assert doc.text().split("\n")[new[0].line - 1] == en_next.zh.text.split("\n")[0]


@pytest.mark.parametrize("name, n", sorted(UNDETECTABLE))
def test_an_undetectable_swap_blames_no_other_pair(name, n):
    _, _, new = swapped(name, n)
    assert [f for f in new if f.severity == "error"] == []


def test_the_message_names_the_blocks_in_both_numberings():
    essay = parse_text(ESSAYS["12factor/processes"], "p")
    n = prose_pairs(essay)[0]
    _, _, [error] = swapped("12factor/processes", n)
    assert error.message == (f"pairs {n} and {n + 1} have each other's Chinese (ZH ¶{n} translates "
                             f"EN ¶{n + 1}, ZH ¶{n + 1} translates EN ¶{n}) — swap the two Chinese blocks")
    # the excerpts are of the blocks that meet at the line named: EN N and pair N+1's Chinese
    assert (error.en, error.zh) == (excerpt(essay.pairs[n - 1].en.text), excerpt(essay.pairs[n].zh.text))


def test_intact_essays_have_no_swapped_zh():
    essays = {**ESSAYS, "system-design-primer": primer_essay()}
    found = [(name, f.line) for name, text in essays.items()
             for f in check_essay(parse_text(text, name)) if f.code == "swapped-zh"]
    assert found == []
    assert len(essays) == 24  # the 23 fixture essays and the primer


def test_a_swap_and_a_dropped_block_elsewhere_are_two_errors():
    name = "12factor/processes"
    doc, essay = Doc.of(ESSAYS[name])
    first, last = prose_pairs(essay)[0], prose_pairs(essay)[-1]
    assert last > first + 2
    swap_zh(doc, essay, first)
    _, zh = indices(essay, last + 1)
    del doc.blocks[zh]
    errors = [f for f in findings(doc.text()) if f.severity == "error"]
    assert [(f.code, f.pair) for f in errors] == [("swapped-zh", first), ("missing-zh", None)]
