"""Chat page: ask, see the question at once and what Siaga is doing, open each cited sentence, rate the answer."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import streamlit as st

from siaga.types import Filters, RefusalReason
from ui.answer_view import message_view
from ui.errors import user_message
from ui.export import answer_dict, history_of, new_id
from ui.i18n import EXAMPLES, t
from ui.render import escape_markdown
from ui.resources import Engine, get_engine
from ui.views import (
    ASSISTANT_AVATAR,
    INGEST_PAGE,
    MESSAGES,
    common_sidebar,
    conversation_sidebar,
    filters_sidebar,
    lang,
    mode_sidebar,
    render_answer,
    render_assistant,
    render_feedback,
    render_filter_chips,
)


def _escaped(pieces: Iterator[str]) -> Iterator[str]:
    """Stream pieces as safe Markdown (the answer quotes article text)."""
    for piece in pieces:
        yield escape_markdown(piece)


def _ask_example(question: str) -> None:
    st.session_state["pending_question"] = question


def answer_question(
    engine: Engine, question: str, filters: Filters | None, mode: str, started: float
) -> dict[str, Any]:
    """Answer under a live status ("loading the model", "searching", "reading", "checking"), then draw the
    verified answer and return the assistant message to keep.

    ``started`` is when this run received the question: the reported time is the wall time the user
    waited, loading included, not just the pipeline's own seconds.
    """
    ui_lang = lang()
    messages: list[dict[str, Any]] = st.session_state[MESSAGES]
    history = history_of([m for m in messages if not m.get("error")])
    message: dict[str, Any] = {"role": "assistant", "id": new_id(), "question": question,
                               "filters": filters.model_dump() if filters else None, "rating": None}
    phases: list[str] = []
    with st.chat_message("assistant", avatar=ASSISTANT_AVATAR):
        status = st.status(t("phase_waiting", ui_lang), state="running", expanded=False)
        body = st.empty()

        def on_phase(phase: Any) -> None:
            name = str(getattr(phase, "value", phase))
            if name not in phases:
                phases.append(name)
            status.update(label=t(f"phase_{name}", ui_lang), state="running")

        try:
            if not engine.ready:
                on_phase("loading")  # the first question of a process waits for the model
                engine.wait()
            siaga = engine.siaga(mode)
            stream = siaga.stream(question, history=history or None, filters=filters, on_phase=on_phase)
            with body.container():
                st.write_stream(_escaped(iter(stream)))
            answer = stream.answer
            if answer is None:  # the stream ended without an answer: a backend bug, not the user's
                raise RuntimeError("the answer stream produced no answer")
            candidates = list(stream.candidates or [])
            message.update(
                content=answer.text, answer=answer_dict(answer), lang=answer.language,
                status={
                    "question": question,
                    "passages": len(candidates),
                    "articles": len({c.article.id for c in candidates}),
                    "cited_articles": len({c.article_id for c in answer.citations}),
                    "corpus": engine.store.stats()["articles"],
                    "filters": message["filters"],
                    "mode": answer.mode,
                    "replaced": bool(stream.replaced),
                    "refused": answer.refused,
                    "refusal_reason": answer.refusal_reason,
                    "phases": phases,
                    "answer_seconds": round(float(answer.seconds or 0.0), 3),
                },
            )
            if answer.refusal_reason == RefusalReason.NOT_A_QUESTION:  # nothing was searched: say no search
                del message["status"]["passages"]
            view = message_view(message, ui_lang)
            with body.container():  # the final, verified answer replaces what was streamed
                render_answer(view, engine)
                render_feedback(message, engine)
            message["status"]["seconds"] = round(time.perf_counter() - started, 3)
            view = message_view(message, ui_lang)
            status.update(label=view["status_label"], state="complete", expanded=False)
            with status:
                st.markdown("\n".join(f"- {escape_markdown(line, inline=True)}" for line in view["status_details"]))
        except Exception as exc:  # shown in the chat as one line; the conversation goes on
            message.update(content="", error=user_message(exc, ui_lang), lang=ui_lang,
                           status={"seconds": round(time.perf_counter() - started, 3), "phases": phases})
            status.update(label=t("status_error", ui_lang), state="error", expanded=False)
            body.error(escape_markdown(message["error"], inline=True))
    return message


def _welcome(engine: Engine, lang_: str) -> None:
    st.caption(t("chat_intro", lang_))
    if engine.store.stats()["articles"] == 0:
        st.info(t("empty_corpus", lang_), icon=":material/library_add:")
        st.page_link(INGEST_PAGE, label=t("cta_add_articles", lang_), icon=":material/upload_file:")
        return
    st.markdown(f"**{t('examples', lang_)}**")
    for i, example in enumerate(EXAMPLES[lang_]):
        st.button(example, key=f"example_{i}", on_click=_ask_example, args=(example,), type="tertiary",
                  icon=":material/chat:")


def page() -> None:
    started = time.perf_counter()
    engine = get_engine()
    lang_ = lang()
    chips = st.bottom.container()  # created before the input, so the chips sit just above it
    typed = st.chat_input(t("ask", lang_), key="chat_input")
    question = (typed or st.session_state.pop("pending_question", None) or "").strip()
    messages: list[dict[str, Any]] = st.session_state.setdefault(MESSAGES, [])

    st.title("Siaga", anchor=False)
    st.caption(t("chat_tagline", lang_))
    if not messages and not question:
        _welcome(engine, lang_)
    for message in messages:
        if message.get("role") == "user":
            with st.chat_message("user"):
                st.markdown(escape_markdown(message.get("content", "")))
        else:
            with st.chat_message("assistant", avatar=ASSISTANT_AVATAR):
                render_assistant(message, engine, lang_)
    if question:  # echoed before anything slow: the sidebar, the model, the search
        with st.chat_message("user"):
            st.markdown(escape_markdown(question))

    common_sidebar(engine)
    filters = filters_sidebar(engine)
    mode = mode_sidebar(engine)
    render_filter_chips(chips, filters, lang_)
    if question:
        reply = answer_question(engine, question, filters, mode, started)
        messages.append({"role": "user", "content": question})
        messages.append(reply)
    conversation_sidebar()


page()
