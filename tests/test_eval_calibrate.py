"""The refusal threshold is chosen on the tune split by a cost that makes wrong answers worse than refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.calibrate import (
    PublicSet,
    best_threshold,
    combined_per_question,
    joint_out_of_fold_utilities,
    outcome,
    public_records,
    public_set,
    question_utility,
    tune_versions,
)
from eval.dataset import EvalItem
from rag.compose import EnglishReading


def test_threshold_refuses_where_answers_turn_wrong() -> None:
    # (support, answerable, correct if answered): strong supports are right, weak ones wrong
    records = [(9.0, True, True), (7.0, True, True), (3.0, True, False), (2.0, False, False), (1.0, True, False)]
    cut, utility = best_threshold(records)
    assert 3.0 < cut <= 7.0
    assert utility == 3 / 5  # two right answers and one right refusal; refusing weak answerables costs nothing more


def test_the_cut_lies_halfway_between_the_supports_it_separates() -> None:
    # the weakest right answer's support has more decimals than calibration.json used to keep
    records = [(12.5, True, True), (10.77589, True, True), (6.0, False, False), (2.0, False, False)]
    cut, _ = best_threshold(records)
    assert cut == (10.77589 + 6.0) / 2
    assert outcome(records, cut)["wrong_answers"] == 0
    assert outcome(records, cut)["false_refusal_rate"] == 0.0  # the weakest right answer is still given


def test_a_wrong_answer_costs_more_than_a_refusal() -> None:
    # answering everything: 2 right, 2 wrong -> accuracy 0.5; refusing the weak pair: 2 right, 0 wrong, 2 refusals
    records = [(9.0, True, True), (8.0, True, True), (1.0, True, False), (0.5, True, False)]
    assert best_threshold(records, wrong_cost=0.5)[0] > 1.0
    assert best_threshold(records, wrong_cost=0.0)[1] == 0.5  # without the cost the weak answers change nothing


def test_outcome_counts_refusals_by_kind() -> None:
    records = [(9.0, True, True), (1.0, True, False), (None, False, False), (5.0, False, False)]
    figures = outcome(records, 4.0)
    assert figures == {"accuracy": 0.5, "false_refusal_rate": 0.5, "refusal_accuracy": 0.5, "wrong_answers": 1}


def test_cross_validated_utility_does_not_reward_a_threshold_fitted_to_noise() -> None:
    import random

    from eval.calibrate import cross_validated_utility

    rng = random.Random(3)
    separable = [(10.0 + i, True, True) for i in range(20)] + [(float(i), True, False) for i in range(10)]
    noise = [(rng.uniform(0, 20), True, rng.random() < 0.5) for _ in range(30)]
    assert best_threshold(separable)[1] == 20 / 30  # the weak wrong answers refused
    assert cross_validated_utility({"id": separable, "en": []}) > 0.6  # a real signal holds up out of fold
    in_sample = best_threshold(noise)[1]
    out_of_fold = cross_validated_utility({"id": noise, "en": []})
    assert out_of_fold < in_sample - 0.05  # the fitted cut's luck on its own questions does not carry over


def test_grid_with_readings_searches_those_simplest_first() -> None:
    from eval.calibrate import GRID, grid_with
    from rag.compose import EnglishReading

    assert grid_with(None) is GRID and grid_with([]) is GRID
    wider = grid_with([EnglishReading.BOTH, EnglishReading.GLOSSED])
    assert wider["english_reading"] == (EnglishReading.GLOSSED, EnglishReading.BOTH)  # a tie keeps glossed
    assert {k: v for k, v in wider.items() if k != "english_reading"} == {
        k: v for k, v in GRID.items() if k != "english_reading"}


def test_grid_at_a_held_point_is_that_point_alone(tmp_path: Path) -> None:
    import itertools

    from eval.calibrate import GRID, calibrate, grid_at, grid_for, incumbent_weights
    from rag.answerer import CALIBRATION_FILE
    from siaga.settings import Settings

    held = incumbent_weights(Path("data/models/reader") / CALIBRATION_FILE)
    assert held is not None
    grid = grid_at(held)
    assert list(grid) == list(GRID)  # the same names, in the grid's order
    points = list(itertools.product(*grid.values()))
    assert len(points) == 1 and dict(zip(grid, points[0], strict=True)) == held
    assert isinstance(grid["english_reading"][0], EnglishReading)
    raw = grid_for(held, True, [EnglishReading.RAW])  # the held weights, the cuts refitted for another reading
    assert {k: v for k, v in raw.items() if k != "english_reading"} == {k: v for k, v in grid.items()
                                                                         if k != "english_reading"}
    assert raw["english_reading"] == (EnglishReading.RAW,)
    assert grid_for(held, False, [EnglishReading.RAW]) == {**GRID, "english_reading": (EnglishReading.RAW,)}
    assert grid_for(None, True, None) == GRID
    (tmp_path / CALIBRATION_FILE).write_text('{"calibration": {"threshold": 3.0}}', encoding="utf-8")
    with pytest.raises(ValueError, match="no complete grid point to keep"):  # nothing to keep: nothing fitted
        calibrate(Path("data/eval/qa.jsonl"), Path("data/articles"), Settings(reader_dir=tmp_path),
                  keep_point=True)
    assert (tmp_path / CALIBRATION_FILE).read_text(encoding="utf-8") == '{"calibration": {"threshold": 3.0}}'


def test_the_cut_is_compared_with_the_reader_support_but_never_decides_a_yes_no_answer() -> None:
    from eval.calibrate import support_for_cut
    from rag.question import analyze_question
    from siaga.types import Answer

    def made(question: str, refused: bool, support: float | None) -> float | None:
        return support_for_cut(analyze_question(question), Answer(
            question=question, language="id", text="...", refused=refused, debug={"support": support}))

    assert made("Berapa personel yang diterjunkan?", False, 12.5) == 12.5
    assert made("Berapa personel yang diterjunkan?", True, 3.0) == 3.0
    assert made("Apakah DIY menggelar pilgub pada Pilkada 2024?", False, 0.7) == float("inf")  # answered: any cut
    assert made("Apakah DIY menggelar pilgub pada Pilkada 2024?", True, None) is None  # refused: no cut answers it


def test_paired_standard_error_of_two_points_on_the_same_questions() -> None:
    from eval.calibrate import paired_standard_error

    assert paired_standard_error([1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0]) == 0.0  # the same outcomes
    assert paired_standard_error([1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]) == pytest.approx(0.288675, abs=1e-6)


def _point(overlap: float) -> dict:
    from rag.compose import EnglishReading

    return {"null_weight": 0.0, "name_weight": 2.0, "overlap_weight": overlap, "rank_weight": 1.0,
            "english_reading": EnglishReading.GLOSSED}


def test_the_incumbent_grid_point_is_kept_unless_clearly_beaten() -> None:
    from eval.calibrate import choose_point

    base = [1.0] * 60 + [0.0] * 40
    noisy = [1.0] * 58 + [0.0, 0.0] + [1.0, 1.0, 1.0, 1.0] + [0.0] * 36  # +2 questions, 6 of 100 differ
    clear = [1.0] * 60 + [1.0] * 20 + [0.0] * 20  # +20 questions, none lost
    incumbent = {**_point(8.0), "english_reading": "glossed"}  # as calibration.json holds it
    assert choose_point([(_point(2.0), noisy), (_point(8.0), base)]) == (0, {})  # no incumbent: the best
    index, record = choose_point([(_point(2.0), noisy), (_point(8.0), base)], incumbent)
    assert index == 1 and record["incumbent_kept"] and record["best_cv_utility"] == 0.62
    index, record = choose_point([(_point(2.0), clear), (_point(8.0), base)], incumbent)
    assert index == 0 and not record["incumbent_kept"]
    assert choose_point([(_point(2.0), noisy), (_point(4.0), base)], incumbent) == (0, {})  # not in the grid


def test_weights_let_a_small_set_count_as_much_as_a_large_one() -> None:
    small = [(5.0, True, True), (4.5, False, False), (3.0, False, False)]  # wants a cut between 4.5 and 5
    large = [(4.0, True, True)] * 10  # wants every answer of support 4 kept
    assert best_threshold(small + large)[0] < 4.0  # unweighted, the ten outvote the one refusal
    cut, utility = best_threshold(small + large, weights=[0.9 / 3] * 3 + [0.1 / 10] * 10)
    assert 4.5 < cut < 5.0  # weighted 0.9 / 0.1, the small set's refusal wins
    assert utility == pytest.approx(0.9 * 1.0 + 0.1 * 0.0)


def test_question_utility_counts_a_wrong_answer_below_a_refusal() -> None:
    assert question_utility((5.0, True, True), 4.0) == 1.0
    assert question_utility((5.0, True, False), 4.0) == -0.5
    assert question_utility((3.0, True, True), 4.0) == 0.0
    assert question_utility((3.0, False, False), 4.0) == 1.0
    assert question_utility((None, False, False), 4.0) == 1.0


def test_combined_utilities_average_to_the_weighted_objective() -> None:
    tune, public = [1.0, 0.0], [1.0, 1.0, 1.0, -0.5]
    combined = combined_per_question(tune, public, share=0.5)
    assert sum(combined) / len(combined) == pytest.approx(0.5 * 0.5 + 0.5 * 0.625)


def test_joint_cross_validation_scores_every_question_of_both_sets() -> None:
    records = {"id": [(8.0, True, True), (2.0, False, False)] * 5, "en": [(6.0, True, True)] * 5}
    public = [(9.0, True, True), (1.0, False, False), (7.0, True, False)] * 10
    tune_utils, public_utils = joint_out_of_fold_utilities(records, public)
    assert len(tune_utils) == 15 and len(public_utils) == 30
    assert all(u == pytest.approx(1.0) for u in tune_utils)  # a cut between 2 and 8 (and under 6) is learnt
    assert sum(public_utils) / len(public_utils) == pytest.approx(2 / 3, abs=0.05)


def test_public_calibration_never_reads_the_test_splits(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="test"):
        public_set(tmp_path, "test")


def test_public_records_judge_each_passage_answer_by_its_span() -> None:
    from eval.in_context import as_retrieved
    from eval.mrc import MRCExample
    from rag.answerer import ReaderAnswerer
    from rag.compose import Calibration
    from rag.question import analyze_question
    from tests.rag_fixtures import FakeReader

    passage = "Polresta Tangerang menurunkan 1.048 personel untuk mengamankan TPS di Tigaraksa, dekat Balaraja."
    examples = [
        MRCExample("a", "Berapa personel yang diturunkan Polresta Tangerang?", passage,
                   (("1.048 personel", passage.index("1.048")),), "facqa"),
        MRCExample("b", "Di mana Polresta Tangerang mengamankan TPS?", passage,
                   (("Tigaraksa", passage.index("Tigaraksa")),), "facqa"),
        MRCExample("c", "Siapa Kapolresta Tangerang?", passage, (), "idk_mrc"),
    ]
    public = PublicSet("valid", [(ex, analyze_question(ex.question), as_retrieved(ex)) for ex in examples])
    reader = FakeReader([("Berapa", "1.048 personel", 12.0), ("Di mana", "Balaraja", 9.0)])  # a wrong place
    records = public_records(public, ReaderAnswerer(reader, Calibration(threshold=float("-inf"))))
    assert [(answerable, right) for _, answerable, right in records] == [(True, True), (True, False), (False, False)]
    assert records[0][0] is not None and records[0][0] > records[1][0]


def _item(qid: str, question: str, lang: str) -> EvalItem:
    return EvalItem(id=qid, question=question, lang=lang, answer="12.809 TPS", answer_aliases=[], numeric=12809.0,
                    source_ids=["bali"], type="numeric")


def test_versions_of_tune_questions_are_taken_and_any_other_question_is_refused(tmp_path: Path) -> None:
    tune = [_item("q001", "Berapa TPS di Bali?", "id")]
    versions = tmp_path / "versions.jsonl"
    versions.write_text(_item("q001-en", "How many polling stations in Bali?", "en").model_dump_json() + "\n",
                        encoding="utf-8")
    assert [v.id for v in tune_versions(versions, tune)] == ["q001-en"]

    # a heldout question (or any question not in tune) must never enter the fit under another name
    stray = tmp_path / "stray.jsonl"
    stray.write_text(_item("q002-en", "How many polling stations in Aceh?", "en").model_dump_json() + "\n",
                     encoding="utf-8")
    with pytest.raises(ValueError, match=r"stray\.jsonl: question 'q002-en' is not a version of a tune question"):
        tune_versions(stray, tune)
