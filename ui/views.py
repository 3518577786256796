"""Streamlit pieces shared by the pages: per-run state (language, kept conversation), sidebar, answers.

Everything that comes from an article (titles, quotes, text, URLs) goes through ``ui.render``'s
escaping; nothing here uses ``unsafe_allow_html``. An answer is drawn from ``ui.answer_view``, the
same data the exports are written from.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from siaga.settings import Settings
from siaga.types import Filters
from ui.answer_view import FILTERED_OUT, NO_ARTICLES, NOT_A_QUESTION, answer_language, message_view
from ui.conversations import ConversationStore, new_conversation_id, valid_id
from ui.export import append_jsonl, conversation_json, conversation_markdown, feedback_record
from ui.i18n import DEFAULT_LANG, LANG_NAMES, LANGS, interface_language, question_language, t
from ui.render import (
    anchor_id,
    answer_markdown,
    domain_of,
    escape_markdown,
    highlight_context,
    link_markdown,
    source_meta,
)
from ui.resources import MODE_EXTRACTIVE, MODE_LLM, Engine

MESSAGES = "messages"
CONVERSATION = "conversation_id"
ASSISTANT_AVATAR = ":material/shield:"
INGEST_PAGE = "pages_siaga/ingest.py"
FILTER_DEFAULTS: dict[str, Any] = {"f_since": None, "f_until": None, "f_regions": [], "f_outlets": []}
REASON_CHARS = 300


# --- per-run state: language and the kept conversation ------------------------------------------------
def lang() -> str:
    """The interface language of this run (decided once per run by ``begin_run``)."""
    value = st.session_state.get("lang", DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except Exception:  # no browser context (bare script run)
        return None


def _submitted_question() -> str:
    typed = st.session_state.get("chat_input")
    pending = st.session_state.get("pending_question")
    for value in (typed, pending):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def begin_run(settings: Settings) -> None:
    """Before any page draws: restore the kept conversation and decide the interface language.

    The language is the user's choice, else ``SIAGA_UI_LANG``, else the browser's, else the first
    question's; later questions never change it (each answer keeps its own language anyway).
    """
    restore_conversation(settings)
    question = _submitted_question()
    if question and not st.session_state.get("first_lang"):
        st.session_state["first_lang"] = question_language(question)
    setting = settings.ui_lang if settings.ui_lang in LANGS else None
    st.session_state["lang"] = interface_language(
        st.session_state.get("lang_choice"), setting, _browser_locale(), st.session_state.get("first_lang")
    )


def _store(settings: Settings) -> ConversationStore:
    return ConversationStore(settings.conversations_dir)


def _snapshot() -> dict[str, Any]:
    """What a reload must bring back: the turns, the filters, the language choice, the answer mode."""
    filters = {key: st.session_state.get(key, default) for key, default in FILTER_DEFAULTS.items()}
    for key in ("f_since", "f_until"):
        if isinstance(filters[key], dt.date):
            filters[key] = filters[key].isoformat()
    return {
        "messages": list(st.session_state.get(MESSAGES, [])),
        "filters": filters,
        "lang_choice": st.session_state.get("lang_choice"),
        "first_lang": st.session_state.get("first_lang"),
        "answer_mode": st.session_state.get("answer_mode"),
    }


def _fingerprint(snapshot: Mapping[str, Any]) -> str:
    return json.dumps(snapshot, sort_keys=True, ensure_ascii=False, default=str)


def restore_conversation(settings: Settings) -> None:
    """Bind this session to the conversation named in the URL (``?c=``), loading it once per session.

    A fresh session with a known id (a reload) gets its turns, filters and language back; without
    one it starts a new conversation and puts its id in the URL, so the next reload finds it.
    """
    wanted = st.query_params.get("c")
    current = st.session_state.get(CONVERSATION)
    outside_change = valid_id(wanted) and wanted not in (current, st.session_state.get("_url_conversation"))
    if current is None or outside_change:
        data = _store(settings).load(wanted) if valid_id(wanted) else None
        conversation = wanted if valid_id(wanted) else new_conversation_id()
        _start(conversation, data or {})
        st.session_state["_saved"] = _fingerprint(_snapshot()) if data else None
    if st.query_params.get("c") != st.session_state[CONVERSATION]:
        st.query_params["c"] = st.session_state[CONVERSATION]
    st.session_state["_url_conversation"] = st.session_state[CONVERSATION]


def _start(conversation: str, data: Mapping[str, Any]) -> None:
    """Make ``data`` (a stored conversation, or empty for a new one) this session's conversation."""
    for message in st.session_state.get(MESSAGES, []):
        st.session_state.pop(f"fb_{message.get('id')}", None)
        st.session_state.pop(f"fbr_{message.get('id')}", None)
    st.session_state[CONVERSATION] = conversation
    st.session_state[MESSAGES] = [m for m in data.get("messages") or [] if isinstance(m, dict)]
    stored = data.get("filters") or {}
    for key, default in FILTER_DEFAULTS.items():
        st.session_state[key] = stored.get(key, default)
        st.session_state.pop("_w_" + key, None)
    for key in ("lang_choice", "first_lang", "answer_mode"):
        if data.get(key) is not None:
            st.session_state[key] = data[key]


