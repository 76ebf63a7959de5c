"""The sentence alignment holds its measured figures on the hand-aligned reference
(tests/fixtures/sentences/reference.yml; tests/measure_sentences.py prints them, the README
quotes them). Each figure may rise, never fall: a lower one is a regression and fails."""

from __future__ import annotations

import pytest
from measure_sentences import as_text, dropped, measure, page_pairs, reference

from essays.align.sentences import SURE_MARGIN


def sure(margin: float) -> bool:
    return margin >= SURE_MARGIN


def at_least(scores, keep, right: int, total: int) -> None:
    """Precision at least right/total and recall (right links found) at least `right`."""
    got_right, got_total = scores.precision(keep)
    assert got_right >= right, f"recall fell: {got_right} right links, was {right}"
    assert got_right * total >= right * got_total, (
        f"precision fell: {got_right}/{got_total}, was {right}/{total}")


@pytest.fixture(scope="module")
def scores():
    return measure()


def test_the_page_splits_every_reference_pair_as_the_reference_does(scores):
    assert (scores.pairs, scores.pairs_split_right) == (24, 24)


def test_precision_and_recall_of_all_links(scores):
    assert scores.reference_links == 62
    at_least(scores, lambda margin: True, 62, 62)  # precision 1.000, recall 1.000


def test_the_links_shown(scores):
    at_least(scores, sure, 59, 59)  # precision 1.000, recall 59/62


def test_with_a_sentence_dropped_what_is_shown_is_right_more_often_than_what_is_hidden():
    scores = dropped()
    assert (scores.pairs, scores.reference_links) == (123, 287)
    at_least(scores, lambda margin: True, 261, 284)  # precision 0.919, recall 261/287
    at_least(scores, sure, 223, 225)  # shown: precision 0.991, recall 223/287
    hidden_right, hidden = scores.precision(lambda margin: not sure(margin))
    assert hidden_right * 225 < 223 * hidden  # hidden: 38/59 = 0.644, below the shown


def test_a_reference_pair_in_full():
    # the sample essay's pair 2: one English sentence translated as two
    pair = reference()["life-lessons-from-reinforcement-learning"]["p2"]
    found = page_pairs("life-lessons-from-reinforcement-learning")["p2"]
    assert {found.text(link) for link in found.links} == as_text(pair)
    assert [(link.en, link.zh) for link in found.links] == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
