"""`siaga calibrate`: fit the answerer's few numbers on the dev set's ``tune`` split, never on ``heldout``.

The reader's own no-answer threshold comes from the MRC ``valid`` splits (``siaga train-reader``).
Here the answerer's combination of signals is fitted: how much of the reader's no-answer score counts against
a span, how much the window's naming of the question's names and its question-term overlap
and retrieval rank add to the reader's margin, which score ends reading after the first articles,
and the combined score below which the answer is a refusal (the early stop does not depend on the
threshold, so one pass per grid point gives every threshold's accuracy). The
reader's outputs are cached, so every combination in the grid costs only composition.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from eval.dataset import EvalItem, load_dataset
from eval.metrics import is_refusal, judge_item
from eval.runner import history_of, isolated_settings
from eval.splits import select
from rag.answerer import CALIBRATION_FILE, ReaderAnswerer, evidence_limits
from rag.compose import Calibration, EnglishReading
from rag.reader import Passage, SpanScore
from siaga.settings import Settings
from siaga.types import Answer, AnswerType, QuestionInfo

# conflict_margin is not fitted: the eval judges a conflicting answer on its first figure, so accuracy
# cannot tell margins apart; it stays at the documented default.
GRID: dict[str, Sequence[Any]] = {
    "null_weight": (0.0, 0.5),
    "name_weight": (0.0, 2.0, 4.0),
    "overlap_weight": (2.0, 4.0, 8.0),
    "rank_weight": (1.0, 3.0),
    # both: English public valid questions 49.6 -> 53.5 and tune 88 -> 89 against glossed, once a figure said
    # of the asked subject leads a conflict (docs/experiments/2026-12-02-english-in-public-context.md); tune's
    # 31 English questions alone cannot tell readings apart. List more readings here to search them, simplest
    # first (a tie keeps the earlier one)
    "english_reading": (EnglishReading.BOTH,),
}


class CachingReader:
    """A reader that remembers its answers: the grid re-reads the same passages many times."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.cache: dict[tuple[str, tuple[str, ...], int], list[list[SpanScore]]] = {}

    def read(self, question: str, passages: Sequence[Passage], n_best: int = 1) -> list[list[SpanScore]]:
        key = (question, tuple(p.text for p in passages), n_best)
        if key not in self.cache:
            self.cache[key] = self.reader.read(question, passages, n_best)
        return self.cache[key]


WRONG_ANSWER_COST = 0.5  # a wrong answer costs this much more than an honest refusal (a reporter may print it)


def midpoints(supports: list[float]) -> list[float]:
    """The candidate cuts between sorted distinct ``supports``: halfway between each neighbouring pair.

    A cut placed exactly on a tune question's support decided that question by a hair: written to
    calibration.json with four decimals it could round above it, so the file refused an answer the
    fit had counted as given (``siaga eval`` 80/118 where calibrate recorded 82/118). Halfway, a new
    question's support is judged by the nearer of the two tune outcomes, and rounding cannot flip one.
    """
    return [(a + b) / 2 for a, b in itertools.pairwise(supports)]


def best_threshold(records: list[tuple[float | None, bool, bool]], wrong_cost: float = WRONG_ANSWER_COST,
                   weights: Sequence[float] | None = None) -> tuple[float, float]:
    """(threshold, utility) maximising right outcomes minus ``wrong_cost`` per wrong answer, per question.

    ``records``: (support, answerable, correct if answered). A refusal is right for an unanswerable
    question and merely unhelpful for an answerable one; an answer that is wrong is worse than both.
    The cut lies halfway between the supports it separates (see ``midpoints``). ``weights`` (one per
    record) let two question sets count equally whatever their sizes; the utility is their weighted mean.
    """
    weights = list(weights) if weights is not None else [1.0] * len(records)
    total = sum(weights) or 1.0
    supports = sorted({s for s, _, _ in records if s is not None})
    best = (float("-inf"), float("-inf"))
    for cut in [float("-inf"), *midpoints(supports), float("inf")]:
        utility = sum(w * question_utility(r, cut, wrong_cost) for r, w in zip(records, weights, strict=True)) / total
        if utility > best[1] + 1e-12:
            best = (cut, utility)
    return best