def save_conversation(settings: Settings) -> None:
    """Write the conversation when it changed (after each run; a few KB of JSON)."""
    conversation = st.session_state.get(CONVERSATION)
    if not valid_id(conversation):
        return
    snapshot = _snapshot()
    fingerprint = _fingerprint(snapshot)
    if fingerprint == st.session_state.get("_saved"):
        return
    if st.session_state.get("_saved") is None and not snapshot["messages"] and not any(
        snapshot["filters"].values()
    ):
        return  # nothing worth keeping yet: no file for every page view
    _store(settings).save(conversation, {"id": conversation, "updated": dt.datetime.now(dt.UTC).isoformat(),
                                         **snapshot})
    st.session_state["_saved"] = fingerprint


def new_conversation() -> None:
    """Button callback: a fresh conversation, with no turns and no filters (the language stays)."""
    conversation = new_conversation_id()
    _start(conversation, {})
    st.session_state["_saved"] = None
    st.session_state.pop("pending_question", None)
    st.query_params["c"] = conversation
    st.session_state["_url_conversation"] = conversation


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


def _lang_chosen() -> None:
    choice = st.session_state.get("_w_lang")
    if choice in LANGS:
        st.session_state["lang_choice"] = choice
        st.session_state["lang"] = choice


def common_sidebar(engine: Engine) -> Callable[[], None]:
    """Language choice and corpus figures (every page). Returns a function that redraws the figures.

    A page that changes the corpus (an ingest, a delete) calls it afterwards, so the sidebar count
    is never one step behind.
    """
    lang_ = lang()
    st.session_state["_w_lang"] = lang_
    st.sidebar.radio(t("lang_label", lang_), list(LANGS), format_func=LANG_NAMES.__getitem__, key="_w_lang",
                     horizontal=True, on_change=_lang_chosen, help=t("lang_help", lang_))
    slot = st.sidebar.empty()

    def draw() -> None:
        stats = engine.store.stats()
        with slot.container(border=True):
            st.markdown(f"**{t('corpus', lang_)}**")
            cols = st.columns(2)
            cols[0].metric(t("articles", lang_), f"{stats['articles']:,}")
            cols[1].metric(t("chunks", lang_), f"{stats['chunks']:,}")
            st.caption(t("last_ingest", lang_, when=_when(stats.get("last_ingest"), lang_)))

    draw()
    return draw


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def clear_filter(key: str) -> None:
    """Button callback: drop one filter (both its kept value and its widget's)."""
    default = FILTER_DEFAULTS[key]
    st.session_state[key] = list(default) if isinstance(default, list) else default
    st.session_state["_w_" + key] = st.session_state[key]


def clear_filters() -> None:
    for key in FILTER_DEFAULTS:
        clear_filter(key)


def active_filters() -> dict[str, Any]:
    """The filters as they stand now (ISO dates), from the kept session values."""
    since, until = _date(st.session_state.get("f_since")), _date(st.session_state.get("f_until"))
    return {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "regions": list(st.session_state.get("f_regions") or []),
        "outlets": list(st.session_state.get("f_outlets") or []),
    }


def reversed_range(filters: Mapping[str, Any]) -> bool:
    return bool(filters.get("since") and filters.get("until") and filters["since"] > filters["until"])


def _clear_button(column: Any, key: str, active: bool, lang_: str) -> None:
    column.button("✕", key=f"clear_{key}", help=t("clear_filter", lang_), on_click=clear_filter, args=(key,),
                  disabled=not active, type="tertiary")


