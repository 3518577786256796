"""Chat page: ask, watch the answer stream in, open each cited sentence, rate the answer."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import streamlit as st

from siaga.types import Filters
from ui.export import answer_dict, history_of, new_id
from ui.i18n import EXAMPLES, question_language, t
from ui.render import escape_markdown
from ui.resources import Engine, get_engine
from ui.views import (
    ASSISTANT_AVATAR,
    MESSAGES,
    common_sidebar,
    conversation_sidebar,
    filters_sidebar,
    lang,
    mode_sidebar,
    render_answer_body,
    render_assistant,
    render_feedback,
    render_sources,
    render_status_details,
    render_verification,
    set_lang,
    status_label,
)


def _escaped(pieces: Iterator[str]) -> Iterator[str]:
    """Stream pieces as safe Markdown (the answer quotes article text)."""
    for piece in pieces:
        yield escape_markdown(piece)


def _ask_example(question: str) -> None:
    st.session_state["pending_question"] = question


def answer_question(engine: Engine, question: str, filters: Filters | None, mode: str) -> dict[str, Any]:
    """Stream one answer into the page and return the assistant message to keep in history."""
    lang_ = lang()
    messages: list[dict[str, Any]] = st.session_state[MESSAGES]
    history = history_of([m for m in messages if not m.get("error")])
    message: dict[str, Any] = {"role": "assistant", "id": new_id(), "question": question,
                               "filters": filters.model_dump() if filters else None, "rating": None}
    with st.chat_message("assistant", avatar=ASSISTANT_AVATAR):
        status = st.status(t("working", lang_), expanded=False)
        body = st.empty()
        try:
            if not engine.ready:
                with status, st.spinner(t("loading_model", lang_)):
                    engine.wait()
            siaga = engine.siaga(mode)
            started = time.perf_counter()
            stream = siaga.stream(question, history=history or None, filters=filters)
            with body.container():
                st.write_stream(_escaped(iter(stream)))
            answer = stream.answer
            if answer is None:  # the stream ended without an answer: a backend bug, not the user's
                raise RuntimeError("the answer stream produced no answer")
            data = answer_dict(answer)
            candidates = list(stream.candidates or [])
            info = {
                "question": question,
                "standalone": stream.standalone or answer.standalone_question or question,
                "passages": len(candidates),
                "articles": len({c.article.id for c in candidates}),
                "cited_articles": len({c.article_id for c in answer.citations}),
                "corpus": engine.store.stats()["articles"],
                "filters": message["filters"],
                "mode": answer.mode,
                "replaced": bool(stream.replaced),
                "refused": answer.refused,
                "seconds": answer.seconds or (time.perf_counter() - started),
            }
            message.update(content=answer.text, answer=data, status=info)
            with body.container():  # the final, verified answer replaces what was streamed
                render_answer_body(data, lang_)
                render_sources(engine, data, lang_)
                render_verification(data, lang_)
                render_feedback(message, engine)
            status.update(label=status_label(info, lang_), state="complete", expanded=False)
            with status:
                render_status_details(info, lang_)
        except Exception as exc:  # show it in the chat; the conversation goes on
            message.update(content="", error=f"{type(exc).__name__}: {exc}")
            status.update(state="error")
            body.error(t("error_answer", lang_, e=escape_markdown(message["error"], inline=True)))
    return message


def page() -> None:
    engine = get_engine()
    typed = st.chat_input(t("ask", lang()), key="chat_input")
    question = (typed or st.session_state.pop("pending_question", None) or "").strip()
    if question:
        set_lang(question_language(question))  # before the toggle is drawn: the UI follows the user
    common_sidebar(engine)
    filters = filters_sidebar(engine)
    mode = mode_sidebar(engine)
    lang_ = lang()
    messages: list[dict[str, Any]] = st.session_state.setdefault(MESSAGES, [])

    st.title("Siaga", anchor=False)
    st.caption(t("chat_tagline", lang_))
    if not messages and not question:
        st.caption(t("chat_intro", lang_))
        if engine.store.stats()["articles"] == 0:
            st.info(t("empty_corpus", lang_))
        else:
            st.markdown(f"**{t('examples', lang_)}**")
            for i, example in enumerate(EXAMPLES[lang_]):
                st.button(example, key=f"example_{i}", on_click=_ask_example, args=(example,), type="tertiary",
                          icon=":material/chat:")

    for message in messages:
        if message.get("role") == "user":
            with st.chat_message("user"):
                st.markdown(escape_markdown(message.get("content", "")))
        else:
            with st.chat_message("assistant", avatar=ASSISTANT_AVATAR):
                render_assistant(message, engine, lang_)

    if question:
        with st.chat_message("user"):
            st.markdown(escape_markdown(question))
        reply = answer_question(engine, question, filters, mode)
        messages.append({"role": "user", "content": question})
        messages.append(reply)

    conversation_sidebar()


page()
