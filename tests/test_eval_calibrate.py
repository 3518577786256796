"""The refusal threshold is chosen on the tune split by a cost that makes wrong answers worse than refusals."""

from __future__ import annotations

from eval.calibrate import best_threshold, outcome


def test_threshold_refuses_where_answers_turn_wrong() -> None:
    # (support, answerable, correct if answered): strong supports are right, weak ones wrong
    records = [(9.0, True, True), (7.0, True, True), (3.0, True, False), (2.0, False, False), (1.0, True, False)]
    cut, utility = best_threshold(records)
    assert 3.0 < cut <= 7.0
    assert utility == 3 / 5  # two right answers and one right refusal; refusing weak answerables costs nothing more


def test_a_wrong_answer_costs_more_than_a_refusal() -> None:
    # answering everything: 2 right, 2 wrong -> accuracy 0.5; refusing the weak pair: 2 right, 0 wrong, 2 refusals
    records = [(9.0, True, True), (8.0, True, True), (1.0, True, False), (0.5, True, False)]
    assert best_threshold(records, wrong_cost=0.5)[0] > 1.0
    assert best_threshold(records, wrong_cost=0.0)[1] == 0.5  # without the cost the weak answers change nothing


def test_outcome_counts_refusals_by_kind() -> None:
    records = [(9.0, True, True), (1.0, True, False), (None, False, False), (5.0, False, False)]
    figures = outcome(records, 4.0)
    assert figures == {"accuracy": 0.5, "false_refusal_rate": 0.5, "refusal_accuracy": 0.5, "wrong_answers": 1}