def filters_sidebar(engine: Engine) -> Filters | None:
    """Date range, region and outlet filters, each with its own clear button, plus "Clear filters".

    Choices come from what is stored. A reversed range is named at once; it still reaches the
    pipeline, whose answer names it too, so no answer pretends the filter isn't there.
    """
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
        fields = []
        for key, label in (("f_since", "since"), ("f_until", "until")):
            left, right = st.columns([6, 1], vertical_alignment="bottom")
            value = left.date_input(
                t(label, lang_), key=_persist(key, None, in_range), on_change=_save, args=(key,),
                min_value=low_bound, max_value=high_bound, help=span, format="YYYY-MM-DD",
            )
            _clear_button(right, key, value is not None, lang_)
            fields.append(value)
        since, until = fields
        if isinstance(since, dt.date) and isinstance(until, dt.date) and since > until:
            st.error(t("reversed_range", lang_, since=since.isoformat(), until=until.isoformat()),
                     icon=":material/event_busy:")
        chosen = []
        for key, label, options in (("f_regions", "regions", facets.get("regions") or []),
                                    ("f_outlets", "outlets", facets.get("outlets") or [])):
            left, right = st.columns([6, 1], vertical_alignment="bottom")
            values = left.multiselect(
                t(label, lang_), options, key=_persist(key, [], among(options)), on_change=_save, args=(key,),
                placeholder=t("all", lang_),
            )
            _clear_button(right, key, bool(values), lang_)
            chosen.append(values)
        filters = Filters(
            since=since.isoformat() if isinstance(since, dt.date) else None,
            until=until.isoformat() if isinstance(until, dt.date) else None,
            regions=list(chosen[0]),
            outlets=list(chosen[1]),
        )
        st.button(t("clear_filters", lang_), key="clear_filters", on_click=clear_filters, disabled=filters.is_empty(),
                  icon=":material/filter_alt_off:", width="stretch")
    return None if filters.is_empty() else filters


def _chip_text(text: str) -> str:
    """Escaped text for inside a ``:color-badge[...]`` directive (brackets would end it early)."""
    return escape_markdown(text.replace("[", "(").replace("]", ")"), inline=True)


def filter_chips(filters: Filters | None, lang_: str) -> list[str]:
    """The active filters as badge Markdown, one per filter; a reversed range is one red badge."""
    if filters is None:
        return []
    chips = []
    if filters.since and filters.until:
        text = t("chip_range", lang_, since=filters.since, until=filters.until)
        color = "red" if filters.since > filters.until else "blue"
        label = f"{t('chip_reversed', lang_)}: {text}" if color == "red" else text
        chips.append(f":{color}-badge[:material/calendar_month: {_chip_text(label)}]")
    elif filters.since:
        chips.append(f":blue-badge[:material/calendar_month: {_chip_text(t('chip_since', lang_, d=filters.since))}]")
    elif filters.until:
        chips.append(f":blue-badge[:material/calendar_month: {_chip_text(t('chip_until', lang_, d=filters.until))}]")
    for region in filters.regions:
        chips.append(f":blue-badge[:material/location_on: {_chip_text(t('chip_region', lang_, v=region))}]")
    for outlet in filters.outlets:
        chips.append(f":blue-badge[:material/newspaper: {_chip_text(t('chip_outlet', lang_, v=outlet))}]")
    return chips


def render_filter_chips(slot: Any, filters: Filters | None, lang_: str) -> None:
    """Active filters as chips next to the chat input, with one button that clears them all."""
    chips = filter_chips(filters, lang_)
    if not chips:
        return
    with slot:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(" ".join(chips))
        right.button(t("clear_filters", lang_), key="chips_clear", on_click=clear_filters, type="tertiary",
                     icon=":material/filter_alt_off:")


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


def conversation_sidebar() -> None:
    """New conversation and the two exports (drawn last, so they include the newest answer)."""
    lang_ = lang()
    messages = st.session_state.get(MESSAGES, [])
    filters_set = any(st.session_state.get(key) for key in FILTER_DEFAULTS)
    with st.sidebar.container(border=True):
        st.markdown(f"**{t('conversation', lang_)}**")
        st.button(t("new_conversation", lang_), on_click=new_conversation, key="new_conversation",
                  icon=":material/add_comment:", width="stretch", disabled=not (messages or filters_set))
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        st.download_button(
            t("export_md", lang_), conversation_markdown(messages, lang_), file_name=f"siaga-{stamp}.md",
            mime="text/markdown", disabled=not messages, key="export_md", icon=":material/download:",
            width="stretch", on_click="ignore",
        )
        st.download_button(
            t("export_json", lang_), conversation_json(messages, lang_), file_name=f"siaga-{stamp}.json",
            mime="application/json", disabled=not messages, key="export_json", icon=":material/data_object:",
            width="stretch", on_click="ignore",
        )
        st.caption(t("conversation_kept", lang_))


