"""Eval report: report.md (headline first), summary.json, results.jsonl and two PNG charts.

Output is deterministic (sorted keys, fixed group order, no timestamps) so two reports over the same
results diff cleanly and a change in a figure is visible in review.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from eval.metrics import HIT_KS, QuestionResult, answer_head

MAX_WRONG_LISTED = 200
_PNG_METADATA = {"Software": None}


def _pct(value: Any) -> str:
    return "—" if value is None else f"{100 * float(value):.1f}%"


def _num(value: Any, digits: int = 3) -> str:
    return "—" if value is None else f"{float(value):.{digits}f}"


def _secs(value: Any) -> str:
    return "—" if value is None else f"{float(value):.2f} s"


def _cell(text: str, limit: int = 160) -> str:
    """One table/list cell: single line, pipes escaped, long text cut."""
    flat = " ".join(str(text).split()).replace("|", "\\|")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


_GROUP_COLUMNS: tuple[tuple[str, str, Any], ...] = (
    ("n", "n", str),
    ("accuracy", "accuracy", _pct),
    ("answered_precision", "answered prec.", _pct),
    ("coverage", "coverage", _pct),
    ("refusal_accuracy", "refusal acc.", _pct),
    ("false_refusal_rate", "false refusal", _pct),
    ("hit@5", "hit@5", _pct),
    ("mrr", "MRR", _num),
    ("citation_resolve", "cite resolve", _pct),
    ("fact_cited", "fact cited", _pct),
    ("numeric_fidelity", "num. fidelity", _pct),
    ("f1", "F1", _num),
    ("latency_p50", "p50", _secs),
)


def _group_rows(groups: dict[str, dict]) -> list[list[str]]:
    return [[name] + [fmt(stats.get(key)) for key, _label, fmt in _GROUP_COLUMNS] for name, stats in groups.items()]


def render_markdown(summary: dict, results: Sequence[QuestionResult], tradeoff: Sequence[dict], baselines: dict) -> str:
    """The whole report.md text."""
    overall = summary["overall"]
    by_lang = summary.get("by_lang", {})
    by_type = summary.get("by_type", {})
    lines: list[str] = ["# Siaga eval report", ""]
    lines += [
        f"{overall['n']} questions ({overall['answerable']} answerable, {overall['unanswerable']} unanswerable).",
        "",
    ]
    lines += ["## Headline", ""]
    headline = [
        ("Accuracy (all)", _pct(overall.get("accuracy"))),
        ("Accuracy (English)", _pct(by_lang.get("en", {}).get("accuracy"))),
        ("Accuracy (Indonesian)", _pct(by_lang.get("id", {}).get("accuracy"))),
        ("Refusal accuracy (unanswerables refused)", _pct(overall.get("refusal_accuracy"))),
        ("False-refusal rate (answerables refused)", _pct(overall.get("false_refusal_rate"))),
        ("Answered precision (correct / answered)", _pct(overall.get("answered_precision"))),
        ("Coverage (answered / answerable)", _pct(overall.get("coverage"))),
        ("Citations resolve", _pct(overall.get("citation_resolve"))),
        ("Citations verbatim", _pct(overall.get("citation_verbatim"))),
        ("Gold fact cited", _pct(overall.get("fact_cited"))),
        ("Numeric fidelity", _pct(overall.get("numeric_fidelity"))),
        ("Latency p50 / p95", f"{_secs(overall.get('latency_p50'))} / {_secs(overall.get('latency_p95'))}"),
    ]
    lines += _table(["figure", "value"], [[k, v] for k, v in headline]) + [""]

    answerers = summary.get("answerers") or {}
    if answerers:
        lines += ["## Answerers side by side (same questions, same retrieval)", ""]
        rows = [
            [name, str(a.get("n")), _pct(a.get("accuracy")), _pct(a.get("en")), _pct(a.get("id")),
             _pct(a.get("multi_doc")), _pct(a.get("false_refusal_rate")), _pct(a.get("refusal_accuracy")),
             _pct(a.get("verified")), _secs(a.get("latency_p50"))]
            for name, a in answerers.items()
        ]
        lines += _table(["answerer", "n", "accuracy", "English", "Indonesian", "two-article", "false refusals",
                         "unanswerables refused", "verified", "p50"], rows) + [""]
    mrc = summary.get("mrc")
    if mrc:
        lines += [f"## The reader alone on public test sets ({mrc.get('precision')})", ""]
        rows = []
        for name in ("facqa", "idk_mrc"):
            got = mrc["scores"].get(name, {})
            ref = mrc.get("reference", {}).get(name, {})
            rows.append([name, str(got.get("n")), _num(got.get("em"), 1), _num(got.get("f1"), 1),
                         _num(got.get("no_answer_accuracy"), 1),
                         ", ".join(f"{k} {v}" for k, v in ref.items()) or "—"])
        lines += _table(["set (test)", "n", "EM", "F1", "no-answer acc. %", "first measurement (issue 11)"], rows)
        lines += [""]
        in_context = mrc.get("answerer_in_context") or {}
        if in_context:
            lines += ["## The whole answerer over the same passages (each question with its own passage)", ""]
            rows = [[name, str(s.get("n")), _num(s.get("overall_f1"), 1), _num(s.get("answerable_f1"), 1),
                     _num(s.get("answerable_refused"), 1), _num(s.get("unanswerable_refused"), 1)]
                    for name, s in in_context.items()]
            lines += _table(["set (test)", "n", "overall F1", "answerable F1", "answerable refused %",
                             "unanswerables refused %"], rows) + [""]

    lines += ["## By question type", ""]
    header = ["type"] + [label for _k, label, _f in _GROUP_COLUMNS]
    lines += _table(header, _group_rows(by_type)) + [""]
    lines += ["## By language", ""]
    lines += _table(["lang"] + header[1:], _group_rows(by_lang)) + [""]

    by_type_lang = summary.get("by_type_lang", {})
    langs = list(by_lang)
    if by_type_lang and langs:
        lines += ["## Accuracy by type × language", ""]
        rows = []
        for t, per_lang in by_type_lang.items():
            cells = []
            for lg in langs:
                s = per_lang.get(lg)
                cells.append("—" if not s else f"{_pct(s.get('accuracy'))} (n={s['n']})")
            rows.append([t, *cells, _pct(by_type.get(t, {}).get("accuracy"))])
        lines += _table(["type", *langs, "all"], rows) + [""]

    lines += ["## Retrieval and citations (overall)", ""]
    retrieval_rows = [[f"hit@{k}", _pct(overall.get(f"hit@{k}"))] for k in HIT_KS]
    retrieval_rows += [
        ["MRR", _num(overall.get("mrr"))],
        ["nDCG@10", _num(overall.get("ndcg@10"))],
        ["citation precision (cited articles that are gold)", _num(overall.get("citation_precision"))],
        ["citation recall (gold articles cited)", _num(overall.get("citation_recall"))],
        ["verified answers", _pct(overall.get("verified"))],
        ["token F1", _num(overall.get("f1"))],
    ]
    lines += _table(["figure", "value"], retrieval_rows) + [""]
    lines += ["multi_doc retrieval hits need every gold article in the top k; unanswerables are excluded.", ""]

    lines += ["## Retrieval baselines", ""]
    if baselines:
        rows = [
            [name, str(m.get("n", "—"))] + [_pct(m.get(f"hit@{k}")) for k in HIT_KS] + [_num(m.get("mrr"))]
            for name, m in baselines.items()
        ]
        lines += _table(["retriever", "n"] + [f"hit@{k}" for k in HIT_KS] + ["MRR"], rows) + [""]
    else:
        lines += ["(no baselines were run)", ""]

    lines += ["## Refusal threshold trade-off", ""]
    if tradeoff:
        rows = [
            [
                _num(row.get("threshold"), 2),
                _pct(row.get("coverage")),
                _pct(row.get("answered_precision")),
                _pct(row.get("refusal_accuracy")),
                _pct(row.get("false_refusal_rate")),
            ]
            for row in tradeoff
        ]
        header = ["threshold", "coverage", "answered prec.", "refusal acc.", "false refusal"]
        lines += _table(header, rows) + [""]
    else:
        lines += ["(no support scores available)", ""]

    wrong = [r for r in results if not r.correct]
    lines += [f"## Wrong answers ({len(wrong)})", ""]
    for r in wrong[:MAX_WRONG_LISTED]:
        got = "(refused)" if r.refused else _cell(answer_head(r.answer_text), 200)
        lines.append(f"- **{r.id}** [{r.type}/{r.lang}] {_cell(r.question, 200)}")
        lines.append(f"  - gold: {_cell(r.gold_answer)} — got: {got}")
        lines.append(f"  - why: {_cell(r.reason, 240)}")
    if len(wrong) > MAX_WRONG_LISTED:
        lines.append(f"- … and {len(wrong) - MAX_WRONG_LISTED} more (see results.jsonl)")
    if not wrong:
        lines.append("(none)")
    lines.append("")
    lines += ["Charts: `accuracy_by_type.png`, `refusal_tradeoff.png`. Per-question records: `results.jsonl`.", ""]
    return "\n".join(lines)


def _save(fig: Figure, path: Path) -> None:
    FigureCanvasAgg(fig)
    fig.savefig(path, format="png", dpi=100, metadata=_PNG_METADATA)


def plot_accuracy_by_type(summary: dict, path: Path) -> None:
    """Grouped bars: accuracy per question type, one bar per language plus all."""
    by_type = summary.get("by_type", {})
    by_type_lang = summary.get("by_type_lang", {})
    langs = list(summary.get("by_lang", {}))
    series = [(lg, [by_type_lang.get(t, {}).get(lg, {}).get("accuracy") for t in by_type]) for lg in langs]
    series.append(("all", [by_type[t].get("accuracy") for t in by_type]))
    fig = Figure(figsize=(9, 4.5))
    ax = fig.add_subplot()
    width = 0.8 / max(1, len(series))
    for i, (label, values) in enumerate(series):
        xs = [x + (i - (len(series) - 1) / 2) * width for x in range(len(by_type))]
        present = [(x, 100 * v) for x, v in zip(xs, values, strict=True) if v is not None]
        bars = ax.bar([x for x, _ in present], [y for _, y in present], width, label=label)
        ax.bar_label(bars, fmt="%.0f", fontsize=7)
    ax.set_xticks(range(len(by_type)), list(by_type), rotation=20)
    ax.set_ylim(0, 110)
    ax.set_ylabel("accuracy (%)")
    ax.set_title("Accuracy by question type and language")
    if by_type:
        ax.legend()
    fig.tight_layout()
    _save(fig, path)


def plot_tradeoff(tradeoff: Sequence[dict], path: Path) -> None:
    """Coverage and answered precision as the refusal threshold rises."""
    fig = Figure(figsize=(7, 4.5))
    ax = fig.add_subplot()
    xs = [row["threshold"] for row in tradeoff]
    for key, label in (
        ("coverage", "coverage"),
        ("answered_precision", "answered precision"),
        ("refusal_accuracy", "refusal accuracy"),
    ):
        ys = [None if row.get(key) is None else 100 * row[key] for row in tradeoff]
        ax.plot(xs, [float("nan") if y is None else y for y in ys], marker="o", label=label)
    ax.set_xlabel("support threshold (answer iff support >= threshold)")
    ax.set_ylabel("%")
    ax.set_ylim(0, 105)
    ax.set_title("Refusal threshold trade-off")
    if tradeoff:
        ax.legend()
    else:
        ax.text(0.5, 0.5, "no support scores", ha="center", va="center", transform=ax.transAxes)
    fig.tight_layout()
    _save(fig, path)


def write_report(
    out_dir: Path, summary: dict, results: list[QuestionResult], tradeoff: list[dict], baselines: dict
) -> None:
    """Write report.md, summary.json, results.jsonl, accuracy_by_type.png and refusal_tradeoff.png."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.md").write_text(render_markdown(summary, results, tradeoff, baselines), encoding="utf-8")
    payload = {**summary, "baselines": baselines, "tradeoff": tradeoff}
    (out_dir / "summary.json").write_text(
        json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(r.model_dump(mode="json"), sort_keys=True, ensure_ascii=False) + "\n")
    plot_accuracy_by_type(summary, out_dir / "accuracy_by_type.png")
    plot_tradeoff(tradeoff, out_dir / "refusal_tradeoff.png")
