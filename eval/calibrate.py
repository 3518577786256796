"""`siaga calibrate`: fit the answerer's few numbers on the dev set's ``tune`` split, never on ``heldout``.

The reader's own no-answer threshold comes from the MRC ``valid`` splits (``siaga train-reader``).
Here the answerer's combination of signals is fitted: how much the evidence's question-term overlap
and retrieval rank add to the reader's margin, how close another article's different figure must
come to be shown as a conflict, and the combined score below which the answer is a refusal. The
reader's outputs are cached, so every combination in the grid costs only composition.
"""

from __future__ import annotations

import itertools
import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from eval.dataset import EvalItem, load_dataset
from eval.metrics import is_refusal, judge_item
from eval.runner import history_of, isolated_settings
from eval.splits import select
from rag.answerer import CALIBRATION_FILE, ReaderAnswerer, evidence_limits
from rag.compose import Calibration
from rag.reader import Passage, SpanScore
from siaga.settings import Settings

GRID: dict[str, Sequence[float]] = {
    "overlap_weight": (0.0, 2.0, 4.0, 8.0),
    "rank_weight": (0.0, 1.0, 3.0),
    "conflict_margin": (0.5, 1.5, 3.0),
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


def best_threshold(records: list[tuple[float | None, bool, bool]]) -> tuple[float, float]:
    """(threshold, accuracy) maximising accuracy; ``records``: (support, answerable, correct if answered)."""
    cuts = sorted({s for s, _, _ in records if s is not None})
    best = (float("-inf"), -1.0)
    for cut in [float("-inf"), *cuts, float("inf")]:
        right = sum((correct if s is not None and s >= cut else not answerable) for s, answerable, correct in records)
        accuracy = right / max(1, len(records))
        if accuracy > best[1] + 1e-12:
            best = (cut, accuracy)
    return best


def calibrate(dataset: Path, corpus: Path, settings: Settings, out: Path | None = None,
              report: Any = print) -> dict[str, Any]:
    """Grid-search the answerer's weights and threshold on the tune split; write calibration.json."""
    from ingest.pipeline import ingest_paths
    from rag.pipeline import Siaga

    items: list[EvalItem] = select(load_dataset(dataset), "tune")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="siaga-calibrate-") as tmp:
        run_settings = isolated_settings(settings, Path(tmp))
        siaga = Siaga(run_settings)
        ingest_paths([str(corpus)], run_settings, embedder=siaga.embedder)
        reader = CachingReader(siaga.answerer.reader)
        prepared = [(item, *siaga._prepare(item.question, history_of(item), None, None)) for item in items]
        report(f"{len(items)} tune questions retrieved in {time.perf_counter() - started:.0f} s")
        limits = evidence_limits(run_settings)
        results = []
        for values in itertools.product(*GRID.values()):
            weights = dict(zip(GRID, values, strict=True))
            answerer = ReaderAnswerer(reader, Calibration(threshold=float("-inf"), **weights), limits)
            records = []
            for item, standalone, info, candidates in prepared:
                answer = answerer.answer(standalone, info, candidates)
                correct = not is_refusal(answer) and judge_item(item, answer).correct
                records.append((answer.debug.get("support"), item.answerable, correct))
            threshold, accuracy = best_threshold(records)
            results.append((accuracy, weights, threshold))
    accuracy, weights, threshold = max(results, key=lambda r: (r[0], -r[1]["overlap_weight"], -r[1]["rank_weight"]))
    finite = threshold if threshold not in (float("inf"), float("-inf")) else 0.0
    calibration = Calibration(threshold=round(finite, 4), **weights)
    record = {
        "calibration": asdict(calibration),
        "fitted_on": {"dataset": str(dataset), "split": "tune", "questions": len(items)},
        "tune_accuracy": round(accuracy, 4),
        "grid": {k: list(v) for k, v in GRID.items()},
        "minutes": round((time.perf_counter() - started) / 60, 1),
    }
    target = out or Path(settings.reader_dir) / CALIBRATION_FILE
    target.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return record
