"""Siaga's Streamlit app: `streamlit run app.py` (or `python -m ui.serve`, which also warms the model at start).

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

from ui.errors import is_operational, user_message  # noqa: E402
from ui.i18n import t  # noqa: E402
from ui.render import escape_markdown  # noqa: E402
from ui.resources import get_settings  # noqa: E402
from ui.views import begin_run, lang, save_conversation  # noqa: E402

WIDE_PAGES = {"articles", "evaluation"}  # tables; the chat reads better in a narrow column
# A local file. A Material icon name as page icon (set_page_config, or st.Page: the browser shows the
# page's icon as favicon) makes the browser fetch an SVG from fonts.gstatic.com; emoji become data URLs.
FAVICON = ROOT / "ui" / "static" / "siaga.png"

settings = get_settings()
begin_run(settings)  # the kept conversation and the interface language, before any label is drawn
lang_ = lang()
pages = [
    st.Page(ROOT / "pages_siaga" / "chat.py", title=t("nav_chat", lang_), icon="💬",
            url_path="chat", default=True),
    st.Page(ROOT / "pages_siaga" / "articles.py", title=t("nav_articles", lang_), icon="📰",
            url_path="articles"),
    st.Page(ROOT / "pages_siaga" / "ingest.py", title=t("nav_ingest", lang_), icon="📥",
            url_path="ingest"),
    st.Page(ROOT / "pages_siaga" / "evaluation.py", title=t("nav_eval", lang_), icon="📊",
            url_path="evaluation"),
]
page = st.navigation(pages)
st.set_page_config(page_title="Siaga", page_icon=str(FAVICON), initial_sidebar_state="expanded",
                   layout="wide" if page.url_path in WIDE_PAGES else "centered")
try:
    page.run()
except Exception as exc:
    if not is_operational(exc):
        raise  # a bug: Streamlit shows it, with its traceback, to whoever runs the app
    st.error(escape_markdown(user_message(exc, lang_), inline=True), icon=":material/error:")
save_conversation(settings)