# --- answers ------------------------------------------------------------------------------------------
def render_status(view: Mapping[str, Any]) -> None:
    """The collapsed status box of a finished answer: outcome and wait time, details inside."""
    state = "error" if view.get("error") else "complete"
    with st.status(view.get("status_label") or "", state=state, expanded=False):
        lines = view.get("status_details") or []
        if lines:
            st.markdown("\n".join(f"- {escape_markdown(line, inline=True)}" for line in lines))


def _articles_for(engine: Engine, view: Mapping[str, Any]) -> dict[str, Any]:
    ids = [c.get("article_id") for c in [*(view.get("sources") or []), *(view.get("related") or [])]]
    ids = [i for i in ids if i]
    return engine.store.get_many(ids) if ids else {}


def _original_link(item: Mapping[str, Any], lang_: str) -> str | None:
    url = item.get("url")
    if not url:
        return t("no_link", lang_)
    host = domain_of(url)
    if host:
        return ":material/open_in_new: " + link_markdown(f"{t('open_original', lang_)} ({host})", url)
    return f"{escape_markdown(url, inline=True)} ({t('not_clickable', lang_)})"


def _card_title(item: Mapping[str, Any], n: Any = None) -> str:
    title = escape_markdown(item.get("title") or "", inline=True)
    if len(title) > 160:
        title = title[:157].rstrip("\\") + "…"
    return f"\\[{n}\\] {title}" if n is not None else title


def render_source_card(citation: Mapping[str, Any], article: Any, message_id: str | None, lang_: str) -> None:
    """One cited source, the target of its [n] links: title, outlet and date, link, the quote highlighted.

    The quote appears here only (the answer text holds just the [n]); the cited sentence is bold
    inside its surrounding text, so the reader sees what it says and what is around it.
    """
    n = citation.get("n")
    with st.container(border=True, key=f"card-{anchor_id(message_id, n)}"):
        st.subheader(f":small[{_card_title(citation, n)}]", anchor=anchor_id(message_id, n))
        meta = [source_meta(citation, unknown=""), _original_link(citation, lang_)]
        st.caption(" · ".join(m for m in meta if m))
        text = article.text if article is not None else None
        snippet = highlight_context(text, int(citation.get("start") or 0), int(citation.get("end") or 0),
                                    citation.get("quote"))
        if snippet:
            st.markdown(f"> {snippet}")
        if article is None:
            st.caption(t("quote_missing", lang_))


def render_related(view: Mapping[str, Any], lang_: str) -> None:
    """Closest facts under a refusal: one entry per article, its passages under it; never numbered."""
    groups = view.get("related") or []
    if groups:
        with st.expander(f"{t('related_title', lang_)} ({len(groups)})", icon=":material/link:"):
            st.caption(t("related_caption", lang_))
            for group in groups:
                with st.container(border=True):
                    st.markdown(f"**{_card_title(group)}**")
                    meta = [source_meta(group, unknown=""), _original_link(group, lang_)]
                    st.caption(" · ".join(m for m in meta if m))
                    quotes = [escape_markdown(p.get("quote"), inline=True) for p in group.get("passages") or []]
                    if quotes:
                        st.markdown("\n".join(f"> {q}\n>" for q in quotes).rstrip(">\n"))
    headlines = view.get("related_headlines") or []
    if headlines:
        st.markdown(f"**{t('related_headlines', lang_)}**")
        st.markdown("\n".join(f"- {escape_markdown(h, inline=True)}" for h in headlines))


def render_verification(view: Mapping[str, Any], lang_: str) -> None:
    """✅ verified, or ⚠️ with the verifier's reasons; notes (e.g. a replaced LLM answer) below."""
    if view.get("verified") is True:
        st.caption(":green[:material/verified:] " + t("verified", lang_))
    elif view.get("verified") is False:
        errors = view.get("verification_errors") or []
        body = "\n".join(f"- {escape_markdown(e, inline=True)}" for e in errors)
        st.warning(f"**{t('not_verified', lang_)}**" + (f"\n\n{body}" if body else ""), icon=":material/gpp_maybe:")
    for note in view.get("notes") or []:
        st.caption(escape_markdown(note, inline=True))