def question_utility(record: tuple[float | None, bool, bool], cut: float,
                     wrong_cost: float = WRONG_ANSWER_COST) -> float:
    """One question's utility at ``cut``: 1 for a right outcome, -``wrong_cost`` for a wrong answer."""
    support, answerable, correct = record
    answered = support is not None and support >= cut
    return float(correct if answered else not answerable) - wrong_cost * (answered and not correct)


CV_FOLDS = 5
CV_REPEATS = 4


def out_of_fold_utilities(records: dict[str, list[tuple[float | None, bool, bool]]], folds: int = CV_FOLDS,
                          repeats: int = CV_REPEATS, seed: int = 0) -> list[float]:
    """Each question's utility when its fold's per-language threshold is fitted on the other folds only,
    averaged over ``repeats`` shuffles (questions in ``records``' order: id first, then en)."""
    rows = [(lang, r) for lang, rs in records.items() for r in rs]
    totals = [0.0] * len(rows)
    for repeat in range(repeats):
        order = list(range(len(rows)))
        random.Random(seed + repeat).shuffle(order)
        for k in range(folds):
            held = set(order[k::folds])
            for lang in records:
                train = [r for i, (lg, r) in enumerate(rows) if lg == lang and i not in held]
                cut, _ = best_threshold(train)
                for i in held:
                    lg, record = rows[i]
                    if lg == lang:
                        totals[i] += question_utility(record, cut)
    return [t / repeats for t in totals]


PUBLIC_SHARE = 0.5  # the public valid questions' share of the objective when they are fitted with tune


def joint_out_of_fold_utilities(records: dict[str, list[tuple[float | None, bool, bool]]],
                                public: list[tuple[float | None, bool, bool]], share: float = PUBLIC_SHARE,
                                folds: int = CV_FOLDS, repeats: int = CV_REPEATS,
                                seed: int = 0) -> tuple[list[float], list[float]]:
    """Out-of-fold utilities of the tune questions (id first, then en) and of the public ones, the Indonesian
    cut of each fold fitted on the other folds of both sets together (each set weighted to its ``share``),
    the English cut on tune's English questions only (the public sets have none)."""
    rows = [(lang, r) for lang, rs in records.items() for r in rs]
    n_tune, n_public = max(1, len(rows)), max(1, len(public))
    tune_totals, public_totals = [0.0] * len(rows), [0.0] * len(public)
    for repeat in range(repeats):
        order = list(range(len(rows)))
        random.Random(seed + repeat).shuffle(order)
        public_order = list(range(len(public)))
        random.Random(seed + 1000 + repeat).shuffle(public_order)
        for k in range(folds):
            held, public_held = set(order[k::folds]), set(public_order[k::folds])
            fit_id = [r for i, (lg, r) in enumerate(rows) if lg == "id" and i not in held]
            fit_public = [r for i, r in enumerate(public) if i not in public_held]
            cut_id, _ = best_threshold(fit_id + fit_public, weights=[(1 - share) / n_tune] * len(fit_id)
                                       + [share / n_public] * len(fit_public))
            cuts = {"id": cut_id, "en": best_threshold(
                [r for i, (lg, r) in enumerate(rows) if lg == "en" and i not in held])[0]}
            for i in held:
                lang, record = rows[i]
                tune_totals[i] += question_utility(record, cuts.get(lang, cut_id))
            for i in public_held:
                public_totals[i] += question_utility(public[i], cut_id)
    return [t / repeats for t in tune_totals], [t / repeats for t in public_totals]


def combined_per_question(tune: Sequence[float], public: Sequence[float], share: float = PUBLIC_SHARE) -> list[float]:
    """Tune and public per-question utilities scaled so that their plain mean is the weighted objective
    ``(1 - share) * mean(tune) + share * mean(public)`` (what ``choose_point`` compares)."""
    n = len(tune) + len(public)
    return ([u * (1 - share) * n / max(1, len(tune)) for u in tune]
            + [u * share * n / max(1, len(public)) for u in public])


