"""Ingest page: upload article files, index them with a progress bar, show what happened to each."""

from __future__ import annotations

import math
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from siaga.settings import DuplicatePolicy
from ui.errors import user_message
from ui.i18n import counted, t
from ui.render import escape_markdown
from ui.resources import Engine, get_engine
from ui.views import common_sidebar, lang

FILE_TYPES = ["txt", "md", "html", "htm", "json", "jsonl", "csv"]


def safe_filename(name: str, taken: set[str]) -> str:
    """The upload's base name with only safe characters, unique within this upload."""
    base = Path(name.replace("\\", "/")).name
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._") or "upload"
    ext = re.sub(r"[^\w]+", "", ext).lower()
    candidate = f"{stem}.{ext}" if ext else stem
    n = 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
    taken.add(candidate)
    return candidate


def _short(path: str, folder: Path) -> str:
    """A failure's path relative to the upload folder (the temp dir means nothing to the user)."""
    try:
        return str(Path(path.split("#", 1)[0]).resolve().relative_to(folder.resolve())) + (
            "#" + path.split("#", 1)[1] if "#" in path else ""
        )
    except ValueError:
        return scrub(path, folder)


def scrub(text: str, folder: Path) -> str:
    """``text`` without the temporary upload folder: "/tmp/siaga-upload-x/a.json: bad" -> "a.json: bad"."""
    for prefix in {str(folder.resolve()), str(folder)}:
        text = text.replace(prefix + "/", "").replace(prefix, "")
    return text


def run_ingest(engine: Engine, files: list[Any], policy: DuplicatePolicy) -> None:
    """Save uploads to a temp dir, ingest them with a progress bar, keep the summary for ``show_summary``.

    Errors name the uploaded file, never the temporary folder it was saved in.
    """
    from ingest.pipeline import IngestLockedError, Ingestor, Progress

    lang_ = lang()
    folder = Path(tempfile.mkdtemp(prefix="siaga-upload-"))
    bar = st.progress(0.0, text=t("ingesting", lang_))

    def on_progress(p: Progress) -> None:
        fraction = p.articles_done / p.articles_total if p.articles_total else 1.0
        bar.progress(min(1.0, fraction), text=t("progress", lang_, count=p.articles_total, done=p.articles_done,
                                                total=p.articles_total, chunks=counted("chunks", p.chunks_done, lang_),
                                                secs=p.elapsed))

    try:
        taken: set[str] = set()
        paths = []
        for f in files:
            target = folder / safe_filename(f.name, taken)
            target.write_bytes(f.getvalue())
            paths.append(str(target))
        try:  # share the app's model instead of loading a second copy
            engine.wait()
            embedder = engine.embedder
        except Exception:  # the pipeline failed to load; ingest loads the model itself
            embedder = None
        try:
            summary = Ingestor(engine.settings, embedder=embedder).ingest(paths, on_duplicate=policy,
                                                                          progress=on_progress)
        except IngestLockedError as exc:
            bar.empty()
            st.error(escape_markdown(scrub(t("locked", lang_, e=exc), folder), inline=True))
            return
        except Exception as exc:  # one line naming the problem, never a stack trace or the temp folder
            bar.empty()
            st.error(escape_markdown(scrub(t("ingest_failed", lang_, e=user_message(exc, lang_)), folder), inline=True))
            return
        bar.empty()  # the summary below says "Done in ..." once
        st.session_state["ingest_result"] = {
            **summary.to_dict(),
            "failed": [{"path": _short(f.path, folder), "error": scrub(str(f.error), folder)}
                       for f in summary.failed],
            "events": list(summary.events),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def show_summary(result: dict[str, Any], lang_: str) -> None:
    cols = st.columns(5)
    for col, key in zip(cols, ("new", "updated", "unchanged", "duplicates")):
        col.metric(t(key, lang_), result.get(key, 0))
    cols[4].metric(t("failed", lang_), len(result.get("failed") or []))
    chunks = int(result.get("chunks_embedded") or 0)
    st.caption(t("ingest_done", lang_, count=chunks, secs=result.get("seconds", 0.0), chunks=chunks))
    events = result.get("events") or []
    if events:
        st.dataframe(
            [{"id": e.get("id") or "", t("col_title", lang_): e.get("title") or "",
              t("col_action", lang_): e.get("action") or ""} for e in events],
            hide_index=True, width="stretch",
        )
    failed = result.get("failed") or []
    if failed:
        st.markdown(f"**{t('failed_list', lang_)}**")
        st.dataframe(
            [{t("col_file", lang_): f["path"], t("col_error", lang_): f["error"]} for f in failed],
            hide_index=True, width="stretch",
        )


def page() -> None:
    engine = get_engine()
    refresh_corpus = common_sidebar(engine)
    lang_ = lang()
    st.title(t("ingest_title", lang_))
    st.caption(t("ingest_intro", lang_))
    files = st.file_uploader(
        t("upload", lang_), type=FILE_TYPES, accept_multiple_files=True, key="uploads",
        max_upload_size=max(1, math.ceil(engine.settings.max_file_mb)),  # ingest rejects bigger files anyway
    )
    labels = {
        DuplicatePolicy.SKIP: t("dup_skip", lang_),
        DuplicatePolicy.REPLACE: t("dup_replace", lang_),
        DuplicatePolicy.FAIL: t("dup_fail", lang_),
    }
    policy = st.radio(t("on_duplicate", lang_), list(labels), format_func=labels.__getitem__, horizontal=True,
                      key="dup_policy")
    n = len(files or [])
    if st.button(t("run_ingest", lang_, count=n, n=n), type="primary", disabled=not files,
                 icon=":material/upload:", key="run_ingest"):
        run_ingest(engine, list(files or []), DuplicatePolicy(policy))
        refresh_corpus()  # the sidebar was drawn before the ingest: redraw its counts
    result = st.session_state.get("ingest_result")
    if result:
        show_summary(result, lang_)


page()