def render_answer(view: Mapping[str, Any], engine: Engine) -> None:
    """An answer as the reader sees it: how the question was understood, the answer with clickable [n],
    a mark when articles disagree, the source cards, related facts under a refusal, the verdict."""
    lang_ = view["language"]
    message_id = view.get("id")
    if view.get("understood_as"):
        q = escape_markdown(view["understood_as"], inline=True)
        st.caption(":material/edit_note: " + t("understood_as", lang_, q=f"**{q}**"))
    body = answer_markdown(view.get("text"), view.get("sources"), message_id)
    if view.get("refusal_reason") == NOT_A_QUESTION:  # a courtesy answered in kind: no refusal box
        st.markdown(body)
    elif view.get("refused"):
        reason = view.get("refusal_reason")
        icon = {NO_ARTICLES: ":material/library_add:", FILTERED_OUT: ":material/filter_alt_off:"}
        st.warning(f"**{escape_markdown(view.get('refusal_title'), inline=True)}**\n\n{body}",
                   icon=icon.get(reason, ":material/search_off:"))
        if reason == NO_ARTICLES:
            st.page_link(INGEST_PAGE, label=t("cta_add_articles", lang_), icon=":material/upload_file:")
        elif reason == FILTERED_OUT and any(st.session_state.get(key) for key in FILTER_DEFAULTS):
            st.button(t("clear_filters", lang_), key=f"clear_filters_{message_id}", on_click=clear_filters,
                      icon=":material/filter_alt_off:")
    else:
        st.markdown(body)
    if view.get("conflicting"):
        st.info(t("conflicting", lang_), icon=":material/balance:")
    articles = _articles_for(engine, view)
    sources = view.get("sources") or []
    if sources:
        st.caption(t("sources", lang_))
        for citation in sources:
            render_source_card(citation, articles.get(citation.get("article_id")), message_id, lang_)
    render_related(view, lang_)
    render_verification(view, lang_)


def _find(message_id: str) -> tuple[int | None, list[dict[str, Any]]]:
    messages = st.session_state.get(MESSAGES, [])
    index = next((i for i, m in enumerate(messages) if m.get("id") == message_id), None)
    return index, messages


def _feedback_line(message_id: str, path: Path, reason: str | None = None) -> None:
    index, messages = _find(message_id)
    if index is None:
        return
    message = messages[index]
    q_index = next((i for i in range(index - 1, -1, -1) if messages[i].get("role") == "user"), None)
    question = messages[q_index]["content"] if q_index is not None else None
    history = [m for m in messages[: q_index or 0] if not m.get("error")]
    append_jsonl(path, feedback_record(message, int(message["rating"]), history, question, reason=reason))


def _feedback_given(message_id: str, path: Path) -> None:
    """st.feedback callback: keep the rating on the message and store a line that can become an eval case."""
    index, messages = _find(message_id)
    if index is None:
        return
    rating = st.session_state.get(f"fb_{message_id}")
    messages[index]["rating"] = rating
    messages[index].pop("feedback_reason", None)
    if rating is None:
        return
    _feedback_line(message_id, path)
    st.toast(t("feedback_saved", lang()), icon=":material/thumbs_up_down:")


def _reason_given(message_id: str, path: Path) -> None:
    """Send-button callback: a thumbs down's reason, stored as a second line for the same answer."""
    index, messages = _find(message_id)
    reason = " ".join(str(st.session_state.get(f"fbr_{message_id}") or "").split())[:REASON_CHARS]
    if index is None or not reason or messages[index].get("rating") != 0:
        return
    messages[index]["feedback_reason"] = reason
    _feedback_line(message_id, path, reason)
    st.toast(t("feedback_saved", lang()), icon=":material/thumbs_up_down:")


def render_feedback(message: Mapping[str, Any], engine: Engine) -> None:
    """Thumbs up or down; a thumbs down opens a short optional reason."""
    message_id = message["id"]
    lang_ = answer_language(message, lang())
    key = f"fb_{message_id}"
    if key not in st.session_state and message.get("rating") is not None:
        st.session_state[key] = message["rating"]
    path = engine.settings.feedback_path
    st.feedback("thumbs", key=key, on_change=_feedback_given, args=(message_id, path))
    if message.get("rating") != 0:
        return
    if message.get("feedback_reason"):
        st.caption(t("feedback_reason_saved", lang_, r=escape_markdown(message["feedback_reason"], inline=True)))
        return
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    left.text_input(t("feedback_reason", lang_), key=f"fbr_{message_id}", max_chars=REASON_CHARS,
                    placeholder=t("feedback_reason_hint", lang_))
    right.button(t("feedback_reason_send", lang_), key=f"fbs_{message_id}", on_click=_reason_given,
                 args=(message_id, path))


def render_assistant(message: Mapping[str, Any], engine: Engine, lang_: str) -> None:
    """A stored assistant turn, drawn exactly as it looked when it was answered (in its own language)."""
    view = message_view(message, lang_)
    render_status(view)
    if view.get("error"):
        st.error(escape_markdown(view["error"], inline=True))
        return
    render_answer(view, engine)
    render_feedback(message, engine)
