"""Streamlit pieces shared by the pages: language state, sidebar, and how an answer is drawn.

Everything that comes from an article (titles, quotes, text, URLs) goes through ``ui.render``'s
escaping; nothing here uses ``unsafe_allow_html``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from siaga.types import Filters
from ui.export import append_jsonl, conversation_json, conversation_markdown, feedback_record
from ui.i18n import DEFAULT_LANG, LANGS, t
from ui.render import (
    domain_of,
    escape_markdown,
    highlight_context,
    link_markdown,
    source_label,
    source_meta,
)
from ui.resources import MODE_EXTRACTIVE, MODE_LLM, Engine

MESSAGES = "messages"
ASSISTANT_AVATAR = ":material/shield:"


# --- language ---------------------------------------------------------------------------------------
def lang() -> str:
    """The interface language of this session (Indonesian until the user says otherwise)."""
    value = st.session_state.get("lang", DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def set_lang(value: str) -> None:
    """Switch the interface language (called before the sidebar toggle is drawn in this run)."""
    if value in LANGS:
        st.session_state["lang"] = value


def _lang_toggled() -> None:
    st.session_state["lang"] = "en" if st.session_state.get("_w_lang_en") else "id"


# --- widgets whose value survives page switches ------------------------------------------------------
def _persist(key: str, default: Any, valid: Any = None) -> str:
    """Widget key mirrored from a plain session key: Streamlit drops widget state on pages without it."""
    value = st.session_state.get(key, default)
    if valid is not None:
        value = valid(value)
    st.session_state[key] = value
    st.session_state["_w_" + key] = value
    return "_w_" + key


def _save(key: str) -> None:
    st.session_state[key] = st.session_state.get("_w_" + key)


# --- sidebar ------------------------------------------------------------------------------------------
def _when(ts: float | None, lang_: str) -> str:
    if not ts:
        return t("never", lang_)
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")


def common_sidebar(engine: Engine) -> None:
    """Language toggle and corpus figures (every page)."""
    st.session_state["_w_lang_en"] = lang() == "en"
    st.sidebar.toggle(t("lang_toggle", lang()), key="_w_lang_en", on_change=_lang_toggled, help=t("lang_help", lang()))
    lang_ = lang()
    stats = engine.store.stats()
    with st.sidebar.container(border=True):
        st.markdown(f"**{t('corpus', lang_)}**")
        cols = st.columns(2)
        cols[0].metric(t("articles", lang_), f"{stats['articles']:,}")
        cols[1].metric(t("chunks", lang_), f"{stats['chunks']:,}")
        st.caption(t("last_ingest", lang_, when=_when(stats.get("last_ingest"), lang_)))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def filters_sidebar(engine: Engine) -> Filters | None:
    """Date range, region and outlet filters; choices come from what is stored."""
    lang_ = lang()
    facets = engine.store.facets()
    lo, hi = _date(facets.get("min_date")), _date(facets.get("max_date"))
    low_bound, high_bound = dt.date(1990, 1, 1), dt.date.today() + dt.timedelta(days=366)

    def in_range(value: Any) -> dt.date | None:
        day = _date(value)
        return day if day and low_bound <= day <= high_bound else None

    def among(options: Sequence[str]) -> Any:
        return lambda value: [v for v in (value or []) if v in options]

    with st.sidebar.expander(t("filters", lang_), expanded=True):
        span = f"{lo} – {hi}" if lo and hi else None
        since = st.date_input(
            t("since", lang_), key=_persist("f_since", None, in_range), on_change=_save, args=("f_since",),
            min_value=low_bound, max_value=high_bound, help=span, format="YYYY-MM-DD",
        )
        until = st.date_input(
            t("until", lang_), key=_persist("f_until", None, in_range), on_change=_save, args=("f_until",),
            min_value=low_bound, max_value=high_bound, help=span, format="YYYY-MM-DD",
        )
        regions = facets.get("regions") or []
        outlets = facets.get("outlets") or []
        chosen_regions = st.multiselect(
            t("regions", lang_), regions, key=_persist("f_regions", [], among(regions)), on_change=_save,
            args=("f_regions",), placeholder=t("all", lang_),
        )
        chosen_outlets = st.multiselect(
            t("outlets", lang_), outlets, key=_persist("f_outlets", [], among(outlets)), on_change=_save,
            args=("f_outlets",), placeholder=t("all", lang_),
        )
    filters = Filters(
        since=since.isoformat() if isinstance(since, dt.date) else None,
        until=until.isoformat() if isinstance(until, dt.date) else None,
        regions=list(chosen_regions),
        outlets=list(chosen_outlets),
    )
    return None if filters.is_empty() else filters


def mode_sidebar(engine: Engine) -> str:
    """Extractive or LLM; the LLM choice exists only when one is configured."""
    lang_ = lang()
    modes = engine.modes()
    if len(modes) == 1:
        st.sidebar.caption(t("mode_only_extractive", lang_))
        return MODE_EXTRACTIVE
    labels = {
        MODE_EXTRACTIVE: t("mode_extractive", lang_),
        MODE_LLM: t("mode_llm", lang_, model=engine.settings.llm_model),
    }
    return st.sidebar.radio(
        t("mode", lang_), modes, format_func=labels.__getitem__,
        key=_persist("answer_mode", MODE_LLM, lambda v: v if v in modes else MODE_LLM),
        on_change=_save, args=("answer_mode",),
    )


def _new_conversation() -> None:
    for m in st.session_state.get(MESSAGES, []):
        st.session_state.pop(f"fb_{m.get('id')}", None)
    st.session_state[MESSAGES] = []


def conversation_sidebar() -> None:
    """New conversation and the two exports (drawn last, so they include the newest answer)."""
    lang_ = lang()
    messages = st.session_state.get(MESSAGES, [])
    with st.sidebar.container(border=True):
        st.markdown(f"**{t('conversation', lang_)}**")
        st.button(t("new_conversation", lang_), on_click=_new_conversation, key="new_conversation",
                  icon=":material/add_comment:", width="stretch", disabled=not messages)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        st.download_button(
            t("export_md", lang_), conversation_markdown(messages, lang_), file_name=f"siaga-{stamp}.md",
            mime="text/markdown", disabled=not messages, key="export_md", icon=":material/download:",
            width="stretch", on_click="ignore",
        )
        st.download_button(
            t("export_json", lang_), conversation_json(messages), file_name=f"siaga-{stamp}.json",
            mime="application/json", disabled=not messages, key="export_json", icon=":material/data_object:",
            width="stretch", on_click="ignore",
        )


# --- answers ------------------------------------------------------------------------------------------
def filters_text(filters: Mapping[str, Any] | None, lang_: str) -> str:
    """One line describing the filters a question was asked with (escaped)."""
    if not filters:
        return t("no_filters", lang_)
    parts = []
    if filters.get("since") or filters.get("until"):
        parts.append(f"{filters.get('since') or '…'} – {filters.get('until') or '…'}")
    if filters.get("regions"):
        parts.append(f"{t('regions', lang_)}: {', '.join(filters['regions'])}")
    if filters.get("outlets"):
        parts.append(f"{t('outlets', lang_)}: {', '.join(filters['outlets'])}")
    return t("filters_applied", lang_, f=escape_markdown("; ".join(parts), inline=True))


def status_label(status: Mapping[str, Any], lang_: str) -> str:
    secs = float(status.get("seconds") or 0.0)
    if status.get("refused"):
        return t("status_refused", lang_, secs=secs)
    return t("status_answered", lang_, n=status.get("cited_articles", 0), secs=secs)


def status_lines(status: Mapping[str, Any], lang_: str) -> list[str]:
    """What happened, in the order it happened: understanding, search, filters, mode."""
    understood = status.get("standalone") or status.get("question") or ""
    lines = [
        t("understood_as", lang_, q=f"*{escape_markdown(understood, inline=True)}*"),
        t("searched", lang_, passages=status.get("passages", 0), articles=status.get("articles", 0),
          corpus=status.get("corpus", 0)),
        filters_text(status.get("filters"), lang_),
        t("mode_used", lang_, mode=escape_markdown(str(status.get("mode") or MODE_EXTRACTIVE), inline=True)),
    ]
    if status.get("replaced"):
        lines.append(t("replaced_note", lang_))
    return lines


def render_status_details(status: Mapping[str, Any], lang_: str) -> None:
    st.markdown("\n".join(f"- {line}" for line in status_lines(status, lang_)))


def render_answer_body(answer: Mapping[str, Any], lang_: str) -> None:
    """The answer text with its [n] markers, or a refusal box that cannot be mistaken for an answer."""
    text = escape_markdown(str(answer.get("text") or ""))
    if answer.get("refused"):
        st.warning(f"**{t('refused_title', lang_)}**\n\n{text}", icon=":material/search_off:")
    else:
        st.markdown(text)


def _articles_for(engine: Engine, answer: Mapping[str, Any]) -> dict[str, Any]:
    ids = [c.get("article_id") for c in [*(answer.get("citations") or []), *(answer.get("related") or [])]]
    ids = [i for i in ids if i]
    return engine.store.get_many(ids) if ids else {}


def render_source(citation: Mapping[str, Any], article: Any, lang_: str, related: bool = False) -> None:
    """One source: meta, link to the original (http/https only), the quote highlighted in context."""
    label = source_label(citation, numbered=not related)
    with st.expander(label, icon=":material/link:" if related else ":material/format_quote:"):
        st.markdown(source_meta(citation))
        url = citation.get("url")
        if url:
            host = domain_of(url)
            if host:
                st.markdown(":material/open_in_new: " + link_markdown(f"{t('open_original', lang_)} ({host})", url))
            else:
                st.caption(f"{escape_markdown(url, inline=True)} ({t('not_clickable', lang_)})")
        else:
            st.caption(t("no_link", lang_))
        text = article.text if article is not None else None
        snippet = highlight_context(text, int(citation.get("start") or 0), int(citation.get("end") or 0),
                                    citation.get("quote"))
        st.markdown(f"> {snippet}" if snippet else "")
        if article is None:
            st.caption(t("quote_missing", lang_))


def render_sources(engine: Engine, answer: Mapping[str, Any], lang_: str) -> None:
    articles = _articles_for(engine, answer)
    by_number: dict[Any, Mapping[str, Any]] = {}
    for c in answer.get("citations") or []:
        by_number.setdefault(c.get("n"), c)  # one expander per [n], even if a marker repeats
    citations = list(by_number.values())
    if citations and not answer.get("refused"):
        st.caption(t("sources", lang_))
        for c in citations:
            render_source(c, articles.get(c.get("article_id")), lang_)
    related = (answer.get("related") or []) if answer.get("refused") else []
    if related:
        st.markdown(f"**{t('related_title', lang_)}**")
        st.caption(t("related_caption", lang_))
        for c in related:
            render_source(c, articles.get(c.get("article_id")), lang_, related=True)
    headlines = answer.get("related_headlines") or []
    if headlines and answer.get("refused"):
        st.markdown(f"**{t('related_headlines', lang_)}**")
        st.markdown("\n".join(f"- {escape_markdown(h, inline=True)}" for h in headlines))


def render_verification(answer: Mapping[str, Any], lang_: str) -> None:
    """✅ verified, or ⚠️ with the verifier's reasons; notes (e.g. a replaced LLM answer) below."""
    if not answer.get("refused"):
        if answer.get("verified"):
            st.caption(":green[:material/verified:] " + t("verified", lang_))
        else:
            errors = answer.get("verification_errors") or []
            body = "\n".join(f"- {escape_markdown(e, inline=True)}" for e in errors)
            st.warning(f"**{t('not_verified', lang_)}**" + (f"\n\n{body}" if body else ""), icon=":material/gpp_maybe:")
    for note in answer.get("notes") or []:
        st.caption(escape_markdown(note, inline=True))


