"""Evaluation page: the newest eval report (headline figures, per-type and per-language tables, charts)."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import streamlit as st

from ui.errors import user_message
from ui.i18n import t
from ui.render import escape_markdown
from ui.resources import Engine, get_engine, get_settings
from ui.views import common_sidebar, lang

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO / "data" / "eval" / "qa.jsonl"
CORPUS = REPO / "data" / "articles"

TABLE_COLUMNS = (
    ("n", "n"),
    ("accuracy", "accuracy"),
    ("refusal_accuracy", "refusal acc."),
    ("false_refusal_rate", "false refusal"),
    ("answered_precision", "answered prec."),
    ("coverage", "coverage"),
    ("hit@5", "hit@5"),
    ("citation_verbatim", "verbatim"),
    ("numeric_fidelity", "numeric fid."),
    ("latency_p50", "p50 s"),
)


def reports_dir() -> Path:
    """Where `siaga eval` writes (Settings.reports_dir, SIAGA_REPORTS_DIR)."""
    return get_settings().reports_dir


def latest_report(root: Path) -> Path | None:
    """The newest reports/<timestamp>/ folder that has a summary.json."""
    if not root.is_dir():
        return None
    found = [p for p in root.iterdir() if p.is_dir() and (p / "summary.json").is_file()]
    return max(found, key=lambda p: (p.name, p.stat().st_mtime)) if found else None


def _pct(value: Any) -> str:
    return "—" if value is None else f"{100 * float(value):.1f}%"


def _secs(value: Any) -> str:
    return "—" if value is None else f"{float(value):.2f} s"


def _table(groups: dict[str, dict[str, Any]], first: str) -> list[dict[str, Any]]:
    rows = []
    for name, stats in groups.items():
        row: dict[str, Any] = {first: name}
        for key, label in TABLE_COLUMNS:
            value = stats.get(key)
            if key == "n":
                row[label] = value
            elif key == "latency_p50":
                row[label] = None if value is None else round(float(value), 3)
            else:
                row[label] = None if value is None else round(100 * float(value), 1)
        rows.append(row)
    return rows


def blank_missing(rows: list[dict[str, Any]]) -> Any:
    """A table whose missing values show as empty cells (a bare None shows as the word "None")."""
    import pandas as pd

    def cell(value: Any) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return ""
        return f"{value:g}" if isinstance(value, float) else str(value)

    return pd.DataFrame(rows).style.format(cell)


def show_report(folder: Path, lang_: str) -> None:
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    overall = summary.get("overall", {})
    by_lang = summary.get("by_lang", {})
    st.caption(t("eval_report", lang_, name=folder.name) + " · "
               + t("eval_questions", lang_, n=overall.get("n", 0), a=overall.get("answerable", 0),
                   u=overall.get("unanswerable", 0)))
    first = st.columns(4)
    first[0].metric(t("m_accuracy", lang_), _pct(overall.get("accuracy")))
    first[1].metric(t("m_accuracy_en", lang_), _pct(by_lang.get("en", {}).get("accuracy")))
    first[2].metric(t("m_accuracy_id", lang_), _pct(by_lang.get("id", {}).get("accuracy")))
    first[3].metric(t("m_refusal", lang_), _pct(overall.get("refusal_accuracy")))
    second = st.columns(4)
    second[0].metric(t("m_false_refusal", lang_), _pct(overall.get("false_refusal_rate")))
    second[1].metric(t("m_precision", lang_), _pct(overall.get("answered_precision")))
    second[2].metric(t("m_verbatim", lang_), _pct(overall.get("citation_verbatim")))
    second[3].metric(t("m_numeric", lang_), _pct(overall.get("numeric_fidelity")))
    st.metric(t("m_latency", lang_), f"{_secs(overall.get('latency_p50'))} / {_secs(overall.get('latency_p95'))}")

    st.subheader(t("by_type", lang_))
    st.dataframe(blank_missing(_table(summary.get("by_type", {}), "type")), hide_index=True, width="stretch")
    st.subheader(t("by_lang", lang_))
    st.dataframe(blank_missing(_table(by_lang, "lang")), hide_index=True, width="stretch")
    st.caption(t("table_note", lang_))

    charts = [p for p in (folder / "accuracy_by_type.png", folder / "refusal_tradeoff.png") if p.is_file()]
    if charts:
        st.subheader(t("charts", lang_))
        cols = st.columns(len(charts))
        for col, chart in zip(cols, charts):
            col.image(str(chart), caption=chart.name)
    report = folder / "report.md"
    if report.is_file():
        st.download_button(t("download_report", lang_), report.read_bytes(), file_name=f"report-{folder.name}.md",
                           mime="text/markdown", icon=":material/download:", on_click="ignore")


def run_dev_eval(engine: Engine, lang_: str) -> None:
    try:
        from eval.runner import run_eval
    except ImportError as exc:
        st.error(t("eval_unavailable", lang_, e=exc))
        return
    with st.spinner(t("eval_running", lang_, dataset=DATASET.name), show_time=True):
        try:
            engine.wait()
            extra = {"embedder": engine.embedder} if "embedder" in inspect.signature(run_eval).parameters else {}
            run = run_eval(DATASET, CORPUS, reports_dir(), settings=engine.settings, **extra)
        except Exception as exc:  # one line on the page, never a stack trace; the app keeps running
            st.error(escape_markdown(t("eval_failed", lang_, e=user_message(exc, lang_)), inline=True))
            return
    st.success(t("eval_done", lang_, headline=run.headline))


def page() -> None:
    engine = get_engine()
    common_sidebar(engine)
    lang_ = lang()
    st.title(t("eval_title", lang_))
    if st.button(t("run_eval", lang_), icon=":material/play_arrow:", key="run_eval"):
        run_dev_eval(engine, lang_)
    folder = latest_report(reports_dir())
    if folder is None:
        st.info(t("eval_none", lang_, dir=reports_dir()))
    else:
        show_report(folder, lang_)


page()
