"""The eval report writer: files exist, charts are real PNGs, figures in the summary are right."""

from __future__ import annotations

import json
from pathlib import Path

from eval.dataset import EvalItem
from eval.metrics import (
    QuestionResult,
    baseline_metrics,
    score_item,
    summarize,
    threshold_tradeoff,
    tradeoff_records,
)
from eval.report import write_report
from siaga.types import Answer, Citation

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _item(qid: str, type_: str, lang: str, **kw: object) -> EvalItem:
    base: dict = {
        "id": qid,
        "question": f"Pertanyaan {qid}?",
        "lang": lang,
        "answer": "798 personel",
        "answer_aliases": ["798"],
        "numeric": 798,
        "source_ids": ["denpasar"],
        "type": type_,
    }
    if type_ == "unanswerable":
        base.update(answer="UNANSWERABLE", answer_aliases=[], numeric=None)
    base.update(kw)
    return EvalItem.model_validate(base)


def _results() -> list[QuestionResult]:
    quote = "Polresta Denpasar melepas 798 personel gabungan."
    cite = Citation(n=1, article_id="denpasar", chunk_id="c", start=0, end=len(quote), quote=quote, title="t")
    answers = [
        (
            _item("q1", "numeric", "id"),
            Answer(
                question="q", text="Sebanyak 798 personel [1].", citations=[cite], debug={"support": 0.9}, seconds=1.0
            ),
            ["denpasar", "x"],
        ),
        (
            _item("q2", "numeric", "en"),
            Answer(
                question="q",
                text="It deployed 900 personnel [1].",
                citations=[cite],
                debug={"support": 0.6},
                seconds=2.0,
            ),
            ["x", "denpasar"],
        ),
        (
            _item("q3", "entity", "en", answer="Polairud", answer_aliases=[], numeric=None),
            Answer(
                question="q", text="Escorted by Polairud [1].", citations=[cite], debug={"support": 0.8}, seconds=3.0
            ),
            ["denpasar"],
        ),
        (
            _item("q4", "unanswerable", "id"),
            Answer(
                question="q",
                text="Artikel yang tersedia tidak menyebutkan hal itu.",
                refused=True,
                debug={"support": 0.2},
                seconds=4.0,
            ),
            ["x"],
        ),
    ]
    return [score_item(it, ans, ids, baseline_retrieved={"bm25": ["x", "y", "denpasar"]}) for it, ans, ids in answers]


def test_write_report(tmp_path: Path) -> None:
    results = _results()
    assert [r.correct for r in results] == [True, False, True, True]
    summary = summarize(results)
    tradeoff = threshold_tradeoff(tradeoff_records(results), [0.0, 0.5, 0.85])
    baselines = baseline_metrics(results)
    out = tmp_path / "report"
    write_report(out, summary, results, tradeoff, baselines)

    for name in ("report.md", "summary.json", "results.jsonl", "accuracy_by_type.png", "refusal_tradeoff.png"):
        assert (out / name).is_file(), name
    for png in ("accuracy_by_type.png", "refusal_tradeoff.png"):
        data = (out / png).read_bytes()
        assert data.startswith(PNG_SIGNATURE) and len(data) > 5000

    saved = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert saved["overall"]["n"] == 4
    assert saved["overall"]["accuracy"] == 0.75
    assert saved["overall"]["coverage"] == 1.0
    assert saved["overall"]["answered_precision"] == 0.6667
    assert saved["overall"]["refusal_accuracy"] == 1.0
    assert saved["overall"]["latency_p50"] == 2.5
    assert saved["by_lang"]["en"]["accuracy"] == 0.5
    assert saved["by_type"]["numeric"]["accuracy"] == 0.5
    assert saved["baselines"]["hybrid"]["hit@1"] == 0.6667
    assert saved["baselines"]["bm25"]["hit@1"] == 0.0 and saved["baselines"]["bm25"]["mrr"] == 0.3333
    assert [row["threshold"] for row in saved["tradeoff"]] == [0.0, 0.5, 0.85]
    assert saved["tradeoff"][2]["coverage"] == 0.3333

    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    first = QuestionResult.model_validate_json(lines[0])
    assert first.id == "q1" and first.correct and first.citations[0].quote.startswith("Polresta")

    md = (out / "report.md").read_text(encoding="utf-8")
    head = md.split("## By question type")[0]
    assert "| Accuracy (all) | 75.0% |" in head
    assert "| Accuracy (English) | 50.0% |" in head
    assert "| Accuracy (Indonesian) | 100.0% |" in head
    assert "| Latency p50 / p95 | 2.50 s / 3.85 s |" in head
    assert "## Retrieval baselines" in md and "| bm25 | 3 | 0.0% |" in md
    assert "## Refusal threshold trade-off" in md
    assert "## Wrong answers (1)" in md and "**q2**" in md and "not among the answer's numbers" in md
    assert "**q1**" not in md.split("## Wrong answers")[1]


def test_report_is_deterministic(tmp_path: Path) -> None:
    results = _results()
    args = (
        summarize(results),
        results,
        threshold_tradeoff(tradeoff_records(results), [0.5]),
        baseline_metrics(results),
    )
    write_report(tmp_path / "a", *args)
    write_report(tmp_path / "b", *args)
    for name in ("report.md", "summary.json", "results.jsonl", "accuracy_by_type.png"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_report_without_tradeoff_or_baselines(tmp_path: Path) -> None:
    results = _results()
    write_report(tmp_path, summarize(results), results, [], {})
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "(no baselines were run)" in md and "(no support scores available)" in md
    assert (tmp_path / "refusal_tradeoff.png").read_bytes().startswith(PNG_SIGNATURE)


def test_report_shows_the_reader_alone_and_the_whole_answerer_on_public_passages(tmp_path: Path) -> None:
    results = _results()
    summary = summarize(results)
    summary["mrc"] = {
        "precision": "bf16",
        "scores": {"facqa": {"n": 311, "em": 63.7, "f1": 80.7}, "idk_mrc": {"n": 844, "em": 71.8, "f1": 77.2,
                                                                          "no_answer_accuracy": 87.9}},
        "reference": {"facqa": {"f1": 80.7}},
        "answerer_in_context": {"facqa": {"n": 311, "overall_f1": 65.8, "answerable_f1": 65.8,
                                          "answerable_refused": 17.4, "unanswerable_refused": None},
                                "all": {"n": 1155, "overall_f1": 67.5, "answerable_f1": 63.2,
                                        "answerable_refused": 17.6, "unanswerable_refused": 74.9}},
    }
    write_report(tmp_path, summary, results, [], {})
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "## The reader alone on public test sets (bf16)" in md and "| facqa | 311 | 63.7 | 80.7 |" in md
    whole = md.split("## The whole answerer over the same passages")[1].split("##")[0]
    assert "| facqa | 311 | 65.8 | 65.8 | 17.4 | — |" in whole
    assert "| all | 1155 | 67.5 | 63.2 | 17.6 | 74.9 |" in whole