def cross_validated_utility(records: dict[str, list[tuple[float | None, bool, bool]]], folds: int = CV_FOLDS,
                            repeats: int = CV_REPEATS, seed: int = 0) -> float:
    """Utility per question when each fold's per-language threshold is fitted on the other folds only.

    The grid point is chosen by this, not by its utility on the questions its thresholds were fitted on:
    in-sample utility overstated the grid's fit by about 3.5 points of accuracy
    (docs/experiments/2026-11-30-near-context-and-int8.md, 2026-12-01-calibration-by-cross-validation.md).
    """
    utilities = out_of_fold_utilities(records, folds, repeats, seed)
    return sum(utilities) / max(1, len(utilities))


def paired_standard_error(a: Sequence[float], b: Sequence[float]) -> float:
    """Standard error of the mean of ``a[i] - b[i]``: how far apart two grid points' utilities on the same
    questions can lie by chance."""
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    if len(diffs) < 2:
        return 0.0
    mean = sum(diffs) / len(diffs)
    return math.sqrt(sum((d - mean) ** 2 for d in diffs) / (len(diffs) - 1) / len(diffs))


def finite(cut: float) -> float:
    """A threshold JSON can hold: never refusing is -100, always refusing 100 (margins stay within +-30)."""
    return max(-100.0, min(100.0, cut))


def outcome(records: list[tuple[float | None, bool, bool]], cut: float) -> dict[str, float]:
    """Accuracy, false refusals and refusals of unanswerables at threshold ``cut``."""
    answered = [(s is not None and s >= cut, a, c) for s, a, c in records]
    answerable = [x for x in answered if x[1]]
    unanswerable = [x for x in answered if not x[1]]
    return {
        "accuracy": round(sum((c if d else not a) for d, a, c in answered) / max(1, len(answered)), 4),
        "false_refusal_rate": round(sum(not d for d, _, _ in answerable) / max(1, len(answerable)), 4),
        "refusal_accuracy": round(sum(not d for d, _, _ in unanswerable) / max(1, len(unanswerable)), 4),
        "wrong_answers": sum(d and not c for d, _, c in answered),
    }


def support_for_cut(info: QuestionInfo, answer: Answer) -> float | None:
    """What the refusal threshold is compared with for this answer: the reader's support, except for a
    yes/no question, which the threshold never decides (its evidence's coverage does, in
    ``rag.compose.yes_no``): answered, it passes every cut; refused, none."""
    if info.answer_type is AnswerType.YES_NO and not info.multi_part:
        return None if is_refusal(answer) else float("inf")
    return answer.debug.get("support")


@dataclass
class TuneSet:
    """The tune split indexed in a throwaway folder: the pipeline, its settings, each question prepared
    (item, standalone question, question info, retrieved chunks) so the grid never retrieves again."""

    siaga: Any
    settings: Settings
    prepared: list[tuple[EvalItem, str, Any, list[Any]]]


def tune_versions(path: Path, tune: Sequence[EvalItem]) -> list[EvalItem]:
    """Questions of ``path`` that are other-language versions of ``tune`` questions (id "<tune id>-<suffix>",
    as in data/eval/qa_tune_en.jsonl): more questions to fit a language's cut on, and still none from heldout.

    Raises ValueError naming the file and the first question that is no version of a tune question.
    """
    tune_ids = {item.id for item in tune}
    versions = load_dataset(path)
    for item in versions:
        base, dash, _ = item.id.rpartition("-")
        if not dash or base not in tune_ids:
            raise ValueError(f"{path}: question {item.id!r} is not a version of a tune question "
                             "(its id must be '<tune question id>-<suffix>')")
    return versions