def _feedback_given(message_id: str, settings_path: Any) -> None:
    """st.feedback callback: store a JSON line that can become an eval case."""
    rating = st.session_state.get(f"fb_{message_id}")
    messages = st.session_state.get(MESSAGES, [])
    index = next((i for i, m in enumerate(messages) if m.get("id") == message_id), None)
    if index is None:
        return
    message = messages[index]
    message["rating"] = rating
    if rating is None:
        return
    q_index = next((i for i in range(index - 1, -1, -1) if messages[i].get("role") == "user"), None)
    question = messages[q_index]["content"] if q_index is not None else None
    history = [m for m in messages[: q_index or 0] if not m.get("error")]
    append_jsonl(settings_path, feedback_record(message, int(rating), history, question))
    st.toast(t("feedback_saved", lang()), icon=":material/thumbs_up_down:")


def render_feedback(message: Mapping[str, Any], engine: Engine) -> None:
    key = f"fb_{message['id']}"
    if key not in st.session_state and message.get("rating") is not None:
        st.session_state[key] = message["rating"]
    st.feedback("thumbs", key=key, on_change=_feedback_given, args=(message["id"], engine.settings.feedback_path))


def render_assistant(message: Mapping[str, Any], engine: Engine, lang_: str) -> None:
    """A stored assistant turn, drawn exactly as it looked when it was streamed."""
    if message.get("error"):
        st.error(t("error_answer", lang_, e=escape_markdown(message["error"], inline=True)))
        return
    answer = message.get("answer") or {}
    status = message.get("status") or {}
    with st.status(status_label(status, lang_), state="complete", expanded=False):
        render_status_details(status, lang_)
    render_answer_body(answer, lang_)
    render_sources(engine, answer, lang_)
    render_verification(answer, lang_)
    render_feedback(message, engine)
