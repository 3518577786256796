"""Siaga's Streamlit app: `streamlit run app.py`.

Pages live in ``pages_siaga/``; shared state and rendering in ``ui/``. Heavy objects (embedding
model, Chroma, BM25) are created once per process in ``ui.resources`` and loaded in the background,
so the first page renders immediately. Settings come from ``SIAGA_*`` environment variables.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # `streamlit run` from elsewhere, or without `pip install -e .`
    sys.path.insert(0, str(ROOT))

from ui.i18n import question_language, t  # noqa: E402
from ui.views import lang, set_lang  # noqa: E402

WIDE_PAGES = {"articles", "evaluation"}  # tables; the chat reads better in a narrow column

# A question just submitted decides this run's language, before the navigation labels are drawn.
submitted = st.session_state.get("chat_input")
if isinstance(submitted, str) and submitted.strip():
    set_lang(question_language(submitted))
lang_ = lang()
pages = [
    st.Page(ROOT / "pages_siaga" / "chat.py", title=t("nav_chat", lang_), icon=":material/forum:",
            url_path="chat", default=True),
    st.Page(ROOT / "pages_siaga" / "articles.py", title=t("nav_articles", lang_), icon=":material/article:",
            url_path="articles"),
    st.Page(ROOT / "pages_siaga" / "ingest.py", title=t("nav_ingest", lang_), icon=":material/upload_file:",
            url_path="ingest"),
    st.Page(ROOT / "pages_siaga" / "evaluation.py", title=t("nav_eval", lang_), icon=":material/monitoring:",
            url_path="evaluation"),
]
page = st.navigation(pages)
st.set_page_config(page_title="Siaga", page_icon=":material/shield:", initial_sidebar_state="expanded",
                   layout="wide" if page.url_path in WIDE_PAGES else "centered")
page.run()