@contextmanager
def tune_set(dataset: Path, corpus: Path, settings: Settings, report: Any = print,
             also: Sequence[Path] = ()) -> Iterator[TuneSet]:
    """Index ``corpus`` in a temporary folder and retrieve once for every tune question (and every version of
    one in the ``also`` files)."""
    from ingest.pipeline import ingest_paths
    from rag.pipeline import Siaga

    tune: list[EvalItem] = select(load_dataset(dataset), "tune")
    items = tune + [version for path in also for version in tune_versions(Path(path), tune)]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="siaga-calibrate-") as tmp:
        run_settings = isolated_settings(settings, Path(tmp))
        siaga = Siaga(run_settings)
        ingest_paths([str(corpus)], run_settings, embedder=siaga.embedder)
        prepared = [(item, *siaga._prepare(item.question, history_of(item), None, None)) for item in items]
        report(f"{len(items)} tune questions retrieved in {time.perf_counter() - started:.0f} s")
        yield TuneSet(siaga, run_settings, prepared)


def grid_with(english_readings: Sequence[EnglishReading] | None) -> dict[str, Sequence[Any]]:
    """``GRID``, searching these English readings instead of its own (kept in ``EnglishReading``'s order,
    simplest first, so a tie still keeps the simpler one)."""
    if not english_readings:
        return GRID
    asked = set(english_readings)
    chosen = tuple(r for r in EnglishReading if r in asked)
    return {**GRID, "english_reading": chosen}


def grid_at(weights: dict[str, Any]) -> dict[str, Sequence[Any]]:
    """A grid of the one point ``weights`` (as calibration.json holds them): fitting it refits only the
    refusal cuts, so a change to the answerer is measured with the grid fixed in advance."""
    return {name: (EnglishReading(weights[name]) if name == "english_reading" else weights[name],)
            for name in GRID}


def grid_for(incumbent: dict[str, Any] | None, keep_point: bool,
             english_readings: Sequence[EnglishReading] | None) -> dict[str, Sequence[Any]]:
    """The grid ``calibrate`` searches: the held point alone with ``keep_point`` (at the English readings asked
    for, if any: the same weights, the cuts refitted for another reading), else ``GRID`` (``grid_with``)."""
    if not (keep_point and incumbent):
        return grid_with(english_readings)
    grid = grid_at(incumbent)
    return {**grid, "english_reading": grid_with(english_readings)["english_reading"]} if english_readings else grid


