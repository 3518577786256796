"""Articles page: search and browse what is stored, read one article, delete one (with confirmation)."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from ui.errors import user_message
from ui.i18n import t
from ui.render import article_markdown, domain_of, escape_markdown, link_markdown
from ui.resources import Engine, get_engine
from ui.views import INGEST_PAGE, common_sidebar, lang

MAX_CHOICES = 500


def _ask_delete(article_id: str) -> None:
    st.session_state["confirm_delete"] = article_id


def _cancel_delete() -> None:
    st.session_state.pop("confirm_delete", None)


def _delete(engine: Engine, article_id: str) -> None:
    """Button callback: delete through the ingest pipeline (vectors, chunks, BM25), then close the view."""
    from ingest.pipeline import IngestLockedError, Ingestor

    st.session_state.pop("confirm_delete", None)
    try:
        deleted = Ingestor(engine.settings).delete(article_id)
    except IngestLockedError as exc:
        st.session_state["article_notice"] = ("error", t("locked", lang(), e=exc))
        return
    except Exception as exc:  # one line, never a stack trace
        st.session_state["article_notice"] = ("error", user_message(exc, lang()))
        return
    if deleted is None:
        st.session_state["article_notice"] = ("warning", t("not_found", lang()))
        return
    st.session_state["article_open"] = None
    st.session_state["article_notice"] = ("success", t("deleted", lang(), id=deleted))


def _show_article(engine: Engine, article: Any, lang_: str) -> None:
    st.subheader(escape_markdown(article.title, inline=True))
    meta = [p for p in (article.outlet, article.published, article.region) if p]
    st.markdown(" · ".join(escape_markdown(str(p), inline=True) for p in meta) or "—")
    if article.url:
        host = domain_of(article.url)
        if host:
            st.markdown(":material/open_in_new: " + link_markdown(f"{t('open_original', lang_)} ({host})", article.url))
        else:
            st.caption(f"{escape_markdown(article.url, inline=True)} ({t('not_clickable', lang_)})")
    extra = []
    if article.author:
        extra.append(f"{t('author', lang_)}: {escape_markdown(article.author, inline=True)}")
    if article.source_path:
        extra.append(f"{t('source_file', lang_)}: {escape_markdown(article.source_path, inline=True)}")
    extra.append(f"id: {escape_markdown(article.id, inline=True)}")
    st.caption(" · ".join(extra))
    with st.container(height=480 if len(article.text) > 2500 else "content", border=True):
        st.markdown(article_markdown(article.text))
    if article.related_headlines:
        st.markdown(f"**{t('related_headlines', lang_)}**")
        st.markdown("\n".join(f"- {escape_markdown(h, inline=True)}" for h in article.related_headlines))

    if st.session_state.get("confirm_delete") == article.id:
        st.warning(t("confirm_delete", lang_, title=escape_markdown(article.title, inline=True)), icon="🗑️")
        cols = st.columns([1, 1, 4])
        cols[0].button(t("yes_delete", lang_), type="primary", on_click=_delete, args=(engine, article.id),
                       key="delete_yes")
        cols[1].button(t("cancel", lang_), on_click=_cancel_delete, key="delete_no")
    else:
        st.button(t("delete", lang_), icon=":material/delete:", on_click=_ask_delete, args=(article.id,),
                  key="delete_ask")


def _row_selected(ids: list[str]) -> None:
    """A click on a table row opens that article (the select box below shows it too)."""
    rows = st.session_state["article_table"].selection.rows
    if rows and rows[0] < len(ids):
        st.session_state["article_open"] = ids[rows[0]]
        st.session_state.pop("confirm_delete", None)


def page() -> None:
    engine = get_engine()
    common_sidebar(engine)
    lang_ = lang()
    st.title(t("articles_title", lang_))
    notice = st.session_state.pop("article_notice", None)
    if notice:
        getattr(st, notice[0])(notice[1])
    if engine.store.stats()["articles"] == 0:
        st.info(t("articles_empty", lang_), icon=":material/library_add:")
        st.page_link(INGEST_PAGE, label=t("cta_add_articles", lang_), icon=":material/upload_file:")
        return

    search = st.text_input(t("search", lang_), key="article_search", icon=":material/search:")
    rows = engine.store.summaries(search.strip() or None)
    st.caption(t("n_found", lang_, count=len(rows), n=len(rows)))
    st.dataframe(
        [
            {
                t("col_date", lang_): r.published or "",
                t("col_title", lang_): r.title,
                t("col_outlet", lang_): r.outlet or "",
                t("col_region", lang_): r.region or "",
                t("col_chunks", lang_): r.chunks,
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * max(len(rows), 1), 320),
        key="article_table",
        on_select=partial(_row_selected, [r.id for r in rows]),
        selection_mode="single-row",
    )
    shown = rows[:MAX_CHOICES]
    if len(rows) > MAX_CHOICES:
        st.caption(t("too_many", lang_, shown=MAX_CHOICES, n=len(rows)))
    labels = {r.id: f"{r.published or '—'} · {r.title} ({r.outlet or '—'})" for r in shown}
    current = st.session_state.get("article_open")
    if current is not None and current not in labels:
        st.session_state["article_open"] = None
    chosen = st.selectbox(
        t("open_article", lang_), [None, *labels], key="article_open",
        format_func=lambda i: t("choose", lang_) if i is None else labels.get(i, i),
    )
    if chosen:
        article = engine.store.get(chosen)
        if article is None:
            st.warning(t("not_found", lang_))
        else:
            st.divider()
            _show_article(engine, article, lang_)


page()
