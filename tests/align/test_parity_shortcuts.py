"""The number check's shortcuts (full-width digits found by one character class, thousands
separators dropped only where a comma is) and the glossary's word stems give what they gave."""

from __future__ import annotations

from essays.align.parity import check_pair
from essays.model import Block, Pair
from essays.terms.glossary import words


def _pair(en: str, zh: str) -> Pair:
    return Pair(1, Block(en, 1, "paragraph", "en"), Block(zh, 3, "paragraph", "zh"))


def _numbers(en: str, zh: str) -> list[str]:
    return [f.message.split(" — ")[0] for f in check_pair("x.md", _pair(en, zh))
            if f.code == "number-mismatch"]


def test_full_width_digits_and_separators_are_the_same_numbers():
    assert _numbers("It cost 1,000 dollars (50%) in 2019.", "它花了１，０００美元（５０％），2019年。") == []
    assert _numbers("It cost 1,000 dollars.", "它花了1000美元。") == []
    assert _numbers("It cost 1,000 dollars.", "它花了２，０００美元。") == [
        "numbers differ in pair 1: only the English has '1000'; only the Chinese has '2000'"]


def test_a_curly_apostrophe_stems_as_a_straight_one():
    assert words("The agent’s policies") == words("the agent's policies") == ("the", "agent", "polici")
    assert words("Run 3 jobs, running") == ("run", "3", "job", "run")