def choose_point(points: Sequence[tuple[dict[str, Any], Sequence[float]]],
                 incumbent: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
    """Which grid point to keep (its index), and how the incumbent fared.

    ``points``: each grid point's weights and its questions' out-of-fold utilities. The best mean wins
    (ties: less overlap, less rank weight, the earlier early stop and English reading), unless
    ``incumbent``'s weights are among the points and the best beats them by no more than one paired
    standard error: then the incumbent is kept.
    """
    def mean(values: Sequence[float]) -> float:
        return sum(values) / max(1, len(values))

    best = max(range(len(points)), key=lambda i: (
        round(mean(points[i][1]), 9), -points[i][0]["overlap_weight"], -points[i][0]["rank_weight"],
        -list(EnglishReading).index(points[i][0]["english_reading"])))
    held = next((i for i, (weights, _) in enumerate(points)
                 if incumbent and weights == {k: incumbent.get(k) for k in weights}), None)
    if held is None:
        return best, {}
    error = paired_standard_error(points[best][1], points[held][1])
    kept = mean(points[best][1]) - mean(points[held][1]) <= error
    return (held if kept else best), {
        "incumbent": points[held][0], "incumbent_cv_utility": round(mean(points[held][1]), 4),
        "best": points[best][0], "best_cv_utility": round(mean(points[best][1]), 4),
        "paired_standard_error": round(error, 4), "incumbent_kept": kept}


@dataclass
class PublicSet:
    """Public reading-comprehension questions answered in context (``eval.in_context``): each with its
    question info and its passage as the one retrieved article."""

    split: str
    prepared: list[tuple[Any, QuestionInfo, list[Any]]]


def public_set(data_dir: Path, split: str = "valid") -> PublicSet:
    """The public sets' ``split`` (never test) prepared for the grid: analysed once, passages as articles."""
    from eval.in_context import as_retrieved, info_in_context, public_examples

    if split == "test":
        raise ValueError("the public test splits only report; calibrate on valid")
    return PublicSet(split, [(ex, info_in_context(ex), as_retrieved(ex))
                             for ex in public_examples(Path(data_dir), split)])


def public_records(public: PublicSet, answerer: ReaderAnswerer) -> list[tuple[float | None, bool, bool]]:
    """(support, answerable, right if answered) per public question; a span is right at F1 >= 0.5."""
    from eval.in_context import answer_over_passage, answered_span
    from eval.mrc import f1_score

    out: list[tuple[float | None, bool, bool]] = []
    for example, info, retrieved in public.prepared:
        answer = answer_over_passage(answerer, example, info, retrieved)
        golds = [text for text, _ in example.answers]
        right = bool(golds) and not answer.refused and f1_score(answered_span(answer), golds) >= 0.5
        out.append((support_for_cut(info, answer), bool(golds), right))
    return out


def fit_grid(tune: TuneSet, reader_for: Callable[[EvalItem], Any], dataset: Path,
             grid: dict[str, Sequence[Any]] | None = None, incumbent: dict[str, Any] | None = None,
             public: PublicSet | None = None, public_reader: Any = None,
             also: Sequence[Path] = ()) -> dict[str, Any]:
    """Every grid point's tune outcomes with ``reader_for(item)`` reading item's passages; the best point.

    ``reader_for`` lets a reader fine-tuned on part of tune be calibrated only on the questions it
    never saw (``siaga adapt-reader``'s out-of-fold calibration); plain calibration uses one reader.
    ``incumbent`` (the weights calibration.json holds) is kept unless the best point beats it on tune by
    more than one standard error of their paired out-of-fold difference: otherwise every change to the
    answerer, refitted, moved the grid to a neighbour whose edge was noise, and its effect could not be
    told from the move's (a two-answer change once moved it with 17 of 118 tune answers;
    docs/experiments/2026-12-01-cut-midpoint-and-listed-counts.md).
    With ``public`` (read by ``public_reader``), the public questions count for ``PUBLIC_SHARE`` of the
    objective, in the Indonesian cut and in the choice of the point.
    """
    started = time.perf_counter()
    grid = grid or GRID
    items = [item for item, *_ in tune.prepared]
    limits = evidence_limits(tune.settings)
    results = []
    for values in itertools.product(*grid.values()):
        weights = dict(zip(grid, values, strict=True))
        calibration = Calibration(threshold=float("-inf"), **weights)
        records: dict[str, list[tuple[float | None, bool, bool]]] = {"id": [], "en": []}
        for item, standalone, info, candidates in tune.prepared:
            answer = ReaderAnswerer(reader_for(item), calibration, limits).answer(standalone, info, candidates)
            correct = not is_refusal(answer) and judge_item(item, answer).correct
            records["en" if info.language == "en" else "id"].append(
                (support_for_cut(info, answer), item.answerable, correct))
        cuts = {lang: best_threshold(r) for lang, r in records.items()}
        utility = sum(u * len(records[lang]) for lang, (_, u) in cuts.items()) / len(items)
        found: list[tuple[float | None, bool, bool]] = []
        if public is not None:
            found = public_records(public, ReaderAnswerer(public_reader, calibration, limits))
            share = PUBLIC_SHARE
            tune_n, public_n = len(items), len(found)
            cuts["id"] = best_threshold(records["id"] + found, weights=[(1 - share) / tune_n] * len(records["id"])
                                        + [share / public_n] * public_n)
            tune_folds, public_folds = joint_out_of_fold_utilities(records, found)
            per_question = combined_per_question(tune_folds, public_folds)
        else:
            per_question = out_of_fold_utilities(records)
        results.append((sum(per_question) / len(per_question), utility, weights,
                        {lang: finite(c) for lang, (c, _) in cuts.items()}, records, per_question, found))
    chosen, selection = choose_point([(r[2], r[5]) for r in results], incumbent)
    cv_utility, utility, weights, cuts, records, _, found = results[chosen]
    calibration = Calibration(threshold=cuts["id"], threshold_en=cuts["en"], **weights)
    both = [*records["id"], *records["en"]]
    tune_outcome = {lang: outcome(r, cuts[lang]) for lang, r in records.items()}
    answered = [(s if s is None else s - cuts[lang], a, c) for lang, r in records.items() for s, a, c in r]
    tune_outcome["all"] = outcome(answered, 0.0)
    with_public = {} if public is None else {"public": {
        "split": public.split, "questions": len(found), "share": PUBLIC_SHARE,
        "outcome": outcome(found, cuts["id"]),
        "utility": round(sum(question_utility(r, cuts["id"]) for r in found) / max(1, len(found)), 4)}}
    return {
        "calibration": asdict(calibration),
        "fitted_on": {"dataset": str(dataset), "split": "tune", "questions": len(items)}
        | ({"also": [str(p) for p in also]} if also else {})
        | ({"public": f"FacQA + IDK-MRC {public.split}, in context"} if public is not None else {}),
        "objective": f"right outcomes - {WRONG_ANSWER_COST} x wrong answers, per question"
        + (f"; tune and public weighted {1 - PUBLIC_SHARE:g} / {PUBLIC_SHARE:g}" if public is not None else ""),
        "selection": f"grid point by {CV_FOLDS}-fold cross-validated utility ({CV_REPEATS} shuffles), the incumbent "
                     "kept unless beaten by more than one paired standard error; thresholds then fitted on all of tune",
        **({"against_incumbent": selection} if selection else {}),
        **with_public,
        "cv_utility": round(cv_utility, 4),
        "tune_cv_utility": round(cv_utility if public is None else cross_validated_utility(records), 4),
        "tune_utility": round(utility, 4),
        "tune_accuracy": tune_outcome["all"]["accuracy"],
        "tune": tune_outcome,
        "never_refusing": outcome(both, float("-inf")),
        "grid": {k: list(v) for k, v in grid.items()},
        "minutes": round((time.perf_counter() - started) / 60, 1),
    }


def incumbent_weights(path: Path) -> dict[str, Any] | None:
    """The grid weights a calibration.json at ``path`` holds (None when there is none or it is unreadable)."""
    try:
        held = json.loads(path.read_text(encoding="utf-8"))["calibration"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return {k: v for k, v in held.items() if k in GRID} if isinstance(held, dict) else None


def calibrate(dataset: Path, corpus: Path, settings: Settings, out: Path | None = None,
              report: Any = print, english_readings: Sequence[EnglishReading] | None = None,
              fresh: bool = False, keep_point: bool = False, public_dir: Path | None = None,
              also: Sequence[Path] = ()) -> dict[str, Any]:
    """Grid-search the answerer's weights and threshold on the tune split; write calibration.json.

    The grid point already in calibration.json is kept unless another beats it clearly (``fit_grid``);
    ``fresh`` ignores it, as for a newly trained reader; ``keep_point`` searches no other point and refits
    only the refusal cuts there. ``public_dir``: fit on the public valid questions in context too. ``also``:
    files of other-language versions of tune questions, fitted beside them (``tune_versions``).
    """
    target = out or Path(settings.reader_dir) / CALIBRATION_FILE
    incumbent = None if fresh else incumbent_weights(target)
    if keep_point and (incumbent is None or set(incumbent) != set(GRID)):
        raise ValueError(f"{target}: no complete grid point to keep (run calibrate without --keep-point)")
    grid = grid_for(incumbent, keep_point, english_readings)
    public = public_set(public_dir) if public_dir is not None else None
    with tune_set(dataset, corpus, settings, report, also) as tune:
        reader = CachingReader(tune.siaga.answerer.reader)
        record = fit_grid(tune, lambda item: reader, dataset, grid, incumbent, public, reader, also)
    target.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return record
